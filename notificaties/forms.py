from django import forms
from django.contrib.auth import get_user_model


class MeldingenPerMailForm(forms.Form):
    """How the meldingen reach the person by mail: one by one, or in one mail a day."""

    meldingen_per_mail = forms.ChoiceField(
        label="Hoe wilt u meldingen per mail krijgen?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies hoe u meldingen per mail wilt krijgen.",
            "invalid_choice": "Kies hoe u meldingen per mail wilt krijgen.",
        },
    )
    overzicht_uur = forms.TypedChoiceField(
        label="Tijdstip van het dagelijks overzicht",
        coerce=int,
        help_text="Alleen bij één mail per dag. U krijgt het overzicht kort na dit hele uur "
        "(Nederlandse tijd), als er iets nieuw is of er een actie voor u openstaat.",
        error_messages={
            "required": "Kies een tijdstip voor het dagelijks overzicht.",
            "invalid_choice": "Kies een heel uur tussen 00:00 en 23:00.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gebruiker = get_user_model()
        self.fields["meldingen_per_mail"].choices = gebruiker.MeldingenPerMail.choices
        self.fields["overzicht_uur"].choices = gebruiker.OVERZICHT_UREN

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from hulpvragen.forms import voeg_versie_toe
from kindkans.grenzen import OMSCHRIJVING_MAX, REACTIE_MAX, BegrensdeTekst

from .models import MAX_DAGEN, Overlegronde, controleer_einddatum

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OverlegrondeForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=200)
    omschrijving = BegrensdeTekst(
        label="Omschrijving",
        max_length=OMSCHRIJVING_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Geef aan wat u verwacht van degene die u wilt laten meekijken in het dossier.",
    )
    einddatum = forms.DateField(
        label="Einddatum",
        widget=DATUM,
        help_text="Maximaal 2 weken. Na die tijd stopt de inzage van het dossier voor degene "
        "die meekijkt.",
    )
    deelnemers = forms.TypedMultipleChoiceField(
        label="Geselecteerde deelnemers",
        coerce=int,
        error_messages={
            "required": "Kies ten minste één deelnemer.",
            "invalid_choice": "Kies alleen deelnemers uit de lijst.",
        },
    )

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemers"].choices = keuzes
        self.fields["einddatum"].initial = timezone.localdate() + datetime.timedelta(days=MAX_DAGEN)

    def clean_einddatum(self):
        einddatum = self.cleaned_data["einddatum"]
        try:
            controleer_einddatum(einddatum)
        except ValidationError as fout:
            raise ValidationError(fout.message_dict["einddatum"]) from fout
        return einddatum


class EinddatumForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        voeg_versie_toe(self)

    class Meta:
        model = Overlegronde
        fields = ["einddatum"]
        widgets = {"einddatum": DATUM}


class ReactieForm(forms.Form):
    tekst = BegrensdeTekst(
        label="Uw reactie",
        max_length=REACTIE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Vul uw reactie in."},
    )

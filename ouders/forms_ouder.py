"""The forms of the parents' own pages (ouders.ouderviews): the code, an answer, a zienswijze."""

import re

from django import forms
from django.core.exceptions import ValidationError

from kindkans.grenzen import REACTIE_MAX, BegrensdeTekst

from .models import Toestemming


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code uit de e-mail",
        max_length=20,
        help_text="De code heeft 6 cijfers.",
        error_messages={"required": "Vul de code uit de e-mail in."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )

    def clean_code(self):
        # People copy a code with spaces around or in the middle ("123 456").
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise ValidationError(
                "Een code heeft 6 cijfers, zonder letters. Kijk nog eens in de e-mail."
            )
        return code


class AntwoordForm(forms.Form):
    """Yes or no to one question the parent was asked (the buttons of the page send both)."""

    soort = forms.ModelChoiceField(queryset=None)
    besluit = forms.ChoiceField(choices=Toestemming.Besluit.choices)

    def __init__(self, *args, soorten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].queryset = soorten


class ZienswijzeForm(forms.Form):
    tekst = BegrensdeTekst(
        label="Wat vindt u ervan?",
        max_length=REACTIE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Schrijf het op in uw eigen woorden. De school en de betrokkenen lezen het.",
        error_messages={"required": "U heeft nog niets geschreven. Schrijf eerst uw mening op."},
    )

    def __init__(self, *args, in_overleg=False, **kwargs):
        super().__init__(*args, **kwargs)
        if in_overleg:
            self.fields["tekst"].label = "Uw reactie"
            self.fields[
                "tekst"
            ].help_text = "Schrijf het op in uw eigen woorden. De mensen van het overleg lezen het."
            self.fields["tekst"].error_messages["required"] = (
                "U heeft nog niets geschreven. Schrijf eerst uw reactie op."
            )

from django import forms

from .models import INVULLENDE_ROLLEN, FormulierDefinitie, Veld, VeldType
from .velden import SOORTEN


class IngevuldFormulierForm(forms.Form):
    """The base of every form built from a definition (see formulier_klasse)."""

    velden = ()  # the field specs this class was built from

    def waarden(self):
        """The cleaned input as it is stored in Formulier.waarden."""
        return {
            spec["sleutel"]: SOORTEN[spec["type"]].naar_json(self.cleaned_data.get(spec["sleutel"]))
            for spec in self.velden
        }

    def gekozen_hulpvraag(self):
        for spec in self.velden:
            if spec["type"] == VeldType.HULPVRAAG:
                return self.cleaned_data.get(spec["sleutel"])
        return None


def formulier_klasse(velden, *, keuzes, waarden=None, met_versie=False):
    """A Django form class with one field per spec, each of the class its VeldType names.

    `waarden` are the stored values (a person chosen earlier stays a valid choice); with
    `met_versie` the class carries the hidden version the edit started from.
    """
    waarden = waarden or {}
    attrs = {"velden": tuple(velden)}
    for spec in velden:
        attrs[spec["sleutel"]] = SOORTEN[spec["type"]].veld(
            spec, keuzes, waarden.get(spec["sleutel"])
        )
    if met_versie:
        attrs["versie"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    return type("IngevuldFormulierForm", (IngevuldFormulierForm,), attrs)


def initial_uit(velden, waarden):
    """The initial values of the form for these stored values."""
    return {
        spec["sleutel"]: SOORTEN[spec["type"]].naar_initial(waarden.get(spec["sleutel"]))
        for spec in velden
    }


class KiesDefinitieForm(forms.Form):
    """Which form to fill: on the Formulieren tab and on the Formulieren overview."""

    definitie = forms.ModelChoiceField(
        label="Formulier",
        queryset=FormulierDefinitie.objects.none(),
        empty_label="— kies een formulier —",
        error_messages={
            "required": "Kies het formulier dat u wilt invullen.",
            "invalid_choice": "Dit formulier kunt u hier niet invullen; kies een ander.",
        },
    )

    def __init__(self, *args, definities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definitie"].queryset = definities


# --- Admin -------------------------------------------------------------------------------------


class FormulierDefinitieAdminForm(forms.ModelForm):
    rollen = forms.MultipleChoiceField(
        label="Rollen die het invullen",
        choices=[(rol.value, rol.label) for rol in INVULLENDE_ROLLEN],
        widget=forms.CheckboxSelectMultiple,
        help_text="Alleen wie in de omgeving een van deze rollen heeft, kan dit formulier "
        "invullen en wijzigen (en alleen bij een hulpvraag waarvan hij of zij de formulieren "
        "mag zien).",
        error_messages={"required": "Kies ten minste één rol die dit formulier invult."},
    )

    class Meta:
        model = FormulierDefinitie
        fields = ["omgeving", "naam", "toelichting", "rollen", "eenmalig", "actief"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 3})}


class VeldInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        hulpvraagvelden = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("type") == VeldType.HULPVRAAG
        ]
        if len(hulpvraagvelden) > 1:
            raise forms.ValidationError(
                "Een formulier heeft hooguit één veld van de soort Hulpvraag."
            )


class VeldAdminForm(forms.ModelForm):
    class Meta:
        model = Veld
        fields = ["volgorde", "label", "type", "verplicht", "helptekst", "keuzes"]
        widgets = {"keuzes": forms.Textarea(attrs={"rows": 3, "cols": 30})}

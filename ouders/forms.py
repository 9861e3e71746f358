"""The forms of the involved: parents on the leerling, consent registered by the school, an
invitation to a parent, de stem van de leerling. Each says in Dutch what is wrong at the field;
the rules behind them are in services."""

import datetime

from django import forms
from django.utils import timezone

from hulpvragen.services import controleer_bestand
from kindkans.grenzen import OMSCHRIJVING_MAX, REACTIE_MAX, BegrensdeTekst

from .models import Ouder, StemVanDeLeerling, Toestemming, Toestemmingssoort

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
VINKJE = "kindkans/forms/vinkje.html"

# What the school registers: a parent's answer given on paper or in a conversation.
DOOR_DE_SCHOOL = [
    (Toestemming.Wijze.OP_PAPIER, "op papier (ondertekend formulier)"),
    (Toestemming.Wijze.MONDELING, "mondeling (in een gesprek of telefonisch)"),
]


class OuderKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({obj.get_relatie_display()})"


def kies_uit(veld, model, rijen):
    """Offer these rows, which the page has read already, in a model choice field: the form
    shows them without a query of its own, and accepts only them (on a POST the field checks
    the choice against the database, among these)."""
    veld.queryset = model.objects.filter(pk__in=[rij.pk for rij in rijen])
    leeg = [] if veld.empty_label is None else [("", veld.empty_label)]
    veld.widget.choices = [*leeg, *((rij.pk, veld.label_from_instance(rij)) for rij in rijen)]


class OuderForm(forms.ModelForm):
    """A parent or carer of the leerling, as the IB/COO keeps them current."""

    class Meta:
        model = Ouder
        fields = ["naam", "relatie", "email", "gezag"]
        help_texts = {
            "email": "Nodig om de ouder digitaal om toestemming te vragen of te laten meelezen.",
        }
        error_messages = {
            "naam": {"required": "Vul de naam van de ouder/verzorger in."},
            "relatie": {"required": "Kies de relatie tot de leerling."},
            "email": {"invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relatie"].choices = [("", "Kies de relatie"), *Ouder.Relatie.choices]
        self.fields["gezag"].template_name = VINKJE


class ToestemmingForm(forms.Form):
    """The IB/COO registers what a parent agreed to (or declined), on paper or in a
    conversation."""

    ouder = OuderKeuze(
        label="Ouder/verzorger",
        queryset=Ouder.objects.none(),
        empty_label="Kies de ouder/verzorger",
        error_messages={
            "required": "Kies de ouder/verzorger die het antwoord gaf.",
            "invalid_choice": "Kies een ouder/verzorger van deze leerling.",
        },
    )
    soort = forms.ModelChoiceField(
        label="Toestemming voor",
        queryset=None,
        empty_label="Kies waarvoor",
        error_messages={
            "required": "Kies waarvoor de ouder toestemming gaf of weigerde.",
            "invalid_choice": "Kies een soort toestemming uit de lijst.",
        },
    )
    besluit = forms.ChoiceField(
        label="Antwoord van de ouder",
        choices=Toestemming.Besluit.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies of de ouder toestemming gaf.",
            "invalid_choice": "Kies of de ouder toestemming gaf.",
        },
    )
    wijze = forms.ChoiceField(
        label="Hoe",
        choices=DOOR_DE_SCHOOL,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies hoe de ouder het antwoord gaf.",
            "invalid_choice": "Kies hoe de ouder het antwoord gaf.",
        },
    )
    datum = forms.DateField(
        label="Datum",
        widget=DATUM,
        help_text="De dag waarop de ouder het antwoord gaf of het formulier tekende.",
        error_messages={
            "required": "Vul de datum in.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 14-03-2026.",
        },
    )
    bestand = forms.FileField(
        label="Ondertekend formulier",
        required=False,
        help_text="Niet verplicht. PDF, Word of een afbeelding (scan of foto). Het komt bij de "
        "bijlagen van de hulpvraag.",
        error_messages={"empty": "Het bestand is leeg."},
    )
    toelichting = BegrensdeTekst(
        label="Toelichting",
        required=False,
        max_length=REACTIE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Niet verplicht. Bijvoorbeeld: afspraken of voorwaarden van de ouder.",
    )

    def __init__(self, *args, ouders, soorten, **kwargs):
        super().__init__(*args, **kwargs)
        kies_uit(self.fields["ouder"], Ouder, ouders)
        kies_uit(self.fields["soort"], Toestemmingssoort, soorten)
        self.fields["datum"].initial = timezone.localdate

    def clean_bestand(self):
        bestand = self.cleaned_data.get("bestand")
        if bestand:
            controleer_bestand(bestand)
        return bestand or None

    def moment(self):
        return moment_van(self.cleaned_data["datum"])


def moment_van(datum):
    """The moment to record for a day the user typed: now for today, else midday of that day (a
    day ahead lands in the future, which the services refuse)."""
    if datum == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time(12)))


class IntrekkenForm(forms.Form):
    """The IB/COO registers that a parent withdrew a consent, and on which day."""

    wijze = forms.ChoiceField(
        label="Hoe trok de ouder de toestemming in?",
        choices=DOOR_DE_SCHOOL,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies hoe de ouder de toestemming introk.",
            "invalid_choice": "Kies hoe de ouder de toestemming introk.",
        },
    )
    datum = forms.DateField(
        label="Datum van intrekken",
        widget=DATUM,
        help_text="De dag waarop de ouder de toestemming introk.",
        error_messages={
            "required": "Vul de datum in.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 14-03-2026.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate

    def moment(self):
        return moment_van(self.cleaned_data["datum"])


class UitnodigenForm(forms.Form):
    """Ask a parent by mail for consent: the mail carries a personal link."""

    ouder = OuderKeuze(
        label="Ouder/verzorger",
        queryset=Ouder.objects.none(),
        empty_label="Kies de ouder/verzorger",
        help_text="Alleen ouders/verzorgers met gezag en een e-mailadres.",
        error_messages={
            "required": "Kies de ouder/verzorger die u wilt uitnodigen.",
            "invalid_choice": "Kies een ouder/verzorger met gezag en een e-mailadres.",
        },
    )
    soorten = forms.ModelMultipleChoiceField(
        label="Waarvoor vraagt u toestemming?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Kies waarvoor u toestemming vraagt.",
            "invalid_choice": "Kies alleen soorten toestemming uit de lijst.",
            "invalid_pk_value": "Kies alleen soorten toestemming uit de lijst.",
        },
    )
    bericht = BegrensdeTekst(
        label="Bericht aan de ouder",
        required=False,
        max_length=OMSCHRIJVING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Niet verplicht. Staat in de mail. Schrijf kort en in eenvoudige woorden.",
    )

    def __init__(self, *args, ouders, soorten, **kwargs):
        super().__init__(*args, **kwargs)
        kies_uit(self.fields["ouder"], Ouder, ouders)
        kies_uit(self.fields["soorten"], Toestemmingssoort, soorten)


class OverlegOuderForm(forms.Form):
    """Invite a parent into an open overlegronde: they read along and react until its end."""

    ouder = OuderKeuze(
        label="Ouder/verzorger",
        queryset=Ouder.objects.none(),
        empty_label="Kies de ouder/verzorger",
        help_text="Alleen ouders/verzorgers met gezag en een e-mailadres.",
        error_messages={
            "required": "Kies de ouder/verzorger die u wilt uitnodigen.",
            "invalid_choice": "Kies een ouder/verzorger met gezag en een e-mailadres.",
        },
    )
    bericht = BegrensdeTekst(
        label="Bericht aan de ouder",
        required=False,
        max_length=OMSCHRIJVING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Niet verplicht. Staat in de mail.",
    )

    def __init__(self, *args, ouders, **kwargs):
        super().__init__(*args, **kwargs)
        kies_uit(self.fields["ouder"], Ouder, ouders)


class StemForm(forms.ModelForm):
    """De stem van de leerling: how and when the pupil was heard, and what the pupil said."""

    class Meta:
        model = StemVanDeLeerling
        fields = ["gehoord_op", "hoe", "wat", "gedeeld_met_deelnemers"]
        widgets = {"gehoord_op": DATUM, "wat": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"wat": BegrensdeTekst}
        error_messages = {
            "gehoord_op": {
                "required": "Vul in wanneer de leerling gehoord is.",
                "invalid": "Vul een geldige datum in, bijvoorbeeld 14-03-2026.",
            },
            "hoe": {"required": "Kies hoe de leerling gehoord is."},
            "wat": {"required": "Vul in wat de leerling zegt of wil."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hoe"].choices = [("", "Kies hoe"), *StemVanDeLeerling.Hoe.choices]
        self.fields["gehoord_op"].initial = timezone.localdate
        self.fields["gedeeld_met_deelnemers"].template_name = VINKJE

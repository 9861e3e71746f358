import functools

import django_filters
from django import forms
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from accounts.models import Organisatie
from kindkans.formulieren_weergave import LangeKeuzelijst
from kindkans.grenzen import STATUS_OMSCHRIJVING_MAX, BegrensdeTekst, controleer_zoekterm
from kindkans.zoeken import zoekvorm

from . import workflow
from .models import Aanpak, Hulpvraag, te_laat_filter
from .selectors import coordinator_keuzes
from .services import controleer_bestand
from .workflow import Status

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def bied_personen_aan(veld, *, personen, omgeving, leeg, verplicht_bericht):
    """Make a ModelChoiceField offer the coördinatoren/behandelaars grouped by rol, each as
    "Naam (Organisatie)". `personen` is the queryset a posted choice is checked against; the
    list itself is read in one query, only when it is shown. `leeg` is the first, empty
    option, or None when someone is already chosen (then there is no empty option at all)."""
    veld.queryset = personen
    veld.empty_label = leeg
    groepen = functools.cache(lambda: coordinator_keuzes(omgeving=omgeving))
    veld.choices = lambda: ([("", leeg)] if leeg else []) + groepen()
    veld.error_messages["required"] = verplicht_bericht
    veld.error_messages["invalid_choice"] = (
        "Kies een schakelfunctionaris verbinding onderwijs/jeugdhulp of een regierolhouder "
        "uit de lijst."
    )


class KiesLeerlingForm(forms.Form):
    leerling = forms.ModelChoiceField(
        label="Leerling",
        queryset=None,
        empty_label="— kies een leerling —",
        error_messages={"required": "Kies de leerling voor wie de hulpvraag is."},
    )

    def __init__(self, *args, leerlingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerling"].queryset = leerlingen


class HulpvraagForm(forms.ModelForm):
    class Meta:
        model = Hulpvraag
        fields = ["titel", "omschrijving", "coordinator"]
        help_texts = {
            "titel": "Geef 'Team Schoolondersteuning' mee, dan kunt u daar later op zoeken.",
            "coordinator": "Eerst de schakelfunctionaris verbinding onderwijs/jeugdhulp; na het "
            "overleg wijzigt u dit in de regierolhouder.",
        }
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"omschrijving": BegrensdeTekst}

    def __init__(self, *args, coordinatoren, omgeving, tweede=False, **kwargs):
        super().__init__(*args, **kwargs)
        if tweede:
            # Offered when the child already has an open hulpvraag. Not required here: whether
            # it must be ticked is services.maak_hulpvraag's rule, and its error lands here.
            self.fields["bevestig_tweede"] = forms.BooleanField(
                label="Ik weet dat er al een hulpvraag loopt en wil toch een nieuwe inzetten",
                required=False,
                template_name="kindkans/forms/vinkje.html",
            )
        bied_personen_aan(
            self.fields["coordinator"],
            personen=coordinatoren,
            omgeving=omgeving,
            leeg="Kies de coördinator",
            verplicht_bericht="Kies de coördinator: eerst de schakelfunctionaris verbinding "
            "onderwijs/jeugdhulp.",
        )


def voeg_versie_toe(form):
    """Carry the versie the edit started from, so a stale save becomes a conflict. Not
    required: a post without it (a script, an old open page) is saved as before, unchecked."""
    form.fields["versie"] = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, required=False, initial=form.instance.versie
    )


class HulpvraagWijzigForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        voeg_versie_toe(self)

    class Meta:
        model = Hulpvraag
        fields = ["titel", "omschrijving"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"omschrijving": BegrensdeTekst}


class CoordinatorForm(forms.Form):
    coordinator = forms.ModelChoiceField(label="Coördinator", queryset=None)

    def __init__(self, *args, coordinatoren, omgeving, **kwargs):
        super().__init__(*args, **kwargs)
        # The current coördinator is always chosen: no empty option.
        bied_personen_aan(
            self.fields["coordinator"],
            personen=coordinatoren,
            omgeving=omgeving,
            leeg=None,
            verplicht_bericht="Kies de nieuwe coördinator.",
        )


class StatusForm(forms.Form):
    naar = forms.ChoiceField(
        label="Nieuwe status",
        error_messages={
            "required": "Kies de nieuwe status.",
            "invalid_choice": "Deze status kan nu niet worden gekozen.",
        },
    )
    omschrijving = BegrensdeTekst(
        label="Omschrijving",
        required=False,
        max_length=STATUS_OMSCHRIJVING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Geef indien nodig een toelichting op de status.",
    )

    def __init__(self, *args, hulpvraag, rechten, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what this person may choose from the current status, and nothing preselected:
        # one careless "Status opslaan" must not move the hulpvraag.
        self.overgangen = [
            (naar.value, overgang.knop)
            for naar, overgang in workflow.mogelijke_overgangen(hulpvraag.status, rechten)
        ]
        self.fields["naar"].choices = [("", "Kies de nieuwe status"), *self.overgangen]


class AanpakForm(forms.ModelForm):
    class Meta:
        model = Aanpak
        fields = ["titel", "omschrijving", "startdatum", "einddatum", "behandelaar"]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 5}),
            "startdatum": DATUM,
            "einddatum": DATUM,
        }
        field_classes = {"omschrijving": BegrensdeTekst}
        # The work instruction: "Bij BEHANDELAAR voeg je regierolhouder toe". The list offers
        # whoever may be behandelaar (hulpvragen.selectors.mogelijke_coordinatoren), so the
        # texts say that too.
        help_texts = {
            "behandelaar": "Meestal de regierolhouder; een schakelfunctionaris verbinding "
            "onderwijs/jeugdhulp kan ook behandelaar zijn."
        }

    def __init__(self, *args, behandelaars, omgeving, **kwargs):
        super().__init__(*args, **kwargs)
        bied_personen_aan(
            self.fields["behandelaar"],
            personen=behandelaars,
            omgeving=omgeving,
            # A new aanpak has no behandelaar yet; a saved one keeps its own chosen.
            leeg=None if self.instance.behandelaar_id else "Kies een behandelaar",
            verplicht_bericht="Kies de behandelaar: wie de hulpvraag oppakt, meestal de "
            "regierolhouder.",
        )
        if self.instance.pk:
            voeg_versie_toe(self)


class BijlageForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand",
        help_text="PDF, Word, Excel of een afbeelding.",
        error_messages={
            "required": "Kies een bestand.",
            "empty": "Het bestand is leeg.",
        },
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        controleer_bestand(bestand)
        return bestand


class Sortering(django_filters.OrderingFilter):
    """Sorting on termijn puts the hulpvragen without one (no termijn runs) last, either way."""

    def get_ordering_value(self, param):
        waarde = super().get_ordering_value(param)
        if waarde.lstrip("-") == "termijn":
            termijn = F("termijn")
            if waarde.startswith("-"):
                return termijn.desc(nulls_last=True)
            return termijn.asc(nulls_last=True)
        return waarde


class HulpvraagFilter(django_filters.FilterSet):
    """Search, filters and sorting of the Hulpvragen tab."""

    zoek = django_filters.CharFilter(
        label="Zoeken", method="filter_zoek", validators=[controleer_zoekterm]
    )
    weergave = django_filters.ChoiceFilter(
        label="Toon",
        choices=[("open", "Openstaande hulpvragen"), ("afgerond", "Afgeronde hulpvragen")],
        empty_label=None,
        method="filter_weergave",
    )
    status = django_filters.ChoiceFilter(label="Status", choices=Status.choices, empty_label="Alle")
    # Choices as (id, naam) pairs: an SWV may have 300 schools, and model instances for each
    # on every list page cost more than the rest of the filter bar.
    school = django_filters.ChoiceFilter(
        label="School",
        field_name="leerling__school_id",
        choices=[],
        empty_label="Alle scholen",
        widget=LangeKeuzelijst,
    )
    # The termijn is kept by werk.termijnen (Hulpvraag.termijn); a hulpvraag is te laat when
    # its last day lies before today (filter_queryset annotates `te_laat` on every row).
    termijn = django_filters.ChoiceFilter(
        label="Termijn",
        choices=[("te_laat", "Alleen te laat")],
        empty_label="Alle",
        method="filter_termijn",
    )
    sorteer = Sortering(
        label="Sorteren",
        fields=[
            ("aangemaakt_op", "aangemaakt_op"),
            ("gewijzigd_op", "gewijzigd_op"),
            ("leerling__achternaam", "leerling"),
            ("titel", "titel"),
            ("status", "status"),
            ("termijn", "termijn"),
        ],
        field_labels={
            "aangemaakt_op": "Aangemaakt (oud → nieuw)",
            "-aangemaakt_op": "Aangemaakt (nieuw → oud)",
            "gewijzigd_op": "Laatst gewijzigd (oud → nieuw)",
            "-gewijzigd_op": "Laatst gewijzigd (nieuw → oud)",
            "leerling": "Leerling (A → Z)",
            "-leerling": "Leerling (Z → A)",
            "titel": "Titel (A → Z)",
            "-titel": "Titel (Z → A)",
            "status": "Status",
            "-status": "Status (omgekeerd)",
            "termijn": "Termijn (vroegste eerst)",
            "-termijn": "Termijn (laatste eerst)",
        },
        empty_label="Standaard (nieuwste eerst)",
    )

    class Meta:
        model = Hulpvraag
        fields = []

    def __init__(self, data=None, *args, omgeving, zoek_via_index=True, **kwargs):
        self.zoek_via_index = zoek_via_index
        data = data.copy() if data is not None else {}
        data.setdefault("weergave", "open")
        super().__init__(data, *args, **kwargs)
        self.filters["school"].extra["choices"] = list(
            Organisatie.objects.scholen().filter(omgeving=omgeving).values_list("pk", "naam")
        )

    def filter_queryset(self, queryset):
        # A search that is too long shows its message and no hulpvragen, never a slow query.
        if "zoek" in self.form.errors:
            return queryset.none()
        # Computed in the list's own query, for the rows of a page only.
        queryset = queryset.annotate(te_laat=ExpressionWrapper(te_laat_filter(), BooleanField()))
        return super().filter_queryset(queryset)

    def filter_termijn(self, queryset, name, value):
        if value == "te_laat":
            return queryset.filter(te_laat=True)
        return queryset

    def filter_zoek(self, queryset, name, value):
        for woord in value.split():
            nummer = woord.upper().removeprefix("HV-").lstrip("0")
            # Titel and the leerling's names are one column (Hulpvraag.zoektekst), so one index
            # answers the word instead of an OR across two tables: for whoever sees very many.
            # Whoever sees at most a list's maximum is searched by strpos() within their own
            # rows: the planner cannot tell how many a short word matches, and started from
            # the trigram index a regierolhouder's "jong" read its 20,000 matches in the whole
            # installation to find 4 of her 300 (50 ms at a million hulpvragen).
            if self.zoek_via_index:
                vraag = Q(zoektekst__contains=zoekvorm(woord))
            else:
                vraag = Q(GreaterThan(StrIndex("zoektekst", Value(zoekvorm(woord))), 0))
            if nummer.isdigit():
                vraag |= Q(pk=int(nummer))
            queryset = queryset.filter(vraag)
        return queryset

    def filter_weergave(self, queryset, name, value):
        if value == "afgerond":
            return queryset.filter(status=Status.AFGEROND)
        return queryset.exclude(status=Status.AFGEROND)

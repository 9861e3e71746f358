"""One Django form field per VeldType, and how its value is stored (JSON) and shown.

Every type knows four things: the form field it becomes, how its cleaned value is stored in
Formulier.waarden, how a stored value goes back into the form, and how it reads on screen.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.db.models import Q
from django.forms.boundfield import BoundField
from django.utils import formats

from accounts.models import Gebruiker
from hulpvragen.models import Hulpvraag

from .models import VeldType

LEEG = "—"
DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GroepBoundField(BoundField):
    """A group of radio buttons or check boxes: the legend says it is required; an
    aria-required on every single box would claim each box must be ticked."""


@dataclass
class Keuzes:
    """What the person may pick in a persoon or hulpvraag field."""

    personen: object  # (rollen=a persoon field's keuzes) -> Gebruiker queryset
    hulpvragen: object  # Hulpvraag queryset
    vaste_hulpvraag: Hulpvraag | None = None  # the form belongs to this hulpvraag already


class PersoonVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class JaNeeVeld(forms.NullBooleanField):
    """Ja or Nee; unanswered is allowed unless the field is required (NullBooleanField itself
    never requires an answer)."""

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")


def _basis(spec):
    return {"label": spec["label"], "help_text": spec["helptekst"], "required": spec["verplicht"]}


def _korte_tekst(spec, keuzes, huidig):
    return forms.CharField(max_length=255, **_basis(spec))


def _lange_tekst(spec, keuzes, huidig):
    return forms.CharField(
        max_length=10000, widget=forms.Textarea(attrs={"rows": 5}), **_basis(spec)
    )


def _datum(spec, keuzes, huidig):
    return forms.DateField(widget=DATUM, **_basis(spec))


def _getal(spec, keuzes, huidig):
    return forms.DecimalField(max_digits=12, decimal_places=2, **_basis(spec))


def _ja_nee(spec, keuzes, huidig):
    return JaNeeVeld(
        widget=forms.RadioSelect(choices=[(True, "Ja"), (False, "Nee")]),
        bound_field_class=GroepBoundField,
        **_basis(spec),
    )


def _een_keuze(spec, keuzes, huidig):
    return forms.ChoiceField(
        choices=[("", "— maak een keuze —"), *((k, k) for k in spec["keuzes"])], **_basis(spec)
    )


def _meer_keuzes(spec, keuzes, huidig):
    return forms.MultipleChoiceField(
        choices=[(k, k) for k in spec["keuzes"]],
        widget=forms.CheckboxSelectMultiple,
        bound_field_class=GroepBoundField,
        **_basis(spec),
    )


def _persoon(spec, keuzes, huidig):
    # Each field offers the people of its own rollen (its keuzes; empty: the default set).
    personen = keuzes.personen(rollen=spec.get("keuzes") or [])
    if huidig:
        # Someone chosen earlier who has left the omgeving stays a valid value of this form.
        personen = Gebruiker.objects.filter(
            Q(pk__in=personen.values("pk")) | Q(pk=huidig)
        ).order_by("voornaam", "achternaam")
    return PersoonVeld(queryset=personen, empty_label="— kies een persoon —", **_basis(spec))


def _hulpvraag(spec, keuzes, huidig):
    basis = {**_basis(spec), "required": True}
    basis["error_messages"] = {"required": "Kies de hulpvraag waar dit formulier bij hoort."}
    if keuzes.vaste_hulpvraag is not None:
        # The form already belongs to a hulpvraag; it is shown, not chosen again.
        return forms.ModelChoiceField(
            queryset=Hulpvraag.objects.filter(pk=keuzes.vaste_hulpvraag.pk),
            initial=keuzes.vaste_hulpvraag.pk,
            disabled=True,
            **basis,
        )
    return forms.ModelChoiceField(
        queryset=keuzes.hulpvragen, empty_label="— kies een hulpvraag —", **basis
    )


def _tekst_json(waarde):
    return waarde or ""


def _datum_json(waarde):
    return waarde.isoformat() if waarde else None


def _getal_json(waarde):
    return None if waarde is None else str(waarde)


def _zelf(waarde):
    return waarde


def _pk_json(waarde):
    return waarde.pk if waarde is not None else None


def _keuze_json(waarde):
    return waarde or None


def _lijst_json(waarde):
    return list(waarde or [])


def _datum_initial(waarde):
    try:
        return datetime.date.fromisoformat(waarde) if waarde else None
    except (TypeError, ValueError):
        return None


def _getal_initial(waarde):
    try:
        return Decimal(waarde) if waarde not in (None, "") else None
    except (InvalidOperation, TypeError):
        return None


@dataclass(frozen=True)
class Soort:
    veld: object  # (spec, Keuzes, huidige JSON-waarde) -> forms.Field
    naar_json: object  # cleaned value -> JSON
    naar_initial: object  # JSON -> initial value of the form field


SOORTEN = {
    VeldType.KORTE_TEKST: Soort(_korte_tekst, _tekst_json, _zelf),
    VeldType.LANGE_TEKST: Soort(_lange_tekst, _tekst_json, _zelf),
    VeldType.DATUM: Soort(_datum, _datum_json, _datum_initial),
    VeldType.GETAL: Soort(_getal, _getal_json, _getal_initial),
    VeldType.JA_NEE: Soort(_ja_nee, _zelf, _zelf),
    VeldType.EEN_KEUZE: Soort(_een_keuze, _keuze_json, _zelf),
    VeldType.MEER_KEUZES: Soort(_meer_keuzes, _lijst_json, _zelf),
    VeldType.PERSOON: Soort(_persoon, _pk_json, _zelf),
    VeldType.HULPVRAAG: Soort(_hulpvraag, _pk_json, _zelf),
}


def is_leeg(waarde):
    return waarde is None or waarde == "" or waarde == []


def weergaven(velden, waarden):
    """{sleutel: the stored value as it reads on screen} for these fields ("—" when empty).

    People and hulpvragen are looked up in one query each, whatever their number."""
    ids = {VeldType.PERSOON: set(), VeldType.HULPVRAAG: set()}
    for spec in velden:
        waarde = waarden.get(spec["sleutel"])
        if spec["type"] in ids and isinstance(waarde, int):
            ids[spec["type"]].add(waarde)
    namen = {}
    if ids[VeldType.PERSOON]:
        namen[VeldType.PERSOON] = {
            g.pk: g.get_full_name() for g in Gebruiker.objects.filter(pk__in=ids[VeldType.PERSOON])
        }
    if ids[VeldType.HULPVRAAG]:
        namen[VeldType.HULPVRAAG] = {
            h.pk: f"{h.nummer} {h.titel}"
            for h in Hulpvraag.objects.filter(pk__in=ids[VeldType.HULPVRAAG])
        }
    return {spec["sleutel"]: weergave(spec, waarden.get(spec["sleutel"]), namen) for spec in velden}


def weergave(spec, waarde, namen=None):
    """One stored value as it reads on screen."""
    if is_leeg(waarde):
        return LEEG
    soort = spec["type"]
    if soort == VeldType.DATUM:
        datum = _datum_initial(waarde)
        return formats.date_format(datum, "j F Y") if datum else str(waarde)
    if soort == VeldType.GETAL:
        getal = _getal_initial(waarde)
        return formats.localize(getal) if getal is not None else str(waarde)
    if soort == VeldType.JA_NEE:
        return "Ja" if waarde else "Nee"
    if soort == VeldType.MEER_KEUZES:
        return ", ".join(str(w) for w in waarde)
    if soort in (VeldType.PERSOON, VeldType.HULPVRAAG):
        gevonden = (namen or {}).get(soort, {}).get(waarde)
        return gevonden or "(niet meer beschikbaar)"
    return str(waarde)

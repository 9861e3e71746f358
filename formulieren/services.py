"""Filling in and changing formulieren; shipping the standard definitions.

Each write checks that the person may see the formulieren of the hulpvraag (hulpvragen.toegang)
and that one of their rollen fills this kind of form. A change names the version it started from:
when someone else saved in between, it is refused as a Conflict, never silently overwritten.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from hulpvragen import toegang
from hulpvragen.models import Hulpvraag

from . import standaard
from .models import (
    PERSOONROLLEN,
    Formulier,
    FormulierDefinitie,
    FormulierWijziging,
    Veld,
    VeldType,
)
from .selectors import mag_invullen, personen_van
from .velden import is_leeg, weergaven


class Conflict(Exception):
    """Someone else saved this form after the person opened it; `formulier` is it as saved now."""

    def __init__(self, formulier):
        super().__init__("Het formulier is intussen door iemand anders opgeslagen.")
        self.formulier = formulier


def installeer_standaardformulieren(omgeving):
    """Give an omgeving the forms 'Team Schoolondersteuning' and 'Betrokkenheid SMW/CJG/BPO'.

    Idempotent: a definition that exists (perhaps changed by the beheerder) is left alone.
    """
    with transaction.atomic():
        return standaard.installeer(omgeving.pk, FormulierDefinitie, Veld)


def _eis_formulieren(door, hulpvraag):
    if toegang.FORMULIEREN not in toegang.rechten_op(door, hulpvraag):
        raise PermissionDenied("U mag de formulieren van deze hulpvraag niet zien.")


def _eis_invullen(door, definitie):
    if not mag_invullen(gebruiker=door, definitie=definitie):
        raise PermissionDenied(
            f"Het formulier '{definitie.naam}' wordt ingevuld door een andere rol dan de uwe."
        )


def _wie_de_lijst_biedt(rollen):
    """The people a persoon field with these rollen offers, in words (for its error)."""
    bekend = [rol for rol in PERSOONROLLEN if rol in (rollen or PERSOONROLLEN)]
    woorden = [PERSOONROLLEN[rol] for rol in bekend]
    if len(woorden) > 1:
        return f"{', '.join(woorden[:-1])} of {woorden[-1]}"
    return woorden[0] if woorden else "niemand"


def _opgeschoond(velden, waarden, hulpvraag, oud=None):
    """Only the values of these fields; the hulpvraag field always names the form's hulpvraag,
    and a persoon field someone personen_van offers for it in the field's rollen (or whom it
    already held)."""
    oud = oud or {}
    schoon = {}
    for spec in velden:
        waarde = waarden.get(spec["sleutel"])
        if spec["type"] == VeldType.HULPVRAAG:
            if waarde not in (None, hulpvraag.pk):
                raise ValidationError(
                    {spec["sleutel"]: "Dit formulier hoort bij een andere hulpvraag."}
                )
            waarde = hulpvraag.pk
        elif spec["type"] == VeldType.PERSOON and waarde not in (None, oud.get(spec["sleutel"])):
            rollen = spec.get("keuzes") or []
            personen = personen_van(
                omgeving=hulpvraag.omgeving_id,
                scholen=[hulpvraag.leerling.school_id],
                rollen=rollen,
            )
            if not personen.filter(pk=waarde).exists():
                raise ValidationError(
                    {
                        spec["sleutel"]: "Kies een persoon uit de lijst: "
                        f"{_wie_de_lijst_biedt(rollen)}."
                    }
                )
        schoon[spec["sleutel"]] = waarde
    return schoon


def verschillen(velden, oud, nieuw):
    """Per field that differs: its label and both values as they read on screen."""
    anders = [
        spec
        for spec in velden
        if not (is_leeg(oud.get(spec["sleutel"])) and is_leeg(nieuw.get(spec["sleutel"])))
        and oud.get(spec["sleutel"]) != nieuw.get(spec["sleutel"])
    ]
    if not anders:
        return []
    voor, na = weergaven(anders, oud), weergaven(anders, nieuw)
    return [
        {
            "sleutel": spec["sleutel"],
            "label": spec["label"],
            "oud": voor[spec["sleutel"]],
            "nieuw": na[spec["sleutel"]],
        }
        for spec in anders
    ]


def maak_formulier(*, door, hulpvraag, definitie, waarden):
    """Fill in a form on a hulpvraag: the IB/COO 'Team Schoolondersteuning', the regierolhouder
    their own detail form. `waarden` as the form gives them (IngevuldFormulierForm.waarden)."""
    _eis_formulieren(door, hulpvraag)
    if definitie.omgeving_id != hulpvraag.omgeving_id or not definitie.actief:
        raise PermissionDenied("Dit formulier hoort niet bij de omgeving van deze hulpvraag.")
    _eis_invullen(door, definitie)
    velden = definitie.veldenset()
    waarden = _opgeschoond(velden, waarden, hulpvraag)
    with transaction.atomic():
        if definitie.eenmalig:
            # Lock the hulpvraag, so two people starting the same form at once make one.
            Hulpvraag.objects.select_for_update().filter(pk=hulpvraag.pk).exists()
            if Formulier.objects.filter(hulpvraag=hulpvraag, definitie=definitie).exists():
                raise ValidationError(
                    f"Het formulier '{definitie.naam}' is bij deze hulpvraag al ingevuld; vul "
                    "het bestaande formulier aan."
                )
        formulier = Formulier.objects.create(
            definitie=definitie,
            hulpvraag=hulpvraag,
            waarden=waarden,
            veldenset=velden,
            auteur=door,
            gewijzigd_door=door,
            versie=1,
        )
        FormulierWijziging.objects.create(
            formulier=formulier, versie=1, door=door, velden=verschillen(velden, {}, waarden)
        )
    return formulier


def wijzig_formulier(*, door, formulier, waarden, versie):
    """Change or complete a filled form. `versie` is the version the person opened; if someone
    saved after that, Conflict is raised and nothing is written."""
    hulpvraag = formulier.hulpvraag
    _eis_formulieren(door, hulpvraag)
    _eis_invullen(door, formulier.definitie)
    with transaction.atomic():
        huidig = (
            Formulier.objects.select_for_update()
            .select_related("definitie", "hulpvraag", "gewijzigd_door")
            .get(pk=formulier.pk)
        )
        if huidig.versie != versie:
            raise Conflict(huidig)
        velden = huidig.velden_bij_openen()
        nieuw = _opgeschoond(velden, waarden, hulpvraag, oud=huidig.waarden)
        gewijzigd = verschillen(velden, huidig.waarden, nieuw)
        if not gewijzigd:
            return huidig
        # The version in the WHERE makes the check and the write one step, also where
        # select_for_update does not lock (SQLite).
        bijgewerkt = Formulier.objects.filter(pk=huidig.pk, versie=versie).update(
            waarden={**huidig.waarden, **nieuw},
            veldenset=velden,
            versie=F("versie") + 1,
            gewijzigd_door=door,
            gewijzigd_op=timezone.now(),
        )
        if not bijgewerkt:
            raise Conflict(Formulier.objects.get(pk=huidig.pk))
        FormulierWijziging.objects.create(
            formulier=huidig, versie=versie + 1, door=door, velden=gewijzigd
        )
    huidig.refresh_from_db()
    return huidig

from django.db.models import Prefetch, Q

from accounts.models import Lidmaatschap, Rol
from hulpvragen import toegang

from .models import Deelname, Overlegronde, Reactie

# Who may be invited to look into a dossier (work instruction §5): the people who work on
# cases (schakelfunctionaris verbinding, regierolhouders), the externe deelnemers of the
# omgeving, and the IB/COO of the leerling's own school. Never the SWV-beheerder (a beheer
# rol, not casework) nor the IB/COO of another school.
DEELNEMER_ROLLEN = [Rol.SCHAKELFUNCTIONARIS_VERBINDING, Rol.REGIEROLHOUDER, Rol.EXTERNE_DEELNEMER]


def uitnodigbare_leden(hulpvraag):
    """The active lidmaatschappen through which someone may be a deelnemer of this hulpvraag's
    rounds (the rule services.maak_overlegronde checks a choice against)."""
    return (
        Lidmaatschap.objects.actief()
        .filter(omgeving_id=hulpvraag.omgeving_id)
        .filter(
            Q(rol__in=DEELNEMER_ROLLEN)
            | Q(rol=Rol.IB_COO, organisatie_id=hulpvraag.leerling.school_id)
        )
    )


def mogelijke_deelnemers(*, hulpvraag, behalve=None):
    """[(gebruiker_id, "Naam — Organisatie")] of who may be invited (uitnodigbare_leden), by
    name; one query."""
    rijen = (
        uitnodigbare_leden(hulpvraag)
        .order_by("gebruiker__voornaam", "gebruiker__achternaam", "organisatie__naam")
        .values_list(
            "gebruiker_id", "gebruiker__voornaam", "gebruiker__achternaam", "organisatie__naam"
        )
    )
    personen = {}
    for pk, voornaam, achternaam, organisatie in rijen:
        if behalve is not None and pk == behalve.pk:
            continue
        naam, organisaties = personen.setdefault(pk, (f"{voornaam} {achternaam}".strip(), []))
        if organisatie not in organisaties:
            organisaties.append(organisatie)
    return [(pk, f"{naam} — {', '.join(org)}") for pk, (naam, org) in personen.items()]


def ziet_alle_rondes(rechten):
    """The team of the hulpvraag sees every round; an invited deelnemer only their own."""
    return not toegang.kijkt_alleen_mee(rechten)


def rondes_voor(*, gebruiker, hulpvraag, rechten):
    """The rounds of a hulpvraag this person may see, with deelnemers and reacties."""
    rondes = rondes_van(hulpvraag)
    if not ziet_alle_rondes(rechten):
        rondes = rondes.filter(deelnames__deelnemer=gebruiker)
    return rondes


def rondes_van(hulpvraag):
    """The rounds of a hulpvraag with deelnemers and reacties, in as few queries as rows allow."""
    return (
        Overlegronde.objects.filter(hulpvraag=hulpvraag)
        # The hulpvraag too: who reads the reacties depends on its coördinator, per round.
        .select_related("aangemaakt_door", "hulpvraag")
        .prefetch_related(
            Prefetch("deelnames", Deelname.objects.select_related("deelnemer")),
            Prefetch("reacties", Reactie.objects.select_related("auteur")),
        )
    )

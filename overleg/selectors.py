from django.db.models import Prefetch

from accounts.models import Lidmaatschap
from hulpvragen import toegang

from .models import Deelname, Overlegronde, Reactie


def mogelijke_deelnemers(*, omgeving, behalve=None):
    """[(gebruiker_id, "Naam — Organisatie")] of the active members of the omgeving, by name."""
    rijen = (
        Lidmaatschap.objects.actief()
        .filter(omgeving=omgeving)
        .select_related("gebruiker", "organisatie")
        .order_by("gebruiker__voornaam", "gebruiker__achternaam", "organisatie__naam")
    )
    personen = {}
    for lid in rijen:
        if behalve is not None and lid.gebruiker_id == behalve.pk:
            continue
        naam, organisaties = personen.setdefault(
            lid.gebruiker_id, (lid.gebruiker.get_full_name(), [])
        )
        if lid.organisatie.naam not in organisaties:
            organisaties.append(lid.organisatie.naam)
    return [(pk, f"{naam} — {', '.join(org)}") for pk, (naam, org) in personen.items()]


def ziet_alle_rondes(rechten):
    """The team of the hulpvraag sees every round; an invited deelnemer only their own."""
    return toegang.AANPAK in rechten


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
        .select_related("aangemaakt_door")
        .prefetch_related(
            Prefetch("deelnames", Deelname.objects.select_related("deelnemer")),
            Prefetch("reacties", Reactie.objects.select_related("auteur")),
        )
    )

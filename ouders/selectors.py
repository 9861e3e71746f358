"""What the pages of the involved read about parents, consent and de stem van de leerling: the
tab Ouders en leerling, the section on the tab Algemeen, and the parents in an overlegronde."""

from dataclasses import dataclass

from overleg.services import mag_reacties_lezen

from . import services
from .models import Ouder, Toestemming, Uitnodiging, Zienswijze


def ouders_van(leerling):
    return Ouder.objects.filter(leerling=leerling)


def toestemmingen_van(hulpvraag):
    """Every consent record of the hulpvraag, newest first, with what the pages show of it."""
    return Toestemming.objects.filter(hulpvraag=hulpvraag).select_related(
        "soort", "ouder", "vastgelegd_door", "ingetrokken_door", "bijlage"
    )


@dataclass
class Stand:
    """Where one kind of consent stands: the records, and in words."""

    soort: object
    gegeven: bool
    laatste: list  # each parent with gezag's latest answer
    records: list  # every record of this kind, newest first

    @property
    def tekst(self):
        if self.gegeven:
            namen = ", ".join(t.ouder.naam for t in self.laatste if t.geldig)
            return f"Toestemming gegeven door {namen}."
        if not self.laatste:
            return "Nog geen antwoord van een ouder/verzorger met gezag."
        redenen = [
            f"{t.ouder.naam} heeft de toestemming ingetrokken"
            if t.ingetrokken_op
            else f"{t.ouder.naam} heeft geen toestemming gegeven"
            for t in self.laatste
            if not t.geldig
        ]
        return f"Geen toestemming: {'; '.join(redenen)}."


def standen(soorten, toestemmingen):
    """Per kind of consent of the omgeving (and any other kind with a record), its Stand; from
    the records the page has already loaded (toestemmingen_van)."""
    toestemmingen = list(toestemmingen)
    laatste = services.laatste_antwoorden(toestemmingen)
    soorten = list(soorten)
    bekend = {soort.pk for soort in soorten}
    for toestemming in toestemmingen:
        # A kind switched off later still shows the answers given to it.
        if toestemming.soort_id not in bekend:
            bekend.add(toestemming.soort_id)
            soorten.append(toestemming.soort)
    return [
        Stand(
            soort=soort,
            gegeven=services.telt_als_gegeven(laatste.get(soort.pk, {})),
            laatste=list(laatste.get(soort.pk, {}).values()),
            records=[t for t in toestemmingen if t.soort_id == soort.pk],
        )
        for soort in soorten
    ]


def uitnodigingen_van(hulpvraag):
    """Every invitation to a parent about this hulpvraag, newest first."""
    return (
        Uitnodiging.objects.filter(hulpvraag=hulpvraag)
        .select_related("ouder", "aangemaakt_door", "overlegronde")
        .prefetch_related("soorten")
    )


def zienswijzen_voor(gebruiker, hulpvraag):
    """What parents wrote: about the hulpvraag, and in a round only for whom reads all reacties
    of that round (overleg.services.mag_reacties_lezen)."""
    return [
        zienswijze
        for zienswijze in Zienswijze.objects.filter(hulpvraag=hulpvraag).select_related(
            "ouder", "overlegronde__hulpvraag"
        )
        if zienswijze.overlegronde is None or mag_reacties_lezen(gebruiker, zienswijze.overlegronde)
    ]


def ouders_in_rondes(hulpvraag):
    """The parents invited into the rounds of this hulpvraag: {ronde_id: [uitnodiging]}."""
    uitnodigingen = {}
    for uitnodiging in Uitnodiging.objects.filter(
        hulpvraag=hulpvraag, doel=Uitnodiging.Doel.OVERLEG
    ).select_related("ouder", "overlegronde"):
        uitnodigingen.setdefault(uitnodiging.overlegronde_id, []).append(uitnodiging)
    return uitnodigingen


def zienswijzen_in_rondes(hulpvraag):
    """What parents wrote in the rounds of this hulpvraag: {ronde_id: [zienswijze]}."""
    zienswijzen = {}
    for zienswijze in Zienswijze.objects.filter(
        hulpvraag=hulpvraag, overlegronde__isnull=False
    ).select_related("ouder"):
        zienswijzen.setdefault(zienswijze.overlegronde_id, []).append(zienswijze)
    return zienswijzen

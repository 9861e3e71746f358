"""Everything the portal holds about one leerling, read for the inzage (the caller checked
that the person is IB/COO of the leerling's school)."""

from dataclasses import dataclass, field

from django.core.exceptions import SuspiciousFileOperation
from django.db.models import Prefetch
from django.utils.text import get_valid_filename

from accounts.models import Gebruiker
from formulieren.models import Formulier, FormulierWijziging, VeldType
from formulieren.velden import weergave
from hulpvragen.models import Aanpak, Bijlage, Hulpvraag, StatusWijziging
from logboek.selectors import regels_over_leerling
from logboek.weergave import beschrijf
from ouders.models import Toestemming, Zienswijze
from overleg.models import Deelname, Overlegronde, Reactie


@dataclass
class IngevuldFormulier:
    formulier: Formulier
    waarden: list  # [(label, value as it reads)]
    wijzigingen: list  # FormulierWijziging, newest first


@dataclass
class BijlageInZip:
    bijlage: Bijlage
    pad: str  # the path of the file inside the ZIP
    aanwezig: bool = True  # False when the stored file could not be read


@dataclass
class HulpvraagDossier:
    hulpvraag: Hulpvraag
    formulieren: list = field(default_factory=list)
    bijlagen: list = field(default_factory=list)


@dataclass
class Dossier:
    leerling: object
    hulpvragen: list
    logregels: list
    ouders: list = field(default_factory=list)


def _hulpvragen_van(leerling):
    return (
        Hulpvraag.objects.filter(leerling=leerling, omgeving_id=leerling.school.omgeving_id)
        .select_related("omgeving", "coordinator", "aangemaakt_door")
        .prefetch_related(
            Prefetch("statuswijzigingen", StatusWijziging.objects.select_related("door")),
            Prefetch("aanpakken", Aanpak.objects.select_related("behandelaar")),
            Prefetch("bijlagen", Bijlage.objects.select_related("geupload_door").order_by("pk")),
            Prefetch(
                "formulieren",
                Formulier.objects.select_related(
                    "definitie", "auteur", "gewijzigd_door"
                ).prefetch_related(
                    "definitie__velden",
                    Prefetch("wijzigingen", FormulierWijziging.objects.select_related("door")),
                ),
            ),
            Prefetch(
                "overlegrondes",
                Overlegronde.objects.select_related("aangemaakt_door").prefetch_related(
                    Prefetch("deelnames", Deelname.objects.select_related("deelnemer")),
                    Prefetch("reacties", Reactie.objects.select_related("auteur")),
                    Prefetch("zienswijzen_van_ouders", Zienswijze.objects.select_related("ouder")),
                ),
            ),
            # Ouders en leerling: consent, the parents' views, de stem van de leerling.
            Prefetch(
                "toestemmingen",
                Toestemming.objects.select_related(
                    "soort", "ouder", "vastgelegd_door", "ingetrokken_door", "bijlage"
                ),
            ),
            Prefetch(
                "zienswijzen",
                Zienswijze.objects.filter(overlegronde__isnull=True).select_related("ouder"),
            ),
            "stemmen__vastgelegd_door",
        )
        .order_by("aangemaakt_op", "pk")
    )


def _namen(formulieren, eigen_hulpvragen):
    """What a persoon or hulpvraag field shows: a person's name; for a hulpvraag its number,
    with its titel only when it is one of this leerling's own (never another child's)."""
    personen, hulpvraag_ids = set(), set()
    for formulier, velden in formulieren:
        for spec in velden:
            waarde = formulier.waarden.get(spec["sleutel"])
            if isinstance(waarde, int) and spec["type"] == VeldType.PERSOON:
                personen.add(waarde)
            elif isinstance(waarde, int) and spec["type"] == VeldType.HULPVRAAG:
                hulpvraag_ids.add(waarde)
    eigen = {hv.pk: f"{hv.nummer} {hv.titel}" for hv in eigen_hulpvragen}
    return {
        VeldType.PERSOON: {
            g.pk: g.get_full_name() for g in Gebruiker.objects.filter(pk__in=personen)
        },
        VeldType.HULPVRAAG: {pk: eigen.get(pk, Hulpvraag(pk=pk).nummer) for pk in hulpvraag_ids},
    }


def bijlage_pad(hulpvraag, bijlage):
    """bijlagen/HV-00012/34-verslag.pdf: unique by the id, a name safe in any unzip tool."""
    try:
        naam = get_valid_filename(bijlage.naam)[:150]
    except SuspiciousFileOperation:  # nothing usable left of the name (".", "..")
        naam = "bestand"
    return f"bijlagen/{hulpvraag.nummer}/{bijlage.pk}-{naam}"


def dossier_van(*, leerling):
    """The leerling with its ouders/verzorgers and every hulpvraag (statuses, aanpakken,
    formulieren, overlegrondes with deelnemers and reacties, toestemmingen, zienswijzen, de stem
    van de leerling, bijlagen) and the log rows about it, oldest hulpvraag first."""
    hulpvragen = list(_hulpvragen_van(leerling))
    formulieren = [
        (formulier, formulier.velden_bij_openen())
        for hulpvraag in hulpvragen
        for formulier in hulpvraag.formulieren.all()
    ]
    namen = _namen(formulieren, hulpvragen)
    per_formulier = {
        formulier.pk: IngevuldFormulier(
            formulier=formulier,
            waarden=[
                (spec["label"], weergave(spec, formulier.waarden.get(spec["sleutel"]), namen))
                for spec in velden
            ],
            wijzigingen=list(formulier.wijzigingen.all()),
        )
        for formulier, velden in formulieren
    }
    dossiers = [
        HulpvraagDossier(
            hulpvraag=hulpvraag,
            formulieren=[per_formulier[f.pk] for f in hulpvraag.formulieren.all()],
            bijlagen=[
                BijlageInZip(bijlage=b, pad=bijlage_pad(hulpvraag, b))
                for b in hulpvraag.bijlagen.all()
            ],
        )
        for hulpvraag in hulpvragen
    ]
    logregels = beschrijf(
        list(
            regels_over_leerling(
                leerling_id=leerling.pk, hulpvraag_ids=[hulpvraag.pk for hulpvraag in hulpvragen]
            )
        )
    )
    nummers = {hulpvraag.pk: hulpvraag.nummer for hulpvraag in hulpvragen}
    for regel in logregels:
        regel.hulpvraag_nummer = nummers.get(regel.hulpvraag_id, "")
    return Dossier(
        leerling=leerling,
        hulpvragen=dossiers,
        logregels=logregels,
        ouders=list(leerling.ouders.all()),
    )

"""Who may see and do what on a hulpvraag (DESIGN.md §4), in one place.

The relations are the truth: the school's IB/COO, the coördinator, the behandelaar of an
aanpak, and what other apps register as a bron (the deelnemer of an overlegronde). From them
`synchroniseer_toegang` recomputes the full set of rechten of one hulpvraag and writes only the
difference to django-guardian's rows. Nobody grants or revokes a single recht anywhere else: a
person can hold a recht for two reasons, and only a full recompute removes the right one.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Lidmaatschap, Rol

from .models import Hulpvraag, HulpvraagRecht

ZIEN = "view_hulpvraag"
WIJZIGEN = "change_hulpvraag"
FORMULIEREN = "bekijk_formulieren"
AANPAK = "bekijk_aanpak"
BIJLAGE_TOEVOEGEN = "voeg_bijlage_toe"
STATUS = "wijzig_status"
AFRONDEN = "rond_af"
OVERLEGRONDE = "open_overlegronde"
REACTIE = "plaats_reactie"
LOGBOEK = "bekijk_logboek"

_KERN = {ZIEN, FORMULIEREN, AANPAK, BIJLAGE_TOEVOEGEN}

# relation → rechten (the columns of the table in DESIGN.md §4)
RECHTEN = {
    "school": _KERN | {WIJZIGEN, AFRONDEN, LOGBOEK},
    "coordinator": _KERN | {WIJZIGEN, STATUS, OVERLEGRONDE, LOGBOEK},
    "behandelaar": _KERN | {STATUS, OVERLEGRONDE},
    "deelnemer": {ZIEN, REACTIE},
}
ALLE_RECHTEN = set().union(*RECHTEN.values())


@dataclass(frozen=True)
class Relatie:
    gebruiker_id: int
    soort: str  # a key of RECHTEN
    geldig_tot: date | None = None  # inclusive; None: as long as the relation lasts


_bronnen = []
_betrokkenheden = []


def registreer_bron(bron, betrokken_bij=None):
    """Another app adds relations.

    `bron(hulpvraag)` yields Relatie objects; `betrokken_bij(gebruiker_id)` returns the ids of
    the hulpvragen where it gives this person a relation (a queryset of values), so that a
    change to the person's lidmaatschap or account recomputes those too.
    """
    if bron not in _bronnen:
        _bronnen.append(bron)
    if betrokken_bij is not None and betrokken_bij not in _betrokkenheden:
        _betrokkenheden.append(betrokken_bij)


def _eigen_relaties(hulpvraag):
    scholen = Lidmaatschap.objects.actief().filter(
        omgeving_id=hulpvraag.omgeving_id,
        organisatie_id=hulpvraag.leerling.school_id,
        rol=Rol.IB_COO,
    )
    for gebruiker_id in scholen.values_list("gebruiker_id", flat=True):
        yield Relatie(gebruiker_id, "school")
    yield Relatie(hulpvraag.coordinator_id, "coordinator")
    for gebruiker_id in hulpvraag.aanpakken.values_list("behandelaar_id", flat=True):
        yield Relatie(gebruiker_id, "behandelaar")


def gewenste_rechten(hulpvraag, vandaag=None):
    """{(gebruiker_id, recht): geldig_tot} as the relations say today."""
    vandaag = vandaag or timezone.localdate()
    leden = set(
        Lidmaatschap.objects.actief()
        .filter(omgeving_id=hulpvraag.omgeving_id)
        .values_list("gebruiker_id", flat=True)
    )
    relaties = list(_eigen_relaties(hulpvraag))
    for bron in _bronnen:
        relaties.extend(bron(hulpvraag))
    gewenst = {}
    for relatie in relaties:
        if relatie.gebruiker_id not in leden:
            continue  # only members of the omgeving ever see its hulpvragen
        if relatie.geldig_tot is not None and relatie.geldig_tot < vandaag:
            continue
        for recht in RECHTEN[relatie.soort]:
            sleutel = (relatie.gebruiker_id, recht)
            if sleutel not in gewenst:
                gewenst[sleutel] = relatie.geldig_tot
            elif gewenst[sleutel] is None or relatie.geldig_tot is None:
                gewenst[sleutel] = None  # a lasting reason wins over a temporary one
            else:
                gewenst[sleutel] = max(gewenst[sleutel], relatie.geldig_tot)
    return gewenst


def _permissies():
    content_type = ContentType.objects.get_for_model(Hulpvraag)
    return {
        p.codename: p
        for p in Permission.objects.filter(content_type=content_type, codename__in=ALLE_RECHTEN)
    }


@transaction.atomic
def synchroniseer_toegang(hulpvraag, vandaag=None):
    """Recompute the rechten of one hulpvraag from its relations and write the difference.

    Returns (toegevoegd, verwijderd, gewijzigd) counts.
    """
    gewenst = gewenste_rechten(hulpvraag, vandaag)
    huidig = {
        (r.user_id, r.permission.codename): r
        for r in HulpvraagRecht.objects.filter(content_object=hulpvraag).select_related(
            "permission"
        )
    }
    weg = [r.pk for sleutel, r in huidig.items() if sleutel not in gewenst]
    nieuw = [sleutel for sleutel in gewenst if sleutel not in huidig]
    anders = [
        huidig[sleutel]
        for sleutel, tot in gewenst.items()
        if sleutel in huidig and huidig[sleutel].geldig_tot != tot
    ]
    if weg:
        HulpvraagRecht.objects.filter(pk__in=weg).delete()
    if nieuw:
        permissies = _permissies()
        HulpvraagRecht.objects.bulk_create(
            HulpvraagRecht(
                user_id=gebruiker_id,
                permission=permissies[recht],
                content_object=hulpvraag,
                geldig_tot=gewenst[(gebruiker_id, recht)],
            )
            for gebruiker_id, recht in nieuw
        )
    for recht in anders:
        recht.geldig_tot = gewenst[(recht.user_id, recht.permission.codename)]
    if anders:
        HulpvraagRecht.objects.bulk_update(anders, ["geldig_tot"])
    return len(nieuw), len(weg), len(anders)


def _geldig(vandaag):
    return Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=vandaag)


def rechten_op(gebruiker, hulpvraag, vandaag=None):
    """The rechten this person holds on this hulpvraag today (an expired one counts as none)."""
    if not gebruiker.is_authenticated:
        return frozenset()
    vandaag = vandaag or timezone.localdate()
    return frozenset(
        HulpvraagRecht.objects.filter(user=gebruiker, content_object=hulpvraag)
        .filter(_geldig(vandaag))
        .values_list("permission__codename", flat=True)
    )


def met_recht(queryset, gebruiker, recht, vandaag=None):
    """Limit a Hulpvraag queryset to those where this person holds `recht` today."""
    vandaag = vandaag or timezone.localdate()
    # An uncorrelated IN (the person's rows, read once), as guardian's get_objects_for_user
    # does: a correlated EXISTS per hulpvraag made the list quadratic (bench/).
    return queryset.filter(
        pk__in=HulpvraagRecht.objects.filter(user=gebruiker, permission__codename=recht)
        .filter(_geldig(vandaag))
        .values("content_object_id")
    )


def hulpvragen_van_lid(lidmaatschap):
    """Hulpvragen whose rechten may change when this lidmaatschap (or its person) changes:
    every one where the person holds a recht now or has a relation that could give one."""
    gebruiker_id = lidmaatschap.gebruiker_id
    vraag = (
        Q(pk__in=HulpvraagRecht.objects.filter(user_id=gebruiker_id).values("content_object_id"))
        | Q(coordinator_id=gebruiker_id)
        | Q(pk__in=Hulpvraag.objects.filter(aanpakken__behandelaar_id=gebruiker_id).values("pk"))
    )
    for betrokken_bij in _betrokkenheden:
        vraag |= Q(pk__in=betrokken_bij(gebruiker_id))
    if lidmaatschap.rol == Rol.IB_COO:
        vraag |= Q(leerling__school_id=lidmaatschap.organisatie_id)
    return Hulpvraag.objects.filter(vraag, omgeving_id=lidmaatschap.omgeving_id).select_related(
        "leerling"
    )


def ruim_verlopen_rechten_op(vandaag=None):
    """Remove every recht whose geldig_tot has passed, in one statement over all hulpvragen.

    This is what a recompute of each affected hulpvraag would do: a row only carries a
    geldig_tot when all its reasons are temporary (a lasting one makes it None, and a later
    temporary one moves it on), so after that date no reason is left. Requests already refuse
    such a row (rechten_op, met_recht); this sweep makes the guardian rows agree.
    """
    vandaag = vandaag or timezone.localdate()
    aantal, _ = HulpvraagRecht.objects.filter(geldig_tot__lt=vandaag).delete()
    return aantal

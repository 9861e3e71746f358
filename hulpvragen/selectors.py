from typing import NamedTuple

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Value, When
from django.db.models.functions import Lower

from accounts.models import Gebruiker, Lidmaatschap, Rol
from accounts.selectors import keuzes_met_rol, leden_met_rol

from .models import Hulpvraag, StatusWijziging
from .toegang import ZIEN, met_recht
from .workflow import OPEN, Status

# Who may be coördinator or behandelaar: the schakelfunctionaris verbinding onderwijs/jeugdhulp
# and the regierolhouders of the omgeving.
BEHANDELENDE_ROLLEN = [Rol.SCHAKELFUNCTIONARIS_VERBINDING, Rol.REGIEROLHOUDER]


def zichtbare_hulpvragen(*, gebruiker, omgeving, per_rij=False):
    """Every hulpvraag this person may see today, in the current omgeving only (`per_rij`:
    toegang.met_recht's check per row, for a person who sees very many)."""
    return met_recht(
        Hulpvraag.objects.filter(omgeving=omgeving), gebruiker, ZIEN, per_rij=per_rij
    ).select_related("leerling", "leerling__school", "coordinator")


# --- Een tweede hulpvraag (issue 15) ------------------------------------------------------------
#
# There is no BSN, and a leerling record belongs to one school. The same child is therefore:
# a leerling of any school of the omgeving with the same geboortedatum and the same voornaam,
# tussenvoegsel and achternaam, compared without regard to case ("van Dijk" = "Van Dijk"); the
# same record always matches itself. Lower() runs in the database on both sides, so a name
# compares the same way whether it comes from a row or from Python. The geboortedatum goes
# first: an index on it (leerlingen migration 0003) leaves a handful of leerlingen to compare
# names with, and (leerling, status) on hulpvraag (migration 0010) finds their open ones.


def _lopend_voor_zelfde_kind(*, omgeving, voornaam, tussenvoegsel, achternaam, geboortedatum):
    """The open (not AFGEROND) hulpvragen of this omgeving whose leerling is the same child;
    the arguments are values wrapped in Value() or OuterRef()s of an outer query.

    Read from the leerlingen with this geboortedatum (their index) to their open hulpvragen
    through (leerling, status), never through all hulpvragen of the omgeving: the omgeving is
    compared as `_omgeving` ("+ 0"), so a planner without statistics (SQLite, the bench)
    cannot choose the omgeving's index for it and test every hulpvraag there. Filter further
    on `_omgeving`, not `omgeving`, for the same reason."""
    return (
        # status IN (the open ones) rather than != AFGEROND: an IN can use the index.
        Hulpvraag.objects.filter(leerling__geboortedatum=geboortedatum, status__in=OPEN)
        .alias(
            _voornaam=Lower("leerling__voornaam"),
            _tussenvoegsel=Lower("leerling__tussenvoegsel"),
            _achternaam=Lower("leerling__achternaam"),
            _omgeving=F("omgeving_id") + 0,
        )
        .filter(
            _voornaam=Lower(voornaam),
            _tussenvoegsel=Lower(tussenvoegsel),
            _achternaam=Lower(achternaam),
            _omgeving=omgeving,
        )
    )


def lopende_hulpvragen_van(*, leerling, omgeving):
    """Every open hulpvraag of this child in this omgeving, at any school, whoever may see it
    (for the rule in services.maak_hulpvraag, never to show as such)."""
    return _lopend_voor_zelfde_kind(
        omgeving=omgeving.pk,
        voornaam=Value(leerling.voornaam),
        tussenvoegsel=Value(leerling.tussenvoegsel),
        achternaam=Value(leerling.achternaam),
        geboortedatum=leerling.geboortedatum,
    )


class LopendeHulpvraag(NamedTuple):
    """What the IB/COO who starts a new hulpvraag learns of one that is already open: the
    coördinator's name, so they can talk first; pk and nummer only when she may see it."""

    coordinator_naam: str
    pk: int | None = None
    nummer: str = ""


def waarschuwing_tweede_hulpvraag(*, gebruiker, leerling, omgeving):
    """The open hulpvragen of this child, as this person may learn of them (one query).

    DESIGN.md §4 hides a hulpvraag from who has no access (404, "do not reveal that it exists").
    Issue 15 makes one narrow exception, so that one child does not get two trajectories that
    know nothing of each other: the IB/COO who starts a new one hears that one is open and who
    coordinates it; nothing else (no titel, school, status, number or link) unless she may see
    that hulpvraag anyway. Hidden ones are given per coördinator, so their number is not told.
    """
    zichtbaar = met_recht(Hulpvraag.objects.filter(pk=OuterRef("pk")), gebruiker, ZIEN)
    rijen = (
        lopende_hulpvragen_van(leerling=leerling, omgeving=omgeving)
        .annotate(_zichtbaar=Exists(zichtbaar))
        .select_related("coordinator")
        .order_by("aangemaakt_op", "pk")
    )
    gezien, verborgen = [], {}
    for rij in rijen:
        naam = rij.coordinator.get_full_name()
        if rij._zichtbaar:
            gezien.append(LopendeHulpvraag(naam, rij.pk, rij.nummer))
        else:
            verborgen.setdefault(rij.coordinator_id, LopendeHulpvraag(naam))
    return gezien + list(verborgen.values())


def met_tweede_hulpvraag(hulpvragen, *, gebruiker):
    """Annotate `tweede_hulpvraag` on a list of hulpvragen: True on an open one whose child has
    another open hulpvraag in the omgeving that this person may see as well.

    Why only then: DESIGN.md §4 says a denied hulpvraag must not reveal that it exists. A label
    on a row the person can see, pointing at one they cannot, would tell a regierolhouder or an
    IB/COO that this child has a second trajectory (perhaps at another school) that is none of
    their business; the schakelfunctionaris, who coordinates both at first, sees both and gets
    the label on both rows. So the label says nothing the viewer could not find in their own
    list. (The warning when starting a hulpvraag is the one deliberate exception, above.)

    One correlated EXISTS in the page's own query: the paginator evaluates it for the rows of
    the page only, each through the geboortedatum index, the (leerling, status) index and one
    probe of the viewer's recht per candidate (met_recht per_rij), so it costs no query more
    and does not grow with what the person may see.
    """
    andere = _lopend_voor_zelfde_kind(
        omgeving=OuterRef("omgeving_id"),
        voornaam=OuterRef("leerling__voornaam"),
        tussenvoegsel=OuterRef("leerling__tussenvoegsel"),
        achternaam=OuterRef("leerling__achternaam"),
        geboortedatum=OuterRef("leerling__geboortedatum"),
    ).exclude(pk=OuterRef("pk"))
    andere = met_recht(andere, gebruiker, ZIEN, per_rij=True, omgeving_veld="_omgeving")
    return hulpvragen.annotate(
        tweede_hulpvraag=Case(
            When(status=Status.AFGEROND, then=Value(False)), default=Exists(andere)
        )
    )


def hulpvraag_detail(*, gebruiker, omgeving, met_geschiedenis=False):
    """The queryset a hulpvraag page gets its object from (404 when not visible);
    `met_geschiedenis`: with its status history, which only the tab Algemeen shows."""
    hulpvragen = zichtbare_hulpvragen(gebruiker=gebruiker, omgeving=omgeving).select_related(
        "omgeving", "aangemaakt_door"
    )
    if met_geschiedenis:
        hulpvragen = hulpvragen.prefetch_related(
            Prefetch("statuswijzigingen", StatusWijziging.objects.select_related("door"))
        )
    return hulpvragen


def mogelijke_coordinatoren(*, omgeving):
    """Who may be coördinator or behandelaar (the rule services check a choice against)."""
    return leden_met_rol(omgeving=omgeving, rollen=BEHANDELENDE_ROLLEN)


def coordinator_keuzes(*, omgeving):
    """mogelijke_coordinatoren as the choice list shows them: per rol, "Naam (Organisatie)"."""
    return keuzes_met_rol(omgeving=omgeving, rollen=BEHANDELENDE_ROLLEN)


def ib_coo_van_school(hulpvraag):
    """The IB/COO('s) of the leerling's school: the people the status mails go to."""
    return Gebruiker.objects.filter(
        lidmaatschappen__in=Lidmaatschap.objects.actief().filter(
            omgeving_id=hulpvraag.omgeving_id,
            organisatie_id=hulpvraag.leerling.school_id,
            rol=Rol.IB_COO,
        )
    ).distinct()

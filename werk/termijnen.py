"""The termijn of a hulpvraag: which step it waits for, who must act, by when, and whether that
day has passed. The rules are in one function, `_bepaal`; everything else loads what it needs.

While a hulpvraag is AANGEMELD two termijnen run, counted in school days (werk.schooldagen)
with the omgeving's Termijnen (werk.models), and the earliest is the one that counts:

- it may stay AANGEMELD until `aangemeld` school days after it was made; the coördinator
  (with the IB/COO) must get it picked up;
- once an aanpak is added, its behandelaar confirms it with GEAGENDEERD within
  `aanpak_bevestigen` school days after the first aanpak was made. The date an aanpak was made
  is kept when it is changed later (also when another behandelaar is chosen): the hulpvraag
  has waited since then.

In any other status no termijn runs. The date is also stored on the hulpvraag
(Hulpvraag.termijn, through hulpvragen.services.zet_termijnen), so the Hulpvragen list can
filter and sort on "te laat" in SQL; werk.signals keeps it up to date.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from hulpvragen.models import Aanpak, Hulpvraag
from hulpvragen.services import zet_termijnen
from hulpvragen.workflow import Status

from .models import termijnen_per_omgeving
from .schooldagen import schooldagen_na

# The statuses in which a termijn can run; in every other one the termijn is None.
LOPEN_IN = [Status.AANGEMELD]

AANPAK_BEVESTIGEN = "Aanpak bevestigen met GEAGENDEERD"
NOG_AANGEMELD = "Hulpvraag staat nog op AANGEMELD"

BEHANDELAAR = "behandelaar"
COORDINATOR = "coördinator"

# Rows per batch when a whole omgeving (or everything) is recomputed.
BATCH = 1000


@dataclass(frozen=True)
class Termijn:
    stap: str  # which step waits, in the users' words (AANPAK_BEVESTIGEN, NOG_AANGEMELD)
    wie: str  # who must act: BEHANDELAAR or COORDINATOR
    persoon_id: int | None  # that person
    datum: date  # the last day on which it is still on time
    te_laat: bool  # datum has passed (today in Europe/Amsterdam)


def _bepaal(
    *, status, aangemaakt_op, coordinator_id, aanpak_op, behandelaar_id, termijnen, vandaag
):
    """The termijn of one hulpvraag (None when none runs): the one place of the rules.

    `aangemaakt_op` and `aanpak_op` (the first aanpak, or None) are moments; they count from
    their date in the portal's time zone."""
    if status not in LOPEN_IN:
        return None
    lopend = []
    if aanpak_op is not None:
        datum = schooldagen_na(timezone.localdate(aanpak_op), termijnen.aanpak_bevestigen)
        lopend.append((datum, 0, AANPAK_BEVESTIGEN, BEHANDELAAR, behandelaar_id))
    datum = schooldagen_na(timezone.localdate(aangemaakt_op), termijnen.aangemeld)
    lopend.append((datum, 1, NOG_AANGEMELD, COORDINATOR, coordinator_id))
    # The earliest counts; on the same day the behandelaar's step, the one that moves it on.
    datum, _, stap, wie, persoon_id = min(lopend)
    return Termijn(stap, wie, persoon_id, datum, datum < vandaag)


def _met_gegevens(hulpvragen):
    """The columns _bepaal reads, for a queryset of hulpvragen, as dicts (the first aanpak by
    two correlated subqueries over the aanpak's index on hulpvraag)."""
    eerste = Aanpak.objects.filter(hulpvraag=OuterRef("pk")).order_by("aangemaakt_op", "pk")
    return hulpvragen.annotate(
        _aanpak_op=Subquery(eerste.values("aangemaakt_op")[:1]),
        _behandelaar_id=Subquery(eerste.values("behandelaar_id")[:1]),
    ).values(
        "pk",
        "omgeving_id",
        "status",
        "aangemaakt_op",
        "coordinator_id",
        "termijn",
        "termijn_aan_zet_id",
        "termijn_stap",
        "_aanpak_op",
        "_behandelaar_id",
    )


def _bereken_rijen(rijen, vandaag):
    termijnen = termijnen_per_omgeving({rij["omgeving_id"] for rij in rijen})
    return {
        rij["pk"]: _bepaal(
            status=rij["status"],
            aangemaakt_op=rij["aangemaakt_op"],
            coordinator_id=rij["coordinator_id"],
            aanpak_op=rij["_aanpak_op"],
            behandelaar_id=rij["_behandelaar_id"],
            termijnen=termijnen[rij["omgeving_id"]],
            vandaag=vandaag,
        )
        for rij in rijen
    }


def termijnen_voor(hulpvragen, *, vandaag=None):
    """{hulpvraag_id: Termijn or None} for a (small) queryset of hulpvragen, e.g. the rows of a
    page: two queries, however many rows."""
    rijen = list(_met_gegevens(hulpvragen.order_by()))
    return _bereken_rijen(rijen, vandaag or timezone.localdate())


def termijn_van(hulpvraag, *, vandaag=None):
    """The current termijn of one hulpvraag (a Termijn, or None when none runs)."""
    return termijnen_voor(Hulpvraag.objects.filter(pk=hulpvraag.pk), vandaag=vandaag).get(
        hulpvraag.pk
    )


def herbereken_termijnen(hulpvragen):
    """Recompute the stored termijn (Hulpvraag.termijn) of a queryset of hulpvragen, in batches
    of BATCH rows by primary key, writing only what changed. Only rows that can have a termijn
    (status in LOPEN_IN) or still hold one are read. Returns the number of rows changed."""
    kandidaten = hulpvragen.filter(Q(status__in=LOPEN_IN) | Q(termijn__isnull=False)).order_by("pk")
    vandaag = timezone.localdate()
    gewijzigd = 0
    laatste = 0
    while True:
        rijen = list(_met_gegevens(kandidaten.filter(pk__gt=laatste))[:BATCH])
        if not rijen:
            return gewijzigd
        laatste = rijen[-1]["pk"]
        berekend = _bereken_rijen(rijen, vandaag)
        nieuw = {}
        for rij in rijen:
            termijn = berekend[rij["pk"]]
            waarde = (termijn.datum, termijn.persoon_id, termijn.stap) if termijn else None
            opgeslagen = (rij["termijn"], rij["termijn_aan_zet_id"], rij["termijn_stap"])
            if (waarde or (None, None, "")) != opgeslagen:
                nieuw[rij["pk"]] = waarde
        if nieuw:
            gewijzigd += zet_termijnen(termijnen=nieuw)

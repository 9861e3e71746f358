"""The aggregates of one omgeving behind the Overzicht page (issue 15), read-only.

Every figure is one aggregate query (GROUP BY, conditional counts), however many hulpvragen
there are: seven queries, the steps that are te laat included. A school year
(schooljaar) runs from 1 August to 31 July and a hulpvraag belongs to the year of its
aanmelding (Hulpvraag.aangemaakt_op, Europe/Amsterdam).
"""

import datetime
import statistics
from dataclasses import dataclass

from django.db import connection
from django.db.models import Aggregate, Count, DateField, DurationField, F, Max, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import Gebruiker, Organisatie
from hulpvragen.models import Hulpvraag
from hulpvragen.workflow import Status
from overleg.models import Overlegronde
from werk.termijnen import AANPAK_BEVESTIGEN, NOG_AANGEMELD

EERSTE_MAAND = 8  # a schooljaar starts on 1 August


def schooljaar_van(dag):
    """The schooljaar (by its first calendar year) a date falls in: 31 July 2026 → 2025."""
    return dag.year if dag.month >= EERSTE_MAAND else dag.year - 1


def schooljaar_label(jaar):
    return f"{jaar}-{jaar + 1}"


def grenzen(jaar):
    """[begin, einde) of a schooljaar as aware datetimes in the current time zone."""
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime(jaar, EERSTE_MAAND, 1, tzinfo=tz),
        datetime.datetime(jaar + 1, EERSTE_MAAND, 1, tzinfo=tz),
    )


def maanden_van(jaar):
    """The twelve first days of the months of a schooljaar, August first."""
    return [
        datetime.date(jaar + (m < EERSTE_MAAND), m, 1)
        for m in [*range(EERSTE_MAAND, 13), *range(1, EERSTE_MAAND)]
    ]


def _in_jaar(omgeving, jaar):
    begin, einde = grenzen(jaar)
    # Walks the index (omgeving, -aangemaakt_op, -id) of the Hulpvragen list.
    return Hulpvraag.objects.filter(
        omgeving=omgeving, aangemaakt_op__gte=begin, aangemaakt_op__lt=einde
    ).order_by()


def schooljaren(omgeving):
    """The schooljaren from the first to the last aanmelding in the omgeving (two index
    probes on PostgreSQL: MIN and MAX read one end of the index each)."""
    uitersten = Hulpvraag.objects.filter(omgeving=omgeving).aggregate(
        eerste=Min("aangemaakt_op"), laatste=Max("aangemaakt_op")
    )
    if uitersten["eerste"] is None:
        return []
    eerste, laatste = (
        schooljaar_van(timezone.localtime(uitersten[k]).date()) for k in ("eerste", "laatste")
    )
    return list(range(eerste, laatste + 1))


def aanmeldingen_per_maand(omgeving, jaar):
    """{first day of the month: hulpvragen aangemeld} in the schooljaar (months without any
    are missing)."""
    rijen = (
        _in_jaar(omgeving, jaar)
        .annotate(maand=TruncMonth("aangemaakt_op", output_field=DateField()))
        .values("maand")
        .annotate(aantal=Count("pk"))
        .order_by("maand")
    )
    return {rij["maand"]: rij["aantal"] for rij in rijen}


@dataclass
class SchoolTelling:
    school_id: int
    naam: str
    per_status: dict  # Status → count
    totaal: int


def per_school_en_status(omgeving, jaar):
    """Per school of the leerling: hulpvragen per status and in total, in the schooljaar.

    Grouped by school id only; the names come from one query over the omgeving's
    organisaties, so the grouping needs no join to (and sort on) the organisatie table."""
    tellingen = {s.value: Count("pk", filter=Q(status=s)) for s in Status}
    rijen = (
        _in_jaar(omgeving, jaar)
        .values("leerling__school_id")
        .annotate(totaal=Count("pk"), **tellingen)
        .order_by()
    )
    namen = dict(Organisatie.objects.filter(omgeving=omgeving).values_list("pk", "naam"))
    scholen = [
        SchoolTelling(
            school_id=rij["leerling__school_id"],
            naam=namen.get(rij["leerling__school_id"], ""),
            per_status={s: rij[s.value] for s in Status},
            totaal=rij["totaal"],
        )
        for rij in rijen
    ]
    return sorted(scholen, key=lambda s: (s.naam, s.school_id))


class PercentielCont(Aggregate):
    """PostgreSQL's percentile_cont(fractie) WITHIN GROUP (ORDER BY expr): the value at that
    fraction with linear interpolation between the two nearest rows; NULLs are left out."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fractie)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()

    def __init__(self, expressie, fractie, **extra):
        # A float of our own (0.5, 0.9), never user input.
        super().__init__(expressie, fractie=float(fractie), **extra)


def percentiel(waarden, fractie):
    """percentile_cont in Python, for databases without it (SQLite): linear interpolation on
    the sorted values, so both paths give the same figure."""
    if not waarden:
        return None
    if len(waarden) == 1:
        return waarden[0]
    # method="inclusive" is percentile_cont's rule: position fractie·(n−1) in the sorted list.
    punten = statistics.quantiles(waarden, n=100, method="inclusive")
    return punten[round(fractie * 100) - 1]


@dataclass
class Doorlooptijd:
    naar: Status
    aantal: int  # hulpvragen that reached the status
    mediaan: float | None  # days
    p90: float | None  # days


def doorlooptijden(omgeving, jaar):
    """Days from AANGEMELD to the first GEAGENDEERD and to the first AFGEROND, per hulpvraag
    of the schooljaar that reached it (StatusWijziging rows): median and 90th percentile."""

    def eerste(status):
        return Min("statuswijzigingen__op", filter=Q(statuswijzigingen__naar=status))

    doelen = (Status.GEAGENDEERD, Status.AFGEROND)
    duren = (
        _in_jaar(omgeving, jaar)
        .values("pk")
        .annotate(aangemeld=eerste(Status.AANGEMELD), **{s.value: eerste(s) for s in doelen})
        .annotate(**{f"tot_{s.value}": F(s.value) - F("aangemeld") for s in doelen})
    )
    if connection.vendor == "postgresql":
        # One query: the per-hulpvraag durations as a subquery, the percentiles over it.
        uitkomst = duren.aggregate(
            **{
                f"{naam}_{s.value}": functie(f"tot_{s.value}")
                for s in doelen
                for naam, functie in (
                    ("aantal", Count),
                    ("mediaan", lambda e: PercentielCont(e, 0.5)),
                    ("p90", lambda e: PercentielCont(e, 0.9)),
                )
            }
        )
        cijfers = {k: v if k.startswith("aantal") else _dagen(v) for k, v in uitkomst.items()}
    else:
        # One query of the durations; the percentiles in Python.
        kolommen = [f"tot_{s.value}" for s in doelen]
        rijen = list(duren.values_list(*kolommen))
        cijfers = {}
        for i, s in enumerate(doelen):
            waarden = sorted(_dagen(rij[i]) for rij in rijen if rij[i] is not None)
            cijfers[f"aantal_{s.value}"] = len(waarden)
            cijfers[f"mediaan_{s.value}"] = percentiel(waarden, 0.5)
            cijfers[f"p90_{s.value}"] = percentiel(waarden, 0.9)

    return [
        Doorlooptijd(
            naar=s,
            aantal=cijfers[f"aantal_{s.value}"],
            mediaan=cijfers[f"mediaan_{s.value}"],
            p90=cijfers[f"p90_{s.value}"],
        )
        for s in doelen
    ]


def _dagen(duur):
    return None if duur is None else duur.total_seconds() / 86400


def open_overlegrondes(omgeving, vandaag=None):
    """Overlegrondes of the omgeving open today: einddatum today or later, not closed early
    (Overlegronde.is_open). Not tied to the schooljaar: it is the state of now."""
    vandaag = vandaag or timezone.localdate()
    return Overlegronde.objects.filter(
        omgeving=omgeving, einddatum__gte=vandaag, gesloten_op__isnull=True
    ).count()


@dataclass
class TeLaat:
    naam: str
    per_stap: dict  # werk.termijnen stap → count
    totaal: int


TE_LATE_STAPPEN = (AANPAK_BEVESTIGEN, NOG_AANGEMELD)


def te_late_stappen(omgeving, vandaag=None):
    """Per person who is aan zet (werk.termijnen: the behandelaar or the coördinator, stored
    with the termijn on the hulpvraag), the hulpvragen of the omgeving whose termijn has passed,
    most first. The state of today, not tied to the schooljaar: one GROUP BY over the partial
    index on (omgeving, termijn)."""
    vandaag = vandaag or timezone.localdate()
    rijen = (
        Hulpvraag.objects.filter(
            omgeving=omgeving, termijn__lt=vandaag, termijn_aan_zet__isnull=False
        )
        .values(
            "termijn_aan_zet_id",
            "termijn_aan_zet__voornaam",
            "termijn_aan_zet__achternaam",
            "termijn_stap",
        )
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    per_persoon = {}
    for rij in rijen:
        naam = Gebruiker.naam_van(
            rij["termijn_aan_zet__voornaam"], rij["termijn_aan_zet__achternaam"]
        )
        persoon = per_persoon.setdefault(rij["termijn_aan_zet_id"], TeLaat(naam, {}, 0))
        persoon.per_stap[rij["termijn_stap"]] = rij["aantal"]
        persoon.totaal += rij["aantal"]
    return sorted(per_persoon.values(), key=lambda r: (-r.totaal, r.naam))

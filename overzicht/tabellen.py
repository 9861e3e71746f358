"""The Overzicht as tables of display strings: what the page shows, what its charts draw and
what each CSV holds come from here, so the three can never differ."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format, number_format

from hulpvragen.workflow import Status
from kindkans import bewaren
from overleg.models import datum

from . import selectors
from .grafiek import staafgrafiek

# For the SWV-beheerder a count below this for one school reads "< 5".
KLEINSTE_GETOOND = 5
KLEIN = f"< {KLEINSTE_GETOOND}"


@dataclass
class Tabel:
    sleutel: str  # in the CSV url and the element ids
    titel: str
    kolommen: list
    rijen: list  # lists of strings; the first cell of a row is its header
    grafiek: object = None
    toelichting: str = ""
    leeg: str = ""  # shown instead of a table without rows
    schooljaar: bool = True  # False: the state of today, whatever schooljaar is chosen


def dagen(waarde):
    return "—" if waarde is None else number_format(waarde, 1)


# A total from which the hidden count of a single school could be worked out (the total minus
# the schools shown) is itself not shown to the beheerder.
HERLEIDBAAR = "—"


def _per_school(aantal, beperkt):
    """The count of one school as shown: hidden below 5 for the beheerder (value None)."""
    if beperkt and aantal < KLEINSTE_GETOOND:
        return KLEIN, None
    return str(aantal), aantal


def _aantal(aantal, beperkt):
    """A count that is not per school: for the beheerder also "< 5" when small."""
    return _per_school(aantal, beperkt)


def _totaal(totaal, per_school, beperkt):
    """A sum over the schools as shown: for the beheerder hidden when small, and when exactly
    one school's part is hidden (the total minus the others would give it away)."""
    tekst, waarde = _per_school(totaal, beperkt)
    if beperkt and waarde is not None and sum(n < KLEINSTE_GETOOND for n in per_school) == 1:
        return HERLEIDBAAR, None
    return tekst, waarde


# The figures of a schooljaar read every hulpvraag of it (30,000 in a large SWV) and the late
# steps every overdue one (2,900 there), so they are counted at most once per this many seconds
# per omgeving, schooljaar, weergave and day, and the page says when. The open overlegrondes
# (one index count) are counted on every request.
VERVERS_SECONDEN = 600


@dataclass
class Overzicht:
    sleutel: str  # telling_sleutel
    jaar: int
    keuzes: list  # (jaar, label), newest first
    getelde_tabellen: list  # the schooljaar's figures and the late steps, counted at geteld_op
    actuele_tabellen: list  # counted for this request
    beperkt: bool
    geteld_op: object = field(default=None)  # aware datetime
    in_cache: bool = True  # False: the cache is unreachable, render without it

    @property
    def label(self):
        return selectors.schooljaar_label(self.jaar)

    @property
    def tabellen(self):
        return self.getelde_tabellen + self.actuele_tabellen

    @property
    def ververs_minuten(self):
        return VERVERS_SECONDEN // 60

    @property
    def ververs_seconden(self):
        return VERVERS_SECONDEN

    @property
    def html_sleutel(self):
        """The key of the rendered counted tables: new HTML whenever they were counted anew."""
        return f"{self.sleutel}:{self.geteld_op.timestamp()}"

    def tabel(self, sleutel):
        return next((t for t in self.tabellen if t.sleutel == sleutel), None)


def kies_jaar(gevraagd, keuzes, standaard):
    try:
        jaar = int(gevraagd)
    except (TypeError, ValueError):
        return standaard
    return jaar if jaar in keuzes else standaard


def overzicht_van(omgeving, *, gevraagd_jaar=None, beperkt, vandaag=None):
    vandaag = vandaag or timezone.localdate()
    huidig = selectors.schooljaar_van(vandaag)
    jaren = {*selectors.schooljaren(omgeving), huidig}
    jaar = kies_jaar(gevraagd_jaar, jaren, huidig)
    keuzes = [(j, selectors.schooljaar_label(j)) for j in sorted(jaren, reverse=True)]
    sleutel = telling_sleutel(omgeving, jaar, beperkt, vandaag)
    # Counted afresh when nothing is kept or the cache is unreachable; the rendered tables are
    # then kept only if the cache took the figures (`bewaard`).
    bewaard = bewaren.lees(sleutel)
    if bewaard is None:
        bewaard = (timezone.now(), _getelde_tabellen(omgeving, jaar, beperkt, vandaag))
        in_cache = bewaren.bewaar(sleutel, bewaard, VERVERS_SECONDEN)
    else:
        in_cache = True
    geteld_op, getelde_tabellen = bewaard
    actuele_tabellen = [
        _overleg_tabel(selectors.open_overlegrondes(omgeving, vandaag), vandaag, beperkt),
    ]
    return Overzicht(
        sleutel=sleutel,
        jaar=jaar,
        keuzes=keuzes,
        getelde_tabellen=getelde_tabellen,
        actuele_tabellen=actuele_tabellen,
        beperkt=beperkt,
        geteld_op=geteld_op,
        in_cache=in_cache,
    )


def telling_sleutel(omgeving, jaar, beperkt, vandaag):
    """The cache key of the counted tables (also of their rendered HTML on the page)."""
    weergave = "beperkt" if beperkt else "volledig"
    return f"overzicht:{omgeving.pk}:{jaar}:{weergave}:{vandaag.isoformat()}"


def _getelde_tabellen(omgeving, jaar, beperkt, vandaag):
    scholen = selectors.per_school_en_status(omgeving, jaar)
    return [
        _status_tabel(scholen, beperkt),
        _school_tabel(scholen, beperkt),
        _maand_tabel(selectors.aanmeldingen_per_maand(omgeving, jaar), jaar, beperkt),
        _doorlooptijd_tabel(selectors.doorlooptijden(omgeving, jaar), beperkt),
        _te_laat_tabel(selectors.te_late_stappen(omgeving, vandaag), vandaag, beperkt),
    ]


def _status_tabel(scholen, beperkt):
    # Totals over the whole omgeving; for the beheerder protected like the counts per school.
    getoond = []
    for status in Status:
        n = sum(sch.per_status[status] for sch in scholen)
        getoond.append(
            (status.label, *_totaal(n, [sch.per_status[status] for sch in scholen], beperkt))
        )
    totaal = sum(sch.totaal for sch in scholen)
    tekst, _ = _totaal(totaal, [sch.totaal for sch in scholen], beperkt)
    toelichting = "De status van nu van de hulpvragen die in dit schooljaar zijn aangemeld."
    if beperkt:
        toelichting += (
            f' Een aantal kleiner dan {KLEINSTE_GETOOND} staat er als "{KLEIN}"; een totaal waaruit'
            f' het kleine aantal van één school te herleiden is als "{HERLEIDBAAR}".'
        )
    return Tabel(
        sleutel="status",
        titel="Hulpvragen per status",
        kolommen=["Status", "Aantal hulpvragen"],
        rijen=[[label, t] for label, t, _ in getoond] + [["Totaal", tekst]],
        grafiek=staafgrafiek([(label, waarde, t) for label, t, waarde in getoond]),
        toelichting=toelichting,
    )


def _school_tabel(scholen, beperkt):
    rijen, balken = [], []
    for school in scholen:
        cellen = [_per_school(school.per_status[s], beperkt)[0] for s in Status]
        totaal, waarde = _per_school(school.totaal, beperkt)
        rijen.append([school.naam, *cellen, totaal])
        balken.append((school.naam, waarde, totaal))
    toelichting = (
        "Per school van de leerling; scholen zonder aanmelding in dit schooljaar staan er niet in."
    )
    if beperkt:
        toelichting += f' Een aantal kleiner dan {KLEINSTE_GETOOND} staat er als "{KLEIN}".'
    return Tabel(
        sleutel="school",
        titel="Hulpvragen per school",
        kolommen=["School", *[s.label for s in Status], "Totaal"],
        rijen=rijen,
        grafiek=staafgrafiek(balken) if balken else None,
        toelichting=toelichting,
        leeg="Er zijn in dit schooljaar geen hulpvragen aangemeld.",
    )


def _maand_tabel(per_maand, jaar, beperkt):
    maanden = [
        (date_format(m, "F Y"), *_aantal(per_maand.get(m, 0), beperkt))
        for m in selectors.maanden_van(jaar)
    ]
    return Tabel(
        sleutel="maand",
        titel="Aanmeldingen per maand",
        kolommen=["Maand", "Aantal aanmeldingen"],
        rijen=[[naam, tekst] for naam, tekst, _ in maanden],
        grafiek=staafgrafiek([(naam, waarde, tekst) for naam, tekst, waarde in maanden]),
    )


def _doorlooptijd_tabel(tijden, beperkt):
    # For the beheerder no durations of fewer than 5 hulpvragen: they come close to one case.
    klein = {t.naar for t in tijden if beperkt and t.aantal < KLEINSTE_GETOOND}
    balken = []
    for t in tijden:
        if t.naar in klein:
            continue
        for naam, waarde in (("mediaan", t.mediaan), ("90e percentiel", t.p90)):
            tekst = "—" if waarde is None else f"{dagen(waarde)} d"
            balken.append((f"Tot {t.naar.label}: {naam}", waarde, tekst))
    return Tabel(
        sleutel="doorlooptijd",
        titel="Doorlooptijden vanaf aanmelding",
        kolommen=[
            "Van AANGEMELD tot",
            "Aantal hulpvragen",
            "Mediaan (dagen)",
            "90e percentiel (dagen)",
        ],
        rijen=[
            [t.naar.label, KLEIN, "—", "—"]
            if t.naar in klein
            else [t.naar.label, str(t.aantal), dagen(t.mediaan), dagen(t.p90)]
            for t in tijden
        ],
        grafiek=staafgrafiek(balken),
        toelichting="Dagen van de aanmelding tot de eerste keer dat de hulpvraag die status kreeg; "
        "alleen hulpvragen van dit schooljaar die de status bereikten.",
    )


def _overleg_tabel(aantal, vandaag, beperkt):
    return Tabel(
        sleutel="overleg",
        titel="Open overlegrondes",
        kolommen=["Peildatum", "Aantal open overlegrondes"],
        rijen=[[datum(vandaag), _aantal(aantal, beperkt)[0]]],
        toelichting="Overlegrondes in deze omgeving met een einddatum vandaag of later, "
        "die niet eerder zijn gesloten. Dit is de stand van vandaag, los van het schooljaar.",
        schooljaar=False,
    )


def _te_laat_tabel(rijen, vandaag, beperkt):
    cellen, balken = [], []
    for rij in rijen:
        totaal, waarde = _aantal(rij.totaal, beperkt)
        per_stap = [
            _aantal(rij.per_stap.get(stap, 0), beperkt)[0] for stap in selectors.TE_LATE_STAPPEN
        ]
        cellen.append([rij.naam, *per_stap, totaal])
        balken.append((rij.naam, waarde, totaal))
    toelichting = (
        "Hulpvragen waarvan de termijn voorbij is, per persoon die aan zet is: de behandelaar "
        "die de aanpak bevestigt met GEAGENDEERD, of de coördinator van een hulpvraag die te lang "
        f"op AANGEMELD staat. De stand van {datum(vandaag)}, los van het schooljaar."
    )
    if beperkt:
        toelichting += f' Een aantal kleiner dan {KLEINSTE_GETOOND} staat er als "{KLEIN}".'
    return Tabel(
        sleutel="te-laat",
        titel="Te late stappen per regierolhouder",
        kolommen=["Aan zet", *selectors.TE_LATE_STAPPEN, "Totaal"],
        rijen=cellen,
        grafiek=staafgrafiek(balken) if balken else None,
        toelichting=toelichting,
        leeg="Er is nu geen stap te laat.",
        schooljaar=False,
    )

"""Overzicht voor het SWV (issue 15): the numbers on a seeded set equal a hand count, the
schooljaar boundaries, small counts hidden for the beheerder, who may open it, the CSV equals
the table, and the number of queries does not grow with the hulpvragen."""

import csv
import datetime
import io
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Rol
from hulpvragen.models import Aanpak, Hulpvraag, StatusWijziging
from hulpvragen.workflow import Status
from overleg.models import Overlegronde
from overzicht import selectors
from overzicht.grafiek import staafgrafiek
from overzicht.tabellen import overzicht_van
from tests.factories import GebruikerFactory, HulpvraagFactory, OrganisatieFactory
from werk.termijnen import herbereken_termijnen

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
URL = "/overzicht/"
A = Status.AANGEMELD
G = Status.GEAGENDEERD
T = Status.TUSSENTIJDSE_EVALUATIE
R = Status.RETOUR_NAAR_SCHAKELTEAM
F = Status.AFGEROND


@pytest.fixture(autouse=True)
def _vandaag():
    # "Today" is 15 March 2026: the current schooljaar is 2025-2026.
    with time_machine.travel(datetime.datetime(2026, 3, 15, 12, 0, tzinfo=AMS), tick=False):
        yield


def hulpvraag(school, aangemeld, stappen=(), door=None):
    """A hulpvraag aangemeld at `aangemeld` (Amsterdam time), then each (status, days after
    aanmelding) as a StatusWijziging; its status is the last one."""
    door = door or GebruikerFactory()
    status = stappen[-1][0] if stappen else A
    hv = HulpvraagFactory(leerling__school=school, status=status)
    Hulpvraag.objects.filter(pk=hv.pk).update(aangemaakt_op=aangemeld)
    vorige = A
    for naar, dagen in [(A, 0), *stappen]:
        w = StatusWijziging.objects.create(
            hulpvraag=hv, van="" if naar == A else vorige, naar=naar, door=door
        )
        op = aangemeld + datetime.timedelta(days=dagen)
        StatusWijziging.objects.filter(pk=w.pk).update(op=op)
        vorige = naar
    return hv


def ams(*args):
    return datetime.datetime(*args, tzinfo=AMS)


def ronde(hv, einddatum, gesloten=False):
    return Overlegronde.objects.create(
        hulpvraag=hv,
        titel="Overleg",
        omschrijving="Meekijken",
        einddatum=einddatum,
        aangemaakt_door=hv.coordinator,
        gesloten_op=ams(2026, 3, 14, 9) if gesloten else None,
    )


@pytest.fixture
def wereld(po, vo):
    klimop = OrganisatieFactory(omgeving=po, naam="Basisschool De Klimop")
    anker = OrganisatieFactory(omgeving=po, naam="OBS Het Anker")
    door = GebruikerFactory()
    h1 = hulpvraag(klimop, ams(2025, 9, 1, 10), [(G, 2)], door)
    h2 = hulpvraag(klimop, ams(2025, 9, 10, 10), [(G, 4), (R, 20), (F, 30)], door)
    hulpvraag(klimop, ams(2025, 10, 1, 10), [], door)
    # The last minutes of the schooljaar, 31 July 23:30 (21:30 UTC).
    hulpvraag(klimop, ams(2026, 7, 31, 23, 30), [], door)
    h5 = hulpvraag(klimop, ams(2025, 10, 5, 10), [(G, 10), (T, 15)], door)
    # Geagendeerd twice: the first time counts.
    h6 = hulpvraag(klimop, ams(2025, 11, 3, 10), [(G, 6), (T, 7), (G, 9), (R, 11), (F, 16)], door)
    # The first moment of the schooljaar, 1 August 0:00 (still 31 July in UTC).
    hulpvraag(anker, ams(2025, 8, 1, 0, 0), [], door)
    hulpvraag(anker, ams(2026, 1, 15, 10), [(G, 1), (R, 3)], door)
    # Outside 2025-2026: the minute before, and the first moment of the next.
    hulpvraag(klimop, ams(2025, 7, 31, 23, 59), [(G, 50)], door)
    hulpvraag(anker, ams(2026, 8, 1, 0, 0), [], door)
    # Another omgeving: never counted in PO2811.
    vo_school = OrganisatieFactory(omgeving=vo, naam="Het Vo-college")
    vo_hv = hulpvraag(vo_school, ams(2025, 9, 1, 10), [(G, 3)], door)

    vandaag = datetime.date(2026, 3, 15)
    ronde(h1, vandaag)  # open until the end of today
    ronde(h2, vandaag - datetime.timedelta(days=1))  # ended yesterday
    ronde(h5, vandaag + datetime.timedelta(days=3), gesloten=True)  # closed early
    ronde(h6, vandaag + datetime.timedelta(days=14))
    ronde(vo_hv, vandaag)
    return po


class Tabellen(HTMLParser):
    """{table id: rows of cell texts (header row first)} of a page."""

    def __init__(self, html):
        super().__init__()
        self.tabellen, self._id, self._rij, self._cel = {}, None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._id = dict(attrs).get("id")
            self.tabellen[self._id] = []
        elif tag == "tr" and self._id:
            self._rij = []
        elif tag in ("th", "td") and self._rij is not None:
            self._cel = ""

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cel is not None:
            self._rij.append(self._cel.strip())
            self._cel = None
        elif tag == "tr" and self._rij is not None:
            self.tabellen[self._id].append(self._rij)
            self._rij = None
        elif tag == "table":
            self._id = None

    def handle_data(self, data):
        if self._cel is not None:
            self._cel += data


def tabellen(response):
    assert response.status_code == 200
    return Tabellen(response.content.decode()).tabellen


@pytest.fixture
def schakel(client, po, maak_lid):
    client.force_login(maak_lid(po, Rol.SCHAKELFUNCTIONARIS_VERBINDING))
    return client


@pytest.fixture
def beheerder(client, po, maak_lid):
    client.force_login(
        maak_lid(
            po, Rol.BEHEERDER, organisatie=OrganisatieFactory(omgeving=po, soort="swv", naam="SWV")
        )
    )
    return client


STATUS_2025 = [
    ["Status", "Aantal hulpvragen"],
    ["AANGEMELD", "3"],
    ["GEAGENDEERD", "1"],
    ["TUSSENTIJDSE EVALUATIE", "1"],
    ["RETOUR NAAR SCHAKELTEAM", "1"],
    ["AFGEROND", "2"],
    ["Totaal", "8"],
]
SCHOOL_KOP = [
    "School",
    "AANGEMELD",
    "GEAGENDEERD",
    "TUSSENTIJDSE EVALUATIE",
    "RETOUR NAAR SCHAKELTEAM",
    "AFGEROND",
    "Totaal",
]


def test_schakelfunctionaris_ziet_de_aantallen_van_het_schooljaar(wereld, schakel):
    t = tabellen(schakel.get(URL))

    assert t["tabel-status"] == STATUS_2025
    assert t["tabel-school"] == [
        SCHOOL_KOP,
        ["Basisschool De Klimop", "2", "1", "1", "0", "2", "6"],
        ["OBS Het Anker", "1", "0", "0", "1", "0", "2"],
    ]
    assert t["tabel-maand"] == [
        ["Maand", "Aantal aanmeldingen"],
        ["augustus 2025", "1"],
        ["september 2025", "2"],
        ["oktober 2025", "2"],
        ["november 2025", "1"],
        ["december 2025", "0"],
        ["januari 2026", "1"],
        ["februari 2026", "0"],
        ["maart 2026", "0"],
        ["april 2026", "0"],
        ["mei 2026", "0"],
        ["juni 2026", "0"],
        ["juli 2026", "1"],
    ]
    # To GEAGENDEERD: 1, 2, 4, 6, 10 days → median 4, p90 6 + 0.6 × 4 = 8.4.
    # To AFGEROND: 16 and 30 days → median 23, p90 16 + 0.9 × 14 = 28.6.
    assert t["tabel-doorlooptijd"] == [
        ["Van AANGEMELD tot", "Aantal hulpvragen", "Mediaan (dagen)", "90e percentiel (dagen)"],
        ["GEAGENDEERD", "5", "4,0", "8,4"],
        ["AFGEROND", "2", "23,0", "28,6"],
    ]
    assert t["tabel-overleg"] == [
        ["Peildatum", "Aantal open overlegrondes"],
        ["15 maart 2026", "2"],
    ]


def test_schooljaar_kiezen_en_grenzen(wereld, schakel):
    html = schakel.get(URL).content.decode()
    assert '<option value="2026">2026-2027</option>' in html
    assert '<option value="2025" selected>2025-2026</option>' in html
    assert '<option value="2024">2024-2025</option>' in html

    # 31 July 2025 23:59 is in 2024-2025, 1 August 2026 0:00 in 2026-2027.
    vorig = tabellen(schakel.get(URL, {"schooljaar": "2024"}))
    assert vorig["tabel-school"][1:] == [["Basisschool De Klimop", "0", "1", "0", "0", "0", "1"]]
    assert vorig["tabel-maand"][12] == ["juli 2025", "1"]
    assert vorig["tabel-doorlooptijd"][1] == ["GEAGENDEERD", "1", "50,0", "50,0"]
    volgend = tabellen(schakel.get(URL, {"schooljaar": "2026"}))
    assert volgend["tabel-school"][1:] == [["OBS Het Anker", "1", "0", "0", "0", "0", "1"]]
    assert volgend["tabel-maand"][1] == ["augustus 2026", "1"]

    # A year without data or no year at all: the current one.
    for onbekend in ("2019", "twintig"):
        assert tabellen(schakel.get(URL, {"schooljaar": onbekend}))["tabel-status"] == STATUS_2025


def test_beheerder_ziet_kleine_aantallen_per_school_niet(wereld, beheerder):
    response = beheerder.get(URL)
    t = tabellen(response)

    assert t["tabel-school"] == [
        SCHOOL_KOP,
        ["Basisschool De Klimop", "< 5", "< 5", "< 5", "< 5", "< 5", "6"],
        ["OBS Het Anker", "< 5", "< 5", "< 5", "< 5", "< 5", "< 5"],
    ]
    # Totals small too, and the grand total 8 would give away OBS Het Anker's 2 (8 - 6).
    assert t["tabel-status"] == [
        ["Status", "Aantal hulpvragen"],
        ["AANGEMELD", "< 5"],
        ["GEAGENDEERD", "< 5"],
        ["TUSSENTIJDSE EVALUATIE", "< 5"],
        ["RETOUR NAAR SCHAKELTEAM", "< 5"],
        ["AFGEROND", "< 5"],
        ["Totaal", "—"],
    ]
    assert t["tabel-maand"][1:4] == [
        ["augustus 2025", "< 5"],
        ["september 2025", "< 5"],
        ["oktober 2025", "< 5"],
    ]
    # Five reached GEAGENDEERD (shown), two AFGEROND (no durations of fewer than 5).
    assert t["tabel-doorlooptijd"][1:] == [
        ["GEAGENDEERD", "5", "4,0", "8,4"],
        ["AFGEROND", "< 5", "—", "—"],
    ]
    assert t["tabel-overleg"][1] == ["15 maart 2026", "< 5"]
    html = response.content.decode()
    # In the chart no bar for the hidden count, only its text.
    grafiek = html.split('id="kop-school"')[1].split("</svg>")[0]
    assert grafiek.count("<rect") == 1
    assert ">&lt; 5</text>" in grafiek
    # No name of a pupil anywhere (the factory's names are Kind<n> Leerling<n>).
    assert "Leerling" not in html.split("<main")[1]


@pytest.mark.parametrize("rol", [Rol.IB_COO, Rol.REGIEROLHOUDER, Rol.EXTERNE_DEELNEMER])
def test_andere_rollen_krijgen_404(wereld, client, maak_lid, rol):
    client.force_login(maak_lid(wereld, rol))

    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}status.csv").status_code == 404
    assert "Overzicht" not in client.get("/").content.decode()


def test_schakelfunctionaris_van_een_andere_omgeving(wereld, vo, client, maak_lid):
    persoon = maak_lid(vo, Rol.SCHAKELFUNCTIONARIS_VERBINDING)
    maak_lid(wereld, Rol.REGIEROLHOUDER, gebruiker=persoon)
    client.force_login(persoon)
    sessie = client.session
    sessie["omgeving_id"] = wereld.pk
    sessie.save()

    # In PO2811 only a regierolhouder: refused.
    assert client.get(URL).status_code == 404
    # In VO2805 the overview of VO2805 only.
    sessie = client.session
    sessie["omgeving_id"] = vo.pk
    sessie.save()
    t = tabellen(client.get(URL))
    assert t["tabel-school"][1:] == [["Het Vo-college", "0", "1", "0", "0", "0", "1"]]
    assert t["tabel-overleg"][1] == ["15 maart 2026", "1"]


def test_menu_toont_overzicht_aan_schakel_en_beheerder(wereld, schakel):
    assert '<a href="/overzicht/">Overzicht</a>' in schakel.get("/").content.decode()
    assert '<a href="/overzicht/" aria-current="page">Overzicht</a>' in (
        schakel.get(URL).content.decode()
    )


@pytest.mark.parametrize("wie", ["schakel", "beheerder"])
@pytest.mark.parametrize("sleutel", ["status", "school", "maand", "doorlooptijd", "overleg"])
def test_csv_is_de_tabel(wereld, request, wie, sleutel):
    client = request.getfixturevalue(wie)
    tabel = tabellen(client.get(URL, {"schooljaar": "2025"}))[f"tabel-{sleutel}"]

    response = client.get(f"{URL}{sleutel}.csv", {"schooljaar": "2025"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="overzicht-PO2811-{sleutel}-2025-2026.csv"'
    )
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(tekst[1:]), delimiter=";")) == tabel


def test_csv_van_een_onbekende_tabel(wereld, schakel):
    assert schakel.get(f"{URL}leerlingen.csv").status_code == 404


def test_csv_regels_letterlijk(wereld, schakel):
    tekst = schakel.get(f"{URL}doorlooptijd.csv").content.decode("utf-8")
    assert tekst == (
        "\ufeffVan AANGEMELD tot;Aantal hulpvragen;Mediaan (dagen);90e percentiel (dagen)\r\n"
        "GEAGENDEERD;5;4,0;8,4\r\n"
        "AFGEROND;2;23,0;28,6\r\n"
    )


def maak_hulpvragen(omgeving, aantal):
    scholen = [OrganisatieFactory(omgeving=omgeving) for _ in range(2)]
    door = GebruikerFactory()
    for i in range(aantal):
        hv = hulpvraag(scholen[i % 2], ams(2025, 9, 1 + i, 10), [(G, 1 + i), (R, 2 + i)], door)
        ronde(hv, datetime.date(2026, 3, 20))


def aantal_queries(client):
    # The first request of a session also sets up the session: not what is compared.
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_aantal_queries_groeit_niet_met_de_hulpvragen(po, schakel):
    maak_hulpvragen(po, 2)
    bij_2 = aantal_queries(schakel)
    maak_hulpvragen(po, 18)
    cache.clear()  # the figures of the schooljaar are kept for ten minutes
    bij_20 = aantal_queries(schakel)

    assert bij_20 == bij_2
    assert tabellen(schakel.get(URL))["tabel-status"][-1] == ["Totaal", "20"]


def test_het_overzicht_zelf_is_zeven_queries(wereld, django_assert_num_queries):
    # Six aggregates and the late steps per person who is aan zet (none here).
    with django_assert_num_queries(7):
        overzicht_van(wereld, gevraagd_jaar="2025", beperkt=False)


def test_met_te_late_stappen_ook_zeven_queries(te_laat, django_assert_num_queries):
    with django_assert_num_queries(7):
        overzicht_van(te_laat, gevraagd_jaar="2025", beperkt=False)


def test_percentiel_zoals_percentile_cont():
    assert selectors.percentiel([], 0.5) is None
    assert selectors.percentiel([7.0], 0.9) == 7.0
    assert selectors.percentiel([1.0, 2.0, 4.0, 6.0, 10.0], 0.5) == 4.0
    assert selectors.percentiel([1.0, 2.0, 4.0, 6.0, 10.0], 0.9) == pytest.approx(8.4)
    assert selectors.percentiel([16.0, 30.0], 0.5) == 23.0
    assert selectors.percentiel([16.0, 30.0], 0.9) == pytest.approx(28.6)


def test_schooljaar_van():
    assert selectors.schooljaar_van(datetime.date(2026, 7, 31)) == 2025
    assert selectors.schooljaar_van(datetime.date(2026, 8, 1)) == 2026
    assert selectors.grenzen(2025) == (ams(2025, 8, 1), ams(2026, 8, 1))


def test_staafgrafiek_schaalt_naar_de_grootste():
    g = staafgrafiek([("a", 10, "10"), ("b", 5, "5"), ("c", None, "< 5"), ("d", 0, "0")])

    assert (g.breedte, g.hoogte, g.as_x) == (720, 120, 250)
    assert [b.breedte for b in g.balken] == [360, 180, None, 0]
    assert [b.tekst_x for b in g.balken] == [618, 438, 258, 258]
    assert [b.y for b in g.balken] == [4, 32, 60, 88]
    assert staafgrafiek([("e", 1, "1"), ("f", 1000, "1000")]).balken[0].breedte == 2
    # The scale is at least 1: a duration of 0.01 days is a short bar, not a full one.
    assert [b.breedte for b in staafgrafiek([("g", 0.01, "0,0 d"), ("h", 0, "0")]).balken] == [4, 0]
    assert [b.breedte for b in staafgrafiek([("i", 0.5, "0,5 d")]).balken] == [180]
    assert (
        staafgrafiek([("Basisschool met een heel erg lange naam", 1, "1")]).balken[0].label
        == "Basisschool met een heel erg lang…"
    )


def test_een_totaal_dat_een_klein_aantal_verraadt_wordt_niet_getoond():
    from overzicht.tabellen import HERLEIDBAAR, KLEIN, _totaal

    # One school hidden: 9 - 6 would give its 3 away.
    assert _totaal(9, [6, 3], beperkt=True) == (HERLEIDBAAR, None)
    # Two hidden: only their sum (6) could be worked out, not either of them.
    assert _totaal(16, [10, 3, 3], beperkt=True) == ("16", 16)
    # None hidden.
    assert _totaal(12, [6, 6], beperkt=True) == ("12", 12)
    assert _totaal(4, [4], beperkt=True) == (KLEIN, None)
    # The schakelfunctionaris sees every number.
    assert _totaal(9, [6, 3], beperkt=False) == ("9", 9)


TE_LAAT_KOP = [
    "Aan zet",
    "Aanpak bevestigen met GEAGENDEERD",
    "Hulpvraag staat nog op AANGEMELD",
    "Totaal",
]


@pytest.fixture
def te_laat(po):
    """Today is Sunday 15 March 2026. Counted in school days (werk.termijnen, the defaults:
    10 to leave AANGEMELD, 5 to confirm an aanpak):
    - a, aangemeld Mon 2 Feb; Mila's aanpak of Wed 4 Feb was due Wed 11 Feb: Mila, te laat;
    - b, aangemeld Tue 3 Feb, due Tue 17 Feb: Rik (coördinator), te laat;
    - c, aangemeld Tue 10 March, due Tue 24 March: not yet;
    - d, aangemeld Mon 5 Jan, GEAGENDEERD since: no termijn runs."""
    klimop = OrganisatieFactory(omgeving=po, naam="Basisschool De Klimop")
    rik = GebruikerFactory(voornaam="Rik", achternaam="de Wit")
    mila = GebruikerFactory(voornaam="Mila", achternaam="Jansen")
    a = hulpvraag(klimop, ams(2026, 2, 2, 10))
    b = hulpvraag(klimop, ams(2026, 2, 3, 10))
    c = hulpvraag(klimop, ams(2026, 3, 10, 10))
    d = hulpvraag(klimop, ams(2026, 1, 5, 10), [(G, 30)])
    Hulpvraag.objects.filter(pk__in=[a.pk, b.pk, c.pk, d.pk]).update(coordinator=rik)
    aanpak = Aanpak.objects.create(
        hulpvraag=a,
        titel="Gesprekken",
        omschrijving="Met ouders",
        startdatum=datetime.date(2026, 2, 4),
        behandelaar=mila,
        aangemaakt_door=rik,
    )
    Aanpak.objects.filter(pk=aanpak.pk).update(aangemaakt_op=ams(2026, 2, 4, 9))
    herbereken_termijnen(Hulpvraag.objects.filter(omgeving=po))
    return po


def test_te_late_stappen_per_persoon_die_aan_zet_is(te_laat, schakel):
    t = tabellen(schakel.get(URL))

    assert t["tabel-te-laat"] == [
        TE_LAAT_KOP,
        ["Mila Jansen", "1", "0", "1"],
        ["Rik de Wit", "0", "1", "1"],
    ]


def test_te_late_stappen_voor_de_beheerder_als_klein_aantal(te_laat, beheerder):
    t = tabellen(beheerder.get(URL))

    assert t["tabel-te-laat"] == [
        TE_LAAT_KOP,
        ["Mila Jansen", "< 5", "< 5", "< 5"],
        ["Rik de Wit", "< 5", "< 5", "< 5"],
    ]


def test_geen_te_late_stappen(wereld, schakel):
    html = schakel.get(URL).content.decode()

    assert 'id="tabel-te-laat"' not in html
    assert "Er is nu geen stap te laat." in html


def test_schooljaar_tien_minuten_bewaard_de_stand_van_nu_niet(po, schakel):
    # Counted at 12:00: a new aanmelding with an open round at 12:09 shows in the open rounds
    # at once, in the schooljaar's figures only from 12:10 on.
    maak_hulpvragen(po, 2)
    response = schakel.get(URL)
    html = response.content.decode()
    assert tabellen(response)["tabel-status"][-1] == ["Totaal", "2"]
    assert tabellen(response)["tabel-overleg"][-1] == ["15 maart 2026", "2"]
    assert "zijn geteld om 12:00 uur" in html

    with time_machine.travel(datetime.datetime(2026, 3, 15, 12, 9, tzinfo=AMS), tick=False):
        maak_hulpvragen(po, 1)
        response = schakel.get(URL)
        html = response.content.decode()
        assert tabellen(response)["tabel-status"][-1] == ["Totaal", "2"]
        assert tabellen(response)["tabel-overleg"][-1] == ["15 maart 2026", "3"]
        assert "zijn geteld om 12:00 uur" in html

    with time_machine.travel(datetime.datetime(2026, 3, 15, 12, 10, tzinfo=AMS), tick=False):
        response = schakel.get(URL)
        html = response.content.decode()
        assert tabellen(response)["tabel-status"][-1] == ["Totaal", "3"]
        assert "zijn geteld om 12:10 uur" in html


def test_bewaarde_cijfers_per_weergave(po):
    # The beheerder's "< 5" and the schakelfunctionaris's real counts are kept apart.
    maak_hulpvragen(po, 2)

    def totaal(beperkt):
        return overzicht_van(po, beperkt=beperkt).tabel("status").rijen[-1]

    assert totaal(False) == ["Totaal", "2"]
    assert totaal(True) == ["Totaal", "< 5"]
    assert totaal(False) == ["Totaal", "2"]


def test_met_bewaarde_cijfers_alleen_de_stand_van_nu(wereld, django_assert_num_queries):
    overzicht_van(wereld, gevraagd_jaar="2025", beperkt=False)
    # The first and last aanmelding, the open rounds.
    with django_assert_num_queries(2):
        overzicht_van(wereld, gevraagd_jaar="2025", beperkt=False)


def test_na_middernacht_opnieuw_geteld(po):
    # The late steps depend on the day: counted at 23:55, counted again at 00:01.
    with time_machine.travel(datetime.datetime(2026, 3, 15, 23, 55, tzinfo=AMS), tick=False):
        avond = overzicht_van(po, beperkt=False)
    with time_machine.travel(datetime.datetime(2026, 3, 16, 0, 1, tzinfo=AMS), tick=False):
        nacht = overzicht_van(po, beperkt=False)

    assert timezone.localtime(avond.geteld_op).time() == datetime.time(23, 55)
    assert timezone.localtime(nacht.geteld_op).time() == datetime.time(0, 1)


def test_overzicht_ook_als_de_cache_onbereikbaar_is(po, schakel, settings):
    # Redis down (nothing listens on port 1): counted for this request, nothing kept.
    maak_hulpvragen(po, 2)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    assert tabellen(schakel.get(URL))["tabel-status"][-1] == ["Totaal", "2"]
    maak_hulpvragen(po, 1)
    assert tabellen(schakel.get(URL))["tabel-status"][-1] == ["Totaal", "3"]

"""Issue 14: the header of every tab tells an invited deelnemer until when she may look in, and a
page under a tab (Aanpak toevoegen, Nieuwe overlegronde, Wijzigen) marks that tab."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from overleg import services

pytestmark = pytest.mark.django_db

MEEKIJKEN = (
    '<p class="kk-meekijken"><strong>U kunt tot en met 17 december 2026 meekijken.</strong> '
    "Daarna stopt uw inzage in de hulpvraag en de bijlagen.</p>"
)


def _tabs(pagina):
    return pagina.split('<nav class="kk-tabs"')[1].split("</nav>")[0]


def _kop(pagina):
    """The header of the hulpvraag: from its title to the end of the tabs."""
    return pagina.split("<h1>")[1].split("</nav>")[0]


@pytest.fixture
def reis():
    with time_machine.travel(datetime.datetime(2026, 12, 3, 12), tick=False):
        yield


@pytest.fixture
def ronde(dossier, reis):
    return services.maak_overlegronde(
        door=dossier["regie"],
        hulpvraag=dossier["hulpvraag"],
        titel="Meekijken",
        omschrijving="Kijk mee",
        einddatum=datetime.date(2026, 12, 17),
        deelnemers=[dossier["extern"]],
    )


@pytest.mark.parametrize("tab", ["hulpvragen:detail", "hulpvragen:bijlagen", "overleg:tab"])
def test_deelnemer_leest_op_elk_tabblad_tot_wanneer_zij_meekijkt(client, dossier, ronde, tab):
    client.force_login(dossier["extern"])

    pagina = client.get(reverse(tab, args=[dossier["hulpvraag"].pk])).content.decode()

    assert MEEKIJKEN in _kop(pagina)
    assert pagina.count("meekijken.</strong>") == 1


@pytest.mark.parametrize("wie", ["ib", "regie"])
def test_het_team_leest_het_niet(client, dossier, ronde, wie):
    client.force_login(dossier[wie])

    for tab in ["hulpvragen:detail", "hulpvragen:bijlagen", "overleg:tab"]:
        pagina = client.get(reverse(tab, args=[dossier["hulpvraag"].pk])).content.decode()
        assert "meekijken.</strong>" not in pagina, tab


def test_een_andere_einddatum_staat_meteen_in_de_kop(client, dossier, ronde):
    services.wijzig_einddatum(
        door=dossier["regie"], overlegronde=ronde, einddatum=datetime.date(2026, 12, 16)
    )
    client.force_login(dossier["extern"])

    pagina = client.get(reverse("hulpvragen:detail", args=[dossier["hulpvraag"].pk]))

    assert "U kunt tot en met 16 december 2026 meekijken." in pagina.content.decode()


def _vragen_naar_het_einde(client, url):
    with CaptureQueriesContext(connection) as vragen:
        assert client.get(url).status_code == 200
    return [v["sql"] for v in vragen.captured_queries if "geldig_tot" in v["sql"].split("FROM")[0]]


def test_de_tab_overlegronde_leest_de_datum_niet_nog_eens(client, dossier, ronde):
    # The tab Overlegronde has her rounds already: no query for the end of her recht. Another
    # tab reads it once.
    client.force_login(dossier["extern"])
    pk = dossier["hulpvraag"].pk

    assert _vragen_naar_het_einde(client, reverse("overleg:tab", args=[pk])) == []
    assert len(_vragen_naar_het_einde(client, reverse("hulpvragen:detail", args=[pk]))) == 1


@pytest.mark.parametrize(
    ("url_naam", "args", "tab"),
    [
        ("hulpvragen:wijzigen", [], "Algemeen"),
        ("hulpvragen:aanpak", [], "Aanpak"),
        ("hulpvragen:aanpak_nieuw", [], "Aanpak"),
        ("hulpvragen:aanpak_wijzigen", ["aanpak"], "Aanpak"),
        ("overleg:tab", [], "Overlegronde"),
        ("overleg:nieuw", [], "Overlegronde"),
        ("hulpvragen:bijlagen", [], "Bijlagen"),
        ("hulpvragen:logboek", [], "Logboek"),
    ],
)
def test_een_pagina_onder_een_tabblad_markeert_dat_tabblad(client, dossier, url_naam, args, tab):
    hulpvraag = dossier["hulpvraag"]
    # The coördinator may open every one of these pages.
    client.force_login(dossier["regie"])
    url = reverse(url_naam, args=[hulpvraag.pk, *(dossier[a].pk for a in args)])

    tabs = _tabs(client.get(url).content.decode())

    assert f' aria-current="page">{tab}</a>' in tabs
    assert tabs.count('aria-current="page"') == 1

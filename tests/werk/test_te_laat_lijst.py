"""The Hulpvragen list filters and sorts on the termijn, and the Algemeen tab shows it: only
what the person may see, "te laat" in text, and no query more than the list without it."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hulpvragen import services
from hulpvragen.views import HulpvraagLijstView
from hulpvragen.workflow import Status
from tests.werk.conftest import reis

pytestmark = pytest.mark.django_db

LIJST = reverse("hulpvragen:lijst")


@pytest.fixture
def hulpvragen(
    maak, regie, aanpak, ib_andere_school, andere_school, django_capture_on_commit_callbacks
):
    """Five hulpvragen; on Monday 21 December 2026 Alfa and Delta (the IB/COO's) and Echo
    (another school's) are te laat."""
    with reis(date(2026, 12, 1)):
        charlie = maak("Charlie")  # would be due on 15 December, but goes on to GEAGENDEERD
        aanpak(charlie)
        with django_capture_on_commit_callbacks(execute=True):
            services.wijzig_status(door=regie, hulpvraag=charlie, naar=Status.GEAGENDEERD)
    with reis(date(2026, 12, 2)):
        delta = maak("Delta")  # due Wednesday 16 December
    with reis(date(2026, 12, 4), 10):
        alfa = maak("Alfa")  # due Friday 18 December
    with reis(date(2026, 12, 4), 11):
        echo = maak("Echo", school=andere_school, door=ib_andere_school)  # also the 18th
    with reis(date(2026, 12, 14)):
        bravo = maak("Bravo")  # due Tuesday 29 December
    return {"alfa": alfa, "bravo": bravo, "charlie": charlie, "delta": delta, "echo": echo}


def titels(antwoord):
    return [hv.titel for hv in antwoord.context["hulpvragen"]]


def te_laat(antwoord):
    return {hv.titel for hv in antwoord.context["hulpvragen"] if hv.te_laat}


def test_alleen_te_laat_van_wat_de_ib_coo_ziet(client, ib, hulpvragen):
    with reis(date(2026, 12, 21)):
        client.force_login(ib)
        alle = client.get(LIJST)
        alleen_te_laat = client.get(LIJST, {"termijn": "te_laat"})

    assert titels(alle) == ["Bravo", "Alfa", "Delta", "Charlie"]
    assert te_laat(alle) == {"Alfa", "Delta"}
    assert titels(alleen_te_laat) == ["Alfa", "Delta"]
    html = alleen_te_laat.content.decode()
    assert "2 hulpvragen open en te laat." in html
    assert html.count("Te&nbsp;laat</strong>") == 2
    for dag in ("18 december 2026", "16 december 2026"):
        cel = f'{dag}</span> <strong class="kk-label">Te&nbsp;laat</strong></td>'
        assert cel in html


def test_de_coordinator_ziet_ook_die_van_de_andere_school(client, schakel, hulpvragen):
    with reis(date(2026, 12, 21)):
        client.force_login(schakel)
        antwoord = client.get(LIJST, {"termijn": "te_laat"})
    assert titels(antwoord) == ["Echo", "Alfa", "Delta"]


def test_op_de_laatste_dag_nog_niet_te_laat(client, ib, hulpvragen):
    # On Friday 18 December Alfa's last day has come, but not gone.
    with reis(date(2026, 12, 18), 16):
        client.force_login(ib)
        antwoord = client.get(LIJST, {"termijn": "te_laat"})
    assert titels(antwoord) == ["Delta"]


def test_sorteren_op_termijn_zonder_termijn_achteraan(client, ib, hulpvragen):
    with reis(date(2026, 12, 21)):
        client.force_login(ib)
        vroegst = client.get(LIJST, {"sorteer": "termijn"})
        laatst = client.get(LIJST, {"sorteer": "-termijn"})
        te_laat_gesorteerd = client.get(LIJST, {"sorteer": "termijn", "termijn": "te_laat"})

    assert titels(vroegst) == ["Delta", "Alfa", "Bravo", "Charlie"]
    assert titels(laatst) == ["Bravo", "Alfa", "Delta", "Charlie"]
    assert titels(te_laat_gesorteerd) == ["Delta", "Alfa"]


def test_wie_veel_ziet_krijgt_dezelfde_volgorde(client, schakel, hulpvragen, monkeypatch):
    # With a maximum of 3 the coördinator "sees many": the list checks its rows one by one
    # (toegang.met_recht per_rij) and offers the first three.
    monkeypatch.setattr(HulpvraagLijstView, "maximaal", 3)
    with reis(date(2026, 12, 21)):
        client.force_login(schakel)
        antwoord = client.get(LIJST, {"sorteer": "termijn"})
        te_laat_ = client.get(LIJST, {"termijn": "te_laat", "sorteer": "-termijn"})
    assert titels(antwoord) == ["Delta", "Echo", "Alfa"]  # the same day: newest first
    assert antwoord.context["paginator"].afgekapt is True
    assert titels(te_laat_) == ["Echo", "Alfa", "Delta"]


def test_filter_en_sortering_kosten_geen_extra_query(client, ib, hulpvragen):
    with reis(date(2026, 12, 21)):
        client.force_login(ib)
        client.get(LIJST)
        with CaptureQueriesContext(connection) as gewoon:
            client.get(LIJST)
        with CaptureQueriesContext(connection) as gefilterd:
            antwoord = client.get(LIJST, {"termijn": "te_laat", "sorteer": "termijn"})
    assert titels(antwoord) == ["Delta", "Alfa"]
    assert len(gefilterd) == len(gewoon)


def test_algemeen_toont_de_termijn_en_te_laat(client, ib, hulpvragen):
    alfa = reverse("hulpvragen:detail", args=[hulpvragen["alfa"].pk])
    with reis(date(2026, 12, 18)):
        client.force_login(ib)
        op_tijd = client.get(alfa).content.decode()
    with reis(date(2026, 12, 21)):
        client.force_login(ib)
        te_laat_ = client.get(alfa).content.decode()
        geagendeerd = client.get(
            reverse("hulpvragen:detail", args=[hulpvragen["charlie"].pk])
        ).content.decode()

    assert "<dt>Termijn</dt><dd>uiterlijk vrijdag 18 december 2026</dd>" in op_tijd
    assert (
        '<dt>Termijn</dt><dd>uiterlijk vrijdag 18 december 2026 <strong class="kk-label">'
        "Te laat</strong></dd>" in te_laat_
    )
    assert "<dt>Termijn</dt>" not in geagendeerd

"""De stem van de leerling (hoorrecht): the IB/COO or the regierolhouder records how and when the
pupil was heard and what the pupil says; who sees the formulieren reads it, a deelnemer only
what was shared with the deelnemers."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from logboek.models import Logregel
from ouders import services
from ouders.models import StemVanDeLeerling

from .staf import NU, algemeen, ronde, tab, tekst

pytestmark = pytest.mark.django_db

NIET_GEDEELD = "Sem wil niet meer naar de gymles, hij schaamt zich."
GEDEELD = "Sem wil graag een vaste plek vooraan in de klas."


@pytest.fixture(autouse=True)
def _op_maandag_16_maart():
    with time_machine.travel(NU, tick=False):
        yield


def stem(gezin):
    return reverse("ouders:stem", args=[gezin["hulpvraag"].pk])


@pytest.mark.parametrize("wie", ["ib", "regie"])
def test_de_stem_vastleggen(client, gezin, wie):
    client.force_login(gezin[wie])

    response = client.post(
        stem(gezin),
        {
            "stem-gehoord_op": "2026-03-12",
            "stem-hoe": "gesprek",
            "stem-wat": NIET_GEDEELD,
        },
    )

    assert response["Location"] == tab(gezin) + "#stem"
    vastgelegd = StemVanDeLeerling.objects.get()
    assert (
        vastgelegd.hulpvraag,
        vastgelegd.gehoord_op,
        vastgelegd.hoe,
        vastgelegd.wat,
        vastgelegd.gedeeld_met_deelnemers,
        vastgelegd.vastgelegd_door,
    ) == (
        gezin["hulpvraag"],
        datetime.date(2026, 3, 12),
        "gesprek",
        NIET_GEDEELD,
        False,
        gezin[wie],
    )
    regel = Logregel.objects.get(actie="stem_vastgelegd")
    assert (regel.gebruiker_id, regel.onderwerp_soort, regel.onderwerp_id) == (
        gezin[wie].pk,
        "stemvandeleerling",
        vastgelegd.pk,
    )
    html = tekst(client.get(tab(gezin)))
    assert "De stem van de leerling is vastgelegd." in html
    assert "Gehoord op 12 maart 2026, in een gesprek</h4>" in html
    assert NIET_GEDEELD in html
    naam = gezin[wie].get_full_name()
    assert f"Vastgelegd door {naam} op 16 maart 2026 · niet gedeeld met deelnemers" in html


@pytest.mark.parametrize(
    ("anders", "melding"),
    [
        ({"stem-gehoord_op": "2026-03-17"}, "De datum ligt in de toekomst."),
        ({"stem-wat": ""}, "Vul in wat de leerling zegt of wil."),
        ({"stem-hoe": ""}, "Kies hoe de leerling gehoord is."),
    ],
)
def test_een_fout_zegt_wat_er_mist_en_houdt_wat_getypt_is(client, gezin, anders, melding):
    client.force_login(gezin["ib"])

    response = client.post(
        stem(gezin),
        {
            "stem-gehoord_op": "2026-03-12",
            "stem-hoe": "tekening",
            "stem-wat": GEDEELD,
            "stem-gedeeld_met_deelnemers": "on",
            **anders,
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert melding in html
    if "stem-wat" not in anders:
        assert f"{GEDEELD}</textarea>" in html
    assert not StemVanDeLeerling.objects.exists()


@pytest.fixture
def stemmen(gezin):
    for wat, gedeeld in [(NIET_GEDEELD, False), (GEDEELD, True)]:
        services.leg_stem_vast(
            door=gezin["regie"],
            hulpvraag=gezin["hulpvraag"],
            gehoord_op=datetime.date(2026, 3, 12),
            hoe="gesprek",
            wat=wat,
            gedeeld_met_deelnemers=gedeeld,
        )


def test_de_betrokkenen_lezen_alles(client, gezin, stemmen):
    client.force_login(gezin["ib"])

    html = tekst(client.get(tab(gezin)))

    assert NIET_GEDEELD in html and GEDEELD in html


def test_een_deelnemer_leest_alleen_wat_gedeeld_is(client, gezin, stemmen):
    ronde(gezin, [gezin["extern"]])
    client.force_login(gezin["extern"])

    html = tekst(client.get(algemeen(gezin)))

    assert '<h2 id="kop-stem-gedeeld">De stem van de leerling</h2>' in html
    assert GEDEELD in html
    assert NIET_GEDEELD not in html
    assert (
        NIET_GEDEELD
        not in client.get(reverse("overleg:tab", args=[gezin["hulpvraag"].pk])).content.decode()
    )
    assert client.get(tab(gezin)).status_code == 404


def test_zonder_gedeelde_stem_ziet_een_deelnemer_het_onderdeel_niet(client, gezin):
    services.leg_stem_vast(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        gehoord_op=datetime.date(2026, 3, 12),
        hoe="gesprek",
        wat=NIET_GEDEELD,
    )
    ronde(gezin, [gezin["extern"]])
    client.force_login(gezin["extern"])

    html = client.get(algemeen(gezin)).content.decode()

    assert "De stem van de leerling" not in html
    assert NIET_GEDEELD not in html


def test_een_deelnemer_legt_niets_vast(client, gezin):
    ronde(gezin, [gezin["extern"]])
    client.force_login(gezin["extern"])

    response = client.post(
        stem(gezin),
        {"stem-gehoord_op": "2026-03-12", "stem-hoe": "gesprek", "stem-wat": "Iets"},
    )

    assert response.status_code == 404
    assert not StemVanDeLeerling.objects.exists()


def test_na_de_overlegronde_leest_de_deelnemer_niets_meer(client, gezin, stemmen):
    ronde(gezin, [gezin["extern"]], dagen=1)

    with time_machine.travel(NU + datetime.timedelta(days=3), tick=False):
        client.force_login(gezin["extern"])
        assert client.get(algemeen(gezin)).status_code == 404

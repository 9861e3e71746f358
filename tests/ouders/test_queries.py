"""The staff's pages of Ouders en leerling read each thing once: their number of queries stays
the same however many parents, answers, invitations, zienswijzen, stemmen and open rounds a
hulpvraag has, and stays within the 15 a page may use (bench/schaal)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ouders import services
from ouders.models import Ouder, Toestemming

from .staf import NU, ronde, soort, tab

pytestmark = pytest.mark.django_db

MAXIMAAL = 15


@pytest.fixture(autouse=True)
def _op_maandag_16_maart():
    with time_machine.travel(NU, tick=False):
        yield


def vragen(client, url):
    client.get(url)  # once before: what a first request caches is not the page's cost
    with CaptureQueriesContext(connection) as gevangen:
        response = client.get(url)
    assert response.status_code == 200
    return len(gevangen), response.content.decode()


def van_alles(gezin, relaties):
    """More parents with gezag and an address, an answer of each to both kinds, an invitation
    to each, and a stem per parent. (An empty list costs a page no query, a list of one or more
    the same: compare one of each with three.)"""
    hulpvraag = gezin["hulpvraag"]
    for i, relatie in enumerate(relaties):
        ouder = Ouder.objects.create(
            leerling=hulpvraag.leerling,
            naam=f"Ouder {relatie}",
            email=f"{relatie}@thuis.test",
            relatie=relatie,
            gezag=True,
        )
        for code in ("aanmelding", "delen"):
            services.registreer_toestemming(
                door=gezin["ib"],
                hulpvraag=hulpvraag,
                ouder=ouder,
                soort=soort(code),
                besluit=Toestemming.Besluit.GEGEVEN,
                wijze=Toestemming.Wijze.OP_PAPIER,
                op=NU - datetime.timedelta(days=i + 1),
            )
        services.leg_stem_vast(
            door=gezin["ib"],
            hulpvraag=hulpvraag,
            gehoord_op=NU.date(),
            hoe="gesprek",
            wat=f"Sem vertelde iets ({relatie}).",
        )
        services.nodig_uit_voor_toestemming(
            door=gezin["ib"], hulpvraag=hulpvraag, ouder=ouder, soorten=[soort("delen")]
        )


@pytest.mark.parametrize("persoon", ["ib", "regie"])
def test_tab_ouders_en_leerling_evenveel_queries_met_meer_van_alles(client, gezin, persoon):
    van_alles(gezin, ["vader"])
    client.force_login(gezin[persoon])
    weinig, _ = vragen(client, tab(gezin))

    van_alles(gezin, ["pleegouder", "voogd"])
    veel, html = vragen(client, tab(gezin))

    assert html.count("Sem vertelde iets") == 3  # the rows are there, read in one go
    assert "Ouder voogd (voogd)" in html  # a new parent among the choices of the forms
    assert weinig == veel <= MAXIMAAL


def test_tab_algemeen_evenveel_queries_met_meer_antwoorden(client, gezin):
    van_alles(gezin, ["vader"])
    client.force_login(gezin["ib"])
    url = reverse("hulpvragen:detail", args=[gezin["hulpvraag"].pk])
    weinig, _ = vragen(client, url)

    van_alles(gezin, ["pleegouder", "voogd"])
    veel, html = vragen(client, url)

    assert html.count("Ouder pleegouder") >= 2  # its answers to both kinds
    assert weinig == veel <= MAXIMAAL


def test_tab_overlegronde_evenveel_queries_met_meer_open_rondes(client, gezin):
    url = reverse("overleg:tab", args=[gezin["hulpvraag"].pk])
    ronde(gezin, [gezin["extern"]])
    client.force_login(gezin["regie"])
    een, html_een = vragen(client, url)

    ronde(gezin, [gezin["olga"]], dagen=5)
    ronde(gezin, [gezin["extern"], gezin["olga"]], dagen=3)
    drie, html_drie = vragen(client, url)

    # Each open round offers the mother (gezag, address), never the stepfather (no gezag).
    assert html_een.count("Fatima Bos (moeder)") == 1
    assert html_drie.count("Fatima Bos (moeder)") == 3
    assert "Kees Dekker (verzorger)</option>" not in html_drie
    assert een == drie <= MAXIMAAL

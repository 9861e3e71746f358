"""The einddatum of an overlegronde changed from two open pages: the stale save is refused as a
conflict instead of silently overwriting the other (issue Robustness, point 5)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from overleg import services
from overleg.models import Overlegronde
from tests.conftest import TweeStapsClient

MAANDEN = "januari februari maart april mei juni juli augustus september oktober november december"


def nl(dag):
    """A date as the portal writes it everywhere: 13 december 2026."""
    return f"{dag.day} {MAANDEN.split()[dag.month - 1]} {dag.year}"


pytestmark = pytest.mark.django_db


def _sessie(gebruiker):
    client = TweeStapsClient()
    client.force_login(gebruiker)
    return client


def test_tweede_einddatum_wordt_conflict_en_daarna_bewust_opgeslagen(dossier):
    vandaag = timezone.localdate()
    ronde = services.maak_overlegronde(
        door=dossier["regie"],
        hulpvraag=dossier["hulpvraag"],
        titel="Meekijken gedrag",
        omschrijving="Wil je meekijken naar het plan?",
        einddatum=vandaag + datetime.timedelta(days=2),
        deelnemers=[dossier["extern"]],
    )
    hv = dossier["hulpvraag"]
    tab = reverse("overleg:tab", args=[hv.pk])
    url = reverse("overleg:einddatum", args=[hv.pk, ronde.pk])
    eerste, tweede = _sessie(dossier["regie"]), _sessie(dossier["regie"])
    for sessie in (eerste, tweede):
        assert 'name="versie" value="0"' in sessie.get(tab).content.decode()
    eerste_datum = vandaag + datetime.timedelta(days=5)
    tweede_datum = vandaag + datetime.timedelta(days=9)

    assert (
        eerste.post(url, {"einddatum": eerste_datum.isoformat(), "versie": "0"}).status_code == 302
    )
    conflict = tweede.post(url, {"einddatum": tweede_datum.isoformat(), "versie": "0"})

    assert conflict.status_code == 200
    html = conflict.content.decode()
    assert (
        "Iemand anders heeft dit intussen gewijzigd: de opgeslagen einddatum is nu "
        f"{nl(eerste_datum)}, u typte {nl(tweede_datum)}."
    ) in html
    assert f'name="einddatum" value="{tweede_datum.isoformat()}"' in html
    assert 'name="versie" value="1"' in html
    assert Overlegronde.objects.values_list("einddatum", "versie").get(pk=ronde.pk) == (
        eerste_datum,
        1,
    )

    assert (
        tweede.post(url, {"einddatum": tweede_datum.isoformat(), "versie": "1"}).status_code == 302
    )
    assert Overlegronde.objects.values_list("einddatum", "versie").get(pk=ronde.pk) == (
        tweede_datum,
        2,
    )

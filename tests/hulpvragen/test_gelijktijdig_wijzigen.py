"""Two people edit the same hulpvraag or aanpak at once: the second save is refused as a
conflict instead of silently overwriting the first (issue Robustness, point 5)."""

import datetime
import re

import pytest
from django.urls import reverse

from hulpvragen.models import Aanpak, Hulpvraag
from tests.conftest import TweeStapsClient

pytestmark = pytest.mark.django_db


def _versie(response):
    return re.search(r'name="versie" value="(\d+)"', response.content.decode()).group(1)


def _sessie(gebruiker):
    client = TweeStapsClient()
    client.force_login(gebruiker)
    return client


def test_tweede_opslag_van_hulpvraag_wordt_conflict_en_daarna_bewust_opgeslagen(
    behandeld, ib, regie
):
    url = reverse("hulpvragen:wijzigen", args=[behandeld.pk])
    eerste, tweede = _sessie(ib), _sessie(regie)
    versie_eerste = _versie(eerste.get(url))
    versie_tweede = _versie(tweede.get(url))
    assert versie_eerste == versie_tweede == "0"

    opgeslagen = eerste.post(
        url, {"titel": "Titel van Inge", "omschrijving": "Tekst van Inge", "versie": "0"}
    )
    assert opgeslagen.status_code == 302

    conflict = tweede.post(
        url, {"titel": "Titel van Rik", "omschrijving": "Tekst van Rik", "versie": "0"}
    )

    assert conflict.status_code == 200
    html = conflict.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    tabel = html[html.index('id="verschillen"') :]
    assert "Tekst van Inge" in tabel
    assert "Tekst van Rik" in tabel
    assert 'name="titel" value="Titel van Rik"' in html
    assert 'name="versie" value="1"' in html
    hulpvraag = Hulpvraag.objects.get(pk=behandeld.pk)
    assert (hulpvraag.titel, hulpvraag.omschrijving, hulpvraag.versie) == (
        "Titel van Inge",
        "Tekst van Inge",
        1,
    )

    opnieuw = tweede.post(
        url, {"titel": "Titel van Rik", "omschrijving": "Tekst van Rik", "versie": "1"}
    )

    assert opnieuw.status_code == 302
    hulpvraag.refresh_from_db()
    assert (hulpvraag.titel, hulpvraag.omschrijving, hulpvraag.versie) == (
        "Titel van Rik",
        "Tekst van Rik",
        2,
    )


def test_tweede_opslag_van_aanpak_wordt_conflict_en_daarna_bewust_opgeslagen(
    behandeld, ib, regie, regie2
):
    aanpak = Aanpak.objects.get(hulpvraag=behandeld)
    url = reverse("hulpvragen:aanpak_wijzigen", args=[behandeld.pk, aanpak.pk])
    eerste, tweede = _sessie(ib), _sessie(regie)
    assert _versie(eerste.get(url)) == _versie(tweede.get(url)) == "0"

    def invoer(omschrijving, versie):
        return {
            "titel": "Begeleiding in de klas",
            "omschrijving": omschrijving,
            "startdatum": "2026-12-01",
            "einddatum": "2027-03-01",
            "behandelaar": regie2.pk,
            "versie": versie,
        }

    assert eerste.post(url, invoer("Plan van Inge", "0")).status_code == 302

    conflict = tweede.post(url, invoer("Plan van Rik", "0"))

    assert conflict.status_code == 200
    html = conflict.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    tabel = html[html.index('id="verschillen"') :]
    assert "Plan van Inge" in tabel
    assert "Plan van Rik" in tabel
    assert re.search(r'<textarea name="omschrijving"[^>]*>\s*Plan van Rik</textarea>', html)
    assert 'name="versie" value="1"' in html
    aanpak.refresh_from_db()
    assert (aanpak.omschrijving, aanpak.startdatum, aanpak.versie) == (
        "Plan van Inge",
        datetime.date(2026, 12, 1),
        1,
    )

    assert tweede.post(url, invoer("Plan van Rik", "1")).status_code == 302
    aanpak.refresh_from_db()
    assert (aanpak.omschrijving, aanpak.versie) == ("Plan van Rik", 2)

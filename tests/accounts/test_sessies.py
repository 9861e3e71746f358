"""Sessions: idle timeout, absolute lifetime, closing the browser, and other sessions ending."""

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import tweestaps
from tests.conftest import WACHTWOORD, TweeStapsClient
from tests.inloggen import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def rik(po, maak_lid):
    return maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")


def test_sessie_eindigt_als_de_browser_sluit_en_leeft_hoogstens_twaalf_uur():
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert django_settings.SESSIE_INACTIEF_MINUTEN == 30
    assert django_settings.SESSIE_MAXIMAAL_UREN == 12
    assert django_settings.SESSION_COOKIE_AGE == 12 * 60 * 60


def test_inloggen_zet_een_cookie_zonder_vervaldatum(rik):
    client = Client()
    response = log_in(client, rik, WACHTWOORD)

    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_na_dertig_minuten_niets_doen_uitgelogd_met_uitleg(rik):
    begin = timezone.now()
    client = Client()
    with time_machine.travel(begin, tick=False):
        log_in(client, rik, WACHTWOORD)
        assert client.get(reverse("start")).status_code == 200
    with time_machine.travel(begin + datetime.timedelta(minutes=29), tick=False):
        assert client.get(reverse("start")).status_code == 200
    # 29 minutes later again: the visit at minute 29 counted as activity.
    with time_machine.travel(begin + datetime.timedelta(minutes=58), tick=False):
        assert client.get(reverse("start")).status_code == 200
    with time_machine.travel(begin + datetime.timedelta(minutes=89), tick=False):
        response = client.get("/hulpvragen/")
        assert response.status_code == 302
        assert response["Location"] == "/inloggen/?next=%2Fhulpvragen%2F&reden=inactief"
        login = client.get(response["Location"]).content.decode()
        assert "U bent uitgelogd omdat u 30 minuten niets in Kindkans heeft gedaan." in login
        # Logged out for real: the next page asks for a login again, without a reason.
        assert client.get("/hulpvragen/")["Location"] == "/inloggen/?next=/hulpvragen/"


def test_inactief_is_een_instelling(rik, settings):
    settings.SESSIE_INACTIEF_MINUTEN = 5
    begin = timezone.now()
    client = Client()
    with time_machine.travel(begin, tick=False):
        log_in(client, rik, WACHTWOORD)
    with time_machine.travel(begin + datetime.timedelta(minutes=6), tick=False):
        assert "reden=inactief" in client.get(reverse("start"))["Location"]


def test_na_twaalf_uur_uitgelogd_ook_als_je_steeds_bezig_bent(rik):
    begin = timezone.now()
    client = Client()
    with time_machine.travel(begin, tick=False):
        log_in(client, rik, WACHTWOORD)
    for kwartier in range(1, 48):
        with time_machine.travel(begin + datetime.timedelta(minutes=15 * kwartier), tick=False):
            assert client.get(reverse("start")).status_code == 200, kwartier
    with time_machine.travel(begin + datetime.timedelta(hours=12, minutes=1), tick=False):
        response = client.get(reverse("start"))
        assert "reden=verlopen" in response["Location"]
        login = client.get(response["Location"]).content.decode()
        assert "U bent uitgelogd omdat u al 12 uur ingelogd was." in login


def test_sessiestatus_telt_niet_als_activiteit(rik):
    begin = timezone.now()
    client = Client()
    with time_machine.travel(begin, tick=False):
        log_in(client, rik, WACHTWOORD)
    with time_machine.travel(begin + datetime.timedelta(minutes=20), tick=False):
        assert client.get(reverse("accounts:sessie_status")).json() == {"resterend": 600}
    with time_machine.travel(begin + datetime.timedelta(minutes=29), tick=False):
        assert client.get(reverse("accounts:sessie_status")).json() == {"resterend": 60}
        verlengd = client.post(reverse("accounts:sessie_verlengen"), HTTP_ACCEPT="application/json")
        assert verlengd.json() == {"resterend": 1800}
    with time_machine.travel(begin + datetime.timedelta(minutes=50), tick=False):
        assert client.get(reverse("start")).status_code == 200


def test_pagina_waarschuwt_voor_het_uitloggen_zonder_inline_script(client, rik):
    client.force_login(rik)

    html = client.get(reverse("start")).content.decode()

    assert 'data-sessie-status="/sessie/"' in html
    assert 'data-sessie-waarschuwing="120"' in html
    assert '<dialog class="kk-sessie" id="sessie-waarschuwing"' in html
    assert "Ingelogd blijven" in html
    assert '<script src="/static/js/sessie.js" defer></script>' in html
    assert "<script>" not in html


def test_nieuw_wachtwoord_beeindigt_de_andere_sessies(rik):
    hier, daar = TweeStapsClient(), TweeStapsClient()
    hier.force_login(rik)
    daar.force_login(rik)
    assert daar.get(reverse("start")).status_code == 200

    nieuw = "een-heel-nieuw-wachtwoord-voor-rik"
    hier.post(
        reverse("accounts:password_change"),
        {"old_password": WACHTWOORD, "new_password1": nieuw, "new_password2": nieuw},
    )

    assert hier.get(reverse("start")).status_code == 200
    assert daar.get(reverse("start"))["Location"].startswith(reverse("accounts:login"))


def test_tweede_factor_verwijderd_beeindigt_alle_sessies(rik):
    hier, daar = TweeStapsClient(), TweeStapsClient()
    hier.force_login(rik)
    daar.force_login(rik)

    tweestaps.verwijder_tweede_factor(gebruiker=rik)

    for client in (hier, daar):
        assert client.get(reverse("start"))["Location"].startswith(reverse("accounts:login"))
    # Logging in again with the password leads to enrolment, not to the portal.
    client = Client()
    log_in_zonder_app = client.post(
        reverse("accounts:login"),
        {
            "inlog_view-current_step": "auth",
            "auth-username": rik.email,
            "auth-password": WACHTWOORD,
        },
    )
    assert log_in_zonder_app.status_code == 302
    assert client.get(reverse("start"))["Location"].startswith(reverse("two_factor:setup"))


def test_account_uitgezet_beeindigt_de_sessie(rik):
    client = TweeStapsClient()
    client.force_login(rik)

    rik.is_active = False
    rik.save()

    assert client.get(reverse("start"))["Location"].startswith(reverse("accounts:login"))


def test_lidmaatschap_beeindigd_geeft_geen_toegang_meer(rik):
    client = TweeStapsClient()
    client.force_login(rik)
    rik.lidmaatschappen.update(actief=False)

    response = client.get(reverse("hulpvragen:lijst"))

    assert response.status_code == 403
    assert "geen enkele omgeving een actief lidmaatschap" in response.content.decode()


def test_ingelogde_paginas_worden_niet_bewaard(client, rik):
    client.force_login(rik)

    response = client.get(reverse("start"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_inlogpagina_wordt_ook_niet_bewaard(client):
    response = client.get(reverse("accounts:login"))

    # The login wizard is never cached either (two_factor marks it never_cache): a shared
    # computer's back button shows no half-finished login.
    assert "no-store" in response["Cache-Control"]
    assert "E-mailadres" in response.content.decode()


def test_anonieme_pagina_zonder_sessie_geen_no_store_nodig(client):
    response = client.get(reverse("gezond"))

    assert response.content == b"ok"
    assert "no-store" not in response.get("Cache-Control", "")

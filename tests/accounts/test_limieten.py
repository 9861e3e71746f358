import datetime

import pytest
import time_machine
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.limieten import wachttijd_tekst
from tests.conftest import WACHTWOORD

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.5"
CLIENT_A = "198.51.100.7"
CLIENT_B = "203.0.113.9"


def inloggen(client, email, wachtwoord, *, via=None, remote_addr=PROXY):
    """Post e-mailadres and wachtwoord to the login, under the field names of the plain form
    and of the two-step wizard (whose first step is "auth"). `via`: the X-Forwarded-For header
    as it reaches the portal."""
    headers = {"X-Forwarded-For": via} if via is not None else {}
    return client.post(
        reverse("accounts:login"),
        {
            "username": email,
            "password": wachtwoord,
            "auth-username": email,
            "auth-password": wachtwoord,
            "login_view-current_step": "auth",
            "inlog_view-current_step": "auth",
        },
        headers=headers,
        REMOTE_ADDR=remote_addr,
    )


def ingelogd_of_codestap(client, response):
    """The password was accepted: logged in, or on to the code from the app."""
    return response.status_code != 429 and (
        get_user(client).is_authenticated or "Code uit de app" in response.content.decode()
    )


@pytest.fixture
def achter_proxy(settings):
    settings.KINDKANS_PROXY_AANTAL = 1


def test_slot_per_client_achter_de_proxy(achter_proxy, po, maak_lid):
    maak_lid(po, "regierolhouder", email="x@voorbeeld.test")
    client_a, client_b = Client(), Client()

    for _ in range(4):
        assert inloggen(client_a, "x@voorbeeld.test", "fout", via=CLIENT_A).status_code == 200
    # The fifth wrong password locks x@ for A.
    assert inloggen(client_a, "x@voorbeeld.test", "fout", via=CLIENT_A).status_code == 429

    geblokkeerd = inloggen(client_a, "x@voorbeeld.test", WACHTWOORD, via=CLIENT_A)
    assert geblokkeerd.status_code == 429
    assert "voor dit e-mailadres" in geblokkeerd.content.decode()
    assert not get_user(client_a).is_authenticated
    # Pretending to be B in the part of the header the client writes itself does not help.
    vervalst = inloggen(client_a, "x@voorbeeld.test", WACHTWOORD, via=f"{CLIENT_B}, {CLIENT_A}")
    assert vervalst.status_code == 429
    assert not get_user(client_a).is_authenticated
    # B, through the same proxy, logs in to the same account.
    response = inloggen(client_b, "x@voorbeeld.test", WACHTWOORD, via=CLIENT_B)
    assert ingelogd_of_codestap(client_b, response)


def test_veel_emailadressen_vanaf_een_client_blokkeert_die_client(achter_proxy, po, maak_lid):
    maak_lid(po, "regierolhouder", email="echt@voorbeeld.test")
    client_a, client_b = Client(), Client()

    for nummer in range(30):
        fout = inloggen(client_a, f"gok{nummer}@voorbeeld.test", "Welkom01!", via=CLIENT_A)
        assert fout.status_code == 200, nummer

    response = inloggen(client_a, "echt@voorbeeld.test", WACHTWOORD, via=CLIENT_A)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Vanaf deze internetverbinding" in html
    assert "Probeer het over 15 minuten opnieuw." in html
    assert 'href="/wachtwoord-vergeten/"' in html
    assert not get_user(client_a).is_authenticated
    # Also the client's own made-up header does not get it out.
    response = inloggen(client_a, "echt@voorbeeld.test", WACHTWOORD, via=f"{CLIENT_B}, {CLIENT_A}")
    assert response.status_code == 429
    # Another client is not blocked.
    response = inloggen(client_b, "echt@voorbeeld.test", WACHTWOORD, via=CLIENT_B)
    assert ingelogd_of_codestap(client_b, response)


def test_blokkade_per_client_zonder_proxy(settings, po, maak_lid):
    settings.KINDKANS_PROXY_AANTAL = 0
    settings.INLOG_FOUTEN_PER_CLIENTADRES = 3
    maak_lid(po, "regierolhouder", email="echt@voorbeeld.test")
    client_a, client_b = Client(), Client()

    for nummer in range(3):
        # A header the client invents is ignored when there is no proxy.
        inloggen(
            client_a, f"gok{nummer}@voorbeeld.test", "fout", remote_addr=CLIENT_A, via=CLIENT_B
        )

    response = inloggen(client_a, "echt@voorbeeld.test", WACHTWOORD, remote_addr=CLIENT_A)
    assert response.status_code == 429
    response = inloggen(client_b, "echt@voorbeeld.test", WACHTWOORD, remote_addr=CLIENT_B)
    assert ingelogd_of_codestap(client_b, response)


def test_blokkade_toont_de_resterende_tijd_en_loopt_af(achter_proxy, settings, po, maak_lid):
    settings.INLOG_FOUTEN_PER_CLIENTADRES = 3
    maak_lid(po, "regierolhouder", email="echt@voorbeeld.test")
    client = Client()
    begin = timezone.now()

    with time_machine.travel(begin, tick=False):
        for nummer in range(3):
            inloggen(client, f"gok{nummer}@voorbeeld.test", "fout", via=CLIENT_A)
    with time_machine.travel(begin + datetime.timedelta(minutes=5), tick=False):
        response = inloggen(client, "echt@voorbeeld.test", WACHTWOORD, via=CLIENT_A)
        assert response.status_code == 429
        assert "Probeer het over 10 minuten opnieuw." in response.content.decode()
    with time_machine.travel(begin + datetime.timedelta(minutes=16), tick=False):
        response = inloggen(client, "echt@voorbeeld.test", WACHTWOORD, via=CLIENT_A)
        assert ingelogd_of_codestap(client, response)


def test_wie_geblokkeerd_blijft_proberen_blokkeert_de_rest_van_school_niet(
    achter_proxy, settings, po, maak_lid
):
    settings.INLOG_FOUTEN_PER_CLIENTADRES = 8
    maak_lid(po, "regierolhouder", email="x@voorbeeld.test")
    maak_lid(po, "regierolhouder", email="y@voorbeeld.test")
    school = Client()

    for _ in range(5):
        inloggen(school, "x@voorbeeld.test", "fout", via=CLIENT_A)
    for _ in range(10):
        # Refused by the lock of x@ without looking at the password: not counted again.
        assert inloggen(school, "x@voorbeeld.test", "fout", via=CLIENT_A).status_code == 429

    response = inloggen(school, "y@voorbeeld.test", WACHTWOORD, via=CLIENT_A)
    assert ingelogd_of_codestap(school, response)


def test_slotpagina_noemt_de_ingestelde_wachttijd(settings, po, maak_lid):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=45)
    maak_lid(po, "regierolhouder", email="x@voorbeeld.test")
    client = Client()

    for _ in range(5):
        inloggen(client, "x@voorbeeld.test", "fout")
    response = inloggen(client, "x@voorbeeld.test", WACHTWOORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Probeer het over 45 minuten opnieuw." in html
    assert "kwartier" not in html
    assert "Wachtwoord vergeten" in html


def test_zonder_cache_kan_men_nog_inloggen(settings, po, maak_lid):
    # Redis down (nothing listens on port 1): the limit per address lapses, the login works
    # and the lock per e-mailadres (database) still holds.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    maak_lid(po, "regierolhouder", email="x@voorbeeld.test")
    client = Client()

    assert inloggen(client, "x@voorbeeld.test", "fout").status_code == 200
    response = inloggen(client, "x@voorbeeld.test", WACHTWOORD)
    assert ingelogd_of_codestap(client, response)


@pytest.mark.parametrize(
    ("minuten", "tekst"),
    [(15, "15 minuten"), (1, "1 minuut"), (0.2, "1 minuut"), (60, "1 uur"), (90, "90 minuten")],
)
def test_wachttijd_in_woorden(minuten, tekst):
    assert wachttijd_tekst(datetime.timedelta(minutes=minuten)) == tekst

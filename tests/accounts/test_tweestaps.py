"""Two-factor login: nothing with data before the second factor, enrolment, codes, reservecodes."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import tweestaps
from tests.conftest import WACHTWOORD
from tests.factories import GebruikerFactory
from tests.inloggen import code_stap, geef_app, log_in, reservecode_stap, wachtwoord_stap

pytestmark = pytest.mark.django_db

# The only pages a person who typed a password but no code yet may reach. Written out here, not
# read from the code: a new page is behind the second factor unless someone adds it to this list.
VOOR_DE_TWEEDE_STAP = {
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:uitnodiging",
    "two_factor:setup",
    "two_factor:qr",
    # The health check of the proxy: "ok", nothing else.
    "gezond",
    # Only a redirect to the portal's login (test_beheer_inlog_zonder_tweede_stap_bestaat_niet).
    "beheer_login",
    "admin:login",  # the same path, answered by beheer_login
    # The parents' pages (ouders): no account at all; a page with data needs a visit, which
    # only the code from the parent's own mailbox opens (tests/ouders/test_ouderpaginas.py).
    "ouderportaal:uitnodiging",
    "ouderportaal:link",
    "ouderportaal:nieuwe_link",
    "ouderportaal:hulpvraag",
    "ouderportaal:antwoord",
    "ouderportaal:intrekken",
    "ouderportaal:zienswijze",
    "ouderportaal:bijlage",
    "ouderportaal:klaar",
}


def _alle_urls():
    """(name, path) for every URL pattern of the portal and the beheer, ids filled with 1."""

    def doorloop(patronen, voorvoegsel, namespace):
        for patroon in patronen:
            if isinstance(patroon, URLResolver):
                ns = patroon.namespace or namespace
                yield from doorloop(patroon.url_patterns, voorvoegsel + str(patroon.pattern), ns)
            elif isinstance(patroon, URLPattern):
                route = voorvoegsel + str(patroon.pattern)
                naam = f"{namespace}:{patroon.name}" if namespace else patroon.name
                yield naam, route

    for naam, route in doorloop(get_resolver().url_patterns, "", None):
        if route.startswith("^") or "(?P" in route:
            # The admin's few regex routes (app index, redirects): fill the app label.
            route = re.sub(r"\(\?P<app_label>[^)]*\)", "accounts", route)
            route = route.replace("^", "").replace("$", "").replace("\\", "")
        pad = "/" + re.sub(r"<(?:\w+:)?(\w+)>", "1", route)
        if "static/" in pad:
            continue
        yield naam, pad


def test_de_lijst_van_urls_is_compleet():
    namen = {naam for naam, _ in _alle_urls()}
    # A check on the enumeration itself: portal, formulieren, overleg and beheer are in it.
    assert {
        "hulpvragen:detail",
        "hulpvragen:bijlage",
        "formulieren:overzicht",
        "overleg:tab",
        "overleg:reactie",
        "leerlingen:lijst",
        "notificaties:meldingen",
        "admin:index",
        "admin:accounts_gebruiker_changelist",
        "admin:hulpvragen_hulpvraag_change",
    } <= namen
    assert len(namen) > 60


@pytest.mark.parametrize("met_app", [False, True], ids=["nog-geen-app", "wel-een-app"])
def test_zonder_tweede_stap_geen_enkele_pagina_met_gegevens(po, maak_lid, met_app):
    """Enumerates every URL pattern: password only gives no page but enrolment or the login."""
    gebruiker = maak_lid(po, "ib_coo")
    gebruiker.is_staff = gebruiker.is_superuser = True  # the beheer is included
    gebruiker.save()
    if met_app:
        geef_app(gebruiker)
    setup = reverse("two_factor:setup")
    login = reverse("accounts:login")
    bekeken = 0
    for naam, pad in _alle_urls():
        if naam in VOOR_DE_TWEEDE_STAP:
            continue
        for methode in ("get", "post"):
            client = Client()
            client.force_login(gebruiker)  # password only: no second factor in the session
            response = getattr(client, methode)(pad)
            bekeken += 1
            if response.status_code == 404 and naam is None:
                continue
            assert response.status_code == 302, (naam, pad, methode, response.status_code)
            verwacht = login if met_app else setup
            assert response["Location"].startswith(verwacht), (naam, pad, response["Location"])
    assert bekeken > 120


def test_beheer_inlog_zonder_tweede_stap_bestaat_niet(client):
    response = client.get("/beheer/login/?next=/beheer/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/beheer/"


def test_inloggen_vraagt_na_het_wachtwoord_de_code(client, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")
    apparaat = geef_app(gebruiker)

    stap1 = wachtwoord_stap(client, "rik@voorbeeld.test", WACHTWOORD)
    html = stap1.content.decode()
    assert "Stap 2 van 2" in html
    assert 'autocomplete="one-time-code"' in html
    # Not yet logged in after the password alone.
    assert not get_user(client).is_authenticated

    response = code_stap(client, tweestaps.volgende_code(apparaat))

    assert response.status_code == 302
    assert get_user(client).is_authenticated
    assert client.get(reverse("start")).status_code == 200


def test_verkeerde_code_wordt_afgeremd(client, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")
    apparaat = geef_app(gebruiker)
    begin = timezone.now()

    with time_machine.travel(begin, tick=False):
        wachtwoord_stap(client, "rik@voorbeeld.test", WACHTWOORD)
        eerste = code_stap(client, "000000")
        assert "Deze code klopt niet" in eerste.content.decode()
        # One failure: the device now refuses for a second, even the right code.
        apparaat.refresh_from_db()
        assert apparaat.throttling_failure_count == 1
        goede = tweestaps.volgende_code(apparaat)
        geweigerd = code_stap(client, goede)
        assert "te vaak een verkeerde code" in geweigerd.content.decode()
        assert not get_user(client).is_authenticated
    with time_machine.travel(begin + datetime.timedelta(seconds=10), tick=False):
        apparaat.refresh_from_db()
        response = code_stap(client, tweestaps.volgende_code(apparaat))
        assert response.status_code == 302
        assert get_user(client).is_authenticated


def test_een_code_werkt_maar_een_keer(po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")
    apparaat = geef_app(gebruiker)
    moment = timezone.now()
    with time_machine.travel(moment, tick=False):
        code = f"{totp(apparaat.bin_key):06d}"
        eerste, tweede = Client(), Client()
        wachtwoord_stap(eerste, "rik@voorbeeld.test", WACHTWOORD)
        assert code_stap(eerste, code).status_code == 302
        wachtwoord_stap(tweede, "rik@voorbeeld.test", WACHTWOORD)
        assert "Deze code klopt niet" in code_stap(tweede, code).content.decode()


def test_reservecode_werkt_een_keer(po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")
    geef_app(gebruiker)
    codes = tweestaps.maak_reservecodes(gebruiker=gebruiker)
    assert len(codes) == 10
    assert len(set(codes)) == 10

    client = Client()
    wachtwoord_stap(client, "rik@voorbeeld.test", WACHTWOORD)
    keuze = client.post(
        reverse("accounts:login"),
        {"inlog_view-current_step": "token", "wizard_goto_step": "backup"},
    )
    assert "Reservecode" in keuze.content.decode()
    assert reservecode_stap(client, codes[0]).status_code == 302
    assert get_user(client).is_authenticated
    assert StaticToken.objects.filter(device__user=gebruiker).count() == 9

    ander = Client()
    wachtwoord_stap(ander, "rik@voorbeeld.test", WACHTWOORD)
    ander.post(
        reverse("accounts:login"),
        {"inlog_view-current_step": "token", "wizard_goto_step": "backup"},
    )
    opnieuw = reservecode_stap(ander, codes[0])
    assert "Deze code klopt niet" in opnieuw.content.decode()
    assert not get_user(ander).is_authenticated


def test_eerste_keer_inloggen_stelt_de_app_in_en_toont_reservecodes_een_keer(po, maak_lid):
    gebruiker = maak_lid(po, "ib_coo", email="nieuw@voorbeeld.test")
    client = Client()

    na_wachtwoord = wachtwoord_stap(client, "nieuw@voorbeeld.test", WACHTWOORD, next="/leerlingen/")
    assert na_wachtwoord.status_code == 302
    # The page asked for is not shown: first the app.
    assert client.get("/leerlingen/")["Location"].startswith(reverse("two_factor:setup"))

    setup = reverse("two_factor:setup") + "?next=/leerlingen/"
    welkom = client.get(setup)
    assert "authenticator-app" in welkom.content.decode()
    qr_stap = client.post(setup, {"app_instellen_view-current_step": "welcome"})
    html = qr_stap.content.decode()
    assert f'src="{reverse("two_factor:qr")}"' in html
    sleutel = re.search(r'<code class="kk-sleutel">([A-Z2-7]+)</code>', html).group(1)
    qr = client.get(reverse("two_factor:qr"))
    assert qr["Content-Type"].startswith("image/svg+xml")

    fout = client.post(
        setup, {"app_instellen_view-current_step": "generator", "generator-token": "123456"}
    )
    assert "Deze code klopt niet" in fout.content.decode()

    import base64

    code = totp(base64.b32decode(sleutel))
    klaar = client.post(
        setup, {"app_instellen_view-current_step": "generator", "generator-token": code}
    )
    assert klaar["Location"] == reverse("two_factor:setup_complete")
    apparaat = TOTPDevice.objects.get(user=gebruiker)
    assert apparaat.confirmed

    pagina = client.get(klaar["Location"]).content.decode()
    getoond = re.findall(r"<li><code>(\w+)</code></li>", pagina)
    assert len(getoond) == 10
    assert set(getoond) == set(
        StaticToken.objects.filter(device__user=gebruiker).values_list("token", flat=True)
    )
    assert 'href="/leerlingen/"' in pagina
    # Shown once: the same page again, and the reservecodes page, show none.
    assert "<code>" not in client.get(klaar["Location"]).content.decode()
    overzicht = client.get(reverse("accounts:reservecodes")).content.decode()
    assert "nog 10 ongebruikte reservecodes" in overzicht
    assert getoond[0] not in overzicht
    assert client.get("/leerlingen/").status_code == 200


def test_nieuwe_reservecodes_vervangen_de_oude(client, po, maak_lid):
    gebruiker = maak_lid(po, "ib_coo")
    oud = tweestaps.maak_reservecodes(gebruiker=gebruiker)
    client.force_login(gebruiker)

    pagina = client.post(reverse("accounts:reservecodes")).content.decode()

    nieuw = re.findall(r"<li><code>(\w+)</code></li>", pagina)
    assert len(nieuw) == 10
    assert not set(nieuw) & set(oud)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(nieuw)


def test_geen_onthoud_dit_apparaat(client, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")
    geef_app(gebruiker)

    html = wachtwoord_stap(client, "rik@voorbeeld.test", WACHTWOORD).content.decode()

    assert "remember" not in html
    assert "onthoud" not in html.lower()


def test_democode_geeft_de_code_van_een_demo_account(settings, capsys):
    settings.DEBUG = True
    gebruiker = GebruikerFactory(email="ib@demo.test")
    tweestaps.zet_demo_app(gebruiker=gebruiker)

    call_command("democode", "IB@demo.test")

    code = capsys.readouterr().out.strip()
    assert re.fullmatch(r"\d{6}", code)
    client = Client()
    wachtwoord_stap(client, "ib@demo.test", WACHTWOORD)
    assert code_stap(client, code).status_code == 302


def test_democode_niet_in_productie_en_niet_voor_echte_accounts(settings):
    settings.DEBUG = True
    echt = GebruikerFactory(email="echt@voorbeeld.test")
    geef_app(echt)
    with pytest.raises(CommandError, match="geen demo-account"):
        call_command("democode", "echt@voorbeeld.test")
    settings.DEBUG = False
    with pytest.raises(CommandError, match="niet in productie"):
        call_command("democode", "echt@voorbeeld.test")


def test_log_in_helper_gaat_door_beide_stappen(client, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder")

    response = log_in(client, gebruiker, WACHTWOORD)

    assert response.status_code == 302
    assert client.get(reverse("start")).status_code == 200

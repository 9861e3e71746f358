"""The second factor and the session timeout in a real browser: enrol, reservecode, warning."""

import base64
import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp

from tests.conftest import WACHTWOORD
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def nieuw(po, maak_lid):
    return maak_lid(po, "ib_coo", email="nieuw@voorbeeld.test", voornaam="Noa")


def test_nieuwe_ib_er_stelt_de_app_in_en_logt_in_met_een_reservecode(
    page, live_server, axe, nieuw, schermafdruk
):
    page.goto(f"{live_server.url}/hulpvragen/")
    page.get_by_label("E-mailadres").fill("nieuw@voorbeeld.test")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Volgende").click()

    # Before anything else: the app.
    assert page.get_by_role("heading", name="Tweestapsverificatie instellen").is_visible()
    axe(page)
    page.get_by_role("button", name="Beginnen").click()
    qr = page.get_by_role("img", name=re.compile("QR-code"))
    assert qr.is_visible()
    # Wait until it is loaded and decoded (it rejects for a broken image): served from our
    # origin, which the CSP allows.
    assert qr.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    axe(page)
    schermafdruk(page, "tweestaps-instellen")
    sleutel = page.locator("code.kk-sleutel").inner_text()
    page.get_by_label("Code uit de app").fill("000000")
    page.get_by_role("button", name="Koppelen").click()
    assert "Deze code klopt niet" in page.locator("main").inner_text()
    page.get_by_label("Code uit de app").fill(f"{totp(base64.b32decode(sleutel)):06d}")
    page.get_by_role("button", name="Koppelen").click()

    assert page.get_by_role("heading", name="Tweestapsverificatie is ingesteld").is_visible()
    codes = page.locator(".kk-reservecodes code").all_inner_texts()
    assert len(codes) == 10
    axe(page)
    schermafdruk(page, "reservecodes")
    page.get_by_role("link", name="Verder naar Kindkans").click()
    assert page.url.endswith("/hulpvragen/")

    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_label("E-mailadres").fill("nieuw@voorbeeld.test")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Volgende").click()
    axe(page)
    page.get_by_role("button", name=re.compile("reservecode gebruiken")).click()
    page.get_by_label("Reservecode").fill(codes[0])
    page.get_by_role("button", name="Inloggen").click()
    assert "Omgeving: PO2811" in page.locator("header").inner_text()

    page.get_by_role("link", name="Reservecodes").click()
    assert "nog 9 ongebruikte reservecodes" in page.locator("main").inner_text()
    axe(page)


def test_waarschuwing_voor_uitloggen_en_daarna_de_inlogpagina_met_reden(
    page, live_server, axe, settings, po, maak_lid
):
    settings.DEBUG = True
    from django.core.management import call_command

    call_command("demodata")
    settings.DEBUG = False
    settings.SESSIE_INACTIEF_MINUTEN = 1
    settings.SESSIE_WAARSCHUWING_SECONDEN = 57
    page.goto(f"{live_server.url}/")
    log_in(page, "ib@demo.test")

    dialoog = page.get_by_role("dialog", name="Bent u er nog?")
    dialoog.wait_for(state="visible", timeout=10_000)
    knop = page.get_by_role("button", name="Ingelogd blijven")
    assert knop.evaluate("b => b === document.activeElement")
    axe(page)
    knop.click()
    dialoog.wait_for(state="hidden", timeout=5_000)

    # The warning comes back; this time the person walks away past the idle timeout.
    dialoog.wait_for(state="visible", timeout=10_000)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5), tick=True):
        page.keyboard.press("Escape")  # "I am here" — but too late
        page.wait_for_url(re.compile(r"/inloggen/\?reden=inactief"), timeout=10_000)
        assert "U bent uitgelogd omdat u 1 minuten niets" in page.locator("main").inner_text()
        page.goto(f"{live_server.url}/hulpvragen/")
        assert page.get_by_label("E-mailadres").is_visible()

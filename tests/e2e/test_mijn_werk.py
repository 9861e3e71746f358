"""Mijn werk in a real browser on the demo data: Mijn acties per role with links to the tab,
the termijn and the "te laat" filter, the choice of a daily overview, and the Termijnen in the
beheer; axe on every page."""

import re

import pytest
from django.core.management import call_command

from tests.e2e.conftest import log_in as log_in_met_code

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demodata")


def log_in(page, live_server, email):
    page.goto(f"{live_server.url}/")
    log_in_met_code(page, email)


def mijn_acties(page):
    return page.locator("#mijn-acties").inner_text()


def test_regierolhouder_opent_de_te_late_aanpak_vanuit_mijn_acties(page, live_server, demo, axe):
    log_in(page, live_server, "cjg@demo.test")

    acties = mijn_acties(page)
    assert "Nieuwe aanpak: bevestig de taak met GEAGENDEERD" in acties
    assert "Te laat" in acties
    teller = page.locator("nav .kk-teller").first.inner_text()
    assert re.fullmatch(r"\d+ acties?", " ".join(teller.split()))
    axe(page)

    page.locator("#mijn-acties a", has_text="Nieuwe aanpak").first.click()
    assert re.search(r"/hulpvragen/\d+/aanpak/#aanpak-\d+$", page.url)
    axe(page)


def test_ib_coo_filtert_op_te_laat_en_kiest_een_dagelijks_overzicht(page, live_server, demo, axe):
    log_in(page, live_server, "ib@demo.test")
    assert "Af te sluiten: RETOUR NAAR SCHAKELTEAM" in mijn_acties(page)

    page.get_by_role("link", name="Hulpvragen", exact=True).click()
    page.get_by_label("Termijn").select_option(label="Alleen te laat")
    page.get_by_role("button", name="Toepassen").click()
    status = page.get_by_role("status").inner_text()
    assert re.match(r"\d+ hulpvra(ag|gen) open en te laat\.", status), status
    rijen = page.locator("table tbody tr")
    assert rijen.count() >= 1
    for i in range(rijen.count()):
        assert "Te laat" in " ".join(rijen.nth(i).inner_text().split())
    axe(page)

    # The menu link also says how many meldingen are unread.
    page.locator("nav").get_by_role("link", name=re.compile(r"^Meldingen")).click()
    page.get_by_role("link", name="Meldingen per mail instellen").click()
    axe(page)
    page.get_by_label("Eén mail per dag met een overzicht").check()
    page.get_by_label("Tijdstip van het dagelijks overzicht").select_option(label="07:00")
    page.get_by_role("button", name="Opslaan").click()
    assert "07:00" in page.locator("main").inner_text()
    axe(page)


def test_deelnemer_ziet_de_ronde_die_morgen_afloopt(page, live_server, demo, axe):
    log_in(page, live_server, "extern@demo.test")

    acties = mijn_acties(page)
    assert "Overlegrondes waarvoor u bent uitgenodigd" in acties
    assert "(nog 1 dag)" in acties
    axe(page)

    # The header of every tab of the hulpvraag says until when she may look in (issue 14).
    page.locator("#mijn-acties a", has_text="Overlegronde").first.click()
    meekijken = re.compile(r"U kunt tot en met \d{1,2} \w+ \d{4} meekijken\.")
    assert meekijken.search(page.locator(".kk-meekijken").inner_text())
    page.locator(".kk-tabs").get_by_role("link", name="Algemeen").click()
    assert meekijken.search(page.locator(".kk-meekijken").inner_text())
    axe(page)


def test_eigen_ronde_die_morgen_afloopt_is_open_tot_en_met(page, live_server, demo, axe):
    log_in(page, live_server, "smw@demo.test")

    acties = mijn_acties(page)
    assert "Uw overlegrondes die binnen 2 dagen aflopen" in acties
    assert re.search(r"Open tot en met \w+dag \d{1,2} \w+ \d{4} \(nog 1 dag\)", acties), acties
    assert "Einddatum:" not in acties
    axe(page)


def test_op_een_klein_scherm_schuift_alleen_de_tabel(page, live_server, demo, axe):
    log_in(page, live_server, "ib@demo.test")
    # At 1280 px the list of hulpvragen fits without scrolling.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/hulpvragen/")
    assert page.locator(".kk-tabelvak").evaluate("e => e.scrollWidth <= e.clientWidth")

    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(f"{live_server.url}/")
    # The menu wraps: every item within the screen.
    for link in page.locator(".kk-nav a").all():
        vak = link.bounding_box()
        assert vak["x"] + vak["width"] <= 400, link.inner_text()

    for pad in ["/hulpvragen/", "/leerlingen/", "/formulieren/"]:
        page.goto(f"{live_server.url}{pad}")
        breedte = page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= 400, (pad, breedte)
        vak = page.locator(".kk-tabelvak").first
        assert vak.get_attribute("role") == "region"
        assert vak.evaluate("e => e.scrollWidth > e.clientWidth"), pad
    axe(page)

    # "Team Schoolondersteuning" stays within the screen on the page of a form.
    page.goto(f"{live_server.url}/formulieren/")
    page.locator(".kk-tabelvak a").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    axe(page)


def test_toetsenbordfocus_is_geel_op_het_huidige_tabblad_en_de_velden(page, live_server, demo):
    log_in(page, live_server, "ib@demo.test")
    page.get_by_role("link", name="Hulpvragen", exact=True).click()
    geel = "rgb(255, 221, 0)"

    zoek = page.get_by_label("Zoeken op titel, leerling of nummer")
    zoek.focus()
    assert zoek.evaluate("e => getComputedStyle(e).backgroundColor") == geel
    page.locator(".kk-tabelvak a").first.click()
    huidig = page.locator('.kk-tabs a[aria-current="page"]')
    # From the link above the title to the first tab, Algemeen, the current one.
    page.locator(".kk-kruimel a").focus()
    page.keyboard.press("Tab")
    assert huidig.evaluate("e => e === document.activeElement")
    assert huidig.evaluate("e => getComputedStyle(e).backgroundColor") == geel
    assert huidig.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


def test_beheerder_past_de_termijnen_van_de_omgeving_aan(page, live_server, demo, axe):
    log_in(page, live_server, "beheer.po@demo.test")
    page.goto(f"{live_server.url}/beheer/werk/termijnen/add/")
    # The one omgeving this beheerder manages is chosen already (issue 14).
    omgeving = page.locator("#id_omgeving")
    assert omgeving.evaluate("s => s.selectedOptions[0].text") == "PO2811 Goeree-Overflakkee"
    axe(page, portaal=False)
    page.get_by_label("Aanpak bevestigen binnen").fill("3")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    assert "is met succes toegevoegd" in page.locator(".messagelist").inner_text()
    assert "PO2811" in page.locator("#content").inner_text()
    axe(page, portaal=False)

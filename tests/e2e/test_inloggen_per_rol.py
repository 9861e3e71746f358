"""Each demo role logs in in a real browser and lands in the right omgeving."""

import pytest
from django.core.management import call_command

from tests.e2e.conftest import log_in as log_in_met_code

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_ROLLEN = [
    ("ib@demo.test", "PO2811 Goeree-Overflakkee", "IB/COO (schakelfunctionaris onderwijs)"),
    ("coo@demo.test", "VO2805 Goeree-Overflakkee", "IB/COO (schakelfunctionaris onderwijs)"),
    ("schakel@demo.test", "PO2811 Goeree-Overflakkee", "Schakelfunctionaris verbinding"),
    ("cjg@demo.test", "PO2811 Goeree-Overflakkee", "Regierolhouder bij CJG"),
    ("smw@demo.test", "PO2811 Goeree-Overflakkee", "Regierolhouder bij SMW"),
    ("extern@demo.test", "PO2811 Goeree-Overflakkee", "Externe deelnemer"),
    ("beheer.po@demo.test", "PO2811 Goeree-Overflakkee", "SWV-beheerder"),
    ("beheer.vo@demo.test", "VO2805 Goeree-Overflakkee", "SWV-beheerder"),
]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demodata")


def log_in(page, live_server, email):
    page.goto(f"{live_server.url}/")
    log_in_met_code(page, email)


@pytest.mark.parametrize(("email", "omgeving", "rol"), DEMO_ROLLEN)
def test_demo_rol_ziet_eigen_omgeving(page, live_server, demo, axe, email, omgeving, rol):
    log_in(page, live_server, email)

    kop = page.locator("header")
    assert f"Omgeving: {omgeving}" in kop.inner_text()
    assert rol in page.locator("main").inner_text()
    axe(page)


def test_persoon_in_twee_omgevingen_kiest_en_wisselt(page, live_server, demo, axe):
    page.goto(f"{live_server.url}/")
    axe(page)
    log_in(page, live_server, "beide@demo.test")

    assert page.get_by_role("heading", name="Kies een omgeving").is_visible()
    axe(page)
    page.get_by_role("button", name="VO2805 Goeree-Overflakkee").click()
    # With two omgevingen the header's choice list shows the current one.
    omgeving = page.locator("header").get_by_label("Omgeving", exact=True)
    assert omgeving.evaluate("s => s.selectedOptions[0].text") == "VO2805 Goeree-Overflakkee"
    # At 1280 px the header is one row: brand, omgeving and the person's links side by side.
    page.set_viewport_size({"width": 1280, "height": 900})
    midden = page.evaluate(
        "[...document.querySelectorAll('.kk-kop > *')]"
        ".map((e) => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; })"
    )
    assert max(midden) - min(midden) < 2, midden
    assert "Schakelfunctionaris verbinding" in page.locator("main").inner_text()

    omgeving.select_option(label="PO2811 Goeree-Overflakkee")
    page.get_by_role("button", name="Wissel").click()
    assert omgeving.evaluate("s => s.selectedOptions[0].text") == "PO2811 Goeree-Overflakkee"
    assert "U werkt nu in PO2811 Goeree-Overflakkee." in page.locator("main").inner_text()
    assert "Regierolhouder" in page.locator("main").inner_text()
    axe(page)


def test_ib_er_bevestigt_leerlinggegevens(page, live_server, demo, axe):
    log_in(page, live_server, "ib@demo.test")
    page.get_by_role("link", name="Leerlingen", exact=True).click()
    axe(page)
    page.get_by_role("link", name="Lotte van Dijk").click()
    assert "Controleer of de basis- en schoolgegevens" in page.locator("main").inner_text()
    axe(page)
    page.get_by_role("button", name="Gegevens zijn actueel").click()
    assert "U heeft bevestigd dat de gegevens actueel zijn." in page.locator("main").inner_text()

    page.get_by_role("link", name="Gegevens corrigeren").click()
    page.get_by_label("Voornaam").fill("")
    page.get_by_role("button", name="Opslaan").click()
    assert "Dit veld is verplicht." in page.locator("main").inner_text()
    axe(page)


def test_superuser_komt_in_het_beheer(page, live_server, demo):
    log_in(page, live_server, "admin@demo.test")

    assert page.url == f"{live_server.url}/beheer/"
    assert "Kindkans beheer" in page.content()


@pytest.mark.parametrize(
    "pad", ["/beheer/", "/beheer/formulieren/", "/beheer/formulieren/formulierdefinitie/"]
)
def test_beheerder_in_het_beheer(page, live_server, demo, axe, pad):
    # The breadcrumbs are links in a line of text: underlined (static/css/beheer.css).
    log_in(page, live_server, "beheer.po@demo.test")
    page.goto(f"{live_server.url}{pad}")
    assert "Kindkans beheer" in page.content()
    axe(page, portaal=False)

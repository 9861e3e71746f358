"""Real-browser tests: Debian's chromium driven by Playwright against a live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KINDKANS_CHROMIUM", "/usr/bin/chromium")
TAAL = "nl-NL"
TIJDZONE = "Europe/Amsterdam"

# Where the browser tests save their screenshots. A test run must not change tracked files, so by
# default they go to a temporary folder; `make screenshots` sets this to docs/screenshots to
# regenerate the README's pictures on purpose.
SCHERMAFDRUKKEN_VAR = "KINDKANS_SCHERMAFDRUKKEN"

# Playwright's sync API runs an event loop in this thread; the test itself only touches the
# database to prepare data, never while a request is served in the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium ontbreekt op {CHROMIUM}: installeer het Debian-pakket 'chromium'.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                # A Dutch browser, as the users have: date fields as dd-mm-jjjj. Debian's chromium
                # carries only the en-US interface (chromium-l10n adds the others), so a context's
                # locale alone leaves them mm/dd/yyyy; with this feature a form control follows
                # the page's lang="nl" instead. (The placeholder letters stay English: dd-mm-yyyy.)
                "--enable-blink-features=LangAttributeAwareFormControlUI",
            ],
            # Every context, also one made without timezone_id, in the portal's time zone.
            env={**os.environ, "TZ": TIJDZONE},
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def schermafdrukken(tmp_path_factory):
    """The folder for screenshots: $KINDKANS_SCHERMAFDRUKKEN, else a temporary one."""
    map_ = os.environ.get(SCHERMAFDRUKKEN_VAR)
    if not map_:
        return tmp_path_factory.mktemp("schermafdrukken")
    pad = Path(map_).resolve()
    pad.mkdir(parents=True, exist_ok=True)
    return pad


@pytest.fixture
def schermafdruk(schermafdrukken):
    """Save a full-page screenshot of `page` as <naam>.png in the screenshot folder."""

    def maak(page, naam):
        page.screenshot(path=str(schermafdrukken / f"{naam}.png"), full_page=True)

    return maak


@pytest.fixture
def page(browser):
    context = browser.new_context(locale=TAAL, timezone_id=TIJDZONE)
    page = context.new_page()
    yield page
    context.close()


# axe cannot decide the contrast of an element that overlaps others or is overlapped
# ("incomplete"). In two places that is expected, and there our own measurement (controles.py:
# the text's colour against the background found by walking up its ancestors) decides instead:
# - inside an open modal dialog (the session warning): the dialog is in the top layer, above the
#   page it overlaps, so its own opaque background is the text's background;
# - a list box (select with multiple or size > 1, the dual list of deelnemers): axe sees its
#   options lie over the select; their text on the select's background is what we measure.
# Any other undecided contrast fails the check like a violation.
AXE_ZELF_METEN = (
    "e => !!e.closest('dialog:modal') || (e.matches('select') && (e.multiple || e.size > 1))"
)
AXE_OVERLAP = {"bgOverlap", "elmPartiallyObscured", "elmPartiallyObscuring"}


def axe_contrast_onbeslist(resultaat):
    """axe's undecided colour-contrast nodes as (target, messageKey, message)."""
    onbeslist = []
    for regel in resultaat["incomplete"]:
        if regel["id"] != "color-contrast":
            continue
        for node in regel["nodes"]:
            for controle in node["any"]:
                data = controle.get("data")
                sleutel = data.get("messageKey", "") if isinstance(data, dict) else ""
                doel = " ".join(map(str, node["target"]))
                onbeslist.append((doel, sleutel, controle["message"]))
    return onbeslist


@pytest.fixture
def axe():
    """Check a page: our own contrast and required-field checks (tests/e2e/controles.py), then
    axe (no serious or critical violation, no colour contrast axe could not decide)."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.e2e.controles import controleer_contrast, controleer_verplichte_velden

    ernstig = {"serious", "critical"}

    def controleer(page, portaal=True):
        # The beheer (portaal=False) is Django's admin with its own typeface and field look: there
        # the contrast check and axe apply, and required fields must not look like Django's error
        # (.errors) before it is shown; the portal's yellow and typeface do not apply.
        controleer_contrast(page)
        controleer_verplichte_velden(page, portaal=portaal)
        resultaat = Axe().run(page)
        fouten = [v for v in resultaat.response["violations"] if v["impact"] in ernstig]
        assert not fouten, f"axe op {page.url}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
            for v in fouten
        )
        onbeslist = []
        for doel, sleutel, bericht in axe_contrast_onbeslist(resultaat.response):
            if sleutel in AXE_OVERLAP and page.locator(doel).evaluate(AXE_ZELF_METEN):
                controleer_contrast(page, doel)
            else:
                onbeslist.append((doel, sleutel, bericht))
        assert not onbeslist, f"axe kon het contrast niet bepalen op {page.url}: " + "; ".join(
            f"{doel} ({sleutel}): {bericht}" for doel, sleutel, bericht in onbeslist
        )

    return controleer


def democode(email):
    """The code the demo account's app shows now, as `manage.py democode` prints it."""
    from io import StringIO

    from django.core.management import call_command

    uit = StringIO()
    call_command("democode", email, ook_in_productie=True, stdout=uit)
    return uit.getvalue().strip()


def log_in(page, email, wachtwoord="kindkans-demo"):
    """Both steps of the login on the page that shows the login form."""
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Code uit de app").fill(democode(email))
    page.get_by_role("button", name="Inloggen").click()

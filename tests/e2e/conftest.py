"""Real-browser tests: Debian's chromium driven by Playwright against a live server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("KINDKANS_CHROMIUM", "/usr/bin/chromium")

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
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    ernstig = {"serious", "critical"}

    def controleer(page):
        resultaat = Axe().run(page)
        fouten = [v for v in resultaat.response["violations"] if v["impact"] in ernstig]
        assert not fouten, f"axe op {page.url}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
            for v in fouten
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

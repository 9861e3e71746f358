"""The work instruction end to end, in Debian's Chromium, each person with their own account.

Every page the walk visits is checked with axe (no serious or critical violation) and with the
checks of tests/e2e/controles.py (contrast of buttons and labels in every state, required fields
that do not look like errors before the server says so, one typeface), and the main
pages are saved as screenshots: to a temporary folder in a test run, to docs/screenshots/ for the
README with `make screenshots` (which sets KINDKANS_SCHERMAFDRUKKEN).
"""

import datetime
import re
import zipfile
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from hulpvragen.models import Hulpvraag
from hulpvragen.workflow import Status
from tests.e2e.conftest import log_in as log_in_met_code

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def demo(settings, tmp_path, mailoutbox):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demodata")
    settings.DEBUG = False  # the users' error pages, not Django's technical ones
    mailoutbox.clear()
    return mailoutbox


class Personen:
    """A browser of one's own per person (own cookies), logged in with their demo account.

    Every address a person's page visits is remembered, so that at the end each one can be
    opened again and checked with axe: every page of the walk, not only those checked on the way.
    """

    def __init__(self, browser, live_server):
        self.browser = browser
        self.live_server = live_server
        self.contexten = []
        self.bezocht = {}
        self.geweigerd = []  # what the Content-Security-Policy blocked

    def __call__(self, email, url=None):
        context = self.browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        self.contexten.append(context)
        page = context.new_page()
        adressen = self.bezocht.setdefault(page, [])
        page.on(
            "framenavigated",
            lambda frame: (
                adressen.append(frame.url.split("#")[0]) if frame == page.main_frame else None
            ),
        )
        page.on(
            "console",
            lambda bericht: (
                self.geweigerd.append(bericht.text)
                if "Content Security Policy" in bericht.text
                else None
            ),
        )
        page.goto(url or f"{self.live_server.url}/")
        log_in(page, email)
        return page

    def controleer_alle_paginas(self, axe):
        aantal = 0
        for page, adressen in self.bezocht.items():
            for adres in dict.fromkeys(adressen):
                if "/meldingen/" in adres and adres.rstrip("/").split("/")[-1].isdigit():
                    continue  # a mail link only redirects
                if not adres.startswith("http"):
                    continue  # about:blank between two steps
                page.goto(adres)
                axe(page)
                aantal += 1
        return aantal


@pytest.fixture
def persoon(browser, live_server):
    personen = Personen(browser, live_server)
    yield personen
    for context in personen.contexten:
        context.close()


def log_in(page, email):
    log_in_met_code(page, email)


def link_uit_mail(outbox, aan, onderwerp):
    mails = [m for m in outbox if m.to == [aan] and onderwerp in m.subject]
    assert mails, f"geen mail aan {aan} met '{onderwerp}' in {[m.subject for m in outbox]}"
    return re.search(r"https?://\S+/meldingen/\d+/", mails[-1].body).group()


def tab(page, naam):
    return page.get_by_role("navigation", name="Tabbladen van de hulpvraag").get_by_role(
        "link", name=naam, exact=True
    )


def menu(page, naam):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=naam)


def hoofd(page):
    return page.locator("main").inner_text()


def test_werkinstructie_van_begin_tot_eind(live_server, demo, persoon, axe, settings, schermafdruk):
    outbox = demo
    settings.SITE_URL = live_server.url

    # --- 2. IB/COO ontvangt de hulpvraag uit de school ------------------------------------
    ib = persoon("ib@demo.test")
    menu(ib, "Hulpvragen").click()
    ib.get_by_role("link", name="Nieuwe hulpvraag").click()
    axe(ib)
    ib.get_by_label("Leerling").select_option(label="Lotte van Dijk")
    ib.get_by_role("button", name="Verder").click()
    # Footnote 1: her data was never confirmed, so it is shown first.
    assert "zijn de gegevens van Lotte van Dijk nog actueel?" in hoofd(ib)
    axe(ib)
    ib.get_by_role("button", name="Gegevens zijn actueel").click()
    assert ib.get_by_label("Titel").input_value() == "Team Schoolondersteuning"
    ib.get_by_label("Omschrijving").fill("Lotte heeft moeite met concentratie in de klas.")
    ib.get_by_role("combobox", name="Coördinator").select_option(
        label="Sanne Visser (SWV PO Goeree-Overflakkee)"
    )
    axe(ib)
    ib.get_by_role("button", name="Opslaan").click()
    assert "is aangemaakt" in hoofd(ib)
    hulpvraag = Hulpvraag.objects.get(leerling__voornaam="Lotte")
    schermafdruk(ib, "hulpvraag-algemeen")
    axe(ib)

    # Step 2: the form 'Team Schoolondersteuning' on tab Formulieren; first with a yellow
    # (required) field left empty.
    tab(ib, "Formulieren").click()
    ib.get_by_role("combobox", name=re.compile("^Formulier")).select_option(
        label="Team Schoolondersteuning"
    )
    ib.get_by_role("button", name="Formulier invullen").click()
    axe(ib)  # before anything is typed: the required fields are yellow, not red
    ib.get_by_label("Wat heeft de school al gedaan?").fill("Zes weken extra instructie.")
    ib.get_by_role("group", name=re.compile("Betrokken partijen")).get_by_label("CJG").check()
    ib.get_by_role("group", name=re.compile("geïnformeerd")).get_by_label("Ja").check()
    ib.get_by_role("group", name=re.compile("Toestemming ouders")).get_by_label("Ja").check()
    ib.get_by_label("Gewenste ondersteuning").fill("Observatie in de klas en advies.")
    ib.get_by_label("Urgentie").select_option(label="Regulier")
    ib.get_by_role("button", name="Opslaan").click()
    aanleiding = ib.get_by_label(re.compile("Aanleiding en hulpvraag"))
    assert aanleiding.get_attribute("aria-invalid") == "true"
    assert "Dit veld is verplicht." in hoofd(ib)
    assert (
        ib.get_by_label("Wat heeft de school al gedaan?").input_value()
        == "Zes weken extra instructie."
    )
    axe(ib)
    aanleiding.fill("Lotte kan zich slecht concentreren, vooral 's middags.")
    schermafdruk(ib, "formulier-team-schoolondersteuning")
    ib.get_by_role("button", name="Opslaan").click()
    assert "opgeslagen" in hoofd(ib)
    axe(ib)
    tab(ib, "Algemeen").click()

    # After the talk with the schakelfunctionaris: the regierolhouder becomes coördinator.
    ib.get_by_role("combobox", name="Coördinator").select_option(
        label="Rik de Wit (CJG Goeree-Overflakkee)"
    )
    ib.get_by_role("button", name="Coördinator opslaan").click()
    assert "De coördinator is nu Rik de Wit." in hoofd(ib)

    # --- 3. IB/COO maakt een aanpak aan ------------------------------------------------------
    ib.get_by_role("link", name="Aanpak", exact=True).click()
    ib.get_by_role("link", name="Aanpak toevoegen").click()
    axe(ib)
    ib.get_by_role("button", name="Opslaan").click()
    assert "Dit veld is verplicht." in hoofd(ib)
    axe(ib)
    ib.get_by_label("Titel").fill("Begeleiding door het CJG")
    ib.get_by_label("Omschrijving").fill("Gesprekken met ouders en Lotte.")
    ib.get_by_label("Startdatum").fill(timezone.localdate().isoformat())
    ib.get_by_role("combobox", name="Behandelaar").select_option(
        label="Rik de Wit (CJG Goeree-Overflakkee)"
    )
    schermafdruk(ib, "aanpak-toevoegen")
    ib.get_by_role("button", name="Opslaan").click()
    assert "Rik de Wit krijgt een mail als behandelaar" in hoofd(ib)
    axe(ib)

    # --- 4. Taken regierolhouder --------------------------------------------------------------
    link = link_uit_mail(outbox, "cjg@demo.test", "Nieuwe aanpak voor u als behandelaar")
    mail = [m for m in outbox if m.to == ["cjg@demo.test"] and "aanpak" in m.subject][-1]
    assert (
        "Er is in Kindkans een nieuwe aanpak toegevoegd voor u als behandelaar van Lotte van Dijk."
        in mail.body
    )
    regie = persoon("cjg@demo.test", url=link)
    assert regie.url.endswith(
        f"/hulpvragen/{hulpvraag.pk}/aanpak/#aanpak-{hulpvraag.aanpakken.get().pk}"
    )
    assert "Begeleiding door het CJG" in hoofd(regie)
    axe(regie)

    menu(regie, "Hulpvragen").click()
    regie.get_by_label("Zoeken op titel, leerling of nummer").fill("Lotte")
    regie.get_by_role("button", name="Toepassen").click()
    schermafdruk(regie, "hulpvragen")
    axe(regie)
    regie.get_by_role("link", name="Team Schoolondersteuning").click()

    # Steps 2 and 3: the forms of the hulpvraag, and the regierolhouder's own detail form.
    tab(regie, "Formulieren").click()
    assert "Team Schoolondersteuning" in hoofd(regie)
    axe(regie)
    regie.get_by_role("link", name="Alle formulieren van uw hulpvragen").click()
    regie.get_by_role("combobox", name=re.compile("^Formulier")).select_option(
        label="Betrokkenheid SMW/CJG/BPO"
    )
    regie.get_by_role("button", name="Formulier invullen").click()
    regie.get_by_label(re.compile("^Hulpvraag")).select_option(index=1)
    regie.get_by_label(re.compile("^Naam betrokkene")).select_option(label="Rik de Wit")
    regie.get_by_label(re.compile("^Organisatie")).select_option(label="CJG")
    regie.get_by_label(re.compile("^Start betrokkenheid")).fill(timezone.localdate().isoformat())
    regie.get_by_label("Overig").fill("Wekelijks contact met de IB-er; verslag na zes weken.")
    axe(regie)
    regie.get_by_role("button", name="Opslaan").click()
    assert "Wekelijks contact met de IB-er" in hoofd(regie)
    formulier_url = regie.url
    tab(regie, "Algemeen").click()

    regie.get_by_label("Nieuwe status").select_option(label="GEAGENDEERD")
    regie.get_by_label("Omschrijving").fill("Eerste gesprek met ouders op 3 december.")
    regie.get_by_role("button", name="Status opslaan").click()
    assert "De status is aangepast naar GEAGENDEERD." in hoofd(regie)
    ib_mail = [m for m in outbox if m.to == ["ib@demo.test"] and "in behandeling" in m.subject]
    assert ib_mail and "Rik de Wit heeft deze taak in behandeling genomen" in ib_mail[-1].body
    assert "Eerste gesprek met ouders op 3 december." in ib_mail[-1].body

    # --- 5. Bijlage, then an overlegronde ------------------------------------------------------
    regie.get_by_role("link", name="Bijlagen", exact=True).click()
    assert "Wees terughoudend met het delen van leerlingspecifieke informatie." in hoofd(regie)
    regie.get_by_label("Bestand").set_input_files(
        files=[{"name": "gespreksverslag.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    regie.get_by_role("button", name="Bijlage toevoegen").click()
    assert "Bijlage gespreksverslag.pdf is toegevoegd." in hoofd(regie)
    axe(regie)

    regie.get_by_role("link", name="Overlegronde", exact=True).click()
    regie.get_by_role("link", name="Nieuwe overlegronde").click()
    regie.get_by_label("Titel").fill("Meekijken gedrag")
    regie.get_by_label("Omschrijving").fill("Wil je meekijken naar het plan van aanpak?")
    einddatum = timezone.localdate() + datetime.timedelta(days=14)
    assert regie.get_by_label("Einddatum").input_value() == einddatum.isoformat()
    # With the mouse: drag Eva Smit to the selected column.
    regie.locator("#mogelijk option", has_text="Eva Smit").drag_to(regie.locator("#geselecteerd"))
    melding = regie.locator("[data-duallijst-melding]")
    assert "Eva Smit toegevoegd aan Geselecteerde deelnemers" in melding.inner_text()
    # With the keyboard only: find Mila, add her, then take her out again.
    regie.get_by_label("Zoek op naam of organisatie").fill("Mila")
    regie.locator("#mogelijk").focus()
    regie.keyboard.press("ArrowDown")
    regie.keyboard.press("Tab")
    regie.keyboard.press("Enter")
    assert "Mila Jansen toegevoegd" in melding.inner_text()
    assert regie.locator("#geselecteerd option").count() == 2
    regie.locator("#geselecteerd").focus()
    regie.keyboard.press("End")
    regie.keyboard.press("Delete")
    assert "Mila Jansen teruggezet naar Mogelijke deelnemers" in melding.inner_text()
    assert regie.locator("#geselecteerd option").all_inner_texts() == [
        "Eva Smit — TJG Goeree-Overflakkee"
    ]
    axe(regie)
    schermafdruk(regie, "overlegronde-nieuw")
    regie.get_by_role("button", name="Opslaan", exact=True).click()
    assert "Overlegronde Meekijken gedrag is opgeslagen" in hoofd(regie)
    axe(regie)

    # --- 6. Uitgenodigd voor een overlegronde --------------------------------------------------
    link = link_uit_mail(outbox, "extern@demo.test", "heeft een overlegronde Meekijken gedrag")
    uitnodiging = [m for m in outbox if m.to == ["extern@demo.test"]][-1]
    assert (
        f"Als u een reactie wilt plaatsen, dan is dit mogelijk tot en met {einddatum.day} "
        in uitnodiging.body
    )
    extern = persoon("extern@demo.test", url=link)
    tabs = extern.locator("nav[aria-label='Tabbladen van de hulpvraag'] a").all_inner_texts()
    assert tabs == ["Algemeen", "Overlegronde", "Bijlagen"]  # no Formulieren, no Aanpak
    assert "Wil je meekijken naar het plan van aanpak?" in hoofd(extern)
    axe(extern)
    extern.get_by_label("Uw reactie").fill("Ik kijk mee en neem contact op met de ouders.")
    extern.get_by_role("button", name="Reactie opslaan").click()
    assert "Uw reactie is opgeslagen." in hoofd(extern)
    schermafdruk(extern, "deelnemer-overlegronde")
    extern.get_by_role("link", name="Bijlagen", exact=True).click()
    assert "gespreksverslag.pdf" in hoofd(extern)
    axe(extern)
    extern.get_by_role("link", name="Algemeen", exact=True).click()
    assert "Lotte van Dijk" in hoofd(extern)
    assert extern.goto(f"{live_server.url}/hulpvragen/{hulpvraag.pk}/aanpak/").status == 404
    assert extern.goto(formulier_url).status == 404
    assert extern.goto(f"{live_server.url}/hulpvragen/{hulpvraag.pk}/formulieren/").status == 404

    # After the einddatum the same link gives no access (the server's clock moves with ours).
    # First leave the portal page: its session timer would ask the server after the jump, find
    # the session ended and send the tab to the login page without our link, racing our goto.
    extern.goto("about:blank")
    na_einde = datetime.datetime.combine(
        einddatum + datetime.timedelta(days=1),
        datetime.time(8),
        tzinfo=ZoneInfo("Europe/Amsterdam"),
    )
    with time_machine.travel(na_einde, tick=True):
        extern.goto(link)
        if "/inloggen/" in extern.url:
            log_in(extern, "extern@demo.test")
        assert "Deze pagina bestaat niet" in extern.content()
        assert "Lotte" not in extern.content()

    # --- 7. Afsluiten van de hulpvraag --------------------------------------------------------
    regie.goto(f"{live_server.url}/hulpvragen/{hulpvraag.pk}/")
    regie.get_by_label("Nieuwe status").select_option(label="RETOUR NAAR SCHAKELTEAM")
    regie.get_by_label("Omschrijving").fill("Mijn taak is afgerond.")
    regie.get_by_role("button", name="Status opslaan").click()
    link = link_uit_mail(outbox, "ib@demo.test", "is aangepast: RETOUR NAAR SCHAKELTEAM")
    ib.goto(link)
    assert "RETOUR NAAR SCHAKELTEAM" in hoofd(ib)
    ib.get_by_label("Nieuwe status").select_option(label="AFGEROND")
    ib.get_by_role("button", name="Status opslaan").click()
    assert "De status is aangepast naar AFGEROND." in hoofd(ib)
    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Status.AFGEROND
    menu(ib, "Hulpvragen").click()
    assert "Lotte van Dijk" not in hoofd(ib)
    ib.get_by_label("Toon").select_option(label="Afgeronde hulpvragen")
    ib.get_by_role("button", name="Toepassen").click()
    assert "Lotte van Dijk" in hoofd(ib)
    axe(ib)
    menu(ib, "Meldingen").click()
    assert "is aangepast: RETOUR NAAR SCHAKELTEAM" in hoofd(ib)
    axe(ib)

    # --- The school sees who looked: the Logboek tab, and the inzage for the parents ----------
    ib.goto(f"{live_server.url}/hulpvragen/{hulpvraag.pk}/")
    ib.get_by_role("link", name="Logboek", exact=True).click()
    logboek = hoofd(ib)
    assert "Eva Smit" in logboek  # the deelnemer's looks during the round
    assert "reactie geplaatst" in logboek
    assert "bijlage gedownload" in logboek or "tabblad Bijlagen" in logboek
    ib.get_by_label("Persoon", exact=True).select_option(label="Eva Smit")
    ib.get_by_role("button", name="Filteren").click()
    assert "Rik de Wit" not in ib.locator("main table").inner_text()
    schermafdruk(ib, "logboek")
    axe(ib)
    assert extern.goto(f"{live_server.url}/hulpvragen/{hulpvraag.pk}/logboek/").status == 404
    ib.goto(f"{live_server.url}/leerlingen/{hulpvraag.leerling_id}/")
    with ib.expect_download() as download:
        ib.get_by_role("link", name="Inzage downloaden (AVG)").first.click()
    with zipfile.ZipFile(download.value.path()) as inzage:
        samenvatting = inzage.read("index.html").decode()
        assert any(naam.endswith("gespreksverslag.pdf") for naam in inzage.namelist())
    assert "Lotte" in samenvatting
    assert "Ik kijk mee en neem contact op met de ouders." in samenvatting

    # Every page any of them saw, once more through axe.
    assert persoon.controleer_alle_paginas(axe) > 20
    assert persoon.geweigerd == []

"""Issue 16's walk in Debian's Chromium on the demo data: the beheerder makes consent for sharing
required; the regierolhouder's new round says it is missing; the IB/COO asks Daan's mother for
consent; the mother, with the link and the code from her mail and no account, agrees; the
regierolhouder then opens a round with an outsider and invites the mother into it; she reads the
round and reacts; everything she did is in the Logboek. axe on every page, the parent's too."""

import re

import pytest
from django.core.management import call_command

from hulpvragen.models import Hulpvraag
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings, tmp_path, mailoutbox, live_server):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demodata")
    settings.DEBUG = False
    settings.SITE_URL = live_server.url
    mailoutbox.clear()
    return mailoutbox


def persoon(browser, live_server, email=None):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    if email:
        log_in(page, email)
    return page


def mail_aan(outbox, adres, onderwerp):
    mails = [m for m in outbox if m.to == [adres] and onderwerp in m.subject]
    assert mails, f"geen mail aan {adres} met '{onderwerp}' in {[m.subject for m in outbox]}"
    return mails[-1]


def kom_binnen(ouder, outbox, link):
    """The parent's way in: the link from the mail, the button, the code from the next mail."""
    ouder.goto(link)
    assert "Goedendag Mirjam Willemsen" in ouder.locator("main").inner_text()
    ouder.get_by_role("button", name="Stuur mij de code").click()
    assert (
        "We hebben een e-mail met de code gestuurd naar o•••@demo.test"
        in ouder.locator("main").inner_text()
    )
    code = re.search(r"Uw code is: (\d{6})", mail_aan(outbox, "ouder@demo.test", "code").body)
    ouder.get_by_label("Code uit de e-mail").fill(code.group(1))
    ouder.get_by_role("button", name=re.compile("^(Verder|Ga verder|Doorgaan)")).click()


def test_ouder_geeft_toestemming_en_leest_mee_in_de_overlegronde(
    browser, live_server, demo, axe, schermafdruk
):
    outbox = demo
    hulpvraag = Hulpvraag.objects.get(leerling__voornaam="Daan", leerling__achternaam="Willemsen")
    basis = f"{live_server.url}/hulpvragen/{hulpvraag.pk}"

    # The beheerder switches the rule on for PO2811.
    beheer = persoon(browser, live_server, "beheer.po@demo.test")
    beheer.goto(f"{live_server.url}/beheer/accounts/omgeving/")
    beheer.get_by_role("link", name=re.compile("PO2811")).first.click()
    beheer.get_by_label("toestemming van ouders verplicht voor delen").check()
    beheer.get_by_role("button", name="Opslaan", exact=True).click()
    assert "met succes gewijzigd" in beheer.locator(".messagelist").inner_text()

    # Without consent the new round says what is missing.
    rik = persoon(browser, live_server, "cjg@demo.test")
    rik.goto(f"{basis}/overlegronde/nieuw/")
    assert (
        "Voor deelnemers van buiten de school en het samenwerkingsverband is toestemming van de "
        "ouders nodig voor het delen van het dossier. Die is er nog niet"
    ) in rik.locator("main").inner_text()
    axe(rik)

    # The IB/COO asks Daan's mother for consent, on the tab Ouders en leerling.
    inge = persoon(browser, live_server, "ib@demo.test")
    inge.goto(f"{basis}/")
    inge.get_by_role("link", name="Ouders en leerling", exact=True).click()
    axe(inge)
    sectie = inge.locator("#uitnodigingen")
    sectie.get_by_text("Ouder uitnodigen voor toestemming").click()
    sectie.get_by_label("Ouder/verzorger").select_option(label="Mirjam Willemsen (moeder)")
    sectie.get_by_label("Aanmelding bij het Team Schoolondersteuning").check()
    sectie.get_by_label("Delen van het dossier met deelnemers van een overlegronde").check()
    sectie.get_by_label("Bericht aan de ouder").fill("Zoals besproken bij het gesprek.")
    axe(inge)
    schermafdruk(inge, "ouders-uitnodigen")
    sectie.get_by_role("button", name="Uitnodiging mailen").click()
    assert (
        "De uitnodiging is gemaild aan Mirjam Willemsen (ouder@demo.test)"
        in inge.locator("main").inner_text()
    )

    # The mother: no account, the link and the code from her mail.
    mail = mail_aan(outbox, "ouder@demo.test", "toestemming")
    assert "Zoals besproken bij het gesprek." in mail.body
    link = re.search(r"http://\S+/ouder/\d+/[0-9a-f]+/", mail.body).group()
    ouder = persoon(browser, live_server)
    ouder.goto(link)
    axe(ouder)
    kom_binnen(ouder, outbox, link)
    pagina = ouder.locator("main").inner_text()
    assert "Team Schoolondersteuning" in pagina
    assert "Inge Bakker" in pagina and "Rik de Wit" in pagina
    axe(ouder)
    for _ in range(2):
        ouder.get_by_role("button", name="Ja, ik geef toestemming").first.click()
        assert "Dank u wel. U heeft toestemming gegeven" in ouder.locator("main").inner_text()
    axe(ouder)
    schermafdruk(ouder, "ouder-toestemming")
    assert (
        "Mirjam Willemsen heeft toestemming gegeven"
        in mail_aan(outbox, "ib@demo.test", "Mirjam Willemsen heeft gereageerd").body
    )

    # The link worked once.
    ouder.get_by_role("banner").get_by_role("button", name="Klaar").click()
    ouder.goto(link)
    assert "Deze link is al gebruikt" in ouder.locator("main").inner_text()

    # Now Rik opens a round with an outsider (Eva Smit, TJG) ...
    rik.goto(f"{basis}/overlegronde/nieuw/")
    assert "Die is er nog niet" not in rik.locator("main").inner_text()
    rik.get_by_label("Titel").fill("Meekijken thuis en school")
    rik.get_by_label("Omschrijving").fill("Hoe gaat het thuis? Lees het verslag en reageer.")
    rik.locator("#mogelijk option", has_text="Eva Smit").drag_to(rik.locator("#geselecteerd"))
    rik.get_by_role("button", name="Opslaan", exact=True).click()
    assert (
        "Overlegronde Meekijken thuis en school is opgeslagen" in rik.locator("main").inner_text()
    )
    # ... and invites the mother into it.
    rik.get_by_text("Ouder uitnodigen").first.click()
    rik.get_by_label("Ouder/verzorger").first.select_option(label="Mirjam Willemsen (moeder)")
    rik.get_by_role("button", name="Uitnodiging mailen").first.click()
    assert "Mirjam Willemsen" in rik.locator("main").inner_text()
    axe(rik)

    mail = mail_aan(outbox, "ouder@demo.test", "Meekijken thuis en school")
    link = re.search(r"http://\S+/ouder/\d+/[0-9a-f]+/", mail.body).group()
    kom_binnen(ouder, outbox, link)
    pagina = ouder.locator("main").inner_text()
    assert "Meekijken thuis en school" in pagina
    assert "Hoe gaat het thuis? Lees het verslag en reageer." in pagina
    axe(ouder)
    ouder.get_by_label(re.compile("reactie", re.I)).fill("Thuis slaapt Daan slecht. Ik denk mee.")
    ouder.get_by_role("button", name=re.compile("opslaan|versturen|plaatsen", re.I)).click()
    assert "Uw reactie is opgeslagen" in ouder.locator("main").inner_text()
    axe(ouder)

    # Rik reads her reactie at the round; the Logboek names her for every step.
    rik.goto(f"{basis}/overlegronde/")
    assert "Thuis slaapt Daan slecht. Ik denk mee." in rik.locator("main").inner_text()
    inge.goto(f"{basis}/logboek/")
    logboek = inge.locator("main").inner_text()
    for actie in ["ouder: link en code gebruikt", "ouder: hulpvraag bekeken"]:
        assert actie in logboek, actie
    assert "Mirjam Willemsen" in logboek
    axe(inge)

"""Wachtwoord vergeten: a mail through the outbox, limited per e-mailadres and per client address,
saying nothing about whether an account exists; a new password lifts the login lock."""

import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from notificaties.models import Notificatie
from tests.conftest import WACHTWOORD
from tests.factories import GebruikerFactory
from tests.inloggen import geef_app, wachtwoord_stap

# The limits count in the cache; tests/accounts/conftest.py empties it before every test.
pytestmark = pytest.mark.django_db

PLAATSHOUDER = "[persoonlijke link: staat alleen in de verstuurde mail]"
NIEUW = "een-heel-nieuw-wachtwoord-42"


@pytest.fixture
def vraag(client, mailoutbox, django_capture_on_commit_callbacks):
    def vraag_aan(email, *, vanaf=None):
        bron = Client(REMOTE_ADDR=vanaf) if vanaf else client
        with django_capture_on_commit_callbacks(execute=True):
            return bron.post(reverse("accounts:password_reset"), {"email": email})

    return vraag_aan


def link_uit(mail):
    return re.search(r"http://127\.0\.0\.1:8000(/wachtwoord-instellen/\S+/)", mail.body).group(1)


def test_mail_via_de_outbox_met_werkende_link(vraag, client, mailoutbox):
    gebruiker = GebruikerFactory(email="ib@voorbeeld.test", voornaam="Inge", achternaam="Bakker")

    response = vraag("IB@voorbeeld.test")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    notificatie = Notificatie.objects.get()
    assert (notificatie.ontvanger, notificatie.soort, notificatie.omgeving, notificatie.status) == (
        gebruiker,
        "wachtwoord_vergeten",
        None,
        "verstuurd",
    )
    assert [mail.to for mail in mailoutbox] == [["ib@voorbeeld.test"]]
    mail = mailoutbox[0]
    assert mail.subject == "Nieuw wachtwoord instellen voor Kindkans"
    assert mail.body.startswith("Beste Inge Bakker,")
    assert "De link werkt één keer en is 24 uur geldig." in mail.body
    link = link_uit(mail)
    token = link.rstrip("/").rsplit("/", 1)[1]
    for veld in (notificatie.tekst, notificatie.html, notificatie.link):
        assert token not in veld
    assert PLAATSHOUDER in notificatie.tekst

    formulier = client.get(link, follow=True)
    assert "Nieuw wachtwoord instellen" in formulier.content.decode()
    response = client.post(
        formulier.request["PATH_INFO"], {"new_password1": NIEUW, "new_password2": NIEUW}
    )

    assert response["Location"] == reverse("accounts:login")
    gebruiker.refresh_from_db()
    assert gebruiker.check_password(NIEUW)
    # Used up.
    opnieuw = client.get(link, follow=True).content.decode()
    assert "Deze link is niet meer geldig" in opnieuw


def test_onbekend_adres_krijgt_hetzelfde_antwoord(vraag, mailoutbox):
    GebruikerFactory(email="ib@voorbeeld.test")

    bekend = vraag("ib@voorbeeld.test")
    onbekend = vraag("niemand@voorbeeld.test")

    assert (onbekend.status_code, onbekend["Location"]) == (bekend.status_code, bekend["Location"])
    assert [mail.to for mail in mailoutbox] == [["ib@voorbeeld.test"]]
    assert Notificatie.objects.count() == 1


def test_uitgezet_account_of_nog_nooit_ingesteld_wachtwoord_krijgt_geen_mail(vraag, mailoutbox):
    GebruikerFactory(email="uit@voorbeeld.test", is_active=False)
    uitgenodigd = GebruikerFactory(email="nieuw@voorbeeld.test")
    uitgenodigd.set_unusable_password()
    uitgenodigd.save()

    assert vraag("uit@voorbeeld.test").status_code == 302
    assert vraag("nieuw@voorbeeld.test").status_code == 302

    assert mailoutbox == []
    assert not Notificatie.objects.exists()


def test_hooguit_drie_links_per_uur_per_emailadres(vraag, mailoutbox):
    GebruikerFactory(email="ib@voorbeeld.test")
    GebruikerFactory(email="rik@voorbeeld.test")

    antwoorden = [vraag("ib@voorbeeld.test", vanaf=f"10.0.0.{i}") for i in range(4)]

    assert [a.status_code for a in antwoorden] == [302, 302, 302, 429]
    html = antwoorden[3].content.decode()
    assert "Er gaat nu daarom geen nieuwe mail uit." in html
    assert Notificatie.objects.filter(ontvanger__email="ib@voorbeeld.test").count() == 3
    # Another e-mailadres is not held back.
    assert vraag("rik@voorbeeld.test").status_code == 302
    assert Notificatie.objects.filter(ontvanger__email="rik@voorbeeld.test").count() == 1


def test_limiet_verraadt_niet_of_een_account_bestaat(vraag):
    GebruikerFactory(email="ib@voorbeeld.test")

    bekend = [vraag("ib@voorbeeld.test").status_code for _ in range(4)]
    onbekend = [vraag("niemand@voorbeeld.test").status_code for _ in range(4)]

    assert bekend == onbekend == [302, 302, 302, 429]


def test_hooguit_tien_links_per_uur_per_clientadres(vraag):
    for i in range(11):
        GebruikerFactory(email=f"leraar{i}@voorbeeld.test")

    antwoorden = [
        vraag(f"leraar{i}@voorbeeld.test", vanaf="192.0.2.7").status_code for i in range(11)
    ]

    assert antwoorden == [302] * 10 + [429]
    assert Notificatie.objects.count() == 10
    assert not Notificatie.objects.filter(ontvanger__email="leraar10@voorbeeld.test").exists()
    # From another address it still works.
    assert vraag("leraar10@voorbeeld.test", vanaf="192.0.2.8").status_code == 302
    assert Notificatie.objects.filter(ontvanger__email="leraar10@voorbeeld.test").count() == 1


def test_nieuw_wachtwoord_heft_de_inlogblokkade_op(vraag, mailoutbox, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")
    geef_app(gebruiker)
    inloggen = Client()
    for _ in range(5):
        wachtwoord_stap(inloggen, "rik@voorbeeld.test", "fout")
    assert wachtwoord_stap(inloggen, "rik@voorbeeld.test", WACHTWOORD).status_code == 429

    vraag("rik@voorbeeld.test")
    browser = Client()
    formulier = browser.get(link_uit(mailoutbox[0]), follow=True)
    browser.post(formulier.request["PATH_INFO"], {"new_password1": NIEUW, "new_password2": NIEUW})

    assert not AccessAttempt.objects.filter(username="rik@voorbeeld.test").exists()
    response = wachtwoord_stap(inloggen, "rik@voorbeeld.test", NIEUW)
    assert response.status_code == 200
    assert "Code uit de app" in response.content.decode()


def test_wachtwoordlink_werkt_niet_als_uitnodiging(vraag, client, mailoutbox):
    GebruikerFactory(email="ib@voorbeeld.test")
    vraag("ib@voorbeeld.test")
    link = link_uit(mailoutbox[0]).replace("/wachtwoord-instellen/", "/uitnodiging/")

    html = client.get(link, follow=True).content.decode()

    assert "Deze link is niet geldig" in html
    assert 'name="new_password1"' not in html

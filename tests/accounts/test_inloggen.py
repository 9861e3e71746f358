import pytest
from django.contrib.auth import get_user
from django.urls import reverse

from tests.conftest import WACHTWOORD
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def test_inloggen_met_emailadres_ongeacht_hoofdletters(client, po, maak_lid):
    maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")

    response = client.post(
        reverse("accounts:login"), {"username": "Rik@Voorbeeld.TEST", "password": WACHTWOORD}
    )

    assert response.status_code == 302
    assert get_user(client).email == "rik@voorbeeld.test"


def test_verkeerd_wachtwoord_geeft_nederlandse_melding_en_houdt_emailadres(client, po, maak_lid):
    maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")

    response = client.post(
        reverse("accounts:login"), {"username": "rik@voorbeeld.test", "password": "fout"}
    )

    assert response.status_code == 200
    assert "combinatie van e-mailadres en wachtwoord is onbekend" in response.content.decode()
    assert 'value="rik@voorbeeld.test"' in response.content.decode()
    assert not get_user(client).is_authenticated


def test_inlogpagina_is_nederlands(client):
    response = client.get(reverse("accounts:login"))

    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "E-mailadres" in html
    assert "Wachtwoord vergeten?" in html


def test_zonder_inloggen_naar_de_inlogpagina_met_terugweg(client):
    response = client.get(reverse("leerlingen:lijst"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/leerlingen/"


def test_na_inloggen_terug_naar_de_gevraagde_pagina(client, po, maak_lid):
    maak_lid(po, "ib_coo", email="ib@voorbeeld.test")

    response = client.post(
        f"{reverse('accounts:login')}?next=/leerlingen/",
        {"username": "ib@voorbeeld.test", "password": WACHTWOORD, "next": "/leerlingen/"},
    )

    assert response["Location"] == "/leerlingen/"
    assert client.get("/leerlingen/").status_code == 200


def test_uitloggen(client, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder")
    client.force_login(gebruiker)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert not get_user(client).is_authenticated


def test_wachtwoord_vergeten_stuurt_nederlandse_mail_met_werkende_link(client, mailoutbox):
    gebruiker = GebruikerFactory(email="ib@voorbeeld.test", voornaam="Inge")

    response = client.post(reverse("accounts:password_reset"), {"email": "IB@voorbeeld.test"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ib@voorbeeld.test"]
    assert mail.subject == "Nieuw wachtwoord instellen voor Kindkans"
    assert "Beste Inge" in mail.body
    link = next(regel for regel in mail.body.splitlines() if "/wachtwoord-instellen/" in regel)
    pad = link.split("testserver", 1)[1]
    formulier = client.get(pad, follow=True)
    assert "Nieuw wachtwoord instellen" in formulier.content.decode()
    nieuw = "een-heel-nieuw-wachtwoord-42"
    client.post(formulier.request["PATH_INFO"], {"new_password1": nieuw, "new_password2": nieuw})
    gebruiker.refresh_from_db()
    assert gebruiker.check_password(nieuw)


def test_wachtwoord_vergeten_voor_onbekend_adres_verraadt_niets(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@voorbeeld.test"})

    assert response.status_code == 302
    assert mailoutbox == []


def test_na_vijf_foute_wachtwoorden_een_kwartier_wachten(client, po, maak_lid, settings):
    import datetime

    import time_machine
    from django.utils import timezone

    maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")
    url = reverse("accounts:login")
    for email in (
        "rik@voorbeeld.test",
        "Rik@voorbeeld.test",
        "RIK@voorbeeld.test",
        "rik@voorbeeld.test ",
        "rik@Voorbeeld.test",
    ):
        client.post(url, {"username": email, "password": "fout"})

    goed = {"username": "rik@voorbeeld.test", "password": "geheim-wachtwoord-123"}
    response = client.post(url, goed)
    assert response.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in response.content.decode()
    assert not get_user(client).is_authenticated
    # Another address from the same place is not locked.
    maak_lid(po, "regierolhouder", email="mila@voorbeeld.test")
    ander = client.post(url, {"username": "mila@voorbeeld.test", "password": WACHTWOORD})
    assert ander.status_code == 302

    client.logout()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert client.post(url, goed).status_code == 302


def test_te_kort_nieuw_wachtwoord_geeft_nederlandse_melding(client, po, maak_lid):
    client.force_login(maak_lid(po, "regierolhouder"))

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": WACHTWOORD, "new_password1": "kort", "new_password2": "kort"},
    )

    assert "Dit wachtwoord is te kort: gebruik minstens 10 tekens." in response.content.decode()
    assert "This password" not in response.content.decode()

import pytest
from django.contrib.auth import get_user
from django.urls import reverse

from tests.conftest import WACHTWOORD
from tests.inloggen import code_stap, geef_app, log_in, wachtwoord_stap

pytestmark = pytest.mark.django_db


def test_inloggen_met_emailadres_ongeacht_hoofdletters(client, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")
    apparaat = geef_app(gebruiker)

    stap1 = wachtwoord_stap(client, "Rik@Voorbeeld.TEST", WACHTWOORD)
    assert stap1.status_code == 200
    assert "Code uit de app" in stap1.content.decode()
    assert not get_user(client).is_authenticated

    from accounts.tweestaps import volgende_code

    response = code_stap(client, volgende_code(apparaat))

    assert response.status_code == 302
    assert get_user(client).email == "rik@voorbeeld.test"


def test_verkeerd_wachtwoord_geeft_nederlandse_melding_en_houdt_emailadres(client, po, maak_lid):
    maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")

    response = wachtwoord_stap(client, "rik@voorbeeld.test", "fout")

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
    gebruiker = maak_lid(po, "ib_coo", email="ib@voorbeeld.test")

    response = log_in(
        client,
        gebruiker,
        WACHTWOORD,
        next="/leerlingen/",
        url=f"{reverse('accounts:login')}?next=/leerlingen/",
    )

    assert response["Location"] == "/leerlingen/"
    assert client.get("/leerlingen/").status_code == 200


def test_uitloggen(client, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder")
    client.force_login(gebruiker)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert not get_user(client).is_authenticated


# Wachtwoord vergeten through the outbox, its link and its limits: test_wachtwoord_vergeten.py.


def test_wachtwoord_vergeten_voor_onbekend_adres_verraadt_niets(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@voorbeeld.test"})

    assert response.status_code == 302
    assert mailoutbox == []


def test_na_vijf_foute_wachtwoorden_een_kwartier_wachten(client, po, maak_lid, settings):
    import datetime

    import time_machine
    from django.utils import timezone

    geef_app(maak_lid(po, "regierolhouder", email="rik@voorbeeld.test"))
    url = reverse("accounts:login")
    for email in (
        "rik@voorbeeld.test",
        "Rik@voorbeeld.test",
        "RIK@voorbeeld.test",
        "rik@voorbeeld.test ",
        "rik@Voorbeeld.test",
    ):
        wachtwoord_stap(client, email, "fout", url=url)

    response = wachtwoord_stap(client, "rik@voorbeeld.test", WACHTWOORD, url=url)
    assert response.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in response.content.decode()
    assert not get_user(client).is_authenticated
    # Another address from the same place is not locked.
    geef_app(maak_lid(po, "regierolhouder", email="mila@voorbeeld.test"))
    ander = wachtwoord_stap(client, "mila@voorbeeld.test", WACHTWOORD, url=url)
    assert "Code uit de app" in ander.content.decode()

    client.logout()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        response = wachtwoord_stap(client, "rik@voorbeeld.test", WACHTWOORD, url=url)
        assert "Code uit de app" in response.content.decode()


def test_te_kort_nieuw_wachtwoord_geeft_nederlandse_melding(client, po, maak_lid):
    client.force_login(maak_lid(po, "regierolhouder"))

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": WACHTWOORD, "new_password1": "kort", "new_password2": "kort"},
    )

    assert "Dit wachtwoord is te kort: gebruik minstens 12 tekens." in response.content.decode()
    assert "This password" not in response.content.decode()

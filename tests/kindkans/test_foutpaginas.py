import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_400_pagina_is_nederlands_en_zegt_wat_te_doen():
    # A Host header the portal does not serve is a "bad request".
    response = Client().get("/inloggen/", headers={"host": "aanvaller.voorbeeld"})

    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Dit verzoek kon niet worden verwerkt" in html
    assert "Ga terug, vernieuw de pagina en probeer het opnieuw." in html


def test_csrf_pagina_is_nederlands_en_zegt_wat_te_doen():
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("accounts:login"),
        {"auth-username": "x@voorbeeld.test", "auth-password": "fout"},
        headers={"referer": "http://testserver/inloggen/"},
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Uw formulier was verlopen" in html
    assert "Ga terug, vernieuw de pagina en probeer het opnieuw." in html
    assert "Zorg dat cookies aanstaan" in html
    assert "Forbidden" not in html


def test_csrf_pagina_linkt_terug_naar_het_formulier_alleen_op_dit_portaal():
    client = Client(enforce_csrf_checks=True)

    eigen = client.post(
        "/wachtwoord-vergeten/",
        {"email": "x@voorbeeld.test"},
        headers={"referer": "http://testserver/wachtwoord-vergeten/"},
    )
    vreemd = client.post(
        "/wachtwoord-vergeten/",
        {"email": "x@voorbeeld.test"},
        headers={"referer": "https://elders.voorbeeld/"},
    )

    assert 'href="http://testserver/wachtwoord-vergeten/"' in eigen.content.decode()
    assert "elders.voorbeeld" not in vreemd.content.decode()
    assert 'href="/"' in vreemd.content.decode()

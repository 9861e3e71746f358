import pytest
from django.urls import reverse

from accounts.models import Lidmaatschap
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_beide(po, vo, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder")
    maak_lid(vo, "schakelfunctionaris_verbinding", gebruiker=gebruiker)
    return gebruiker


def test_een_omgeving_wordt_vanzelf_gekozen(client, po, maak_lid):
    client.force_login(maak_lid(po, "regierolhouder"))

    response = client.get(reverse("start"))

    assert response.status_code == 200
    assert "Omgeving: <strong>PO2811 Goeree-Overflakkee</strong>" in response.content.decode()


def test_meerdere_omgevingen_eerst_kiezen_dan_verder_naar_de_pagina(client, in_beide, vo):
    client.force_login(in_beide)

    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:kies_omgeving')}?next=%2F"

    keuze = client.get(response["Location"])
    assert "PO2811 Goeree-Overflakkee" in keuze.content.decode()
    assert "VO2805 Goeree-Overflakkee" in keuze.content.decode()

    response = client.post(reverse("accounts:kies_omgeving"), {"omgeving": vo.pk, "next": "/"})
    assert response["Location"] == "/"
    pagina = client.get("/").content.decode()
    # With two omgevingen the header's choice list says which one is current.
    assert f'<option value="{vo.pk}" selected>VO2805 Goeree-Overflakkee</option>' in pagina
    assert '<label for="kop-omgeving">Omgeving</label>' in pagina
    assert "Omgeving: <strong>" not in pagina
    assert "Schakelfunctionaris verbinding onderwijs/jeugdhulp" in pagina


def test_wisselen_zonder_opnieuw_inloggen(client, in_beide, po, vo):
    client.force_login(in_beide)
    client.post(reverse("accounts:kies_omgeving"), {"omgeving": po.pk})

    response = client.post(reverse("accounts:kies_omgeving"), {"omgeving": vo.pk})

    assert response["Location"] == reverse("start")
    pagina = client.get(reverse("start")).content.decode()
    assert f'<option value="{vo.pk}" selected>VO2805 Goeree-Overflakkee</option>' in pagina
    assert "U werkt nu in VO2805 Goeree-Overflakkee." in pagina


def test_kiezen_van_een_omgeving_zonder_lidmaatschap_wordt_geweigerd(client, po, vo, maak_lid):
    client.force_login(maak_lid(po, "regierolhouder"))

    response = client.post(reverse("accounts:kies_omgeving"), {"omgeving": vo.pk})

    assert response.status_code == 200
    assert "U heeft geen toegang tot deze omgeving." in response.content.decode()
    assert client.session["omgeving_id"] == po.pk


def test_gekozen_omgeving_vervalt_als_het_lidmaatschap_stopt(client, in_beide, po, vo):
    client.force_login(in_beide)
    client.post(reverse("accounts:kies_omgeving"), {"omgeving": vo.pk})

    Lidmaatschap.objects.filter(gebruiker=in_beide, omgeving=vo).update(actief=False)
    pagina = client.get(reverse("start")).content.decode()

    assert "Omgeving: <strong>PO2811" in pagina
    assert client.session["omgeving_id"] == po.pk


def test_inactieve_omgeving_telt_niet(client, in_beide, po, vo):
    vo.actief = False
    vo.save()
    client.force_login(in_beide)

    pagina = client.get(reverse("start")).content.decode()

    assert "Omgeving: <strong>PO2811" in pagina


def test_zonder_actief_lidmaatschap_geen_toegang(client, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder")
    Lidmaatschap.objects.filter(gebruiker=gebruiker).update(actief=False)
    client.force_login(gebruiker)

    response = client.get(reverse("start"))

    assert response.status_code == 403
    assert "geen enkele omgeving een actief lidmaatschap" in response.content.decode()


def test_ib_coo_ziet_leerlingen_in_het_menu_anderen_niet(client, po, maak_lid):
    client.force_login(maak_lid(po, "ib_coo", organisatie=OrganisatieFactory(omgeving=po)))
    assert 'href="/leerlingen/"' in client.get("/").content.decode()

    client.force_login(maak_lid(po, "regierolhouder"))
    assert 'href="/leerlingen/"' not in client.get("/").content.decode()

"""Issue 14, item 8: with DEBUG on (the default), a person who may not see something gets the
portal's own Dutch 404 page, never Django's English technical page that names the model."""

import pytest
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(po, maak_lid):
    school = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")
    ib = maak_lid(po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker")
    regie = maak_lid(po, "regierolhouder", voornaam="Rik", achternaam="de Wit")
    leerling = LeerlingFactory(
        school=school, voornaam="Sem", achternaam="Bos", gecontroleerd_op=timezone.now()
    )
    hulpvraag = services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Geheime titel",
        omschrijving="Concentratie",
        coordinator=regie,
    )
    return hulpvraag


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("url_naam", ["formulieren:tab", "hulpvragen:detail"])
def test_geweigerd_geeft_de_eigen_nederlandse_404(
    client, settings, po, maak_lid, dossier, debug, url_naam
):
    settings.DEBUG = debug
    buitenstaander = maak_lid(po, "externe_deelnemer", voornaam="Eva", achternaam="Smit")
    client.force_login(buitenstaander)

    response = client.get(reverse(url_naam, args=[dossier.pk]))

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "<h1>Deze pagina bestaat niet</h1>" in html
    assert "u werkt in de omgeving PO2811 Goeree-Overflakkee" in html
    for verraad in ("Page not found", "Hulpvraag", "Geheime titel", "Sem Bos", "No "):
        assert verraad not in html


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize(
    "pad",
    [
        "/formulieren/39/",
        "/hulpvragen/1/formulieren/abc/",
        "/hulpvragen/1/formulieren/39/bekijken/",
    ],
)
def test_een_onbekende_url_geeft_de_eigen_nederlandse_404(
    client, settings, po, maak_lid, debug, pad
):
    # A URL that matches no pattern never reaches a view: Django's technical page would list
    # every URL pattern of the portal.
    settings.DEBUG = debug
    client.force_login(maak_lid(po, "externe_deelnemer", voornaam="Eva", achternaam="Smit"))

    response = client.get(pad)

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "<h1>Deze pagina bestaat niet</h1>" in html
    for verraad in ("Page not found", "Using the URLconf", "kindkans.urls", "gezond/", "tried"):
        assert verraad not in html


@pytest.mark.parametrize("debug", [True, False])
def test_een_onbekende_url_zonder_inloggen_geeft_de_eigen_nederlandse_404(client, settings, debug):
    settings.DEBUG = debug

    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Deze pagina bestaat niet</h1>" in html
    assert "Using the URLconf" not in html


def test_een_url_zonder_slash_gaat_nog_steeds_naar_die_met_slash(client, settings, po, maak_lid):
    # CommonMiddleware (APPEND_SLASH) still sees the 404 and redirects.
    settings.DEBUG = True
    client.force_login(maak_lid(po, "externe_deelnemer", voornaam="Eva", achternaam="Smit"))

    response = client.get("/hulpvragen")

    assert response.status_code == 301
    assert response["Location"] == "/hulpvragen/"

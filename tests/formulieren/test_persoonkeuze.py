"""Issue 14, item 5: a persoon field ("Contactpersoon van de school") offers the IB/COO of the
leerling's own school and the people who work on the case, never the SWV-beheerder or the
IB/COO of another school; the service refuses a forged choice."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from formulieren import services
from formulieren.models import Formulier
from tests.factories import OrganisatieFactory

from .conftest import TEAM_INGEVULD

pytestmark = pytest.mark.django_db


@pytest.fixture
def anderen(po, maak_lid, school):
    swv = OrganisatieFactory(omgeving=po, soort="swv", naam="SWV PO")
    return {
        "coo": maak_lid(po, "ib_coo", school, voornaam="Chris", achternaam="Mulder"),
        "beheer": maak_lid(po, "beheerder", swv, voornaam="Pim", achternaam="de Graaf"),
        "anders": maak_lid(
            po,
            "ib_coo",
            OrganisatieFactory(omgeving=po, naam="CBS Het Anker"),
            voornaam="Anne",
            achternaam="Kok",
        ),
    }


def test_contactpersoon_van_de_school_biedt_de_eigen_school(
    client, ib, regie, hulpvraag, team, anderen
):
    client.force_login(ib)

    url = reverse("formulieren:nieuw", args=[hulpvraag.pk]) + f"?definitie={team.pk}"
    pagina = client.get(url).content.decode()
    keuzes = pagina.split('name="contactpersoon"')[1].split("</select>")[0]

    assert keuzes.count("<option") == 4
    assert '<option value="" selected>— kies een persoon —</option>' in keuzes
    for persoon in (anderen["coo"], ib, regie):
        assert f'<option value="{persoon.pk}">{persoon.get_full_name()}</option>' in keuzes
    assert "Pim de Graaf" not in keuzes and "Anne Kok" not in keuzes


@pytest.mark.parametrize("wie", ["beheer", "anders"])
def test_service_weigert_een_vervalste_contactpersoon(ib, hulpvraag, team, anderen, wie):
    waarden = {**TEAM_INGEVULD, "contactpersoon": anderen[wie].pk}

    with pytest.raises(ValidationError) as fout:
        services.maak_formulier(door=ib, hulpvraag=hulpvraag, definitie=team, waarden=waarden)

    assert fout.value.message_dict == {
        "contactpersoon": [
            "Kies een persoon uit de lijst: een betrokkene of de IB/COO van de school van de "
            "leerling."
        ]
    }
    assert not Formulier.objects.exists()


def test_vervalste_post_krijgt_een_melding_bij_het_veld(client, ib, hulpvraag, team, anderen):
    client.force_login(ib)
    url = reverse("formulieren:nieuw", args=[hulpvraag.pk]) + f"?definitie={team.pk}"

    response = client.post(url, {**TEAM_INGEVULD, "contactpersoon": anderen["beheer"].pk})

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Formulier.objects.exists()


def test_eigen_school_wel(ib, hulpvraag, team, anderen):
    waarden = {**TEAM_INGEVULD, "contactpersoon": anderen["coo"].pk}

    formulier = services.maak_formulier(
        door=ib, hulpvraag=hulpvraag, definitie=team, waarden=waarden
    )

    assert formulier.waarden["contactpersoon"] == anderen["coo"].pk

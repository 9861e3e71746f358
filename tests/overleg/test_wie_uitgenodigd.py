"""Issue 14, items 5 and 6: a round offers who the work instruction means, the server refuses
anyone else, and the deelnemer reads until when she may look in."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from overleg import services
from overleg.models import Overlegronde
from overleg.selectors import mogelijke_deelnemers
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anderen(po, maak_lid, dossier):
    """Beside the dossier: a schakelfunctionaris, the second IB/COO of Sem's school, the
    beheerder and the IB/COO of another school."""
    school = dossier["hulpvraag"].leerling.school
    swv = OrganisatieFactory(omgeving=po, soort="swv", naam="SWV PO")
    return {
        "sanne": maak_lid(
            po, "schakelfunctionaris_verbinding", swv, voornaam="Sanne", achternaam="Visser"
        ),
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


def test_mogelijke_deelnemers_zonder_beheerder_en_andere_school(dossier, anderen):
    keuzes = mogelijke_deelnemers(hulpvraag=dossier["hulpvraag"], behalve=dossier["regie"])

    assert [label for _, label in keuzes] == [
        "Chris Mulder — OBS De Regenboog",
        "Eva Smit — " + dossier["extern"].lidmaatschappen.get().organisatie.naam,
        "Inge Bakker — OBS De Regenboog",
        "Sanne Visser — SWV PO",
    ]
    assert [pk for pk, _ in keuzes] == [
        anderen["coo"].pk,
        dossier["extern"].pk,
        dossier["ib"].pk,
        anderen["sanne"].pk,
    ]


@pytest.mark.parametrize("wie", ["beheer", "anders"])
def test_service_weigert_wie_niet_aangeboden_wordt(dossier, anderen, wie):
    with pytest.raises(ValidationError) as fout:
        services.maak_overlegronde(
            door=dossier["regie"],
            hulpvraag=dossier["hulpvraag"],
            titel="Meekijken",
            omschrijving="Kijk mee",
            einddatum=datetime.date.today(),
            deelnemers=[dossier["extern"], anderen[wie]],
        )

    assert fout.value.message_dict == {
        "deelnemers": [
            "Kies alleen deelnemers uit de lijst Mogelijke deelnemers: betrokkenen en externe "
            "deelnemers van deze omgeving, of de IB/COO van de school van de leerling."
        ]
    }
    assert not Overlegronde.objects.exists()


def test_vervalste_post_met_de_beheerder_krijgt_een_melding(client, dossier, anderen):
    client.force_login(dossier["regie"])
    url = reverse("overleg:nieuw", args=[dossier["hulpvraag"].pk])

    pagina = client.get(url).content.decode()
    assert "Pim de Graaf" not in pagina and "Anne Kok" not in pagina
    assert "Sanne Visser — SWV PO" in pagina
    response = client.post(
        url,
        {
            "actie": "opslaan",
            "titel": "Ronde",
            "omschrijving": "Kijk mee",
            "einddatum": datetime.date.today().isoformat(),
            "deelnemers": [dossier["extern"].pk, anderen["beheer"].pk],
        },
    )

    assert response.status_code == 200
    assert "Kies alleen deelnemers uit de lijst." in response.content.decode()
    assert not Overlegronde.objects.exists()


def test_deelnemer_leest_tot_en_met_wanneer_zij_meekijkt(client, dossier):
    with time_machine.travel(datetime.datetime(2026, 11, 29, 12), tick=False):
        ronde = services.maak_overlegronde(
            door=dossier["regie"],
            hulpvraag=dossier["hulpvraag"],
            titel="Meekijken",
            omschrijving="Kijk mee",
            einddatum=datetime.date(2026, 12, 13),
            deelnemers=[dossier["extern"]],
        )
        tab = reverse("overleg:tab", args=[dossier["hulpvraag"].pk])
        client.force_login(dossier["extern"])
        deelnemer = client.get(tab).content.decode()
        client.force_login(dossier["regie"])
        regie = client.get(tab).content.decode()

    assert (
        '<p class="kk-meekijken"><strong>U kunt tot en met 13 december 2026 meekijken.</strong>'
        in deelnemer
    )
    assert "U kunt reageren tot en met 13 december 2026." in deelnemer
    assert "meekijken.</strong>" not in regie
    assert "<strong>Open</strong> tot en met 13 december 2026" in regie
    assert ronde.einddatum == datetime.date(2026, 12, 13)


def test_reageren_na_de_einddatum_zegt_tot_en_met_welke_dag(dossier):
    with time_machine.travel(datetime.datetime(2026, 11, 29, 12), tick=False):
        ronde = services.maak_overlegronde(
            door=dossier["regie"],
            hulpvraag=dossier["hulpvraag"],
            titel="Meekijken",
            omschrijving="Kijk mee",
            einddatum=datetime.date(2026, 12, 13),
            deelnemers=[dossier["extern"]],
        )
    with (
        time_machine.travel(datetime.datetime(2026, 12, 14, 12), tick=False),
        pytest.raises(ValidationError) as fout,
    ):
        services.plaats_reactie(door=dossier["extern"], overlegronde=ronde, tekst="Laat")

    assert fout.value.messages == [
        "Reageren kon tot en met 13 december 2026; deze overlegronde is afgelopen."
    ]


def test_opgeslagen_melding_noemt_de_einddatum_voluit(client, dossier):
    client.force_login(dossier["regie"])
    with time_machine.travel(datetime.datetime(2026, 11, 29, 12), tick=False):
        response = client.post(
            reverse("overleg:nieuw", args=[dossier["hulpvraag"].pk]),
            {
                "actie": "opslaan",
                "titel": "Ronde",
                "omschrijving": "Kijk mee",
                "einddatum": "2026-12-13",
                "deelnemers": [dossier["extern"].pk],
            },
            follow=True,
        )

    assert (
        "Overlegronde Ronde is opgeslagen; de deelnemers hebben een mail gekregen en kunnen "
        "meekijken tot en met 13 december 2026." in response.content.decode()
    )

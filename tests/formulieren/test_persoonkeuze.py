"""Issue 14, item 5: a persoon field offers the people of the rollen in its keuzes.
"Contactpersoon van de school" offers only the IB/COO of the leerling's own school; "Naam
betrokkene" the regierolhouders and the schakelfunctionaris verbinding. Never the
SWV-beheerder or the IB/COO of another school; the service refuses a forged choice."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from formulieren import services
from formulieren.models import Formulier, Veld
from formulieren.standaard import BETROKKENHEID, TEAM_SCHOOLONDERSTEUNING
from hulpvragen import services as hulpvraag_services
from tests.factories import (
    FormulierDefinitieFactory,
    LeerlingFactory,
    OrganisatieFactory,
    VeldFactory,
)

from .conftest import TEAM_INGEVULD
from .test_admin import _postdata

pytestmark = pytest.mark.django_db

STANDAARD = [TEAM_SCHOOLONDERSTEUNING, BETROKKENHEID]
MIGRATIE = importlib.import_module("formulieren.migrations.0004_persoonvelden_met_rollen")

ALLEEN_IB = "Kies een persoon uit de lijst: de IB/COO van de school van de leerling."
BETROKKENEN = (
    "Kies een persoon uit de lijst: een schakelfunctionaris verbinding onderwijs/jeugdhulp of "
    "een regierolhouder."
)


@pytest.fixture
def anderen(po, maak_lid, school):
    swv = OrganisatieFactory(omgeving=po, soort="swv", naam="SWV PO")
    return {
        "coo": maak_lid(po, "ib_coo", school, voornaam="Chris", achternaam="Mulder"),
        "beheer": maak_lid(po, "beheerder", swv, voornaam="Pim", achternaam="de Graaf"),
        "schakel": maak_lid(
            po, "schakelfunctionaris_verbinding", swv, voornaam="Sara", achternaam="Jansen"
        ),
        "anders": maak_lid(
            po,
            "ib_coo",
            OrganisatieFactory(omgeving=po, naam="CBS Het Anker"),
            voornaam="Anne",
            achternaam="Kok",
        ),
    }


def _opties(pagina, sleutel):
    """The <option>s of one select on the page, as they are written."""
    keuzes = pagina.split(f'name="{sleutel}"')[1].split("</select>")[0]
    return [regel.strip() for regel in keuzes.split("\n") if regel.strip().startswith("<option")]


def _nieuw(hulpvraag, definitie):
    return reverse("formulieren:nieuw", args=[hulpvraag.pk]) + f"?definitie={definitie.pk}"


def test_contactpersoon_van_de_school_biedt_alleen_de_ib_coo_van_de_eigen_school(
    client, ib, regie, hulpvraag, team, anderen
):
    client.force_login(ib)

    pagina = client.get(_nieuw(hulpvraag, team)).content.decode()

    assert _opties(pagina, "contactpersoon") == [
        '<option value="" selected>— kies een persoon —</option>',
        f'<option value="{anderen["coo"].pk}">Chris Mulder</option>',
        f'<option value="{ib.pk}">Inge Bakker</option>',
    ]


def test_naam_betrokkene_biedt_regierolhouders_en_schakelfunctionaris(
    client, ib, regie, hulpvraag, betrokkenheid, anderen
):
    client.force_login(regie)

    for url in (
        _nieuw(hulpvraag, betrokkenheid),
        reverse("formulieren:overzicht_nieuw") + f"?definitie={betrokkenheid.pk}",
    ):
        pagina = client.get(url).content.decode()

        assert _opties(pagina, "naam-betrokkene") == [
            '<option value="" selected>— kies een persoon —</option>',
            f'<option value="{regie.pk}">Rik de Wit</option>',
            f'<option value="{anderen["schakel"].pk}">Sara Jansen</option>',
        ]


@pytest.mark.parametrize("wie", ["regie", "schakel", "beheer", "anders"])
def test_service_weigert_een_vervalste_contactpersoon(ib, regie, hulpvraag, team, anderen, wie):
    persoon = regie if wie == "regie" else anderen[wie]
    waarden = {**TEAM_INGEVULD, "contactpersoon": persoon.pk}

    with pytest.raises(ValidationError) as fout:
        services.maak_formulier(door=ib, hulpvraag=hulpvraag, definitie=team, waarden=waarden)

    assert fout.value.message_dict == {"contactpersoon": [ALLEEN_IB]}
    assert not Formulier.objects.exists()


@pytest.mark.parametrize("wie", ["ib", "coo", "beheer"])
def test_service_weigert_een_vervalste_betrokkene(
    ib, regie, hulpvraag, betrokkenheid, anderen, wie
):
    persoon = ib if wie == "ib" else anderen[wie]
    waarden = {
        "naam-betrokkene": persoon.pk,
        "organisatie": "CJG",
        "start-betrokkenheid": "2026-12-01",
    }

    with pytest.raises(ValidationError) as fout:
        services.maak_formulier(
            door=regie, hulpvraag=hulpvraag, definitie=betrokkenheid, waarden=waarden
        )

    assert fout.value.message_dict == {"naam-betrokkene": [BETROKKENEN]}
    assert not Formulier.objects.exists()


def test_vervalste_post_krijgt_een_melding_bij_het_veld(client, ib, regie, hulpvraag, team):
    client.force_login(ib)

    response = client.post(_nieuw(hulpvraag, team), {**TEAM_INGEVULD, "contactpersoon": regie.pk})

    assert response.status_code == 200
    veld = response.content.decode().split('name="contactpersoon"')[0].rsplit("kk-veld", 1)[1]
    assert "<li>Selecteer een geldige keuze. Deze keuze is niet beschikbaar.</li>" in veld
    assert not Formulier.objects.exists()


def test_eigen_school_en_betrokkenen_wel(ib, regie, hulpvraag, team, betrokkenheid, anderen):
    team_formulier = services.maak_formulier(
        door=ib,
        hulpvraag=hulpvraag,
        definitie=team,
        waarden={**TEAM_INGEVULD, "contactpersoon": anderen["coo"].pk},
    )
    betrokken = services.maak_formulier(
        door=regie,
        hulpvraag=hulpvraag,
        definitie=betrokkenheid,
        waarden={"naam-betrokkene": anderen["schakel"].pk, "organisatie": "CJG"},
    )

    assert team_formulier.waarden["contactpersoon"] == anderen["coo"].pk
    assert betrokken.waarden["naam-betrokkene"] == anderen["schakel"].pk


def test_wie_het_veld_al_had_blijft_geldig(client, ib, regie, hulpvraag, team):
    """Filled before the field named its rollen: the regierolhouder stays its value."""
    formulier = Formulier.objects.create(
        definitie=team,
        hulpvraag=hulpvraag,
        waarden={"contactpersoon": regie.pk},
        veldenset=team.veldenset(),
        auteur=ib,
        gewijzigd_door=ib,
    )
    client.force_login(ib)

    pagina = client.get(
        reverse("formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk])
    ).content.decode()
    assert f'<option value="{regie.pk}" selected>Rik de Wit</option>' in pagina

    bewaard = services.wijzig_formulier(
        door=ib,
        formulier=formulier,
        waarden={**TEAM_INGEVULD, "contactpersoon": regie.pk},
        versie=1,
    )
    assert bewaard.versie == 2
    assert bewaard.waarden["contactpersoon"] == regie.pk


def test_vanuit_het_overzicht_bieden_de_scholen_om_te_kiezen_en_toetst_de_gekozen(
    client, po, ib, regie, hulpvraag, anderen
):
    """Started from the Formulieren overview the hulpvraag is still to be chosen: the field
    offers the IB/COO of the schools of the hulpvragen one may pick; the service holds the
    choice to the school of the chosen one."""
    definitie = FormulierDefinitieFactory(omgeving=po, naam="Overdracht", rollen=["regierolhouder"])
    VeldFactory(definitie=definitie, label="Bij hulpvraag", type="hulpvraag")
    VeldFactory(definitie=definitie, label="Contact", type="persoon", keuzes="ib_coo")
    anker = hulpvraag_services.maak_hulpvraag(
        door=anderen["anders"],
        omgeving=po,
        leerling=LeerlingFactory(
            school=anderen["anders"].lidmaatschappen.get().organisatie,
            gecontroleerd_op=timezone.now(),
        ),
        titel="Anker",
        omschrijving="",
        coordinator=regie,
    )
    client.force_login(regie)
    url = reverse("formulieren:overzicht_nieuw") + f"?definitie={definitie.pk}"

    assert _opties(client.get(url).content.decode(), "contact") == [
        '<option value="" selected>— kies een persoon —</option>',
        f'<option value="{anderen["anders"].pk}">Anne Kok</option>',
        f'<option value="{anderen["coo"].pk}">Chris Mulder</option>',
        f'<option value="{ib.pk}">Inge Bakker</option>',
    ]
    response = client.post(url, {"bij-hulpvraag": hulpvraag.pk, "contact": anderen["anders"].pk})

    assert response.status_code == 200
    assert ALLEEN_IB in response.content.decode()
    assert not Formulier.objects.exists()
    response = client.post(url, {"bij-hulpvraag": anker.pk, "contact": anderen["anders"].pk})
    assert response.status_code == 302
    assert Formulier.objects.get().waarden == {
        "bij-hulpvraag": anker.pk,
        "contact": anderen["anders"].pk,
    }


def test_zonder_rollen_biedt_het_veld_wat_het_altijd_bood(po, ib, regie, hulpvraag, anderen):
    """An empty keuzes (a field made before, or a filled form's field set) keeps the default:
    the people on the case and the own school's IB/COO."""
    definitie = FormulierDefinitieFactory(omgeving=po, naam="Eigen", rollen=["ib_coo"])
    VeldFactory(definitie=definitie, label="Wie", type="persoon")

    for persoon in (regie, anderen["schakel"], anderen["coo"]):
        formulier = services.maak_formulier(
            door=ib, hulpvraag=hulpvraag, definitie=definitie, waarden={"wie": persoon.pk}
        )
        assert formulier.waarden == {"wie": persoon.pk}
    with pytest.raises(ValidationError) as fout:
        services.maak_formulier(
            door=ib, hulpvraag=hulpvraag, definitie=definitie, waarden={"wie": anderen["beheer"].pk}
        )
    assert fout.value.message_dict == {
        "wie": [
            "Kies een persoon uit de lijst: de IB/COO van de school van de leerling, een "
            "schakelfunctionaris verbinding onderwijs/jeugdhulp of een regierolhouder."
        ]
    }


def test_evenveel_queries_bij_weinig_en_veel_personen(
    client, po, ib, regie, hulpvraag, team, betrokkenheid, school, maak_lid
):
    pagina_van = {
        ib: _nieuw(hulpvraag, team),
        regie: reverse("formulieren:overzicht_nieuw") + f"?definitie={betrokkenheid.pk}",
    }

    def tel():
        aantallen = []
        for persoon, url in pagina_van.items():
            client.force_login(persoon)
            client.get(url)  # the first page after logging in does a little more
            with CaptureQueriesContext(connection) as vragen:
                assert client.get(url).status_code == 200
            aantallen.append(len(vragen))
        return aantallen

    weinig = tel()
    for i in range(8):
        maak_lid(po, "ib_coo", school, voornaam=f"IB{i}")
        maak_lid(po, "regierolhouder", voornaam=f"Regie{i}")
    veel = tel()

    assert veel == weinig
    client.force_login(ib)
    pagina = client.get(pagina_van[ib]).content.decode()
    assert len(_opties(pagina, "contactpersoon")) == 1 + 1 + 8
    client.force_login(regie)
    pagina = client.get(pagina_van[regie]).content.decode()
    assert len(_opties(pagina, "naam-betrokkene")) == 1 + 1 + 8


def test_beheerder_krijgt_een_melding_bij_een_onbekende_rol(client, po, maak_lid, betrokkenheid):
    beheerder = maak_lid(po, "beheerder", OrganisatieFactory(omgeving=po, soort="swv"))
    client.force_login(beheerder)
    url = reverse("admin:formulieren_formulierdefinitie_change", args=[betrokkenheid.pk])
    pagina = client.get(url).content.decode()
    assert "Bij een persoon: wie het veld aanbiedt, één rol per regel: ib_coo" in pagina

    nieuw = {"volgorde": 99, "label": "Wie", "type": "persoon", "keuzes": "regierolhouder\nouder"}
    response = client.post(url, _postdata(betrokkenheid, nieuw))

    assert response.status_code == 200
    assert (
        "Onbekende rol: ouder. Geef bij een persoon één rol per regel uit ib_coo, "
        "schakelfunctionaris_verbinding en regierolhouder, of laat het leeg voor alle drie."
    ) in response.content.decode()
    assert betrokkenheid.velden.count() == 5

    nieuw["keuzes"] = "regierolhouder"
    response = client.post(url, _postdata(betrokkenheid, nieuw))

    assert response.status_code == 302
    assert betrokkenheid.velden.get(label="Wie").keuzes == "regierolhouder"


def test_onbekende_rol_in_het_model():
    veld = Veld(label="Wie", type="persoon", keuzes="ib_coo\nbeheerder\nouder")

    with pytest.raises(ValidationError) as fout:
        veld.clean()

    assert fout.value.message_dict == {
        "keuzes": [
            "Onbekende rol: beheerder, ouder. Geef bij een persoon één rol per regel uit ib_coo, "
            "schakelfunctionaris_verbinding en regierolhouder, of laat het leeg voor alle drie."
        ]
    }
    Veld(label="Wie", type="persoon", keuzes=" regierolhouder \n\nib_coo").clean()
    Veld(label="Wie", type="persoon", keuzes="").clean()


def test_datamigratie_zet_de_rollen_en_laat_de_beheerder_staan(po, vo):
    Veld.objects.filter(type="persoon").update(keuzes="")
    # The beheerder of VO already chose who their contactpersoon is.
    Veld.objects.filter(definitie__omgeving=vo, sleutel="contactpersoon").update(
        keuzes="schakelfunctionaris_verbinding"
    )
    # A form of the beheerder's own with a field of the same sleutel is not a standard field.
    eigen = FormulierDefinitieFactory(omgeving=po, naam="Aanmelding rekenen")
    eigen_veld = VeldFactory(definitie=eigen, label="Contactpersoon", type="persoon")

    MIGRATIE.zet_rollen(apps, None)

    def keuzes(omgeving):
        return dict(
            Veld.objects.filter(
                definitie__omgeving=omgeving, definitie__naam__in=STANDAARD, type="persoon"
            ).values_list("sleutel", "keuzes")
        )

    assert eigen_veld.sleutel == "contactpersoon"
    assert keuzes(po) == {
        "contactpersoon": "ib_coo",
        "naam-betrokkene": "regierolhouder\nschakelfunctionaris_verbinding",
    }
    eigen_veld.refresh_from_db()
    assert eigen_veld.keuzes == ""
    assert keuzes(vo) == {
        "contactpersoon": "schakelfunctionaris_verbinding",
        "naam-betrokkene": "regierolhouder\nschakelfunctionaris_verbinding",
    }

    MIGRATIE.wis_rollen(apps, None)

    assert keuzes(po) == {"contactpersoon": "", "naam-betrokkene": ""}
    assert keuzes(vo)["contactpersoon"] == "schakelfunctionaris_verbinding"

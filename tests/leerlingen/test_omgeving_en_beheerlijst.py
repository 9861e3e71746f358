"""Leerling.omgeving is the school's omgeving, whatever changes (a new leerling, a move to a
school elsewhere, a school that moves omgeving); the beheer list reads it, and offers the
groepen of one school once that school is chosen."""

import re

import pytest
from django.urls import reverse

from leerlingen.models import Leerling
from tests.factories import LeerlingFactory, OmgevingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

LIJST = "admin:leerlingen_leerling_changelist"


def omgeving_in_de_database(leerling):
    return Leerling.objects.values_list("omgeving_id", flat=True).get(pk=leerling.pk)


def test_nieuwe_leerling_krijgt_de_omgeving_van_de_school(po):
    leerling = LeerlingFactory(school=OrganisatieFactory(omgeving=po))

    assert omgeving_in_de_database(leerling) == po.pk


def test_verhuizen_naar_een_school_elders_neemt_de_omgeving_mee(po):
    elders = OmgevingFactory()
    leerling = LeerlingFactory(school=OrganisatieFactory(omgeving=po))

    leerling.school = OrganisatieFactory(omgeving=elders)
    leerling.save(update_fields=["school"])

    assert omgeving_in_de_database(leerling) == elders.pk


def test_school_die_naar_een_andere_omgeving_gaat_neemt_haar_leerlingen_mee(po):
    elders = OmgevingFactory()
    school = OrganisatieFactory(omgeving=po)
    buurschool = OrganisatieFactory(omgeving=po)
    leerlingen = [LeerlingFactory(school=school) for _ in range(2)]
    blijft = LeerlingFactory(school=buurschool)

    school.omgeving = elders
    school.save()

    assert [omgeving_in_de_database(x) for x in leerlingen] == [elders.pk, elders.pk]
    assert omgeving_in_de_database(blijft) == po.pk


@pytest.fixture
def beheerder(client, po, maak_lid):
    client.force_login(
        maak_lid(po, "beheerder", organisatie=OrganisatieFactory(omgeving=po, soort="swv"))
    )
    return client


def namen_in_lijst(response):
    assert response.status_code == 200
    return re.findall(
        r'class="field-volledige_naam"><a [^>]*>([^<]+)</a>', response.content.decode()
    )


def groepen_in_filter(response):
    html = response.content.decode()
    return re.findall(r'href="\?[^"]*groep_leerjaar=[^"]*"[^>]*>([^<]+)</a>', html)


def test_beheerlijst_toont_de_leerlingen_van_de_eigen_omgeving_op_naam(beheerder, po):
    school = OrganisatieFactory(omgeving=po)
    for voornaam, achternaam in [("Sem", "Visser"), ("Eva", "Bakker"), ("Daan", "Bakker")]:
        LeerlingFactory(school=school, voornaam=voornaam, achternaam=achternaam)
    LeerlingFactory(school=OrganisatieFactory(omgeving=OmgevingFactory()), achternaam="Anders")

    assert namen_in_lijst(beheerder.get(reverse(LIJST))) == [
        "Daan Bakker",
        "Eva Bakker",
        "Sem Visser",
    ]


def test_groepen_pas_na_het_kiezen_van_een_school(beheerder, po):
    regenboog = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")
    anker = OrganisatieFactory(omgeving=po, naam="CBS Het Anker")
    LeerlingFactory(school=regenboog, groep_leerjaar="groep 7", voornaam="Sem", achternaam="Visser")
    LeerlingFactory(school=regenboog, groep_leerjaar="groep 3", voornaam="Eva", achternaam="Smit")
    LeerlingFactory(school=anker, groep_leerjaar="groep 5", voornaam="Bas", achternaam="Dekker")

    assert groepen_in_filter(beheerder.get(reverse(LIJST))) == []
    gekozen = beheerder.get(reverse(LIJST), {"school__id__exact": regenboog.pk})
    assert groepen_in_filter(gekozen) == ["groep 3", "groep 7"]
    assert namen_in_lijst(
        beheerder.get(
            reverse(LIJST), {"school__id__exact": regenboog.pk, "groep_leerjaar": "groep 7"}
        )
    ) == ["Sem Visser"]


@pytest.mark.parametrize("school", ["abc", "-1", "0", "99999999999999999999999"])
def test_groepen_bij_een_vreemde_school_waarde(beheerder, po, school):
    # A hand-made URL offers no groepen and does not fail (it reached the database as an
    # integer too large for it).
    LeerlingFactory(school=OrganisatieFactory(omgeving=po), groep_leerjaar="groep 7")

    response = beheerder.get(reverse(LIJST), {"school__id__exact": school})

    assert response.status_code == 200
    assert groepen_in_filter(response) == []


def test_geen_groepen_van_een_school_in_een_andere_omgeving(beheerder, po):
    elders = OrganisatieFactory(omgeving=OmgevingFactory(), naam="School elders")
    LeerlingFactory(school=elders, groep_leerjaar="groep 4")

    response = beheerder.get(reverse(LIJST), {"school__id__exact": elders.pk})

    assert groepen_in_filter(response) == []

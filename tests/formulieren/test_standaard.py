"""Every omgeving has 'Team Schoolondersteuning' and 'Betrokkenheid SMW/CJG/BPO': the existing
ones through the data migration, new ones when they are made, the demo through its command."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import Omgeving
from formulieren.models import FormulierDefinitie, Veld, VeldType
from formulieren.services import installeer_standaardformulieren
from formulieren.standaard import BETROKKENHEID, TEAM_SCHOOLONDERSTEUNING
from tests.factories import OmgevingFactory

pytestmark = pytest.mark.django_db

MIGRATIE = importlib.import_module("formulieren.migrations.0002_standaardformulieren")


def test_nieuwe_omgeving_krijgt_beide_formulieren():
    omgeving = OmgevingFactory()

    team = FormulierDefinitie.objects.get(omgeving=omgeving, naam=TEAM_SCHOOLONDERSTEUNING)
    betrokkenheid = FormulierDefinitie.objects.get(omgeving=omgeving, naam=BETROKKENHEID)
    assert team.rollen == ["ib_coo"] and team.eenmalig
    assert set(betrokkenheid.rollen) == {"regierolhouder", "schakelfunctionaris_verbinding"}
    assert [v.label for v in betrokkenheid.velden.all()] == [
        "Hulpvraag",
        "Naam betrokkene",
        "Organisatie",
        "Start betrokkenheid",
        "Overig",
    ]
    verplicht = {v.label for v in team.velden.all() if v.verplicht}
    assert {"Aanleiding en hulpvraag", "Gewenste ondersteuning"} <= verplicht
    # Together they show every kind of field the beheerder can use.
    assert set(
        Veld.objects.filter(definitie__omgeving=omgeving).values_list("type", flat=True)
    ) == (set(VeldType.values))
    for veld in Veld.objects.filter(definitie__omgeving=omgeving):
        veld.full_clean()  # the shipped fields obey the admin's own rules


def test_installeren_is_idempotent_en_laat_wijzigingen_van_de_beheerder_staan(po):
    team = FormulierDefinitie.objects.get(omgeving=po, naam=TEAM_SCHOOLONDERSTEUNING)
    team.velden.filter(sleutel="urgentie").delete()
    team.velden.filter(sleutel="aanleiding").update(label="Aanleiding")

    assert installeer_standaardformulieren(po) == []

    assert FormulierDefinitie.objects.filter(omgeving=po).count() == 2
    assert not team.velden.filter(sleutel="urgentie").exists()
    assert team.velden.get(sleutel="aanleiding").label == "Aanleiding"


def test_datamigratie_installeert_bij_bestaande_omgevingen(po, vo):
    FormulierDefinitie.objects.all().delete()

    MIGRATIE.installeer(apps, None)
    MIGRATIE.installeer(apps, None)

    for omgeving in (po, vo):
        namen = set(
            FormulierDefinitie.objects.filter(omgeving=omgeving).values_list("naam", flat=True)
        )
        assert namen == {TEAM_SCHOOLONDERSTEUNING, BETROKKENHEID}
    assert Veld.objects.count() == 2 * (13 + 5)


def test_demodata_heeft_de_formulieren_in_beide_omgevingen(settings):
    settings.DEBUG = True

    call_command("demodata")
    call_command("demodata")

    for omgeving in Omgeving.objects.all():
        assert set(omgeving.formulierdefinities.values_list("naam", flat=True)) == {
            TEAM_SCHOOLONDERSTEUNING,
            BETROKKENHEID,
        }

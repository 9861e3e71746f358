import pytest
from django.core.management import call_command

from accounts.models import Gebruiker, Lidmaatschap, Omgeving, Organisatie
from formulieren.models import FormulierDefinitie
from hulpvragen.models import Aanpak, Hulpvraag, HulpvraagRecht, StatusWijziging
from leerlingen.models import Leerling
from notificaties.models import Notificatie

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _ontwikkelomgeving(settings):
    # pytest-django runs with DEBUG off; the command is meant for the embedded default.
    settings.DEBUG = True


MODELLEN = [
    Omgeving,
    Organisatie,
    Gebruiker,
    Lidmaatschap,
    Leerling,
    Hulpvraag,
    StatusWijziging,
    Aanpak,
    HulpvraagRecht,
    Notificatie,
    FormulierDefinitie,
]


def momentopname():
    return {
        model.__name__: sorted(
            tuple(
                sorted((k, str(v)) for k, v in rij.items() if k not in {"password", "last_login"})
            )
            for rij in model.objects.values()
        )
        for model in MODELLEN
    }


def test_demodata_twee_keer_geeft_dezelfde_rijen():
    call_command("demodata")
    eerste = momentopname()
    call_command("demodata")

    assert momentopname() == eerste
    assert {o.code for o in Omgeving.objects.all()} == {"PO2811", "VO2805"}


def test_demodata_heeft_een_account_per_rol_en_iemand_in_beide_omgevingen():
    call_command("demodata")

    rollen = set(Lidmaatschap.objects.values_list("omgeving__code", "rol"))
    for rol in ("ib_coo", "schakelfunctionaris_verbinding", "regierolhouder", "externe_deelnemer"):
        assert ("PO2811", rol) in rollen
    assert ("PO2811", "beheerder") in rollen
    assert ("VO2805", "beheerder") in rollen
    beide = Gebruiker.objects.get(email="beide@demo.test")
    assert set(beide.lidmaatschappen.values_list("omgeving__code", flat=True)) == {
        "PO2811",
        "VO2805",
    }
    assert Gebruiker.objects.get(email="admin@demo.test").is_superuser
    assert Gebruiker.objects.get(email="beheer.po@demo.test").is_staff
    assert Gebruiker.objects.get(email="ib@demo.test").check_password("kindkans-demo")
    regierol = Lidmaatschap.objects.filter(rol="regierolhouder", omgeving__code="PO2811")
    assert {lid.organisatie.soort for lid in regierol} >= {"cjg", "smw"}
    assert Leerling.objects.filter(gecontroleerd_op__isnull=True).exists()
    daan = Hulpvraag.objects.get(leerling__voornaam="Daan")
    assert daan.status == "geagendeerd"
    assert daan.aanpakken.get().behandelaar.email == "cjg@demo.test"
    assert Hulpvraag.objects.filter(omgeving__code="VO2805").count() == 1
    assert FormulierDefinitie.objects.filter(omgeving__code="PO2811").count() == 2


def test_demodata_weigert_in_productie(settings):
    settings.DEBUG = False
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="hoort niet in productie"):
        call_command("demodata")

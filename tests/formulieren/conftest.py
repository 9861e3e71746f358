import pytest
from django.utils import timezone

from formulieren.models import FormulierDefinitie
from formulieren.standaard import BETROKKENHEID, TEAM_SCHOOLONDERSTEUNING
from hulpvragen import services as hulpvraag_services
from hulpvragen import toegang
from tests import relaties
from tests.factories import LeerlingFactory, OrganisatieFactory


@pytest.fixture
def school(po):
    return OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")


@pytest.fixture
def ib(po, school, maak_lid):
    return maak_lid(
        po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker", email="ib@x.test"
    )


@pytest.fixture
def coo(po, school, maak_lid):
    """A second schakelfunctionaris onderwijs of the same school: the other editor of a form."""
    return maak_lid(po, "ib_coo", organisatie=school, voornaam="Chris", achternaam="Mulder")


@pytest.fixture
def regie(po, maak_lid):
    return maak_lid(po, "regierolhouder", voornaam="Rik", achternaam="de Wit", email="rik@x.test")


@pytest.fixture
def leerling(school):
    return LeerlingFactory(
        school=school, voornaam="Sem", achternaam="Bos", gecontroleerd_op=timezone.now()
    )


@pytest.fixture
def hulpvraag(po, ib, regie, leerling):
    """A hulpvraag of the school with the regierolhouder as coördinator (§2 step 1 done)."""
    return hulpvraag_services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Team Schoolondersteuning",
        omschrijving="Concentratie",
        coordinator=regie,
    )


@pytest.fixture
def team(po):
    """'Team Schoolondersteuning' as every omgeving gets it."""
    return FormulierDefinitie.objects.get(omgeving=po, naam=TEAM_SCHOOLONDERSTEUNING)


@pytest.fixture
def betrokkenheid(po):
    return FormulierDefinitie.objects.get(omgeving=po, naam=BETROKKENHEID)


@pytest.fixture
def maak_deelnemer(maak_lid):
    """An invited deelnemer of one hulpvraag: only view_hulpvraag and plaats_reactie.

    Formulieren does not know overleg, so the relation comes from a bron registered here (as
    overleg registers its own) and is removed again afterwards.
    """
    bronnen = []

    def maak(hulpvraag, persoon=None):
        persoon = persoon or maak_lid(
            hulpvraag.omgeving, "externe_deelnemer", voornaam="Eva", achternaam="Smit"
        )

        _, afmelden = relaties.registreer(hulpvraag, persoon)
        bronnen.append(afmelden)
        toegang.synchroniseer_toegang(hulpvraag)
        return persoon

    yield maak
    for afmelden in bronnen:
        afmelden()


# A complete, valid 'Team Schoolondersteuning' as posted from the page.
TEAM_INGEVULD = {
    "aanleiding": "Sem kan zich slecht concentreren.",
    "wat-gedaan": "Zes weken extra instructie in een klein groepje.",
    "ouders-geinformeerd": "True",
    "toestemming-ouders": "True",
    "gewenste-ondersteuning": "Observatie in de klas en advies aan de leerkracht.",
}

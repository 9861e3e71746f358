import pytest

from tests.factories import OrganisatieFactory


@pytest.fixture
def ib(po, maak_lid):
    return maak_lid(
        po,
        "ib_coo",
        organisatie=OrganisatieFactory(omgeving=po, naam="OBS De Regenboog"),
        voornaam="Inge",
        achternaam="Bakker",
        email="ib@voorbeeld.test",
    )

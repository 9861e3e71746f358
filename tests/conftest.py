import os

import pytest

from tests.factories import (
    GebruikerFactory,
    LidmaatschapFactory,
    OmgevingFactory,
    OrganisatieFactory,
)

WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture(scope="session", autouse=True)
def _ci_test_op_postgres(django_db_setup, django_db_blocker):
    """CI sets KINDKANS_TEST_VEREIST_POSTGRES: then a run on SQLite is a failure, not a pass."""
    if os.environ.get("KINDKANS_TEST_VEREIST_POSTGRES"):
        from django.db import connection

        assert connection.vendor == "postgresql", (
            f"CI moet op PostgreSQL testen, niet {connection.vendor}"
        )


@pytest.fixture
def po():
    return OmgevingFactory(code="PO2811", naam="Goeree-Overflakkee", sector="PO")


@pytest.fixture
def vo():
    return OmgevingFactory(code="VO2805", naam="Goeree-Overflakkee", sector="VO")


@pytest.fixture
def maak_lid():
    """Make a person with a lidmaatschap: maak_lid(omgeving, rol, organisatie=None, **velden)."""

    def maak(omgeving, rol, organisatie=None, gebruiker=None, **velden):
        if organisatie is None:
            soort = "school" if rol == "ib_coo" else "cjg"
            organisatie = OrganisatieFactory(omgeving=omgeving, soort=soort)
        gebruiker = gebruiker or GebruikerFactory(**velden)
        LidmaatschapFactory(
            gebruiker=gebruiker, omgeving=omgeving, organisatie=organisatie, rol=rol
        )
        return gebruiker

    return maak


@pytest.fixture(autouse=True)
def _snelle_wachtwoorden(settings):
    # Hashing with PBKDF2 costs most of the suite's time and proves nothing about our code.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

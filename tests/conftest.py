import os

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import (
    GebruikerFactory,
    LidmaatschapFactory,
    OmgevingFactory,
    OrganisatieFactory,
)

WACHTWOORD = "geheim-wachtwoord-123"


class TweeStapsClient(Client):
    """Django's test client whose force_login also passes the second factor, as a person who
    typed the code from their app would: the session holds their (real) TOTP device.

    Tests of the login itself use `Client()` or `client.force_login(..., tweede_factor=False)`.
    """

    def force_login(self, user, backend=None, tweede_factor=True):
        super().force_login(user, backend)
        if tweede_factor:
            apparaat, _ = TOTPDevice.objects.get_or_create(
                user=user, name="default", defaults={"confirmed": True}
            )
            sessie = self.session
            sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
            sessie.save()


@pytest.fixture
def client():
    return TweeStapsClient()


@pytest.fixture
def admin_client(db, admin_user):
    client = TweeStapsClient()
    client.force_login(admin_user)
    return client


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
def _lege_cache():
    # The login and "wachtwoord vergeten" limits count in the cache: every test starts at zero.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _snelle_wachtwoorden(settings):
    # Hashing with PBKDF2 costs most of the suite's time and proves nothing about our code.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

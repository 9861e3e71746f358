"""The people and the dossier of the service tests: one school in PO2811 with two IB/COO's, the
schakelfunctionaris, two regierolhouders, and people who must see nothing."""

import datetime

import pytest
from django.utils import timezone

from hulpvragen import services
from tests import relaties
from tests.factories import LeerlingFactory, OrganisatieFactory


@pytest.fixture
def school(po):
    return OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")


@pytest.fixture
def andere_school(po):
    return OrganisatieFactory(omgeving=po, naam="CBS Het Anker")


@pytest.fixture
def ib(po, school, maak_lid):
    return maak_lid(
        po,
        "ib_coo",
        organisatie=school,
        voornaam="Inge",
        achternaam="Bakker",
        email="ib@voorbeeld.test",
    )


@pytest.fixture
def coo(po, school, maak_lid):
    """The second schakelfunctionaris onderwijs of the same school."""
    return maak_lid(
        po,
        "ib_coo",
        organisatie=school,
        voornaam="Chris",
        achternaam="Mulder",
        email="coo@voorbeeld.test",
    )


@pytest.fixture
def ib_andere_school(po, andere_school, maak_lid):
    return maak_lid(po, "ib_coo", organisatie=andere_school, voornaam="Anne", achternaam="Kok")


@pytest.fixture
def schakel(po, maak_lid):
    """The schakelfunctionaris verbinding onderwijs/jeugdhulp: the first coördinator."""
    return maak_lid(
        po,
        "schakelfunctionaris_verbinding",
        voornaam="Sanne",
        achternaam="Visser",
        email="schakel@voorbeeld.test",
    )


@pytest.fixture
def regie(po, maak_lid):
    return maak_lid(
        po, "regierolhouder", voornaam="Rik", achternaam="de Wit", email="rik@voorbeeld.test"
    )


@pytest.fixture
def regie2(po, maak_lid):
    return maak_lid(
        po, "regierolhouder", voornaam="Noor", achternaam="Jansen", email="noor@voorbeeld.test"
    )


@pytest.fixture
def regie_vo(vo, maak_lid):
    """A regierolhouder of the other omgeving (VO2805)."""
    return maak_lid(vo, "regierolhouder", voornaam="Vera", achternaam="Dekker")


@pytest.fixture
def leerling(school):
    return LeerlingFactory(
        school=school, voornaam="Daan", achternaam="Willemsen", gecontroleerd_op=timezone.now()
    )


@pytest.fixture
def maak(po, ib, leerling, schakel):
    """maak_hulpvraag with the defaults of §2 step 1; pass what a test is about."""

    def maak(**velden):
        velden = {
            "door": ib,
            "omgeving": po,
            "leerling": leerling,
            "titel": "Team Schoolondersteuning",
            "omschrijving": "Daan kan zich slecht concentreren.",
            "coordinator": schakel,
            # Many tests make several hulpvragen for Daan; the rule that a second one needs
            # this confirmation is tested on its own (test_tweede_hulpvraag.py).
            "bevestig_tweede": True,
            **velden,
        }
        return services.maak_hulpvraag(**velden)

    return maak


@pytest.fixture
def hulpvraag(maak, coo):
    """Just registered by the IB/COO, with the schakelfunctionaris as coördinator."""
    return maak()


@pytest.fixture
def behandeld(hulpvraag, ib, regie, regie2):
    """Handed on: regie is coördinator, regie2 behandelaar of an aanpak."""
    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie)
    services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=hulpvraag,
        titel="Begeleiding in de klas",
        omschrijving="Wekelijks gesprek met leerkracht en ouders.",
        startdatum=timezone.localdate(),
        einddatum=timezone.localdate() + datetime.timedelta(days=90),
        behandelaar=regie2,
    )
    return hulpvraag


@pytest.fixture
def registreer_relatie():
    """Add a relation from outside the app, as overleg registers its deelnemers.

    registreer_relatie(hulpvraag, persoon, soort="deelnemer", geldig_tot=None) returns the
    relation; change its geldig_tot to move the end, set .actief = False to end it.
    """
    afmeldingen = []

    def registreer(hulpvraag, persoon, soort="deelnemer", geldig_tot=None):
        relatie, afmelden = relaties.registreer(hulpvraag, persoon, soort, geldig_tot)
        afmeldingen.append(afmelden)
        return relatie

    yield registreer
    for afmelden in afmeldingen:
        afmelden()


@pytest.fixture
def media(settings, tmp_path):
    """Uploads go to a folder of this test only."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path

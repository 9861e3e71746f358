"""The people of the werk tests: one school in PO2811 with its IB/COO, the schakelfunctionaris
(first coördinator), a regierolhouder and the beheerder of PO2811; another school with its
IB/COO.

`op(dag, uur)` is a moment in the portal's time zone, for time_machine; `maak(...)` makes a
hulpvraag through the service at the moment the test travelled to, and runs what waits for
the commit (the termijn is filled after the commit, werk.signals)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from hulpvragen import services
from tests.factories import LeerlingFactory, OrganisatieFactory


def op(dag, uur=10):
    """`dag` at `uur` o'clock in Europe/Amsterdam."""
    return datetime.datetime.combine(
        dag, datetime.time(uur), tzinfo=timezone.get_current_timezone()
    )


def reis(dag, uur=10):
    """Travel to `dag` at `uur` o'clock (Europe/Amsterdam) and stop the clock there."""
    return time_machine.travel(op(dag, uur), tick=False)


@pytest.fixture
def school(po):
    return OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")


@pytest.fixture
def andere_school(po):
    return OrganisatieFactory(omgeving=po, naam="CBS Het Anker")


@pytest.fixture
def ib(po, school, maak_lid):
    return maak_lid(po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker")


@pytest.fixture
def ib_andere_school(po, andere_school, maak_lid):
    return maak_lid(po, "ib_coo", organisatie=andere_school, voornaam="Anne", achternaam="Kok")


@pytest.fixture
def schakel(po, maak_lid):
    """The schakelfunctionaris verbinding onderwijs/jeugdhulp: the first coördinator."""
    return maak_lid(po, "schakelfunctionaris_verbinding", voornaam="Sanne", achternaam="Visser")


@pytest.fixture
def regie(po, maak_lid):
    return maak_lid(po, "regierolhouder", voornaam="Rik", achternaam="de Wit")


@pytest.fixture
def beheer_po(po, maak_lid):
    swv = OrganisatieFactory(omgeving=po, soort="swv", naam="SWV PO")
    return maak_lid(po, "beheerder", swv, voornaam="Bea", achternaam="Heer")


@pytest.fixture
def maak(po, ib, schakel, django_capture_on_commit_callbacks):
    """maak(titel=..., school=..., door=...): a hulpvraag for a new leerling, made now."""

    def maak(titel="Team Schoolondersteuning", school=None, door=None):
        door = door or ib
        leerling = LeerlingFactory(
            school=school or door.lidmaatschappen.get().organisatie,
            achternaam=titel,
            gecontroleerd_op=timezone.now(),
        )
        with django_capture_on_commit_callbacks(execute=True):
            return services.maak_hulpvraag(
                door=door,
                omgeving=po,
                leerling=leerling,
                titel=titel,
                omschrijving="",
                coordinator=schakel,
            )

    return maak


@pytest.fixture
def aanpak(ib, regie, django_capture_on_commit_callbacks):
    """aanpak(hulpvraag): the IB/COO adds an aanpak now, with the regierolhouder as
    behandelaar (who gets the mail "ER IS IN KINDKANS EEN NIEUWE AANPAK TOEGEVOEGD…")."""

    def voeg_toe(hulpvraag, door=None, behandelaar=None):
        with django_capture_on_commit_callbacks(execute=True):
            return services.voeg_aanpak_toe(
                door=door or ib,
                hulpvraag=hulpvraag,
                titel="Begeleiding in de klas",
                omschrijving="Wekelijks gesprek met leerkracht en ouders.",
                startdatum=timezone.localdate(),
                einddatum=None,
                behandelaar=behandelaar or regie,
            )

    return voeg_toe

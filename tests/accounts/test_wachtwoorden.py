import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import WACHTWOORD
from tests.factories import GebruikerFactory

TE_KORT = "Dit wachtwoord is te kort: gebruik minstens 12 tekens."
TE_MAKKELIJK = (
    "Dit wachtwoord is te makkelijk te raden: het is een veelgebruikt wachtwoord of woord, "
    "eventueel met cijfers of tekens ervoor of erachter. Kies bijvoorbeeld een zin van een "
    "paar losse woorden."
)


def meldingen(wachtwoord, gebruiker=None):
    try:
        validate_password(wachtwoord, gebruiker)
    except ValidationError as fout:
        return fout.messages
    return []


@pytest.mark.parametrize(
    ("wachtwoord", "verwacht"),
    [
        ("wachtwoord123", [TE_MAKKELIJK]),
        ("Wachtwoord2025!", [TE_MAKKELIJK]),
        ("welkom01", [TE_KORT, TE_MAKKELIJK]),
        ("welkom-01!!!!", [TE_MAKKELIJK]),
        ("kindkans123", [TE_KORT, TE_MAKKELIJK]),
        ("Welkom2024!", [TE_KORT, TE_MAKKELIJK]),
        ("zomer2025", [TE_KORT, TE_MAKKELIJK]),
        ("Feyenoord1908", [TE_MAKKELIJK]),
        ("!!Middelharnis2024", [TE_MAKKELIJK]),
        # Django's own (English) list is still used, the same way.
        ("Password2024!", [TE_MAKKELIJK]),
        ("iloveyou", [TE_KORT, TE_MAKKELIJK]),
        ("kort", [TE_KORT]),
    ],
)
def test_zwakke_wachtwoorden_geweigerd_met_nederlandse_melding(db, wachtwoord, verwacht):
    assert meldingen(wachtwoord) == verwacht


def test_alleen_cijfers_geweigerd_met_nederlandse_melding(db):
    assert "Dit wachtwoord bevat alleen cijfers." in meldingen("738204619385")


def test_lijkt_op_naam_geweigerd(db):
    gebruiker = GebruikerFactory.build(
        email="rik.dewit@voorbeeld.test", voornaam="Rikkert", achternaam="Wittebroek"
    )

    assert "Het wachtwoord lijkt te veel op de voornaam." in meldingen("Rikkert12345", gebruiker)


@pytest.mark.parametrize(
    "wachtwoord", ["fiets-regen-lantaarn-42", "Mijn hond eet graag kaas", "zomerse-wolkenkrabber"]
)
def test_goed_lang_wachtwoord_geaccepteerd(db, wachtwoord):
    assert meldingen(wachtwoord) == []


@pytest.mark.django_db
def test_wachtwoord_wijzigen_weigert_veelgebruikt_wachtwoord(client, po, maak_lid):
    gebruiker = maak_lid(po, "regierolhouder")
    client.force_login(gebruiker)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": WACHTWOORD,
            "new_password1": "wachtwoord123",
            "new_password2": "wachtwoord123",
        },
    )

    html = response.content.decode()
    assert "Dit wachtwoord is te makkelijk te raden" in html
    assert "This password" not in html
    gebruiker.refresh_from_db()
    assert gebruiker.check_password(WACHTWOORD)

"""Issue 14: one wording for an overlegronde's end date, "tot en met <datum>", also in the daily
overview; a termijn keeps "uiterlijk"."""

import datetime

import pytest
from django.template.loader import render_to_string

from notificaties.services import maak_dagelijks_overzicht
from werk.acties import Actie

RONDE = Actie(
    soort="overlegronde_loopt_af",
    tekst="Uw overlegronde ‘Meekijken gedrag’ bij het dossier van Daan Willemsen (HV-00001): "
    "gereageerd 0 van 1 deelnemer.",
    url="/hulpvragen/1/overlegronde/#ronde-1",
    datum=datetime.date(2026, 12, 18),
)
UITNODIGING = Actie(
    soort="overlegronde_reageren",
    tekst="Overlegronde ‘Meekijken gedrag’ bij het dossier van Daan Willemsen (HV-00001): "
    "u kunt een reactie plaatsen.",
    url="/hulpvragen/1/overlegronde/#ronde-1",
    datum=datetime.date(2026, 12, 18),
)
TERMIJN = Actie(
    soort="nieuw_als_coordinator",
    tekst="Nieuwe hulpvraag van Daan Willemsen (HV-00001): u bent coördinator.",
    url="/hulpvragen/1/",
    datum=datetime.date(2026, 12, 14),
)


def test_de_datum_in_de_woorden_van_zijn_groep():
    assert RONDE.datum_woord == "open tot en met"
    assert UITNODIGING.datum_woord == "reageren kan tot en met"
    assert TERMIJN.datum_woord == "uiterlijk"


def test_de_lijst_van_het_overzicht_zegt_tot_en_met_bij_een_ronde():
    lijst = render_to_string(
        "notificaties/dagelijks_overzicht/acties.txt",
        {
            "items": [
                {
                    "tekst": actie.tekst,
                    "datum": actie.datum,
                    "datum_woord": actie.datum_woord,
                    "te_laat": actie.te_laat,
                    "link": "https://kindkans.example/meldingen/9/",
                }
                for actie in (RONDE, UITNODIGING, TERMIJN)
            ]
        },
    )

    assert lijst.strip() == (
        "- Uw overlegronde ‘Meekijken gedrag’ bij het dossier van Daan Willemsen (HV-00001): "
        "gereageerd 0 van 1 deelnemer. (open tot en met 18 december 2026)\n"
        "  https://kindkans.example/meldingen/9/\n"
        "- Overlegronde ‘Meekijken gedrag’ bij het dossier van Daan Willemsen (HV-00001): "
        "u kunt een reactie plaatsen. (reageren kan tot en met 18 december 2026)\n"
        "  https://kindkans.example/meldingen/9/\n"
        "- Nieuwe hulpvraag van Daan Willemsen (HV-00001): u bent coördinator. "
        "(uiterlijk 14 december 2026)\n"
        "  https://kindkans.example/meldingen/9/"
    )


@pytest.mark.django_db
def test_het_dagelijks_overzicht_zegt_tot_en_met_bij_een_ronde(po, maak_lid):
    sanne = maak_lid(po, "regierolhouder", voornaam="Sanne", achternaam="Visser")

    overzicht = maak_dagelijks_overzicht(
        ontvanger=sanne,
        omgeving=po,
        datum=datetime.date(2026, 12, 17),
        acties=[RONDE, TERMIJN],
        pad="/meldingen/",
    )

    assert "gereageerd 0 van 1 deelnemer. (open tot en met 18 december 2026)\n" in overzicht.tekst
    assert "u bent coördinator. (uiterlijk 14 december 2026)\n" in overzicht.tekst

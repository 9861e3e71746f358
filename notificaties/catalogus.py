"""The mails the portal sends: one kind per event, its template folder and an example context.

The example context documents the variables a beheerder may use in an override, and is what an
override is test-rendered with before it is saved.
"""

import datetime

from django.db import models


class Soort(models.TextChoices):
    AANPAK_BEHANDELAAR = "aanpak_behandelaar", "Nieuwe aanpak voor de behandelaar"
    STATUS_GEAGENDEERD = "status_geagendeerd", "Status GEAGENDEERD (aan IB/COO)"
    STATUS_GEWIJZIGD = "status_gewijzigd", "Status van de hulpvraag aangepast (aan IB/COO)"
    OVERLEGRONDE_UITNODIGING = "overlegronde_uitnodiging", "Uitnodiging voor een overlegronde"
    COORDINATOR_GEWIJZIGD = "coordinator_gewijzigd", "U bent coördinator geworden"
    REACTIE_GEPLAATST = "reactie_geplaatst", "Nieuwe reactie bij een overlegronde"
    # Mails about the account itself, with a link to set a password (notificaties.geheime_links).
    UITNODIGING = "uitnodiging", "Uitnodiging voor een nieuw account"
    WACHTWOORD_VERGETEN = "wachtwoord_vergeten", "Link voor een nieuw wachtwoord"
    # One mail a day with the meldingen and open acties, for whoever chose it (werk.dagoverzicht).
    DAGELIJKS_OVERZICHT = "dagelijks_overzicht", "Dagelijks overzicht"
    # Reminders, each sent once per termijn to the person who must act (werk.herinneringen).
    HERINNERING_AANPAK_BEVESTIGEN = (
        "herinnering_aanpak_bevestigen",
        "Herinnering: aanpak bevestigen (aan de behandelaar)",
    )
    HERINNERING_AANGEMELD = (
        "herinnering_aangemeld",
        "Herinnering: nog op AANGEMELD (aan de coördinator)",
    )
    HERINNERING_OVERLEG_REAGEREN = (
        "herinnering_overleg_reageren",
        "Herinnering: reageren op een overlegronde (aan de deelnemer)",
    )
    # To a parent, who has no account (ouders): with a personal link, or the one-time code.
    OUDER_TOESTEMMING = "ouder_toestemming", "Aan een ouder: vraag om toestemming"
    OUDER_OVERLEGRONDE = "ouder_overlegronde", "Aan een ouder: meelezen in een overlegronde"
    OUDER_NIEUWE_LINK = "ouder_nieuwe_link", "Aan een ouder: nieuwe link"
    OUDER_CODE = "ouder_code", "Aan een ouder: de code om verder te gaan"
    # To whoever invited the parent: the parent answered.
    OUDER_ANTWOORD = "ouder_antwoord", "Een ouder heeft gereageerd (aan wie uitnodigde)"


# Kinds that always go out at once, also to a person who chose one mail a day: the account
# mails (their link must arrive while it works) and the daily overview itself. Every other kind
# is a melding of the case and waits for the overview of whoever chose it.
ALTIJD_METEEN = frozenset(
    {
        Soort.UITNODIGING,
        Soort.WACHTWOORD_VERGETEN,
        Soort.DAGELIJKS_OVERZICHT,
        Soort.OUDER_TOESTEMMING,
        Soort.OUDER_OVERLEGRONDE,
        Soort.OUDER_NIEUWE_LINK,
        Soort.OUDER_CODE,
    }
)

# The reminders (werk.herinneringen, whose marker werk.Herinnering takes its choices from here).
# Meldingen of the case like the others: for a person who chose one mail a day they wait for
# the daily overview.
HERINNERINGEN = (
    Soort.HERINNERING_AANPAK_BEVESTIGEN,
    Soort.HERINNERING_AANGEMELD,
    Soort.HERINNERING_OVERLEG_REAGEREN,
)


_HULPVRAAG = {
    "ontvanger_naam": "Inge Bakker",
    "leerling_naam": "Daan Willemsen",
    "hulpvraag_titel": "Team Schoolondersteuning",
    "hulpvraag_nummer": 42,
}

VOORBEELD_CONTEXT = {
    Soort.AANPAK_BEHANDELAAR: {**_HULPVRAAG, "aanpak_titel": "Gesprek met ouders"},
    Soort.STATUS_GEAGENDEERD: {
        **_HULPVRAAG,
        "door_naam": "Rik de Wit",
        "status": "GEAGENDEERD",
        "omschrijving": "Eerste gesprek staat op 3 december.",
    },
    Soort.STATUS_GEWIJZIGD: {
        **_HULPVRAAG,
        "door_naam": "Rik de Wit",
        "status": "TUSSENTIJDSE EVALUATIE",
        "omschrijving": "Graag afstemming over de voortgang.",
    },
    Soort.OVERLEGRONDE_UITNODIGING: {
        **_HULPVRAAG,
        "regierolhouder_naam": "Rik de Wit",
        "overlegronde_titel": "Meekijken gedrag",
        "overlegronde_omschrijving": "Wil je meekijken naar het plan?",
        "einddatum": datetime.date(2026, 12, 13),
    },
    Soort.COORDINATOR_GEWIJZIGD: {**_HULPVRAAG, "door_naam": "Inge Bakker"},
    Soort.REACTIE_GEPLAATST: {
        **_HULPVRAAG,
        "deelnemer_naam": "Eva Smit",
        "overlegronde_titel": "Meekijken gedrag",
    },
    Soort.UITNODIGING: {
        "ontvanger_naam": "Inge Bakker",
        "email": "ib@voorbeeld.nl",
        "door_naam": "Pim de Graaf",
        "omgeving_naam": "PO2811 Goeree-Overflakkee",
        "geldig_dagen": 7,
    },
    Soort.WACHTWOORD_VERGETEN: {
        "ontvanger_naam": "Inge Bakker",
        "email": "ib@voorbeeld.nl",
        "geldig_uren": 24,
    },
    # The lists come ready-made (a beheerder's own text has no {% for %}): the shipped
    # templates dagelijks_overzicht/meldingen.txt and acties.txt write them.
    Soort.DAGELIJKS_OVERZICHT: {
        "ontvanger_naam": "Inge Bakker",
        "omgeving_naam": "PO2811 Goeree-Overflakkee",
        "datum": datetime.date(2026, 12, 3),
        "aantal_meldingen": 2,
        "meldingen_lijst": (
            "- Nieuwe aanpak voor u als behandelaar van Daan Willemsen\n"
            "  https://kindkans.example/meldingen/7/\n"
            "- De status van de hulpvraag van Sem Bos is aangepast: TUSSENTIJDSE EVALUATIE\n"
            "  https://kindkans.example/meldingen/8/"
        ),
        "aantal_acties": 1,
        "acties_lijst": (
            "- Reageer op de overlegronde Meekijken gedrag "
            "(reageren kan tot en met 13 december 2026)\n"
            "  https://kindkans.example/meldingen/9/?naar=/hulpvragen/42/overlegronde/"
        ),
    },
    # `termijn`: the last day on which the step was still on time (werk.termijnen).
    Soort.HERINNERING_AANPAK_BEVESTIGEN: {**_HULPVRAAG, "termijn": datetime.date(2026, 12, 14)},
    Soort.HERINNERING_AANGEMELD: {
        **_HULPVRAAG,
        "aangemeld_op": datetime.date(2026, 12, 4),
        "termijn": datetime.date(2026, 12, 18),
    },
    Soort.HERINNERING_OVERLEG_REAGEREN: {
        **_HULPVRAAG,
        "regierolhouder_naam": "Rik de Wit",
        "overlegronde_titel": "Meekijken gedrag",
        "overlegronde_omschrijving": "Wil je meekijken naar het plan?",
        "einddatum": datetime.date(2026, 12, 13),
    },
}

_OUDER = {
    "ouder_naam": "Fatima el Amrani",
    "leerling_voornaam": "Daan",
    "school_naam": "De Regenboog",
    "door_naam": "Inge Bakker",
    "door_email": "ib@regenboog.example",
    "geldig_tot": datetime.date(2026, 12, 17),
}
VOORBEELD_CONTEXT.update(
    {
        Soort.OUDER_TOESTEMMING: {
            **_OUDER,
            "vragen": "- Aanmelding bij het Team Schoolondersteuning",
            "bericht": "Graag uw toestemming, zoals we in het gesprek hebben besproken.",
        },
        Soort.OUDER_OVERLEGRONDE: {
            **_OUDER,
            "door_naam": "Rik de Wit",
            "door_email": "rik@cjg.example",
            "overlegronde_titel": "Meekijken gedrag",
            "overlegronde_omschrijving": "Wilt u meelezen en vertellen hoe het thuis gaat?",
            "bericht": "",
        },
        Soort.OUDER_NIEUWE_LINK: {**_OUDER},
        Soort.OUDER_CODE: {
            "ouder_naam": "Fatima el Amrani",
            "code": "[code: staat alleen in de verstuurde mail]",
            "geldig_minuten": 15,
        },
        Soort.OUDER_ANTWOORD: {
            **_HULPVRAAG,
            "ouder_naam": "Fatima el Amrani",
            "antwoord": "heeft toestemming gegeven voor: Aanmelding bij het Team "
            "Schoolondersteuning",
        },
    }
)


def voorbeeld_context(soort):
    """The example context of a kind, with the link every mail carries."""
    return {**VOORBEELD_CONTEXT[soort], "link": "https://kindkans.example/meldingen/1/"}


def sjabloon_map(soort):
    return f"notificaties/{soort}"

"""The two forms every omgeving starts with (work instruction §2 step 2 and §4 step 3).

Used by the data migration (with the historical models) and by
services.installeer_standaardformulieren for omgevingen made later. Once installed, a definition
belongs to the SWV-beheerder: installing again never changes it.
"""

# Rol values as in accounts.models.Rol (plain strings: a migration must not depend on the enum).
IB_COO = "ib_coo"
SCHAKELFUNCTIONARIS_VERBINDING = "schakelfunctionaris_verbinding"
REGIEROLHOUDER = "regierolhouder"

TEAM_SCHOOLONDERSTEUNING = "Team Schoolondersteuning"
BETROKKENHEID = "Betrokkenheid SMW/CJG/BPO"

# naam → (toelichting, rollen, eenmalig, [(sleutel, label, type, verplicht, helptekst, keuzes)])
DEFINITIES = {
    TEAM_SCHOOLONDERSTEUNING: (
        "De IB/COO vult dit formulier in bij de hulpvraag, zo volledig mogelijk.",
        [IB_COO],
        True,
        [
            (
                "aanleiding",
                "Aanleiding en hulpvraag",
                "lange_tekst",
                True,
                "Wat is er aan de hand, sinds wanneer, en wat is de vraag van de school?",
                "",
            ),
            (
                "wat-gedaan",
                "Wat heeft de school al gedaan?",
                "lange_tekst",
                True,
                "Welke aanpak of interventies, hoe lang, en met welk effect.",
                "",
            ),
            (
                "wat-gaat-goed",
                "Wat gaat goed?",
                "lange_tekst",
                False,
                "Sterke kanten van de leerling en van de thuissituatie.",
                "",
            ),
            (
                "verzuim",
                "Aantal dagen verzuim dit schooljaar",
                "getal",
                False,
                "",
                "",
            ),
            (
                "betrokken-partijen",
                "Betrokken partijen",
                "meer_keuzes",
                False,
                "Wie is nu of was eerder betrokken bij de leerling of het gezin?",
                "CJG\nSMW\nTJG\nBPO SWV\nOrthopedagoog SWV\nHuisarts of jeugdarts\nAnders",
            ),
            (
                "toelichting-partijen",
                "Toelichting betrokken partijen",
                "lange_tekst",
                False,
                "Namen, periode en wat zij doen of deden.",
                "",
            ),
            (
                "ouders-geinformeerd",
                "Zijn de ouders/verzorgers geïnformeerd over deze hulpvraag?",
                "ja_nee",
                True,
                "",
                "",
            ),
            (
                "toestemming-ouders",
                "Toestemming ouders/verzorgers voor bespreking in het Team Schoolondersteuning",
                "ja_nee",
                True,
                "",
                "",
            ),
            (
                "datum-toestemming",
                "Datum toestemming",
                "datum",
                False,
                "",
                "",
            ),
            (
                "gewenste-ondersteuning",
                "Gewenste ondersteuning",
                "lange_tekst",
                True,
                "Wat heeft de leerling, de leerkracht of het gezin nodig?",
                "",
            ),
            (
                "urgentie",
                "Urgentie",
                "een_keuze",
                False,
                "",
                "Regulier\nMet spoed (binnen twee weken)",
            ),
            (
                "contactpersoon",
                "Contactpersoon van de school",
                "persoon",
                False,
                "",
                # A persoon field's keuzes are the rollen it offers: the school's own contact.
                IB_COO,
            ),
            (
                "bereikbaar",
                "Bereikbaarheid contactpersoon",
                "korte_tekst",
                False,
                "Bijvoorbeeld dagen en telefoonnummer.",
                "",
            ),
        ],
    ),
    BETROKKENHEID: (
        "De regierolhouder vult dit formulier in op het moment dat de casus is toegewezen.",
        [REGIEROLHOUDER, SCHAKELFUNCTIONARIS_VERBINDING],
        False,
        [
            (
                "hulpvraag",
                "Hulpvraag",
                "hulpvraag",
                True,
                "Selecteer de hulpvraag waar u bij betrokken bent.",
                "",
            ),
            (
                "naam-betrokkene",
                "Naam betrokkene",
                "persoon",
                True,
                "Voeg hier uw eigen naam toe.",
                # Who fills it in: the people working on the case, not the school.
                f"{REGIEROLHOUDER}\n{SCHAKELFUNCTIONARIS_VERBINDING}",
            ),
            (
                "organisatie",
                "Organisatie",
                "een_keuze",
                True,
                "",
                "SMW\nCJG\nBPO SWV\nTJG\nOrthopedagoog SWV",
            ),
            (
                "start-betrokkenheid",
                "Start betrokkenheid",
                "datum",
                True,
                "",
                "",
            ),
            (
                "overig",
                "Overig",
                "lange_tekst",
                False,
                "Informatie die van belang is voor de IB/COO; voornamelijk werkafspraken.",
                "",
            ),
        ],
    ),
}


def installeer(omgeving_id, FormulierDefinitie, Veld):  # noqa: N803 (model classes)
    """Create the missing standard definitions of one omgeving; returns the names created."""
    gemaakt = []
    for naam, (toelichting, rollen, eenmalig, velden) in DEFINITIES.items():
        definitie, nieuw = FormulierDefinitie.objects.get_or_create(
            omgeving_id=omgeving_id,
            naam=naam,
            defaults={"toelichting": toelichting, "rollen": rollen, "eenmalig": eenmalig},
        )
        if not nieuw:
            continue
        Veld.objects.bulk_create(
            Veld(
                definitie=definitie,
                sleutel=sleutel,
                label=label,
                type=soort,
                verplicht=verplicht,
                helptekst=helptekst,
                keuzes=keuzes,
                volgorde=(i + 1) * 10,
            )
            for i, (sleutel, label, soort, verplicht, helptekst, keuzes) in enumerate(velden)
        )
        gemaakt.append(naam)
    return gemaakt

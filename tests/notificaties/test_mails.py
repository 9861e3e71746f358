"""Each kind of mail: its subject and text as the work instruction words them."""

import datetime

import pytest
from django.db import transaction

from notificaties.catalogus import Soort
from notificaties.models import Notificatie
from notificaties.services import maak_notificatie

pytestmark = pytest.mark.django_db

HULPVRAAG = {
    "ontvanger_naam": "Inge Bakker",
    "leerling_naam": "Daan Willemsen",
    "hulpvraag_titel": "Team Schoolondersteuning",
    "hulpvraag_nummer": 7,
}


def stuur(ib, po, soort, context, pad="/hulpvragen/7/"):
    with transaction.atomic():
        return maak_notificatie(ontvanger=ib, omgeving=po, soort=soort, context=context, pad=pad)


@pytest.fixture
def verstuurd(ib, po, mailoutbox, django_capture_on_commit_callbacks):
    def maak(soort, context, pad="/hulpvragen/7/"):
        with django_capture_on_commit_callbacks(execute=True):
            notificatie = stuur(ib, po, soort, context, pad)
        assert len(mailoutbox) == 1
        notificatie.refresh_from_db()
        assert notificatie.status == Notificatie.Status.VERSTUURD
        return notificatie, mailoutbox[0]

    return maak


def test_nieuwe_aanpak_aan_behandelaar(verstuurd):
    notificatie, mail = verstuurd(
        Soort.AANPAK_BEHANDELAAR, {**HULPVRAAG, "aanpak_titel": "Gesprek met ouders"}
    )

    assert mail.to == ["ib@voorbeeld.test"]
    assert mail.subject == "Nieuwe aanpak voor u als behandelaar van Daan Willemsen"
    assert (
        "Er is in Kindkans een nieuwe aanpak toegevoegd voor u als behandelaar van "
        "Daan Willemsen." in mail.body
    )
    assert "Aanpak: Gesprek met ouders" in mail.body
    assert notificatie.link in mail.body
    assert notificatie.link == f"http://127.0.0.1:8000/meldingen/{notificatie.pk}/"
    html, soort = mail.alternatives[0]
    assert soort == "text/html"
    assert f'href="{notificatie.link}"' in html


def test_geagendeerd_aan_ib_coo(verstuurd):
    _, mail = verstuurd(
        Soort.STATUS_GEAGENDEERD,
        {
            **HULPVRAAG,
            "door_naam": "Rik de Wit",
            "status": "GEAGENDEERD",
            "omschrijving": "Eerste gesprek op 3 december.",
        },
    )

    assert mail.subject == "Hulpvraag van Daan Willemsen is in behandeling genomen"
    assert "Rik de Wit heeft deze taak in behandeling genomen" in mail.body
    assert "status GEAGENDEERD" in mail.body
    assert "Omschrijving: Eerste gesprek op 3 december." in mail.body


@pytest.mark.parametrize("status", ["TUSSENTIJDSE EVALUATIE", "RETOUR NAAR SCHAKELTEAM"])
def test_status_aangepast_aan_ib_coo(verstuurd, status):
    _, mail = verstuurd(
        Soort.STATUS_GEWIJZIGD,
        {**HULPVRAAG, "door_naam": "Rik de Wit", "status": status, "omschrijving": ""},
    )

    assert mail.subject == f"De status van de hulpvraag van Daan Willemsen is aangepast: {status}"
    assert (
        "De status van de hulpvraag 'Team Schoolondersteuning' (nummer 7) van Daan Willemsen "
        f"is aangepast naar {status} door Rik de Wit." in mail.body
    )
    assert "Omschrijving:" not in mail.body


def test_uitnodiging_overlegronde_met_vijf_stappen_en_einddatum(verstuurd):
    _, mail = verstuurd(
        Soort.OVERLEGRONDE_UITNODIGING,
        {
            **HULPVRAAG,
            "regierolhouder_naam": "Rik de Wit",
            "overlegronde_titel": "Meekijken gedrag",
            "overlegronde_omschrijving": "Wil je meekijken naar het plan?",
            "einddatum": datetime.date(2026, 12, 13),
        },
        pad="/hulpvragen/7/overlegronde/",
    )

    assert mail.subject == (
        "Rik de Wit heeft een overlegronde Meekijken gedrag aangemaakt bij het dossier van "
        "Daan Willemsen"
    )
    tekst = mail.body
    assert (
        "Rik de Wit heeft een overlegronde Meekijken gedrag aangemaakt bij het dossier van "
        "Daan Willemsen." in tekst
    )
    assert (
        "Na inloggen in Kindkans kunt u het dossier raadplegen en eventueel een reactie "
        "invullen bij de overlegronde via de volgende stappen:" in tekst
    )
    stappen = [
        "1. Klik op Hulpvragen;",
        "2. Klik op de betreffende hulpvraag;",
        "3. Klik op Overlegronde;",
        "4. Vul uw eventuele reactie in;",
        "5. Klik op Reactie opslaan.",
    ]
    posities = [tekst.index(stap) for stap in stappen]
    assert posities == sorted(posities)
    assert (
        "Als u een reactie wilt plaatsen, dan is dit mogelijk tot en met 13 december 2026." in tekst
    )


def test_coordinator_gewijzigd(verstuurd):
    _, mail = verstuurd(Soort.COORDINATOR_GEWIJZIGD, {**HULPVRAAG, "door_naam": "Inge Bakker"})

    assert mail.subject == "U bent coördinator van de hulpvraag van Daan Willemsen"
    assert "Inge Bakker heeft u in Kindkans als coördinator gekozen" in mail.body


def test_reactie_geplaatst(verstuurd):
    _, mail = verstuurd(
        Soort.REACTIE_GEPLAATST,
        {**HULPVRAAG, "deelnemer_naam": "Eva Smit", "overlegronde_titel": "Meekijken gedrag"},
    )

    assert mail.subject == "Nieuwe reactie bij de overlegronde Meekijken gedrag (Daan Willemsen)"
    assert (
        "Eva Smit heeft een reactie geplaatst bij de overlegronde Meekijken gedrag bij het "
        "dossier van Daan Willemsen." in mail.body
    )


def test_merknaam_komt_uit_de_instellingen(verstuurd, settings):
    settings.KINDKANS_MERKNAAM = "Zorgportaal"

    _, mail = verstuurd(Soort.AANPAK_BEHANDELAAR, {**HULPVRAAG, "aanpak_titel": "Plan"})

    assert "Er is in Zorgportaal een nieuwe aanpak toegevoegd" in mail.body


def test_link_bevat_geen_persoonsgegevens(verstuurd):
    notificatie, _ = verstuurd(Soort.AANPAK_BEHANDELAAR, {**HULPVRAAG, "aanpak_titel": "Plan"})

    assert "Daan" not in notificatie.link
    assert "Willemsen" not in notificatie.link
    assert "ib%40" not in notificatie.link and "ib@" not in notificatie.link


def test_alle_soorten_hebben_een_sjabloon(ib, po):
    from notificaties.catalogus import voorbeeld_context

    for soort in Soort:
        notificatie = stuur(ib, po, soort, voorbeeld_context(soort))
        assert notificatie.onderwerp
        assert "{{" not in notificatie.tekst

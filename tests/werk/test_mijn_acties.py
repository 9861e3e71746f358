"""Mijn acties (issue 15): each item appears for the right person only, disappears when it is
done, links to the exact tab, and the start page costs the same number of queries with 2 and
with 40 cases."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Lidmaatschap
from formulieren import services as formulier_services
from formulieren.models import FormulierDefinitie
from hulpvragen import services
from hulpvragen.workflow import Status
from leerlingen import services as leerling_services
from leerlingen.models import Leerling
from notificaties.catalogus import Soort
from notificaties.models import Notificatie
from overleg import services as overleg_services
from tests.factories import LeerlingFactory, OrganisatieFactory
from werk.acties import aantal_acties, acties_voor, groepen_voor

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAANDAG = datetime.date(2026, 12, 7)


def op(dag, uur=10):
    return datetime.datetime.combine(dag, datetime.time(uur), tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def _maandag():
    with time_machine.travel(op(MAANDAG), tick=False):
        yield


# --- The people: one school in PO2811, its IB/COO and one of another school, the schakel-
# functionaris, two regierolhouders, an externe deelnemer and someone of VO2805 -----------------


@pytest.fixture
def school(po):
    return OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")


@pytest.fixture
def ib(po, school, maak_lid):
    return maak_lid(po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker")


@pytest.fixture
def ib_elders(po, maak_lid):
    anker = OrganisatieFactory(omgeving=po, naam="CBS Het Anker")
    return maak_lid(po, "ib_coo", organisatie=anker, voornaam="Anne", achternaam="Kok")


@pytest.fixture
def schakel(po, maak_lid):
    return maak_lid(po, "schakelfunctionaris_verbinding", voornaam="Sanne", achternaam="Visser")


@pytest.fixture
def regie(po, maak_lid):
    return maak_lid(po, "regierolhouder", voornaam="Rik", achternaam="de Wit")


@pytest.fixture
def regie2(po, maak_lid):
    return maak_lid(po, "regierolhouder", voornaam="Noor", achternaam="Jansen")


@pytest.fixture
def extern(po, maak_lid):
    return maak_lid(po, "externe_deelnemer", voornaam="Eva", achternaam="Smit")


@pytest.fixture
def extern2(po, maak_lid):
    return maak_lid(po, "externe_deelnemer", voornaam="Bram", achternaam="Vos")


@pytest.fixture
def vo_persoon(vo, maak_lid):
    return maak_lid(vo, "ib_coo", voornaam="Vera", achternaam="Dekker")


@pytest.fixture
def iedereen(ib, ib_elders, schakel, regie, regie2, extern, extern2, vo_persoon):
    return {
        "ib": ib,
        "ib_elders": ib_elders,
        "schakel": schakel,
        "regie": regie,
        "regie2": regie2,
        "extern": extern,
        "extern2": extern2,
        "vo_persoon": vo_persoon,
    }


@pytest.fixture
def leerling(school):
    return LeerlingFactory(
        school=school, voornaam="Daan", achternaam="Willemsen", gecontroleerd_op=op(MAANDAG)
    )


@pytest.fixture
def hulpvraag(po, ib, schakel, leerling):
    """Just registered by the IB/COO, with the schakelfunctionaris as coördinator (§2 step 1)."""
    return services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Team Schoolondersteuning",
        omschrijving="Daan kan zich slecht concentreren.",
        coordinator=schakel,
    )


@pytest.fixture
def aanpak(hulpvraag, ib, regie):
    """The IB/COO invites the regierolhouder as behandelaar (§3); regie is coördinator now."""
    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie)
    return services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=hulpvraag,
        titel="Begeleiding in de klas",
        omschrijving="Wekelijks gesprek.",
        startdatum=MAANDAG,
        einddatum=datetime.date(2027, 1, 29),
        behandelaar=regie,
    )


@pytest.fixture
def ronde(aanpak, regie, extern, hulpvraag):
    """regie opens a round until Friday 18 December with extern as deelnemer (§5)."""
    services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)
    return overleg_services.maak_overlegronde(
        door=regie,
        hulpvraag=hulpvraag,
        titel="Meekijken gedrag",
        omschrijving="Wil je meekijken naar het plan?",
        einddatum=datetime.date(2026, 12, 18),
        deelnemers=[extern],
    )


def soorten(persoon, omgeving, soort=None):
    acties = acties_voor(gebruiker=persoon, omgeving=omgeving)
    if soort is None:
        return [a.soort for a in acties]
    return [a for a in acties if a.soort == soort]


def wie_heeft(iedereen, omgeving, soort, vo):
    """The names of who has an item of this kind, each in their own omgeving."""
    return sorted(
        naam
        for naam, persoon in iedereen.items()
        if soorten(persoon, vo if naam == "vo_persoon" else omgeving, soort)
    )


# --- Each item: the right person, and gone when done --------------------------------------------


def test_nieuwe_hulpvraag_bij_de_schakelfunctionaris_tot_de_regierol_bepaald_is(
    po, vo, iedereen, hulpvraag, ib, schakel, regie
):
    assert wie_heeft(iedereen, po, "nieuw_als_coordinator", vo) == ["schakel"]
    [actie] = soorten(schakel, po, "nieuw_als_coordinator")
    assert actie.url == f"/hulpvragen/{hulpvraag.pk}/"
    assert actie.tekst == (
        f"Nieuwe hulpvraag van Daan Willemsen ({hulpvraag.nummer}), OBS De Regenboog, aangemeld "
        "op 7 december 2026: u bent coördinator. Bespreek de casus met de IB/COO en bepaal "
        "samen de regierol."
    )

    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie)

    assert wie_heeft(iedereen, po, "nieuw_als_coordinator", vo) == []


def test_aanpak_wacht_op_geagendeerd_van_de_behandelaar(po, vo, iedereen, hulpvraag, aanpak, regie):
    assert wie_heeft(iedereen, po, "aanpak_bevestigen", vo) == ["regie"]
    [actie] = soorten(regie, po, "aanpak_bevestigen")
    assert actie.url == f"/hulpvragen/{hulpvraag.pk}/aanpak/#aanpak-{aanpak.pk}"
    assert actie.tekst == (
        f"Nieuwe aanpak ‘Begeleiding in de klas’ voor u als behandelaar van Daan Willemsen "
        f"({hulpvraag.nummer}), start 7 december 2026: bevestig de taak met de status "
        "GEAGENDEERD."
    )

    services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)

    assert wie_heeft(iedereen, po, "aanpak_bevestigen", vo) == []


def test_na_retour_wacht_alleen_de_nieuwe_aanpak(
    po, vo, iedereen, hulpvraag, aanpak, ib, regie, regie2
):
    with time_machine.travel(op(MAANDAG, 11), tick=False):
        services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)
        services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.RETOUR_NAAR_SCHAKELTEAM)
        # regie's aanpak was confirmed before the case came back: nothing for regie.
        assert wie_heeft(iedereen, po, "aanpak_bevestigen", vo) == []

    with time_machine.travel(op(MAANDAG, 12), tick=False):
        services.voeg_aanpak_toe(
            door=ib,
            hulpvraag=hulpvraag,
            titel="Gezinsbegeleiding",
            omschrijving="Thuis.",
            startdatum=MAANDAG,
            einddatum=None,
            behandelaar=regie2,
        )
        assert wie_heeft(iedereen, po, "aanpak_bevestigen", vo) == ["regie2"]

        services.wijzig_status(door=regie2, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)

        assert wie_heeft(iedereen, po, "aanpak_bevestigen", vo) == []


def test_tussentijdse_evaluatie_na_de_evaluatiedatum(po, vo, iedereen, hulpvraag, aanpak, regie):
    services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)
    services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.TUSSENTIJDSE_EVALUATIE)
    # The evaluatiedatum is the aanpak's einddatum, 29 January 2027: not yet.
    assert wie_heeft(iedereen, po, "evaluatie_voorbij", vo) == []

    with time_machine.travel(op(datetime.date(2027, 2, 1)), tick=False):
        assert wie_heeft(iedereen, po, "evaluatie_voorbij", vo) == ["regie"]
        [actie] = soorten(regie, po, "evaluatie_voorbij")
        assert actie.datum == datetime.date(2027, 1, 29)
        assert actie.te_laat
        assert actie.url == f"/hulpvragen/{hulpvraag.pk}/#kop-status-wijzigen"

        services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)

        assert wie_heeft(iedereen, po, "evaluatie_voorbij", vo) == []


def test_eigen_overlegronde_die_binnen_twee_dagen_afloopt(
    po, vo, iedereen, hulpvraag, ronde, regie, extern
):
    # Monday 7 December: the round ends on Friday 18th, more than 2 days away.
    assert wie_heeft(iedereen, po, "overlegronde_loopt_af", vo) == []

    with time_machine.travel(op(datetime.date(2026, 12, 16)), tick=False):
        assert wie_heeft(iedereen, po, "overlegronde_loopt_af", vo) == ["regie"]
        [actie] = soorten(regie, po, "overlegronde_loopt_af")
        assert actie.url == f"/hulpvragen/{hulpvraag.pk}/overlegronde/#ronde-{ronde.pk}"
        assert actie.datum == datetime.date(2026, 12, 18)
        assert actie.resterend == "nog 2 dagen"
        assert actie.tekst == (
            "Uw overlegronde ‘Meekijken gedrag’ bij het dossier van Daan Willemsen "
            f"({hulpvraag.nummer}): gereageerd 0 van 1 deelnemer."
        )
        assert actie.datum_woord == "open tot en met"

        overleg_services.sluit_overlegronde(door=regie, overlegronde=ronde)

        assert wie_heeft(iedereen, po, "overlegronde_loopt_af", vo) == []


def test_overlegronde_loopt_af_verdwijnt_na_de_einddatum(po, ronde, regie):
    with time_machine.travel(op(datetime.date(2026, 12, 18)), tick=False):
        [actie] = soorten(regie, po, "overlegronde_loopt_af")
        assert actie.resterend == "vandaag"
    with time_machine.travel(op(datetime.date(2026, 12, 19)), tick=False):
        assert soorten(regie, po, "overlegronde_loopt_af") == []


def test_deelnemer_ziet_de_open_ronde_met_de_dagen_die_resten(
    po, vo, iedereen, hulpvraag, ronde, extern
):
    assert wie_heeft(iedereen, po, "overlegronde_reageren", vo) == ["extern"]
    [actie] = soorten(extern, po, "overlegronde_reageren")
    assert actie.url == f"/hulpvragen/{hulpvraag.pk}/overlegronde/#ronde-{ronde.pk}"
    assert actie.datum == datetime.date(2026, 12, 18)
    assert actie.resterend == "nog 11 dagen"
    assert actie.tekst == (
        "Overlegronde ‘Meekijken gedrag’ bij het dossier van Daan Willemsen "
        f"({hulpvraag.nummer}): u kunt een reactie plaatsen."
    )

    overleg_services.plaats_reactie(door=extern, overlegronde=ronde, tekst="Ik kijk mee.")

    assert wie_heeft(iedereen, po, "overlegronde_reageren", vo) == []


def test_deelnemer_ziet_de_ronde_niet_meer_na_de_einddatum(po, ronde, extern):
    with time_machine.travel(op(datetime.date(2026, 12, 19)), tick=False):
        assert soorten(extern, po) == []
        assert aantal_acties(gebruiker=extern, omgeving=po) == 0


def test_nieuwe_reactie_tot_de_melding_geopend_is(
    client, po, vo, iedereen, hulpvraag, ronde, regie, extern
):
    overleg_services.plaats_reactie(door=extern, overlegronde=ronde, tekst="Ik kijk mee.")
    # The mail goes to the maker of the round, who is also the coördinator here.
    assert wie_heeft(iedereen, po, "nieuwe_reacties", vo) == ["regie"]
    [actie] = soorten(regie, po, "nieuwe_reacties")
    assert actie.url == f"/mijn-acties/reacties/{ronde.pk}/"
    assert actie.tekst == (
        f"Nieuwe reactie bij overlegronde ‘Meekijken gedrag’ van Daan Willemsen "
        f"({hulpvraag.nummer})."
    )

    client.force_login(regie)
    response = client.get(actie.url)

    assert response.status_code == 302
    assert response["Location"] == f"/hulpvragen/{hulpvraag.pk}/overlegronde/#ronde-{ronde.pk}"
    assert wie_heeft(iedereen, po, "nieuwe_reacties", vo) == []


def test_nieuwe_reacties_per_ronde_geteld_en_weg_na_openen_uit_de_mail(
    client, po, hulpvraag, aanpak, regie, extern, extern2
):
    ronde = overleg_services.maak_overlegronde(
        door=regie,
        hulpvraag=hulpvraag,
        titel="Meekijken gedrag",
        omschrijving="Wil je meekijken?",
        einddatum=datetime.date(2026, 12, 18),
        deelnemers=[extern, extern2],
    )
    overleg_services.plaats_reactie(door=extern, overlegronde=ronde, tekst="Eén.")
    overleg_services.plaats_reactie(door=extern2, overlegronde=ronde, tekst="Twee.")
    [actie] = soorten(regie, po, "nieuwe_reacties")
    assert actie.tekst == (
        f"2 nieuwe reacties bij overlegronde ‘Meekijken gedrag’ van Daan Willemsen "
        f"({hulpvraag.nummer})."
    )

    client.force_login(regie)
    for melding in Notificatie.objects.filter(ontvanger=regie, soort=Soort.REACTIE_GEPLAATST):
        client.get(reverse("notificaties:open", args=[melding.pk]))

    assert soorten(regie, po, "nieuwe_reacties") == []


def test_oude_coordinator_leest_de_reacties_niet_meer(
    po, hulpvraag, aanpak, ib, regie, regie2, extern
):
    ronde = overleg_services.maak_overlegronde(
        door=regie,
        hulpvraag=hulpvraag,
        titel="Meekijken gedrag",
        omschrijving="Wil je meekijken?",
        einddatum=datetime.date(2026, 12, 18),
        deelnemers=[extern],
    )
    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie2)
    overleg_services.plaats_reactie(door=extern, overlegronde=ronde, tekst="Gezien.")
    # Mailed to the maker (regie) and to the coördinator now (regie2).
    assert soorten(regie, po, "nieuwe_reacties") != []
    assert soorten(regie2, po, "nieuwe_reacties") != []

    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie)

    # regie2 no longer reads the reacties of this round (nor sees the hulpvraag).
    assert soorten(regie2, po, "nieuwe_reacties") == []


def test_reactielink_van_een_ander_is_niet_gevonden(client, ronde, regie2, extern):
    overleg_services.plaats_reactie(door=extern, overlegronde=ronde, tekst="Ik kijk mee.")
    client.force_login(regie2)

    assert client.get(f"/mijn-acties/reacties/{ronde.pk}/").status_code == 404


def test_retour_naar_schakelteam_wacht_op_de_ib_coo_van_de_school(
    po, vo, iedereen, hulpvraag, aanpak, ib, regie
):
    services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)
    with time_machine.travel(op(datetime.date(2026, 12, 9)), tick=False):
        services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.RETOUR_NAAR_SCHAKELTEAM)
    with time_machine.travel(op(datetime.date(2026, 12, 10)), tick=False):
        assert wie_heeft(iedereen, po, "afronden", vo) == ["ib"]
        [actie] = soorten(ib, po, "afronden")
        assert actie.url == f"/hulpvragen/{hulpvraag.pk}/#kop-status-wijzigen"
        assert actie.tekst == (
            f"Daan Willemsen ({hulpvraag.nummer}) staat sinds 9 december 2026 op RETOUR NAAR "
            "SCHAKELTEAM: sluit de hulpvraag af met de status AFGEROND."
        )

        services.wijzig_status(door=ib, hulpvraag=hulpvraag, naar=Status.AFGEROND)

        assert wie_heeft(iedereen, po, "afronden", vo) == []


def test_formulier_team_schoolondersteuning_nog_in_te_vullen(po, vo, iedereen, hulpvraag, ib):
    definitie = FormulierDefinitie.objects.get(omgeving=po, naam="Team Schoolondersteuning")
    assert wie_heeft(iedereen, po, "formulier_invullen", vo) == ["ib"]
    [actie] = soorten(ib, po, "formulier_invullen")
    assert actie.url == f"/hulpvragen/{hulpvraag.pk}/formulieren/nieuw/?definitie={definitie.pk}"
    assert actie.tekst == (
        "Vul het formulier ‘Team Schoolondersteuning’ in bij de hulpvraag van Daan Willemsen "
        f"({hulpvraag.nummer})."
    )

    formulier_services.maak_formulier(
        door=ib,
        hulpvraag=hulpvraag,
        definitie=definitie,
        waarden={
            "aanleiding": "Onrust in de klas.",
            "wat-gedaan": "Gesprekken.",
            "ouders-geinformeerd": True,
            "toestemming-ouders": True,
            "gewenste-ondersteuning": "Begeleiding.",
        },
    )

    assert wie_heeft(iedereen, po, "formulier_invullen", vo) == []


def test_geen_formulier_meer_te_vullen_bij_een_afgeronde_hulpvraag(
    po, hulpvraag, aanpak, ib, regie
):
    services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)
    services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.RETOUR_NAAR_SCHAKELTEAM)
    services.wijzig_status(door=ib, hulpvraag=hulpvraag, naar=Status.AFGEROND)

    assert soorten(ib, po) == []


def test_gegevens_controleren_als_de_controle_van_een_lopende_casus_verlopen_is(
    po, vo, iedereen, hulpvraag, leerling, ib
):
    assert wie_heeft(iedereen, po, "gegevens_controleren", vo) == []

    # LEERLING_CONTROLE_TERMIJN_DAGEN = 183: checked on 7 December, lapsed on 8 June 2027.
    with time_machine.travel(op(datetime.date(2027, 6, 9)), tick=False):
        assert wie_heeft(iedereen, po, "gegevens_controleren", vo) == ["ib"]
        [actie] = soorten(ib, po, "gegevens_controleren")
        assert actie.url == f"/leerlingen/{leerling.pk}/"
        assert actie.datum == datetime.date(2027, 6, 8)
        assert actie.te_laat
        assert actie.tekst == (
            "Controleer of de basis- en schoolgegevens van Daan Willemsen nog actueel zijn "
            "(laatst gecontroleerd op 7 december 2026)."
        )

        leerling_services.bevestig_gegevens(door=ib, omgeving=po, leerling=leerling)

        assert wie_heeft(iedereen, po, "gegevens_controleren", vo) == []


def test_leerling_zonder_lopende_hulpvraag_vraagt_geen_controle(po, school, ib):
    LeerlingFactory(school=school, gecontroleerd_op=None)

    assert soorten(ib, po) == []


# --- Access: never an item on a hulpvraag the person may not see --------------------------------


def test_zelfde_persoon_in_een_andere_omgeving_ziet_daar_niets_van_deze(
    po, vo, hulpvraag, aanpak, regie, maak_lid
):
    maak_lid(vo, "regierolhouder", gebruiker=regie)

    assert soorten(regie, po) == ["aanpak_bevestigen"]
    assert soorten(regie, vo) == []
    assert aantal_acties(gebruiker=regie, omgeving=vo) == 0


def test_wie_geen_lid_meer_is_krijgt_geen_acties(po, hulpvraag, aanpak, regie):
    Lidmaatschap.objects.filter(gebruiker=regie).update(actief=False)

    assert soorten(regie, po, "aanpak_bevestigen") == []
    assert aantal_acties(gebruiker=regie, omgeving=po, rollen={"regierolhouder"}) == 0


def test_oude_behandelaar_verliest_de_actie_met_de_toegang(
    po, hulpvraag, aanpak, ib, regie, regie2
):
    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie2)
    services.wijzig_aanpak(
        door=ib,
        aanpak=aanpak,
        titel=aanpak.titel,
        omschrijving=aanpak.omschrijving,
        startdatum=aanpak.startdatum,
        einddatum=aanpak.einddatum,
        behandelaar=regie2,
    )

    assert soorten(regie, po) == []
    assert soorten(regie2, po, "aanpak_bevestigen") != []


# --- Grouping, cap, count -----------------------------------------------------------------------


def maak_hulpvragen(aantal, *, po, ib, school, behandelaar):
    """`aantal` new hulpvragen of the school, each with an aanpak for `behandelaar`."""
    for i in range(aantal):
        leerling = LeerlingFactory(school=school, gecontroleerd_op=op(MAANDAG))
        hulpvraag = services.maak_hulpvraag(
            door=ib,
            omgeving=po,
            leerling=leerling,
            titel="Team Schoolondersteuning",
            omschrijving="",
            coordinator=behandelaar,
        )
        services.voeg_aanpak_toe(
            door=ib,
            hulpvraag=hulpvraag,
            titel=f"Aanpak {i}",
            omschrijving="Gesprekken.",
            startdatum=MAANDAG,
            einddatum=None,
            behandelaar=behandelaar,
        )


def test_per_soort_een_begrensd_aantal_met_het_totaal(po, ib, school, regie):
    maak_hulpvragen(3, po=po, ib=ib, school=school, behandelaar=regie)

    [groep] = groepen_voor(gebruiker=regie, omgeving=po, per_soort=2)

    assert groep.soort == "aanpak_bevestigen"
    assert groep.kop == "Nieuwe aanpak: bevestig de taak met GEAGENDEERD"
    assert [a.tekst.split("’")[0] for a in groep.acties] == [
        "Nieuwe aanpak ‘Aanpak 0",
        "Nieuwe aanpak ‘Aanpak 1",
    ]
    assert (groep.totaal, groep.meer) == (3, 1)
    assert aantal_acties(gebruiker=regie, omgeving=po) == 3


def test_te_laat_eerst_dan_op_datum_dan_per_soort(po, school, alleskunner, regie2, extern):
    maak_casussen(5, po=po, school=school, persoon=alleskunner, collega=regie2, extern=extern)

    acties = acties_voor(gebruiker=alleskunner, omgeving=po)

    assert [(a.soort, a.datum, a.te_laat) for a in acties] == [
        *[("gegevens_controleren", datetime.date(2026, 7, 7), True)] * 5,
        ("evaluatie_voorbij", datetime.date(2026, 11, 30), True),
        ("overlegronde_loopt_af", datetime.date(2026, 12, 8), False),
        ("aanpak_bevestigen", None, False),
        ("nieuwe_reacties", None, False),
        *[("nieuw_als_coordinator", None, False)] * 2,
        ("afronden", None, False),
        *[("formulier_invullen", None, False)] * 5,
    ]


# --- The start page and the menu ----------------------------------------------------------------


def test_startpagina_toont_mijn_acties_onder_koppen_met_links(client, po, hulpvraag, ronde, extern):
    client.force_login(extern)

    pagina = client.get("/").content.decode()

    assert '<h2 id="kop-mijn-acties">Mijn acties</h2>' in pagina
    assert "Overlegrondes waarvoor u bent uitgenodigd" in pagina
    assert (
        f'<a href="/hulpvragen/{hulpvraag.pk}/overlegronde/#ronde-{ronde.pk}">Overlegronde '
        "‘Meekijken gedrag’ bij het dossier van Daan Willemsen"
    ) in pagina
    assert "Reageren kan tot en met vrijdag 18 december 2026 (nog 11 dagen)" in pagina
    # What the start page showed before stays.
    assert "Uw rollen in deze omgeving" in pagina
    assert "Externe deelnemer bij" in pagina


def test_eigen_ronde_die_afloopt_zegt_open_tot_en_met(client, po, hulpvraag, ronde, regie):
    # One wording for a round's end date (issue 14): "tot en met <datum>", with the days left.
    with time_machine.travel(op(datetime.date(2026, 12, 17)), tick=False):
        client.force_login(regie)
        pagina = client.get("/").content.decode()

    assert "Uw overlegrondes die binnen 2 dagen aflopen" in pagina
    assert (
        f'<a href="/hulpvragen/{hulpvraag.pk}/overlegronde/#ronde-{ronde.pk}">Uw overlegronde '
        f"‘Meekijken gedrag’ bij het dossier van Daan Willemsen ({hulpvraag.nummer}): "
        "gereageerd 0 van 1 deelnemer.</a>"
    ) in pagina
    assert "Open tot en met vrijdag 18 december 2026 (nog 1 dag)" in pagina
    assert "Einddatum:" not in pagina
    assert "loopt af" not in pagina


def test_startpagina_zegt_het_als_er_niets_wacht(client, po, extern):
    client.force_login(extern)

    pagina = client.get("/").content.decode()

    assert "Er wacht nu niets op u." in pagina
    assert 'class="kk-teller"' not in pagina


def test_te_laat_staat_er_in_tekst(client, po, hulpvraag, leerling, ib):
    with time_machine.travel(op(datetime.date(2027, 6, 9)), tick=False):
        client.force_login(ib)
        pagina = client.get("/").content.decode()

    assert (
        "<strong>Te laat</strong> · Controle verlopen op dinsdag 8 juni 2027 (1 dag geleden)"
        in (pagina)
    )


def test_menu_telt_de_acties_op_elke_pagina(client, po, ib, school, regie):
    maak_hulpvragen(3, po=po, ib=ib, school=school, behandelaar=regie)
    client.force_login(regie)

    pagina = client.get(reverse("hulpvragen:lijst")).content.decode()

    assert (
        'Start <span class="kk-teller">3<span class="kk-visueel-verborgen"> acties</span></span>'
    ) in pagina


TELLER = 'Start <span class="kk-teller">{}<span class="kk-visueel-verborgen"> acties</span></span>'


def test_menu_houdt_de_telling_een_minuut_vast(
    client, po, ib, school, regie, django_assert_num_queries
):
    maak_hulpvragen(3, po=po, ib=ib, school=school, behandelaar=regie)
    client.force_login(regie)
    lijst = reverse("notificaties:meldingen")
    assert TELLER.format(3) in client.get(lijst).content.decode()
    with CaptureQueriesContext(connection) as eerst:
        client.get(lijst)

    # Someone else gives the regierolhouder a fourth: the menu keeps the count it had, without
    # counting again, for a minute.
    maak_hulpvragen(1, po=po, ib=ib, school=school, behandelaar=regie)
    with CaptureQueriesContext(connection) as daarna:
        pagina = client.get(lijst).content.decode()
    assert TELLER.format(3) in pagina
    assert len(daarna) == len(eerst)
    assert not [q for q in daarna.captured_queries if q["sql"].startswith("SELECT (SELECT COUNT(")]

    with time_machine.travel(op(MAANDAG) + datetime.timedelta(seconds=61), tick=False):
        assert TELLER.format(4) in client.get(lijst).content.decode()


def test_de_startpagina_telt_altijd_opnieuw(client, po, ib, school, regie):
    maak_hulpvragen(3, po=po, ib=ib, school=school, behandelaar=regie)
    client.force_login(regie)
    client.get(reverse("notificaties:meldingen"))
    maak_hulpvragen(1, po=po, ib=ib, school=school, behandelaar=regie)

    assert TELLER.format(4) in client.get("/").content.decode()
    # …and the pages after it take that count.
    assert TELLER.format(4) in client.get(reverse("notificaties:meldingen")).content.decode()


def test_na_een_eigen_wijziging_telt_het_menu_opnieuw(client, po, ib, school, regie):
    maak_hulpvragen(3, po=po, ib=ib, school=school, behandelaar=regie)
    client.force_login(regie)
    client.get(reverse("notificaties:meldingen"))
    maak_hulpvragen(1, po=po, ib=ib, school=school, behandelaar=regie)

    client.post(reverse("notificaties:alles_gelezen"))

    assert TELLER.format(4) in client.get(reverse("notificaties:meldingen")).content.decode()


def test_startpagina_telt_de_acties_zonder_eigen_query(client, po, ib, school, regie):
    maak_hulpvragen(1, po=po, ib=ib, school=school, behandelaar=regie)
    client.force_login(regie)

    pagina = client.get("/").content.decode()

    assert (
        'Start <span class="kk-teller">1<span class="kk-visueel-verborgen"> actie</span></span>'
    ) in pagina


# --- A constant number of queries ---------------------------------------------------------------


@pytest.fixture
def alleskunner(po, school, maak_lid):
    """One person who is IB/COO of the school, schakelfunctionaris and regierolhouder: every
    kind of item is read for them."""
    persoon = maak_lid(po, "ib_coo", organisatie=school, voornaam="Alex", achternaam="Al")
    maak_lid(po, "schakelfunctionaris_verbinding", gebruiker=persoon)
    maak_lid(po, "regierolhouder", gebruiker=persoon)
    return persoon


def maak_casussen(aantal, *, po, school, persoon, collega, extern, start=0):
    """Cases of every kind for `persoon`: new, with an aanpak to confirm, in evaluation past its
    date, RETOUR NAAR SCHAKELTEAM, with a round of theirs that ends soon and a reactie in it,
    and a round of a colleague they were invited to."""
    for i in range(start, start + aantal):
        leerling = LeerlingFactory(school=school, gecontroleerd_op=op(MAANDAG))
        hulpvraag = services.maak_hulpvraag(
            door=persoon,
            omgeving=po,
            leerling=leerling,
            titel="Team Schoolondersteuning",
            omschrijving="",
            coordinator=persoon,
        )
        # Checked when the hulpvraag was made; that check has lapsed since (183 days).
        Leerling.objects.filter(pk=leerling.pk).update(
            gecontroleerd_op=op(datetime.date(2026, 1, 5))
        )
        soort = i % 5
        if soort == 0:
            continue
        services.voeg_aanpak_toe(
            door=persoon,
            hulpvraag=hulpvraag,
            titel=f"Aanpak {i}",
            omschrijving="Gesprekken.",
            startdatum=datetime.date(2026, 11, 2),
            einddatum=datetime.date(2026, 11, 30),
            behandelaar=persoon,
        )
        if soort == 1:
            continue
        services.wijzig_status(door=persoon, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)
        if soort == 2:
            services.wijzig_status(
                door=persoon, hulpvraag=hulpvraag, naar=Status.TUSSENTIJDSE_EVALUATIE
            )
        elif soort == 3:
            services.wijzig_status(
                door=persoon, hulpvraag=hulpvraag, naar=Status.RETOUR_NAAR_SCHAKELTEAM
            )
        else:
            ronde = overleg_services.maak_overlegronde(
                door=persoon,
                hulpvraag=hulpvraag,
                titel=f"Ronde {i}",
                omschrijving="Meekijken.",
                einddatum=datetime.date(2026, 12, 8),
                deelnemers=[extern, collega],
            )
            overleg_services.plaats_reactie(door=extern, overlegronde=ronde, tekst="Gezien.")


def test_startpagina_kost_evenveel_queries_bij_2_als_bij_40_casussen(
    client, po, school, alleskunner, regie2, extern
):
    client.force_login(alleskunner)

    maak_casussen(5, po=po, school=school, persoon=alleskunner, collega=regie2, extern=extern)
    client.get("/")
    with CaptureQueriesContext(connection) as weinig:
        klein = client.get("/").content.decode()

    maak_casussen(
        35, po=po, school=school, persoon=alleskunner, collega=regie2, extern=extern, start=5
    )
    with CaptureQueriesContext(connection) as veel:
        groot = client.get("/").content.decode()

    # Every kind was read and shown at both sizes; the page was capped at PER_SOORT per kind.
    for kop in (
        "Uw overlegrondes die binnen 2 dagen aflopen",
        "TUSSENTIJDSE EVALUATIE: de evaluatiedatum is voorbij",
        "Nieuwe aanpak: bevestig de taak met GEAGENDEERD",
        "Nieuwe reacties bij een overlegronde",
        "Nieuwe hulpvragen waarvan u coördinator bent",
        "Af te sluiten: RETOUR NAAR SCHAKELTEAM",
        "Formulieren nog in te vullen",
    ):
        assert kop in klein and kop in groot
    assert "En nog 20 die hier niet staan" in groot
    assert len(veel) == len(weinig)


def test_aantal_acties_is_een_query(
    po, school, alleskunner, regie2, extern, django_assert_num_queries
):
    maak_casussen(10, po=po, school=school, persoon=alleskunner, collega=regie2, extern=extern)
    rollen = {"ib_coo", "schakelfunctionaris_verbinding", "regierolhouder"}
    totaal = sum(g.totaal for g in groepen_voor(gebruiker=alleskunner, omgeving=po, rollen=rollen))

    with django_assert_num_queries(1):
        assert aantal_acties(gebruiker=alleskunner, omgeving=po, rollen=rollen) == totaal


def test_aanpak_bevestigen_toont_de_termijn_en_te_laat(
    client, po, ib, school, regie, django_capture_on_commit_callbacks
):
    # Made on Monday 7 December: 5 school days to confirm, so until Monday 14 December (the
    # termijn is stored after the commit, werk.signals).
    with django_capture_on_commit_callbacks(execute=True):
        maak_hulpvragen(1, po=po, ib=ib, school=school, behandelaar=regie)
    client.force_login(regie)

    pagina = client.get("/").content.decode()
    assert "Uiterlijk maandag 14 december 2026 (nog 7 dagen)" in pagina
    assert "<strong>Te laat</strong>" not in pagina

    with time_machine.travel(op(datetime.date(2026, 12, 15)), tick=False):
        (actie,) = acties_voor(gebruiker=regie, omgeving=po)
        client.force_login(regie)  # a week later: a new session
        pagina = client.get("/").content.decode()
    assert (actie.soort, actie.datum, actie.te_laat) == (
        "aanpak_bevestigen",
        datetime.date(2026, 12, 14),
        True,
    )
    assert "<strong>Te laat</strong> · Uiterlijk maandag 14 december 2026 (1 dag geleden)" in pagina


def test_tellen_stopt_boven_de_grens(client, po, ib, school, regie, monkeypatch):
    # Counted up to GETELD_TOT + 1 per kind: with a limit of 2, four aanpakken read as "2+".
    monkeypatch.setattr("werk.acties.GETELD_TOT", 2)
    monkeypatch.setattr("werk.acties.PER_SOORT", 1)
    maak_hulpvragen(4, po=po, ib=ib, school=school, behandelaar=regie)
    client.force_login(regie)

    pagina = client.get("/").content.decode()

    assert aantal_acties(gebruiker=regie, omgeving=po) == 3
    assert 'Start <span class="kk-teller">2+<span class="kk-visueel-verborgen"> acties' in pagina
    assert (
        'GEAGENDEERD <span class="kk-teller">2+<span class="kk-visueel-verborgen"> acties' in pagina
    )
    assert "En nog meer dan 1 die hier niet staan" in pagina


# Nothing listens on port 1: every cache call fails at once, as with Redis down.
CACHE_ONBEREIKBAAR = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_menu_telt_ook_als_de_cache_onbereikbaar_is(client, po, ib, school, regie, settings):
    # The count is kept only to be faster: without Redis every page still answers, counted now.
    maak_hulpvragen(3, po=po, ib=ib, school=school, behandelaar=regie)
    client.force_login(regie)
    settings.CACHES = CACHE_ONBEREIKBAAR

    lijst = client.get(reverse("hulpvragen:lijst"))
    start = client.get(reverse("start"))

    assert lijst.status_code == start.status_code == 200
    assert TELLER.format(3) in lijst.content.decode()
    assert TELLER.format(3) in start.content.decode()

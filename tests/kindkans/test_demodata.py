import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import Gebruiker, Lidmaatschap, Omgeving, Organisatie
from formulieren.models import Formulier, FormulierDefinitie, FormulierWijziging
from hulpvragen import toegang
from hulpvragen.models import Aanpak, Hulpvraag, HulpvraagRecht, StatusWijziging
from hulpvragen.workflow import Status
from kindkans.management.commands.demodata import (
    AANPAK,
    CASUSSEN,
    HISTORIE,
    MET_RONDE,
    TE_LAAT,
    plan_casus,
)
from leerlingen.models import Leerling
from notificaties.models import Notificatie
from overleg.models import Deelname, Overlegronde, Reactie
from overzicht import selectors as overzicht
from werk.acties import acties_voor
from werk.schooldagen import schooldagen_na
from werk.termijnen import AANPAK_BEVESTIGEN, termijn_van

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _ontwikkelomgeving(settings):
    # pytest-django runs with DEBUG off; the command is meant for the embedded default.
    settings.DEBUG = True


MODELLEN = [
    Omgeving,
    Organisatie,
    Gebruiker,
    Lidmaatschap,
    Leerling,
    Hulpvraag,
    StatusWijziging,
    Aanpak,
    HulpvraagRecht,
    Notificatie,
    FormulierDefinitie,
    Formulier,
    FormulierWijziging,
    Overlegronde,
    Deelname,
    Reactie,
]


def momentopname():
    return {
        model.__name__: sorted(
            tuple(
                sorted((k, str(v)) for k, v in rij.items() if k not in {"password", "last_login"})
            )
            for rij in model.objects.values()
        )
        for model in MODELLEN
    }


def aantallen():
    return {model.__name__: model.objects.count() for model in MODELLEN}


def test_demodata_twee_keer_geeft_dezelfde_rijen():
    call_command("demodata")
    eerste, aantal = momentopname(), aantallen()
    call_command("demodata")

    assert aantallen() == aantal
    assert momentopname() == eerste
    assert {o.code for o in Omgeving.objects.all()} == {"PO2811", "VO2805"}


def test_demodata_heeft_een_account_per_rol_en_iemand_in_beide_omgevingen():
    call_command("demodata")

    rollen = set(Lidmaatschap.objects.values_list("omgeving__code", "rol"))
    for rol in ("ib_coo", "schakelfunctionaris_verbinding", "regierolhouder", "externe_deelnemer"):
        assert ("PO2811", rol) in rollen
    assert ("PO2811", "beheerder") in rollen
    assert ("VO2805", "beheerder") in rollen
    beide = Gebruiker.objects.get(email="beide@demo.test")
    assert set(beide.lidmaatschappen.values_list("omgeving__code", flat=True)) == {
        "PO2811",
        "VO2805",
    }
    assert Gebruiker.objects.get(email="admin@demo.test").is_superuser
    assert Gebruiker.objects.get(email="beheer.po@demo.test").is_staff
    assert Gebruiker.objects.get(email="ib@demo.test").check_password("kindkans-demo")
    regierol = Lidmaatschap.objects.filter(rol="regierolhouder", omgeving__code="PO2811")
    assert {lid.organisatie.soort for lid in regierol} >= {"cjg", "smw"}
    assert Leerling.objects.filter(gecontroleerd_op__isnull=True).exists()
    daan = Hulpvraag.objects.get(leerling__voornaam="Daan")
    assert daan.status == "geagendeerd"
    assert daan.aanpakken.get().behandelaar.email == "cjg@demo.test"
    emma = Hulpvraag.objects.get(leerling__voornaam="Emma")
    assert (emma.status, emma.coordinator.email, emma.aanpakken.count()) == (
        "aangemeld",
        "beide@demo.test",
        0,
    )
    assert FormulierDefinitie.objects.filter(omgeving__code="PO2811").count() == 2


def test_demodata_weigert_in_productie(settings):
    settings.DEBUG = False
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="hoort niet in productie"):
        call_command("demodata")


# --- Mijn werk: something on every screen (issue 15) --------------------------------------------


def persoon(email):
    return Gebruiker.objects.get(email=email)


def omgeving(code="PO2811"):
    return Omgeving.objects.get(code=code)


def van_soort(email, soort, code="PO2811"):
    acties = acties_voor(gebruiker=persoon(email), omgeving=omgeving(code))
    return [actie for actie in acties if actie.soort == soort]


def hulpvraag_van(casus):
    voornaam, _, achternaam, geboren, _ = casus.leerling
    return Hulpvraag.objects.get(
        leerling__voornaam=voornaam,
        leerling__achternaam=achternaam,
        leerling__geboortedatum=geboren,
    )


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """demodata once for the tests of a class, rolled back after them (each test runs in a
    savepoint of this transaction); the moment it started."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        begin = timezone.now()
        call_command("demodata")
        yield begin
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo")
class TestNaDemodata:
    def test_rik_heeft_een_aanpak_die_te_laat_is(self):
        vandaag = timezone.localdate()

        [actie] = van_soort("cjg@demo.test", "aanpak_bevestigen")
        assert actie.te_laat
        hulpvraag = hulpvraag_van(TE_LAAT)
        assert actie.url.startswith(f"/hulpvragen/{hulpvraag.pk}/aanpak/")
        assert hulpvraag.omgeving.code == "PO2811"
        assert hulpvraag.status == Status.AANGEMELD
        aanpak = hulpvraag.aanpakken.get()
        assert aanpak.behandelaar.email == "cjg@demo.test"
        # Added more than 5 school days ago; the stored termijn (the list's "Te laat") has passed.
        assert schooldagen_na(timezone.localdate(aanpak.aangemaakt_op), 5) < vandaag
        assert hulpvraag.termijn is not None and hulpvraag.termijn < vandaag
        termijn = termijn_van(hulpvraag)
        assert (termijn.stap, termijn.persoon_id, termijn.te_laat) == (
            AANPAK_BEVESTIGEN,
            aanpak.behandelaar_id,
            True,
        )
        assert termijn.datum == hulpvraag.termijn
        # The only overdue one: the rest of the demo keeps to its termijnen.
        assert list(Hulpvraag.objects.filter(termijn__lt=vandaag)) == [hulpvraag]

    def test_ib_er_heeft_een_hulpvraag_af_te_ronden(self):
        [actie] = van_soort("ib@demo.test", "afronden")
        hulpvraag = Hulpvraag.objects.get(status=Status.RETOUR_NAAR_SCHAKELTEAM)
        assert hulpvraag.leerling.school.naam == "OBS De Regenboog"
        assert actie.url == f"/hulpvragen/{hulpvraag.pk}/#kop-status-wijzigen"
        laatste = hulpvraag.statuswijzigingen.order_by("-op").first()
        assert laatste.naar == Status.RETOUR_NAAR_SCHAKELTEAM
        assert laatste.door.email == "smw@demo.test"
        assert laatste.op < timezone.now()

    def test_eva_kan_reageren_tot_morgen_en_de_maker_ziet_de_ronde_aflopen(self):
        morgen = timezone.localdate() + datetime.timedelta(days=1)

        [actie] = van_soort("extern@demo.test", "overlegronde_reageren")
        assert (actie.datum, actie.resterend) == (morgen, "nog 1 dag")
        ronde = Overlegronde.objects.get(einddatum=morgen)
        assert ronde.hulpvraag == hulpvraag_van(MET_RONDE)
        assert ronde.is_open()
        assert not ronde.reacties.filter(auteur__email="extern@demo.test").exists()
        assert timezone.localdate(ronde.aangemaakt_op) == morgen - datetime.timedelta(days=2)
        maker = ronde.aangemaakt_door
        assert maker.lidmaatschappen.filter(rol="regierolhouder", omgeving__code="PO2811").exists()
        [loopt_af] = van_soort(maker.email, "overlegronde_loopt_af")
        assert loopt_af.datum == morgen

    def test_elke_rol_ziet_iets_op_de_startpagina(self):
        soorten = {
            (email, code): {
                a.soort for a in acties_voor(gebruiker=persoon(email), omgeving=omgeving(code))
            }
            for email, code in [
                ("ib@demo.test", "PO2811"),
                ("coo@demo.test", "VO2805"),
                ("schakel@demo.test", "PO2811"),
                ("cjg@demo.test", "PO2811"),
                ("smw@demo.test", "PO2811"),
                ("extern@demo.test", "PO2811"),
                ("beide@demo.test", "PO2811"),
                ("beide@demo.test", "VO2805"),
                ("smw.vo@demo.test", "VO2805"),
            ]
        }

        # At least these (a new kind of action may add to them).
        verwacht = {
            ("ib@demo.test", "PO2811"): {"afronden", "formulier_invullen", "gegevens_controleren"},
            ("coo@demo.test", "VO2805"): {"formulier_invullen"},
            ("schakel@demo.test", "PO2811"): {"nieuw_als_coordinator"},
            ("cjg@demo.test", "PO2811"): {"aanpak_bevestigen"},
            ("smw@demo.test", "PO2811"): {"overlegronde_loopt_af", "nieuwe_reacties"},
            ("extern@demo.test", "PO2811"): {"overlegronde_reageren"},
            ("beide@demo.test", "PO2811"): {"evaluatie_voorbij"},
            ("beide@demo.test", "VO2805"): {"nieuw_als_coordinator"},
            ("smw.vo@demo.test", "VO2805"): {"aanpak_bevestigen"},
        }
        assert soorten.keys() == verwacht.keys()
        for rol, soort in verwacht.items():
            assert soort <= soorten[rol], rol

    def test_overzicht_heeft_een_geschiedenis_over_twee_schooljaren(self):
        po = omgeving()
        jaar = overzicht.schooljaar_van(timezone.localdate())

        maanden = {
            maand: aantal
            for schooljaar in (jaar - 1, jaar)
            for maand, aantal in overzicht.aanmeldingen_per_maand(po, schooljaar).items()
        }
        assert len([aantal for aantal in maanden.values() if aantal]) >= 6
        vorig_jaar = {d.naar: d for d in overzicht.doorlooptijden(po, jaar - 1)}
        assert vorig_jaar[Status.GEAGENDEERD].mediaan is not None
        assert vorig_jaar[Status.GEAGENDEERD].p90 > vorig_jaar[Status.GEAGENDEERD].mediaan
        assert vorig_jaar[Status.AFGEROND].mediaan > vorig_jaar[Status.GEAGENDEERD].mediaan
        scholen = overzicht.per_school_en_status(po, jaar - 1) + overzicht.per_school_en_status(
            po, jaar
        )
        assert {school.naam for school in scholen} == {
            "OBS De Regenboog",
            "CBS Het Anker",
            "De Springplank",
        }
        statussen = {status for school in scholen for status, n in school.per_status.items() if n}
        assert statussen == set(Status)
        assert Hulpvraag.objects.filter(omgeving=po).count() - 1 == len(HISTORIE) + 4  # and Daan

    def test_de_geschiedenis_is_gemaakt_zoals_gebruikers_het_doen(self, demo):
        begin = demo

        for hulpvraag in Hulpvraag.objects.exclude(leerling__voornaam__in=["Daan", "Emma"]):
            wijzigingen = list(hulpvraag.statuswijzigingen.order_by("op", "pk"))
            assert wijzigingen[0].naar == Status.AANGEMELD
            assert wijzigingen[0].op == hulpvraag.aangemaakt_op
            assert [w.op for w in wijzigingen] == sorted({w.op for w in wijzigingen})
            assert wijzigingen[-1].naar == hulpvraag.status
            assert hulpvraag.gewijzigd_op < begin
            assert hulpvraag.aangemaakt_op < hulpvraag.formulieren.get().aangemaakt_op < begin
            assert hulpvraag.leerling.aangemaakt_op < hulpvraag.aangemaakt_op
            for aanpak in hulpvraag.aanpakken.all():
                assert hulpvraag.aangemaakt_op < aanpak.aangemaakt_op < begin
                if hulpvraag.omgeving.code == "PO2811":
                    assert aanpak.behandelaar == hulpvraag.coordinator
        # The mails of the past went out then; only those of Daan and Emma wait to be sent now.
        verleden = Notificatie.objects.filter(aangemaakt_op__lt=begin)
        assert verleden.count() > 100
        assert not verleden.exclude(status=Notificatie.Status.VERSTUURD).exists()
        assert not verleden.filter(verstuurd_op__gte=begin).exists()

    def test_de_rechten_volgen_uit_de_relaties(self):
        # A full recompute finds nothing to change: moving the dates moved no access.
        assert toegang.synchroniseer_toegang_van(Hulpvraag.objects.all()) == (0, 0, 0)
        eva = persoon("extern@demo.test")
        zichtbaar = toegang.met_recht(Hulpvraag.objects.all(), eva, toegang.ZIEN)
        assert list(zichtbaar) == [hulpvraag_van(MET_RONDE)]


@pytest.mark.parametrize(
    "dag",
    [
        datetime.date(2026, 12, 28),  # the Monday after Christmas (25 and 26 December)
        datetime.date(2027, 8, 1),  # a Sunday, the first day of a schooljaar
    ],
)
def test_op_elke_dag_is_de_aanpak_te_laat_en_loopt_de_ronde_morgen_af(dag):
    moment = datetime.datetime.combine(
        dag, datetime.time(7, 5), tzinfo=timezone.get_current_timezone()
    )
    with time_machine.travel(moment, tick=False):
        call_command("demodata")

        [aanpak] = van_soort("cjg@demo.test", "aanpak_bevestigen")
        [reageren] = van_soort("extern@demo.test", "overlegronde_reageren")
    assert aanpak.te_laat
    assert reageren.datum == dag + datetime.timedelta(days=1)
    assert not Hulpvraag.objects.filter(aangemaakt_op__gte=moment).exclude(
        leerling__voornaam__in=["Daan", "Emma"]
    )


def test_een_afgelopen_ronde_komt_terug_bij_de_volgende_demodata():
    call_command("demodata")
    over_een_week = timezone.now() + datetime.timedelta(days=7)

    with time_machine.travel(over_een_week, tick=False):
        assert van_soort("extern@demo.test", "overlegronde_reageren") == []
        call_command("demodata")
        [actie] = van_soort("extern@demo.test", "overlegronde_reageren")
        assert actie.resterend == "nog 1 dag"
        rondes = Overlegronde.objects.count()
        call_command("demodata")
        assert Overlegronde.objects.count() == rondes == 2


def dagen(begin, einde, stap=1):
    dag = begin
    while dag <= einde:
        yield dag
        dag += datetime.timedelta(days=stap)


def test_het_plan_ligt_op_elke_dag_in_het_verleden():
    """The dates the command would give, without running it, on every day around Christmas
    and around the start of a schooljaar, and on every 11th day of three years."""
    for vandaag in [
        *dagen(datetime.date(2026, 12, 14), datetime.date(2027, 1, 10)),
        *dagen(datetime.date(2027, 7, 20), datetime.date(2027, 8, 10)),
        *dagen(datetime.date(2026, 1, 1), datetime.date(2028, 12, 31), stap=11),
    ]:
        for casus in CASUSSEN:
            datums = [dag for _, dag in plan_casus(casus, vandaag, aanpak_bevestigen=5)]
            assert datums == sorted(set(datums)), (vandaag, casus.leerling)
            assert datums[-1] < vandaag, (vandaag, casus.leerling)
        aanpak = dict(plan_casus(TE_LAAT, vandaag, aanpak_bevestigen=5))[AANPAK]
        assert schooldagen_na(aanpak, 5) < vandaag, vandaag
        # The aanmeldingen of the history cover most months of this and the previous schooljaar.
        begin = datetime.date(overzicht.schooljaar_van(vandaag) - 1, 8, 1)
        aanmeldingen = [plan_casus(casus, vandaag, 5)[0][1] for casus in HISTORIE]
        assert len({dag.replace(day=1) for dag in aanmeldingen if dag >= begin}) >= 10, vandaag

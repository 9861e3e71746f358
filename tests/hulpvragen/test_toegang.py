"""Access follows the relations (DESIGN.md §4): toegang.synchroniseer_toegang recomputes the
rechten of a hulpvraag and writes only the difference; what reads them (rechten_op, the
selectors) refuses what has expired; nobody holds a model-wide permission."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Gebruiker
from hulpvragen import services, toegang
from hulpvragen.models import HulpvraagRecht
from hulpvragen.selectors import hulpvraag_detail, zichtbare_hulpvragen
from hulpvragen.workflow import Status
from leerlingen import services as leerling_services
from tests.factories import HulpvraagFactory, LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GEEN = frozenset()


def op(dag, uur=12):
    """A moment on a given date in Europe/Amsterdam."""
    return datetime.datetime.combine(dag, datetime.time(uur), tzinfo=AMSTERDAM)


def rijen(hulpvraag):
    """The guardian rows of a hulpvraag: {(gebruiker_id, recht): (pk, geldig_tot)}."""
    return {
        (r.user_id, r.permission.codename): (r.pk, r.geldig_tot)
        for r in HulpvraagRecht.objects.filter(content_object=hulpvraag).select_related(
            "permission"
        )
    }


def zet_uit(persoon):
    """The beheerder switches off the person's lidmaatschap (in the admin: a save)."""
    lidmaatschap = persoon.lidmaatschappen.get()
    lidmaatschap.actief = False
    lidmaatschap.save()
    return lidmaatschap


# --- Only the difference ------------------------------------------------------------------------


def test_tweede_berekening_schrijft_niets(behandeld):
    voor = rijen(behandeld)

    assert toegang.synchroniseer_toegang(behandeld) == (0, 0, 0)
    assert rijen(behandeld) == voor


def test_alleen_het_verschil_wordt_geschreven(po, behandeld, maak_lid, registreer_relatie):
    extern = maak_lid(po, "externe_deelnemer")
    eind = timezone.localdate() + datetime.timedelta(days=7)
    relatie = registreer_relatie(behandeld, extern, geldig_tot=eind)
    voor = rijen(behandeld)

    assert toegang.synchroniseer_toegang(behandeld) == (2, 0, 0)
    na = rijen(behandeld)
    assert {k: v for k, v in na.items() if k in voor} == voor  # the others untouched
    assert {k: v[1] for k, v in na.items() if k not in voor} == {
        (extern.pk, toegang.ZIEN): eind,
        (extern.pk, toegang.REACTIE): eind,
    }

    relatie.geldig_tot = eind + datetime.timedelta(days=3)
    assert toegang.synchroniseer_toegang(behandeld) == (0, 0, 2)
    assert rijen(behandeld)[extern.pk, toegang.ZIEN][1] == relatie.geldig_tot

    relatie.actief = False
    assert toegang.synchroniseer_toegang(behandeld) == (0, 2, 0)
    assert rijen(behandeld) == voor
    assert toegang.synchroniseer_toegang(behandeld) == (0, 0, 0)


def test_een_recht_dat_niemand_meer_heeft_verdwijnt(behandeld, regie_vo):
    # A row that no relation explains (written by hand, or by an older version of the rules).
    HulpvraagRecht.objects.create(
        user=regie_vo,
        permission=Permission.objects.get(codename=toegang.ZIEN),
        content_object=behandeld,
    )

    assert toegang.synchroniseer_toegang(behandeld) == (0, 1, 0)
    assert toegang.rechten_op(regie_vo, behandeld) == GEEN


# --- Two reasons --------------------------------------------------------------------------------


def test_coordinator_die_ook_behandelaar_is_houdt_de_gedeelde_rechten(hulpvraag, ib, regie, regie2):
    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie)
    services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=hulpvraag,
        titel="Plan",
        omschrijving="Gesprekken",
        startdatum=timezone.localdate(),
        einddatum=None,
        behandelaar=regie,
    )
    assert toegang.rechten_op(regie, hulpvraag) == toegang.RECHTEN["coordinator"]

    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie2)

    assert toegang.rechten_op(regie, hulpvraag) == toegang.RECHTEN["behandelaar"]
    assert toegang.WIJZIGEN not in toegang.rechten_op(regie, hulpvraag)


def test_behandelaar_die_ook_coordinator_is_houdt_alles_als_de_aanpak_verhuist(
    behandeld, ib, regie, regie2
):
    aanpak = behandeld.aanpakken.get()
    services.wijzig_aanpak(
        door=ib,
        aanpak=aanpak,
        titel=aanpak.titel,
        omschrijving=aanpak.omschrijving,
        startdatum=aanpak.startdatum,
        einddatum=aanpak.einddatum,
        behandelaar=regie,
    )
    assert toegang.rechten_op(regie2, behandeld) == GEEN

    services.wijzig_aanpak(
        door=ib,
        aanpak=aanpak,
        titel=aanpak.titel,
        omschrijving=aanpak.omschrijving,
        startdatum=aanpak.startdatum,
        einddatum=aanpak.einddatum,
        behandelaar=regie2,
    )

    assert toegang.rechten_op(regie, behandeld) == toegang.RECHTEN["coordinator"]
    assert toegang.rechten_op(regie2, behandeld) == toegang.RECHTEN["behandelaar"]


def test_blijvende_reden_wint_van_een_tijdelijke(behandeld, regie2, registreer_relatie):
    vandaag = timezone.localdate()
    eind = vandaag + datetime.timedelta(days=5)
    registreer_relatie(behandeld, regie2, geldig_tot=eind)  # also invited to a round

    toegang.synchroniseer_toegang(behandeld)

    eigen = {recht: tot for (wie, recht), (_, tot) in rijen(behandeld).items() if wie == regie2.pk}
    assert eigen[toegang.ZIEN] is None  # as behandelaar, lasting
    assert eigen[toegang.REACTIE] == eind  # only as deelnemer
    with time_machine.travel(op(eind + datetime.timedelta(days=1)), tick=False):
        assert toegang.rechten_op(regie2, behandeld) == toegang.RECHTEN["behandelaar"]


# --- The lidmaatschap ---------------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["regie", "regie2", "ib"])
def test_uitgezet_lidmaatschap_neemt_alle_rechten_meteen(
    request, po, behandeld, coo, wie, django_capture_on_commit_callbacks
):
    persoon = request.getfixturevalue(wie)
    assert toegang.rechten_op(persoon, behandeld)

    with django_capture_on_commit_callbacks() as na_commit:
        zet_uit(persoon)

    # Refused at once, before the rows are recomputed after the commit.
    assert HulpvraagRecht.objects.filter(user=persoon).exists()
    assert toegang.rechten_op(persoon, behandeld) == GEEN
    assert not zichtbare_hulpvragen(gebruiker=persoon, omgeving=po).exists()
    assert not hulpvraag_detail(gebruiker=persoon, omgeving=po).exists()
    # Then the rows follow (the Celery task; eager here).
    assert len(na_commit) == 1
    na_commit[0]()
    assert not HulpvraagRecht.objects.filter(user=persoon).exists()
    # The other IB/COO of the school is not affected.
    assert toegang.rechten_op(coo, behandeld) == toegang.RECHTEN["school"]
    assert toegang.synchroniseer_toegang(behandeld) == (0, 0, 0)


def test_verwijderd_lidmaatschap_neemt_alle_rechten(
    behandeld, regie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        regie.lidmaatschappen.get().delete()

    assert toegang.rechten_op(regie, behandeld) == GEEN
    assert not HulpvraagRecht.objects.filter(user=regie).exists()


def test_ib_coo_die_een_school_verlaat_en_lid_blijft_verliest_die_school_in_de_transactie(
    po, behandeld, ib, andere_school, maak, maak_lid, django_capture_on_commit_callbacks
):
    # Inge also works at the other school; her lidmaatschap at Daan's school is switched off.
    maak_lid(po, "ib_coo", organisatie=andere_school, gebruiker=ib)
    elders = maak(leerling=LeerlingFactory(school=andere_school, gecontroleerd_op=timezone.now()))
    oud = ib.lidmaatschappen.get(organisatie=behandeld.leerling.school)

    with django_capture_on_commit_callbacks() as na_commit:
        oud.actief = False
        oud.save()

    # She can still enter the omgeving, so the rows of the old school go before the commit.
    assert not HulpvraagRecht.objects.filter(user=ib, content_object=behandeld).exists()
    assert toegang.rechten_op(ib, behandeld) == GEEN
    assert list(zichtbare_hulpvragen(gebruiker=ib, omgeving=po)) == [elders]
    for terugbellen in na_commit:
        terugbellen()
    assert toegang.rechten_op(ib, elders) == toegang.RECHTEN["school"]
    assert toegang.synchroniseer_toegang(behandeld) == (0, 0, 0)


def test_weer_aangezet_lidmaatschap_van_de_ib_coo_geeft_de_rechten_terug(
    behandeld, ib, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lidmaatschap = zet_uit(ib)
    assert not HulpvraagRecht.objects.filter(user=ib).exists()

    with django_capture_on_commit_callbacks(execute=True):
        lidmaatschap.actief = True
        lidmaatschap.save()

    assert toegang.rechten_op(ib, behandeld) == toegang.RECHTEN["school"]


@pytest.mark.parametrize("wie", ["coordinator", "behandelaar", "deelnemer"])
def test_weer_aangezet_lidmaatschap_geeft_de_rechten_terug(
    po,
    behandeld,
    regie,
    regie2,
    maak_lid,
    registreer_relatie,
    wie,
    django_capture_on_commit_callbacks,
):
    if wie == "deelnemer":
        persoon = maak_lid(po, "externe_deelnemer")
        registreer_relatie(behandeld, persoon, geldig_tot=timezone.localdate())
        toegang.synchroniseer_toegang(behandeld)
    else:
        persoon = regie if wie == "coordinator" else regie2
    verwacht = toegang.rechten_op(persoon, behandeld)
    assert verwacht
    with django_capture_on_commit_callbacks(execute=True):
        lidmaatschap = zet_uit(persoon)
    assert toegang.rechten_op(persoon, behandeld) == GEEN
    assert not HulpvraagRecht.objects.filter(user=persoon).exists()

    with django_capture_on_commit_callbacks(execute=True):
        lidmaatschap.actief = True
        lidmaatschap.save()

    assert toegang.rechten_op(persoon, behandeld) == verwacht


def test_weer_aangezet_account_geeft_de_rechten_terug(
    behandeld, ib, regie, schakel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        regie.is_active = False
        regie.save()
    assert not HulpvraagRecht.objects.filter(user=regie).exists()
    # While the account is off, something else on the hulpvraag recomputes its access.
    services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=behandeld,
        titel="Tweede plan",
        omschrijving="Observatie",
        startdatum=timezone.localdate(),
        einddatum=None,
        behandelaar=schakel,
    )
    assert toegang.rechten_op(regie, behandeld) == GEEN

    with django_capture_on_commit_callbacks(execute=True):
        regie.is_active = True
        regie.save()

    assert toegang.rechten_op(regie, behandeld) == toegang.RECHTEN["coordinator"]


@pytest.mark.parametrize(
    "wijziging",
    [
        lambda persoon: setattr(persoon, "voornaam", "Rika"),
        lambda persoon: setattr(persoon, "last_login", timezone.now()),
    ],
    ids=["naam", "inlog"],
)
def test_een_nieuwe_naam_of_inlog_berekent_niets(
    regie, wijziging, django_capture_on_commit_callbacks
):
    wijziging(regie)
    with django_capture_on_commit_callbacks() as na_commit:
        regie.save()

    assert na_commit == []


def test_een_omgeving_die_een_nieuwe_naam_krijgt_berekent_niets(
    po, django_capture_on_commit_callbacks
):
    po.naam = "Goeree-Overflakkee PO"
    with django_capture_on_commit_callbacks() as na_commit:
        po.save()

    assert na_commit == []


def test_uitgezette_omgeving_weigert_meteen_en_de_rijen_volgen(
    po, behandeld, ib, regie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as na_commit:
        po.actief = False
        po.save()

    assert toegang.rechten_op(ib, behandeld) == GEEN
    assert not zichtbare_hulpvragen(gebruiker=regie, omgeving=po).exists()
    assert len(na_commit) == 1
    na_commit[0]()
    assert not HulpvraagRecht.objects.filter(content_object=behandeld).exists()

    with django_capture_on_commit_callbacks(execute=True):
        po.actief = True
        po.save()

    assert toegang.rechten_op(ib, behandeld) == toegang.RECHTEN["school"]
    assert toegang.rechten_op(regie, behandeld) == toegang.RECHTEN["coordinator"]


def test_wachtrij_onbereikbaar_berekent_meteen(
    behandeld, ib, monkeypatch, django_capture_on_commit_callbacks
):
    from hulpvragen import tasks

    def onbereikbaar(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(tasks.herbereken_toegang, "delay", onbereikbaar)
    with django_capture_on_commit_callbacks(execute=True):
        lidmaatschap = zet_uit(ib)
    assert not HulpvraagRecht.objects.filter(user=ib).exists()

    with django_capture_on_commit_callbacks(execute=True):
        lidmaatschap.actief = True
        lidmaatschap.save()

    assert toegang.rechten_op(ib, behandeld) == toegang.RECHTEN["school"]


def test_leerling_naar_een_andere_school_verhuist_de_toegang_van_de_school(
    po, behandeld, ib, coo, ib_andere_school, andere_school, maak_lid
):
    # Inge works at both schools and moves Daan; Chris only at the old, Anne only at the new.
    maak_lid(po, "ib_coo", organisatie=andere_school, gebruiker=ib)
    leerling = behandeld.leerling
    leerling.school = andere_school

    leerling_services.werk_leerling_bij(door=ib, omgeving=po, leerling=leerling)

    # In the same transaction, without waiting for a queue.
    assert toegang.rechten_op(ib, behandeld) == toegang.RECHTEN["school"]
    assert toegang.rechten_op(ib_andere_school, behandeld) == toegang.RECHTEN["school"]
    assert toegang.rechten_op(coo, behandeld) == GEEN
    assert toegang.synchroniseer_toegang(behandeld) == (0, 0, 0)


def test_later_toegevoegde_ib_coo_ziet_de_bestaande_hulpvragen_van_de_school(
    po, school, andere_school, behandeld, maak_lid, maak, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nieuw = maak_lid(po, "ib_coo", organisatie=school, voornaam="Lisa", achternaam="Smit")
        anders = maak_lid(po, "ib_coo", organisatie=andere_school)

    assert toegang.rechten_op(nieuw, behandeld) == toegang.RECHTEN["school"]
    assert list(zichtbare_hulpvragen(gebruiker=nieuw, omgeving=po)) == [behandeld]
    assert toegang.rechten_op(anders, behandeld) == GEEN
    # And what the school registers later, the new IB/COO sees as well.
    tweede = maak(leerling=LeerlingFactory(school=school, gecontroleerd_op=timezone.now()))
    assert set(zichtbare_hulpvragen(gebruiker=nieuw, omgeving=po)) == {behandeld, tweede}


def test_alleen_leden_van_de_omgeving_krijgen_rechten(behandeld, regie_vo, registreer_relatie):
    registreer_relatie(behandeld, regie_vo)

    assert toegang.synchroniseer_toegang(behandeld) == (0, 0, 0)
    assert toegang.rechten_op(regie_vo, behandeld) == GEEN


# --- Expired ------------------------------------------------------------------------------------


def test_bron_met_geldig_tot_in_het_verleden_geeft_geen_rechten(
    po, behandeld, maak_lid, registreer_relatie
):
    extern = maak_lid(po, "externe_deelnemer")
    registreer_relatie(
        behandeld, extern, geldig_tot=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert toegang.synchroniseer_toegang(behandeld) == (0, 0, 0)
    assert toegang.rechten_op(extern, behandeld) == GEEN


def test_bron_tot_en_met_vandaag_geeft_rechten(po, behandeld, maak_lid, registreer_relatie):
    extern = maak_lid(po, "externe_deelnemer")
    registreer_relatie(behandeld, extern, geldig_tot=timezone.localdate())

    toegang.synchroniseer_toegang(behandeld)

    assert toegang.rechten_op(extern, behandeld) == toegang.RECHTEN["deelnemer"]


def test_verlopen_rij_telt_niet_ook_als_de_beat_niet_liep(
    po, behandeld, maak_lid, registreer_relatie
):
    extern = maak_lid(po, "externe_deelnemer")
    registreer_relatie(behandeld, extern, geldig_tot=timezone.localdate())
    toegang.synchroniseer_toegang(behandeld)
    assert list(zichtbare_hulpvragen(gebruiker=extern, omgeving=po)) == [behandeld]

    # The round ended yesterday and nobody has tidied the rows yet.
    HulpvraagRecht.objects.filter(user=extern).update(
        geldig_tot=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert HulpvraagRecht.objects.filter(user=extern).count() == 2
    assert toegang.rechten_op(extern, behandeld) == GEEN
    assert not zichtbare_hulpvragen(gebruiker=extern, omgeving=po).exists()
    assert not hulpvraag_detail(gebruiker=extern, omgeving=po).filter(pk=behandeld.pk).exists()


def test_rechten_stoppen_na_de_einddatum_zonder_nieuwe_berekening(
    po, behandeld, maak_lid, registreer_relatie
):
    extern = maak_lid(po, "externe_deelnemer")
    eind = datetime.date(2026, 12, 13)
    with time_machine.travel(op(datetime.date(2026, 12, 1)), tick=False):
        registreer_relatie(behandeld, extern, geldig_tot=eind)
        toegang.synchroniseer_toegang(behandeld)

    with time_machine.travel(op(eind, 23), tick=False):
        assert toegang.rechten_op(extern, behandeld) == toegang.RECHTEN["deelnemer"]
    with time_machine.travel(op(eind + datetime.timedelta(days=1), 0), tick=False):
        assert toegang.rechten_op(extern, behandeld) == GEEN
        assert not zichtbare_hulpvragen(gebruiker=extern, omgeving=po).exists()
        # The sweep then makes the rows agree, and a recompute has nothing left to do.
        assert toegang.ruim_verlopen_rechten_op() == 2
        assert toegang.synchroniseer_toegang(behandeld) == (0, 0, 0)


# --- What the selectors return ------------------------------------------------------------------


def test_nooit_een_hulpvraag_van_een_andere_omgeving(po, vo, behandeld, regie, maak_lid):
    # Rik works in both omgevingen, and coördinates a hulpvraag in each.
    maak_lid(vo, "regierolhouder", gebruiker=regie)
    in_vo = HulpvraagFactory(
        leerling=LeerlingFactory(school=OrganisatieFactory(omgeving=vo)), coordinator=regie
    )
    toegang.synchroniseer_toegang(in_vo)

    assert list(zichtbare_hulpvragen(gebruiker=regie, omgeving=po)) == [behandeld]
    assert list(zichtbare_hulpvragen(gebruiker=regie, omgeving=vo)) == [in_vo]
    assert not hulpvraag_detail(gebruiker=regie, omgeving=po).filter(pk=in_vo.pk).exists()


def test_coordinator_zonder_lidmaatschap_in_die_omgeving_ziet_niets(vo, regie):
    in_vo = HulpvraagFactory(
        leerling=LeerlingFactory(school=OrganisatieFactory(omgeving=vo)), coordinator=regie
    )

    assert toegang.synchroniseer_toegang(in_vo) == (0, 0, 0)
    assert not zichtbare_hulpvragen(gebruiker=regie, omgeving=vo).exists()


def test_geen_hulpvraag_zonder_recht_om_te_bekijken(po, school, behandeld, regie, regie2, ib):
    anders = HulpvraagFactory(
        leerling=LeerlingFactory(school=school), coordinator=regie2, aangemaakt_door=ib
    )
    toegang.synchroniseer_toegang(anders)
    # Any other recht without view_hulpvraag does not make it visible.
    HulpvraagRecht.objects.create(
        user=regie,
        permission=Permission.objects.get(codename=toegang.STATUS),
        content_object=anders,
    )

    assert list(zichtbare_hulpvragen(gebruiker=regie, omgeving=po)) == [behandeld]
    assert set(zichtbare_hulpvragen(gebruiker=ib, omgeving=po)) == {behandeld, anders}


def test_niemand_heeft_een_modelbreed_recht(
    po, behandeld, ib, coo, regie, regie2, schakel, maak_lid, registreer_relatie, media
):
    extern = maak_lid(po, "externe_deelnemer")
    registreer_relatie(behandeld, extern, geldig_tot=timezone.localdate())
    toegang.synchroniseer_toegang(behandeld)
    services.wijzig_status(door=regie, hulpvraag=behandeld, naar=Status.GEAGENDEERD)
    services.voeg_bijlage_toe(
        door=regie2,
        hulpvraag=behandeld,
        bestand=SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    services.wijzig_status(door=regie, hulpvraag=behandeld, naar=Status.RETOUR_NAAR_SCHAKELTEAM)
    services.wijzig_status(door=ib, hulpvraag=behandeld, naar=Status.AFGEROND)
    zet_uit(regie2)

    assert Gebruiker.objects.count() >= 6
    assert not Permission.objects.filter(user__isnull=False).exists()
    assert not Group.objects.exists()
    for gebruiker in Gebruiker.objects.all():
        assert not gebruiker.user_permissions.exists(), gebruiker
        assert gebruiker.get_all_permissions() == set(), gebruiker
        for recht in toegang.ALLE_RECHTEN:
            assert not gebruiker.has_perm(f"hulpvragen.{recht}"), (gebruiker, recht)
    # While the object rechten are there, per hulpvraag.
    assert ib.has_perm(f"hulpvragen.{toegang.AFRONDEN}", behandeld)


def test_gewenste_rechten_zijn_wat_de_rijen_na_een_berekening_zeggen(
    po, behandeld, ib, regie, maak_lid, registreer_relatie
):
    extern = maak_lid(po, "externe_deelnemer")
    eind = timezone.localdate() + datetime.timedelta(days=3)
    registreer_relatie(behandeld, extern, geldig_tot=eind)
    toegang.synchroniseer_toegang(behandeld)

    gewenst = toegang.gewenste_rechten(behandeld)

    assert gewenst == {sleutel: tot for sleutel, (_, tot) in rijen(behandeld).items()}
    assert gewenst[extern.pk, "view_hulpvraag"] == eind  # a date, also on SQLite
    assert gewenst[extern.pk, "plaats_reactie"] == eind
    assert gewenst[ib.pk, "rond_af"] is None
    assert (regie.pk, "rond_af") not in gewenst

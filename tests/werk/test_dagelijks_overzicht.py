"""Dagelijks overzicht: one mail a day at the chosen hour instead of a mail per melding.

The digest holds the day's items (the meldingen that waited, the open acties) and is sent once
at the chosen hour; the Meldingen page keeps every melding at once either way.
"""

import datetime
import threading
import time

import pytest
import time_machine
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services as hulpvragen
from notificaties.catalogus import Soort, voorbeeld_context
from notificaties.models import MailSjabloon, Notificatie
from notificaties.services import (
    maak_dagelijks_overzicht,
    maak_notificatie,
    stel_meldingen_per_mail_in,
)
from notificaties.tasks import herstart_wachtende_notificaties
from tests.factories import LeerlingFactory, OrganisatieFactory
from werk.tasks import stuur_dagelijkse_overzichten


def om(dag, uur, minuut=0):
    """December 2026, `dag` at uur:minuut in Europe/Amsterdam (the portal's time zone)."""
    return datetime.datetime(2026, 12, dag, uur, minuut, tzinfo=timezone.get_default_timezone())


def reis(dag, uur, minuut=0):
    return time_machine.travel(om(dag, uur, minuut), tick=False)


@pytest.fixture
def school(po):
    return OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")


@pytest.fixture
def inge(po, school, maak_lid):
    """The IB/COO: mails at once (the default)."""
    return maak_lid(
        po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker", email="inge@x.nl"
    )


@pytest.fixture
def sanne(po, maak_lid):
    """The schakelfunctionaris, first coördinator of a new hulpvraag: one mail a day at 07:00."""
    persoon = maak_lid(
        po,
        "schakelfunctionaris_verbinding",
        voornaam="Sanne",
        achternaam="Visser",
        email="sanne@x.nl",
    )
    stel_meldingen_per_mail_in(door=persoon, meldingen_per_mail="dagelijks", overzicht_uur=7)
    return persoon


@pytest.fixture
def nieuwe_hulpvraag(po, school, inge, sanne, django_capture_on_commit_callbacks):
    """Inge makes a hulpvraag with Sanne as coördinator: Sanne gets a melding (and an actie)."""

    def maak(voornaam="Daan", achternaam="Willemsen"):
        leerling = LeerlingFactory(
            school=school, voornaam=voornaam, achternaam=achternaam, gecontroleerd_op=timezone.now()
        )
        with django_capture_on_commit_callbacks(execute=True):
            return hulpvragen.maak_hulpvraag(
                door=inge,
                omgeving=po,
                leerling=leerling,
                titel="Team Schoolondersteuning",
                omschrijving="",
                coordinator=sanne,
            )

    return maak


@pytest.fixture
def draai(django_capture_on_commit_callbacks):
    """The hourly task as beat starts it, and the sending after its commit."""

    def draai():
        with django_capture_on_commit_callbacks(execute=True):
            return stuur_dagelijkse_overzichten()

    return draai


def mails_aan(mailoutbox, persoon):
    return [mail for mail in mailoutbox if mail.to == [persoon.email]]


def melding(ontvanger, omgeving, soort=Soort.COORDINATOR_GEWIJZIGD, **context):
    with transaction.atomic():
        return maak_notificatie(
            ontvanger=ontvanger,
            omgeving=omgeving,
            soort=soort,
            context={**voorbeeld_context(soort), **context},
            pad="/hulpvragen/",
        )


@pytest.mark.django_db
def test_melding_staat_meteen_bij_meldingen_maar_wordt_niet_apart_gemaild(
    client, sanne, nieuwe_hulpvraag, mailoutbox, django_capture_on_commit_callbacks
):
    with reis(2, 14):
        nieuwe_hulpvraag()
    wachtend = Notificatie.objects.get(ontvanger=sanne)

    assert wachtend.onderwerp == "U bent coördinator van de hulpvraag van Daan Willemsen"
    assert wachtend.status == Notificatie.Status.WACHT_OP_OVERZICHT
    assert mails_aan(mailoutbox, sanne) == []
    client.force_login(sanne)
    html = client.get(reverse("notificaties:meldingen")).content.decode()
    assert "U bent coördinator van de hulpvraag van Daan Willemsen" in html
    assert "komt in uw dagelijks overzicht" in html
    assert "U krijgt één mail per dag met een overzicht, kort na 07:00." in html

    # The outbox's re-driver leaves it alone, also long after its turn.
    with reis(2, 18), django_capture_on_commit_callbacks(execute=True):
        assert herstart_wachtende_notificaties() == 0
    assert mails_aan(mailoutbox, sanne) == []


@pytest.mark.django_db
def test_het_overzicht_heeft_de_items_van_de_dag_en_gaat_een_keer_op_het_gekozen_uur(
    sanne, nieuwe_hulpvraag, draai, mailoutbox
):
    with reis(2, 14):
        hulpvraag = nieuwe_hulpvraag()
    wachtend = Notificatie.objects.get(ontvanger=sanne)

    with reis(3, 6, 5):
        assert draai() == 0
    assert mails_aan(mailoutbox, sanne) == []

    with reis(3, 7, 5):
        assert draai() == 1
    [mail] = mails_aan(mailoutbox, sanne)
    overzicht = Notificatie.objects.get(soort=Soort.DAGELIJKS_OVERZICHT)
    assert mail.subject == (
        "Dagelijks overzicht 3 december: 1 nieuwe melding, 1 openstaande actie "
        "(PO2811 Goeree-Overflakkee)"
    )
    # Everything that happened: the melding's onderwerp and its own link.
    assert (
        "Nieuwe meldingen (1):\n"
        "- U bent coördinator van de hulpvraag van Daan Willemsen\n"
        f"  {wachtend.link}\n" in mail.body
    )
    # Everything waiting: the open actie, through the overview's link to its omgeving.
    assert "Openstaande acties (1):\n- Nieuwe hulpvraag van Daan Willemsen" in mail.body
    assert f"  {overzicht.link}?naar=/hulpvragen/{hulpvraag.pk}/\n" in mail.body
    assert mail.body.startswith("Beste Sanne Visser,\n")
    assert f"onder Meldingen:\n{overzicht.link}\n" in mail.body
    assert overzicht.link == f"http://127.0.0.1:8000/meldingen/{overzicht.pk}/"
    assert overzicht.pad == "/meldingen/"
    overzicht.refresh_from_db()
    assert overzicht.status == Notificatie.Status.VERSTUURD
    assert overzicht.overzichtsdatum == datetime.date(2026, 12, 3)
    wachtend.refresh_from_db()
    assert wachtend.status == Notificatie.Status.IN_OVERZICHT
    assert wachtend.overzicht == overzicht

    # A second run in the same hour, a later hour the same day: nothing more.
    with reis(3, 7, 6):
        assert draai() == 0
    with reis(3, 8, 5):
        assert draai() == 0
    assert len(mails_aan(mailoutbox, sanne)) == 1


@pytest.mark.django_db
def test_niets_nieuw_en_niets_open_geen_overzicht(po, sanne, draai, mailoutbox):
    with reis(3, 7, 5):
        assert draai() == 0

    assert mailoutbox == []
    assert not Notificatie.objects.exists()


@pytest.mark.django_db
def test_volgende_dag_alleen_wat_er_sindsdien_bij_kwam(
    po, sanne, nieuwe_hulpvraag, draai, mailoutbox
):
    with reis(2, 14):
        melding(sanne, po, leerling_naam="Sem Bos")
    with reis(3, 7, 5):
        draai()
    with reis(3, 16):
        melding(sanne, po, leerling_naam="Lotte van Dijk")

    with reis(4, 7, 5):
        assert draai() == 1

    eerste, tweede = mails_aan(mailoutbox, sanne)
    assert "Sem Bos" in eerste.body and "Lotte van Dijk" not in eerste.body
    assert "Lotte van Dijk" in tweede.body and "Sem Bos" not in tweede.body
    assert tweede.subject.startswith("Dagelijks overzicht 4 december: 1 nieuwe melding, 0 ")


@pytest.mark.django_db
def test_wie_meteen_een_mail_wil_krijgt_die_meteen_zoals_altijd(
    po, inge, sanne, draai, mailoutbox, django_capture_on_commit_callbacks
):
    with reis(2, 14), django_capture_on_commit_callbacks(execute=True):
        verstuurd = melding(inge, po, leerling_naam="Sem Bos")

    [mail] = mailoutbox
    assert mail.to == ["inge@x.nl"]
    assert mail.subject == "U bent coördinator van de hulpvraag van Sem Bos"
    verstuurd.refresh_from_db()
    assert verstuurd.status == Notificatie.Status.VERSTUURD
    with reis(3, 7, 5):
        draai()
    assert len(mailoutbox) == 1
    assert not Notificatie.objects.filter(soort=Soort.DAGELIJKS_OVERZICHT).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("soort", "omgeving"),
    [(Soort.UITNODIGING, "po"), (Soort.WACHTWOORD_VERGETEN, None)],
)
def test_accountmails_gaan_ook_bij_een_mail_per_dag_meteen(
    request, sanne, soort, omgeving, mailoutbox, django_capture_on_commit_callbacks
):
    with reis(2, 14), django_capture_on_commit_callbacks(execute=True):
        notificatie = melding(sanne, omgeving and request.getfixturevalue(omgeving), soort=soort)

    [mail] = mailoutbox
    assert mail.to == ["sanne@x.nl"]
    assert (
        mail.subject
        == {
            Soort.UITNODIGING: "Uitnodiging voor Kindkans",
            Soort.WACHTWOORD_VERGETEN: "Nieuw wachtwoord instellen voor Kindkans",
        }[soort]
    )
    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.VERSTUURD


@pytest.mark.django_db
def test_gemist_uur_wordt_bij_de_volgende_run_ingehaald(po, sanne, draai, mailoutbox):
    # Beat (or every worker) was down at 07:05.
    with reis(2, 14):
        melding(sanne, po, leerling_naam="Sem Bos")

    with reis(3, 9, 5):
        assert draai() == 1

    [mail] = mails_aan(mailoutbox, sanne)
    assert "Sem Bos" in mail.body


@pytest.mark.django_db
def test_melding_na_het_uur_wacht_op_het_overzicht_van_morgen(po, sanne, draai, mailoutbox):
    with reis(3, 7, 5):
        assert draai() == 0  # nothing yet
    with reis(3, 7, 30):
        melding(sanne, po, leerling_naam="Sem Bos")

    with reis(3, 8, 5):
        assert draai() == 0
    with reis(4, 6, 5):
        assert draai() == 0
    with reis(4, 7, 5):
        assert draai() == 1

    [mail] = mails_aan(mailoutbox, sanne)
    assert mail.subject.startswith("Dagelijks overzicht 4 december")
    assert "Sem Bos" in mail.body


@pytest.mark.django_db
def test_een_overzicht_per_omgeving_met_de_link_naar_die_omgeving(
    client, po, vo, sanne, maak_lid, draai, mailoutbox
):
    maak_lid(vo, "regierolhouder", gebruiker=sanne)
    with reis(2, 14):
        melding(sanne, po, leerling_naam="Sem Bos")
        melding(sanne, vo, leerling_naam="Emma Koster")

    with reis(3, 7, 5):
        assert draai() == 2

    po_mail, vo_mail = sorted(mails_aan(mailoutbox, sanne), key=lambda mail: mail.subject)
    assert po_mail.subject.endswith("(PO2811 Goeree-Overflakkee)")
    assert "Sem Bos" in po_mail.body and "Emma Koster" not in po_mail.body
    assert vo_mail.subject.endswith("(VO2805 Goeree-Overflakkee)")
    assert "Emma Koster" in vo_mail.body and "Sem Bos" not in vo_mail.body
    vo_overzicht = Notificatie.objects.get(soort=Soort.DAGELIJKS_OVERZICHT, omgeving=vo)
    client.force_login(sanne)
    client.post(reverse("accounts:kies_omgeving"), {"omgeving": po.pk})

    response = client.get(reverse("notificaties:open", args=[vo_overzicht.pk]))

    assert response["Location"] == "/meldingen/"
    assert client.session["omgeving_id"] == vo.pk


@pytest.mark.django_db
def test_link_van_een_actie_gaat_via_het_overzicht_naar_de_pagina_in_de_omgeving(
    client, po, vo, sanne, maak_lid, nieuwe_hulpvraag, draai
):
    maak_lid(vo, "regierolhouder", gebruiker=sanne)
    with reis(2, 14):
        hulpvraag = nieuwe_hulpvraag()
    with reis(3, 7, 5):
        draai()
    overzicht = Notificatie.objects.get(soort=Soort.DAGELIJKS_OVERZICHT)
    client.force_login(sanne)
    client.post(reverse("accounts:kies_omgeving"), {"omgeving": vo.pk})
    pad = reverse("notificaties:open", args=[overzicht.pk])

    response = client.get(pad, {"naar": f"/hulpvragen/{hulpvraag.pk}/"})

    assert response["Location"] == f"/hulpvragen/{hulpvraag.pk}/"
    assert client.session["omgeving_id"] == po.pk
    # Only a path in the portal: never a link elsewhere.
    assert client.get(pad, {"naar": "https://elders.example/"}).status_code == 404
    assert client.get(pad, {"naar": "//elders.example/"}).status_code == 404
    # And only from an overview: an ordinary melding goes to its own page.
    gewoon = melding(sanne, po)
    response = client.get(reverse("notificaties:open", args=[gewoon.pk]), {"naar": "/leerlingen/"})
    assert response["Location"] == "/hulpvragen/"


@pytest.mark.django_db
def test_eigen_tekst_van_de_omgeving_voor_het_overzicht(po, sanne, draai, mailoutbox):
    sjabloon = MailSjabloon(
        omgeving=po,
        soort=Soort.DAGELIJKS_OVERZICHT,
        onderwerp="Uw {{ merknaam }}-overzicht van {{ datum|date:'j F' }}",
        tekst="Goedemorgen {{ ontvanger_naam }},\n\n{{ meldingen_lijst }}\n\n{{ acties_lijst }}\n"
        "{{ link }}",
    )
    sjabloon.full_clean()  # as the beheer checks it, against the example context
    sjabloon.save()
    with reis(2, 14):
        melding(sanne, po, leerling_naam="Sem Bos")

    with reis(3, 7, 5):
        draai()

    [mail] = mails_aan(mailoutbox, sanne)
    assert mail.subject == "Uw Kindkans-overzicht van 3 december"
    assert mail.body.startswith(
        "Goedemorgen Sanne Visser,\n\n- U bent coördinator van de hulpvraag van Sem Bos\n"
    )
    assert "Er staan geen acties voor u open." in mail.body


@pytest.mark.django_db
def test_een_lange_lijst_wordt_in_de_mail_ingekort_en_alles_gaat_mee(po, sanne, draai, mailoutbox):
    with reis(2, 14):
        for nummer in range(52):
            melding(sanne, po, leerling_naam=f"Kind {nummer:02d}")

    with reis(3, 7, 5):
        draai()

    [mail] = mails_aan(mailoutbox, sanne)
    assert mail.subject.startswith("Dagelijks overzicht 3 december: 52 nieuwe meldingen")
    assert "Kind 49" in mail.body and "Kind 50" not in mail.body
    assert "… en nog 2 meldingen: zie Meldingen in Kindkans." in mail.body
    assert not Notificatie.objects.filter(status=Notificatie.Status.WACHT_OP_OVERZICHT).exists()


@pytest.mark.django_db
def test_beheer_toont_dat_een_melding_op_het_overzicht_wacht_en_waarin_hij_ging(
    admin_client, po, sanne, draai
):
    with reis(2, 14):
        wachtend = melding(sanne, po)
    pagina = reverse("admin:notificaties_notificatie_change", args=[wachtend.pk])

    html = admin_client.get(pagina).content.decode()
    assert "wacht op het dagelijks overzicht" in html
    assert "Volgende poging op" not in html
    wacht = {"status": "wacht_op_overzicht"}
    lijst = admin_client.get(reverse("admin:notificaties_notificatie_changelist"), wacht)
    assert list(lijst.context["cl"].result_list) == [wachtend]

    with reis(3, 7, 5):
        draai()
    overzicht = Notificatie.objects.get(soort=Soort.DAGELIJKS_OVERZICHT)
    html = admin_client.get(pagina).content.decode()
    assert "in het dagelijks overzicht" in html
    assert reverse("admin:notificaties_notificatie_change", args=[overzicht.pk]) in html
    lijst = admin_client.get(reverse("admin:notificaties_notificatie_changelist"), wacht)
    assert list(lijst.context["cl"].result_list) == []


@pytest.mark.django_db
def test_opnieuw_versturen_in_het_beheer_laat_een_wachtende_melding_staan(
    admin_client, po, sanne, mailoutbox, django_capture_on_commit_callbacks
):
    with reis(2, 14):
        wachtend = melding(sanne, po)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:notificaties_notificatie_changelist"),
            {"action": "opnieuw_versturen", "_selected_action": [wachtend.pk]},
        )

    wachtend.refresh_from_db()
    assert wachtend.status == Notificatie.Status.WACHT_OP_OVERZICHT
    assert mailoutbox == []


# --- Two workers at once (PostgreSQL, each thread its own connection) ---------------------------


def _wacht_tot_een_ander_op_een_slot_wacht():
    """Poll (from this connection) until another session of this database waits on a lock."""
    with connection.cursor() as cursor:
        for _ in range(200):
            # Inside a transaction the activity view is a snapshot: take a fresh one each time.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_twee_workers_tegelijk_maken_een_overzicht(po, sanne, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("two connections at once: PostgreSQL")
    with reis(2, 14):
        wachtend = melding(sanne, po)
    dag = datetime.date(2026, 12, 3)
    a_heeft_het_overzicht = threading.Event()
    uitkomst = {}

    def worker_a():
        try:
            with transaction.atomic():
                uitkomst["a"] = maak_dagelijks_overzicht(
                    ontvanger=sanne, omgeving=po, datum=dag, acties=[], pad="/meldingen/"
                )
                a_heeft_het_overzicht.set()
                # Commit only once B is inside and waits on A's overview row: B did not see it.
                uitkomst["b_wachtte"] = _wacht_tot_een_ander_op_een_slot_wacht()
        finally:
            connection.close()

    def worker_b():
        try:
            a_heeft_het_overzicht.wait(10)
            uitkomst["b"] = maak_dagelijks_overzicht(
                ontvanger=sanne, omgeving=po, datum=dag, acties=[], pad="/meldingen/"
            )
        finally:
            connection.close()

    with reis(3, 7, 5):
        draden = [threading.Thread(target=worker_a), threading.Thread(target=worker_b)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join(20)

    assert uitkomst["b_wachtte"] is True
    assert uitkomst["a"] is not None
    assert uitkomst["b"] is None
    assert Notificatie.objects.filter(soort=Soort.DAGELIJKS_OVERZICHT).count() == 1
    wachtend.refresh_from_db()
    assert wachtend.overzicht_id == uitkomst["a"].pk
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_de_taak_twee_keer_tegelijk_geeft_een_overzicht(
    po, sanne, nieuwe_hulpvraag_transactie, mailoutbox
):
    if connection.vendor != "postgresql":
        pytest.skip("two connections at once: PostgreSQL")
    with reis(2, 14):
        melding(sanne, po, leerling_naam="Sem Bos")
        nieuwe_hulpvraag_transactie()  # an open actie as well: an overview even without rows
    samen = threading.Barrier(2, timeout=10)
    uitkomst = []

    def beat():
        try:
            samen.wait()
            uitkomst.append(stuur_dagelijkse_overzichten())
        finally:
            connection.close()

    with reis(3, 7, 5):
        draden = [threading.Thread(target=beat) for _ in range(2)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join(30)

    assert sorted(uitkomst) == [0, 1]
    assert Notificatie.objects.filter(soort=Soort.DAGELIJKS_OVERZICHT).count() == 1
    [mail] = mails_aan(mailoutbox, sanne)
    assert "Sem Bos" in mail.body
    assert "Nieuwe hulpvraag van Daan Willemsen" in mail.body


@pytest.fixture
def nieuwe_hulpvraag_transactie(po, school, inge, sanne):
    """As nieuwe_hulpvraag, in a test whose transactions really commit."""

    def maak():
        leerling = LeerlingFactory(
            school=school, voornaam="Daan", achternaam="Willemsen", gecontroleerd_op=timezone.now()
        )
        return hulpvragen.maak_hulpvraag(
            door=inge,
            omgeving=po,
            leerling=leerling,
            titel="Team Schoolondersteuning",
            omschrijving="",
            coordinator=sanne,
        )

    return maak


@pytest.mark.django_db
@pytest.mark.parametrize(
    "naar", ["https://kwaad.example/", "//kwaad.example/", "/\\kwaad.example", "javascript:x"]
)
def test_de_actielink_van_het_overzicht_leidt_nooit_naar_buiten(client, po, sanne, draai, naar):
    with reis(2, 14):
        melding(sanne, po)
    with reis(3, 7, 5):
        draai()
        overzicht = Notificatie.objects.get(soort=Soort.DAGELIJKS_OVERZICHT)
        client.force_login(sanne)
        binnen = client.get(f"/meldingen/{overzicht.pk}/", {"naar": "/hulpvragen/"})
        buiten = client.get(f"/meldingen/{overzicht.pk}/", {"naar": naar})

    assert (binnen.status_code, binnen["Location"]) == (302, "/hulpvragen/")
    assert buiten.status_code == 404


@pytest.mark.django_db
def test_naar_geldt_alleen_voor_het_overzicht(client, po, sanne):
    with reis(2, 14):
        gewoon = melding(sanne, po)
        client.force_login(sanne)
        antwoord = client.get(f"/meldingen/{gewoon.pk}/", {"naar": "/overzicht/"})

    assert antwoord["Location"] == gewoon.pad

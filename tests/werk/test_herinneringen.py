"""Herinneringen (issue 15): a reminder goes once, to the person who must act, on its day, with
a link to the tab; not to whom it no longer concerns; again only for a new termijn. Also with
two beat runs and two workers at once (PostgreSQL)."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap
from hulpvragen import services
from hulpvragen.workflow import Status
from notificaties.catalogus import Soort
from notificaties.models import MailSjabloon, Notificatie
from notificaties.services import stel_meldingen_per_mail_in
from overleg import services as overleg_services
from tests.factories import HulpvraagFactory, LeerlingFactory, OrganisatieFactory
from tests.werk.conftest import reis
from werk import herinneringen
from werk.models import Herinnering, Termijnen
from werk.tasks import stuur_dagelijkse_overzichten, verstuur_herinneringen


@pytest.fixture
def extern(po, maak_lid):
    return maak_lid(po, "externe_deelnemer", voornaam="Eva", achternaam="Smit")


@pytest.fixture
def extern2(po, maak_lid):
    return maak_lid(po, "externe_deelnemer", voornaam="Bram", achternaam="Vos")


def _nieuwe_hulpvraag(po, school, ib, schakel, voornaam, achternaam):
    leerling = LeerlingFactory(
        school=school, voornaam=voornaam, achternaam=achternaam, gecontroleerd_op=timezone.now()
    )
    return services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Team Schoolondersteuning",
        omschrijving="",
        coordinator=schakel,
    )


@pytest.fixture
def nieuw(po, school, ib, schakel, django_capture_on_commit_callbacks):
    """nieuw(): the IB/COO makes a hulpvraag for Daan Willemsen now (the schakelfunctionaris
    coördinator), and what waits for the commit runs (the termijn is stored then)."""

    def maak(voornaam="Daan", achternaam="Willemsen"):
        with django_capture_on_commit_callbacks(execute=True):
            return _nieuwe_hulpvraag(po, school, ib, schakel, voornaam, achternaam)

    return maak


@pytest.fixture
def draai(django_capture_on_commit_callbacks):
    """draai(dag, uur): the hourly task as beat starts it on that day, and the sending after its
    commit. Returns how many reminders it wrote."""

    def draai(dag, uur=10):
        with reis(dag, uur), django_capture_on_commit_callbacks(execute=True):
            return verstuur_herinneringen()

    return draai


def mails_aan(mailoutbox, persoon):
    return [mail for mail in mailoutbox if mail.to == [persoon.email]]


def herinneringen_aan(persoon):
    return Notificatie.objects.filter(ontvanger=persoon, soort__startswith="herinnering_")


# --- Hulpvraag staat nog op AANGEMELD: the coördinator ------------------------------------------


@pytest.mark.django_db
def test_te_lang_op_aangemeld_herinnert_de_coordinator_na_het_weekend_een_keer(
    client, nieuw, draai, schakel, ib, regie, mailoutbox
):
    # Made on Friday 4 December 2026: it may stay AANGEMELD until Friday 18 December.
    with reis(date(2026, 12, 4)):
        hulpvraag = nieuw()
    mailoutbox.clear()

    assert draai(date(2026, 12, 18), 17) == 0
    # Saturday and Sunday it is too late, but reminders go out on school days.
    assert draai(date(2026, 12, 19)) == 0
    assert draai(date(2026, 12, 20)) == 0
    assert mailoutbox == []

    assert draai(date(2026, 12, 21), 8) == 1

    [mail] = mails_aan(mailoutbox, schakel)
    notificatie = Notificatie.objects.get(soort=Soort.HERINNERING_AANGEMELD)
    assert mail.subject == "Herinnering: de hulpvraag van Daan Willemsen staat nog op AANGEMELD"
    assert mail.body == (
        "Beste Sanne Visser,\n"
        "\n"
        "U bent in Kindkans coördinator van de hulpvraag 'Team Schoolondersteuning' (nummer "
        f"{hulpvraag.nummer}) van Daan Willemsen. De hulpvraag is op 4 december 2026 aangemeld "
        "en staat nog op AANGEMELD; dat mocht tot en met 18 december 2026.\n"
        "\n"
        "Wilt u ervoor zorgen dat de hulpvraag wordt opgepakt? Bespreek de casus met de IB/COO "
        "en bepaal samen de regierol. De regierolhouder bevestigt de taak door de status op "
        "GEAGENDEERD te zetten.\n"
        "\n"
        "Bekijk de hulpvraag in Kindkans:\n"
        f"http://127.0.0.1:8000/meldingen/{notificatie.pk}/\n"
    )
    assert notificatie.pad == f"/hulpvragen/{hulpvraag.pk}/"
    herinnering = Herinnering.objects.get()
    assert (herinnering.soort, herinnering.ontvanger, herinnering.hulpvraag) == (
        Soort.HERINNERING_AANGEMELD,
        schakel,
        hulpvraag,
    )
    assert herinnering.termijn == date(2026, 12, 18)
    assert herinnering.overlegronde is None
    assert herinnering.notificatie == notificatie
    assert mails_aan(mailoutbox, ib) == mails_aan(mailoutbox, regie) == []

    # The link opens the hulpvraag for the coördinator.
    with reis(date(2026, 12, 21), 9):
        client.force_login(schakel)
        antwoord = client.get(f"/meldingen/{notificatie.pk}/")
        assert antwoord.status_code == 302
        assert antwoord["Location"] == f"/hulpvragen/{hulpvraag.pk}/"
        assert client.get(antwoord["Location"]).status_code == 200

    # Again the same hour, the next day, the next week: nothing more.
    assert draai(date(2026, 12, 21), 9) == 0
    assert draai(date(2026, 12, 22)) == 0
    assert draai(date(2026, 12, 28)) == 0
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_een_nieuwe_coordinator_wordt_ook_herinnerd(nieuw, draai, ib, schakel, regie, mailoutbox):
    with reis(date(2026, 12, 4)):
        hulpvraag = nieuw()
    assert draai(date(2026, 12, 21)) == 1
    # The IB/COO makes the regierolhouder coördinator; the termijn stays the same.
    with reis(date(2026, 12, 22)):
        services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie)
    mailoutbox.clear()

    assert draai(date(2026, 12, 22), 11) == 1

    [mail] = mailoutbox
    assert mail.to == [regie.email]
    assert mail.subject == "Herinnering: de hulpvraag van Daan Willemsen staat nog op AANGEMELD"
    assert draai(date(2026, 12, 23)) == 0
    assert herinneringen_aan(schakel).count() == herinneringen_aan(regie).count() == 1


@pytest.mark.django_db
def test_begrensd_per_run_de_nieuwste_termijn_eerst_de_volgende_run_gaat_verder(
    nieuw, draai, monkeypatch
):
    # As if a backlog were larger than a run may read (the limit, not our code, is changed).
    monkeypatch.setattr(herinneringen, "MAX_PER_RUN", 1)
    with reis(date(2026, 12, 3)):
        eerder = nieuw("Sem", "Bos")  # AANGEMELD until Thursday 17 December
    with reis(date(2026, 12, 4)):
        later = nieuw()  # until Friday 18 December

    assert draai(date(2026, 12, 21), 8) == 1
    assert list(Herinnering.objects.values_list("hulpvraag", flat=True)) == [later.pk]
    assert draai(date(2026, 12, 21), 9) == 1
    assert draai(date(2026, 12, 21), 10) == 0
    assert set(Herinnering.objects.values_list("hulpvraag", flat=True)) == {eerder.pk, later.pk}


# --- Aanpak bevestigen met GEAGENDEERD: the behandelaar -----------------------------------------


@pytest.mark.django_db
def test_aanpak_niet_bevestigd_herinnert_de_behandelaar_na_kerstmis(
    nieuw, aanpak, draai, regie, schakel, mailoutbox
):
    # Made on Thursday 17 December 2026; the aanpak on Friday 18 December is due in five school
    # days: 21, 22, 23, 24 and Monday 28 December (Christmas on 25 and 26 December).
    with reis(date(2026, 12, 17)):
        hulpvraag = nieuw()
    with reis(date(2026, 12, 18)):
        aanpak(hulpvraag)
    mailoutbox.clear()

    for dag in (date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 28)):
        assert draai(dag) == 0
    assert draai(date(2026, 12, 29)) == 1

    [mail] = mailoutbox
    notificatie = Notificatie.objects.get(soort=Soort.HERINNERING_AANPAK_BEVESTIGEN)
    assert mail.to == [regie.email]
    assert mail.subject == "Herinnering: bevestig de aanpak voor Daan Willemsen met GEAGENDEERD"
    assert mail.body == (
        "Beste Rik de Wit,\n"
        "\n"
        "U bent in Kindkans behandelaar van een aanpak bij de hulpvraag 'Team "
        f"Schoolondersteuning' (nummer {hulpvraag.nummer}) van Daan Willemsen. De hulpvraag "
        "staat nog op AANGEMELD.\n"
        "\n"
        "Wilt u de taak bevestigen door de status van de hulpvraag op GEAGENDEERD te zetten? De "
        "termijn daarvoor liep tot en met 28 december 2026. De IB/COO ontvangt dan een bericht "
        "dat u deze taak in behandeling heeft genomen.\n"
        "\n"
        "Bekijk de aanpak in Kindkans:\n"
        f"http://127.0.0.1:8000/meldingen/{notificatie.pk}/\n"
    )
    # The tab Aanpak.
    assert notificatie.pad == f"/hulpvragen/{hulpvraag.pk}/aanpak/"
    assert Herinnering.objects.get().termijn == date(2026, 12, 28)
    assert draai(date(2026, 12, 30)) == 0
    assert herinneringen_aan(schakel).count() == 0


@pytest.mark.django_db
def test_geen_herinnering_als_de_status_verder_is(nieuw, aanpak, draai, regie, mailoutbox):
    with reis(date(2026, 12, 4)):
        hulpvraag = nieuw()
    with reis(date(2026, 12, 7)):
        aanpak(hulpvraag)  # due Monday 14 December
    # Confirmed late, on the 15th, before the hourly run. (Its commit hooks do not run here, so
    # the stored termijn still says the 14th: the check inside the lock sees the new status.)
    with reis(date(2026, 12, 15), 9):
        services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)
    mailoutbox.clear()

    assert draai(date(2026, 12, 15)) == 0
    assert draai(date(2026, 12, 21)) == 0
    assert not Herinnering.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_geen_herinnering_zonder_lidmaatschap_wel_weer_als_het_terug_is(
    nieuw, aanpak, draai, regie, mailoutbox
):
    with reis(date(2026, 12, 4)):
        hulpvraag = nieuw()
    with reis(date(2026, 12, 7)):
        aanpak(hulpvraag)
    Lidmaatschap.objects.filter(gebruiker=regie).update(actief=False)
    mailoutbox.clear()

    # Due on the 14th; the behandelaar may no longer see the hulpvraag (the link would 404).
    assert draai(date(2026, 12, 15)) == 0
    assert not Herinnering.objects.exists()

    Lidmaatschap.objects.filter(gebruiker=regie).update(actief=True)
    assert draai(date(2026, 12, 16)) == 1
    assert [mail.to for mail in mailoutbox] == [[regie.email]]


@pytest.mark.django_db
def test_eigen_tekst_van_de_beheerder_wordt_gebruikt(po, nieuw, draai, schakel, mailoutbox):
    sjabloon = MailSjabloon(
        omgeving=po,
        soort=Soort.HERINNERING_AANGEMELD,
        onderwerp="Nog op AANGEMELD sinds {{ aangemeld_op|date:'j F' }}: {{ leerling_naam }}",
        tekst="Beste {{ ontvanger_naam }},\n\nDe termijn liep tot en met "
        "{{ termijn|date:'j F Y' }}.\n\n{{ link }}",
    )
    sjabloon.full_clean()  # as the beheer checks it, against the example context
    sjabloon.save()
    with reis(date(2026, 12, 4)):
        nieuw()
    mailoutbox.clear()

    assert draai(date(2026, 12, 21)) == 1

    [mail] = mails_aan(mailoutbox, schakel)
    notificatie = Notificatie.objects.get(soort=Soort.HERINNERING_AANGEMELD)
    assert mail.subject == "Nog op AANGEMELD sinds 4 december: Daan Willemsen"
    assert mail.body == (
        "Beste Sanne Visser,\n\nDe termijn liep tot en met 18 december 2026.\n\n"
        f"http://127.0.0.1:8000/meldingen/{notificatie.pk}/\n"
    )


@pytest.mark.django_db
def test_een_nieuwe_termijn_mag_opnieuw_herinnerd_worden(
    po, nieuw, draai, schakel, mailoutbox, django_capture_on_commit_callbacks
):
    with reis(date(2026, 12, 4)):
        hulpvraag = nieuw()
    mailoutbox.clear()
    assert draai(date(2026, 12, 21)) == 1
    # The beheerder allows 15 school days instead of 10: AANGEMELD until Monday 28 December.
    with reis(date(2026, 12, 22), 9), django_capture_on_commit_callbacks(execute=True):
        Termijnen.objects.create(omgeving=po, aangemeld=15)
    hulpvraag.refresh_from_db()
    assert hulpvraag.termijn == date(2026, 12, 28)

    assert draai(date(2026, 12, 22)) == 0
    assert draai(date(2026, 12, 28)) == 0
    assert draai(date(2026, 12, 29)) == 1

    assert list(Herinnering.objects.order_by("termijn").values_list("ontvanger", "termijn")) == [
        (schakel.pk, date(2026, 12, 18)),
        (schakel.pk, date(2026, 12, 28)),
    ]
    assert len(mails_aan(mailoutbox, schakel)) == 2
    assert draai(date(2026, 12, 30)) == 0


@pytest.mark.django_db
def test_met_een_mail_per_dag_staat_de_herinnering_in_het_dagelijks_overzicht(
    nieuw, draai, schakel, mailoutbox, django_capture_on_commit_callbacks
):
    with reis(date(2026, 12, 4)):
        nieuw()
    # Reminders are meldingen like the others: whoever chose one mail a day gets them there.
    stel_meldingen_per_mail_in(door=schakel, meldingen_per_mail="dagelijks", overzicht_uur=7)
    mailoutbox.clear()

    assert draai(date(2026, 12, 21)) == 1
    notificatie = Notificatie.objects.get(soort=Soort.HERINNERING_AANGEMELD)
    assert notificatie.status == Notificatie.Status.WACHT_OP_OVERZICHT
    assert mails_aan(mailoutbox, schakel) == []

    with reis(date(2026, 12, 22), 7), django_capture_on_commit_callbacks(execute=True):
        stuur_dagelijkse_overzichten()

    [mail] = mails_aan(mailoutbox, schakel)
    assert mail.subject.startswith("Dagelijks overzicht 22 december: 1 nieuwe melding")
    assert (
        "Nieuwe meldingen (1):\n"
        "- Herinnering: de hulpvraag van Daan Willemsen staat nog op AANGEMELD\n"
        f"  {notificatie.link}\n" in mail.body
    )
    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.IN_OVERZICHT
    # Written once: the next run does not make another.
    assert draai(date(2026, 12, 22), 8) == 0


# --- Overlegronde: the deelnemers who have not reacted ------------------------------------------


@pytest.fixture
def ronde(nieuw, aanpak, regie, extern, extern2, django_capture_on_commit_callbacks):
    """Made by the regierolhouder on Monday 7 December 2026, until Tuesday 15 December: the
    reminder is due from two school days before, Friday 11 December. The regierolhouder
    confirmed the aanpak, so no termijn of the hulpvraag runs."""
    with reis(date(2026, 12, 7)):
        hulpvraag = nieuw()
        aanpak(hulpvraag)
        with django_capture_on_commit_callbacks(execute=True):
            services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)
            return overleg_services.maak_overlegronde(
                door=regie,
                hulpvraag=hulpvraag,
                titel="Meekijken gedrag",
                omschrijving="Wil je meekijken naar het plan?",
                einddatum=date(2026, 12, 15),
                deelnemers=[extern, extern2],
            )


@pytest.mark.django_db
def test_overlegronde_herinnert_wie_nog_niet_reageerde(ronde, draai, extern, extern2, mailoutbox):
    with reis(date(2026, 12, 8)):
        overleg_services.plaats_reactie(door=extern2, overlegronde=ronde, tekst="Ik kijk mee.")
    mailoutbox.clear()

    assert draai(date(2026, 12, 10), 17) == 0
    assert draai(date(2026, 12, 11), 8) == 1

    [mail] = mailoutbox
    notificatie = Notificatie.objects.get(soort=Soort.HERINNERING_OVERLEG_REAGEREN)
    assert mail.to == [extern.email]
    assert mail.subject == (
        "Herinnering: overlegronde Meekijken gedrag bij het dossier van Daan Willemsen"
    )
    assert mail.body == (
        "Beste Eva Smit,\n"
        "\n"
        "Rik de Wit heeft u uitgenodigd voor de overlegronde Meekijken gedrag bij het dossier "
        "van Daan Willemsen. U heeft nog geen reactie geplaatst.\n"
        "\n"
        "Als u een reactie wilt plaatsen, dan is dit mogelijk tot en met 15 december 2026.\n"
        "\n"
        "Wat er van u verwacht wordt: Wil je meekijken naar het plan?\n"
        "\n"
        "Na inloggen in Kindkans kunt u een reactie invullen via de volgende stappen:\n"
        "\n"
        "1. Klik op Hulpvragen;\n"
        "2. Klik op de betreffende hulpvraag;\n"
        "3. Klik op Overlegronde;\n"
        "4. Vul uw eventuele reactie in;\n"
        "5. Klik op Reactie opslaan.\n"
        "\n"
        "Heeft u niets toe te voegen? Dan kunt u deze mail negeren.\n"
        "\n"
        "Direct naar de overlegronde:\n"
        f"http://127.0.0.1:8000/meldingen/{notificatie.pk}/\n"
    )
    assert notificatie.pad == f"/hulpvragen/{ronde.hulpvraag_id}/overlegronde/#ronde-{ronde.pk}"
    herinnering = Herinnering.objects.get()
    assert (herinnering.overlegronde, herinnering.hulpvraag_id, herinnering.termijn) == (
        ronde,
        ronde.hulpvraag_id,
        date(2026, 12, 15),
    )

    # Once: the following days until the einddatum, and after it, nothing more.
    for dag in (date(2026, 12, 11), date(2026, 12, 14), date(2026, 12, 15), date(2026, 12, 16)):
        assert draai(dag, 15) == 0
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_overlegronde_niet_als_iedereen_reageerde_of_de_ronde_gesloten_is(
    ronde, draai, regie, extern, extern2, mailoutbox
):
    with reis(date(2026, 12, 8)):
        overleg_services.plaats_reactie(door=extern, overlegronde=ronde, tekst="Gezien.")
        overleg_services.plaats_reactie(door=extern2, overlegronde=ronde, tekst="Gezien.")
    assert draai(date(2026, 12, 11)) == 0

    with reis(date(2026, 12, 8)):
        tweede = overleg_services.maak_overlegronde(
            door=regie,
            hulpvraag=ronde.hulpvraag,
            titel="Nog een vraag",
            omschrijving="Graag uw blik.",
            einddatum=date(2026, 12, 15),
            deelnemers=[extern],
        )
        overleg_services.sluit_overlegronde(door=regie, overlegronde=tweede)
    assert draai(date(2026, 12, 11)) == 0
    assert not Herinnering.objects.exists()


@pytest.mark.django_db
def test_een_verschoven_einddatum_mag_opnieuw_herinnerd_worden(ronde, draai, regie, extern2):
    assert draai(date(2026, 12, 11)) == 2
    with reis(date(2026, 12, 14)):
        overleg_services.wijzig_einddatum(
            door=regie, overlegronde=ronde, einddatum=date(2026, 12, 18)
        )
    # Reminder day of Friday 18 December: Wednesday 16 December.
    assert draai(date(2026, 12, 15)) == 0
    assert draai(date(2026, 12, 16)) == 2
    assert sorted(
        Herinnering.objects.filter(ontvanger=extern2).values_list("termijn", flat=True)
    ) == [date(2026, 12, 15), date(2026, 12, 18)]


# --- Two beat runs and two workers at once (PostgreSQL, each thread its own connection) ---------


@pytest.fixture
def te_laat_transactie(po, school, ib, schakel):
    """A hulpvraag made on Friday 4 December 2026 in a test whose transactions really commit:
    AANGEMELD until Friday 18 December."""
    with reis(date(2026, 12, 4)):
        return _nieuwe_hulpvraag(po, school, ib, schakel, "Daan", "Willemsen")


@pytest.mark.django_db(transaction=True)
def test_twee_beat_runs_tegelijk_versturen_een_herinnering(te_laat_transactie, schakel, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("two connections at once: PostgreSQL")
    mailoutbox.clear()
    samen = threading.Barrier(2, timeout=10)
    uitkomst = []

    def beat():
        try:
            samen.wait()
            uitkomst.append(verstuur_herinneringen())
        finally:
            connection.close()

    with reis(date(2026, 12, 21)):
        draden = [threading.Thread(target=beat) for _ in range(2)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join(30)
        # And a third run afterwards, as the next hour's.
        assert verstuur_herinneringen() == 0

    assert sorted(uitkomst) == [0, 1]
    assert Herinnering.objects.count() == 1
    assert [mail.to for mail in mailoutbox] == [[schakel.email]]


@pytest.mark.django_db(transaction=True)
def test_een_tweede_worker_slaat_over_wat_de_eerste_vasthoudt(
    te_laat_transactie, schakel, mailoutbox
):
    if connection.vendor != "postgresql":
        pytest.skip("two connections at once: PostgreSQL")
    mailoutbox.clear()
    a_schreef = threading.Event()
    b_klaar = threading.Event()
    uitkomst = {}

    def worker_a():
        try:
            # A writes the reminder and holds its lock on the hulpvraag until B has run.
            with transaction.atomic():
                uitkomst["a"] = verstuur_herinneringen()
                a_schreef.set()
                # B does not wait for this lock: it is done before A commits.
                uitkomst["b_voor_a_klaar"] = b_klaar.wait(10)
        finally:
            connection.close()

    def worker_b():
        try:
            a_schreef.wait(20)
            # B still sees no Herinnering (A has not committed), skips the locked row at once.
            uitkomst["b"] = verstuur_herinneringen()
            b_klaar.set()
        finally:
            connection.close()

    with reis(date(2026, 12, 21)):
        draden = [threading.Thread(target=worker_a), threading.Thread(target=worker_b)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join(30)
        # After A's commit: a restart, another run, finds it sent.
        assert verstuur_herinneringen() == 0

    assert uitkomst == {"a": 1, "b": 0, "b_voor_a_klaar": True}
    assert Herinnering.objects.count() == 1
    assert [mail.to for mail in mailoutbox] == [[schakel.email]]


# --- The beheer ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_beheerder_ziet_de_herinneringen_van_de_eigen_omgeving_zonder_inhoud(
    client, vo, nieuw, draai, schakel, beheer_po
):
    with reis(date(2026, 12, 4)):
        nieuw()
    assert draai(date(2026, 12, 21)) == 1
    eigen = Herinnering.objects.get()
    elders = HulpvraagFactory(leerling__school=OrganisatieFactory(omgeving=vo))
    ander = Herinnering.objects.create(
        soort=Soort.HERINNERING_AANGEMELD,
        ontvanger=elders.coordinator,
        hulpvraag=elders,
        termijn=date(2026, 12, 18),
    )
    client.force_login(beheer_po)

    lijst = client.get(reverse("admin:werk_herinnering_changelist"))
    assert lijst.status_code == 200
    assert list(lijst.context["cl"].result_list) == [eigen]
    html = lijst.content.decode()
    assert "Herinnering: nog op AANGEMELD (aan de coördinator)" in html
    assert "Sanne Visser" in html
    pagina = client.get(reverse("admin:werk_herinnering_change", args=[eigen.pk]))
    assert pagina.status_code == 200
    assert "Daan" not in pagina.content.decode()
    assert "verstuurd" in pagina.content.decode()
    assert client.get(reverse("admin:werk_herinnering_change", args=[ander.pk])).status_code == 302
    assert client.get(reverse("admin:werk_herinnering_add")).status_code == 403

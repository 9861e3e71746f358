"""The outbox: nothing lost, nothing sent twice."""

import logging
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from kindkans.celery import app
from notificaties import tasks
from notificaties.catalogus import Soort, voorbeeld_context
from notificaties.models import Notificatie
from notificaties.services import maak_notificatie

pytestmark = pytest.mark.django_db


def maak(ib, po):
    return maak_notificatie(
        ontvanger=ib,
        omgeving=po,
        soort=Soort.AANPAK_BEHANDELAAR,
        context=voorbeeld_context(Soort.AANPAK_BEHANDELAAR),
        pad="/",
    )


def vergeet_verbindingen():
    """Make the Celery app connect anew, to whatever broker_url now says."""
    app._pool = None
    app.amqp._producer_pool = None


class Mislukt(Exception):
    pass


def test_geen_rij_en_geen_taak_als_de_transactie_terugrolt(
    ib, po, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Mislukt),
        transaction.atomic(),
    ):
        maak(ib, po)
        raise Mislukt

    assert Notificatie.objects.count() == 0
    assert callbacks == []
    assert mailoutbox == []


def test_twee_keer_de_taak_geeft_een_mail(ib, po, mailoutbox):
    notificatie = maak(ib, po)

    tasks.verstuur_notificatie.apply(args=[notificatie.pk])
    tasks.verstuur_notificatie.apply(args=[notificatie.pk])

    assert len(mailoutbox) == 1
    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.VERSTUURD
    assert notificatie.pogingen == 1
    assert notificatie.verstuurd_op is not None


def test_kapotte_mailserver_eerst_opnieuw_proberen_dan_mislukt(ib, po, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.notificaties.backends.KapotBackend"
    settings.NOTIFICATIE_MAX_POGINGEN = 3
    notificatie = maak(ib, po)

    # Eagerly, each retry runs at once instead of after its countdown.
    tasks.verstuur_notificatie.apply(args=[notificatie.pk])

    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.MISLUKT
    assert notificatie.pogingen == 3
    assert "SMTPServerDisconnected" in notificatie.laatste_fout
    assert mailoutbox == []


def test_na_een_fout_wacht_de_volgende_poging_steeds_langer(ib, po, settings):
    from notificaties import verzending

    settings.EMAIL_BACKEND = "tests.notificaties.backends.KapotBackend"
    settings.NOTIFICATIE_BACKOFF_SECONDEN = 60
    notificatie = maak(ib, po)

    wachttijden = []
    for _ in range(3):
        voor = timezone.now()
        verzending.verstuur(notificatie.pk)
        notificatie.refresh_from_db()
        wachttijden.append(round((notificatie.volgende_poging_op - voor).total_seconds()))

    assert wachttijden == [60, 120, 240]
    assert notificatie.status == Notificatie.Status.TE_VERSTUREN


def test_broker_onbereikbaar_actie_slaagt_rij_wacht_periodieke_taak_verstuurt(
    ib, po, mailoutbox, django_capture_on_commit_callbacks, caplog
):
    oud = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    app.conf.task_always_eager = False
    vergeet_verbindingen()
    try:
        with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
            notificatie = maak(ib, po)  # the action commits; queueing fails afterwards
    finally:
        app.conf.broker_url, app.conf.task_always_eager = oud
        vergeet_verbindingen()

    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.TE_VERSTUREN
    assert mailoutbox == []
    assert "_zet_in_wachtrij" in caplog.text

    # Too soon for the sweep: it leaves the row alone.
    assert tasks.herstart_wachtende_notificaties.apply().get() == 0
    Notificatie.objects.filter(pk=notificatie.pk).update(
        volgende_poging_op=timezone.now() - timezone.timedelta(minutes=10)
    )
    assert tasks.herstart_wachtende_notificaties.apply().get() == 1

    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.VERSTUURD
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_rij_die_een_andere_worker_vasthoudt_wordt_overgeslagen(ib, po, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("SELECT … FOR UPDATE SKIP LOCKED bestaat alleen op PostgreSQL")
    # A waiting row, as the outbox holds it before a worker picks it up.
    notificatie = Notificatie.objects.create(
        ontvanger=ib,
        omgeving=po,
        soort=Soort.AANPAK_BEHANDELAAR,
        onderwerp="Onderwerp",
        tekst="Tekst",
        pad="/",
        link="http://127.0.0.1:8000/meldingen/1/",
    )
    vast = threading.Event()
    los = threading.Event()

    def andere_worker():
        with transaction.atomic():
            Notificatie.objects.select_for_update().get(pk=notificatie.pk)
            vast.set()
            los.wait(10)
        connection.close()

    worker = threading.Thread(target=andere_worker)
    worker.start()
    assert vast.wait(10)
    from notificaties import verzending

    with pytest.raises(verzending.Bezet):
        verzending.verstuur(notificatie.pk)
    los.set()
    worker.join()
    assert mailoutbox == []
    notificatie.refresh_from_db()
    assert notificatie.pogingen == 0

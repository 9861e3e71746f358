"""Sending robustly: only the Notificatie row locked, a busy row retried soon, a stable
Message-ID, text not escaped, the sweeps at beat's start, no next attempt for a mislukt mail."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from celery.signals import beat_init, before_task_publish, task_retry
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Gebruiker
from kindkans.celery import app
from notificaties import tasks, verzending
from notificaties.catalogus import Soort, voorbeeld_context
from notificaties.models import Notificatie
from notificaties.services import maak_notificatie
from tests.factories import OrganisatieFactory

ROOT = Path(__file__).resolve().parents[2]
VEREIST = bool(os.environ.get("KINDKANS_TEST_VEREIST_POSTGRES"))


def alleen_postgres():
    if connection.vendor != "postgresql":
        if VEREIST:
            pytest.fail("CI moet deze test draaien op PostgreSQL")
        pytest.skip("SELECT … FOR UPDATE (OF, SKIP LOCKED) bestaat alleen op PostgreSQL")


def maak(ib, po, **context):
    with transaction.atomic():
        return maak_notificatie(
            ontvanger=ib,
            omgeving=po,
            soort=Soort.AANPAK_BEHANDELAAR,
            context={**voorbeeld_context(Soort.AANPAK_BEHANDELAAR), **context},
            pad="/",
        )


def wachtende(ib, po):
    """A row as the outbox holds it before a worker picks it up."""
    return Notificatie.objects.create(
        ontvanger=ib,
        omgeving=po,
        soort=Soort.AANPAK_BEHANDELAAR,
        onderwerp="Onderwerp",
        tekst="Tekst",
        pad="/",
        link="http://127.0.0.1:8000/meldingen/1/",
    )


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TragePostvak:
    """An SMTP server that takes its time to accept each mail."""

    def __init__(self, seconden):
        self.seconden = seconden
        self.bezig = threading.Event()
        self.berichten = []

    async def handle_DATA(self, server, session, envelope):
        self.bezig.set()
        await asyncio.sleep(self.seconden)
        self.berichten.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def trage_smtp_server(settings):
    postvak = TragePostvak(seconden=3)
    controller = Controller(postvak, hostname="127.0.0.1", port=vrije_poort())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield postvak
    controller.stop()


def in_eigen_verbinding(functie, *args):
    """Run in a thread of its own, so on a database connection of its own."""
    uitkomst = {}

    def doe():
        try:
            uitkomst["waarde"] = functie(*args)
        except Exception as fout:  # noqa: BLE001 - reported to the test below
            uitkomst["fout"] = fout
        finally:
            connection.close()

    draad = threading.Thread(target=doe)
    draad.start()
    return draad, uitkomst


@pytest.mark.django_db(transaction=True)
def test_twee_mails_aan_een_persoon_gaan_tegelijk_en_het_account_blijft_vrij(
    ib, po, trage_smtp_server
):
    alleen_postgres()
    eerste, tweede = wachtende(ib, po), wachtende(ib, po)
    begin = time.monotonic()

    draad_1, uitkomst_1 = in_eigen_verbinding(verzending.verstuur, eerste.pk)
    assert trage_smtp_server.bezig.wait(10)  # the first mail is at the mail server now

    def wijzig_account():
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '1s'")
            voor = time.monotonic()
            Gebruiker.objects.filter(pk=ib.pk).update(last_login=timezone.now())
            return time.monotonic() - voor

    draad_account, uitkomst_account = in_eigen_verbinding(wijzig_account)
    draad_2, uitkomst_2 = in_eigen_verbinding(verzending.verstuur, tweede.pk)
    for draad in (draad_account, draad_1, draad_2):
        draad.join(20)

    assert "fout" not in uitkomst_account, uitkomst_account  # lock_timeout: it had to wait
    assert uitkomst_account["waarde"] < 1.0
    assert uitkomst_1["waarde"].status == Notificatie.Status.VERSTUURD
    assert uitkomst_2["waarde"].status == Notificatie.Status.VERSTUURD
    assert len(trage_smtp_server.berichten) == 2
    # Side by side: the two slow sends of 3 seconds took together well under 6.
    assert time.monotonic() - begin < 5.5


@pytest.mark.django_db(transaction=True)
def test_bezette_rij_probeert_de_taak_zelf_na_vijf_seconden_opnieuw(ib, po, mailoutbox):
    alleen_postgres()
    notificatie = wachtende(ib, po)
    vast, los = threading.Event(), threading.Event()

    def andere_worker():
        with transaction.atomic():
            Notificatie.objects.select_for_update().get(pk=notificatie.pk)
            vast.set()
            los.wait(10)

    draad, _ = in_eigen_verbinding(andere_worker)
    assert vast.wait(10)
    pogingen = []

    def bij_nieuwe_poging(sender, reason, **kwargs):
        pogingen.append((reason.when, reason.sig.kwargs))
        # The other worker lets go (without sending); eagerly the retry runs right after this.
        los.set()
        draad.join(10)

    task_retry.connect(bij_nieuwe_poging)
    try:
        tasks.verstuur_notificatie.apply(args=[notificatie.pk])
    finally:
        task_retry.disconnect(bij_nieuwe_poging)

    assert pogingen == [(5, {"bezet": 1})]
    assert len(mailoutbox) == 1
    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.VERSTUURD


@pytest.mark.django_db
def test_dezelfde_notificatie_twee_keer_verstuurd_heeft_dezelfde_message_id(
    ib, po, settings, mailoutbox
):
    settings.SITE_URL = "https://kindkans.voorbeeld.nl"
    notificatie = wachtende(ib, po)
    verzending.verstuur(notificatie.pk)
    # A worker killed after the mail server accepted the mail: the row still waits.
    Notificatie.objects.filter(pk=notificatie.pk).update(
        status=Notificatie.Status.TE_VERSTUREN, verstuurd_op=None
    )
    verzending.verstuur(notificatie.pk)

    assert len(mailoutbox) == 2
    verwacht = f"<notificatie.{notificatie.pk}@kindkans.voorbeeld.nl>"
    assert [mail.message()["Message-ID"] for mail in mailoutbox] == [verwacht, verwacht]


@pytest.mark.django_db
def test_tekst_van_de_mail_letterlijk_en_html_een_keer_geescaped(ib, po, mailoutbox):
    verzending.verstuur(maak(ib, po, leerling_naam="d'Hondt & <zoon>").pk)

    mail = mailoutbox[0]
    html = mail.alternatives[0][0]
    assert mail.subject == "Nieuwe aanpak voor u als behandelaar van d'Hondt & <zoon>"
    assert (
        "Er is in Kindkans een nieuwe aanpak toegevoegd voor u als behandelaar van "
        "d'Hondt & <zoon>.\n" in mail.body
    )
    assert (
        "<title>Nieuwe aanpak voor u als behandelaar van d&#x27;Hondt &amp; &lt;zoon&gt;</title>"
        in html
    )
    assert "behandelaar van d&#x27;Hondt &amp; &lt;zoon&gt;." in html
    assert "&amp;amp;" not in html
    assert "&amp;#x27;" not in html


@pytest.mark.django_db
def test_beat_zet_bij_de_start_de_herstart_en_de_overleg_sweep_in_de_wachtrij():
    oud = app.conf.broker_url
    app.conf.broker_url = "memory://"
    app._pool = None
    app.amqp._producer_pool = None
    verstuurd = []

    def bij_versturen(sender, **kwargs):
        verstuurd.append(sender)

    before_task_publish.connect(bij_versturen)
    try:
        beat_init.send(sender=None)
    finally:
        before_task_publish.disconnect(bij_versturen)
        app.conf.broker_url = oud
        app._pool = None
        app.amqp._producer_pool = None

    assert verstuurd == [
        "notificaties.tasks.herstart_wachtende_notificaties",
        "overleg.tasks.beeindig_verlopen_overlegrondes",
    ]


@pytest.fixture
def beheerder(po, maak_lid):
    return maak_lid(po, "beheerder", organisatie=OrganisatieFactory(omgeving=po, soort="swv"))


@pytest.mark.django_db
def test_mislukte_mail_toont_geen_volgende_poging(client, beheerder, ib, po, settings):
    settings.EMAIL_BACKEND = "tests.notificaties.backends.KapotBackend"
    settings.NOTIFICATIE_MAX_POGINGEN = 1
    mislukt, wacht = wachtende(ib, po), wachtende(ib, po)
    verzending.verstuur(mislukt.pk)
    settings.NOTIFICATIE_MAX_POGINGEN = 2
    verzending.verstuur(wacht.pk)
    Notificatie.objects.filter(pk__in=[mislukt.pk, wacht.pk]).update(
        volgende_poging_op=timezone.make_aware(timezone.datetime(2026, 11, 30, 9, 15))
    )
    client.force_login(beheerder)

    def pagina(notificatie):
        url = reverse("admin:notificaties_notificatie_change", args=[notificatie.pk])
        return client.get(url).content.decode()

    mislukt.refresh_from_db()
    assert mislukt.status == Notificatie.Status.MISLUKT
    assert mislukt.volgende_poging is None
    assert "Volgende poging op" not in pagina(mislukt)
    assert "Volgende poging op:</label>" in pagina(wacht)


def test_echte_beat_zet_bij_de_start_beide_sweeps_in_de_wachtrij(tmp_path):
    basis = os.environ.get("REDIS_URL", "")
    if not basis:
        if VEREIST:
            pytest.fail("CI moet deze test draaien met REDIS_URL")
        pytest.skip("alleen met REDIS_URL")
    import redis

    wachtrij = redis.Redis.from_url(basis)
    wachtrij.delete("celery")
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kindkans",
            "beat",
            f"--schedule={tmp_path / 'beat-schedule'}",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env={**os.environ, "CELERY_BROKER_URL": basis, "CELERY_TASK_ALWAYS_EAGER": "false"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        einde = time.monotonic() + 30
        while wachtrij.llen("celery") < 2 and time.monotonic() < einde:
            time.sleep(0.2)
    finally:
        proces.terminate()
        uitvoer = proces.communicate(timeout=20)[0]

    taken = sorted(
        json.loads(bericht)["headers"]["task"] for bericht in wachtrij.lrange("celery", 0, -1)
    )
    wachtrij.delete("celery")
    assert taken == [
        "notificaties.tasks.herstart_wachtende_notificaties",
        "overleg.tasks.beeindig_verlopen_overlegrondes",
    ], uitvoer[-3000:]

"""A broker that refuses or hangs costs an action a fraction of a second, never more.

The broker is a real edge: a local TCP listener that accepts and never answers (a frozen Redis),
a port nobody listens on (127.0.0.1:1), and the real Redis of REDIS_URL where there is one.
"""

import os
import socket
import threading
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import redis
from django.db import connection, transaction

from kindkans.celery import app
from notificaties import services
from notificaties.catalogus import Soort, voorbeeld_context
from notificaties.models import Notificatie
from notificaties.services import maak_notificatie
from notificaties.tasks import herstart_wachtende_notificaties
from tests.notificaties import test_echte_worker

VEREIST = bool(os.environ.get("KINDKANS_TEST_VEREIST_POSTGRES"))

# The real worker and SMTP server of the integration test; its worker reads `broker_url` below.
smtp_server = test_echte_worker.smtp_server
worker = test_echte_worker.worker


class Luisteraar:
    """A local TCP port that accepts every connection in a thread; `_verbonden` decides what
    happens with one."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(50)
        self.verbindingen = []
        threading.Thread(target=self._neem_aan, daemon=True).start()

    @property
    def poort(self):
        return self.socket.getsockname()[1]

    def _neem_aan(self):
        while True:
            try:
                klant, _ = self.socket.accept()
            except OSError:
                return
            self._verbonden(klant)

    def sluit(self):
        self.socket.close()
        for verbinding in self.verbindingen:
            verbinding.close()


class HangendeBroker(Luisteraar):
    """Accepts every connection and never answers, as a Redis frozen by a long fork or pause."""

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.poort}/0"

    def _verbonden(self, klant):
        self.verbindingen.append(klant)


class BevriezendeRedis(Luisteraar):
    """A TCP proxy in front of the real Redis that, once frozen, passes nothing on any more:
    a broker that answered a moment ago and now hangs on an open connection."""

    def __init__(self, redis_url):
        self.doel = urlsplit(redis_url)
        self.bevroren = threading.Event()
        super().__init__()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.poort}{self.doel.path}"

    def _verbonden(self, klant):
        redis_kant = socket.create_connection((self.doel.hostname, self.doel.port))
        self.verbindingen += [klant, redis_kant]
        for van, naar in ((klant, redis_kant), (redis_kant, klant)):
            threading.Thread(target=self._pomp, args=(van, naar), daemon=True).start()

    def _pomp(self, van, naar):
        while True:
            try:
                data = van.recv(65536)
                if not data:
                    return
                if not self.bevroren.is_set():
                    naar.sendall(data)
            except OSError:
                return


def gebruik_broker(url):
    """Point the app (not eager) at this broker, with fresh connection pools."""
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(monkeypatch):
    """Switch to a real broker for one test; afterwards the embedded default (eager) again."""
    oud = app.conf.broker_url, app.conf.task_always_eager
    # Each test starts with a process that has not yet seen the broker fail.
    monkeypatch.setattr(services, "_broker_onbereikbaar_tot", {})
    yield gebruik_broker
    app.conf.broker_url, app.conf.task_always_eager = oud
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def hangende_broker():
    hangend = HangendeBroker()
    yield hangend
    hangend.sluit()


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        if VEREIST:
            pytest.fail("CI moet deze test draaien met REDIS_URL")
        pytest.skip("alleen met REDIS_URL")
    redis.Redis.from_url(url).flushdb()
    yield url
    redis.Redis.from_url(url).flushdb()


def wachtrij_lengte(url):
    return redis.Redis.from_url(url).llen("celery")


@pytest.fixture
def vijf_mails(po, ib, django_capture_on_commit_callbacks):
    """One action that queues five mails; it returns how long it took, its on-commit hooks
    (the enqueue) included, and how many hooks ran."""

    def actie():
        context = voorbeeld_context(Soort.AANPAK_BEHANDELAAR)
        begin = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True) as hooks, transaction.atomic():
            for _ in range(5):
                maak_notificatie(
                    ontvanger=ib,
                    omgeving=po,
                    soort=Soort.AANPAK_BEHANDELAAR,
                    context=context,
                    pad="/",
                )
        return time.monotonic() - begin, len(hooks)

    return actie


@pytest.mark.django_db
def test_hangende_broker_houdt_de_actie_niet_op(broker, hangende_broker, vijf_mails):
    # The same action first with the embedded default (sent at once), so that what is timed
    # below is the broker and not the first rendering of templates in this process.
    vijf_mails()
    broker(hangende_broker.url)

    duur, hooks = vijf_mails()

    assert hooks == 5
    assert duur < 1.0
    # The broker was reached once (one connection), not once per mail.
    assert len(hangende_broker.verbindingen) == 1
    statussen = Notificatie.objects.order_by("pk").values_list("status", flat=True)
    assert list(statussen) == ["verstuurd"] * 5 + ["te_versturen"] * 5


@pytest.mark.django_db
def test_weigerende_broker_houdt_de_actie_niet_op(broker, vijf_mails):
    # The same action first with the embedded default (sent at once), so that what is timed
    # below is the broker and not the first rendering of templates in this process.
    vijf_mails()
    broker("redis://127.0.0.1:1/0")

    duur, hooks = vijf_mails()

    assert hooks == 5
    assert duur < 1.0
    statussen = Notificatie.objects.order_by("pk").values_list("status", flat=True)
    assert list(statussen) == ["verstuurd"] * 5 + ["te_versturen"] * 5


@pytest.mark.django_db
def test_na_een_fout_wacht_het_proces_even_met_de_broker(
    po, ib, broker, redis_url, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIE_BROKER_PAUZE_SECONDEN = 0.5
    context = voorbeeld_context(Soort.AANPAK_BEHANDELAAR)

    def een_mail():
        with django_capture_on_commit_callbacks(execute=True):
            maak_notificatie(
                ontvanger=ib, omgeving=po, soort=Soort.AANPAK_BEHANDELAAR, context=context, pad="/"
            )

    proxy = BevriezendeRedis(redis_url)
    broker(proxy.url)
    try:
        proxy.bevroren.set()
        een_mail()
        # The broker answers again, but within the pause this process does not try it.
        proxy.bevroren.clear()
        een_mail()
        assert wachtrij_lengte(redis_url) == 0

        time.sleep(0.6)
        een_mail()
    finally:
        proxy.sluit()
    assert wachtrij_lengte(redis_url) == 1


@pytest.mark.django_db
def test_broker_die_halverwege_gaat_hangen_houdt_de_actie_niet_op(broker, redis_url, vijf_mails):
    proxy = BevriezendeRedis(redis_url)
    broker(proxy.url)
    try:
        vijf_mails()
        assert wachtrij_lengte(redis_url) == 5

        # The pooled connection is open; from now on Redis does not answer on it.
        proxy.bevroren.set()
        duur, _ = vijf_mails()
    finally:
        proxy.sluit()

    assert duur < 1.0
    assert wachtrij_lengte(redis_url) == 5
    statussen = Notificatie.objects.order_by("pk").values_list("status", flat=True)
    assert list(statussen)[5:] == ["te_versturen"] * 5


@pytest.fixture
def broker_url(broker, redis_url):
    """The Redis the worker of test_echte_worker reads; the web side starts on a dead broker."""
    if connection.vendor != "postgresql":
        if VEREIST:
            pytest.fail("CI moet deze test draaien op PostgreSQL")
        pytest.skip("alleen met PostgreSQL")
    broker("redis://127.0.0.1:1/0")
    return redis_url


@pytest.mark.django_db(transaction=True)
def test_na_herstel_verstuurt_de_herstarter_de_wachtende_mail(
    po, ib, broker, broker_url, smtp_server, worker
):
    _, postvak = smtp_server
    context = {**voorbeeld_context(Soort.AANPAK_BEHANDELAAR), "leerling_naam": "Daan Willemsen"}

    with transaction.atomic():
        notificatie = maak_notificatie(
            ontvanger=ib, omgeving=po, soort=Soort.AANPAK_BEHANDELAAR, context=context, pad="/"
        )
    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.TE_VERSTUREN
    assert notificatie.pogingen == 0

    # The broker is back; the row waited longer than NOTIFICATIE_HERSTART_NA_SECONDEN (120).
    broker(broker_url)
    Notificatie.objects.filter(pk=notificatie.pk).update(
        volgende_poging_op=notificatie.volgende_poging_op - timedelta(seconds=121)
    )
    herstart_wachtende_notificaties.delay()

    einde = time.monotonic() + 60
    while not postvak.berichten and time.monotonic() < einde and worker.poll() is None:
        time.sleep(0.2)
    if not postvak.berichten:
        worker.terminate()
        pytest.fail(
            "geen mail ontvangen; worker-log:\n" + worker.communicate(timeout=20)[0][-4000:]
        )
    assert len(postvak.berichten) == 1
    assert postvak.berichten[0].rcpt_tos == ["ib@voorbeeld.test"]
    while time.monotonic() < einde:
        notificatie.refresh_from_db()
        if notificatie.status == Notificatie.Status.VERSTUURD:
            break
        time.sleep(0.2)
    assert notificatie.status == Notificatie.Status.VERSTUURD
    assert notificatie.pogingen == 1

"""Integration on real services: a Celery worker process on Redis delivers over SMTP.

Runs where PostgreSQL and Redis are (CI always: there a skip is a failure). The worker is a
separate process that reads the test database, so the test commits for real.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, transaction

from kindkans.celery import app
from notificaties.catalogus import Soort, voorbeeld_context
from notificaties.models import Notificatie
from notificaties.services import maak_notificatie

ROOT = Path(__file__).resolve().parents[2]
VEREIST = bool(os.environ.get("KINDKANS_TEST_VEREIST_POSTGRES"))


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postvak:
    """An SMTP server's handler that keeps what it receives."""

    def __init__(self):
        self.berichten = []

    async def handle_DATA(self, server, session, envelope):
        self.berichten.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    postvak = Postvak()
    controller = Controller(postvak, hostname="127.0.0.1", port=vrije_poort())
    controller.start()
    yield controller, postvak
    controller.stop()


@pytest.fixture
def broker_url():
    basis = os.environ.get("REDIS_URL", "")
    if connection.vendor != "postgresql" or not basis:
        if VEREIST:
            pytest.fail("CI moet deze test draaien op PostgreSQL met REDIS_URL")
        pytest.skip("alleen met PostgreSQL en REDIS_URL")
    # A database number of its own, so no other worker on this Redis takes the task.
    url = basis.rsplit("/", 1)[0] + "/13"
    import redis

    redis.Redis.from_url(url).flushdb()
    oud = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    app._pool = None
    app.amqp._producer_pool = None
    yield url
    app.conf.broker_url, app.conf.task_always_eager = oud
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(broker_url, smtp_server):
    controller, _ = smtp_server
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port),
        "DEFAULT_FROM_EMAIL": "Kindkans <noreply@kindkans.test>",
    }
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kindkans",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield proces
    proces.terminate()
    try:
        proces.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proces.kill()


@pytest.mark.django_db(transaction=True)
def test_echte_worker_levert_de_mail_af_bij_de_smtp_server(po, ib, smtp_server, worker):
    _, postvak = smtp_server
    context = {**voorbeeld_context(Soort.AANPAK_BEHANDELAAR), "leerling_naam": "Daan Willemsen"}

    with transaction.atomic():
        notificatie = maak_notificatie(
            ontvanger=ib, omgeving=po, soort=Soort.AANPAK_BEHANDELAAR, context=context, pad="/"
        )

    einde = time.monotonic() + 60
    while not postvak.berichten and time.monotonic() < einde and worker.poll() is None:
        time.sleep(0.2)
    if not postvak.berichten:
        worker.terminate()
        pytest.fail(
            "geen mail ontvangen; worker-log:\n" + worker.communicate(timeout=20)[0][-4000:]
        )

    assert len(postvak.berichten) == 1
    bericht = postvak.berichten[0]
    assert bericht.rcpt_tos == ["ib@voorbeeld.test"]
    inhoud = bericht.content.decode()
    assert "Subject: Nieuwe aanpak voor u als behandelaar van Daan Willemsen" in inhoud
    assert "nieuwe aanpak toegevoegd voor u als behandelaar van Daan Willemsen." in inhoud
    while time.monotonic() < einde:
        notificatie.refresh_from_db()
        if notificatie.status == Notificatie.Status.VERSTUURD:
            break
        time.sleep(0.2)
    assert notificatie.status == Notificatie.Status.VERSTUURD
    assert notificatie.pogingen == 1

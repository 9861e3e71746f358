"""The access log itself: what a row copies, that it cannot be changed, and its retention."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from logboek import services
from logboek.models import Actie, Logregel

pytestmark = pytest.mark.django_db

alleen_postgres = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="de trigger bestaat alleen op PostgreSQL"
)


@pytest.fixture
def verzoek(po, maak_lid, settings):
    settings.KINDKANS_PROXY_AANTAL = 1
    rik = maak_lid(po, "regierolhouder", voornaam="Rik", achternaam="de Wit")
    request = RequestFactory().get(
        "/hulpvragen/7/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.2"
    )
    request.user = rik
    request.omgeving = po
    request.lidmaatschappen = list(rik.lidmaatschappen.all())
    request.request_id = "a" * 32
    return request


def test_een_regel_kopieert_wie_waar_en_vanwaar(verzoek, po, django_assert_num_queries):
    with django_assert_num_queries(1):
        services.leg_vast(verzoek, actie=Actie.HULPVRAAG_BEKEKEN, hulpvraag_id=7, leerling_id=3)

    regel = Logregel.objects.get()
    assert regel.hulpvraag_id == 7
    assert regel.leerling_id == 3
    assert regel.actie == "hulpvraag_bekeken"
    assert regel.gebruiker_id == verzoek.user.pk
    assert regel.gebruiker_naam == "Rik de Wit"
    assert regel.rol == "Regierolhouder"
    assert regel.omgeving_id == po.pk
    assert regel.omgeving_code == "PO2811"
    assert regel.clientadres == "203.0.113.9"
    assert regel.request_id == "a" * 32


def test_regel_blijft_als_de_persoon_verdwijnt(verzoek):
    services.leg_vast(verzoek, actie=Actie.HULPVRAAG_BEKEKEN, hulpvraag_id=7)

    verzoek.user.delete()

    assert Logregel.objects.get().gebruiker_naam == "Rik de Wit"


@alleen_postgres
def test_update_en_delete_worden_geweigerd(verzoek):
    services.leg_vast(verzoek, actie=Actie.HULPVRAAG_BEKEKEN, hulpvraag_id=7)

    with pytest.raises(DatabaseError), transaction.atomic():
        Logregel.objects.update(gebruiker_naam="Iemand anders")
    with pytest.raises(DatabaseError), transaction.atomic():
        Logregel.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM logboek_logregel")

    assert Logregel.objects.get().gebruiker_naam == "Rik de Wit"


@alleen_postgres
def test_brin_index_op_tijdstip():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'logregel_tijdstip_brin'")
        (definitie,) = cursor.fetchone()
    assert "USING brin (tijdstip)" in definitie


def test_bewaartermijn_verwijdert_alleen_oude_regels_in_porties(verzoek, settings):
    settings.LOGBOEK_BEWAAR_JAREN = 5
    nu = timezone.now()
    for dagen in (5 * 365 + 10, 5 * 365 + 2, 5 * 365 + 1, 5 * 365 - 1, 30):
        with time_travel(nu - datetime.timedelta(days=dagen)):
            services.leg_vast(verzoek, actie=Actie.HULPVRAAG_BEKEKEN, hulpvraag_id=dagen)

    verwijderd = services.ruim_oude_regels_op(batch=2)

    assert verwijderd == 3
    assert sorted(Logregel.objects.values_list("hulpvraag_id", flat=True)) == [30, 5 * 365 - 1]


def test_opruimen_staat_in_het_schema_van_beat(settings):
    taak = settings.CELERY_BEAT_SCHEDULE["ruim-logboek-op"]
    assert taak["task"] == "logboek.tasks.ruim_logboek_op"
    assert taak["schedule"] == 24 * 3600


def time_travel(moment):
    import time_machine

    return time_machine.travel(moment, tick=False)


@alleen_postgres
def test_brin_index_vat_zichzelf_samen():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'logregel_tijdstip_brin'")
        (opties,) = cursor.fetchone()
    assert opties == ["autosummarize=on"]

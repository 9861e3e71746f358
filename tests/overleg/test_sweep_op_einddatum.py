"""The expiry sweep on the einddatum itself keeps the deelnemer's access; the day after not."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from hulpvragen.models import HulpvraagRecht
from overleg import services, tasks

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_sweep_op_de_laatste_dag_laat_de_deelnemer_binnen(client, dossier):
    einddatum = timezone.localdate() + datetime.timedelta(days=3)
    services.maak_overlegronde(
        door=dossier["regie"],
        hulpvraag=dossier["hulpvraag"],
        titel="Meekijken gedrag",
        omschrijving="Wil je meekijken naar het plan?",
        einddatum=einddatum,
        deelnemers=[dossier["extern"]],
    )
    hv, extern = dossier["hulpvraag"], dossier["extern"]

    laatste_avond = datetime.datetime.combine(einddatum, datetime.time(23, 30), AMSTERDAM)
    with time_machine.travel(laatste_avond, tick=False):
        tasks.beeindig_verlopen_overlegrondes.apply()
        assert HulpvraagRecht.objects.filter(user=extern, content_object=hv).count() == 2
        client.force_login(extern)
        assert client.get(reverse("hulpvragen:detail", args=[hv.pk])).status_code == 200

    volgende_ochtend = datetime.datetime.combine(
        einddatum + datetime.timedelta(days=1), datetime.time(0, 30), AMSTERDAM
    )
    with time_machine.travel(volgende_ochtend, tick=False):
        tasks.beeindig_verlopen_overlegrondes.apply()
        assert not HulpvraagRecht.objects.filter(user=extern, content_object=hv).exists()

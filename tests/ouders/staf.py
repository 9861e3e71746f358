"""Helpers of the tests of the staff's pages (tab Ouders en leerling, the parents on the leerling,
a parent in an overlegronde)."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from ouders.models import Toestemmingssoort
from overleg import services as overleg_services

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Monday noon in Amsterdam: every date on the pages is known in words.
NU = datetime.datetime(2026, 3, 16, 12, 0, tzinfo=AMSTERDAM)


def soort(code):
    return Toestemmingssoort.objects.get(omgeving__isnull=True, code=code)


def tab(gezin):
    return reverse("ouders:tab", args=[gezin["hulpvraag"].pk])


def algemeen(gezin):
    return reverse("hulpvragen:detail", args=[gezin["hulpvraag"].pk])


def ronde(gezin, deelnemers, door=None, dagen=7):
    return overleg_services.maak_overlegronde(
        door=door or gezin["regie"],
        hulpvraag=gezin["hulpvraag"],
        titel="Meekijken thuis",
        omschrijving="Wilt u meelezen en vertellen hoe het thuis gaat?",
        einddatum=timezone.localdate() + datetime.timedelta(days=dagen),
        deelnemers=deelnemers,
    )


def tekst(response):
    """The page's text with its white space folded, to find a sentence that spans lines."""
    return " ".join(response.content.decode().split())

"""A parent's visit: after the right code, the session holds which invitation it is, until when.

Every page of a parent reads the visit through `bezoek`, which checks it against the database
each time: the invitation still runs (not withdrawn, not past its last day, the round still
open), its link was not renewed since, and the page's hulpvraag is the invitation's. Anything
else answers 404, as for a person without access.
"""

from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Uitnodiging

SLEUTEL = "kindkans_ouder_bezoek"


def open_bezoek(request, uitnodiging):
    """Start a visit (the code was right): a new session key, and the link is used up."""
    request.session.cycle_key()
    tot = timezone.now() + timedelta(minutes=settings.OUDER_BEZOEK_MINUTEN)
    request.session[SLEUTEL] = {
        "uitnodiging": uitnodiging.pk,
        "linkversie": uitnodiging.linkversie,
        "tot": tot.isoformat(),
    }
    uitnodiging.link_gebruikt_op = timezone.now()
    uitnodiging.save(update_fields=["link_gebruikt_op"])


def sluit_bezoek(request):
    request.session.pop(SLEUTEL, None)


def huidig(request):
    """The invitation of this session's visit if it is still valid, else None."""
    gegevens = request.session.get(SLEUTEL)
    if not gegevens:
        return None
    tot = parse_datetime(gegevens.get("tot", ""))
    if tot is None or tot < timezone.now():
        sluit_bezoek(request)
        return None
    uitnodiging = (
        Uitnodiging.objects.select_related(
            "ouder", "hulpvraag__leerling__school", "hulpvraag__omgeving", "overlegronde"
        )
        .filter(pk=gegevens.get("uitnodiging"), linkversie=gegevens.get("linkversie"))
        .first()
    )
    if (
        uitnodiging is None
        or not uitnodiging.loopt()
        or uitnodiging.ouder.leerling_id != uitnodiging.hulpvraag.leerling_id
    ):
        sluit_bezoek(request)
        return None
    return uitnodiging


def bezoek(request, hulpvraag_id):
    """The visit's invitation for this hulpvraag, or 404."""
    uitnodiging = huidig(request)
    if uitnodiging is None or uitnodiging.hulpvraag_id != hulpvraag_id:
        raise Http404("Geen bezoek voor deze hulpvraag.")
    return uitnodiging

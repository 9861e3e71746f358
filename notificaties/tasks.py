from celery import shared_task
from django.utils import timezone

from . import verzending
from .models import Notificatie

# A row another worker holds is tried again this soon, this many times; after that the
# periodic task (herstart_wachtende_notificaties) picks it up if it still waits.
BEZET_OPNIEUW_SECONDEN = 5
BEZET_MAX_KEER = 24


@shared_task(bind=True, max_retries=None, acks_late=True)
def verstuur_notificatie(self, notificatie_id, bezet=0):
    """Send one notification; after a temporary error, try again when its backoff has passed."""
    try:
        notificatie = verzending.verstuur(notificatie_id)
    except verzending.Bezet:
        if bezet >= BEZET_MAX_KEER:
            return
        raise self.retry(
            args=[notificatie_id], kwargs={"bezet": bezet + 1}, countdown=BEZET_OPNIEUW_SECONDEN
        ) from None
    if notificatie is not None and notificatie.status == Notificatie.Status.TE_VERSTUREN:
        wacht = (notificatie.volgende_poging_op - timezone.now()).total_seconds()
        raise self.retry(args=[notificatie_id], kwargs={}, countdown=max(wacht, 0))


@shared_task
def herstart_wachtende_notificaties():
    """Queue again what waited too long (broker down at commit, worker crashed, lost retry)."""
    ids = verzending.claim_wachtende()
    for notificatie_id in ids:
        verstuur_notificatie.delay(notificatie_id)
    return len(ids)

from celery import shared_task
from django.utils import timezone

from . import verzending
from .models import Notificatie


@shared_task(bind=True, max_retries=None, acks_late=True)
def verstuur_notificatie(self, notificatie_id):
    """Send one notification; after a temporary error, try again when its backoff has passed."""
    notificatie = verzending.verstuur(notificatie_id)
    if notificatie is not None and notificatie.status == Notificatie.Status.TE_VERSTUREN:
        wacht = (notificatie.volgende_poging_op - timezone.now()).total_seconds()
        raise self.retry(countdown=max(wacht, 0))


@shared_task
def herstart_wachtende_notificaties():
    """Queue again what waited too long (broker down at commit, worker crashed, lost retry)."""
    ids = verzending.claim_wachtende()
    for notificatie_id in ids:
        verstuur_notificatie.delay(notificatie_id)
    return len(ids)

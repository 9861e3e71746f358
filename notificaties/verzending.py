"""Sending one Notificatie through Django's mail API: at most once, retried with backoff."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from .geheime_links import zoals_verstuurd
from .models import Notificatie

logger = logging.getLogger(__name__)


def wachttijd(pogingen):
    """Exponential backoff after `pogingen` failed attempts: 1, 2, 4, 8… minutes."""
    return timedelta(seconds=settings.NOTIFICATIE_BACKOFF_SECONDEN * 2 ** (pogingen - 1))


def verstuur(notificatie_id):
    """Send the notification if it still waits; return it, or None when there is nothing to do.

    The row is locked for the attempt; a row that another worker holds, or that was sent or
    given up already, is skipped, so two workers never send the same mail twice.
    """
    with transaction.atomic():
        notificatie = (
            Notificatie.objects.select_for_update(skip_locked=True)
            .select_related("ontvanger")
            .filter(pk=notificatie_id, status=Notificatie.Status.TE_VERSTUREN)
            .first()
        )
        if notificatie is None:
            return None
        notificatie.pogingen += 1
        try:
            # A link to set a password is made now and lives only in the mail.
            tekst, html = zoals_verstuurd(notificatie)
            bericht = EmailMultiAlternatives(
                subject=notificatie.onderwerp,
                body=tekst,
                to=[notificatie.ontvanger.email],
            )
            if html:
                bericht.attach_alternative(html, "text/html")
            bericht.send()
        except Exception as fout:  # noqa: BLE001 - every transport error counts as an attempt
            notificatie.laatste_fout = f"{type(fout).__name__}: {fout}"[:2000]
            if notificatie.pogingen >= settings.NOTIFICATIE_MAX_POGINGEN:
                notificatie.status = Notificatie.Status.MISLUKT
                logger.error("Notificatie %s mislukt: %s", notificatie.pk, notificatie.laatste_fout)
            else:
                notificatie.volgende_poging_op = timezone.now() + wachttijd(notificatie.pogingen)
                logger.warning(
                    "Notificatie %s poging %s mislukt: %s",
                    notificatie.pk,
                    notificatie.pogingen,
                    notificatie.laatste_fout,
                )
        else:
            notificatie.status = Notificatie.Status.VERSTUURD
            notificatie.verstuurd_op = timezone.now()
            notificatie.laatste_fout = ""
        notificatie.save(
            update_fields=[
                "pogingen",
                "status",
                "verstuurd_op",
                "laatste_fout",
                "volgende_poging_op",
            ]
        )
        return notificatie


def claim_wachtende():
    """Ids of notifications that should have gone out a while ago; they are given a new turn.

    Selects on state (te versturen, turn passed by more than the grace period), so it catches up
    by itself after downtime. The new turn keeps the next sweep from queueing them again while
    this round is under way.
    """
    nu = timezone.now()
    marge = timedelta(seconds=settings.NOTIFICATIE_HERSTART_NA_SECONDEN)
    with transaction.atomic():
        ids = list(
            Notificatie.objects.select_for_update(skip_locked=True)
            .filter(status=Notificatie.Status.TE_VERSTUREN, volgende_poging_op__lte=nu - marge)
            .order_by("volgende_poging_op")
            .values_list("pk", flat=True)[: settings.NOTIFICATIE_HERSTART_MAX]
        )
        Notificatie.objects.filter(pk__in=ids).update(volgende_poging_op=nu)
    return ids

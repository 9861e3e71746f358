"""Sending one Notificatie through Django's mail API: once per attempt, retried with backoff.

Over SMTP a mail goes out at least once: a worker killed after the server accepted the mail but
before the row is marked sent leaves it waiting, and it is sent again. Every attempt carries the
same Message-ID (bericht_id), so the copy is recognisable as one.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

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


class Bezet(Exception):
    """Another worker (or the beheer's "Opnieuw versturen") holds the row right now."""


def bericht_id(notificatie):
    """The Message-ID of this notification's mail: the same for every attempt and copy."""
    domein = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<notificatie.{notificatie.pk}@{domein}>"


def verstuur(notificatie_id):
    """Send the notification if it still waits; return it, or None when there is nothing to do.

    Only the Notificatie row is locked for the attempt (not the recipient's account: their
    login and other mails to them go on while the mail server is slow). A row that another
    worker holds raises Bezet, so that the task tries again shortly; a row that was sent or
    given up already is skipped. Two workers never send the same mail at the same time.
    """
    with transaction.atomic():
        notificatie = (
            Notificatie.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("ontvanger")
            .filter(pk=notificatie_id, status=Notificatie.Status.TE_VERSTUREN)
            .first()
        )
        if notificatie is None:
            if Notificatie.objects.filter(
                pk=notificatie_id, status=Notificatie.Status.TE_VERSTUREN
            ).exists():
                raise Bezet(notificatie_id)
            return None
        notificatie.pogingen += 1
        try:
            # A link to set a password is made now and lives only in the mail.
            tekst, html = zoals_verstuurd(notificatie)
            bericht = EmailMultiAlternatives(
                subject=notificatie.onderwerp,
                body=tekst,
                to=[notificatie.e_mailadres],
                headers={"Message-ID": bericht_id(notificatie)},
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

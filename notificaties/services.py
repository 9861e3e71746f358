"""The one entry point the domain apps call to notify a person, and the outbox's own actions."""

import logging
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.selectors import beheerde_omgeving_ids

from . import tasks
from .geheime_links import PLAATSHOUDER, heeft_geheime_link
from .models import MailSjabloon, Notificatie
from .weergave import SjabloonFout, render_bronnen, render_html, render_standaard

logger = logging.getLogger(__name__)


# Per broker URL: until when (time.monotonic()) this process leaves that broker alone after it
# failed. Shared by the threads of a web process; a lost race costs one more short attempt.
_broker_onbereikbaar_tot = {}


def _na_commit_versturen(notificatie_id):
    # A broker that is down or hangs must not undo, break or hold up the user's action: the row
    # waits as "te versturen" and the periodic task sends it (DESIGN.md §8). One short attempt
    # (the timeouts in settings, no publish retries); after a failure the following mails skip
    # the broker for NOTIFICATIE_BROKER_PAUZE_SECONDEN, so an action with many mails costs no
    # more than one. robust=True still guards the hooks after this one against anything else.
    # A named function, not a partial: Django logs a failing hook by its __qualname__.
    def _zet_in_wachtrij():
        broker = tasks.verstuur_notificatie.app.conf.broker_url
        if time.monotonic() < _broker_onbereikbaar_tot.get(broker, 0.0):
            logger.info("Broker onbereikbaar; notificatie %s wacht op herstart", notificatie_id)
            return
        try:
            tasks.verstuur_notificatie.apply_async((notificatie_id,), retry=False)
        except OperationalError:
            pauze = settings.NOTIFICATIE_BROKER_PAUZE_SECONDEN
            _broker_onbereikbaar_tot[broker] = time.monotonic() + pauze
            # Once per pause, not once per mail.
            logger.exception(
                "Broker onbereikbaar; notificatie %s en wat volgt binnen %s s wacht op herstart",
                notificatie_id,
                pauze,
            )

    transaction.on_commit(_zet_in_wachtrij, robust=True)


def maak_notificatie(*, ontvanger, omgeving, soort, context, pad):
    """Write a mail to one person into the outbox; it is sent after the caller's commit.

    `pad` is the page in the portal the mail is about; the mail links to it through
    /meldingen/<id>/, which also switches to the right omgeving after login. A mail with a
    link to set a password (geheime_links) stores a placeholder instead; its link is made when
    it is sent. `omgeving` is None for a mail about the account itself.
    """
    with transaction.atomic():
        notificatie = Notificatie(
            ontvanger=ontvanger,
            omgeving=omgeving,
            soort=soort,
            pad=pad,
            onderwerp="",
            tekst="",
            link="",
        )
        notificatie.save()
        if heeft_geheime_link(soort):
            notificatie.link = PLAATSHOUDER
        else:
            notificatie.link = settings.SITE_URL + reverse(
                "notificaties:open", args=[notificatie.pk]
            )
        context = {**context, "link": notificatie.link}
        onderwerp, tekst = _render(omgeving=omgeving, soort=soort, context=context)
        notificatie.onderwerp = onderwerp[:250]
        notificatie.tekst = tekst
        notificatie.html = render_html(onderwerp=onderwerp, tekst=tekst, link=notificatie.link)
        notificatie.save(update_fields=["link", "onderwerp", "tekst", "html"])
        _na_commit_versturen(notificatie.pk)
    return notificatie


def _render(*, omgeving, soort, context):
    eigen = None
    if omgeving is not None and not heeft_geheime_link(soort):
        eigen = MailSjabloon.objects.filter(omgeving=omgeving, soort=soort).first()
    if eigen is not None:
        try:
            return render_bronnen(onderwerp=eigen.onderwerp, tekst=eigen.tekst, context=context)
        except SjabloonFout:
            # Checked on save against the example context; should a real value still break
            # it, the user's action goes on with the shipped text.
            logger.exception("Eigen mailtekst %s faalt; standaardtekst gebruikt", eigen.pk)
    return render_standaard(soort, context)


def verstuur_opnieuw(*, door, notificaties):
    """Beheerder sends failed (or waiting) notifications again, with a fresh count of attempts."""
    toegestaan = None if door.is_superuser else beheerde_omgeving_ids(door)
    opnieuw = []
    with transaction.atomic():
        for notificatie in notificaties.select_for_update():
            if toegestaan is not None and notificatie.omgeving_id not in toegestaan:
                raise PermissionDenied("U beheert de omgeving van deze notificatie niet.")
            if notificatie.status == Notificatie.Status.VERSTUURD:
                continue
            notificatie.status = Notificatie.Status.TE_VERSTUREN
            notificatie.pogingen = 0
            notificatie.volgende_poging_op = timezone.now()
            notificatie.save(update_fields=["status", "pogingen", "volgende_poging_op"])
            _na_commit_versturen(notificatie.pk)
            opnieuw.append(notificatie)
    return opnieuw


def markeer_gelezen(*, door, notificatie):
    """The recipient opened the notification in the portal."""
    if notificatie.ontvanger_id != door.pk:
        raise PermissionDenied("Dit is niet uw melding.")
    if notificatie.gelezen_op is None:
        notificatie.gelezen_op = timezone.now()
        notificatie.save(update_fields=["gelezen_op"])
    return notificatie


def markeer_alles_gelezen(*, door, omgeving):
    """The recipient marks all their notifications in this omgeving as read."""
    return (
        Notificatie.objects.ongelezen()
        .filter(ontvanger=door, omgeving=omgeving)
        .update(gelezen_op=timezone.now())
    )

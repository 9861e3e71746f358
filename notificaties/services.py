"""The one entry point the domain apps call to notify a person, and the outbox's own actions."""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from accounts.selectors import beheerde_omgeving_ids

from . import tasks
from .catalogus import ALTIJD_METEEN, Soort, sjabloon_map
from .geheime_links import PLAATSHOUDER, heeft_geheime_link, mag_eigen_tekst
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


def wacht_op_overzicht(*, ontvanger, omgeving, soort):
    """Whether this melding waits for the recipient's daily overview instead of its own mail.

    Only a melding of the case, in an omgeving (where the Meldingen page holds it), to a person
    who chose one mail a day; the account mails and the overview itself go at once.
    """
    return (
        ontvanger is not None
        and omgeving is not None
        and soort not in ALTIJD_METEEN
        and not heeft_geheime_link(soort)
        and ontvanger.meldingen_per_mail == ontvanger.MeldingenPerMail.DAGELIJKS
    )


def maak_notificatie(*, ontvanger, omgeving, soort, context, pad, adres="", naam=""):
    """Write a mail to one person into the outbox; it is sent after the caller's commit.

    `pad` is the page in the portal the mail is about; the mail links to it through
    /meldingen/<id>/, which also switches to the right omgeving after login. A mail with a
    link to set a password (geheime_links) stores a placeholder instead; its link is made when
    it is sent. `omgeving` is None for a mail about the account itself. For a person who chose
    one mail a day, a melding of the case is written the same way but waits for their daily
    overview (werk.dagoverzicht) instead of being sent.

    A recipient without an account (a parent, ouders) has `ontvanger` None and `adres` and
    `naam` instead; such a mail is never among anyone's Meldingen and always goes at once.
    """
    if ontvanger is None and not adres:
        raise ValueError("Een notificatie heeft een ontvanger of een e-mailadres nodig.")
    wacht = wacht_op_overzicht(ontvanger=ontvanger, omgeving=omgeving, soort=soort)
    with transaction.atomic():
        notificatie = Notificatie(
            ontvanger=ontvanger,
            adres="" if ontvanger is not None else adres,
            naam="" if ontvanger is not None else naam,
            omgeving=omgeving,
            soort=soort,
            pad=pad,
            onderwerp="",
            tekst="",
            link="",
            status=(
                Notificatie.Status.WACHT_OP_OVERZICHT if wacht else Notificatie.Status.TE_VERSTUREN
            ),
        )
        notificatie.save()
        _vul_in(notificatie, context)
        if not wacht:
            _na_commit_versturen(notificatie.pk)
    return notificatie


def _vul_in(notificatie, context):
    """Give a just saved row its link, and its subject and text rendered with that link."""
    if heeft_geheime_link(notificatie.soort):
        notificatie.link = PLAATSHOUDER
    else:
        notificatie.link = settings.SITE_URL + reverse("notificaties:open", args=[notificatie.pk])
    context = {**context, "link": notificatie.link}
    onderwerp, tekst = _render(
        omgeving=notificatie.omgeving, soort=notificatie.soort, context=context
    )
    notificatie.onderwerp = onderwerp[:250]
    notificatie.tekst = tekst
    notificatie.html = render_html(onderwerp=onderwerp, tekst=tekst, link=notificatie.link)
    notificatie.save(update_fields=["link", "onderwerp", "tekst", "html"])


def _render(*, omgeving, soort, context):
    eigen = None
    if omgeving is not None and (not heeft_geheime_link(soort) or mag_eigen_tekst(soort)):
        eigen = MailSjabloon.objects.filter(omgeving=omgeving, soort=soort).first()
    if eigen is not None:
        try:
            return render_bronnen(onderwerp=eigen.onderwerp, tekst=eigen.tekst, context=context)
        except SjabloonFout:
            # Checked on save against the example context; should a real value still break
            # it, the user's action goes on with the shipped text.
            logger.exception("Eigen mailtekst %s faalt; standaardtekst gebruikt", eigen.pk)
    return render_standaard(soort, context)


# Sent already, or not a mail of its own: a melding for (or in) a daily overview goes out
# in that overview, whose own row can be sent again.
_NIET_OPNIEUW = {
    Notificatie.Status.VERSTUURD,
    Notificatie.Status.WACHT_OP_OVERZICHT,
    Notificatie.Status.IN_OVERZICHT,
}


def verstuur_opnieuw(*, door, notificaties):
    """Beheerder sends failed (or waiting) notifications again, with a fresh count of attempts."""
    toegestaan = None if door.is_superuser else beheerde_omgeving_ids(door)
    opnieuw = []
    with transaction.atomic():
        # Only the rows themselves: the admin's list joins the (nullable) omgeving, which
        # PostgreSQL cannot lock through an outer join.
        for notificatie in notificaties.select_related(None).select_for_update(of=("self",)):
            if toegestaan is not None and notificatie.omgeving_id not in toegestaan:
                raise PermissionDenied("U beheert de omgeving van deze notificatie niet.")
            if notificatie.status in _NIET_OPNIEUW:
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


# --- Meldingen per mail: the person's choice, and the daily overview ---------------------------

# Longest list in one overview mail; the rest are counted, and all are on the Meldingen page.
MAX_IN_OVERZICHT = 50


def stel_meldingen_per_mail_in(*, door, meldingen_per_mail, overzicht_uur):
    """The person chooses a mail per melding, or one mail a day at an hour of their choice.

    Returns how many meldingen that were waiting for the overview are now mailed one by one
    (on a switch back to a mail per melding).
    """
    velden = {"meldingen_per_mail": meldingen_per_mail, "overzicht_uur": overzicht_uur}
    for naam, waarde in velden.items():
        # The model's own choices: a caller other than the form cannot store a 25th hour.
        door._meta.get_field(naam).clean(waarde, door)
    with transaction.atomic():
        for naam, waarde in velden.items():
            setattr(door, naam, waarde)
        door.save(update_fields=list(velden))
        if meldingen_per_mail == door.MeldingenPerMail.DAGELIJKS:
            return 0
        return len(laat_wachtende_los(ontvanger_ids=[door.pk]))


def laat_wachtende_los(*, ontvanger_ids):
    """Meldingen still waiting for an overview of these people go out as mails of their own.

    For whoever switched back to a mail per melding; also the hourly run's safety net for a
    melding written while that switch was under way. A row a daily overview is claiming right
    now is skipped (it is in that overview).
    """
    with transaction.atomic():
        ids = list(
            Notificatie.objects.select_for_update(skip_locked=True)
            .filter(ontvanger_id__in=ontvanger_ids, status=Notificatie.Status.WACHT_OP_OVERZICHT)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Notificatie.objects.filter(pk__in=ids).update(
            status=Notificatie.Status.TE_VERSTUREN, volgende_poging_op=timezone.now()
        )
        for notificatie_id in ids:
            _na_commit_versturen(notificatie_id)
    return ids


class _NietsTeMelden(Exception):
    """The waiting meldingen went elsewhere in the meantime, and no actie waits."""


def maak_dagelijks_overzicht(*, ontvanger, omgeving, datum, acties, pad):
    """Write a person's daily overview of one omgeving: the meldingen that waited for it and
    their open acties. Sent after commit like every mail.

    `acties` are what waits for the person (objects with tekst, url, datum, te_laat), `pad`
    the Meldingen page the mail links to. Returns None when there is nothing to tell or this
    day's overview exists already.

    A second run, a restart or two workers at once never make a second overview: the row is
    written first, and the day is unique per person and omgeving, so a concurrent attempt waits
    on that insert and then fails it. Only the holder of the day then claims the waiting rows.
    """
    wachtend = Notificatie.objects.filter(
        ontvanger=ontvanger, omgeving=omgeving, status=Notificatie.Status.WACHT_OP_OVERZICHT
    )
    acties = list(acties)
    with transaction.atomic():
        if Notificatie.objects.filter(
            ontvanger=ontvanger, omgeving=omgeving, overzichtsdatum=datum
        ).exists():
            return None
        if not acties and not wachtend.exists():
            return None
        try:
            with transaction.atomic():
                overzicht = Notificatie.objects.create(
                    ontvanger=ontvanger,
                    omgeving=omgeving,
                    soort=Soort.DAGELIJKS_OVERZICHT,
                    overzichtsdatum=datum,
                    pad=pad,
                    onderwerp="",
                    tekst="",
                    link="",
                )
                # skip_locked: a row someone holds right now (being marked read, let go on a
                # switch back to a mail per melding) is not waited for; it stays waiting.
                meldingen = list(
                    wachtend.select_for_update(skip_locked=True)
                    .order_by("aangemaakt_op", "pk")
                    .only("pk", "onderwerp", "link")
                )
                if not meldingen and not acties:
                    raise _NietsTeMelden
                _vul_in(overzicht, _overzicht_context(overzicht, meldingen, acties))
                Notificatie.objects.filter(pk__in=[m.pk for m in meldingen]).update(
                    status=Notificatie.Status.IN_OVERZICHT, overzicht=overzicht
                )
        except IntegrityError:
            # Another worker wrote this day's overview a moment ago.
            return None
        except _NietsTeMelden:
            return None
        _na_commit_versturen(overzicht.pk)
    return overzicht


def _overzicht_context(overzicht, meldingen, acties):
    link = settings.SITE_URL + reverse("notificaties:open", args=[overzicht.pk])
    return {
        "ontvanger_naam": overzicht.ontvanger.get_full_name(),
        "omgeving_naam": str(overzicht.omgeving),
        "datum": overzicht.overzichtsdatum,
        "aantal_meldingen": len(meldingen),
        "meldingen_lijst": _lijst(
            "meldingen", [{"onderwerp": m.onderwerp, "link": m.link} for m in meldingen]
        ),
        "aantal_acties": len(acties),
        "acties_lijst": _lijst(
            "acties",
            [
                {
                    "tekst": actie.tekst,
                    "datum": actie.datum,
                    # "tot en met" for a round's end date, "uiterlijk" for a termijn.
                    "datum_woord": actie.datum_woord,
                    "te_laat": actie.te_laat,
                    # Through the overview's own link, which switches to this omgeving first,
                    # whichever one the person was working in.
                    "link": f"{link}?{urlencode({'naar': actie.url}, safe='/')}",
                }
                for actie in acties
            ],
        ),
    }


def _lijst(naam, items):
    """A list of the overview as plain text, from the shipped template (not a beheerder's)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            f"{sjabloon_map(Soort.DAGELIJKS_OVERZICHT)}/{naam}.txt",
            {
                "items": items[:MAX_IN_OVERZICHT],
                "meer": max(len(items) - MAX_IN_OVERZICHT, 0),
                "merknaam": settings.KINDKANS_MERKNAAM,
            },
        ).strip()

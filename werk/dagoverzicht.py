"""Dagelijks overzicht: one mail a day, at the hour the person chose, instead of a mail per melding.

A person who chose it ("Eén mail per dag met een overzicht", accounts.Gebruiker
.meldingen_per_mail) still gets every melding on the Meldingen page at once; its mail waits
(Notificatie status "wacht op het dagelijks overzicht", notificaties.services.maak_notificatie).
Once a day, shortly after their hour (Europe/Amsterdam), they get one mail per omgeving with what
happened (the meldingen that waited) and what waits on them (werk.acties.acties_voor). Someone
with nothing new and nothing waiting gets nothing.

One overview per omgeving, not one for all: the data of one omgeving is never shown from another
(a beheerder sees the mails of their own omgeving in the beheer, and may give the overview their
own text), acties are per omgeving, and the overview's link opens the Meldingen page of exactly
that omgeving. A person in two omgevingen gets two mails, each at their hour.

The hourly run (werk.tasks) selects on state, so it catches up by itself: whoever's hour
passed today without an overview while meldingen from before that hour still wait (beat or worker
down, a failed attempt) gets it at the next run. An overview of acties only is not caught up:
they are on the start page anyway, and tomorrow's overview has them.
"""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap, Omgeving
from notificaties.models import Notificatie
from notificaties.services import laat_wachtende_los, maak_dagelijks_overzicht

from .acties import acties_voor

logger = logging.getLogger(__name__)


def stuur_dagelijkse_overzichten(*, nu=None):
    """Write the overviews that are due now; they are sent after commit. Returns their ids.

    Safe to run twice, from two workers at once, or after a restart: an overview is unique per
    person, omgeving and day (notificaties.services.maak_dagelijks_overzicht).
    """
    nu = timezone.localtime(nu)
    vandaag = nu.date()
    # A melding written while its recipient switched back to a mail per melding waits for an
    # overview that will not come: it goes out by itself.
    laat_wachtende_los(
        ontvanger_ids=_wachtend().filter(ontvanger__in=_direct()).values("ontvanger")
    )
    paren = te_maken(vandaag=vandaag, uur=nu.hour)
    gebruikers = get_user_model().objects.in_bulk({gebruiker_id for gebruiker_id, _ in paren})
    omgevingen = Omgeving.objects.in_bulk({omgeving_id for _, omgeving_id in paren})
    pad = reverse("notificaties:meldingen")
    gemaakt = []
    for gebruiker_id, omgeving_id in paren:
        gebruiker, omgeving = gebruikers[gebruiker_id], omgevingen[omgeving_id]
        try:
            overzicht = maak_dagelijks_overzicht(
                ontvanger=gebruiker,
                omgeving=omgeving,
                datum=vandaag,
                acties=acties_voor(gebruiker=gebruiker, omgeving=omgeving, vandaag=vandaag),
                pad=pad,
            )
        except Exception:  # noqa: BLE001 - one person's failure must not stop the others'
            # Their meldingen keep waiting; the next run catches up.
            logger.exception(
                "Dagelijks overzicht voor gebruiker %s in omgeving %s mislukt",
                gebruiker_id,
                omgeving_id,
            )
            continue
        if overzicht is not None:
            gemaakt.append(overzicht.pk)
    return gemaakt


def te_maken(*, vandaag, uur):
    """(gebruiker_id, omgeving_id) of the overviews due at this hour that do not exist yet.

    Due: whoever chose this hour, in each omgeving where they work or have meldingen waiting;
    and, to catch up, whoever's hour passed earlier today while meldingen from before it wait.
    """
    dagelijks = get_user_model().objects.filter(
        is_active=True, meldingen_per_mail=get_user_model().MeldingenPerMail.DAGELIJKS
    )
    aan_de_beurt = dagelijks.filter(overzicht_uur=uur)
    paren = set(
        Lidmaatschap.objects.actief()
        .filter(gebruiker__in=aan_de_beurt)
        .values_list("gebruiker_id", "omgeving_id")
    )
    paren |= set(
        _wachtend().filter(ontvanger__in=aan_de_beurt).values_list("ontvanger_id", "omgeving_id")
    )
    gemist = (
        _wachtend()
        .filter(ontvanger__in=dagelijks.filter(overzicht_uur__lt=uur))
        .order_by()
        .values("ontvanger_id", "omgeving_id", "ontvanger__overzicht_uur")
        .annotate(oudste=Min("aangemaakt_op"))
    )
    for rij in gemist:
        if rij["oudste"] < _moment(vandaag, rij["ontvanger__overzicht_uur"]):
            paren.add((rij["ontvanger_id"], rij["omgeving_id"]))
    if not paren:
        return []
    al_gemaakt = set(
        Notificatie.objects.filter(
            overzichtsdatum=vandaag, ontvanger_id__in={gebruiker_id for gebruiker_id, _ in paren}
        ).values_list("ontvanger_id", "omgeving_id")
    )
    return sorted(paren - al_gemaakt)


def _wachtend():
    return Notificatie.objects.filter(
        status=Notificatie.Status.WACHT_OP_OVERZICHT, omgeving__actief=True
    )


def _direct():
    return get_user_model().objects.filter(
        meldingen_per_mail=get_user_model().MeldingenPerMail.DIRECT
    )


def _moment(dag, uur):
    """`dag` at `uur` o'clock in the portal's time zone (Europe/Amsterdam)."""
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))

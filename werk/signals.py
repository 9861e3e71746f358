"""Receivers that keep what the werk app derives from the apps below up to date.

Hulpvraag.termijn is derived data (werk.termijnen), like a cache: it is recomputed after the
commit of whatever changes its inputs, never inside the action itself, so a failure here
never undoes a status change or an aanpak (robust=True logs it instead)."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from hulpvragen.models import Aanpak, Hulpvraag, StatusWijziging, aanpak_gewijzigd
from kindkans.wachtrij import na_commit_of_meteen

from .models import Termijnen
from .tasks import herbereken_termijnen_van_omgeving
from .termijnen import herbereken_termijnen

logger = logging.getLogger(__name__)


def herbereken_na_commit(hulpvraag_id):
    """One hulpvraag's termijn after this transaction, right away (a few small queries)."""
    transaction.on_commit(
        lambda: herbereken_termijnen(Hulpvraag.objects.filter(pk=hulpvraag_id)), robust=True
    )


def herbereken_omgeving_na_commit(omgeving_id):
    """Every hulpvraag of an omgeving after this transaction, in a Celery task; inline when the
    queue cannot be reached, so the change is not lost."""
    na_commit_of_meteen(herbereken_termijnen_van_omgeving, omgeving_id)


@receiver(post_save, sender=StatusWijziging)
def status_gewijzigd(sender, instance, created, raw=False, **kwargs):
    # Every change of status (and a new hulpvraag, which starts with one) makes a row.
    if created and not raw:
        herbereken_na_commit(instance.hulpvraag_id)


@receiver(post_save, sender=Aanpak)
@receiver(post_delete, sender=Aanpak)
def aanpak_opgeslagen(sender, instance, raw=False, **kwargs):
    # services.wijzig_aanpak writes with an UPDATE and sends aanpak_gewijzigd instead (below).
    if not raw:
        herbereken_na_commit(instance.hulpvraag_id)


@receiver(post_save, sender=Termijnen)
@receiver(post_delete, sender=Termijnen)
def termijnen_gewijzigd(sender, instance, raw=False, **kwargs):
    # A deleted row means the defaults again: recompute just the same.
    if not raw:
        herbereken_omgeving_na_commit(instance.omgeving_id)


@receiver(aanpak_gewijzigd)
def aanpak_bijgewerkt(sender, aanpak, **kwargs):
    # Another behandelaar is aan zet now (the termijn keeps the first aanpak's date).
    herbereken_na_commit(aanpak.hulpvraag_id)

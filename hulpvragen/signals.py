"""Relations change outside hulpvragen too: a lidmaatschap or an account switched off or on, a
leerling moving school, an omgeving switched off or on. Only a change to what decides access
recomputes (a new name or a login does not), set-based, in the way toegang.py lays down.
A leerling's new name does reach the search column of its hulpvragen."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from accounts.models import Gebruiker, Lidmaatschap, Omgeving
from leerlingen.models import Leerling

from . import toegang
from .models import Hulpvraag, zoektekst_van

# Per model: the fields that decide access.
_TOEGANGSVELDEN = {
    Lidmaatschap: ("omgeving_id", "organisatie_id", "rol", "actief"),
    Gebruiker: ("is_active",),
    Omgeving: ("actief",),
    Leerling: ("school_id",),
}


def _feiten(instance):
    return tuple(getattr(instance, veld) for veld in _TOEGANGSVELDEN[type(instance)])


@receiver(pre_save, sender=Lidmaatschap)
@receiver(pre_save, sender=Gebruiker)
@receiver(pre_save, sender=Omgeving)
@receiver(pre_save, sender=Leerling)
def onthoud_voor(sender, instance, raw=False, **kwargs):
    """What the row said before this save (None for a new row)."""
    instance._toegang_voor = None
    if raw or instance.pk is None:
        return
    velden = _TOEGANGSVELDEN[sender]
    instance._toegang_voor = (
        sender._base_manager.filter(pk=instance.pk).values_list(*velden).first()
    )


def _gewijzigd(instance, created):
    voor = None if created else getattr(instance, "_toegang_voor", None)
    return voor, _feiten(instance)


@receiver(post_save, sender=Lidmaatschap)
def lidmaatschap_opgeslagen(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    voor, na = _gewijzigd(instance, created)
    toegang.lidmaatschap_gewijzigd(instance.gebruiker_id, voor, na)


@receiver(post_delete, sender=Lidmaatschap)
def lidmaatschap_verwijderd(sender, instance, **kwargs):
    toegang.lidmaatschap_gewijzigd(instance.gebruiker_id, _feiten(instance), None)


@receiver(post_save, sender=Gebruiker)
def gebruiker_opgeslagen(sender, instance, created, raw=False, **kwargs):
    # Switched off: the person can no longer log in and no read counts the rows (toegang);
    # switched on: the rows come back after the commit.
    voor, na = _gewijzigd(instance, created)
    if raw or created or voor == na:
        return
    for omgeving_id in set(instance.lidmaatschappen.values_list("omgeving_id", flat=True)):
        toegang.herbereken_na_commit(omgeving_id=omgeving_id, gebruiker_id=instance.pk)


@receiver(post_save, sender=Omgeving)
def omgeving_opgeslagen(sender, instance, created, raw=False, **kwargs):
    voor, na = _gewijzigd(instance, created)
    if raw or created or voor == na:
        return
    toegang.herbereken_na_commit(omgeving_id=instance.pk)


@receiver(post_save, sender=Leerling)
def leerling_opgeslagen(sender, instance, created, raw=False, **kwargs):
    # A leerling that moves school moves the access of the schools' IB/COO with it, at once:
    # the old school must not keep seeing the leerling.
    voor, na = _gewijzigd(instance, created)
    if raw or created or voor == na:
        return
    toegang.synchroniseer_toegang_van(Hulpvraag.objects.filter(leerling=instance))


@receiver(post_save, sender=Leerling)
def leerling_hernoemd(sender, instance, created, raw=False, **kwargs):
    """The search column of the leerling's hulpvragen holds its names (Hulpvraag.zoektekst)."""
    if raw or created:
        return
    rijen = Hulpvraag.objects.filter(leerling=instance).only("pk", "titel", "zoektekst")
    gewijzigd = []
    for hulpvraag in rijen:
        nieuw = zoektekst_van(hulpvraag.titel, instance)
        if nieuw != hulpvraag.zoektekst:
            hulpvraag.zoektekst = nieuw
            gewijzigd.append(hulpvraag)
    Hulpvraag.objects.bulk_update(gewijzigd, ["zoektekst"])

"""Relations change outside hulpvragen too: a lidmaatschap or an account switched off or on, a
leerling moving school, an omgeving switched off or on. Each recomputes the rechten it may touch
(toegang.py), so access never lags behind the truth."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Gebruiker, Lidmaatschap, Omgeving
from leerlingen.models import Leerling

from .models import Hulpvraag
from .toegang import hulpvragen_van_lid, synchroniseer_toegang


def _herbereken(hulpvragen):
    for hulpvraag in hulpvragen:
        synchroniseer_toegang(hulpvraag)


@receiver(post_save, sender=Lidmaatschap)
@receiver(post_delete, sender=Lidmaatschap)
def lidmaatschap_gewijzigd(sender, instance, **kwargs):
    _herbereken(hulpvragen_van_lid(instance))


@receiver(post_save, sender=Gebruiker)
def gebruiker_gewijzigd(sender, instance, created, update_fields=None, raw=False, **kwargs):
    # A login only stamps last_login; switching an account off or on changes who may see what.
    if created or raw or (update_fields and set(update_fields) <= {"last_login", "password"}):
        return
    for lidmaatschap in instance.lidmaatschappen.all():
        _herbereken(hulpvragen_van_lid(lidmaatschap))


@receiver(post_save, sender=Leerling)
def leerling_gewijzigd(sender, instance, created, update_fields=None, raw=False, **kwargs):
    # A leerling that moves school moves the access of the schools' IB/COO with it.
    if created or raw or (update_fields and "school" not in update_fields):
        return
    _herbereken(instance.hulpvragen.select_related("leerling"))


@receiver(post_save, sender=Omgeving)
def omgeving_gewijzigd(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    _herbereken(Hulpvraag.objects.filter(omgeving=instance).select_related("leerling"))

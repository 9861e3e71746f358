from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Lidmaatschap

from .toegang import hulpvragen_van_lid, synchroniseer_toegang


@receiver(post_save, sender=Lidmaatschap)
@receiver(post_delete, sender=Lidmaatschap)
def lidmaatschap_gewijzigd(sender, instance, **kwargs):
    # A lidmaatschap that starts, stops or changes rol changes who may see which hulpvraag.
    for hulpvraag in hulpvragen_van_lid(instance):
        synchroniseer_toegang(hulpvraag)

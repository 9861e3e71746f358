from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Omgeving

from .services import installeer_standaardformulieren


@receiver(post_save, sender=Omgeving)
def nieuwe_omgeving(sender, instance, created, raw=False, **kwargs):
    # A new omgeving (in the admin, by the demo command) starts with the standard forms, as
    # the omgevingen that existed when this app came did through the data migration.
    if created and not raw:
        installeer_standaardformulieren(instance)

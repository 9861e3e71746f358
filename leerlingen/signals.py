"""Leerling.omgeving is a copy of the school's omgeving: a school that moves to another omgeving
takes its leerlingen' copy along."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Organisatie

from .models import Leerling


@receiver(post_save, sender=Organisatie)
def omgeving_van_de_school(sender, instance, created, raw=False, **kwargs):
    if created or raw or not instance.is_school:
        return
    # The school's leerlingen through the index (school, achternaam): a handful of rows.
    Leerling.objects.filter(school=instance).exclude(omgeving_id=instance.omgeving_id).update(
        omgeving_id=instance.omgeving_id
    )

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Lidmaatschap
from .services import werk_beheer_toegang_bij


@receiver(post_save, sender=Lidmaatschap)
@receiver(post_delete, sender=Lidmaatschap)
def lidmaatschap_gewijzigd(sender, instance, **kwargs):
    # Whoever changes a lidmaatschap (admin, command, shell), admin access follows it.
    werk_beheer_toegang_bij(gebruiker=instance.gebruiker)

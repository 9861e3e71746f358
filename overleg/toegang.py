from django.utils import timezone

from hulpvragen.toegang import Relatie

from .models import Deelname


def deelnemers_van(hulpvraag):
    """Deelnemers of this hulpvraag's open rounds: access until the end of the einddatum."""
    vandaag = timezone.localdate()
    rijen = Deelname.objects.filter(
        overlegronde__hulpvraag=hulpvraag,
        overlegronde__gesloten_op__isnull=True,
        overlegronde__einddatum__gte=vandaag,
    ).values_list("deelnemer_id", "overlegronde__einddatum")
    for deelnemer_id, einddatum in rijen:
        yield Relatie(deelnemer_id, "deelnemer", geldig_tot=einddatum)

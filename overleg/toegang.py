from django.utils import timezone

from hulpvragen.toegang import Relatie

from .models import Deelname


def hulpvragen_als_deelnemer(gebruiker_id):
    """Ids of the hulpvragen where this person is invited to a round."""
    return Deelname.objects.filter(deelnemer_id=gebruiker_id).values("overlegronde__hulpvraag_id")


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

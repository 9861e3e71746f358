from .models import Deelname


def deelnemers(hulpvragen, gebruiker_id=None):
    """Deelnemers of the open rounds of these hulpvragen: access until the end of the
    einddatum (toegang drops an einddatum that has passed)."""
    rijen = Deelname.objects.filter(
        overlegronde__hulpvraag__in=hulpvragen.values("pk"),
        overlegronde__gesloten_op__isnull=True,
    )
    if gebruiker_id is not None:
        rijen = rijen.filter(deelnemer_id=gebruiker_id)
    return rijen.values_list(
        "overlegronde__hulpvraag_id", "deelnemer_id", "overlegronde__einddatum"
    )

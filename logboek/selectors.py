"""Reading the access log, newest first."""

from django.db.models import Q

from .models import Logregel


def regels_van_hulpvraag(*, hulpvraag_id, gebruiker_id=None):
    regels = Logregel.objects.filter(hulpvraag_id=hulpvraag_id)
    if gebruiker_id is not None:
        regels = regels.filter(gebruiker_id=gebruiker_id)
    return regels.order_by("-tijdstip", "-pk")


def regels_van_leerling(*, leerling_id, gebruiker_id=None):
    regels = Logregel.objects.filter(leerling_id=leerling_id)
    if gebruiker_id is not None:
        regels = regels.filter(gebruiker_id=gebruiker_id)
    return regels.order_by("-tijdstip", "-pk")


def regels_over_leerling(*, leerling_id, hulpvraag_ids, gebruiker_id=None):
    """The rows about one leerling, newest first: the leerling itself and each of its
    hulpvragen (`hulpvraag_ids`, a list or a values("pk") queryset).

    A row of one of its hulpvragen counts even when it was written without the leerling_id.
    """
    regels = Logregel.objects.filter(Q(leerling_id=leerling_id) | Q(hulpvraag_id__in=hulpvraag_ids))
    if gebruiker_id is not None:
        regels = regels.filter(gebruiker_id=gebruiker_id)
    return regels.order_by("-tijdstip", "-pk")


def personen_in(regels):
    """(gebruiker_id, naam) of everyone in these rows, for the filter by person."""
    return list(regels.order_by().values_list("gebruiker_id", "gebruiker_naam").distinct())

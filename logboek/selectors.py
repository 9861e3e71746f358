"""Reading the access log, newest first."""

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


def personen_in(regels):
    """(gebruiker_id, naam) of everyone in these rows, for the filter by person."""
    return list(regels.order_by().values_list("gebruiker_id", "gebruiker_naam").distinct())

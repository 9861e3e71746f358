from functools import partial

from .selectors import aantal_ongelezen


def meldingen(request):
    """The number of unread meldingen for the menu, counted only when a page shows it."""
    omgeving = getattr(request, "omgeving", None)
    if omgeving is None or not request.user.is_authenticated:
        return {}
    return {
        "aantal_ongelezen": partial(aantal_ongelezen, gebruiker=request.user, omgeving=omgeving)
    }

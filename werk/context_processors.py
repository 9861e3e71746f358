from functools import partial

from .acties import aantal_acties


def mijn_acties(request):
    """The number of Mijn acties for the menu, counted only when a page shows it (one query)."""
    omgeving = getattr(request, "omgeving", None)
    if omgeving is None or not request.user.is_authenticated:
        return {}
    rollen = {lid.rol for lid in getattr(request, "lidmaatschappen", [])}
    return {
        "aantal_acties": partial(
            aantal_acties, gebruiker=request.user, omgeving=omgeving, rollen=rollen
        )
    }

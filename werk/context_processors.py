from functools import partial

from .acties import aantal_voor_menu


def mijn_acties(request):
    """The number of Mijn acties for the menu, read only when a page shows it (the kept count,
    or one query; werk.acties.aantal_voor_menu)."""
    omgeving = getattr(request, "omgeving", None)
    if omgeving is None or not request.user.is_authenticated:
        return {}
    rollen = {lid.rol for lid in getattr(request, "lidmaatschappen", [])}
    return {
        "aantal_acties": partial(
            aantal_voor_menu, gebruiker=request.user, omgeving=omgeving, rollen=rollen
        )
    }

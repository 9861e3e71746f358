from django.conf import settings

from .models import Rol


def omgeving(request):
    """The current omgeving and the person's rollen in it, for the page header and menu."""
    lidmaatschappen = getattr(request, "lidmaatschappen", [])
    rollen = {lid.rol for lid in lidmaatschappen}
    return {
        "merknaam": settings.KINDKANS_MERKNAAM,
        "sessie_waarschuwing_seconden": settings.SESSIE_WAARSCHUWING_SECONDEN,
        "huidige_omgeving": getattr(request, "omgeving", None),
        "huidige_lidmaatschappen": lidmaatschappen,
        "mijn_omgevingen": getattr(request, "mijn_omgevingen", []),
        "is_ib_coo": Rol.IB_COO in rollen,
        # The roles that work with formulieren (an externe deelnemer never sees them).
        "werkt_met_formulieren": bool(
            rollen & {Rol.IB_COO, Rol.SCHAKELFUNCTIONARIS_VERBINDING, Rol.REGIEROLHOUDER}
        ),
    }

"""The current omgeving of a request: which one it is, and choosing or switching it.

The choice lives in the session; it is only honoured while the person has an active
lidmaatschap there, checked on every request by OmgevingMiddleware.
"""

from .models import Lidmaatschap

SESSIE_SLEUTEL = "omgeving_id"


def kies_omgeving(request, omgeving_id):
    """Make omgeving_id the current one; False when the person has no active lidmaatschap there."""
    omgeving = next((o for o in request.mijn_omgevingen if str(o.pk) == str(omgeving_id)), None)
    if omgeving is None:
        return False
    request.session[SESSIE_SLEUTEL] = omgeving.pk
    request.omgeving = omgeving
    return True


def bepaal_omgeving(request):
    """Set request.omgeving and request.lidmaatschappen for a logged-in person (or None / [])."""
    request.omgeving = None
    request.lidmaatschappen = []
    request.mijn_omgevingen = []
    if not request.user.is_authenticated or not request.user.is_verified():
        # Nothing of an omgeving before the second factor.
        return
    gekozen = request.session.get(SESSIE_SLEUTEL)
    lidmaatschappen = list(
        Lidmaatschap.objects.actief()
        .filter(gebruiker=request.user)
        .select_related("omgeving", "organisatie")
    )
    omgevingen = {lid.omgeving_id: lid.omgeving for lid in lidmaatschappen}
    if gekozen not in omgevingen:
        request.session.pop(SESSIE_SLEUTEL, None)
        gekozen = next(iter(omgevingen)) if len(omgevingen) == 1 else None
        if gekozen is not None:
            request.session[SESSIE_SLEUTEL] = gekozen
    if gekozen is not None:
        request.omgeving = omgevingen[gekozen]
        request.lidmaatschappen = [lid for lid in lidmaatschappen if lid.omgeving_id == gekozen]
    request.mijn_omgevingen = sorted(omgevingen.values(), key=lambda o: o.code)

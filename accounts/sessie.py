"""How long a session lasts: idle timeout and absolute lifetime, and the warning before it ends.

The times live in the session itself; SessieTijdMiddleware asks `verlopen_reden` on every
request of a logged-in person and ends the session when there is one.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

BEGONNEN = "sessie_begonnen"
LAATST_ACTIEF = "sessie_laatst_actief"
# Writing the session on every request costs a database write; a minute's precision will do.
BIJWERKEN_NA_SECONDEN = 60


def _inactief_seconden():
    return settings.SESSIE_INACTIEF_MINUTEN * 60


def _maximaal_seconden():
    return settings.SESSIE_MAXIMAAL_UREN * 60 * 60


@receiver(user_logged_in)
def _begin_sessie(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        nu = time.time()
        request.session[BEGONNEN] = nu
        request.session[LAATST_ACTIEF] = nu


def verlopen_reden(request):
    """'inactief' or 'verlopen' when this session must end now, else None."""
    nu = time.time()
    begonnen = request.session.get(BEGONNEN)
    laatst = request.session.get(LAATST_ACTIEF)
    if begonnen is not None and nu - begonnen > _maximaal_seconden():
        return "verlopen"
    if laatst is not None and nu - laatst > _inactief_seconden():
        return "inactief"
    return None


def markeer_actief(request, *, nu_meteen=False):
    """Record this request as activity (at most once a minute, unless asked to now)."""
    nu = time.time()
    request.session.setdefault(BEGONNEN, nu)
    laatst = request.session.get(LAATST_ACTIEF)
    if nu_meteen or laatst is None or nu - laatst >= BIJWERKEN_NA_SECONDEN:
        request.session[LAATST_ACTIEF] = nu


def resterend(request):
    """Seconds until this session ends by itself, whichever limit comes first."""
    nu = time.time()
    laatst = request.session.get(LAATST_ACTIEF, nu)
    begonnen = request.session.get(BEGONNEN, nu)
    return max(
        0,
        int(min(laatst + _inactief_seconden(), begonnen + _maximaal_seconden()) - nu),
    )


REDENEN = {
    "inactief": "U bent uitgelogd omdat u {minuten} minuten niets in {merknaam} heeft gedaan. "
    "Log opnieuw in om verder te werken.",
    "verlopen": "U bent uitgelogd omdat u al {uren} uur ingelogd was. Log opnieuw in om verder "
    "te werken.",
}


def reden_tekst(reden):
    """The sentence the login page shows after a session ended by itself."""
    if reden not in REDENEN:
        return ""
    return REDENEN[reden].format(
        minuten=settings.SESSIE_INACTIEF_MINUTEN,
        uren=settings.SESSIE_MAXIMAAL_UREN,
        merknaam=settings.KINDKANS_MERKNAAM,
    )

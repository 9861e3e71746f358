"""Limits on logging in, and the page that says how long to wait.

Two limits, both counted per client address (accounts.clientadres):

- django-axes locks one e-mailadres from one client address after AXES_FAILURE_LIMIT wrong
  passwords, for AXES_COOLOFF_TIME (settings);
- against password spraying (one or two guesses for each of many e-mailadressen), this module
  counts all failed logins of a client address: INLOG_FOUTEN_PER_CLIENTADRES of them within
  INLOG_FOUTEN_VENSTER_MINUTEN block every login from that address for AXES_COOLOFF_TIME.

axes cannot do the second itself: it has one failure limit for all its lockout parameters, and
a school behind one address must not be locked after five typos of five teachers. The count
lives in the cache (django-ratelimit's counter; Redis in production, see CACHE_URL).
"""

import ipaddress
import logging
import math
import time
from datetime import timedelta

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django_ratelimit.core import get_usage

from .clientadres import client_adres

logger = logging.getLogger(__name__)

GROEP = "accounts.inloggen.clientadres"
BLOKKADE_SLEUTEL = "accounts:inlogblokkade:{}"


def wachttijd_tekst(wachttijd):
    """'15 minuten', '1 minuut', '2 uur': a wait in the users' words, rounded up."""
    minuten = max(1, math.ceil(wachttijd.total_seconds() / 60))
    if minuten >= 60 and minuten % 60 == 0:
        return f"{minuten // 60} uur"
    return "1 minuut" if minuten == 1 else f"{minuten} minuten"


def geblokkeerd(request, *, wachttijd, per_clientadres=False):
    """The lockout page (status 429) for either limit, saying how long to wait."""
    context = {"wachttijd": wachttijd_tekst(wachttijd), "per_clientadres": per_clientadres}
    return render(request, "accounts/geblokkeerd.html", context, status=429)


def axes_geblokkeerd(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: axes' lock of an e-mailadres on this client address.

    A failed attempt during the lock starts the cool-off again (axes' default), so from this
    attempt on the wait is the whole cool-off.
    """
    return geblokkeerd(request, wachttijd=get_cool_off(request))


def _sleutel(group, request):
    adres = client_adres(request) or ""
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return adres
    if ip.version == 6:
        # One IPv6 connection gets a whole /64 to pick addresses from: count the /64.
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return adres


def resterende_blokkade(request):
    """How long this client address may not log in any more (None: it may)."""
    try:
        tot = cache.get(BLOKKADE_SLEUTEL.format(_sleutel(GROEP, request)))
    except Exception:
        # The cache (Redis) is down: rather no limit per address than nobody logging in. The
        # lock per e-mailadres lives in the database and still holds.
        logger.exception("Inloglimiet per clientadres niet te lezen: cache onbereikbaar")
        return None
    if tot is None or tot <= time.time():
        return None
    return timedelta(seconds=tot - time.time())


def tel_mislukte_inlog(sender, credentials, request=None, **kwargs):
    """Receiver of user_login_failed: count the failure for the client address and block the
    address once it reaches INLOG_FOUTEN_PER_CLIENTADRES."""
    if request is None or _geweigerd_door_axes(request, credentials):
        return
    limiet = settings.INLOG_FOUTEN_PER_CLIENTADRES
    venster = settings.INLOG_FOUTEN_VENSTER_MINUTEN * 60
    try:
        gebruik = get_usage(
            request, group=GROEP, key=_sleutel, rate=(limiet, venster), increment=True
        )
        if gebruik is None or gebruik["count"] < limiet:
            return
        duur = get_cool_off(request).total_seconds()
        cache.set(
            BLOKKADE_SLEUTEL.format(_sleutel(GROEP, request)),
            time.time() + duur,
            timeout=math.ceil(duur),
        )
    except Exception:
        logger.exception("Inloglimiet per clientadres niet bij te werken: cache onbereikbaar")
        return
    logger.warning(
        "Inloggen geblokkeerd voor clientadres %s na %s mislukte pogingen",
        client_adres(request),
        gebruik["count"],
    )


def _geweigerd_door_axes(request, credentials):
    # An attempt made during axes' lock was refused without looking at the password; counting
    # it here too would let one person who keeps trying block everyone behind the same school
    # address. axes' own receiver of this signal has already run (axes comes before accounts
    # in INSTALLED_APPS, so it connected first) and counted this attempt.
    mislukt = getattr(request, "axes_failures_since_start", None)
    return mislukt is not None and mislukt > get_failure_limit(request, credentials)


class SprayLimietMixin:
    """For the login view: a POST from a blocked client address gets the lockout page and is
    not authenticated at all (so it is not counted again either)."""

    def post(self, request, *args, **kwargs):
        wachttijd = resterende_blokkade(request)
        if wachttijd is not None:
            return geblokkeerd(request, wachttijd=wachttijd, per_clientadres=True)
        return super().post(request, *args, **kwargs)

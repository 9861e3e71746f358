"""What the portal keeps in the cache only to be faster (the menu's count of Mijn acties, the
figures of the Overzicht) must not take the pages down with it when the cache (Redis) is
unreachable: the figure is then counted for this request, and the failure logged. What the cache
holds to keep a promise decides for itself: the login limit per address lets people in
(accounts.limieten), a form sent once is handled without that check (kindkans.eenmalig)."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def lees(sleutel):
    """The kept value, or None when there is none or the cache cannot be read."""
    try:
        return cache.get(sleutel)
    except Exception:
        logger.exception("Cache onbereikbaar bij lezen van %s: opnieuw geteld", sleutel)
        return None


def bewaar(sleutel, waarde, seconden):
    """Keep a value; False when the cache cannot be written."""
    try:
        cache.set(sleutel, waarde, seconden)
    except Exception:
        logger.exception("Cache onbereikbaar bij bewaren van %s", sleutel)
        return False
    return True


def vergeet(sleutel):
    try:
        cache.delete(sleutel)
    except Exception:
        logger.exception("Cache onbereikbaar bij vergeten van %s", sleutel)

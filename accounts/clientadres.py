"""The one answer to "from which address does this request come?".

The login lock (django-axes), the limit per client address (accounts.limieten) and the logs all
ask this helper, so they always agree on who the client is.

KINDKANS_PROXY_AANTAL is the number of reverse proxies of our own in front of the portal (the TLS
proxy of docker-compose: 1). Every such proxy appends the address that connected to it to
X-Forwarded-For, so the client is the address the outermost of our proxies wrote: the N-th from
the right. Everything left of it was sent by the client and is never believed. With 0 (the
embedded default) the portal is reached directly and the client is REMOTE_ADDR.
"""

from django.conf import settings
from python_ipware import IpWare

# REMOTE_ADDR only: with no proxy of our own every header is the client's to invent.
_DIRECT = IpWare(precedence=("REMOTE_ADDR",))


def client_adres(request):
    """The client address of this request as a string (None only without any address)."""
    aantal = settings.KINDKANS_PROXY_AANTAL
    if aantal:
        adres = _achter_proxies(request.META.get("HTTP_X_FORWARDED_FOR", ""), aantal)
        if adres is not None:
            return adres
        # No (or too short a) header: the request did not come through our proxies, e.g. the
        # health check inside the container. The connecting address is then the client.
    adres, _ = _DIRECT.get_client_ip(request.META)
    return str(adres) if adres is not None else None


def _achter_proxies(doorgestuurd, aantal):
    # Cut off our proxies' part of the header (the last `aantal` entries) before parsing: the
    # client's part may hold anything, even an unclosed quote that would make a parser of the
    # whole header swallow our proxy's entry and return nothing.
    delen = [deel.strip() for deel in doorgestuurd.split(",")]
    if len(delen) < aantal or not all(delen[-aantal:]):
        return None
    # python-ipware checks and normalises the entries (ports, [IPv6], IPv4-mapped IPv6). Its
    # proxy_count counts the proxies *listed* in the header; the last of ours is REMOTE_ADDR.
    ipware = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=aantal - 1)
    adres, _ = ipware.get_client_ip(
        {"HTTP_X_FORWARDED_FOR": ", ".join(delen[-aantal:])}, strict=True
    )
    return str(adres) if adres is not None else None

"""A create form is handled once, however often it is sent (double click, browser resubmit).

The form page carries a one-time token (``templates/includes/eenmalig.html``). A POST with a
token first claims it in the cache (``cache.add`` is atomic on Redis and locmem); only the
claimer runs the view. A successful create answers with a redirect, whose address is then kept
under the token: the same form sent again goes there, without making anything a second time. A
POST that ends otherwise (errors, an exception) releases the token, so the corrected form can be
sent with it. A POST without a token (a form from before this existed) is handled as always.
"""

import logging
import time
import uuid

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect, render

from kindkans import bewaren

logger = logging.getLogger(__name__)

VELD = "eenmalig"
BEWAREN = 3600  # seconds a token is remembered
WACHTEN = 2  # seconds a repeat waits for the first to finish, as after a double click
BEZIG = "bezig"


def _token(request):
    try:
        return uuid.UUID(request.POST.get(VELD, "")).hex
    except ValueError:
        return None


def _sleutel(request, token):
    # Per person: someone else's token neither blocks nor reveals anything.
    return f"eenmalig:{request.user.pk}:{token}"


class EenmaligMixin:
    """First base of a create view: its form pages get `eenmalig_token`, its POSTs run once."""

    def get_context_data(self, **kwargs):
        # A form that comes back (with errors) keeps its token; a fresh page gets a new one.
        token = (_token(self.request) if self.request.method == "POST" else None) or (
            uuid.uuid4().hex
        )
        return {**super().get_context_data(**kwargs), "eenmalig_token": token}

    def dispatch(self, request, *args, **kwargs):
        token = _token(request) if request.method == "POST" else None
        if token is None:
            return super().dispatch(request, *args, **kwargs)
        sleutel = _sleutel(request, token)
        tot = time.monotonic() + WACHTEN
        while not (geclaimd := _claim(sleutel)):
            if geclaimd is None:
                # The cache (Redis) is down: the form is handled as one without a token rather
                # than not at all (a double click may then make two).
                return super().dispatch(request, *args, **kwargs)
            resultaat = bewaren.lees(sleutel)
            if resultaat not in (None, BEZIG):
                messages.info(request, "Dit formulier was al verstuurd; hier is het resultaat.")
                return redirect(resultaat)
            if time.monotonic() >= tot:
                return render(request, "eenmalig_bezig.html", status=409)
            time.sleep(0.1)
        try:
            response = super().dispatch(request, *args, **kwargs)
        except BaseException:
            bewaren.vergeet(sleutel)
            raise
        # The views commit their own transaction (ATOMIC_REQUESTS is off): what the redirect
        # points to is stored by now.
        if response.status_code == 302:
            bewaren.bewaar(sleutel, response["Location"], BEWAREN)
        else:
            bewaren.vergeet(sleutel)
        return response


def _claim(sleutel):
    """True: this request handles the form; False: another has it; None: the cache is down."""
    try:
        return cache.add(sleutel, BEZIG, timeout=BEWAREN)
    except Exception:
        logger.exception("Cache onbereikbaar: formulier zonder eenmalig-controle verwerkt")
        return None

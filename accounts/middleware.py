"""The gates every request passes, in this order (settings.MIDDLEWARE):

1. SessieTijdMiddleware: a session idle too long or older than the absolute lifetime ends;
2. TweeStapsMiddleware: before the second factor only enrolment and logout, nothing with data;
3. OmgevingMiddleware: a logged-in person works in an omgeving of an active lidmaatschap;
and GeenCacheMiddleware keeps a logged-in person's pages out of the browser's cache.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from . import sessie
from .omgeving import bepaal_omgeving
from .tweestaps import heeft_tweede_factor


def omgeving_niet_vereist(view_func):
    """Mark a view that works without a current omgeving (choosing one, logging out)."""
    view_func.omgeving_vereist = False
    return view_func


def tweede_factor_niet_vereist(view_func):
    """Mark a view that a logged-in person may use before the second factor (enrolment, logout).

    Such a view never shows case data; it also needs no omgeving.
    """
    view_func.tweede_factor_vereist = False
    view_func.omgeving_vereist = False
    return view_func


def _naar_login(request, reden=None):
    query = {"next": request.get_full_path()} if request.method == "GET" else {}
    if reden:
        query["reden"] = reden
    url = reverse(settings.LOGIN_URL)
    return redirect(f"{url}?{urlencode(query)}" if query else url)


class SessieTijdMiddleware:
    """End a session after SESSIE_INACTIEF_MINUTEN without a request, or SESSIE_MAXIMAAL_UREN
    after login, whatever the person does; the login page then says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reden = sessie.verlopen_reden(request)
            if reden is not None:
                logout(request)
                return _naar_login(request, reden)
            if request.path != reverse("accounts:sessie_status"):
                # The timeout warning asking how long is left is not activity.
                sessie.markeer_actief(request)
        return self.get_response(request)


class TweeStapsMiddleware:
    """No page with data, and no beheer page, before the second factor.

    A person who has logged in with a password only (no app yet) may only enrol; someone whose
    session lacks the second factor although they have an app is logged out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        gebruiker = request.user
        if not gebruiker.is_authenticated or gebruiker.is_verified():
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if not getattr(view_func, "tweede_factor_vereist", True):
            return None
        if heeft_tweede_factor(gebruiker):
            logout(request)
            return _naar_login(request)
        url = reverse("two_factor:setup")
        return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


class GeenCacheMiddleware:
    """Cache-Control: no-store on every response to a logged-in person (a shared school
    computer keeps nothing), downloads included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response


class OmgevingMiddleware:
    """Resolve the current omgeving; send a person without one to the choice page.

    Runs after Django's LoginRequiredMiddleware, so an anonymous request that reaches a view is
    one of the views marked @login_not_required. The admin scopes its rows by the beheerder's
    lidmaatschappen itself (accounts.admin), so it is exempt here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        bepaal_omgeving(request)
        if not request.user.is_authenticated or not request.user.is_verified():
            # Before the second factor TweeStapsMiddleware has let only enrolment through.
            return None
        if not getattr(view_func, "omgeving_vereist", True):
            return None
        if not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and match.app_name == "admin":
            return None
        if request.omgeving is not None:
            return None
        if not request.mijn_omgevingen:
            if request.user.is_staff:
                # A superuser without lidmaatschap works in the beheer only.
                return redirect("admin:index")
            return render(request, "accounts/geen_omgeving.html", status=403)
        url = reverse("accounts:kies_omgeving")
        return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")

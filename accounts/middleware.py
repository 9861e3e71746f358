"""One gate for every view: a logged-in person works in an omgeving of an active lidmaatschap."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse

from .omgeving import bepaal_omgeving


def omgeving_niet_vereist(view_func):
    """Mark a view that works without a current omgeving (choosing one, logging out)."""
    view_func.omgeving_vereist = False
    return view_func


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
        if not request.user.is_authenticated:
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

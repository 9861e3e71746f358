"""The pages without login that work with a mailed link: wachtwoord vergeten and the invitation."""

import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.generic import FormView
from django_ratelimit.core import is_ratelimited

from accounts import services as account_services
from accounts.clientadres import client_adres
from accounts.selectors import beheerders_van
from accounts.tokens import Staat, uitnodiging_tokens, wachtwoord_tokens

from .forms import WachtwoordVergetenForm
from .services import vraag_wachtwoordlink_aan

logger = logging.getLogger(__name__)

# At most this many links per e-mailadres, and per client address (a school shares one).
LIMIET_PER_EMAILADRES = "3/h"
LIMIET_PER_CLIENTADRES = "10/h"


@method_decorator(login_not_required, name="dispatch")
class WachtwoordVergetenView(FormView):
    """Ask for a link to set a new password; the answer never tells whether the account exists."""

    form_class = WachtwoordVergetenForm
    template_name = "accounts/wachtwoord_vergeten.html"

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if self._te_vaak(email):
            return render(
                self.request, "accountbeheer/wachtwoord_vergeten_te_vaak.html", status=429
            )
        vraag_wachtwoordlink_aan(email=email)
        return redirect("accounts:password_reset_done")

    def _te_vaak(self, email):
        # Both counts go up on every request, for known and unknown addresses alike, so being
        # limited says nothing about an account either.
        try:
            per_emailadres = is_ratelimited(
                self.request,
                group="accountbeheer.wachtwoord_vergeten.emailadres",
                key=lambda groep, request: email,
                rate=LIMIET_PER_EMAILADRES,
                increment=True,
            )
            per_clientadres = is_ratelimited(
                self.request,
                group="accountbeheer.wachtwoord_vergeten.clientadres",
                key=lambda groep, request: client_adres(request) or "",
                rate=LIMIET_PER_CLIENTADRES,
                increment=True,
            )
        except Exception:
            # The cache (Redis) is down: rather no limit for a while than nobody who can get in.
            logger.exception("Limiet op 'wachtwoord vergeten' niet te tellen: cache onbereikbaar")
            return False
        return per_emailadres or per_clientadres


class WachtwoordInstellenView(auth_views.PasswordResetConfirmView):
    """The link from "wachtwoord vergeten": choose a new password, then log in.

    Django's view: the token moves from the address into the session before the form shows,
    so it does not leak through the Referer header.
    """

    token_generator = wachtwoord_tokens
    template_name = "accounts/wachtwoord_instellen.html"
    via = "'wachtwoord vergeten'"
    gelukt = "Uw nieuwe wachtwoord is ingesteld. Log nu in met uw e-mailadres en dit wachtwoord."

    def form_valid(self, form):
        account_services.stel_wachtwoord_in(
            door=self.user, wachtwoord=form.cleaned_data["new_password1"], via=self.via
        )
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, self.gelukt)
        return redirect("accounts:login")


class UitnodigingView(WachtwoordInstellenView):
    """The link from the invitation: the person chooses their first password, then logs in.

    A link that has expired says so and names whom to ask for a new one; a used or broken link
    only says that it is not valid.
    """

    token_generator = uitnodiging_tokens
    template_name = "accountbeheer/uitnodiging.html"
    via = "de uitnodiging"
    gelukt = "Uw wachtwoord is ingesteld. Log nu in met uw e-mailadres en dit wachtwoord."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.validlink:
            token = self.kwargs["token"]
            if token == self.reset_url_token:
                token = self.request.session.get(INTERNAL_RESET_SESSION_TOKEN)
            verlopen = self.token_generator.staat(self.user, token) is Staat.VERLOPEN
            context["verlopen"] = verlopen
            if verlopen:
                context["beheerders"] = beheerders_van(gebruiker=self.user)
        return context

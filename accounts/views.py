from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView

from .forms import InlogForm, KiesOmgevingForm
from .middleware import omgeving_niet_vereist
from .omgeving import kies_omgeving


class InlogView(auth_views.LoginView):
    form_class = InlogForm
    template_name = "accounts/inloggen.html"
    redirect_authenticated_user = True


class KiesOmgevingView(FormView):
    """After login (or from the header): choose the omgeving to work in."""

    form_class = KiesOmgevingForm
    template_name = "accounts/kies_omgeving.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "omgevingen": self.request.mijn_omgevingen}

    def get_initial(self):
        return {"omgeving": self.request.omgeving.pk if self.request.omgeving else None}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": self._next()}

    def _next(self):
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return url
        return ""

    def form_valid(self, form):
        vorige = self.request.omgeving
        kies_omgeving(self.request, form.cleaned_data["omgeving"])
        if vorige is not None and vorige != self.request.omgeving:
            messages.info(self.request, f"U werkt nu in {self.request.omgeving}.")
            # A page of the previous omgeving would only give 404: start at the start page.
            return redirect("start")
        return redirect(self._next() or "start")


kies_omgeving_view = omgeving_niet_vereist(KiesOmgevingView.as_view())

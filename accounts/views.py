from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, TemplateView
from two_factor import views as twee_staps_views
from two_factor.utils import get_otpauth_url

from . import limieten, sessie, tweestaps
from .forms import CodeForm, InlogForm, KiesOmgevingForm, ReservecodeForm
from .middleware import omgeving_niet_vereist, tweede_factor_niet_vereist
from .omgeving import kies_omgeving

NIEUWE_RESERVECODES = "nieuwe_reservecodes"


@method_decorator(login_not_required, name="dispatch")
class InlogView(limieten.SprayLimietMixin, twee_staps_views.LoginView):
    """Login in two steps: e-mailadres and wachtwoord, then the code from the app (or a
    reservecode). Someone without an app yet is logged in and sent to enrol before anything
    else (TweeStapsMiddleware)."""

    template_name = "accounts/inloggen.html"
    form_list = (
        ("auth", InlogForm),
        ("token", CodeForm),
        ("backup", ReservecodeForm),
    )
    redirect_authenticated_user = True

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        context["reden"] = sessie.reden_tekst(self.request.GET.get("reden"))
        context["next"] = self.get_redirect_url()
        return context

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_verified():
            # Logged in with a password but not enrolled yet: enrol first.
            return redirect("two_factor:setup")
        return super().dispatch(request, *args, **kwargs)


@method_decorator(tweede_factor_niet_vereist, name="dispatch")
class AppInstellenView(twee_staps_views.SetupView):
    """Enrolment: scan the QR code, type the first code; then the reservecodes are shown."""

    template_name = "accounts/app_instellen.html"
    success_url = "two_factor:setup_complete"

    def get(self, request, *args, **kwargs):
        if tweestaps.heeft_tweede_factor(request.user):
            return redirect("start")
        return super().get(request, *args, **kwargs)

    def get_success_url(self):
        # Always past the reservecodes first; the page asked for comes after them.
        volgende = self.get_redirect_url()
        if volgende:
            self.request.session["next"] = volgende
        return reverse(self.success_url)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if "secret_key" in context:
            # The app shows the portal's name, not the host name.
            context["otpauth_url"] = get_otpauth_url(
                self.request.user.get_username(),
                context["secret_key"],
                settings.KINDKANS_MERKNAAM,
            )
        return context

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        self.request.session[NIEUWE_RESERVECODES] = tweestaps.maak_reservecodes(
            gebruiker=self.request.user
        )
        return response


@method_decorator(tweede_factor_niet_vereist, name="dispatch")
class QrCodeView(twee_staps_views.QRGeneratorView):
    """The QR code as an SVG image from our own origin (the CSP allows no inline data)."""

    def get_issuer(self):
        return settings.KINDKANS_MERKNAAM


@method_decorator(omgeving_niet_vereist, name="dispatch")
class AppIngesteldView(TemplateView):
    """After enrolment: the ten reservecodes, shown this once, then on to the portal."""

    template_name = "accounts/app_ingesteld.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "reservecodes": self.request.session.pop(NIEUWE_RESERVECODES, None),
            "next": self.request.session.pop("next", None) or reverse("start"),
        }


@method_decorator(omgeving_niet_vereist, name="dispatch")
class ReservecodesView(TemplateView):
    """How many reservecodes are left; making new ones shows them once and voids the old."""

    template_name = "accounts/reservecodes.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "aantal": tweestaps.aantal_reservecodes(gebruiker=self.request.user),
        }

    def post(self, request, *args, **kwargs):
        codes = tweestaps.maak_reservecodes(gebruiker=request.user)
        return self.render_to_response({**self.get_context_data(), "reservecodes": codes})


@require_GET
@omgeving_niet_vereist
def sessie_status(request):
    """Seconds left in this session, for the timeout warning; does not count as activity."""
    return JsonResponse({"resterend": sessie.resterend(request)})


@require_POST
@omgeving_niet_vereist
def sessie_verlengen(request):
    """'Ingelogd blijven': this request is the activity that restarts the idle time."""
    sessie.markeer_actief(request, nu_meteen=True)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"resterend": sessie.resterend(request)})
    terug = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        terug = reverse("start")
    return redirect(terug)


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

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, ListView

from accounts.middleware import omgeving_niet_vereist
from accounts.omgeving import kies_omgeving
from kindkans.paginering import Paginering

from .catalogus import Soort
from .forms import MeldingenPerMailForm
from .models import Notificatie
from .selectors import meldingen_voor
from .services import markeer_alles_gelezen, markeer_gelezen, stel_meldingen_per_mail_in


class MeldingenView(ListView):
    """Meldingen: the person's own notifications, newest first, unread marked; every melding,
    also those that went out (or wait to go out) in a daily overview."""

    template_name = "notificaties/meldingen.html"
    context_object_name = "meldingen"
    paginate_by = 25
    paginator_class = Paginering

    def get_queryset(self):
        return meldingen_voor(gebruiker=self.request.user, omgeving=self.request.omgeving)

    def get_context_data(self, **kwargs):
        gebruiker = self.request.user
        dagelijks = gebruiker.meldingen_per_mail == gebruiker.MeldingenPerMail.DAGELIJKS
        return super().get_context_data(
            **kwargs,
            dagelijks=dagelijks,
            overzicht_tijd=gebruiker.get_overzicht_uur_display(),
        )


class OpenMeldingView(View):
    """The link in a mail: mark it read, switch to its omgeving, go to the page it is about."""

    def get(self, request, pk):
        notificatie = get_object_or_404(Notificatie, pk=pk, ontvanger=request.user)
        if not kies_omgeving(request, notificatie.omgeving_id):
            # The lidmaatschap in that omgeving has ended: nothing to show.
            raise Http404
        markeer_gelezen(door=request.user, notificatie=notificatie)
        pad = notificatie.pad
        naar = request.GET.get("naar", "")
        if notificatie.soort == Soort.DAGELIJKS_OVERZICHT and naar:
            # An actie in the daily overview: its page, in the overview's omgeving (just
            # chosen). Only a path in the portal, never a link elsewhere.
            if not naar.startswith("/"):
                raise Http404
            pad = naar
        if not url_has_allowed_host_and_scheme(pad, allowed_hosts=None):
            raise Http404
        return redirect(pad)


open_melding = omgeving_niet_vereist(OpenMeldingView.as_view())


class AllesGelezenView(View):
    http_method_names = ["post"]

    def post(self, request):
        aantal = markeer_alles_gelezen(door=request.user, omgeving=request.omgeving)
        messages.success(
            request, f"{aantal} melding{'en' if aantal != 1 else ''} gemarkeerd als gelezen."
        )
        return redirect("notificaties:meldingen")


class MeldingenPerMailView(FormView):
    """Meldingen per mail: a mail per melding, or one mail a day with an overview."""

    template_name = "notificaties/instellingen.html"
    form_class = MeldingenPerMailForm

    def get_initial(self):
        return {
            "meldingen_per_mail": self.request.user.meldingen_per_mail,
            "overzicht_uur": self.request.user.overzicht_uur,
        }

    def form_valid(self, form):
        losgelaten = stel_meldingen_per_mail_in(door=self.request.user, **form.cleaned_data)
        gebruiker = self.request.user
        if gebruiker.meldingen_per_mail == gebruiker.MeldingenPerMail.DAGELIJKS:
            bericht = (
                "Opgeslagen. U krijgt voortaan één mail per dag met een overzicht, kort na "
                f"{gebruiker.get_overzicht_uur_display()}."
            )
        else:
            bericht = "Opgeslagen. U krijgt voortaan meteen een mail per melding."
            if losgelaten == 1:
                bericht += (
                    " De melding die nog op uw dagelijks overzicht wachtte, krijgt u nu alsnog "
                    "per mail."
                )
            elif losgelaten:
                bericht += (
                    f" De {losgelaten} meldingen die nog op uw dagelijks overzicht wachtten, "
                    "krijgt u nu alsnog per mail."
                )
        messages.success(self.request, bericht)
        return redirect("notificaties:meldingen")

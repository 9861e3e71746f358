from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from notificaties.services import markeer_gelezen

from .acties import (
    groepen_voor,
    ongelezen_reacties,
    onthoud_aantal,
    rondes_met_reacties_te_lezen,
)


def _rollen(request):
    return {lid.rol for lid in request.lidmaatschappen}


class StartView(TemplateView):
    """The start page of the current omgeving: Mijn acties, who you are here, where to go."""

    template_name = "start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groepen = groepen_voor(
            gebruiker=self.request.user,
            omgeving=self.request.omgeving,
            rollen=_rollen(self.request),
        )
        context["toon_mijn_acties"] = True
        context["mijn_acties"] = groepen
        # The menu's count (werk.context_processors) without a query of its own on this page.
        context["aantal_acties"] = sum(groep.totaal for groep in groepen)
        onthoud_aantal(
            gebruiker=self.request.user,
            omgeving=self.request.omgeving,
            aantal=context["aantal_acties"],
        )
        return context


class ReactiesLezenView(View):
    """The link of a "nieuwe reacties" item: the person's meldingen about this round count as
    read (as when opened from the mail), and the round opens on the tab Overlegronde."""

    def get(self, request, ronde):
        gebruiker, omgeving = request.user, request.omgeving
        ronde = (
            rondes_met_reacties_te_lezen(gebruiker=gebruiker, omgeving=omgeving)
            .filter(pk=ronde)
            .first()
        )
        if ronde is None:
            raise Http404
        for melding in ongelezen_reacties(gebruiker=gebruiker, omgeving=omgeving).filter(
            _ronde=ronde.pk
        ):
            markeer_gelezen(door=gebruiker, notificatie=melding)
        return redirect(reverse("overleg:tab", args=[ronde.hulpvraag_id]) + f"#ronde-{ronde.pk}")

"""The log of one leerling, for the IB/COO of its school: every row about the leerling and
each of its hulpvragen."""

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from logboek.models import Actie
from logboek.selectors import regels_over_leerling
from logboek.services import leg_vast
from logboek.weergave import LogboekFilter, pagina, personen_keuzes

from .selectors import leerlingen_voor


class LeerlingLogboekView(TemplateView):
    template_name = "leerlingen/leerling_logboek.html"

    def dispatch(self, request, *args, **kwargs):
        # Only the IB/COO of the leerling's school: for anyone else the page does not exist.
        self.leerling = get_object_or_404(
            leerlingen_voor(gebruiker=request.user, omgeving=request.omgeving), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        # Looking at the log is itself recorded, as every page with a leerling's data is.
        leg_vast(self.request, actie=Actie.LOGBOEK_BEKEKEN, leerling_id=self.leerling.pk)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Through the reverse relation: leerlingen does not import the app above it.
        hulpvragen = {
            hulpvraag.pk: hulpvraag
            for hulpvraag in self.leerling.hulpvragen.filter(omgeving=self.request.omgeving)
        }

        def regels(gebruiker_id=None):
            return regels_over_leerling(
                leerling_id=self.leerling.pk,
                hulpvraag_ids=list(hulpvragen),
                gebruiker_id=gebruiker_id,
            )

        filter_form = LogboekFilter(self.request.GET or None, personen=personen_keuzes(regels()))
        persoon, nummer = filter_form.gekozen()
        deze = pagina(regels(persoon), nummer)
        for regel in deze.regels:
            regel.hulpvraag = hulpvragen.get(regel.hulpvraag_id)
        context.update(leerling=self.leerling, filter_form=filter_form, pagina=deze)
        return context

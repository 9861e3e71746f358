"""Tab Logboek: who looked at this hulpvraag and what they did (for the IB/COO of the school
and the coördinator; toegang.LOGBOEK)."""

from django.views.generic import TemplateView

from logboek.models import Actie
from logboek.selectors import regels_van_hulpvraag
from logboek.weergave import LogboekFilter, pagina, personen_keuzes

from . import toegang
from .views import HulpvraagMixin


class LogboekTabView(HulpvraagMixin, TemplateView):
    template_name = "hulpvragen/tab_logboek.html"
    nodig = toegang.LOGBOEK
    verborgen = True  # a deelnemer or behandelaar gets a 404, as for any tab they may not open
    # Looking at the log is itself an access to the dossier (HulpvraagMixin records it).
    log_actie = Actie.LOGBOEK_BEKEKEN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = LogboekFilter(
            self.request.GET or None,
            personen=personen_keuzes(regels_van_hulpvraag(hulpvraag_id=self.hulpvraag.pk)),
        )
        persoon, nummer = filter_form.gekozen()
        context.update(
            filter_form=filter_form,
            pagina=pagina(
                regels_van_hulpvraag(hulpvraag_id=self.hulpvraag.pk, gebruiker_id=persoon), nummer
            ),
        )
        return context

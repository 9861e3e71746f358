from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import ListView, TemplateView

from hulpvragen import toegang
from hulpvragen.views import HulpvraagMixin, VastleggenMixin, fouten_naar_formulier
from kindkans.paginering import ZonderTelling
from logboek.models import Actie

from . import services
from .forms import KiesDefinitieForm, formulier_klasse, initial_uit
from .models import VeldType
from .selectors import (
    formulieren_van,
    geschiedenis_van,
    hulpvragen_met_formulieren,
    hulpvragen_om_te_kiezen,
    invulbare_definities,
    mag_invullen,
    personen_van,
    zichtbare_formulieren,
)
from .velden import Keuzes, weergaven


def _naar_formulier(formulier):
    return redirect("formulieren:formulier", pk=formulier.hulpvraag_id, fpk=formulier.pk)


def _kies(view, definities):
    """The choice of a form (from ?definitie=): sets view.definitie when it is a valid one;
    returns the choice form, or None when the person has nothing to choose from."""
    if not definities.exists():
        return None
    kies = KiesDefinitieForm(
        view.request.GET if "definitie" in view.request.GET else None, definities=definities
    )
    if kies.is_valid():
        view.definitie = kies.cleaned_data["definitie"]
    return kies


class FormulierenMixin(HulpvraagMixin):
    """A page under a hulpvraag that does not exist for whom may not see its formulieren."""

    nodig = toegang.FORMULIEREN
    verborgen = True

    def keuzes(self):
        return Keuzes(
            personen=partial(
                personen_van,
                omgeving=self.request.omgeving,
                scholen=[self.hulpvraag.leerling.school_id],
            ),
            hulpvragen=hulpvragen_om_te_kiezen(
                gebruiker=self.request.user, omgeving=self.request.omgeving
            ),
            vaste_hulpvraag=self.hulpvraag,
        )


class FormulierenTabView(FormulierenMixin, TemplateView):
    """Tab Formulieren: every form of the hulpvraag, and the choice of a form to fill."""

    template_name = "formulieren/tab.html"
    log_actie = Actie.TAB_BEKEKEN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        definities = invulbare_definities(
            gebruiker=self.request.user, omgeving=self.request.omgeving
        )
        zelf = set(definities.values_list("pk", flat=True))
        context["formulieren"] = [
            (formulier, formulier.definitie_id in zelf)
            for formulier in formulieren_van(self.hulpvraag)
        ]
        if zelf:
            context["kies_form"] = KiesDefinitieForm(definities=definities)
        return context


class NieuwFormulierMixin:
    """Choose a kind of form (?definitie=), fill it in, Opslaan."""

    definitie = None

    def definities(self):
        """The kinds of form this person may start here."""
        raise NotImplementedError

    def hulpvraag_van(self, form):
        """The hulpvraag the new form belongs to."""
        raise NotImplementedError

    def al_ingevuld(self):
        """The existing form to complete instead of starting a new one, if any."""
        return None

    def formulier_form(self, data=None):
        return formulier_klasse(self.definitie.veldenset(), keuzes=self.keuzes())(data)

    def get(self, request, *args, **kwargs):
        kies = _kies(self, self.definities())
        if self.definitie is None:
            return self.render_to_response(self.get_context_data(kies_form=kies))
        bestaand = self.al_ingevuld()
        if bestaand is not None:
            messages.info(
                request,
                f"Het formulier '{self.definitie.naam}' is bij deze hulpvraag al ingevuld; "
                "u kunt het hier aanvullen of wijzigen.",
            )
            return redirect("formulieren:wijzigen", pk=bestaand.hulpvraag_id, fpk=bestaand.pk)
        return self.render_to_response(self.get_context_data(form=self.formulier_form()))

    def post(self, request, *args, **kwargs):
        _kies(self, self.definities())
        if self.definitie is None:
            raise Http404
        form = self.formulier_form(request.POST)
        if form.is_valid():
            hulpvraag = self.hulpvraag_van(form)
            try:
                # The form and its logboek row are stored together or not at all.
                with transaction.atomic():
                    formulier = services.maak_formulier(
                        door=request.user,
                        hulpvraag=hulpvraag,
                        definitie=self.definitie,
                        waarden=form.waarden(),
                    )
                    self.leg_vast(Actie.FORMULIER_OPGESLAGEN, hulpvraag, onderwerp=formulier)
            except ValidationError as fout:
                fouten_naar_formulier(form, fout)
            else:
                messages.success(request, f"Het formulier '{self.definitie.naam}' is opgeslagen.")
                return _naar_formulier(formulier)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["definitie"] = self.definitie
        if self.definitie is not None:
            context["actie"] = self.request.path + "?" + urlencode({"definitie": self.definitie.pk})
        return context


class NieuwFormulierView(FormulierenMixin, NieuwFormulierMixin, TemplateView):
    """On the Formulieren tab: work instruction §2 step 2 (IB/COO) and §4 step 3."""

    template_name = "formulieren/invullen.html"
    log_actie = Actie.TAB_BEKEKEN  # a new form has nothing of its own to show yet

    def definities(self):
        return invulbare_definities(gebruiker=self.request.user, omgeving=self.request.omgeving)

    def hulpvraag_van(self, form):
        return self.hulpvraag

    def al_ingevuld(self):
        if not self.definitie.eenmalig:
            return None
        return formulieren_van(self.hulpvraag).filter(definitie=self.definitie).first()


class FormulierDetailMixin(FormulierenMixin):
    def get_formulier(self):
        return get_object_or_404(formulieren_van(self.hulpvraag), pk=self.kwargs["fpk"])


class FormulierView(FormulierDetailMixin, TemplateView):
    """One filled form as it reads, with every change: who, when, what."""

    template_name = "formulieren/formulier.html"
    log_actie = Actie.FORMULIER_BEKEKEN

    def log_onderwerp(self, context):
        return context["formulier"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        formulier = self.get_formulier()
        velden = formulier.velden_bij_openen()
        tekst = weergaven(velden, formulier.waarden)
        context.update(
            formulier=formulier,
            regels=[(spec, tekst[spec["sleutel"]]) for spec in velden],
            geschiedenis=geschiedenis_van(formulier),
            mag_wijzigen=mag_invullen(gebruiker=self.request.user, definitie=formulier.definitie),
        )
        return context


class WijzigFormulierView(FormulierDetailMixin, TemplateView):
    """Complete or change a filled form; a stale save shows both versions and keeps the input."""

    template_name = "formulieren/invullen.html"
    # Opening the form to change it shows what it holds; so does a save that comes back.
    log_actie = Actie.FORMULIER_BEKEKEN

    def log_onderwerp(self, context):
        return self.formulier

    def _klaar(self):
        self.formulier = self.get_formulier()
        self.definitie = self.formulier.definitie
        if not mag_invullen(gebruiker=self.request.user, definitie=self.definitie):
            raise PermissionDenied(
                f"Het formulier '{self.definitie.naam}' wordt ingevuld door een andere rol."
            )

    def formulier_form(self, formulier, data=None):
        velden = formulier.velden_bij_openen()
        klasse = formulier_klasse(
            velden, keuzes=self.keuzes(), waarden=formulier.waarden, met_versie=True
        )
        initial = {**initial_uit(velden, formulier.waarden), "versie": formulier.versie}
        return klasse(data, initial=initial)

    def get(self, request, *args, **kwargs):
        self._klaar()
        return self.render_to_response(
            self.get_context_data(form=self.formulier_form(self.formulier))
        )

    def post(self, request, *args, **kwargs):
        self._klaar()
        form = self.formulier_form(self.formulier, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            formulier = services.wijzig_formulier(
                door=request.user,
                formulier=self.formulier,
                waarden=form.waarden(),
                versie=form.cleaned_data["versie"],
            )
        except services.Conflict as conflict:
            return self.conflict(form, conflict.formulier)
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
            return self.render_to_response(self.get_context_data(form=form))
        # Also when nothing had changed: the person saved it, and so saw it.
        self.leg_vast(Actie.FORMULIER_OPGESLAGEN, self.hulpvraag, onderwerp=formulier)
        if formulier.versie == form.cleaned_data["versie"]:
            messages.info(request, "Er was niets gewijzigd.")
        else:
            messages.success(request, f"Het formulier '{self.definitie.naam}' is opgeslagen.")
        return _naar_formulier(formulier)

    def conflict(self, form, opgeslagen):
        """Show what the other person saved next to what this person typed; keep the input,
        now based on the saved version, so Opslaan again deliberately replaces it."""
        velden = opgeslagen.velden_bij_openen()
        verschil = services.verschillen(velden, opgeslagen.waarden, form.waarden())
        data = self.request.POST.copy()
        data["versie"] = str(opgeslagen.versie)
        nieuw_form = self.formulier_form(opgeslagen, data)
        nieuw_form.is_valid()
        return self.render_to_response(
            self.get_context_data(form=nieuw_form, conflict=opgeslagen, verschil=verschil)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            definitie=self.definitie,
            formulier=self.formulier,
            actie=self.request.path,
        )
        return context


class OverzichtMixin:
    """The Formulieren overview outside a hulpvraag. It only exists for someone who fills a
    kind of form or may see the formulieren of a hulpvraag; an invited deelnemer gets 404."""

    def dispatch(self, request, *args, **kwargs):
        omgeving = request.omgeving
        invulbaar = invulbare_definities(gebruiker=request.user, omgeving=omgeving)
        # Started outside a hulpvraag, a form needs a field in which to choose it.
        self.definities_met_hulpvraagveld = invulbaar.filter(
            velden__type=VeldType.HULPVRAAG
        ).distinct()
        if not (
            invulbaar.exists()
            or hulpvragen_met_formulieren(gebruiker=request.user, omgeving=omgeving).exists()
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class OverzichtView(OverzichtMixin, ListView):
    """All forms on the hulpvragen the person works on, newest change first."""

    template_name = "formulieren/overzicht.html"
    context_object_name = "formulieren"
    paginate_by = 25
    paginator_class = ZonderTelling  # a feed of changes: no COUNT of every visible form

    def get_queryset(self):
        return zichtbare_formulieren(gebruiker=self.request.user, omgeving=self.request.omgeving)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.definities_met_hulpvraagveld.exists():
            context["kies_form"] = KiesDefinitieForm(definities=self.definities_met_hulpvraagveld)
        return context


class OverzichtNieuwView(OverzichtMixin, VastleggenMixin, NieuwFormulierMixin, TemplateView):
    """A detail form started from the overview: the hulpvraag is chosen in the form itself.

    Its page shows no dossier, only a choice of hulpvragen, so only the saved form is recorded.
    """

    template_name = "formulieren/overzicht_nieuw.html"

    def definities(self):
        return self.definities_met_hulpvraagveld

    def keuzes(self):
        hulpvragen = hulpvragen_om_te_kiezen(
            gebruiker=self.request.user, omgeving=self.request.omgeving
        )
        return Keuzes(
            personen=partial(
                personen_van,
                omgeving=self.request.omgeving,
                scholen=hulpvragen.order_by().values("leerling__school_id"),
            ),
            hulpvragen=hulpvragen,
        )

    def hulpvraag_van(self, form):
        return form.gekozen_hulpvraag()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "terug": reverse("formulieren:overzicht")}

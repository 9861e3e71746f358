"""The pages of the involved about parents, consent and de stem van de leerling (ouders.urls):
the tab Ouders en leerling and its forms, a parent into an overlegronde, and the parents of a
leerling as the school's IB/COO keeps them. Every rule is in services; every page and every
write is in the logboek (HulpvraagMixin, or leg_vast with the leerling)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, TemplateView

from hulpvragen import toegang
from hulpvragen.bijlagen import NaamBewarendeUpload
from hulpvragen.views import HulpvraagMixin, fouten_naar_formulier
from kindkans.eenmalig import EenmaligMixin
from leerlingen.selectors import leerlingen_voor
from logboek.models import Actie
from logboek.services import leg_vast
from overleg.models import datum
from overleg.views import OverlegTabView, RondeMixin

from . import selectors, services
from .forms import (
    IntrekkenForm,
    OuderForm,
    OverlegOuderForm,
    StemForm,
    ToestemmingForm,
    UitnodigenForm,
)
from .models import Ouder, Toestemming, Uitnodiging

# services name the moment of a consent "op"; the form asks for its "datum".
VELDNAMEN = {"op": "datum"}


def _fouten(form, fout):
    """A service's ValidationError on the form, under the form's own field names."""
    if hasattr(fout, "error_dict"):
        fout = ValidationError(
            {VELDNAMEN.get(veld, veld): fouten for veld, fouten in fout.error_dict.items()}
        )
    fouten_naar_formulier(form, fout)


class OudersMixin(HulpvraagMixin):
    """A page of the tab Ouders en leerling: for who sees the formulieren (the IB/COO, the
    coördinator, a behandelaar); for anyone else, a deelnemer too, it does not exist."""

    nodig = toegang.FORMULIEREN
    verborgen = True


class TabView(EenmaligMixin, OudersMixin, TemplateView):
    """Tab Ouders en leerling: the parents, every consent record and where each kind stands,
    the invitations, what parents wrote, and de stem van de leerling. Its forms that make
    something (a consent registered, an invitation mailed, a stem) are handled once, however
    often they are sent (a double click mailed a parent twice)."""

    template_name = "ouders/tab.html"
    log_actie = Actie.TAB_BEKEKEN

    @cached_property
    def mag_registreren(self):
        return services.mag_toestemming_registreren(
            self.request.user, self.hulpvraag, self.rechten, self.request.lidmaatschappen
        )

    @cached_property
    def mag_uitnodigen(self):
        return services.mag_ouder_uitnodigen(self.rechten)

    # Each read once per request: the lists, the forms' choices and where each kind stands.
    @cached_property
    def soorten(self):
        return services.lees_soorten(self.hulpvraag.omgeving)

    @cached_property
    def ouders(self):
        return list(selectors.ouders_van(self.hulpvraag.leerling))

    @cached_property
    def uitnodigbare_ouders(self):
        return services.uitnodigbaar(self.ouders)

    def registreer_form(self, data=None, files=None):
        return ToestemmingForm(
            data, files, ouders=self.ouders, soorten=self.soorten, prefix="toestemming"
        )

    def uitnodig_form(self, data=None):
        return UitnodigenForm(
            data, ouders=self.uitnodigbare_ouders, soorten=self.soorten, prefix="uitnodiging"
        )

    def intrekken_form(self, toestemming, data=None):
        return IntrekkenForm(data, prefix=f"intrekken-{toestemming.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hulpvraag = self.hulpvraag
        toestemmingen = list(selectors.toestemmingen_van(hulpvraag))
        intrekken = kwargs.get("intrekken_fouten", {})
        context.update(
            ouders=self.ouders,
            # Each record with, for the IB/COO and while it counts, its form to withdraw it.
            toestemmingen=[
                (
                    toestemming,
                    (intrekken.get(toestemming.pk) or self.intrekken_form(toestemming))
                    if self.mag_registreren and toestemming.geldig
                    else None,
                )
                for toestemming in toestemmingen
            ],
            standen=selectors.standen(self.soorten, toestemmingen),
            uitnodigingen=list(selectors.uitnodigingen_van(hulpvraag)),
            zienswijzen=selectors.zienswijzen_voor(self.request.user, hulpvraag),
            stemmen=list(
                services.stemmen_voor(self.rechten, hulpvraag).select_related("vastgelegd_door")
            ),
            mag_registreren=self.mag_registreren,
            mag_uitnodigen=self.mag_uitnodigen,
        )
        if self.mag_registreren:
            context.setdefault("registreer_form", self.registreer_form())
        if self.mag_uitnodigen:
            context.setdefault("uitnodig_form", self.uitnodig_form())
            context["uitnodigbare_ouders"] = bool(self.uitnodigbare_ouders)
        context.setdefault("stem_form", StemForm(prefix="stem"))
        return context

    def naar_tab(self, anker):
        return redirect(reverse("ouders:tab", args=[self.hulpvraag.pk]) + f"#{anker}")


@method_decorator(csrf_exempt, name="dispatch")
class ToestemmingRegistrerenView(TabView):
    """The IB/COO registers a parent's answer given on paper or in a conversation."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        # The signed form's name as sent (hulpvragen.bijlagen), so the handler goes before the
        # CSRF check reads request.POST; csrf_exempt above only moves that check to here.
        request.upload_handlers.insert(0, NaamBewarendeUpload(request))
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.mag_registreren:
            raise PermissionDenied("Alleen de IB/COO van de school registreert een toestemming.")
        form = self.registreer_form(request.POST, request.FILES)
        if form.is_valid():
            gegevens = form.cleaned_data
            try:
                toestemming = services.registreer_toestemming(
                    door=request.user,
                    hulpvraag=self.hulpvraag,
                    ouder=gegevens["ouder"],
                    soort=gegevens["soort"],
                    besluit=gegevens["besluit"],
                    wijze=gegevens["wijze"],
                    op=form.moment(),
                    bestand=gegevens["bestand"],
                    toelichting=gegevens["toelichting"],
                )
            except ValidationError as fout:
                _fouten(form, fout)
            else:
                self.leg_vast(Actie.TOESTEMMING_VASTGELEGD, self.hulpvraag, onderwerp=toestemming)
                messages.success(
                    request,
                    f"Geregistreerd: {toestemming.ouder.naam}, {toestemming.soort.naam}: "
                    f"{toestemming.get_besluit_display()} ({toestemming.get_wijze_display()}).",
                )
                return self.naar_tab("toestemmingen")
        return self.render_to_response(self.get_context_data(registreer_form=form))


class ToestemmingIntrekkenView(TabView):
    """The IB/COO registers that a parent withdrew a consent, on paper or in words, and when."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        toestemming = get_object_or_404(
            Toestemming.objects.select_related("soort", "ouder"),
            pk=kwargs["tpk"],
            hulpvraag=self.hulpvraag,
        )
        if not self.mag_registreren:
            raise PermissionDenied("Alleen de IB/COO van de school registreert een intrekking.")
        form = self.intrekken_form(toestemming, request.POST)
        if form.is_valid():
            try:
                toestemming = services.trek_in(
                    toestemming=toestemming,
                    door=request.user,
                    wijze=form.cleaned_data["wijze"],
                    op=form.moment(),
                )
            except ValidationError as fout:
                if hasattr(fout, "error_dict") and "op" in fout.error_dict:
                    form.add_error("datum", fout.error_dict["op"])
                else:
                    # Already withdrawn (sent twice, or by the parent meanwhile): the record
                    # has no form any more, so the page says it on top.
                    messages.error(request, " ".join(fout.messages))
            else:
                self.leg_vast(Actie.TOESTEMMING_INGETROKKEN, self.hulpvraag, onderwerp=toestemming)
                messages.success(
                    request,
                    f"Geregistreerd: {toestemming.ouder.naam} heeft de toestemming voor "
                    f"{toestemming.soort.naam} ingetrokken op "
                    f"{datum(timezone.localdate(toestemming.ingetrokken_op))}.",
                )
                return self.naar_tab("toestemmingen")
        return self.render_to_response(
            self.get_context_data(intrekken_fouten={toestemming.pk: form})
        )


class UitnodigenView(TabView):
    """The IB/COO or the regierolhouder asks a parent by mail for consent."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not self.mag_uitnodigen:
            raise PermissionDenied(
                "Alleen wie bij de hulpvraag betrokken is, nodigt een ouder uit."
            )
        form = self.uitnodig_form(request.POST)
        if form.is_valid():
            try:
                uitnodiging = services.nodig_uit_voor_toestemming(
                    door=request.user,
                    hulpvraag=self.hulpvraag,
                    ouder=form.cleaned_data["ouder"],
                    soorten=form.cleaned_data["soorten"],
                    bericht=form.cleaned_data["bericht"],
                )
            except ValidationError as fout:
                _fouten(form, fout)
            else:
                self.leg_vast(Actie.OUDER_UITGENODIGD, self.hulpvraag, onderwerp=uitnodiging)
                ouder = uitnodiging.ouder
                messages.success(
                    request,
                    f"De uitnodiging is gemaild aan {ouder.naam} ({ouder.email}). De link in de "
                    f"mail werkt tot en met {datum(uitnodiging.geldig_tot)}.",
                )
                return self.naar_tab("uitnodigingen")
        return self.render_to_response(self.get_context_data(uitnodig_form=form))


class UitnodigingStoppenView(TabView):
    """Stop an invitation: its link and a parent's visit end at once."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        uitnodiging = get_object_or_404(
            Uitnodiging.objects.select_related("ouder"),
            pk=kwargs["upk"],
            hulpvraag=self.hulpvraag,
        )
        services.trek_uitnodiging_in(door=request.user, uitnodiging=uitnodiging)
        self.leg_vast(Actie.UITNODIGING_GESTOPT, self.hulpvraag, onderwerp=uitnodiging)
        messages.success(
            request,
            f"De uitnodiging aan {uitnodiging.ouder.naam} is gestopt: de link werkt niet meer.",
        )
        return self.naar_tab("uitnodigingen")


class StemView(TabView):
    """Record de stem van de leerling: how and when heard, what the pupil says or wants."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = StemForm(request.POST, prefix="stem")
        if form.is_valid():
            try:
                stem = services.leg_stem_vast(
                    door=request.user, hulpvraag=self.hulpvraag, **form.cleaned_data
                )
            except ValidationError as fout:
                _fouten(form, fout)
            else:
                self.leg_vast(Actie.STEM_VASTGELEGD, self.hulpvraag, onderwerp=stem)
                messages.success(request, "De stem van de leerling is vastgelegd.")
                return self.naar_tab("stem")
        return self.render_to_response(self.get_context_data(stem_form=form))


class OverlegUitnodigenView(RondeMixin, OverlegTabView):
    """Who opens rounds invites a parent into an open one (from the tab Overlegronde)."""

    nodig = toegang.OVERLEGRONDE

    def post(self, request, *args, **kwargs):
        ronde = self.overlegronde
        form = OverlegOuderForm(
            request.POST,
            ouders=services.uitnodigbaar(selectors.ouders_van(self.hulpvraag.leerling)),
            prefix=f"ouder-{ronde.pk}",
        )
        if form.is_valid():
            try:
                uitnodiging = services.nodig_uit_voor_overleg(
                    door=request.user,
                    overlegronde=ronde,
                    ouder=form.cleaned_data["ouder"],
                    bericht=form.cleaned_data["bericht"],
                )
            except ValidationError as fout:
                _fouten(form, fout)
            else:
                self.leg_vast(Actie.OUDER_UITGENODIGD, self.hulpvraag, onderwerp=uitnodiging)
                ouder = uitnodiging.ouder
                messages.success(
                    request,
                    f"De uitnodiging is gemaild aan {ouder.naam} ({ouder.email}). De ouder kan "
                    f"meelezen en reageren tot en met {datum(ronde.einddatum)}.",
                )
                return self.naar_tab(ronde)
        return self.render_to_response(self.get_context_data(ouder_fouten={ronde.pk: form}))


# --- The parents of a leerling -----------------------------------------------------------------


class LeerlingOudersMixin:
    """A page about the parents of a leerling of the person's own school (leerlingen_voor:
    any other leerling is a 404). Every page shown is in the logboek with the leerling."""

    def dispatch(self, request, *args, **kwargs):
        self.leerling = get_object_or_404(
            leerlingen_voor(gebruiker=request.user, omgeving=request.omgeving), pk=kwargs["pk"]
        )
        self.ouder = None
        if "opk" in kwargs:
            self.ouder = get_object_or_404(Ouder, pk=kwargs["opk"], leerling=self.leerling)
        return super().dispatch(request, *args, **kwargs)

    def terug(self):
        """Where the page came from when that was said and is safe (the hulpvraag's check of
        the leerling's data), else the leerling's page."""
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url and url_has_allowed_host_and_scheme(url, allowed_hosts={self.request.get_host()}):
            return url
        return reverse("leerlingen:detail", args=[self.leerling.pk]) + "#ouders"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "leerling": self.leerling,
            "ouder": self.ouder,
            "terug": self.terug(),
        }

    def render_to_response(self, context, **response_kwargs):
        leg_vast(
            self.request,
            actie=Actie.OUDERS_BEKEKEN,
            leerling_id=self.leerling.pk,
            onderwerp=self.ouder,
        )
        return super().render_to_response(context, **response_kwargs)


class OuderFormView(LeerlingOudersMixin, FormView):
    form_class = OuderForm
    template_name = "ouders/ouder_form.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.ouder or Ouder(leerling=self.leerling),
        }

    def form_valid(self, form):
        nieuw = self.ouder is None
        try:
            # The parent and its logboek row are stored together or not at all.
            with transaction.atomic():
                ouder = services.bewaar_ouder(door=self.request.user, ouder=form.instance)
                leg_vast(
                    self.request,
                    actie=Actie.OUDERS_GEWIJZIGD,
                    leerling_id=self.leerling.pk,
                    onderwerp=ouder,
                )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{ouder.naam} is {'toegevoegd' if nieuw else 'opgeslagen'} als ouder/verzorger van "
            f"{self.leerling.volledige_naam}.",
        )
        return redirect(self.terug())


class OuderNieuwView(EenmaligMixin, OuderFormView):
    """The IB/COO adds a parent or carer."""


class OuderWijzigenView(OuderFormView):
    """The IB/COO corrects a parent's data."""


class OuderVerwijderenView(LeerlingOudersMixin, TemplateView):
    """The IB/COO removes a parent, unless an answer of theirs is on record."""

    template_name = "ouders/ouder_verwijderen.html"

    def post(self, request, *args, **kwargs):
        ouder = self.ouder
        try:
            with transaction.atomic():
                # Recorded first, while the parent still has an id; a refusal rolls it back.
                leg_vast(
                    request,
                    actie=Actie.OUDERS_GEWIJZIGD,
                    leerling_id=self.leerling.pk,
                    onderwerp=ouder,
                )
                services.verwijder_ouder(door=request.user, ouder=ouder)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect(self.terug())
        messages.success(request, f"{ouder.naam} is verwijderd als ouder/verzorger.")
        return redirect(self.terug())

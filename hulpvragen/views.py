from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from kindkans.eenmalig import EenmaligMixin
from kindkans.paginering import Paginering
from leerlingen.selectors import leerlingen_voor
from logboek.models import Actie
from logboek.services import leg_vast

from . import services, tabs, toegang, workflow
from .bijlagen import NaamBewarendeUpload
from .forms import (
    AanpakForm,
    BijlageForm,
    CoordinatorForm,
    HulpvraagFilter,
    HulpvraagForm,
    HulpvraagWijzigForm,
    KiesLeerlingForm,
    StatusForm,
)
from .models import Aanpak, Bijlage
from .selectors import (
    hulpvraag_detail,
    met_tweede_hulpvraag,
    mogelijke_coordinatoren,
    waarschuwing_tweede_hulpvraag,
    zichtbare_hulpvragen,
)
from .tabs import tabs_voor


def fouten_naar_formulier(form, fout):
    """Put a service's ValidationError on the form, field by field where it names one."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)


class HulpvraagLijstView(FilterView):
    """The Hulpvragen tab: every hulpvraag the person may see in this omgeving."""

    filterset_class = HulpvraagFilter
    template_name = "hulpvragen/lijst.html"
    context_object_name = "hulpvragen"
    paginate_by = 25
    paginator_class = Paginering
    # A schakelfunctionaris may see tens of thousands: the list counts and pages up to this
    # many and then asks to search, filter or sort (kindkans.paginering).
    maximaal = 500
    strict = False

    def get_queryset(self):
        # Whoever sees more than a list shows (a schakelfunctionaris with all of an SWV's
        # hulpvragen) gets the list in index order with a rights probe per row, which stops at
        # a page or at the count's maximum; joining all they see would grow with it.
        gebruiker = self.request.user
        hulpvragen = zichtbare_hulpvragen(
            gebruiker=gebruiker,
            omgeving=self.request.omgeving,
            per_rij=self.ziet_veel,
        )
        # The label "Tweede hulpvraag": computed in the page's own query, for its rows only.
        return met_tweede_hulpvraag(hulpvragen, gebruiker=gebruiker)

    @cached_property
    def ziet_veel(self):
        return toegang.ziet_veel(self.request.user, toegang.ZIEN, self.maximaal)

    def get_filterset_kwargs(self, filterset_class):
        return {
            **super().get_filterset_kwargs(filterset_class),
            "omgeving": self.request.omgeving,
            # Whoever sees few is searched within their own rows, not through the index.
            "zoek_via_index": self.ziet_veel,
        }

    def get_paginator(self, *args, **kwargs):
        return super().get_paginator(*args, maximaal=self.maximaal, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mag_aanmaken"] = services.mag_hulpvraag_inzetten(self.request.lidmaatschappen)
        return context


class VastleggenMixin:
    """Record in the logboek what this request did with a hulpvraag (logboek.services.leg_vast).

    One row: the hulpvraag and its leerling (the id is on the loaded hulpvraag, so no query).
    """

    vastgelegd = 0  # rows this request wrote, for HulpvraagMixin's check

    def leg_vast(self, actie, hulpvraag, onderwerp=None):
        leg_vast(
            self.request,
            actie=actie,
            hulpvraag_id=hulpvraag.pk,
            leerling_id=hulpvraag.leerling_id,
            onderwerp=onderwerp,
            # Which tab, in the users' word for it (the tabs registry knows every app's tabs).
            tabblad=tabs.naam_van(self.request.resolver_match.view_name)
            if actie == Actie.TAB_BEKEKEN
            else "",
        )
        self.vastgelegd += 1


class NieuweHulpvraagView(EenmaligMixin, VastleggenMixin, TemplateView):
    """IB/COO zet de hulpvraag in Kindkans: choose the leerling, check its data, then the form."""

    template_name = "hulpvragen/nieuw.html"

    def dispatch(self, request, *args, **kwargs):
        self.leerlingen = leerlingen_voor(gebruiker=request.user, omgeving=request.omgeving)
        if not services.mag_hulpvraag_inzetten(request.lidmaatschappen):
            raise PermissionDenied("Alleen een IB/COO van een school zet een hulpvraag in.")
        self.leerling = None
        gekozen = request.GET.get("leerling") or request.POST.get("leerling")
        if gekozen:
            self.leerling = (
                get_object_or_404(self.leerlingen, pk=gekozen) if gekozen.isdigit() else None
            )
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def lopende_hulpvragen(self):
        """Open hulpvragen of this child, as far as this IB/COO may learn of them (step 3)."""
        return waarschuwing_tweede_hulpvraag(
            gebruiker=self.request.user, leerling=self.leerling, omgeving=self.request.omgeving
        )

    def _hulpvraag_form(self, data=None):
        return HulpvraagForm(
            data,
            coordinatoren=mogelijke_coordinatoren(omgeving=self.request.omgeving),
            omgeving=self.request.omgeving,
            initial={"titel": "Team Schoolondersteuning"},
            tweede=bool(self.lopende_hulpvragen),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["leerling"] = self.leerling
        context["terug_hier"] = (
            self.request.path
            + "?"
            + urlencode({"leerling": self.leerling.pk} if self.leerling else {})
        )
        if self.leerling is None:
            context.setdefault(
                "kies_form", KiesLeerlingForm(self.request.GET or None, leerlingen=self.leerlingen)
            )
        elif not self.leerling.controle_nodig():
            context.setdefault("form", self._hulpvraag_form())
            context["lopende_hulpvragen"] = self.lopende_hulpvragen
        return context

    def render_to_response(self, context, **response_kwargs):
        # Step 2 shows the chosen leerling's basis- and schoolgegevens; step 1 is a list.
        if self.leerling is not None:
            leg_vast(self.request, actie=Actie.LEERLING_BEKEKEN, leerling_id=self.leerling.pk)
        return super().render_to_response(context, **response_kwargs)

    def post(self, request, *args, **kwargs):
        if self.leerling is None:
            raise Http404
        form = self._hulpvraag_form(request.POST)
        if form.is_valid():
            try:
                # The hulpvraag and its logboek row are stored together or not at all.
                with transaction.atomic():
                    hulpvraag = services.maak_hulpvraag(
                        door=request.user,
                        omgeving=request.omgeving,
                        leerling=self.leerling,
                        **form.cleaned_data,
                    )
                    self.leg_vast(Actie.HULPVRAAG_AANGEMAAKT, hulpvraag)
            except ValidationError as fout:
                fouten_naar_formulier(form, fout)
            else:
                messages.success(request, f"Hulpvraag {hulpvraag.nummer} is aangemaakt.")
                return redirect("hulpvragen:detail", pk=hulpvraag.pk)
        return self.render_to_response(self.get_context_data(form=form))


class HulpvraagMixin(VastleggenMixin):
    """Resolve the hulpvraag: 404 when it is not visible, `nodig` recht else 403 (or 404 for
    a tab whose content is hidden from this person).

    Every page under a hulpvraag shows part of a child's dossier, so every answer that is not
    refused writes exactly one row in the logboek, in the same request:

    - a rendered page (GET, and also a POST that comes back with errors, because it shows the
      dossier again) records `log_actie`, which each view declares, with `log_onderwerp()`.
      It is written before the page is built: if the row cannot be written, the request fails
      (500) and the page is not shown;
    - a successful POST records its write: the view calls `self.leg_vast(...)` right after the
      service. A POST runs in one transaction with its row, so a write whose row fails leaves
      no change behind, and a POST that logged nothing is refused as a programming error;
    - a 404 or 403 writes nothing (the exception also rolls back a row already written).

    A list (Hulpvragen, Leerlingen, the Formulieren overzicht, Meldingen) is not an access to
    one dossier and is not recorded.
    """

    nodig = toegang.ZIEN
    verborgen = False  # True: without the recht the page does not exist for this person
    log_actie = None  # the logboek.models.Actie a rendered page of this view records
    met_geschiedenis = False  # True: the page shows the status history (hulpvraag_detail)

    def dispatch(self, request, *args, **kwargs):
        self.hulpvraag = get_object_or_404(
            hulpvraag_detail(
                gebruiker=request.user,
                omgeving=request.omgeving,
                met_geschiedenis=self.met_geschiedenis,
            ),
            pk=kwargs["pk"],
        )
        self.rechten = toegang.rechten_op(request.user, self.hulpvraag)
        if self.nodig not in self.rechten:
            if self.verborgen:
                raise Http404
            raise PermissionDenied("U heeft voor deze hulpvraag geen toestemming voor deze actie.")
        if request.method != "POST":
            response = super().dispatch(request, *args, **kwargs)
            self._controleer_vastgelegd(request, response)
            return response
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            self._controleer_vastgelegd(request, response)
        return response

    def _controleer_vastgelegd(self, request, response):
        # A POST, or a page or file shown, that left no row would be an unrecorded access.
        getoond = request.method in ("GET", "HEAD") and response.status_code == 200
        if not self.vastgelegd and (request.method == "POST" or getoond):
            raise ImproperlyConfigured(
                f"{type(self).__name__} answered {request.method} without a logboek row."
            )

    def log_onderwerp(self, context):
        """What a rendered page is about when it is not the hulpvraag itself (an aanpak…)."""
        return None

    def render_to_response(self, context, **response_kwargs):
        if self.log_actie is None:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no log_actie.")
        self.leg_vast(self.log_actie, self.hulpvraag, onderwerp=self.log_onderwerp(context))
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tabbladen = tabs_voor(self.hulpvraag, self.rechten)
        context.update(
            hulpvraag=self.hulpvraag,
            rechten=self.rechten,
            tabs=tabbladen,
            huidige_tab=huidige_tab(tabbladen, self.request.path),
        )
        if toegang.kijkt_alleen_mee(self.rechten):
            # The header of every tab tells an invited deelnemer until when she may look in.
            # Read only when the header shows it; a view that has her rounds already (the tab
            # Overlegronde) puts the date in its place.
            context["meekijken_tot"] = self.meekijken_tot
        return context

    def meekijken_tot(self):
        """Until when this person, whose access comes from an overlegronde (no recht on the
        aanpak), may look in: the end of her recht to see the hulpvraag, which the access sync
        sets to the last einddatum of her open rounds (toegang; None when it does not end)."""
        return toegang.geldig_tot(self.request.user, self.hulpvraag, toegang.ZIEN)


def huidige_tab(tabbladen, pad):
    """The url_naam of the tab this page belongs to: the tab whose address the page's address
    starts with, the longest one (a formulier, "Aanpak toevoegen" or "Nieuwe overlegronde" lies
    under its tab; Algemeen's address is the hulpvraag's own, under which every tab lies)."""
    passend = [(len(url), url_naam) for _, url, url_naam in tabbladen if pad.startswith(url)]
    return max(passend)[1] if passend else ""


class HulpvraagDetailView(HulpvraagMixin, TemplateView):
    """Tab Algemeen: data, coördinator, status and its full history."""

    template_name = "hulpvragen/detail.html"
    log_actie = Actie.HULPVRAAG_BEKEKEN
    met_geschiedenis = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The termijn as werk.termijnen stored it.
        context["termijn_te_laat"] = self.hulpvraag.is_te_laat()
        if toegang.STATUS in self.rechten or toegang.AFRONDEN in self.rechten:
            status_form = StatusForm(hulpvraag=self.hulpvraag, rechten=self.rechten)
            if status_form.overgangen:
                context.setdefault("status_form", status_form)
        if toegang.WIJZIGEN in self.rechten:
            context.setdefault(
                "coordinator_form",
                CoordinatorForm(
                    coordinatoren=mogelijke_coordinatoren(omgeving=self.request.omgeving),
                    omgeving=self.request.omgeving,
                    initial={"coordinator": self.hulpvraag.coordinator_id},
                ),
            )
        return context


class StatusView(HulpvraagDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not self.rechten & {toegang.STATUS, toegang.AFRONDEN}:
            raise PermissionDenied(
                "Alleen de coördinator, een behandelaar of de IB/COO past de status aan."
            )
        form = StatusForm(request.POST, hulpvraag=self.hulpvraag, rechten=self.rechten)
        if form.is_valid():
            try:
                wijziging = services.wijzig_status(
                    door=request.user,
                    hulpvraag=self.hulpvraag,
                    naar=form.cleaned_data["naar"],
                    omschrijving=form.cleaned_data["omschrijving"],
                )
            except ValidationError as fout:
                fouten_naar_formulier(form, fout)
            else:
                self.leg_vast(Actie.STATUS_GEWIJZIGD, self.hulpvraag, onderwerp=wijziging)
                label = workflow.Status(form.cleaned_data["naar"]).label
                messages.success(request, f"De status is aangepast naar {label}.")
                return redirect("hulpvragen:detail", pk=self.hulpvraag.pk)
        return self.render_to_response(self.get_context_data(status_form=form))


class CoordinatorView(HulpvraagDetailView):
    http_method_names = ["post"]
    nodig = toegang.WIJZIGEN

    def post(self, request, *args, **kwargs):
        form = CoordinatorForm(
            request.POST,
            coordinatoren=mogelijke_coordinatoren(omgeving=request.omgeving),
            omgeving=request.omgeving,
        )
        if form.is_valid():
            try:
                services.wijzig_coordinator(
                    door=request.user,
                    hulpvraag=self.hulpvraag,
                    coordinator=form.cleaned_data["coordinator"],
                )
            except ValidationError as fout:
                fouten_naar_formulier(form, fout)
            else:
                self.leg_vast(Actie.COORDINATOR_GEWIJZIGD, self.hulpvraag)
                messages.success(
                    request, f"De coördinator is nu {self.hulpvraag.coordinator.get_full_name()}."
                )
                return redirect("hulpvragen:detail", pk=self.hulpvraag.pk)
        return self.render_to_response(self.get_context_data(coordinator_form=form))


def _weergave(waarde):
    return waarde.get_full_name() if hasattr(waarde, "get_full_name") else waarde


class ConflictMixin:
    """Answer a services.Conflict as the formulieren do: nothing is overwritten; the page shows
    what is stored now next to what the person typed, and keeps the input, now based on the
    stored versie, so Opslaan again deliberately replaces it."""

    def conflict(self, form, opgeslagen):
        verschil = [
            {
                "label": form.fields[naam].label,
                "oud": _weergave(getattr(opgeslagen, naam)),
                "nieuw": _weergave(form.cleaned_data.get(naam)),
            }
            for naam in form._meta.fields
            if getattr(opgeslagen, naam) != form.cleaned_data.get(naam)
        ]
        data = self.request.POST.copy()
        data["versie"] = str(opgeslagen.versie)
        nieuw_form = self.get_form_class()(**{**self.get_form_kwargs(), "data": data})
        nieuw_form.is_valid()
        return self.render_to_response(
            self.get_context_data(form=nieuw_form, conflict=opgeslagen, verschil=verschil)
        )


class HulpvraagWijzigView(ConflictMixin, HulpvraagMixin, FormView):
    template_name = "hulpvragen/wijzigen.html"
    form_class = HulpvraagWijzigForm
    nodig = toegang.WIJZIGEN
    log_actie = Actie.HULPVRAAG_BEKEKEN  # the form shows what the tab Algemeen shows

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.hulpvraag}

    def form_valid(self, form):
        try:
            services.wijzig_hulpvraag(
                door=self.request.user, hulpvraag=self.hulpvraag, **form.cleaned_data
            )
        except services.Conflict as conflict:
            return self.conflict(form, conflict.opgeslagen)
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
            return self.form_invalid(form)
        self.leg_vast(Actie.HULPVRAAG_GEWIJZIGD, self.hulpvraag)
        messages.success(self.request, "De hulpvraag is opgeslagen.")
        return redirect("hulpvragen:detail", pk=self.hulpvraag.pk)


class AanpakTabView(HulpvraagMixin, TemplateView):
    """Tab Aanpak: the plans and their behandelaar."""

    template_name = "hulpvragen/aanpak.html"
    nodig = toegang.AANPAK
    verborgen = True
    log_actie = Actie.TAB_BEKEKEN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["aanpakken"] = self.hulpvraag.aanpakken.select_related("behandelaar")
        return context


class AanpakFormView(EenmaligMixin, ConflictMixin, HulpvraagMixin, FormView):
    template_name = "hulpvragen/aanpak_form.html"
    form_class = AanpakForm
    nodig = toegang.WIJZIGEN

    def dispatch(self, request, *args, **kwargs):
        self.aanpak = None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["behandelaars"] = mogelijke_coordinatoren(omgeving=self.request.omgeving)
        kwargs["omgeving"] = self.request.omgeving
        if "apk" in self.kwargs:
            self.aanpak = get_object_or_404(Aanpak, pk=self.kwargs["apk"], hulpvraag=self.hulpvraag)
            kwargs["instance"] = self.aanpak
        return kwargs

    @property
    def log_actie(self):
        # A new aanpak has nothing of its own to show yet: only the hulpvraag it is added to.
        return Actie.TAB_BEKEKEN if self.aanpak is None else Actie.AANPAK_BEKEKEN

    def log_onderwerp(self, context):
        return self.aanpak

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "aanpak": self.aanpak}

    def form_valid(self, form):
        gegevens = {k: form.cleaned_data[k] for k in AanpakForm.Meta.fields}
        try:
            if self.aanpak is None:
                aanpak = services.voeg_aanpak_toe(
                    door=self.request.user, hulpvraag=self.hulpvraag, **gegevens
                )
                self.leg_vast(Actie.AANPAK_TOEGEVOEGD, self.hulpvraag, onderwerp=aanpak)
                bericht = (
                    f"De aanpak is opgeslagen. {aanpak.behandelaar.get_full_name()} krijgt een "
                    "mail als behandelaar."
                )
            else:
                aanpak = services.wijzig_aanpak(
                    door=self.request.user,
                    aanpak=self.aanpak,
                    versie=form.cleaned_data["versie"],
                    **gegevens,
                )
                self.leg_vast(Actie.AANPAK_GEWIJZIGD, self.hulpvraag, onderwerp=aanpak)
                bericht = "De aanpak is opgeslagen."
        except services.Conflict as conflict:
            return self.conflict(form, conflict.opgeslagen)
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
            return self.form_invalid(form)
        messages.success(self.request, bericht)
        return redirect(
            reverse("hulpvragen:aanpak", args=[self.hulpvraag.pk]) + f"#aanpak-{aanpak.pk}"
        )


@method_decorator(csrf_exempt, name="dispatch")
class BijlagenTabView(HulpvraagMixin, FormView):
    """Tab Bijlagen: the files, an upload form with the work instruction's privacy warning."""

    template_name = "hulpvragen/bijlagen.html"
    form_class = BijlageForm
    log_actie = Actie.TAB_BEKEKEN

    def dispatch(self, request, *args, **kwargs):
        # The file's name must reach the form as sent, so the handler goes first, before the
        # CSRF check reads request.POST; csrf_exempt above only moves that check to here.
        request.upload_handlers.insert(0, NaamBewarendeUpload(request))
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bijlagen"] = [
            (bijlage, services.mag_bijlage_verwijderen(self.request.user, bijlage, self.rechten))
            for bijlage in self.hulpvraag.bijlagen.select_related("geupload_door")
        ]
        if toegang.BIJLAGE_TOEVOEGEN not in self.rechten:
            context.pop("form", None)
        return context

    def post(self, request, *args, **kwargs):
        if toegang.BIJLAGE_TOEVOEGEN not in self.rechten:
            raise PermissionDenied("U mag bij deze hulpvraag geen bijlage toevoegen.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        bijlage = services.voeg_bijlage_toe(
            door=self.request.user, hulpvraag=self.hulpvraag, bestand=form.cleaned_data["bestand"]
        )
        self.leg_vast(Actie.BIJLAGE_TOEGEVOEGD, self.hulpvraag, onderwerp=bijlage)
        messages.success(self.request, f"Bijlage {bijlage.naam} is toegevoegd.")
        if bijlage.naam != form.cleaned_data["bestand"].name:
            soort = bijlage.naam.rpartition(".")[2].upper()
            messages.info(
                self.request,
                f"De naam is aangepast naar {bijlage.naam}, omdat het bestand een "
                f"{soort}-bestand is.",
            )
        return redirect("hulpvragen:bijlagen", pk=self.hulpvraag.pk)


class BijlageDownloadView(HulpvraagMixin, View):
    """The file, only after the access check, always as a download."""

    def get(self, request, *args, **kwargs):
        bijlage = get_object_or_404(Bijlage, pk=kwargs["bpk"], hulpvraag=self.hulpvraag)
        self.leg_vast(Actie.BIJLAGE_GEDOWNLOAD, self.hulpvraag, onderwerp=bijlage)
        return FileResponse(
            bijlage.bestand.open("rb"),
            as_attachment=True,
            filename=bijlage.naam,
            content_type=bijlage.content_type,
        )


class BijlageVerwijderView(HulpvraagMixin, View):
    http_method_names = ["post"]
    nodig = toegang.BIJLAGE_TOEVOEGEN

    def post(self, request, *args, **kwargs):
        bijlage = get_object_or_404(Bijlage, pk=kwargs["bpk"], hulpvraag=self.hulpvraag)
        # Recorded first, while the bijlage still has its id; a refusal rolls the row back.
        self.leg_vast(Actie.BIJLAGE_VERWIJDERD, self.hulpvraag, onderwerp=bijlage)
        try:
            services.verwijder_bijlage(door=request.user, bijlage=bijlage)
        except ValidationError as fout:
            transaction.set_rollback(True)  # nothing was removed: no row in the logboek either
            messages.error(request, " ".join(fout.messages))
            return redirect("hulpvragen:bijlagen", pk=self.hulpvraag.pk)
        messages.success(request, f"Bijlage {bijlage.naam} is verwijderd.")
        return redirect("hulpvragen:bijlagen", pk=self.hulpvraag.pk)

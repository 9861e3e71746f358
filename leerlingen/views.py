from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from kindkans.eenmalig import EenmaligMixin
from kindkans.grenzen import ZoekForm
from kindkans.paginering import Paginering
from logboek.models import Actie
from logboek.services import leg_vast

from .forms import LeerlingForm
from .selectors import leerlingen_voor, scholen_van_ib_coo
from .services import bevestig_gegevens, maak_leerling, werk_leerling_bij


def _volgende(request):
    """A safe `next` to return to (the hulpvraag flow sends the IB/COO here and back)."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return ""


class LeerlingenMixin:
    """Leerlingen of the current person in the current omgeving; any other pk is a 404."""

    def get_queryset(self):
        return leerlingen_voor(gebruiker=self.request.user, omgeving=self.request.omgeving)


class LeerlingBekekenMixin:
    """A page that shows one leerling's data records LEERLING_BEKEKEN in the logboek, before
    the page is built: if the row cannot be written, the request fails and shows nothing.
    A list of leerlingen is not recorded; a refused or failed save records its look only."""

    def render_to_response(self, context, **response_kwargs):
        leg_vast(self.request, actie=Actie.LEERLING_BEKEKEN, leerling_id=self.object.pk)
        return super().render_to_response(context, **response_kwargs)


class LeerlingListView(LeerlingenMixin, ListView):
    template_name = "leerlingen/leerling_lijst.html"
    context_object_name = "leerlingen"
    paginate_by = 25
    paginator_class = Paginering

    def get_queryset(self):
        qs = super().get_queryset()
        self.zoekform = ZoekForm(self.request.GET)
        # A search that is too long shows its message and no leerlingen, never a slow query.
        if not self.zoekform.is_valid():
            self.zoek = ""
            return qs.none()
        self.zoek = self.zoekform.cleaned_data["zoek"]
        for woord in self.zoek.split():
            qs = qs.filter(
                Q(voornaam__icontains=woord)
                | Q(tussenvoegsel__icontains=woord)
                | Q(achternaam__icontains=woord)
            )
        return qs

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "zoek": self.zoek,
            "zoekform": self.zoekform,
        }


class LeerlingDetailView(LeerlingenMixin, LeerlingBekekenMixin, DetailView):
    template_name = "leerlingen/leerling_detail.html"
    context_object_name = "leerling"


class LeerlingFormMixin:
    form_class = LeerlingForm
    template_name = "leerlingen/leerling_form.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "gebruiker": self.request.user,
            "omgeving": self.request.omgeving,
        }


class LeerlingCreateView(EenmaligMixin, LeerlingFormMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not scholen_van_ib_coo(gebruiker=request.user, omgeving=request.omgeving).exists():
            raise PermissionDenied("Alleen een IB/COO van een school voegt leerlingen toe.")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        # The leerling and its logboek row are stored together or not at all; the empty form
        # and one that comes back with errors show nothing stored, so they are not recorded.
        with transaction.atomic():
            self.object = maak_leerling(
                door=self.request.user, omgeving=self.request.omgeving, leerling=form.instance
            )
            leg_vast(self.request, actie=Actie.LEERLING_AANGEMAAKT, leerling_id=self.object.pk)
        messages.success(self.request, f"Leerling {self.object} is toegevoegd.")
        if volgende := _volgende(self.request):
            return redirect(f"{volgende}?{urlencode({'leerling': self.object.pk})}")
        return redirect("leerlingen:detail", pk=self.object.pk)


class LeerlingUpdateView(LeerlingenMixin, LeerlingBekekenMixin, LeerlingFormMixin, UpdateView):
    def form_valid(self, form):
        with transaction.atomic():
            self.object = werk_leerling_bij(
                door=self.request.user, omgeving=self.request.omgeving, leerling=form.instance
            )
            leg_vast(self.request, actie=Actie.LEERLING_GEWIJZIGD, leerling_id=self.object.pk)
        messages.success(self.request, "De gegevens zijn opgeslagen en bevestigd als actueel.")
        return redirect(
            _volgende(self.request) or reverse("leerlingen:detail", args=[self.object.pk])
        )


class LeerlingBevestigView(LeerlingenMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        leerling = get_object_or_404(self.get_queryset(), pk=pk)
        # Confirming the data as current changes the leerling (gecontroleerd_op).
        with transaction.atomic():
            bevestig_gegevens(door=request.user, omgeving=request.omgeving, leerling=leerling)
            leg_vast(request, actie=Actie.LEERLING_GEWIJZIGD, leerling_id=leerling.pk)
        messages.success(request, "U heeft bevestigd dat de gegevens actueel zijn.")
        return redirect(_volgende(request) or reverse("leerlingen:detail", args=[leerling.pk]))

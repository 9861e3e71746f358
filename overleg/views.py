from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from accounts.models import Gebruiker
from hulpvragen import toegang
from hulpvragen.services import Conflict
from hulpvragen.views import HulpvraagMixin, fouten_naar_formulier
from kindkans.eenmalig import EenmaligMixin
from logboek.models import Actie

from . import controles, services
from .forms import EinddatumForm, OverlegrondeForm, ReactieForm
from .models import Overlegronde, datum
from .selectors import mogelijke_deelnemers, rondes_voor, ziet_alle_rondes


class OverlegTabView(HulpvraagMixin, TemplateView):
    """Tab Overlegronde: the rounds, who was invited and answered, and the reactie form."""

    template_name = "overleg/tab.html"
    log_actie = Actie.TAB_BEKEKEN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        gebruiker = self.request.user
        rondes = []
        for ronde in rondes_voor(
            gebruiker=gebruiker, hulpvraag=self.hulpvraag, rechten=self.rechten
        ):
            deelnemer_ids = {d.deelnemer_id for d in ronde.deelnames.all()}
            reacties = {r.auteur_id: r for r in ronde.reacties.all()}
            eigen = reacties.get(gebruiker.pk)
            rondes.append(
                {
                    "ronde": ronde,
                    "open": ronde.is_open(),
                    "deelnemers": [
                        (d.deelnemer, d.deelnemer_id in reacties) for d in ronde.deelnames.all()
                    ],
                    "reacties": ronde.reacties.all()
                    if services.mag_reacties_lezen(gebruiker, ronde)
                    else [],
                    "eigen_reactie": eigen,
                    "reactie_form": (
                        kwargs.get("reactie_fouten", {}).get(ronde.pk)
                        or ReactieForm(initial={"tekst": eigen.tekst if eigen else ""})
                    )
                    if gebruiker.pk in deelnemer_ids and ronde.is_open()
                    else None,
                    "is_maker": ronde.aangemaakt_door_id == gebruiker.pk,
                    "einddatum_form": kwargs.get("einddatum_fouten", {}).get(ronde.pk)
                    or EinddatumForm(instance=ronde),
                }
            )
        context["rondes"] = rondes
        context["team"] = ziet_alle_rondes(self.rechten)
        if not context["team"]:
            # An invited deelnemer looks in until the last einddatum of her open rounds (the
            # header says so, hulpvragen/_kop.html): known here without HulpvraagMixin's query.
            context["meekijken_tot"] = max(
                (r["ronde"].einddatum for r in rondes if r["open"] and r["reactie_form"]),
                default=None,
            )
        context["mag_openen"] = toegang.OVERLEGRONDE in self.rechten
        return context


class RondeMixin(HulpvraagMixin):
    http_method_names = ["post"]
    template_name = "overleg/tab.html"
    # A change of one round that comes back with errors shows that round and its reacties.
    log_actie = Actie.OVERLEGRONDE_BEKEKEN

    @cached_property
    def overlegronde(self):
        return get_object_or_404(Overlegronde, pk=self.kwargs["rpk"], hulpvraag=self.hulpvraag)

    def log_onderwerp(self, context):
        return self.overlegronde

    def naar_tab(self, ronde):
        return redirect(reverse("overleg:tab", args=[self.hulpvraag.pk]) + f"#ronde-{ronde.pk}")


class ReactieView(RondeMixin, OverlegTabView):
    def post(self, request, *args, **kwargs):
        ronde = self.overlegronde
        form = ReactieForm(request.POST)
        if form.is_valid():
            try:
                reactie = services.plaats_reactie(
                    door=request.user, overlegronde=ronde, tekst=form.cleaned_data["tekst"]
                )
            except ValidationError as fout:
                fouten_naar_formulier(form, fout)
            else:
                self.leg_vast(Actie.REACTIE_GEPLAATST, self.hulpvraag, onderwerp=reactie)
                messages.success(request, "Uw reactie is opgeslagen.")
                return self.naar_tab(ronde)
        return self.render_to_response(self.get_context_data(reactie_fouten={ronde.pk: form}))


class EinddatumView(RondeMixin, OverlegTabView):
    nodig = toegang.OVERLEGRONDE

    def conflict(self, form, opgeslagen):
        """Nothing was overwritten: say what is stored now next to what was typed, and keep the
        typed date, now based on the stored versie, so saving again replaces it deliberately."""
        # Read the stored date first: validating the new form puts the typed one on the row.
        bericht = (
            "Iemand anders heeft dit intussen gewijzigd: de opgeslagen einddatum is nu "
            f"{datum(opgeslagen.einddatum)}, u typte {datum(form.cleaned_data['einddatum'])}. "
            "Klik opnieuw op Einddatum opslaan om uw datum te bewaren."
        )
        data = self.request.POST.copy()
        data["versie"] = str(opgeslagen.versie)
        nieuw = EinddatumForm(data, instance=opgeslagen)
        nieuw.is_valid()
        nieuw.add_error(None, bericht)
        return nieuw

    def post(self, request, *args, **kwargs):
        ronde = self.overlegronde
        form = EinddatumForm(request.POST, instance=Overlegronde.objects.get(pk=ronde.pk))
        if form.is_valid():
            try:
                services.wijzig_einddatum(
                    door=request.user,
                    overlegronde=ronde,
                    einddatum=form.cleaned_data["einddatum"],
                    versie=form.cleaned_data["versie"],
                )
            except Conflict as conflict:
                form = self.conflict(form, conflict.opgeslagen)
            except ValidationError as fout:
                fouten_naar_formulier(form, fout)
            else:
                self.leg_vast(Actie.OVERLEGRONDE_GEWIJZIGD, self.hulpvraag, onderwerp=ronde)
                messages.success(request, "De einddatum is gewijzigd.")
                return self.naar_tab(ronde)
        return self.render_to_response(self.get_context_data(einddatum_fouten={ronde.pk: form}))


class SluitenView(RondeMixin, OverlegTabView):
    nodig = toegang.OVERLEGRONDE

    def post(self, request, *args, **kwargs):
        ronde = self.overlegronde
        services.sluit_overlegronde(door=request.user, overlegronde=ronde)
        self.leg_vast(Actie.OVERLEGRONDE_GEWIJZIGD, self.hulpvraag, onderwerp=ronde)
        messages.success(request, f"Overlegronde {ronde.titel} is gesloten; de inzage is gestopt.")
        return self.naar_tab(ronde)


class NieuweOverlegrondeView(EenmaligMixin, HulpvraagMixin, TemplateView):
    """Create a round. The two columns work without JavaScript: the buttons Toevoegen →
    and ← Verwijderen post the form, which comes back with everything typed kept."""

    template_name = "overleg/nieuw.html"
    nodig = toegang.OVERLEGRONDE
    log_actie = Actie.TAB_BEKEKEN  # a new round has nothing of its own to show yet

    def keuzes(self):
        if not hasattr(self, "_keuzes"):
            self._keuzes = mogelijke_deelnemers(hulpvraag=self.hulpvraag, behalve=self.request.user)
        return self._keuzes

    def get_context_data(self, form=None, geselecteerd=(), zoek="", **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or OverlegrondeForm(keuzes=self.keuzes())
        gekozen = set(geselecteerd)
        woorden = zoek.lower().split()
        context.update(
            form=form,
            zoek=zoek,
            mogelijke=[
                (pk, label)
                for pk, label in self.keuzes()
                if pk not in gekozen and all(w in label.lower() for w in woorden)
            ],
            geselecteerde=[(pk, label) for pk, label in self.keuzes() if pk in gekozen],
            # What the checks of the apps above say is missing (ouders: the parents' consent).
            uitleg=controles.uitleg(self.hulpvraag),
        )
        return context

    def post(self, request, *args, **kwargs):
        geldig = {pk for pk, _ in self.keuzes()}
        geselecteerd = [int(x) for x in request.POST.getlist("deelnemers") if x.isdigit()]
        actie = request.POST.get("actie", "opslaan")
        if actie == "toevoegen":
            geselecteerd += [int(x) for x in request.POST.getlist("mogelijk") if x.isdigit()]
        elif actie == "verwijderen":
            weg = {int(x) for x in request.POST.getlist("geselecteerd") if x.isdigit()}
            geselecteerd = [pk for pk in geselecteerd if pk not in weg]
        geselecteerd = list(dict.fromkeys(geselecteerd))
        zoek = request.POST.get("zoek", "")
        if actie != "opslaan":
            # Moving between the columns only keeps who the list offers; Opslaan sends all,
            # so someone who is not offered is refused with a message, not dropped unseen.
            geselecteerd = [pk for pk in geselecteerd if pk in geldig]
            form = OverlegrondeForm(
                keuzes=self.keuzes(),
                initial={
                    "titel": request.POST.get("titel", ""),
                    "omschrijving": request.POST.get("omschrijving", ""),
                    "einddatum": request.POST.get("einddatum", ""),
                },
            )
            return self.render_to_response(
                self.get_context_data(form=form, geselecteerd=geselecteerd, zoek=zoek)
            )
        data = request.POST.copy()
        data.setlist("deelnemers", [str(pk) for pk in geselecteerd])
        form = OverlegrondeForm(data, keuzes=self.keuzes())
        if form.is_valid():
            try:
                ronde = services.maak_overlegronde(
                    door=request.user,
                    hulpvraag=self.hulpvraag,
                    titel=form.cleaned_data["titel"],
                    omschrijving=form.cleaned_data["omschrijving"],
                    einddatum=form.cleaned_data["einddatum"],
                    deelnemers=list(
                        Gebruiker.objects.filter(pk__in=form.cleaned_data["deelnemers"])
                    ),
                )
            except ValidationError as fout:
                fouten_naar_formulier(form, fout)
            else:
                self.leg_vast(Actie.OVERLEGRONDE_AANGEMAAKT, self.hulpvraag, onderwerp=ronde)
                messages.success(
                    request,
                    f"Overlegronde {ronde.titel} is opgeslagen; de deelnemers hebben een mail "
                    f"gekregen en kunnen meekijken tot en met {datum(ronde.einddatum)}.",
                )
                return redirect(
                    reverse("overleg:tab", args=[self.hulpvraag.pk]) + f"#ronde-{ronde.pk}"
                )
        return self.render_to_response(
            self.get_context_data(form=form, geselecteerd=geselecteerd, zoek=zoek)
        )

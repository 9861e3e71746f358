"""The parents' own pages, without an account (namespace "ouderportaal", under /ouder/).

The way in: the personal link from the mail (ouders.links) shows a page that asks for a code;
the button "Stuur mij de code" mails one, and the right code opens a visit (ouders.sessie) and
uses the link up. A GET never sends mail nor changes anything: mail scanners open links.

During a visit every page is about the visit's one hulpvraag (sessie.bezoek: any other id is a
404) and writes one row in the logboek, with the parent as the actor (zonder_account); so does
every answer. The rules are the services' (ouders.services); the limits on asking codes and new
links per invitation are ouders.links', those per client address are here.

Every page answers with Cache-Control no-store: GeenCacheMiddleware only covers people who are
logged in, and a parent's page on a shared computer must not stay in the browser.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_ratelimit.core import get_usage

from accounts.clientadres import client_adres
from accounts.limieten import wachttijd_tekst
from accounts.models import Lidmaatschap
from hulpvragen.workflow import Status
from logboek.models import Actie
from logboek.services import leg_vast

from . import links, services, sessie
from .forms_ouder import AntwoordForm, CodeForm, ZienswijzeForm
from .models import Toestemming, Uitnodiging, Zienswijze

logger = logging.getLogger(__name__)

# Per client address (a family shares one; a school too, rarely for this): how often codes may
# be asked, tried, and new links asked. The limits per invitation are in ouders.links.
CODES_PER_CLIENTADRES = "10/h"
CODEPOGINGEN_PER_CLIENTADRES = "30/h"
NIEUWE_LINKS_PER_CLIENTADRES = "5/h"

SJABLONEN = "ouders/ouder/"

# The status of a hulpvraag as a parent understands it.
STATUS_IN_GEWONE_WOORDEN = {
    Status.AANGEMELD: (
        "De school heeft de hulpvraag aangemeld. Er wordt nu gekeken wie de hulp gaat regelen."
    ),
    Status.GEAGENDEERD: "Er is iemand die de hulp regelt. Die persoon is ermee aan de slag.",
    Status.TUSSENTIJDSE_EVALUATIE: (
        "De hulp is bezig. Er wordt tussendoor bekeken hoe het gaat en wat er nog nodig is."
    ),
    Status.RETOUR_NAAR_SCHAKELTEAM: (
        "De hulp is (bijna) klaar. De school bespreekt met het samenwerkingsverband wat er nog "
        "nodig is."
    ),
    Status.AFGEROND: "De hulpvraag is afgerond.",
}


def ouderpagina(cls):
    """A page for a parent: no login, no omgeving, never kept in the browser's cache.

    login_not_required also lets TweeStapsMiddleware and OmgevingMiddleware pass (they skip a
    view whose login_required is False), so a logged-in employee who opens a parent's link in
    the same browser is not sent to the second factor or the omgeving choice either.
    """
    return method_decorator([login_not_required, never_cache], name="dispatch")(cls)


def verborgen_adres(email):
    """f•••@thuis.test: enough for the parent to recognise the address, not to learn it."""
    naam, _, domein = email.partition("@")
    return f"{naam[:1]}•••@{domein}"


def contact(uitnodiging):
    """Whom the parent asks: who invited them, and the school."""
    door = uitnodiging.aangemaakt_door
    return {
        "naam": door.get_full_name(),
        "email": door.email,
        "school": uitnodiging.hulpvraag.leerling.school.naam,
    }


def leg_vast_voor_ouder(request, uitnodiging, actie, onderwerp=None):
    """One logboek row with the parent as the actor, about the invitation's hulpvraag."""
    ouder = uitnodiging.ouder
    hulpvraag = uitnodiging.hulpvraag
    leg_vast(
        request,
        actie=actie,
        hulpvraag_id=hulpvraag.pk,
        leerling_id=hulpvraag.leerling_id,
        onderwerp=onderwerp,
        zonder_account={
            "naam": ouder.naam,
            "rol": f"ouder/verzorger ({ouder.get_relatie_display()})",
            "omgeving": hulpvraag.omgeving,
        },
    )


def te_vaak_vanaf_clientadres(request, groep, rate):
    """Count this request for the client address; the wait (a timedelta) when it is one too
    many, else None."""
    try:
        gebruik = get_usage(
            request,
            group=groep,
            key=lambda _groep, verzoek: client_adres(verzoek) or "",
            rate=rate,
            increment=True,
        )
    except Exception:
        # The cache (Redis) is down: rather no limit per address for a while than no parent
        # who can get in. The limits per invitation live in the database and still hold.
        logger.exception("Limiet per clientadres (%s) niet te tellen: cache onbereikbaar", groep)
        return None
    if gebruik is None or not gebruik["should_limit"]:
        return None
    return timedelta(seconds=max(1, gebruik["time_left"]))


# --- Before the visit: the link and the code ---------------------------------------------------


@ouderpagina
class UitnodigingView(TemplateView):
    """Where a parent's mail is filed (the outbox's pad): reveals nothing, points to the mail."""

    template_name = SJABLONEN + "uitnodiging.html"


class LinkMixin:
    """Resolve the invitation of the link: a wrong token is a 404, an invitation that no longer
    runs says so and whom to ask."""

    def dispatch(self, request, *args, **kwargs):
        self.uitnodiging = (
            Uitnodiging.objects.select_related(
                "ouder",
                "aangemaakt_door",
                "hulpvraag__leerling__school",
                "hulpvraag__omgeving",
                "overlegronde",
            )
            .filter(pk=kwargs["pk"])
            .first()
        )
        if self.uitnodiging is None or not links.token_klopt(self.uitnodiging, kwargs["token"]):
            return render(request, SJABLONEN + "link_onjuist.html", status=404)
        if not self.uitnodiging.loopt():
            return self.verlopen()
        return super().dispatch(request, *args, **kwargs)

    def verlopen(self):
        return render(
            self.request,
            SJABLONEN + "verlopen.html",
            {"uitnodiging": self.uitnodiging, "contact": contact(self.uitnodiging)},
            status=410,
        )

    def vergrendeld(self):
        """The invitation again, locked for the rest of the transaction: two requests at once
        must not both pass a limit or both use one code."""
        return (
            Uitnodiging.objects.select_for_update(of=("self",))
            .select_related("ouder", "hulpvraag__leerling", "hulpvraag__omgeving", "overlegronde")
            .get(pk=self.uitnodiging.pk)
        )

    def gebruikt(self, fout=None, status=200):
        """The link was used: a new one can be mailed while the invitation runs."""
        huidig = sessie.huidig(self.request)
        return render(
            self.request,
            SJABLONEN + "gebruikt.html",
            {
                "uitnodiging": self.uitnodiging,
                "token": self.kwargs["token"],
                "adres": verborgen_adres(self.uitnodiging.ouder.email),
                "contact": contact(self.uitnodiging),
                "fout": fout,
                # The parent who is still inside (this browser) goes straight back.
                "nog_binnen": huidig is not None and huidig.pk == self.uitnodiging.pk,
            },
            status=status,
        )


@ouderpagina
class LinkView(LinkMixin, View):
    """The link from the mail: greet the parent, mail the code on request, check the code."""

    def get(self, request, *args, **kwargs):
        if self.uitnodiging.link_gebruikt_op is not None:
            return self.gebruikt()
        return self.pagina()

    def post(self, request, *args, **kwargs):
        if self.uitnodiging.link_gebruikt_op is not None:
            return self.gebruikt()
        actie = request.POST.get("action")
        if actie == "code":
            return self.stuur_code()
        if actie == "controleer":
            return self.controleer(CodeForm(request.POST))
        return redirect(request.path)

    def pagina(self, *, form=None, fout=None, status=200):
        uitnodiging = self.uitnodiging
        code_gevraagd = uitnodiging.code_gevraagd_op is not None
        return render(
            self.request,
            SJABLONEN + "link.html",
            {
                "uitnodiging": uitnodiging,
                "ouder": uitnodiging.ouder,
                "leerling_voornaam": uitnodiging.hulpvraag.leerling.voornaam,
                "contact": contact(uitnodiging),
                "adres": verborgen_adres(uitnodiging.ouder.email),
                "code_minuten": settings.OUDER_CODE_MINUTEN,
                "code_gevraagd": code_gevraagd,
                "form": form or (CodeForm() if code_gevraagd else None),
                "fout": fout,
            },
            status=status,
        )

    def stuur_code(self):
        request = self.request
        with transaction.atomic():
            uitnodiging = self.vergrendeld()
            wacht = links.wachttijd_voor_code(uitnodiging)
            if wacht is not None:
                return self.pagina(
                    fout=f"U heeft al {links.CODES_PER_VENSTER} keer een code gevraagd. Er is "
                    "geen nieuwe code gestuurd. Kijk in uw e-mail, ook bij ongewenste e-mail "
                    f"(spam). Of vraag over {wachttijd_tekst(wacht)} een nieuwe code.",
                    status=429,
                )
            wacht = te_vaak_vanaf_clientadres(
                request, "ouders.code.clientadres", CODES_PER_CLIENTADRES
            )
            if wacht is not None:
                return self.pagina(
                    fout="Vanaf deze internetverbinding is te vaak een code gevraagd. Er is geen "
                    f"nieuwe code gestuurd. Probeer het over {wachttijd_tekst(wacht)} opnieuw.",
                    status=429,
                )
            try:
                services.stuur_code(uitnodiging)
            except ValidationError:
                return self.gebruikt()
            leg_vast_voor_ouder(request, uitnodiging, Actie.OUDER_CODE_GEVRAAGD, uitnodiging)
        adres = verborgen_adres(uitnodiging.ouder.email)
        messages.success(
            request,
            f"We hebben een e-mail met de code gestuurd naar {adres}. Het kan een paar minuten "
            "duren voordat die binnen is.",
        )
        return redirect(request.path)

    def controleer(self, form):
        request = self.request
        if not form.is_valid():
            return self.pagina(form=form)
        wacht = te_vaak_vanaf_clientadres(
            request, "ouders.codepoging.clientadres", CODEPOGINGEN_PER_CLIENTADRES
        )
        if wacht is not None:
            form.add_error(
                "code",
                "Vanaf deze internetverbinding is te vaak een code geprobeerd. Probeer het over "
                f"{wachttijd_tekst(wacht)} opnieuw.",
            )
            return self.pagina(form=form, status=429)
        with transaction.atomic():
            uitnodiging = self.vergrendeld()
            if uitnodiging.link_gebruikt_op is not None:
                return self.gebruikt()
            staat = links.code_staat(uitnodiging)
            if staat == links.CodeStaat.OK and links.code_klopt(
                uitnodiging, form.cleaned_data["code"]
            ):
                # Recorded first: a visit that cannot be logged does not open.
                leg_vast_voor_ouder(request, uitnodiging, Actie.OUDER_BINNEN, uitnodiging)
                sessie.open_bezoek(request, uitnodiging)
                return redirect("ouderportaal:hulpvraag", hulpvraag_id=uitnodiging.hulpvraag_id)
        form.add_error("code", self.waarom_niet(uitnodiging, staat))
        return self.pagina(form=form)

    def waarom_niet(self, uitnodiging, staat):
        if staat == links.CodeStaat.GEEN:
            return (
                "Er is nog geen code die u kunt gebruiken. Klik eerst op 'Stuur mij de code'. "
                "Heeft u dat net gedaan? Wacht dan even op de e-mail."
            )
        if staat == links.CodeStaat.VERLOPEN:
            return (
                f"Deze code is verlopen. Een code werkt {settings.OUDER_CODE_MINUTEN} minuten. "
                "Vraag een nieuwe code."
            )
        over = links.pogingen_over(uitnodiging)
        if staat == links.CodeStaat.OP or over == 0:
            return (
                "Deze code klopt niet. U heeft te vaak een verkeerde code ingevuld, daarom werkt "
                "deze code niet meer. Vraag een nieuwe code."
            )
        keer = "1 keer" if over == 1 else f"{over} keer"
        return f"Deze code klopt niet. Kijk goed in de e-mail. U kunt het nog {keer} proberen."


@ouderpagina
class NieuweLinkView(LinkMixin, View):
    """The parent's link was used (or the visit ended): a new link to the same address."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.uitnodiging.link_gebruikt_op is None:
            # The link still works: no new one needed.
            return redirect("ouderportaal:link", pk=self.uitnodiging.pk, token=kwargs["token"])
        with transaction.atomic():
            uitnodiging = self.vergrendeld()
            wacht = links.wachttijd_voor_nieuwe_link(uitnodiging)
            if wacht is not None:
                return self.gebruikt(
                    fout="U heeft net al een nieuwe link gevraagd. Kijk in uw e-mail, ook bij "
                    "ongewenste e-mail (spam). Is er geen e-mail gekomen? Vraag over "
                    f"{wachttijd_tekst(wacht)} opnieuw een nieuwe link.",
                    status=429,
                )
            wacht = te_vaak_vanaf_clientadres(
                request, "ouders.nieuwe_link.clientadres", NIEUWE_LINKS_PER_CLIENTADRES
            )
            if wacht is not None:
                return self.gebruikt(
                    fout="Vanaf deze internetverbinding is te vaak een nieuwe link gevraagd. "
                    f"Probeer het over {wachttijd_tekst(wacht)} opnieuw.",
                    status=429,
                )
            try:
                uitnodiging = services.stuur_nieuwe_link(uitnodiging)
            except ValidationError:
                return self.verlopen()
            leg_vast_voor_ouder(request, uitnodiging, Actie.OUDER_NIEUWE_LINK, uitnodiging)
        messages.success(
            request,
            "We hebben een nieuwe link gestuurd naar "
            f"{verborgen_adres(uitnodiging.ouder.email)}. Open die e-mail en klik op de link. "
            "De oude link werkt niet meer.",
        )
        return redirect("ouderportaal:uitnodiging", pk=uitnodiging.pk)


# --- During the visit ----------------------------------------------------------------------------


def niet_gevonden(request):
    """A page of a parent that is not theirs, or a visit that is over. Both answer 404 and tell
    nothing about the hulpvraag asked for."""
    huidig = sessie.huidig(request)
    if huidig is not None:
        return render(
            request, SJABLONEN + "niet_gevonden.html", {"eigen": huidig.hulpvraag_id}, status=404
        )
    return render(
        request,
        SJABLONEN + "bezoek_voorbij.html",
        {"bezoek_minuten": settings.OUDER_BEZOEK_MINUTEN},
        status=404,
    )


class BezoekMixin:
    """The visit's invitation for this page's hulpvraag (sessie.bezoek), or the 404 pages. A
    POST runs in one transaction with its logboek row."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.uitnodiging = sessie.bezoek(request, kwargs["hulpvraag_id"])
        except Http404:
            return niet_gevonden(request)
        self.hulpvraag = self.uitnodiging.hulpvraag
        if request.method == "POST":
            with transaction.atomic():
                return super().dispatch(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def leg_vast(self, actie, onderwerp=None):
        leg_vast_voor_ouder(self.request, self.uitnodiging, actie, onderwerp)

    def naar_hulpvraag(self, anker=""):
        url = reverse("ouderportaal:hulpvraag", args=[self.hulpvraag.pk])
        return redirect(f"{url}#{anker}" if anker else url)

    def fout(self, fout):
        """A refusal of a service, said on the page after the redirect."""
        messages.error(self.request, " ".join(getattr(fout, "messages", [str(fout)])))
        return self.naar_hulpvraag()


def betrokkenen(hulpvraag):
    """Who works on the hulpvraag, with their organisatie and role in a parent's words: names
    and roles only, nothing of the aanpak itself."""
    mensen = {}

    def voeg_toe(persoon, rol):
        mensen.setdefault(persoon.pk, {"persoon": persoon, "rollen": []})
        if rol not in mensen[persoon.pk]["rollen"]:
            mensen[persoon.pk]["rollen"].append(rol)

    voornaam = hulpvraag.leerling.voornaam
    voeg_toe(
        hulpvraag.aangemaakt_door,
        "intern begeleider of zorgcoördinator (IB/COO) van de school; heeft de hulpvraag gemaakt",
    )
    voeg_toe(hulpvraag.coordinator, "coördinator: houdt het overzicht en regelt de hulp")
    for aanpak in hulpvraag.aanpakken.select_related("behandelaar").order_by("startdatum", "pk"):
        voeg_toe(aanpak.behandelaar, f"behandelaar: helpt {voornaam} en de school")
    organisaties = {}
    for lid in (
        Lidmaatschap.objects.actief()
        .filter(omgeving_id=hulpvraag.omgeving_id, gebruiker_id__in=mensen)
        .select_related("organisatie")
        .order_by("gebruiker_id", "organisatie__naam")
    ):
        organisaties.setdefault(lid.gebruiker_id, lid.organisatie.naam)
    # The IB/COO is named with the leerling's school, whatever else they work for.
    organisaties[hulpvraag.aangemaakt_door_id] = hulpvraag.leerling.school.naam
    return [
        {
            "naam": m["persoon"].get_full_name(),
            "organisatie": organisaties.get(pk, ""),
            "rollen": m["rollen"],
        }
        for pk, m in mensen.items()
    ]


@ouderpagina
class HulpvraagView(BezoekMixin, TemplateView):
    """The hulpvraag as a parent reads it: what it is about, who is involved, the status; the
    questions of consent or the overlegronde; the zienswijze."""

    template_name = SJABLONEN + "hulpvraag.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        uitnodiging = self.uitnodiging
        hulpvraag = self.hulpvraag
        ouder = uitnodiging.ouder
        in_overleg = uitnodiging.doel == Uitnodiging.Doel.OVERLEG
        context.update(
            uitnodiging=uitnodiging,
            ouder=ouder,
            hulpvraag=hulpvraag,
            leerling_voornaam=hulpvraag.leerling.voornaam,
            school=hulpvraag.leerling.school.naam,
            door=uitnodiging.aangemaakt_door,
            betrokkenen=betrokkenen(hulpvraag),
            status_tekst=STATUS_IN_GEWONE_WOORDEN.get(hulpvraag.status, ""),
            in_overleg=in_overleg,
            bezoek_minuten=settings.OUDER_BEZOEK_MINUTEN,
            zienswijzen=Zienswijze.objects.filter(hulpvraag=hulpvraag, ouder=ouder).order_by(
                "-geplaatst_op", "-pk"
            ),
        )
        context.setdefault("zienswijze_form", ZienswijzeForm(in_overleg=in_overleg))
        if in_overleg:
            context.update(
                ronde=uitnodiging.overlegronde,
                statuswijzigingen=hulpvraag.statuswijzigingen.select_related("door"),
                bijlagen=hulpvraag.bijlagen.all(),
            )
        else:
            context["vragen"] = self.vragen()
        return context

    def vragen(self):
        """Each question asked, its uitleg and the parent's own latest answer to it."""
        soorten = list(services.gevraagde_soorten(self.uitnodiging))
        laatste = {}
        for toestemming in Toestemming.objects.filter(
            hulpvraag=self.hulpvraag, ouder=self.uitnodiging.ouder, soort__in=soorten
        ).order_by("-op", "-pk"):
            laatste.setdefault(toestemming.soort_id, toestemming)
        return [{"soort": soort, "antwoord": laatste.get(soort.pk)} for soort in soorten]

    def render_to_response(self, context, **response_kwargs):
        # Every page the parent sees is recorded before it is shown.
        self.leg_vast(Actie.OUDER_BEKEKEN)
        return super().render_to_response(context, **response_kwargs)


@ouderpagina
class AntwoordView(BezoekMixin, View):
    """Ja or nee to one question of consent: a digital answer of the parent."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AntwoordForm(request.POST, soorten=services.gevraagde_soorten(self.uitnodiging))
        if not form.is_valid():
            messages.error(request, "Kies bij een vraag op deze pagina ja of nee.")
            return self.naar_hulpvraag()
        soort = form.cleaned_data["soort"]
        try:
            toestemming = services.antwoord_van_ouder(
                uitnodiging=self.uitnodiging, soort=soort, besluit=form.cleaned_data["besluit"]
            )
        except (ValidationError, PermissionDenied) as fout:
            return self.fout(fout)
        self.leg_vast(Actie.TOESTEMMING_VASTGELEGD, toestemming)
        if toestemming.besluit == Toestemming.Besluit.GEGEVEN:
            bericht = f"Dank u wel. U heeft toestemming gegeven voor: {soort.naam}."
        else:
            bericht = f"Dank u wel. U heeft geen toestemming gegeven voor: {soort.naam}."
        messages.success(request, bericht)
        return self.naar_hulpvraag(f"vraag-{soort.pk}")


@ouderpagina
class IntrekkenView(BezoekMixin, View):
    """The parent withdraws a consent they gave, about a question they were asked."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        toestemming = (
            Toestemming.objects.select_related("soort")
            .filter(
                pk=kwargs["toestemming_id"],
                hulpvraag=self.hulpvraag,
                ouder=self.uitnodiging.ouder,
                soort__in=services.gevraagde_soorten(self.uitnodiging),
            )
            .first()
        )
        if toestemming is None:
            return niet_gevonden(request)
        try:
            services.trek_in(toestemming=toestemming, uitnodiging=self.uitnodiging)
        except (ValidationError, PermissionDenied) as fout:
            return self.fout(fout)
        self.leg_vast(Actie.TOESTEMMING_INGETROKKEN, toestemming)
        messages.success(
            request, f"U heeft uw toestemming ingetrokken voor: {toestemming.soort.naam}."
        )
        return self.naar_hulpvraag(f"vraag-{toestemming.soort_id}")


@ouderpagina
class ZienswijzeView(HulpvraagView):
    """The parent writes what they think (in a round: their reactie); with an error the page
    comes back with the text kept."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        in_overleg = self.uitnodiging.doel == Uitnodiging.Doel.OVERLEG
        form = ZienswijzeForm(request.POST, in_overleg=in_overleg)
        if form.is_valid():
            try:
                zienswijze = services.plaats_zienswijze(
                    uitnodiging=self.uitnodiging, tekst=form.cleaned_data["tekst"]
                )
            except ValidationError as fout:
                form.add_error("tekst" if hasattr(fout, "error_dict") else None, fout)
            else:
                self.leg_vast(Actie.ZIENSWIJZE_GEPLAATST, zienswijze)
                messages.success(
                    request,
                    "Dank u wel. Uw reactie is opgeslagen."
                    if in_overleg
                    else "Dank u wel. Wat u schreef is opgeslagen.",
                )
                return self.naar_hulpvraag("zienswijzen")
        return self.render_to_response(self.get_context_data(zienswijze_form=form))


@ouderpagina
class BijlageView(BezoekMixin, View):
    """A bijlage of the hulpvraag, for a parent who reads along in an overlegronde (what a
    deelnemer reads); always as a download."""

    def get(self, request, *args, **kwargs):
        if self.uitnodiging.doel != Uitnodiging.Doel.OVERLEG:
            return niet_gevonden(request)
        bijlage = self.hulpvraag.bijlagen.filter(pk=kwargs["bijlage_id"]).first()
        if bijlage is None:
            return niet_gevonden(request)
        self.leg_vast(Actie.BIJLAGE_GEDOWNLOAD, bijlage)
        return FileResponse(
            bijlage.bestand.open("rb"),
            as_attachment=True,
            filename=bijlage.naam,
            content_type=bijlage.content_type,
        )


@ouderpagina
class KlaarView(TemplateView):
    """End the visit (POST); the page after it says what to do to come back (GET)."""

    template_name = SJABLONEN + "klaar.html"

    def post(self, request, *args, **kwargs):
        sessie.sluit_bezoek(request)
        return redirect("ouderportaal:klaar")

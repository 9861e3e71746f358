"""The parts of Ouders en leerling on the pages of the apps below (hulpvragen' tab Algemeen,
overleg's tab Overlegronde, the leerling): those apps do not know ouders, so their templates
ask here, as they ask hulpvragen.tabs for this app's tab."""

from django import template

from hulpvragen import toegang
from overleg.services import mag_reacties_lezen

from .. import selectors, services
from ..forms import OverlegOuderForm

register = template.Library()


@register.simple_tag
def toestemming_van_ouders(hulpvraag):
    """Per kind of consent, where it stands and its records (tab Algemeen): two queries."""
    return selectors.standen(
        services.lees_soorten(hulpvraag.omgeving), selectors.toestemmingen_van(hulpvraag)
    )


@register.simple_tag
def stemmen_voor(hulpvraag, rechten):
    """De stem van de leerling as this person may read it (a deelnemer: what was shared)."""
    return list(services.stemmen_voor(rechten, hulpvraag).select_related("vastgelegd_door"))


def _per_pagina(request, sleutel, hulpvraag, lezen):
    """What `lezen(hulpvraag)` gives, read once per page (the tab has a row per round)."""
    bewaard = request.__dict__.setdefault("_ouders_in_rondes", {})
    if (sleutel, hulpvraag.pk) not in bewaard:
        bewaard[(sleutel, hulpvraag.pk)] = lezen(hulpvraag)
    return bewaard[(sleutel, hulpvraag.pk)]


@register.simple_tag(takes_context=True)
def ouders_in_ronde(context, ronde):
    """The parents of one overlegronde as this person may see them: who was invited (the team),
    what they wrote (who reads all reacties), and the form to invite one (who may). A deelnemer
    sees none of it, and for her nothing is read."""
    request = context["request"]
    hulpvraag, rechten = context["hulpvraag"], context["rechten"]
    uitnodigingen, zienswijzen, form = [], [], None
    if not toegang.kijkt_alleen_mee(rechten):
        uitnodigingen = _per_pagina(
            request, "uitnodigingen", hulpvraag, selectors.ouders_in_rondes
        ).get(ronde.pk, [])
    if mag_reacties_lezen(request.user, ronde):
        zienswijzen = _per_pagina(
            request, "zienswijzen", hulpvraag, selectors.zienswijzen_in_rondes
        ).get(ronde.pk, [])
    if services.mag_ouder_bij_overleg_uitnodigen(request.user, ronde, rechten):
        form = context.get("ouder_fouten", {}).get(ronde.pk) or OverlegOuderForm(
            ouders=_per_pagina(request, "uitnodigbaar", hulpvraag, _uitnodigbaar),
            prefix=f"ouder-{ronde.pk}",
        )
    return {"uitnodigingen": uitnodigingen, "zienswijzen": zienswijzen, "form": form}


def _uitnodigbaar(hulpvraag):
    return services.uitnodigbaar(selectors.ouders_van(hulpvraag.leerling))

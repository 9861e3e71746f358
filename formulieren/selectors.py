"""Read side of formulieren: always limited to what the person may see in the omgeving."""

from django.db.models import Q

from accounts.models import Gebruiker, Lidmaatschap, Rol
from hulpvragen import toegang
from hulpvragen.models import Hulpvraag
from hulpvragen.workflow import Status

from .models import PERSOONROLLEN, Formulier, FormulierDefinitie, FormulierWijziging


def rollen_van(*, gebruiker, omgeving):
    """The rollen this person holds in this omgeving today."""
    if not gebruiker.is_authenticated or omgeving is None:
        return set()
    return set(
        Lidmaatschap.objects.actief()
        .filter(gebruiker=gebruiker, omgeving=omgeving)
        .values_list("rol", flat=True)
    )


def invulbare_definities(*, gebruiker, omgeving):
    """The active form definitions of the omgeving that one of this person's rollen fills."""
    rollen = rollen_van(gebruiker=gebruiker, omgeving=omgeving)
    # The rollen are a JSON list; SQLite has no JSON "contains", and an omgeving has a handful
    # of definitions, so the match is made here.
    ids = [
        pk
        for pk, definitie_rollen in FormulierDefinitie.objects.filter(
            omgeving=omgeving, actief=True
        ).values_list("pk", "rollen")
        if rollen & set(definitie_rollen or [])
    ]
    return FormulierDefinitie.objects.filter(pk__in=ids).order_by("naam")


def mag_invullen(*, gebruiker, definitie):
    """Does one of this person's rollen in the definition's omgeving fill this kind of form?"""
    rollen = rollen_van(gebruiker=gebruiker, omgeving=definitie.omgeving)
    return bool(rollen & set(definitie.rollen or []))


def hulpvragen_met_formulieren(*, gebruiker, omgeving):
    """The hulpvragen whose formulieren this person may see (never a deelnemer's); whoever may
    see them may see the hulpvraag (toegang.RECHTEN)."""
    return toegang.met_recht(
        Hulpvraag.objects.filter(omgeving=omgeving), gebruiker, toegang.FORMULIEREN
    ).select_related("leerling", "leerling__school", "coordinator")


def hulpvragen_om_te_kiezen(*, gebruiker, omgeving):
    """The hulpvragen to pick from when a form is started outside a hulpvraag: the open ones
    this person is involved in with access to the formulieren."""
    return (
        hulpvragen_met_formulieren(gebruiker=gebruiker, omgeving=omgeving)
        .exclude(status=Status.AFGEROND)
        .order_by("-aangemaakt_op", "-pk")
    )


def personen_van(*, omgeving, scholen, rollen=None):
    """The people a persoon field offers: the active members of the omgeving in the field's
    `rollen` (its keuzes: Rol values out of models.PERSOONROLLEN; empty offers all of those).
    An IB/COO only of these `scholen` (ids, or a queryset of ids): the school of the form's
    hulpvraag, or, while the hulpvraag is still to be chosen, the schools of the hulpvragen to
    choose from (services then checks the choice against the chosen one's school). Never the
    SWV-beheerder or an externe deelnemer, whatever the field says."""
    rollen = [rol for rol in rollen or PERSOONROLLEN if rol in PERSOONROLLEN]
    wie = Q(pk__in=[])  # a field whose rollen are all unknown offers nobody
    if Rol.IB_COO in rollen:
        wie |= Q(rol=Rol.IB_COO, organisatie__in=scholen)
    anderen = [rol for rol in rollen if rol != Rol.IB_COO]
    if anderen:
        wie |= Q(rol__in=anderen)
    leden = Lidmaatschap.objects.actief().filter(omgeving=omgeving).filter(wie)
    return (
        Gebruiker.objects.filter(is_active=True, lidmaatschappen__in=leden)
        .distinct()
        .order_by("voornaam", "achternaam")
    )


def formulieren_van(hulpvraag):
    """The forms of one hulpvraag, for its Formulieren tab (the caller checked the recht)."""
    return Formulier.objects.filter(hulpvraag=hulpvraag).select_related(
        "definitie", "auteur", "gewijzigd_door"
    )


# From how many hulpvragen on a person's formulieren overview reads page by page along the
# omgeving's forms (see zichtbare_formulieren).
VEEL_HULPVRAGEN = 500


def zichtbare_formulieren(*, gebruiker, omgeving):
    """Every form on a hulpvraag whose formulieren this person may see, newest change first."""
    # Whoever sees the formulieren of very many hulpvragen (a schakelfunctionaris with 30,000)
    # walks the omgeving's forms newest first (index formulier_overzicht), each checked against
    # their rows, and reads one page. An IB/COO with a few hundred reads the forms of those
    # through the hulpvraag index instead: walking an omgeving of 30,000 for the 1% that is
    # hers would grow with the omgeving. None of the JSON columns: a list needs names and dates.
    formulieren = toegang.met_recht(
        Formulier.objects.filter(omgeving=omgeving),
        gebruiker,
        toegang.FORMULIEREN,
        via="hulpvraag__",
        omgeving_veld="omgeving",
        per_rij=toegang.ziet_veel(gebruiker, toegang.FORMULIEREN, VEEL_HULPVRAGEN),
    )
    return (
        formulieren.select_related(
            "definitie", "auteur", "gewijzigd_door", "hulpvraag", "hulpvraag__leerling"
        )
        .defer("waarden", "veldenset", "hulpvraag__omschrijving", "definitie__rollen")
        .order_by("-gewijzigd_op", "-pk")
    )


def geschiedenis_van(formulier):
    return FormulierWijziging.objects.filter(formulier=formulier).select_related("door")

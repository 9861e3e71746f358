from django.db.models import Prefetch

from accounts.models import Gebruiker, Lidmaatschap, Rol
from accounts.selectors import keuzes_met_rol, leden_met_rol

from .models import Hulpvraag, StatusWijziging
from .toegang import ZIEN, met_recht

# Who may be coördinator or behandelaar: the schakelfunctionaris verbinding onderwijs/jeugdhulp
# and the regierolhouders of the omgeving.
BEHANDELENDE_ROLLEN = [Rol.SCHAKELFUNCTIONARIS_VERBINDING, Rol.REGIEROLHOUDER]


def zichtbare_hulpvragen(*, gebruiker, omgeving, per_rij=False):
    """Every hulpvraag this person may see today, in the current omgeving only (`per_rij`:
    toegang.met_recht's check per row, for a person who sees very many)."""
    return met_recht(
        Hulpvraag.objects.filter(omgeving=omgeving), gebruiker, ZIEN, per_rij=per_rij
    ).select_related("leerling", "leerling__school", "coordinator")


def hulpvraag_detail(*, gebruiker, omgeving):
    """The queryset a hulpvraag page gets its object from (404 when not visible)."""
    return (
        zichtbare_hulpvragen(gebruiker=gebruiker, omgeving=omgeving)
        .select_related("aangemaakt_door")
        .prefetch_related(
            Prefetch("statuswijzigingen", StatusWijziging.objects.select_related("door"))
        )
    )


def mogelijke_coordinatoren(*, omgeving):
    """Who may be coördinator or behandelaar (the rule services check a choice against)."""
    return leden_met_rol(omgeving=omgeving, rollen=BEHANDELENDE_ROLLEN)


def coordinator_keuzes(*, omgeving):
    """mogelijke_coordinatoren as the choice list shows them: per rol, "Naam (Organisatie)"."""
    return keuzes_met_rol(omgeving=omgeving, rollen=BEHANDELENDE_ROLLEN)


def ib_coo_van_school(hulpvraag):
    """The IB/COO('s) of the leerling's school: the people the status mails go to."""
    return Gebruiker.objects.filter(
        lidmaatschappen__in=Lidmaatschap.objects.actief().filter(
            omgeving_id=hulpvraag.omgeving_id,
            organisatie_id=hulpvraag.leerling.school_id,
            rol=Rol.IB_COO,
        )
    ).distinct()

from accounts.models import Lidmaatschap, Rol

from .models import Leerling


def scholen_van_ib_coo(*, gebruiker, omgeving):
    """The schools where this person is IB/COO in this omgeving (ids)."""
    return (
        Lidmaatschap.objects.actief()
        .filter(gebruiker=gebruiker, omgeving=omgeving, rol=Rol.IB_COO)
        .values("organisatie_id")
    )


def leerlingen_voor(*, gebruiker, omgeving):
    """Leerlingen this person may see and keep up to date: those of their own school(s)."""
    return Leerling.objects.filter(
        omgeving=omgeving,
        school__in=scholen_van_ib_coo(gebruiker=gebruiker, omgeving=omgeving),
    ).select_related("school", "gecontroleerd_door")

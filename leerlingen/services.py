from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .selectors import leerlingen_voor, scholen_van_ib_coo


def _controleer_school(*, door, omgeving, school):
    if (
        not scholen_van_ib_coo(gebruiker=door, omgeving=omgeving)
        .filter(organisatie_id=school.pk)
        .exists()
    ):
        raise PermissionDenied(
            "Alleen de IB/COO van de school beheert de gegevens van haar leerlingen."
        )


@transaction.atomic
def maak_leerling(*, door, omgeving, leerling):
    """IB/COO registers a new leerling of their school; what they typed counts as checked."""
    _controleer_school(door=door, omgeving=omgeving, school=leerling.school)
    leerling.full_clean()
    leerling.gecontroleerd_op = timezone.now()
    leerling.gecontroleerd_door = door
    leerling.save()
    return leerling


@transaction.atomic
def werk_leerling_bij(*, door, omgeving, leerling):
    """IB/COO saves corrected basis- and schoolgegevens, which confirms them as current."""
    if not leerlingen_voor(gebruiker=door, omgeving=omgeving).filter(pk=leerling.pk).exists():
        raise PermissionDenied(
            "Alleen de IB/COO van de school beheert de gegevens van haar leerlingen."
        )
    _controleer_school(door=door, omgeving=omgeving, school=leerling.school)
    leerling.full_clean()
    leerling.gecontroleerd_op = timezone.now()
    leerling.gecontroleerd_door = door
    leerling.save()
    return leerling


@transaction.atomic
def bevestig_gegevens(*, door, omgeving, leerling):
    """IB/COO confirms the basis- and schoolgegevens are still current (footnote 1)."""
    if not leerlingen_voor(gebruiker=door, omgeving=omgeving).filter(pk=leerling.pk).exists():
        raise PermissionDenied("Alleen de IB/COO van de school bevestigt de gegevens.")
    leerling.gecontroleerd_op = timezone.now()
    leerling.gecontroleerd_door = door
    leerling.save(update_fields=["gecontroleerd_op", "gecontroleerd_door", "gewijzigd_op"])
    return leerling

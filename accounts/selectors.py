from .models import Lidmaatschap, Rol


def beheerde_omgeving_ids(gebruiker):
    """Ids of the omgevingen where this person is an active SWV-beheerder."""
    return set(
        Lidmaatschap.objects.actief()
        .filter(gebruiker=gebruiker, rol=Rol.BEHEERDER)
        .values_list("omgeving_id", flat=True)
    )

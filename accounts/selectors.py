from .models import Gebruiker, Lidmaatschap, Rol


def beheerde_omgeving_ids(gebruiker):
    """Ids of the omgevingen where this person is an active SWV-beheerder."""
    return set(
        Lidmaatschap.objects.actief()
        .filter(gebruiker=gebruiker, rol=Rol.BEHEERDER)
        .values_list("omgeving_id", flat=True)
    )


def leden_met_rol(*, omgeving, rollen):
    """People with an active lidmaatschap in this omgeving in one of these rollen."""
    return (
        Gebruiker.objects.filter(
            is_active=True,
            lidmaatschappen__in=Lidmaatschap.objects.actief().filter(
                omgeving=omgeving, rol__in=rollen
            ),
        )
        .distinct()
        .order_by("voornaam", "achternaam")
    )


def beheerders_van(*, gebruiker):
    """The SWV-beheerders of the omgevingen where this person has an active lidmaatschap."""
    omgevingen = Lidmaatschap.objects.filter(gebruiker=gebruiker, actief=True).values("omgeving")
    return (
        Gebruiker.objects.filter(
            is_active=True,
            lidmaatschappen__in=Lidmaatschap.objects.actief().filter(
                omgeving__in=omgevingen, rol=Rol.BEHEERDER
            ),
        )
        .exclude(pk=gebruiker.pk)
        .distinct()
        .order_by("voornaam", "achternaam")
    )

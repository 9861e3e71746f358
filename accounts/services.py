from .models import Gebruiker, Lidmaatschap, Rol


def werk_beheer_toegang_bij(*, gebruiker):
    """Access to the beheer (Django admin) follows from an active SWV-beheerder lidmaatschap.

    Derived, never set by hand, so removing the lidmaatschap also closes the admin.
    """
    beheerder = (
        Lidmaatschap.objects.actief().filter(gebruiker=gebruiker, rol=Rol.BEHEERDER).exists()
    )
    is_staff = gebruiker.is_superuser or beheerder
    if gebruiker.is_staff != is_staff:
        Gebruiker.objects.filter(pk=gebruiker.pk).update(is_staff=is_staff)
        gebruiker.is_staff = is_staff
    return gebruiker

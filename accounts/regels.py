"""Who may change what of a person in the beheer: the one place for these rules.

An account (e-mailadres, name, active, second factor, password) belongs to the person, not to
one omgeving: it is shared by every omgeving they work in. So only a superuser, or a beheerder
of *every* omgeving where the account has an active lidmaatschap, may change it; otherwise the
beheerder of one SWV could take over an account that also opens the files of another.
A lidmaatschap belongs to one omgeving: its beheerder manages it, never for their own account
(nobody gives themselves a role that opens hulpvragen), and never for a superuser.

The admin (accounts.admin), the services and the views call these functions; none of them
repeats the conditions.
"""

from .selectors import beheerde_omgeving_ids


def mag_account_wijzigen(*, door, gebruiker):
    """May `door` change what belongs to the whole account of `gebruiker`?

    Counted are the lidmaatschappen that are switched on (`actief`), also in an omgeving that is
    switched off: a beheerder exists there only when it is on again, so until then only a
    superuser changes such an account. An account without any active lidmaatschap may be
    changed by every beheerder who can see it in the beheer (as the admin's list shows it).
    """
    if door.is_superuser:
        return True
    if gebruiker.is_superuser:
        return False
    # Only an active beheerder lidmaatschap counts (also: an account switched off has none).
    beheerd = beheerde_omgeving_ids(door)
    if not beheerd:
        return False
    if gebruiker.pk is None:
        # A new account, being made now by this beheerder.
        return True
    lidmaatschappen = list(gebruiker.lidmaatschappen.values_list("omgeving_id", "actief"))
    actief = {omgeving_id for omgeving_id, aan in lidmaatschappen if aan}
    if actief:
        return actief <= beheerd
    alle = {omgeving_id for omgeving_id, _ in lidmaatschappen}
    return not alle or bool(alle & beheerd)


def mag_lidmaatschap_beheren(*, door, omgeving, gebruiker):
    """May `door` add, change or remove a lidmaatschap of `gebruiker` in `omgeving`?

    `omgeving` None (not known, e.g. a form that did not validate) is refused.
    """
    if door.is_superuser:
        return True
    if gebruiker.is_superuser or is_eigen_account(door=door, gebruiker=gebruiker):
        return False
    return omgeving is not None and omgeving.pk in beheerde_omgeving_ids(door)


def is_eigen_account(*, door, gebruiker):
    return gebruiker.pk is not None and gebruiker.pk == door.pk

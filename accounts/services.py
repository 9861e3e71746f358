from axes.utils import reset as axes_reset
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import regels, tweestaps
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


def log_beheeractie(*, door, obj, bericht, actie=CHANGE):
    """Keep in the Beheerlogboek that `door` did something to `obj` (who, when, what).

    The admin logs its own saves; a service that changes an account or lidmaatschap outside the
    admin form (an invitation sent, the second factor reset) logs through this function, so the
    superuser finds everything in one list. `bericht` says what happened in the users' words.
    """
    return LogEntry.objects.log_actions(
        user_id=door.pk,
        queryset=[obj],
        action_flag=actie,
        change_message=bericht,
        single_object=True,
    )


def stel_wachtwoord_in(*, door, wachtwoord, via):
    """The person sets their own password with the link from a mail (`via`: which mail).

    The mailbox proves who they are, so a lock after wrong passwords (django-axes, counted per
    lowercased e-mailadres) is lifted as well.
    """
    with transaction.atomic():
        door.set_password(wachtwoord)
        door.save(update_fields=["password"])
        log_beheeractie(door=door, obj=door, bericht=f"Wachtwoord ingesteld met de link uit {via}.")
        axes_reset(username=door.email.lower())
    return door


def reset_tweede_factor(*, door, gebruiker):
    """The beheerder has a person set up the second factor again (new phone, codes lost).

    App and reservecodes are removed and all the person's sessions end; at the next login,
    after the password, the portal asks them to enrol again. Kept in the Beheerlogboek.
    """
    if not regels.mag_account_wijzigen(door=door, gebruiker=gebruiker):
        raise PermissionDenied(
            "U mag de tweestapsverificatie van dit account niet opnieuw laten instellen: het "
            "account werkt ook in een omgeving die u niet beheert."
        )
    with transaction.atomic():
        tweestaps.verwijder_tweede_factor(gebruiker=gebruiker)
        log_beheeractie(
            door=door,
            obj=gebruiker,
            bericht="Tweestapsverificatie gereset: app en reservecodes verwijderd, alle sessies "
            "beëindigd; bij de volgende keer inloggen stelt de persoon ze opnieuw in.",
        )
    return gebruiker

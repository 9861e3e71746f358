from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from accounts import regels
from accounts.models import Gebruiker, Lidmaatschap
from accounts.selectors import beheerde_omgeving_ids
from accounts.services import log_beheeractie
from notificaties.catalogus import Soort
from notificaties.services import maak_notificatie


def nodig_uit(*, door, gebruiker):
    """Send the person an invitation by mail with a link to set their own password.

    Only for an account that has no password yet, and only by whoever may change the account
    (accounts.regels). The mail belongs to the omgeving of the person's lidmaatschap there, so
    its beheerders see in the admin whether it arrived.
    """
    if not regels.mag_account_wijzigen(door=door, gebruiker=gebruiker):
        raise PermissionDenied("U kunt deze persoon geen uitnodiging sturen.")
    if not gebruiker.is_active:
        raise ValidationError(f"Het account van {gebruiker} staat uit.")
    if gebruiker.has_usable_password():
        raise ValidationError(f"{gebruiker} heeft al een wachtwoord ingesteld.")
    lidmaatschappen = Lidmaatschap.objects.filter(gebruiker=gebruiker)
    if not door.is_superuser:
        lidmaatschappen = lidmaatschappen.filter(omgeving__in=beheerde_omgeving_ids(door))
    lidmaatschap = (
        lidmaatschappen.select_related("omgeving")
        .order_by("-actief", "aangemaakt_op", "pk")
        .first()
    )
    omgeving = lidmaatschap.omgeving if lidmaatschap else None
    with transaction.atomic():
        notificatie = maak_notificatie(
            ontvanger=gebruiker,
            omgeving=omgeving,
            soort=Soort.UITNODIGING,
            context={
                "ontvanger_naam": gebruiker.get_full_name(),
                "email": gebruiker.email,
                "door_naam": door.get_full_name(),
                "omgeving_naam": str(omgeving) if omgeving else "",
                "geldig_dagen": settings.UITNODIGING_GELDIG_DAGEN,
            },
            pad=reverse("start"),
        )
        log_beheeractie(
            door=door, obj=gebruiker, bericht=f"Uitnodiging verstuurd naar {gebruiker.email}."
        )
    return notificatie


def vraag_wachtwoordlink_aan(*, email):
    """Someone asked for a link to set a new password for this e-mailadres ("wachtwoord vergeten").

    There is no acting person: whoever asks is not logged in. A mail goes out only for an
    active account that has a password (an invited person who never set one asks the beheerder
    for a new invitation); the caller answers the same either way, so the page does not tell
    whether an account exists.
    """
    gebruiker = Gebruiker.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if gebruiker is None or not gebruiker.has_usable_password():
        return None
    with transaction.atomic():
        return maak_notificatie(
            ontvanger=gebruiker,
            # The account's own mail: no omgeving, so no beheerder sees it in the admin.
            omgeving=None,
            soort=Soort.WACHTWOORD_VERGETEN,
            context={
                "ontvanger_naam": gebruiker.get_full_name(),
                "email": gebruiker.email,
                "geldig_uren": settings.PASSWORD_RESET_TIMEOUT // 3600,
            },
            pad=reverse("accounts:login"),
        )

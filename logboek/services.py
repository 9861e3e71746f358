"""Writing the access log: one function every app calls, and the retention of the log itself.

`leg_vast` costs one INSERT and no read: what it copies (the person, their rollen and omgeving,
the client address, the request id) is already on the request. It does not catch errors: a
request whose access cannot be recorded must fail rather than show the page unrecorded.
"""

import pgtrigger
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from accounts.clientadres import client_adres

from .models import Logregel

TRIGGER = "logboek.Logregel:alleen_toevoegen"


def _rol(request):
    if getattr(request, "lidmaatschappen", None):
        return ", ".join(sorted({lid.get_rol_display() for lid in request.lidmaatschappen}))
    if getattr(request.user, "is_superuser", False):
        return "superuser"
    if getattr(request.user, "is_staff", False):
        return "SWV-beheerder"
    return ""


def leg_vast(
    request,
    *,
    actie,
    hulpvraag_id=None,
    leerling_id=None,
    onderwerp=None,
    tabblad="",
    zonder_account=None,
):
    """Record that the person of this request did `actie` (a logboek.models.Actie).

    `onderwerp` is the object the action was about when it is not the hulpvraag itself (a
    formulier, an aanpak, a bijlage…); its model name and id are kept. Without one, `tabblad`
    names the tab that was opened (TAB_BEKEKEN), kept as "tabblad:<naam>".

    `zonder_account` is the actor who has no account (a parent, ouders): a dict with naam, rol
    and omgeving, recorded instead of the request's user.
    """
    if zonder_account is not None:
        omgeving = zonder_account["omgeving"]
        gebruiker_id, naam, rol = None, zonder_account["naam"], zonder_account["rol"]
    else:
        omgeving = getattr(request, "omgeving", None)
        gebruiker = request.user
        gebruiker_id = gebruiker.pk
        naam = gebruiker.get_full_name() or gebruiker.get_username()
        rol = _rol(request)
    return Logregel.objects.create(
        hulpvraag_id=hulpvraag_id,
        leerling_id=leerling_id,
        onderwerp_soort=(
            onderwerp._meta.model_name
            if onderwerp is not None
            else (f"tabblad:{tabblad}" if tabblad else "")
        ),
        onderwerp_id=onderwerp.pk if onderwerp is not None else None,
        actie=actie,
        gebruiker_id=gebruiker_id,
        gebruiker_naam=naam,
        rol=rol,
        omgeving_id=omgeving.pk if omgeving is not None else None,
        omgeving_code=omgeving.code if omgeving is not None else "",
        clientadres=client_adres(request),
        request_id=getattr(request, "request_id", ""),
    )


def ruim_oude_regels_op(*, batch=10_000):
    """Remove log rows older than LOGBOEK_BEWAAR_JAREN, in batches; returns how many.

    The one place that deletes from the log: the table's trigger refuses every other DELETE.
    """
    grens = timezone.now() - timezone.timedelta(days=365 * settings.LOGBOEK_BEWAAR_JAREN)
    if connection.vendor == "postgresql":
        # Summarise the block ranges written since autovacuum last did (cheap: only new
        # ones); an unsummarised range would make the BRIN index match the whole table.
        with connection.cursor() as cursor:
            cursor.execute("SELECT brin_summarize_new_values('logregel_tijdstip_brin')")
    totaal = 0
    while True:
        with transaction.atomic(), pgtrigger.ignore(TRIGGER):
            # No ORDER BY: any expired rows will do, so PostgreSQL reads the BRIN index's
            # oldest block ranges and stops at the batch size instead of sorting them all.
            ids = list(
                Logregel.objects.filter(tijdstip__lt=grens)
                .order_by()
                .values_list("pk", flat=True)[:batch]
            )
            if not ids:
                return totaal
            totaal += Logregel.objects.filter(pk__in=ids)._raw_delete(connection.alias)

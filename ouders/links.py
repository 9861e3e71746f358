"""A parent's way in without an account: a personal link that works once, plus a one-time code
sent to the same mailbox when the parent asks for it (README, "Ouders en leerling").

The link is an HMAC over the invitation's id and `linkversie` (Django's salted_hmac with the
SECRET_KEY); it is made when its mail is sent and stored nowhere, so the outbox in the beheer
holds a placeholder. The code is six digits, made when its mail is sent; only its hash is kept,
it works for OUDER_CODE_MINUTEN and is void after OUDER_MAX_FOUTE_CODES wrong tries.

Per invitation the parent asks at most CODES_PER_VENSTER codes per CODE_VENSTER, and a new
link at most once per NIEUWE_LINK_PAUZE; the limits per client address are the parents' pages'
(ouders.ouderviews).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from notificaties.catalogus import Soort
from notificaties.geheime_links import CODE_PLAATSHOUDER, PLAATSHOUDER
from notificaties.models import Notificatie

from .models import Uitnodiging

CODES_PER_VENSTER = 3
CODE_VENSTER = timedelta(minutes=15)
NIEUWE_LINK_PAUZE = timedelta(minutes=10)


def token(uitnodiging):
    return salted_hmac(
        "ouders.links.token",
        f"{uitnodiging.pk}:{uitnodiging.linkversie}",
        algorithm="sha256",
    ).hexdigest()[:40]


def token_klopt(uitnodiging, gegeven):
    return bool(gegeven) and constant_time_compare(token(uitnodiging), gegeven)


def link(uitnodiging):
    return settings.SITE_URL + reverse(
        "ouderportaal:link", args=[uitnodiging.pk, token(uitnodiging)]
    )


def pad(uitnodiging):
    """The path a parent's mail is filed under (no secret in it): the outbox's `pad`."""
    return reverse("ouderportaal:uitnodiging", args=[uitnodiging.pk])


def _uitnodiging(notificatie):
    return Uitnodiging.objects.get(pk=resolve(notificatie.pad).kwargs["pk"])


def maak_link(notificatie):
    """geheime_links: the parent's link, made as the mail leaves."""
    return {PLAATSHOUDER: link(_uitnodiging(notificatie))}


def maak_code(notificatie):
    """geheime_links: a fresh code, made as the mail leaves; the previous one is void."""
    code = f"{secrets.randbelow(1_000_000):06d}"
    Uitnodiging.objects.filter(pk=_uitnodiging(notificatie).pk).update(
        code_hash=make_password(code),
        code_geldig_tot=timezone.now() + timedelta(minutes=settings.OUDER_CODE_MINUTEN),
        foute_codes=0,
    )
    return {CODE_PLAATSHOUDER: code}


class CodeStaat:
    """Why a typed code cannot be right, before it is compared (or OK: compare it)."""

    OK = "ok"
    GEEN = "geen"  # no code was sent (yet), or the last one was used
    VERLOPEN = "verlopen"
    OP = "op"  # too many wrong tries: this code is void


def code_staat(uitnodiging):
    if not uitnodiging.code_hash or uitnodiging.code_geldig_tot is None:
        return CodeStaat.GEEN
    if uitnodiging.code_geldig_tot < timezone.now():
        return CodeStaat.VERLOPEN
    if uitnodiging.foute_codes >= settings.OUDER_MAX_FOUTE_CODES:
        return CodeStaat.OP
    return CodeStaat.OK


def pogingen_over(uitnodiging):
    """How many more wrong tries the current code survives."""
    return max(0, settings.OUDER_MAX_FOUTE_CODES - uitnodiging.foute_codes)


def wachttijd_voor_code(uitnodiging):
    """How long until the parent may ask another code (None: now). Counted in the outbox: the
    code mails of this invitation in the last CODE_VENSTER (the outbox's index per omgeving and
    time reads only the last minutes)."""
    nu = timezone.now()
    recent = list(
        Notificatie.objects.filter(
            omgeving_id=uitnodiging.hulpvraag.omgeving_id,
            aangemaakt_op__gt=nu - CODE_VENSTER,
            soort=Soort.OUDER_CODE,
            pad=pad(uitnodiging),
        )
        .order_by("-aangemaakt_op")
        .values_list("aangemaakt_op", flat=True)[:CODES_PER_VENSTER]
    )
    if len(recent) < CODES_PER_VENSTER:
        return None
    return recent[-1] + CODE_VENSTER - nu


def wachttijd_voor_nieuwe_link(uitnodiging):
    """How long until the parent may ask another new link (None: now)."""
    if uitnodiging.nieuwe_link_op is None:
        return None
    wacht = uitnodiging.nieuwe_link_op + NIEUWE_LINK_PAUZE - timezone.now()
    return wacht if wacht.total_seconds() > 0 else None


def code_klopt(uitnodiging, code):
    """Whether `code` is the invitation's current code, in time and within the tries.

    A wrong code counts; after OUDER_MAX_FOUTE_CODES the code is void (the parent asks for a
    new one). A right code is used up.
    """
    code = (code or "").strip().replace(" ", "")
    if code_staat(uitnodiging) != CodeStaat.OK:
        return False
    if check_password(code, uitnodiging.code_hash):
        uitnodiging.code_hash = ""
        uitnodiging.code_geldig_tot = None
        uitnodiging.save(update_fields=["code_hash", "code_geldig_tot"])
        return True
    uitnodiging.foute_codes += 1
    uitnodiging.save(update_fields=["foute_codes"])
    return False

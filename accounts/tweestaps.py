"""The second factor: a TOTP app with a QR code, and ten reservecodes that each work once.

django-two-factor-auth runs the login and enrolment wizards on django-otp's devices; this module
holds what is ours: the Dutch forms for its generator method, the reservecodes, ending a
person's sessions, and the demo secret.
"""

import time

from django.db import transaction
from django.db.models import F
from django_otp import devices_for_user
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.plugins.registry import GeneratorMethod, registry

from .models import Gebruiker

AANTAL_RESERVECODES = 10

# The published secret of every demo account, "KindkansDemoSleutel!" (base32
# JNUW4ZDLMFXHGRDFNVXVG3DFOV2GK3BB, as the README gives it). Only `demodata` uses it, and that
# command refuses to run with DEBUG off.
DEMO_TOTP_SLEUTEL = "4b696e646b616e7344656d6f536c657574656c21"
DEMO_TOTP_SLEUTEL_BASE32 = "JNUW4ZDLMFXHGRDFNVXVG3DFOV2GK3BB"


class AppMethode(GeneratorMethod):
    """two_factor's TOTP method with our Dutch forms, for enrolment and for the login."""

    def recognize_device(self, device):
        return isinstance(device, TOTPDevice)

    def get_setup_forms(self, *args):
        from .forms import AppKoppelenForm

        return {"generator": AppKoppelenForm}

    def get_token_form_class(self):
        from .forms import CodeForm

        return CodeForm

    def get_action(self, device):
        return "Vul de code uit uw authenticator-app in"

    def get_verbose_action(self, device):
        return "Vul de zes cijfers in die uw authenticator-app nu toont."


def registreer_methode():
    """Replace two_factor's generator method by ours (called once from AppConfig.ready)."""
    registry.unregister(AppMethode.code)
    registry.register(AppMethode())


def heeft_tweede_factor(gebruiker):
    """Has this person enrolled an app (a confirmed TOTP device)?"""
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).exists()


def maak_reservecodes(*, gebruiker):
    """Replace this person's reservecodes by ten new ones; returned once, to show once."""
    with transaction.atomic():
        apparaat, _ = StaticDevice.objects.get_or_create(
            user=gebruiker, defaults={"name": "reservecodes"}
        )
        apparaat.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(AANTAL_RESERVECODES)]
        StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=c) for c in codes)
    return codes


def aantal_reservecodes(*, gebruiker):
    return StaticToken.objects.filter(device__user=gebruiker).count()


def beeindig_sessies(*, gebruiker):
    """End every session of this person (their session hash includes sessie_versie)."""
    Gebruiker.objects.filter(pk=gebruiker.pk).update(sessie_versie=F("sessie_versie") + 1)
    gebruiker.refresh_from_db(fields=["sessie_versie"])


def verwijder_tweede_factor(*, gebruiker):
    """Remove app and reservecodes and end the sessions: the next login enrols again.

    The check of who may do this, and the log of it, are the caller's (accounts.services).
    """
    with transaction.atomic():
        for apparaat in devices_for_user(gebruiker, confirmed=None):
            apparaat.delete()
        beeindig_sessies(gebruiker=gebruiker)


def zet_demo_app(*, gebruiker):
    """Give a demo account the TOTP device with the published demo secret (idempotent).

    Only the `demodata` command calls this, which refuses to run in production.
    """
    TOTPDevice.objects.update_or_create(
        user=gebruiker,
        name="default",
        defaults={"key": DEMO_TOTP_SLEUTEL, "confirmed": True, "tolerance": 1},
    )


def volgende_code(apparaat):
    """A code this device accepts now: the app's current one, or, when that one was just used
    (a code works once), the next one, which the device's tolerance of one step accepts."""
    nu = int((time.time() - apparaat.t0) // apparaat.step)
    stap = max(nu, apparaat.last_t + 1)
    if stap > nu + apparaat.tolerance:
        raise ValueError("Wacht op de volgende code.")
    code = totp(
        apparaat.bin_key,
        step=apparaat.step,
        t0=apparaat.t0,
        digits=apparaat.digits,
        drift=stap - nu,
    )
    return f"{code:0{apparaat.digits}d}"

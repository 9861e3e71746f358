"""Logging in through the real two-step login, as a browser does (no shortcut)."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tweestaps import volgende_code

STAP = "inlog_view-current_step"


def geef_app(gebruiker):
    """The person's enrolled authenticator app (a confirmed TOTP device)."""
    apparaat, _ = TOTPDevice.objects.get_or_create(
        user=gebruiker, name="default", defaults={"confirmed": True}
    )
    return apparaat


def wachtwoord_stap(client, email, wachtwoord, *, next="", url=None):
    url = url or reverse("accounts:login")
    return client.post(
        url, {STAP: "auth", "auth-username": email, "auth-password": wachtwoord, "next": next}
    )


def code_stap(client, code, *, next="", url=None):
    url = url or reverse("accounts:login")
    return client.post(url, {STAP: "token", "token-otp_token": code, "next": next})


def reservecode_stap(client, code, *, next="", url=None):
    url = url or reverse("accounts:login")
    return client.post(url, {STAP: "backup", "backup-otp_token": code, "next": next})


def log_in(client, gebruiker, wachtwoord, *, next="", url=None):
    """Both steps with the code the person's app shows now; returns the last response."""
    apparaat = geef_app(gebruiker)
    wachtwoord_stap(client, gebruiker.email, wachtwoord, next=next, url=url)
    apparaat.refresh_from_db()
    return code_stap(client, volgende_code(apparaat), next=next, url=url)

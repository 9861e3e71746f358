"""The one-time links with which a person sets their own password: invitation and reset.

A token is Django's password-reset token (an HMAC over the account's id, password hash,
last login and e-mailadres, with a timestamp): setting a password changes the hash and so uses
the link up, and changing the e-mailadres voids it. Each kind has its own key_salt, so an
invitation token never works as a reset token or the other way round, and its own period.

A link is made only when the mail is sent (notificaties.geheime_links) and is never stored: a
beheerder who reads the outbox in the admin cannot use it.
"""

import enum
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode


class Staat(enum.Enum):
    GELDIG = "geldig"
    VERLOPEN = "verlopen"
    ONGELDIG = "ongeldig"


class LinkTokens(PasswordResetTokenGenerator):
    """Django's generator with its own salt and period, that can also tell "expired" apart.

    "Expired" is only said of a token that is genuine for this account in its present state;
    a used, changed or made-up token is "ongeldig".
    """

    def __init__(self, *, key_salt, geldig_seconden, alleen_zonder_wachtwoord=False):
        super().__init__()
        self.key_salt = key_salt
        self._geldig_seconden = geldig_seconden
        self.alleen_zonder_wachtwoord = alleen_zonder_wachtwoord

    @property
    def geldig_seconden(self):
        return self._geldig_seconden()

    def staat(self, gebruiker, token):
        if gebruiker is None or not token or not gebruiker.is_active:
            return Staat.ONGELDIG
        if self.alleen_zonder_wachtwoord and gebruiker.has_usable_password():
            # An invitation is for setting the first password; after that it is used up.
            return Staat.ONGELDIG
        try:
            tijd_b36, _ = token.split("-")
            tijdstip = base36_to_int(tijd_b36)
        except ValueError:
            return Staat.ONGELDIG
        echt = any(
            constant_time_compare(
                self._make_token_with_timestamp(gebruiker, tijdstip, geheim), token
            )
            for geheim in [self.secret, *self.secret_fallbacks]
        )
        if not echt:
            return Staat.ONGELDIG
        if self._num_seconds(self._now()) - tijdstip > self.geldig_seconden:
            return Staat.VERLOPEN
        return Staat.GELDIG

    def check_token(self, user, token):
        return self.staat(user, token) is Staat.GELDIG

    def _now(self):
        # Django counts in naive local time, which jumps an hour twice a year (and when the
        # process' time zone changes); these links count in UTC.
        return datetime.now(UTC).replace(tzinfo=None)


uitnodiging_tokens = LinkTokens(
    key_salt="accounts.tokens.uitnodiging",
    geldig_seconden=lambda: settings.UITNODIGING_GELDIG_DAGEN * 24 * 60 * 60,
    alleen_zonder_wachtwoord=True,
)
wachtwoord_tokens = LinkTokens(
    key_salt="accounts.tokens.wachtwoord_vergeten",
    geldig_seconden=lambda: settings.PASSWORD_RESET_TIMEOUT,
)


def _link(naam, tokens, gebruiker):
    uid = urlsafe_base64_encode(force_bytes(gebruiker.pk))
    pad = reverse(naam, kwargs={"uidb64": uid, "token": tokens.make_token(gebruiker)})
    return settings.SITE_URL + pad


def uitnodigingslink(gebruiker):
    """The absolute link in an invitation: set your first password (works once)."""
    return _link("accounts:uitnodiging", uitnodiging_tokens, gebruiker)


def wachtwoordlink(gebruiker):
    """The absolute link in a "wachtwoord vergeten" mail: set a new password (works once)."""
    return _link("accounts:password_reset_confirm", wachtwoord_tokens, gebruiker)

"""Mails whose link (or code) gives the holder access: the secret exists only in the mail.

Whoever holds a link to set a password can take over the account; whoever holds a parent's link
and code reads a child's case. The Notificatie row is readable by the beheerders of its omgeving
in the admin and by the person on the Meldingen page, so the row holds a placeholder where the
secret goes, and the sending task (verzending.verstuur) puts a freshly made one into the message
it hands to the mail backend. The secret is never written to the database.

A link made at send time also counts its validity from the moment the mail leaves, and a mail
sent again from the admin ("Opnieuw versturen") carries a new one.

The account mails keep a fixed text, so that nobody can route the link elsewhere. Apps above
(ouders) register their own kinds with `registreer`; those may get a beheerder's own text, as
long as it holds {{ link }} (notificaties.models.MailSjabloon.clean).
"""

from accounts.tokens import uitnodigingslink, wachtwoordlink

from .catalogus import Soort
from .weergave import render_html

PLAATSHOUDER = "[persoonlijke link: staat alleen in de verstuurde mail]"
CODE_PLAATSHOUDER = "[code: staat alleen in de verstuurde mail]"


def _account(maak):
    return lambda notificatie: {PLAATSHOUDER: maak(notificatie.ontvanger)}


# soort -> function(notificatie) -> {placeholder: secret}
_MAAK = {
    Soort.UITNODIGING: _account(uitnodigingslink),
    Soort.WACHTWOORD_VERGETEN: _account(wachtwoordlink),
}
_EIGEN_TEKST_TOEGESTAAN = set()


def registreer(soort, maak, *, eigen_tekst=False):
    """A kind of mail whose secrets `maak(notificatie)` makes at send time, as a dict from
    placeholder (PLAATSHOUDER, CODE_PLAATSHOUDER) to value. With `eigen_tekst` a beheerder may
    override its text."""
    _MAAK[soort] = maak
    if eigen_tekst:
        _EIGEN_TEKST_TOEGESTAAN.add(soort)


def heeft_geheime_link(soort):
    return soort in _MAAK


def mag_eigen_tekst(soort):
    return soort in _EIGEN_TEKST_TOEGESTAAN


def zoals_verstuurd(notificatie):
    """Text and HTML of the mail as it is sent: for these kinds with the secrets filled in."""
    if not heeft_geheime_link(notificatie.soort):
        return notificatie.tekst, notificatie.html
    geheimen = _MAAK[notificatie.soort](notificatie)
    tekst = notificatie.tekst
    for plaatshouder, waarde in geheimen.items():
        tekst = tekst.replace(plaatshouder, waarde)
    link = geheimen.get(PLAATSHOUDER)
    return tekst, render_html(onderwerp=notificatie.onderwerp, tekst=tekst, link=link)

"""Mails whose link lets the holder set the account's password: the link exists only in the mail.

Whoever holds such a link can take over the account. The Notificatie row is readable by the
beheerders of its omgeving in the admin and by the person on the Meldingen page, so the row
holds a placeholder where the link goes, and the sending task (verzending.verstuur) puts a
freshly made link into the message it hands to the mail backend. The link is never written to
the database, and a beheerder's own text (MailSjabloon) is not allowed for these kinds, so that
nobody can route the link elsewhere.

A link made at send time also counts its validity from the moment the mail leaves, and a mail
sent again from the admin ("Opnieuw versturen") carries a new one.
"""

from accounts.tokens import uitnodigingslink, wachtwoordlink

from .catalogus import Soort
from .weergave import render_html

PLAATSHOUDER = "[persoonlijke link: staat alleen in de verstuurde mail]"

_MAAK_LINK = {
    Soort.UITNODIGING: uitnodigingslink,
    Soort.WACHTWOORD_VERGETEN: wachtwoordlink,
}


def heeft_geheime_link(soort):
    return soort in _MAAK_LINK


def zoals_verstuurd(notificatie):
    """Text and HTML of the mail as it is sent: for these kinds with the link filled in."""
    if not heeft_geheime_link(notificatie.soort):
        return notificatie.tekst, notificatie.html
    link = _MAAK_LINK[notificatie.soort](notificatie.ontvanger)
    tekst = notificatie.tekst.replace(PLAATSHOUDER, link)
    return tekst, render_html(onderwerp=notificatie.onderwerp, tekst=tekst, link=link)

"""Accounts by invitation, "wachtwoord vergeten" through the outbox, and the Beheerlogboek.

Why an app of its own: these actions make an account *and* send a mail. The mail goes through
the Notificatie outbox (notificaties), and notificaties imports accounts (its rows point at
Gebruiker and Omgeving, its admin uses accounts' scoping). Had this lived in accounts, accounts
would import notificaties: a circle. In notificaties it would put the making of accounts into
the outbox, which knows no domain. So it sits above both, and both stay as they were:

- accounts holds the rules (regels), the one-time tokens (tokens), setting a password and the
  Beheerlogboek entries (services.stel_wachtwoord_in, services.log_beheeractie);
- notificaties holds the mail and fills in the secret link only when it sends (geheime_links);
- this app calls the two: the invitation and the reset request (services), their pages
  (views, under the URL names accounts:password_reset, accounts:password_reset_confirm and
  accounts:uitnodiging, joined into that namespace in kindkans/urls.py), the person page of the
  admin that invites on save (admin), and the read-only Beheerlogboek for the superuser.
"""

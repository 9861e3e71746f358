"""Log a bench client in with both factors, as a person who typed their code would be."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def log_in(client, gebruiker, omgeving):
    client.force_login(gebruiker)
    apparaat, _ = TOTPDevice.objects.get_or_create(
        user=gebruiker, name="default", defaults={"confirmed": True}
    )
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie["omgeving_id"] = omgeving.pk
    sessie.save()

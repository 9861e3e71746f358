from .models import Notificatie


def meldingen_voor(*, gebruiker, omgeving):
    """A person's own notifications in the current omgeving, newest first."""
    return Notificatie.objects.filter(ontvanger=gebruiker, omgeving=omgeving).only(
        "pk", "onderwerp", "soort", "aangemaakt_op", "gelezen_op", "status", "pad"
    )


def aantal_ongelezen(*, gebruiker, omgeving):
    return meldingen_voor(gebruiker=gebruiker, omgeving=omgeving).ongelezen().count()

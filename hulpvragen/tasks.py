from celery import shared_task

from .toegang import herbereken


@shared_task
def herbereken_toegang(omgeving_id, gebruiker_id=None):
    """The rows of an omgeving (for one person or everyone) after a lidmaatschap, account or
    omgeving changed; what had to be refused was refused already at request time."""
    return herbereken(omgeving_id=omgeving_id, gebruiker_id=gebruiker_id)

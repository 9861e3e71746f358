from celery import shared_task

from hulpvragen.models import Hulpvraag

from . import dagoverzicht, herinneringen
from .termijnen import herbereken_termijnen


@shared_task
def herbereken_termijnen_van_omgeving(omgeving_id):
    """The stored termijn of every hulpvraag of an omgeving, after its Termijnen changed;
    in batches, writing only what changed, so running it twice does no harm."""
    return herbereken_termijnen(Hulpvraag.objects.filter(omgeving_id=omgeving_id))


@shared_task
def stuur_dagelijkse_overzichten():
    """Every hour (at minute 5): the daily overviews whose hour has come; idempotent."""
    return len(dagoverzicht.stuur_dagelijkse_overzichten())


@shared_task
def verstuur_herinneringen():
    """Every hour in the school day (at minute 15): the reminders whose day has come, each sent
    once however often it runs, on however many workers at once."""
    return herinneringen.verstuur_herinneringen()

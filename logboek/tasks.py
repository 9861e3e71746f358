from celery import shared_task

from . import services


@shared_task
def ruim_logboek_op():
    """Daily: the log's own retention (rows older than LOGBOEK_BEWAAR_JAREN)."""
    return services.ruim_oude_regels_op()

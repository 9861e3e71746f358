from celery import shared_task

from hulpvragen.toegang import ruim_verlopen_rechten_op


@shared_task
def beeindig_verlopen_overlegrondes():
    """After the einddatum the inzage stops: remove the deelnemers' expired rechten."""
    return ruim_verlopen_rechten_op()

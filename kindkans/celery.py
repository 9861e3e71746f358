"""The Celery app: configuration comes from Django's settings (the CELERY_ names)."""

import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindkans.settings")

app = Celery("kindkans")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The sweeps that select on state run once as soon as beat starts, not only after their first
# interval (a minute, an hour): after downtime the waiting mails and expired overlegrondes are
# dealt with right away. The logboek retention keeps its daily turn.
BIJ_START = ("herstart-wachtende-notificaties", "beeindig-verlopen-overlegrondes")


@beat_init.connect
def zet_sweeps_in_wachtrij(sender=None, **kwargs):
    for naam in BIJ_START:
        app.send_task(app.conf.beat_schedule[naam]["task"])

from django.contrib.admin.models import LogEntry


class Beheeractie(LogEntry):
    """One entry of the Beheerlogboek: Django's admin LogEntry under its Dutch name."""

    class Meta:
        proxy = True
        verbose_name = "beheeractie"
        verbose_name_plural = "beheerlogboek"
        ordering = ["-action_time", "-pk"]

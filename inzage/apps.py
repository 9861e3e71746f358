from django.apps import AppConfig


class InzageConfig(AppConfig):
    """Inzage (AVG art. 15): everything the portal holds about one leerling, as one download.

    Top floor: it reads from formulieren, overleg, hulpvragen, leerlingen and logboek and writes
    nothing but its own row in the log."""

    name = "inzage"
    verbose_name = "Inzage (AVG)"

from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "overleg"
    verbose_name = "Overleg"

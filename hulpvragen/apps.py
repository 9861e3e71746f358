from django.apps import AppConfig


class HulpvragenConfig(AppConfig):
    name = "hulpvragen"
    verbose_name = "Hulpvragen"

    def ready(self):
        from . import signals  # noqa: F401

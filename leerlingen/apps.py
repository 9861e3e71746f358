from django.apps import AppConfig


class LeerlingenConfig(AppConfig):
    name = "leerlingen"
    verbose_name = "Leerlingen"

    def ready(self):
        from . import signals  # noqa: F401

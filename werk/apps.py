from django.apps import AppConfig


class WerkConfig(AppConfig):
    name = "werk"
    verbose_name = "Mijn werk"

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)

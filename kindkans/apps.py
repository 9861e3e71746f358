from django.apps import AppConfig


class KindkansConfig(AppConfig):
    """The project itself, as an app: it holds the commands that span all apps (demo data)."""

    name = "kindkans"
    verbose_name = "Kindkans"

from django.apps import AppConfig


class HulpvragenConfig(AppConfig):
    name = "hulpvragen"
    verbose_name = "Hulpvragen"

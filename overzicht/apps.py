from django.apps import AppConfig


class OverzichtConfig(AppConfig):
    name = "overzicht"
    verbose_name = "Overzicht voor het SWV"

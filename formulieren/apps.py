from django.apps import AppConfig


class FormulierenConfig(AppConfig):
    name = "formulieren"
    verbose_name = "Formulieren"

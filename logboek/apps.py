from django.apps import AppConfig


class LogboekConfig(AppConfig):
    name = "logboek"
    verbose_name = "Logboek"

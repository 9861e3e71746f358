from django.apps import AppConfig


class AccountbeheerConfig(AppConfig):
    name = "accountbeheer"
    verbose_name = "Accountbeheer"

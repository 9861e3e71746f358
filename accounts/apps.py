from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts en omgevingen"

    def ready(self):
        from . import signals  # noqa: F401

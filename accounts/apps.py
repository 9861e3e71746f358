from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts en omgevingen"

    def ready(self):
        from . import sessie, signals, tweestaps  # noqa: F401

        tweestaps.registreer_methode()

        from django.contrib.auth.signals import user_login_failed

        from . import limieten

        # Connected after axes' receiver (axes is earlier in INSTALLED_APPS), which this one
        # relies on: see limieten._geweigerd_door_axes.
        user_login_failed.connect(limieten.tel_mislukte_inlog, dispatch_uid="accounts.limieten")

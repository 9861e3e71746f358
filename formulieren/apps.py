from django.apps import AppConfig


class FormulierenConfig(AppConfig):
    name = "formulieren"
    verbose_name = "Formulieren"

    def ready(self):
        from hulpvragen import tabs, toegang

        from . import signals  # noqa: F401

        # Only who holds bekijk_formulieren sees the tab: never an invited deelnemer.
        tabs.registreer_tab(tabs.Tab("Formulieren", "formulieren:tab", toegang.FORMULIEREN, 20))

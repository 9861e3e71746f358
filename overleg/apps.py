from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "overleg"
    verbose_name = "Overleg"

    def ready(self):
        from hulpvragen import tabs, toegang

        from .toegang import deelnemers

        # The deelnemer of a round that has not ended is a relation that gives access.
        toegang.registreer_bron("deelnemer", deelnemers)
        tabs.registreer_tab(tabs.Tab("Overlegronde", "overleg:tab", toegang.ZIEN, 40))

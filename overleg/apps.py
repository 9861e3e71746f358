from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "overleg"
    verbose_name = "Overleg"

    def ready(self):
        from hulpvragen import tabs, toegang

        from .toegang import deelnemers_van, hulpvragen_als_deelnemer

        # The deelnemer of a round that has not ended is a relation that gives access.
        toegang.registreer_bron(deelnemers_van, betrokken_bij=hulpvragen_als_deelnemer)
        tabs.registreer_tab(tabs.Tab("Overlegronde", "overleg:tab", toegang.ZIEN, 40))

from django.apps import AppConfig


class OudersConfig(AppConfig):
    name = "ouders"
    verbose_name = "Ouders en leerling"

    def ready(self):
        from hulpvragen import tabs, toegang
        from notificaties import geheime_links
        from notificaties.catalogus import Soort
        from overleg import controles

        from . import links, services

        # The tab of the involved (who see the formulieren): ouders, toestemming, zienswijzen,
        # de stem van de leerling.
        tabs.registreer_tab(tabs.Tab("Ouders en leerling", "ouders:tab", toegang.FORMULIEREN, 25))
        # A parent's link and code exist only in the mail that carries them.
        for soort in (Soort.OUDER_TOESTEMMING, Soort.OUDER_OVERLEGRONDE, Soort.OUDER_NIEUWE_LINK):
            geheime_links.registreer(soort, links.maak_link, eigen_tekst=True)
        geheime_links.registreer(Soort.OUDER_CODE, links.maak_code)
        # No overlegronde with outsiders without the parents' consent, where the omgeving says so.
        controles.registreer(services.controleer_toestemming_voor_overleg)

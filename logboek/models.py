"""The access log: one row per look at or change to a child's dossier (NEN 7513).

A row copies who, in which role and omgeving, from where: it must still say so when the
account, the lidmaatschap or the hulpvraag itself is gone, so there are no foreign keys. On
PostgreSQL the table refuses UPDATE and DELETE (django-pgtrigger); only the retention of the log
(`logboek.services.ruim_oude_regels_op`) removes rows, through pgtrigger.ignore.
"""

import pgtrigger
from django.db import models
from django.utils import timezone


class Actie(models.TextChoices):
    # Reading
    HULPVRAAG_BEKEKEN = "hulpvraag_bekeken", "hulpvraag bekeken (Algemeen)"
    TAB_BEKEKEN = "tab_bekeken", "tabblad bekeken"
    FORMULIER_BEKEKEN = "formulier_bekeken", "formulier bekeken"
    AANPAK_BEKEKEN = "aanpak_bekeken", "aanpak bekeken"
    OVERLEGRONDE_BEKEKEN = "overlegronde_bekeken", "overlegronde bekeken"
    BIJLAGE_GEDOWNLOAD = "bijlage_gedownload", "bijlage gedownload"
    LEERLING_BEKEKEN = "leerling_bekeken", "leerling bekeken"
    LOGBOEK_BEKEKEN = "logboek_bekeken", "logboek bekeken"
    INZAGE_GEDOWNLOAD = "inzage_gedownload", "inzage (AVG) gedownload"
    # Writing
    HULPVRAAG_AANGEMAAKT = "hulpvraag_aangemaakt", "hulpvraag aangemaakt"
    HULPVRAAG_GEWIJZIGD = "hulpvraag_gewijzigd", "hulpvraag gewijzigd"
    STATUS_GEWIJZIGD = "status_gewijzigd", "status gewijzigd"
    COORDINATOR_GEWIJZIGD = "coordinator_gewijzigd", "coördinator gewijzigd"
    AANPAK_TOEGEVOEGD = "aanpak_toegevoegd", "aanpak toegevoegd"
    AANPAK_GEWIJZIGD = "aanpak_gewijzigd", "aanpak gewijzigd (ook behandelaar)"
    FORMULIER_OPGESLAGEN = "formulier_opgeslagen", "formulier opgeslagen"
    OVERLEGRONDE_AANGEMAAKT = "overlegronde_aangemaakt", "overlegronde aangemaakt (deelnemers)"
    OVERLEGRONDE_GEWIJZIGD = "overlegronde_gewijzigd", "overlegronde gewijzigd"
    REACTIE_GEPLAATST = "reactie_geplaatst", "reactie geplaatst"
    BIJLAGE_TOEGEVOEGD = "bijlage_toegevoegd", "bijlage toegevoegd"
    BIJLAGE_VERWIJDERD = "bijlage_verwijderd", "bijlage verwijderd"
    LEERLING_AANGEMAAKT = "leerling_aangemaakt", "leerling aangemaakt"
    LEERLING_GEWIJZIGD = "leerling_gewijzigd", "leerling gewijzigd"
    # Ouders en leerling (ouders)
    OUDERS_BEKEKEN = "ouders_bekeken", "ouders/verzorgers bekeken"
    OUDERS_GEWIJZIGD = "ouders_gewijzigd", "ouders/verzorgers gewijzigd"
    OUDER_UITGENODIGD = "ouder_uitgenodigd", "ouder uitgenodigd (link gemaild)"
    UITNODIGING_GESTOPT = "uitnodiging_gestopt", "uitnodiging aan een ouder gestopt"
    TOESTEMMING_VASTGELEGD = "toestemming_vastgelegd", "toestemming vastgelegd"
    TOESTEMMING_INGETROKKEN = "toestemming_ingetrokken", "toestemming ingetrokken"
    STEM_VASTGELEGD = "stem_vastgelegd", "stem van de leerling vastgelegd"
    # A parent without an account (the row names the parent, rol "ouder/verzorger")
    OUDER_CODE_GEVRAAGD = "ouder_code_gevraagd", "ouder: code gevraagd"
    OUDER_BINNEN = "ouder_binnen", "ouder: link en code gebruikt"
    OUDER_BEKEKEN = "ouder_bekeken", "ouder: hulpvraag bekeken"
    OUDER_NIEUWE_LINK = "ouder_nieuwe_link", "ouder: nieuwe link gevraagd"
    ZIENSWIJZE_GEPLAATST = "zienswijze_geplaatst", "ouder: zienswijze geplaatst"
    # The beheer (Django admin)
    BEHEER_BEKEKEN = "beheer_bekeken", "bekeken in het beheer"
    BEHEER_GEWIJZIGD = "beheer_gewijzigd", "gewijzigd in het beheer"


class Logregel(models.Model):
    """Who did what with which dossier, when and from where; never changed afterwards."""

    tijdstip = models.DateTimeField("tijdstip", default=timezone.now)
    hulpvraag_id = models.BigIntegerField("hulpvraag", null=True, blank=True)
    leerling_id = models.BigIntegerField("leerling", null=True, blank=True)
    # What the action was about, when it is not the hulpvraag itself (a formulier, a bijlage…).
    onderwerp_soort = models.CharField("onderwerp", max_length=40, blank=True)
    onderwerp_id = models.BigIntegerField("onderwerp-id", null=True, blank=True)
    actie = models.CharField("actie", max_length=40, choices=Actie.choices)
    # The actor as they were at that moment.
    gebruiker_id = models.BigIntegerField("gebruiker-id", null=True, blank=True)
    gebruiker_naam = models.CharField("naam", max_length=300)
    rol = models.CharField("rol", max_length=300, blank=True)
    omgeving_id = models.BigIntegerField("omgeving-id", null=True, blank=True)
    omgeving_code = models.CharField("omgeving", max_length=20, blank=True)
    clientadres = models.GenericIPAddressField("clientadres", null=True, blank=True)
    request_id = models.CharField("request-id", max_length=32, blank=True)

    class Meta:
        verbose_name = "logregel"
        verbose_name_plural = "logboek"
        ordering = ["-tijdstip", "-pk"]
        indexes = [
            # The pages read newest first by (tijdstip, id): the index gives that order as is.
            models.Index(
                fields=["hulpvraag_id", "-tijdstip", "-id"], name="logregel_hulpvraag_tijd_id"
            ),
            models.Index(
                fields=["leerling_id", "-tijdstip", "-id"], name="logregel_leerling_tijd_id"
            ),
            # Retention deletes by age with a BRIN index on tijdstip, tiny on an append-only
            # table; PostgreSQL only, so it is made in migration 0002, not here.
        ]
        triggers = [
            pgtrigger.Protect(
                name="alleen_toevoegen",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruiker_naam}: {self.get_actie_display()}"

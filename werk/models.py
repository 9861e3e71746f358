"""Mijn werk: termijnen per omgeving, reminders that were sent."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from accounts.models import Omgeving


def _schooldagen(standaard, maximum, label, uitleg):
    return models.PositiveSmallIntegerField(
        label,
        default=standaard,
        validators=[MinValueValidator(1), MaxValueValidator(maximum)],
        help_text=f"{uitleg} In schooldagen: maandag tot en met vrijdag, zonder de landelijke "
        f"feestdagen (schoolvakanties tellen wel mee). Standaard {standaard}, hoogstens "
        f"{maximum}.",
    )


class Termijnen(models.Model):
    """The termijnen of one omgeving, as its SWV-beheerder sets them in the beheer.

    An omgeving without a row uses the defaults (termijnen_van); saving a row recomputes the
    termijn of every hulpvraag of the omgeving (werk.signals)."""

    omgeving = models.OneToOneField(
        Omgeving, verbose_name="omgeving", on_delete=models.CASCADE, related_name="termijnen"
    )
    aanpak_bevestigen = _schooldagen(
        5,
        40,
        "aanpak bevestigen binnen",
        "Zoveel schooldagen na het toevoegen van een aanpak bevestigt de behandelaar "
        "(regierolhouder) de aanpak door de status op GEAGENDEERD te zetten.",
    )
    aangemeld = _schooldagen(
        10,
        60,
        "hoogstens op AANGEMELD",
        "Zoveel schooldagen na het aanmaken mag een hulpvraag op AANGEMELD blijven staan; "
        "daarna is de hulpvraag te laat.",
    )
    overleg_herinnering = _schooldagen(
        2,
        10,
        "herinnering overlegronde",
        "Zoveel schooldagen vóór de einddatum van een overlegronde krijgen deelnemers die nog "
        "niet gereageerd hebben een herinnering.",
    )

    class Meta:
        verbose_name = "termijnen"
        verbose_name_plural = "termijnen"

    def __str__(self):
        return f"Termijnen van {self.omgeving}" if self.omgeving_id else "Termijnen"


def termijnen_per_omgeving(omgeving_ids):
    """{omgeving_id: Termijnen} for these omgevingen in one query: the saved row, or an unsaved
    one with the defaults where the beheerder never saved one (nothing is written on a read)."""
    opgeslagen = {
        rij.omgeving_id: rij for rij in Termijnen.objects.filter(omgeving_id__in=omgeving_ids)
    }
    return {pk: opgeslagen.get(pk) or Termijnen(omgeving_id=pk) for pk in omgeving_ids}


def termijnen_van(omgeving_id):
    """The Termijnen of one omgeving, with the defaults when no row exists (one query)."""
    return termijnen_per_omgeving([omgeving_id])[omgeving_id]

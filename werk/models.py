"""Mijn werk: termijnen per omgeving, reminders that were sent."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from accounts.models import Omgeving
from notificaties.catalogus import HERINNERINGEN, Soort


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


class Herinnering(models.Model):
    """A reminder that went into the outbox: the marker that it is never sent twice.

    One per kind, person, subject (the hulpvraag, or the overlegronde) and termijn: the date the
    reminder is about (the termijn of the hulpvraag, the einddatum of the round). A new date (the
    beheerder changed the Termijnen, the maker moved the einddatum) may be reminded again; the
    same one never, also not by a second beat run or a second worker (werk.herinneringen writes
    this row and its Notificatie in one transaction)."""

    soort = models.CharField(
        "soort", max_length=40, choices=[(soort.value, soort.label) for soort in HERINNERINGEN]
    )
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ontvanger",
        on_delete=models.CASCADE,
        related_name="+",
    )
    hulpvraag = models.ForeignKey(
        "hulpvragen.Hulpvraag",
        verbose_name="hulpvraag",
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Only for a reminder about a round (its hulpvraag is filled in as well).
    overlegronde = models.ForeignKey(
        "overleg.Overlegronde",
        verbose_name="overlegronde",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    termijn = models.DateField("termijn")
    verstuurd_op = models.DateTimeField("verstuurd op", default=timezone.now)
    # The mail itself (its status tells how the sending went); kept as long as the outbox
    # keeps it.
    notificatie = models.ForeignKey(
        "notificaties.Notificatie",
        verbose_name="notificatie",
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = "herinnering"
        verbose_name_plural = "herinneringen"
        ordering = ["-verstuurd_op", "-pk"]
        # Two partial constraints rather than one: in a unique constraint NULLs are distinct
        # (and SQLite, the embedded default, has no NULLS NOT DISTINCT). Their fields start with
        # the subject, so "was this one reminded already?" is a probe of the unique index.
        constraints = [
            models.UniqueConstraint(
                fields=["hulpvraag", "termijn", "ontvanger", "soort"],
                condition=models.Q(overlegronde__isnull=True),
                name="herinnering_een_keer_per_hulpvraag",
            ),
            models.UniqueConstraint(
                fields=["overlegronde", "termijn", "ontvanger", "soort"],
                condition=models.Q(overlegronde__isnull=False),
                name="herinnering_een_keer_per_overlegronde",
            ),
            # A reminder to react is about a round; the others about the hulpvraag itself.
            models.CheckConstraint(
                condition=(
                    models.Q(soort=Soort.HERINNERING_OVERLEG_REAGEREN, overlegronde__isnull=False)
                    | (
                        ~models.Q(soort=Soort.HERINNERING_OVERLEG_REAGEREN)
                        & models.Q(overlegronde__isnull=True)
                    )
                ),
                name="herinnering_ronde_alleen_bij_reageren",
            ),
        ]

    def __str__(self):
        # Without the leerling or titel: this name shows in the beheer's titles and logs.
        return f"{self.get_soort_display()} aan {self.ontvanger}"

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from hulpvragen.models import Hulpvraag
from kindkans.grenzen import OMSCHRIJVING_MAX, REACTIE_MAX, MaxTekens

# "Geef bij EINDDATUM een periode van max. 2 weken aan." (work instruction, section 5)
MAX_DAGEN = 14


def datum(dag):
    """A date as every screen and mail writes it: 13 december 2026 (the mail template and the
    screens use the same format, "j F Y"). An end date always reads "tot en met <datum>"."""
    return date_format(dag, "j F Y")


def controleer_einddatum(einddatum, vandaag=None):
    """The einddatum rule of a round: not in the past, at most MAX_DAGEN days ahead."""
    vandaag = vandaag or timezone.localdate()
    if einddatum < vandaag:
        raise ValidationError(
            {"einddatum": "De einddatum ligt in het verleden. Kies vandaag of een latere datum."}
        )
    uiterlijk = vandaag + datetime.timedelta(days=MAX_DAGEN)
    if einddatum > uiterlijk:
        raise ValidationError(
            {
                "einddatum": f"Een overlegronde duurt maximaal 2 weken: kies uiterlijk "
                f"{datum(uiterlijk)}."
            }
        )


class Overlegronde(models.Model):
    """An invitation to others to look into the dossier, for at most two weeks."""

    hulpvraag = models.ForeignKey(Hulpvraag, on_delete=models.CASCADE, related_name="overlegrondes")
    # The hulpvraag's omgeving, copied (a hulpvraag never moves): counting an omgeving's open
    # rounds reads its own rows instead of every open round of the installation.
    omgeving = models.ForeignKey(
        "accounts.Omgeving",
        verbose_name="omgeving",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    titel = models.CharField("titel", max_length=200)
    omschrijving = models.TextField(
        "omschrijving",
        help_text="Wat verwacht u van degene die u laat meekijken?",
        max_length=OMSCHRIJVING_MAX,
        validators=[MaxTekens(OMSCHRIJVING_MAX)],
    )
    einddatum = models.DateField(
        "einddatum", help_text="Maximaal 2 weken. Daarna stopt de inzage in het dossier."
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangemaakt door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gesloten_op = models.DateTimeField("eerder gesloten op", null=True, blank=True)
    # Raised by each change of the einddatum: a save from an older versie is refused.
    versie = models.PositiveIntegerField("versie", default=0)
    deelnemers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Deelname", related_name="overlegrondes"
    )

    class Meta:
        verbose_name = "overlegronde"
        verbose_name_plural = "overlegrondes"
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["einddatum"]),
            # The open rounds of an omgeving (Overzicht, Mijn acties): 774 rows of one omgeving
            # instead of 24,636 of the installation at a million hulpvragen.
            models.Index(
                fields=["omgeving", "einddatum"],
                condition=models.Q(gesloten_op__isnull=True),
                name="overlegronde_open",
            ),
        ]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        if self.omgeving_id is None:
            self.omgeving_id = self.hulpvraag.omgeving_id
        super().save(*args, **kwargs)

    def is_open(self, vandaag=None):
        """Open until the end of the einddatum (Europe/Amsterdam), unless closed early."""
        vandaag = vandaag or timezone.localdate()
        return self.gesloten_op is None and self.einddatum >= vandaag

    def clean(self):
        if self.einddatum and self.gesloten_op is None:
            controleer_einddatum(self.einddatum)


class Deelname(models.Model):
    overlegronde = models.ForeignKey(
        Overlegronde, on_delete=models.CASCADE, related_name="deelnames"
    )
    deelnemer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="deelnemer",
        on_delete=models.CASCADE,
        related_name="deelnames",
    )

    class Meta:
        verbose_name = "deelname"
        verbose_name_plural = "deelnames"
        constraints = [
            models.UniqueConstraint(fields=["overlegronde", "deelnemer"], name="deelname_uniek")
        ]

    def __str__(self):
        return f"{self.deelnemer} in {self.overlegronde}"


class Reactie(models.Model):
    """A deelnemer's answer in a round; they may edit it until the einddatum."""

    overlegronde = models.ForeignKey(
        Overlegronde, on_delete=models.CASCADE, related_name="reacties"
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.PROTECT, related_name="+"
    )
    tekst = models.TextField("reactie", max_length=REACTIE_MAX, validators=[MaxTekens(REACTIE_MAX)])
    geplaatst_op = models.DateTimeField("geplaatst op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "reactie"
        verbose_name_plural = "reacties"
        ordering = ["geplaatst_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["overlegronde", "auteur"], name="reactie_een_per_deelnemer"
            )
        ]

    def __str__(self):
        return f"Reactie van {self.auteur} op {self.overlegronde}"

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import Organisatie

telefoon_validator = RegexValidator(
    r"^\+?[0-9 ()-]{10,20}$",
    "Vul een geldig telefoonnummer in, bijvoorbeeld 0187 123456 of +31 6 12345678.",
)


def controle_grens(nu=None):
    """A confirmation of a leerling's data from before this moment no longer counts."""
    return (nu or timezone.now()) - timedelta(days=settings.LEERLING_CONTROLE_TERMIJN_DAGEN)


class Leerling(models.Model):
    """A pupil: basisgegevens and schoolgegevens as the school knows them."""

    # Basisgegevens
    voornaam = models.CharField("voornaam", max_length=100)
    tussenvoegsel = models.CharField("tussenvoegsel", max_length=20, blank=True)
    achternaam = models.CharField("achternaam", max_length=150)
    geboortedatum = models.DateField("geboortedatum")
    straat_huisnummer = models.CharField("straat en huisnummer", max_length=200, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True)
    woonplaats = models.CharField("woonplaats", max_length=100, blank=True)
    telefoon_ouder_1 = models.CharField(
        "telefoonnummer ouder/verzorger 1",
        max_length=20,
        blank=True,
        validators=[telefoon_validator],
    )
    telefoon_ouder_2 = models.CharField(
        "telefoonnummer ouder/verzorger 2",
        max_length=20,
        blank=True,
        validators=[telefoon_validator],
    )
    # Schoolgegevens
    school = models.ForeignKey(
        Organisatie,
        verbose_name="school",
        on_delete=models.PROTECT,
        related_name="leerlingen",
        limit_choices_to={"soort": Organisatie.Soort.SCHOOL},
    )
    groep_leerjaar = models.CharField("groep/leerjaar", max_length=20)
    # A copy of the school's omgeving, kept by save() and by a school that moves to another
    # omgeving (leerlingen.signals): the omgeving's leerlingen in name order are one index
    # range (the beheer list read and sorted all 24,000 of a large SWV through the school).
    omgeving = models.ForeignKey(
        "accounts.Omgeving",
        verbose_name="omgeving",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # The school's LVS and the portal are not linked: the portal asks when the data was last
    # confirmed to be current (footnote 1 of the work instruction).
    gecontroleerd_op = models.DateTimeField("gegevens gecontroleerd op", null=True, blank=True)
    gecontroleerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gegevens gecontroleerd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "leerling"
        verbose_name_plural = "leerlingen"
        ordering = ["achternaam", "voornaam"]
        indexes = [
            models.Index(fields=["school", "achternaam"]),
            # The same child at another school of the omgeving has the same geboortedatum and
            # names: hulpvragen.selectors looks that up for a page of hulpvragen at a time. With
            # the achternaam in the key a lookup finds a handful of leerlingen, not everyone of
            # the installation born that day (300 at a million hulpvragen).
            models.Index(F("geboortedatum"), Lower("achternaam"), name="leerling_zelfde_kind"),
            models.Index(
                fields=["omgeving", "achternaam", "voornaam", "id"], name="leerling_per_omgeving"
            ),
        ]

    def __str__(self):
        return self.volledige_naam

    def save(self, *args, **kwargs):
        if self.school_id:
            self.omgeving_id = self.school.omgeving_id
            if kwargs.get("update_fields") is not None and "school" in kwargs["update_fields"]:
                kwargs["update_fields"] = {*kwargs["update_fields"], "omgeving"}
        super().save(*args, **kwargs)

    @property
    def volledige_naam(self):
        return " ".join(p for p in (self.voornaam, self.tussenvoegsel, self.achternaam) if p)

    def controle_nodig(self, nu=None):
        """True when nobody confirmed the data, or longer ago than LEERLING_CONTROLE_TERMIJN."""
        return self.gecontroleerd_op is None or self.gecontroleerd_op < controle_grens(nu)

    @staticmethod
    def controle_nodig_filter(nu=None):
        """controle_nodig as a filter, for a list of leerlingen (Mijn acties)."""
        return models.Q(gecontroleerd_op__isnull=True) | models.Q(
            gecontroleerd_op__lt=controle_grens(nu)
        )

    def controle_verloopt_op(self):
        """The day the last confirmation stops counting (None: never confirmed)."""
        if self.gecontroleerd_op is None:
            return None
        return timezone.localdate(self.gecontroleerd_op) + timedelta(
            days=settings.LEERLING_CONTROLE_TERMIJN_DAGEN
        )

    def clean(self):
        fouten = {}
        if self.school_id and not self.school.is_school:
            fouten["school"] = "Kies een school."
        if self.geboortedatum and self.geboortedatum > timezone.localdate():
            fouten["geboortedatum"] = "De geboortedatum ligt in de toekomst."
        postcode = (self.postcode or "").upper().replace(" ", "")
        if postcode and not re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", postcode):
            fouten["postcode"] = "Vul een postcode in als 1234 AB."
        elif postcode:
            self.postcode = f"{postcode[:4]} {postcode[4:]}"
        if fouten:
            raise ValidationError(fouten)

"""People, omgevingen (tenants), organisaties and the lidmaatschappen that tie them together."""

import re

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac


class Sector(models.TextChoices):
    PO = "PO", "Primair onderwijs"
    VO = "VO", "Voortgezet onderwijs"


class Omgeving(models.Model):
    """One SWV environment, e.g. PO2811 Goeree-Overflakkee; its data is never seen from another."""

    code = models.CharField("code", max_length=20, unique=True)
    naam = models.CharField("naam", max_length=200)
    sector = models.CharField("sector", max_length=2, choices=Sector.choices)
    actief = models.BooleanField("actief", default=True)
    toestemming_voor_delen_verplicht = models.BooleanField(
        "toestemming van ouders verplicht voor delen",
        default=False,
        help_text="Aan: een overlegronde met deelnemers van buiten de school en het SWV kan "
        "alleen als een ouder met gezag toestemming heeft gegeven voor het delen van het dossier.",
    )

    class Meta:
        verbose_name = "omgeving"
        verbose_name_plural = "omgevingen"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.naam}"


class OrganisatieQuerySet(models.QuerySet):
    def scholen(self):
        return self.filter(soort=Organisatie.Soort.SCHOOL)


class Organisatie(models.Model):
    """A school (with BRIN code) or an instelling such as CJG, SMW, TJG or the SWV itself."""

    class Soort(models.TextChoices):
        SCHOOL = "school", "School"
        CJG = "cjg", "CJG"
        SMW = "smw", "SMW"
        TJG = "tjg", "TJG"
        SWV = "swv", "SWV"
        OVERIG = "overig", "Overig"

    omgeving = models.ForeignKey(
        Omgeving, verbose_name="omgeving", on_delete=models.PROTECT, related_name="organisaties"
    )
    naam = models.CharField("naam", max_length=200)
    soort = models.CharField("soort", max_length=10, choices=Soort.choices)
    brin = models.CharField(
        "BRIN-code",
        max_length=6,
        blank=True,
        help_text="Alleen voor scholen: vier tekens, bijvoorbeeld 12AB (eventueel met "
        "vestigingsnummer, bijvoorbeeld 12AB00).",
    )

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["omgeving", "brin"],
                condition=~models.Q(brin=""),
                name="organisatie_brin_uniek_per_omgeving",
                violation_error_message="Er bestaat in deze omgeving al een school met deze "
                "BRIN-code.",
            )
        ]

    def __str__(self):
        return self.naam

    @property
    def is_school(self):
        return self.soort == self.Soort.SCHOOL

    def clean(self):
        self.brin = (self.brin or "").strip().upper()
        if self.is_school:
            if not self.brin:
                raise ValidationError({"brin": "Vul de BRIN-code van de school in."})
            if not re.fullmatch(r"\d{2}[A-Z]{2}(\d{2})?", self.brin):
                raise ValidationError(
                    {
                        "brin": "Een BRIN-code bestaat uit twee cijfers en twee letters, "
                        "eventueel gevolgd door twee cijfers (bijvoorbeeld 12AB of 12AB00)."
                    }
                )
        elif self.brin:
            raise ValidationError({"brin": "Alleen een school heeft een BRIN-code."})


class GebruikerManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Log in with the e-mail address however it is capitalised.
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Een gebruiker heeft een e-mailadres nodig.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class Gebruiker(AbstractBaseUser, PermissionsMixin):
    """One person: one account, one password, a lidmaatschap per omgeving they work in."""

    class MeldingenPerMail(models.TextChoices):
        DIRECT = "direct", "Meteen een mail per melding"
        DAGELIJKS = "dagelijks", "Eén mail per dag met een overzicht"

    # The hours a daily overview can be sent at, shown as "07:00" (Europe/Amsterdam).
    OVERZICHT_UREN = [(uur, f"{uur:02d}:00") for uur in range(24)]

    email = models.EmailField("e-mailadres", unique=True)
    voornaam = models.CharField("voornaam", max_length=100)
    achternaam = models.CharField("achternaam", max_length=150)
    is_active = models.BooleanField(
        "actief", default=True, help_text="Zet uit in plaats van het account te verwijderen."
    )
    is_staff = models.BooleanField(
        "beheer-toegang",
        default=False,
        help_text="Mag inloggen in het beheer (voor SWV-beheerders).",
    )
    date_joined = models.DateTimeField("aangemaakt op", default=timezone.now)
    # Part of every session's check (get_session_auth_hash): raising it ends all sessions of
    # this person, as a new password does, e.g. when a beheerder resets the second factor.
    sessie_versie = models.PositiveIntegerField("sessieversie", default=0, editable=False)
    # The omgeving whose beheerder made the account: until it has a lidmaatschap, only the
    # beheerders of that omgeving (and a superuser) see it in the beheer, not every SWV of the
    # installation.
    aangemaakt_in = models.ForeignKey(
        "accounts.Omgeving",
        verbose_name="aangemaakt in omgeving",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # How the meldingen of the case reach this person by mail (notificaties, werk.dagoverzicht).
    # The mails about the account itself (uitnodiging, wachtwoord vergeten) always go at once.
    meldingen_per_mail = models.CharField(
        "meldingen per mail",
        max_length=10,
        choices=MeldingenPerMail.choices,
        default=MeldingenPerMail.DIRECT,
    )
    overzicht_uur = models.PositiveSmallIntegerField(
        "tijdstip van het dagelijks overzicht",
        choices=OVERZICHT_UREN,
        default=7,
        validators=[MaxValueValidator(23)],
    )

    objects = GebruikerManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["voornaam", "achternaam"]

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["achternaam", "voornaam"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="gebruiker_email_uniek_hoofdletterongevoelig"
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.naam_van(self.voornaam, self.achternaam)

    @staticmethod
    def naam_van(voornaam, achternaam):
        """A person's name as every screen writes it, also from values read without the row."""
        return f"{voornaam} {achternaam}".strip()

    def get_short_name(self):
        return self.voornaam

    def _sessie_hash(self, secret=None):
        return salted_hmac(
            "accounts.Gebruiker.sessie",
            f"{self.password}:{self.sessie_versie}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self):
        # Django ends every session whose stored hash differs: after a new password (as
        # Django does by itself) and after beëindig_sessies() raised the version.
        return self._sessie_hash()

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._sessie_hash(secret=secret)


class Rol(models.TextChoices):
    IB_COO = "ib_coo", "IB/COO (schakelfunctionaris onderwijs)"
    SCHAKELFUNCTIONARIS_VERBINDING = (
        "schakelfunctionaris_verbinding",
        "Schakelfunctionaris verbinding onderwijs/jeugdhulp",
    )
    REGIEROLHOUDER = "regierolhouder", "Regierolhouder"
    EXTERNE_DEELNEMER = "externe_deelnemer", "Externe deelnemer"
    BEHEERDER = "beheerder", "SWV-beheerder"


class LidmaatschapQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True, omgeving__actief=True, gebruiker__is_active=True)


class Lidmaatschap(models.Model):
    """A person works in an omgeving, for an organisatie, in a rol."""

    gebruiker = models.ForeignKey(
        Gebruiker,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
    )
    omgeving = models.ForeignKey(
        Omgeving, verbose_name="omgeving", on_delete=models.PROTECT, related_name="lidmaatschappen"
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
    )
    rol = models.CharField("rol", max_length=40, choices=Rol.choices)
    actief = models.BooleanField("actief", default=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    objects = LidmaatschapQuerySet.as_manager()

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        ordering = ["omgeving__code", "gebruiker__achternaam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "omgeving", "organisatie", "rol"],
                name="lidmaatschap_uniek",
                violation_error_message="Deze persoon heeft deze rol bij deze organisatie al.",
            )
        ]
        indexes = [models.Index(fields=["omgeving", "rol"])]

    def __str__(self):
        rol = self.get_rol_display()
        return f"{self.gebruiker} — {rol} bij {self.organisatie} ({self.omgeving.code})"

    def clean(self):
        if (
            self.organisatie_id
            and self.omgeving_id
            and self.organisatie.omgeving_id != self.omgeving_id
        ):
            raise ValidationError(
                {"organisatie": "Deze organisatie hoort niet bij de gekozen omgeving."}
            )
        if self.rol == Rol.IB_COO and self.organisatie_id and not self.organisatie.is_school:
            raise ValidationError({"organisatie": "Een IB/COO hoort bij een school."})

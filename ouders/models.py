"""Ouders/verzorgers of a leerling, their consent per hulpvraag, their invitations, their
zienswijzen, and de stem van de leerling."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from hulpvragen.models import Bijlage, Hulpvraag
from kindkans.grenzen import OMSCHRIJVING_MAX, REACTIE_MAX, MaxTekens
from leerlingen.models import Leerling
from overleg.models import Overlegronde


class Ouder(models.Model):
    """A parent or carer of a leerling, as the school's IB/COO keeps them current."""

    class Relatie(models.TextChoices):
        MOEDER = "moeder", "moeder"
        VADER = "vader", "vader"
        VERZORGER = "verzorger", "verzorger"
        PLEEGOUDER = "pleegouder", "pleegouder"
        VOOGD = "voogd", "voogd"
        ANDERS = "anders", "anders"

    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.CASCADE, related_name="ouders"
    )
    naam = models.CharField("naam", max_length=200)
    email = models.EmailField("e-mailadres", blank=True)
    relatie = models.CharField("relatie tot de leerling", max_length=20, choices=Relatie.choices)
    gezag = models.BooleanField(
        "heeft ouderlijk gezag",
        default=True,
        help_text="Alleen een ouder met gezag geeft toestemming namens de leerling.",
    )
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gewijzigd door",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = "ouder/verzorger"
        verbose_name_plural = "ouders/verzorgers"
        ordering = ["naam", "pk"]

    def __str__(self):
        return f"{self.naam} ({self.get_relatie_display()})"


# The two kinds every omgeving has: code, naam, the explanation for parents, order. Migration
# 0002 made them; `Toestemmingssoort.objects.vaste()` makes any that went missing again (a
# database emptied and filled anew, as between browser tests), so no page depends on that row.
VASTE_SOORTEN = [
    (
        "aanmelding",
        "Aanmelding bij het Team Schoolondersteuning",
        "De school bespreekt de hulpvraag over uw kind met het Team Schoolondersteuning van het "
        "samenwerkingsverband. Samen zoeken zij uit welke hulp of ondersteuning past.",
        10,
    ),
    (
        "delen",
        "Delen van het dossier met deelnemers van een overlegronde",
        "De school of het samenwerkingsverband mag het dossier van uw kind laten lezen door "
        "mensen van buiten de school die meedenken, bijvoorbeeld van het wijkteam of de "
        "jeugdhulp. Zij kunnen het dossier dan korte tijd lezen, hoogstens twee weken.",
        20,
    ),
]


class ToestemmingssoortManager(models.Manager):
    def vaste(self):
        """The two fixed kinds, made again if they went missing; one query when they exist."""
        aanwezig = {s.code: s for s in self.filter(omgeving__isnull=True, code__in=_VASTE_CODES)}
        for code, naam, uitleg, volgorde in VASTE_SOORTEN:
            if code not in aanwezig:
                aanwezig[code], _ = self.get_or_create(
                    omgeving=None,
                    code=code,
                    defaults={"naam": naam, "uitleg": uitleg, "volgorde": volgorde},
                )
        return aanwezig


_VASTE_CODES = [code for code, *_ in VASTE_SOORTEN]


class Toestemmingssoort(models.Model):
    """What a parent can agree to. The two that every omgeving has (omgeving empty), and those
    a beheerder adds for one omgeving."""

    AANMELDING = "aanmelding"
    DELEN = "delen"

    omgeving = models.ForeignKey(
        "accounts.Omgeving",
        verbose_name="omgeving",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        help_text="Leeg: in elke omgeving (alleen de twee vaste soorten).",
    )
    code = models.SlugField("code", max_length=40)
    naam = models.CharField("naam", max_length=200)
    uitleg = models.TextField(
        "uitleg voor ouders",
        help_text="In eenvoudige woorden: waar geeft de ouder toestemming voor?",
        max_length=OMSCHRIJVING_MAX,
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=50)
    actief = models.BooleanField("actief", default=True)

    objects = ToestemmingssoortManager()

    class Meta:
        verbose_name = "soort toestemming"
        verbose_name_plural = "soorten toestemming"
        ordering = ["volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["omgeving", "code"],
                name="toestemmingssoort_code_uniek",
                violation_error_message="Deze omgeving heeft al een soort met deze code.",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(omgeving__isnull=True),
                name="toestemmingssoort_vaste_code_uniek",
            ),
        ]

    def __str__(self):
        return self.naam

    def clean(self):
        # Two kinds with one name would be two questions the users cannot tell apart, on the
        # forms and on the parent's page: not within an omgeving, nor beside a fixed kind.
        if self.naam:
            zelfde = Toestemmingssoort.objects.filter(naam__iexact=self.naam.strip()).filter(
                Q(omgeving__isnull=True) | Q(omgeving_id=self.omgeving_id)
            )
            if zelfde.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"naam": "Er is al een soort toestemming met deze naam in deze omgeving."}
                )


class ToestemmingQuerySet(models.QuerySet):
    def van_kracht(self):
        """The records that count: not withdrawn."""
        return self.filter(ingetrokken_op__isnull=True)


class Toestemming(models.Model):
    """One parent's answer to one question of consent about one hulpvraag: given or declined,
    digitally by the parent or registered by the school (on paper, with the signed form), and
    possibly withdrawn later. Never deleted: a new answer is a new record."""

    class Besluit(models.TextChoices):
        GEGEVEN = "gegeven", "toestemming gegeven"
        GEWEIGERD = "geweigerd", "geen toestemming"

    class Wijze(models.TextChoices):
        DIGITAAL = "digitaal", "digitaal door de ouder"
        OP_PAPIER = "op_papier", "op papier, geregistreerd door de school"
        MONDELING = "mondeling", "mondeling, geregistreerd door de school"

    hulpvraag = models.ForeignKey(
        Hulpvraag, verbose_name="hulpvraag", on_delete=models.CASCADE, related_name="toestemmingen"
    )
    soort = models.ForeignKey(
        Toestemmingssoort, verbose_name="soort", on_delete=models.PROTECT, related_name="+"
    )
    # RESTRICT: an ouder with records is not removed on their own (services.verwijder_ouder),
    # but goes with the leerling or hulpvraag when those are removed.
    ouder = models.ForeignKey(
        Ouder, verbose_name="ouder", on_delete=models.RESTRICT, related_name="toestemmingen"
    )
    besluit = models.CharField("besluit", max_length=20, choices=Besluit.choices)
    wijze = models.CharField("hoe", max_length=20, choices=Wijze.choices)
    op = models.DateTimeField("wanneer", default=timezone.now)
    # Empty when the parent answered digitally.
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="geregistreerd door",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # The signed form stays while its record does (hulpvragen.services.verwijder_bijlage).
    bijlage = models.ForeignKey(
        Bijlage,
        verbose_name="ondertekend formulier",
        on_delete=models.RESTRICT,
        related_name="+",
        null=True,
        blank=True,
    )
    toelichting = models.TextField(
        "toelichting", blank=True, max_length=REACTIE_MAX, validators=[MaxTekens(REACTIE_MAX)]
    )
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    ingetrokken_wijze = models.CharField(
        "ingetrokken hoe", max_length=20, choices=Wijze.choices, blank=True
    )
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="intrekking geregistreerd door",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = ToestemmingQuerySet.as_manager()

    class Meta:
        verbose_name = "toestemming"
        verbose_name_plural = "toestemmingen"
        ordering = ["-op", "-pk"]
        indexes = [models.Index(fields=["hulpvraag", "soort", "-op"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ingetrokken_op__isnull=True) | Q(besluit="gegeven"),
                name="toestemming_alleen_gegeven_intrekken",
            )
        ]

    def __str__(self):
        return f"{self.soort}: {self.get_besluit_display()} ({self.ouder.naam})"

    @property
    def geldig(self):
        return self.besluit == self.Besluit.GEGEVEN and self.ingetrokken_op is None


class Uitnodiging(models.Model):
    """An invitation to one parent about one hulpvraag: to answer a question of consent, or to
    read along in an overlegronde for the round's period.

    The link in the mail is made from the id and `linkversie` when the mail is sent and never
    stored (ouders.links); it works once: the one-time code, sent to the same mailbox, opens a
    visit and uses the link up. A new link (the parent asks for one, while the invitation
    still runs) raises `linkversie`, which voids the old one.
    """

    class Doel(models.TextChoices):
        TOESTEMMING = "toestemming", "toestemming vragen"
        OVERLEG = "overleg", "meelezen in een overlegronde"

    ouder = models.ForeignKey(
        Ouder, verbose_name="ouder", on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    hulpvraag = models.ForeignKey(
        Hulpvraag, verbose_name="hulpvraag", on_delete=models.CASCADE, related_name="+"
    )
    doel = models.CharField("doel", max_length=20, choices=Doel.choices)
    soorten = models.ManyToManyField(
        Toestemmingssoort, verbose_name="gevraagde toestemming", related_name="+", blank=True
    )
    overlegronde = models.ForeignKey(
        Overlegronde,
        verbose_name="overlegronde",
        on_delete=models.CASCADE,
        related_name="ouder_uitnodigingen",
        null=True,
        blank=True,
    )
    bericht = models.TextField(
        "bericht aan de ouder",
        blank=True,
        max_length=OMSCHRIJVING_MAX,
        validators=[MaxTekens(OMSCHRIJVING_MAX)],
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="uitgenodigd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField("uitgenodigd op", auto_now_add=True)
    # Inclusive, Europe/Amsterdam; for an overlegronde its einddatum.
    geldig_tot = models.DateField("geldig tot en met")
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    linkversie = models.PositiveIntegerField("versie van de link", default=1)
    link_gebruikt_op = models.DateTimeField("link gebruikt op", null=True, blank=True)
    nieuwe_link_op = models.DateTimeField("laatste nieuwe link op", null=True, blank=True)
    # The code's hash only (Django's password hashers); it is made when its mail is sent.
    code_hash = models.CharField("code (hash)", max_length=200, blank=True)
    code_geldig_tot = models.DateTimeField("code geldig tot", null=True, blank=True)
    code_gevraagd_op = models.DateTimeField("code gevraagd op", null=True, blank=True)
    foute_codes = models.PositiveSmallIntegerField("foute codes", default=0)

    class Meta:
        verbose_name = "uitnodiging aan een ouder"
        verbose_name_plural = "uitnodigingen aan ouders"
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self):
        return f"{self.get_doel_display()} aan {self.ouder.naam}"

    def loopt(self, vandaag=None):
        """Whether the invitation still runs: not withdrawn, not past its last day, and for
        an overlegronde the round still open."""
        vandaag = vandaag or timezone.localdate()
        if self.ingetrokken_op is not None or self.geldig_tot < vandaag:
            return False
        if self.doel == self.Doel.OVERLEG:
            return self.overlegronde is not None and self.overlegronde.is_open(vandaag)
        return True


class Zienswijze(models.Model):
    """What a parent wrote: their view on the hulpvraag, or their reactie in an overlegronde."""

    hulpvraag = models.ForeignKey(
        Hulpvraag, verbose_name="hulpvraag", on_delete=models.CASCADE, related_name="zienswijzen"
    )
    ouder = models.ForeignKey(
        Ouder, verbose_name="ouder", on_delete=models.RESTRICT, related_name="zienswijzen"
    )
    overlegronde = models.ForeignKey(
        Overlegronde,
        verbose_name="overlegronde",
        on_delete=models.CASCADE,
        related_name="zienswijzen_van_ouders",
        null=True,
        blank=True,
    )
    tekst = models.TextField(
        "zienswijze", max_length=REACTIE_MAX, validators=[MaxTekens(REACTIE_MAX)]
    )
    geplaatst_op = models.DateTimeField("geplaatst op", auto_now_add=True)

    class Meta:
        verbose_name = "zienswijze van een ouder"
        verbose_name_plural = "zienswijzen van ouders"
        ordering = ["geplaatst_op", "pk"]

    def __str__(self):
        return f"Zienswijze van {self.ouder.naam}"


class StemVanDeLeerling(models.Model):
    """How and when the pupil was heard, and what the pupil said or wants (hoorrecht)."""

    class Hoe(models.TextChoices):
        GESPREK = "gesprek", "in een gesprek"
        GESPREK_OUDERS = "gesprek_ouders", "in een gesprek met ouders erbij"
        TEKENING = "tekening", "met een tekening of opdracht"
        VRAGENLIJST = "vragenlijst", "met een vragenlijst"
        ANDERS = "anders", "anders"

    hulpvraag = models.ForeignKey(
        Hulpvraag, verbose_name="hulpvraag", on_delete=models.CASCADE, related_name="stemmen"
    )
    gehoord_op = models.DateField("wanneer gehoord")
    hoe = models.CharField("hoe gehoord", max_length=20, choices=Hoe.choices)
    wat = models.TextField(
        "wat zegt of wil de leerling?",
        max_length=OMSCHRIJVING_MAX,
        validators=[MaxTekens(OMSCHRIJVING_MAX)],
    )
    gedeeld_met_deelnemers = models.BooleanField(
        "delen met deelnemers van overlegrondes",
        default=False,
        help_text="Zonder vinkje lezen alleen de betrokkenen het (wie de formulieren ziet).",
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "stem van de leerling"
        verbose_name_plural = "stem van de leerling"
        ordering = ["-gehoord_op", "-pk"]

    def __str__(self):
        return f"Stem van de leerling ({self.gehoord_op:%d-%m-%Y})"

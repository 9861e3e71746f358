import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import Omgeving
from kindkans.grenzen import OMSCHRIJVING_MAX, STATUS_OMSCHRIJVING_MAX, MaxTekens
from kindkans.zoeken import zoekvorm
from leerlingen.models import Leerling

from .workflow import Status

# Sent by services.wijzig_aanpak, which saves with a versioned UPDATE (no post_save): apps above
# that derive something from an aanpak (werk's termijn and who is aan zet) listen to it.
aanpak_gewijzigd = Signal()


def te_laat_filter(vandaag=None):
    """A hulpvraag is te laat when the last day of its termijn lies before today (Europe/
    Amsterdam): that day itself still counts as on time. Hulpvraag.is_te_laat in Python."""
    return models.Q(termijn__lt=vandaag or timezone.localdate())


class Hulpvraag(models.Model):
    """A request for support for one leerling, from the school, worked by the regierolhouder."""

    omgeving = models.ForeignKey(
        Omgeving, verbose_name="omgeving", on_delete=models.PROTECT, related_name="hulpvragen"
    )
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="hulpvragen"
    )
    titel = models.CharField("titel", max_length=200)
    omschrijving = models.TextField(
        "omschrijving",
        blank=True,
        max_length=OMSCHRIJVING_MAX,
        validators=[MaxTekens(OMSCHRIJVING_MAX)],
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="coördinator",
        on_delete=models.PROTECT,
        related_name="hulpvragen_als_coordinator",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangemaakt door",
        on_delete=models.PROTECT,
        related_name="aangemaakte_hulpvragen",
    )
    status = models.CharField(
        "status", max_length=30, choices=Status.choices, default=Status.AANGEMELD
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)
    # Raised by every edit through a form: a save that started from an older versie is refused.
    versie = models.PositiveIntegerField("versie", default=0)
    # What the search of the Hulpvragen tab reads: titel and the leerling's names in one
    # column (kindkans.zoeken.zoekvorm), so one index answers a word that may be in any of them
    # (on PostgreSQL a trigram index per omgeving, migration 0008). Kept by save(), by
    # wijzig_hulpvraag and, when a leerling is renamed, by signals.leerling_opgeslagen.
    zoektekst = models.TextField("zoektekst", editable=False, default="")
    # The date by which the step this hulpvraag waits for is due (inclusive), or None when no
    # termijn runs. The rules live in werk.termijnen, which fills it through
    # services.zet_termijnen; kept here so the list can filter and sort on "te laat" in SQL.
    termijn = models.DateField("termijn", null=True, editable=False)
    # Who is aan zet by that termijn, and for which step (werk.termijnen's words): stored with
    # it, so the Overzicht counts late steps per person in one GROUP BY.
    termijn_aan_zet = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aan zet voor de termijn",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    termijn_stap = models.CharField(
        "stap van de termijn", max_length=80, blank=True, editable=False
    )

    class Meta:
        verbose_name = "hulpvraag"
        verbose_name_plural = "hulpvragen"
        ordering = ["-aangemaakt_op", "-pk"]
        # Rechten that are only ever given per hulpvraag (toegang.py), never model-wide.
        permissions = [
            ("bekijk_formulieren", "Formulieren van de hulpvraag bekijken"),
            ("bekijk_aanpak", "Aanpak en leerlinggegevens bekijken"),
            ("wijzig_status", "Status wijzigen (tussenliggende statussen)"),
            ("rond_af", "Hulpvraag afronden of heropenen"),
            ("voeg_bijlage_toe", "Bijlagen toevoegen"),
            ("open_overlegronde", "Overlegronde openen"),
            ("plaats_reactie", "Reactie plaatsen bij een overlegronde"),
            ("bekijk_logboek", "Logboek van de hulpvraag bekijken"),
        ]
        indexes = [
            models.Index(fields=["omgeving", "status", "-aangemaakt_op"]),
            # The Hulpvragen tab's own order, walked by a list that checks rights per row.
            models.Index(fields=["omgeving", "-aangemaakt_op", "-id"], name="hulpvraag_lijst"),
            # "Is another hulpvraag of this child open?" (selectors, issue 15).
            models.Index(fields=["leerling", "status"], name="hulpvraag_leerling_status"),
            # "Te laat" and the sort on termijn; only the few hulpvragen that have one.
            models.Index(
                fields=["omgeving", "termijn"],
                condition=models.Q(termijn__isnull=False),
                name="hulpvraag_termijn",
            ),
            # Mijn acties: a coördinator's cases in one status, oldest first (werk.acties),
            # read up to a page however many they coordinate.
            models.Index(
                fields=["coordinator", "status", "aangemaakt_op"], name="hulpvraag_coordinator"
            ),
        ]

    def __str__(self):
        return f"{self.nummer} {self.titel} — {self.leerling}"

    def save(self, *args, **kwargs):
        self.zoektekst = self.bereken_zoektekst()
        bijwerken = kwargs.get("update_fields")
        if bijwerken is not None and {"titel", "leerling", "leerling_id"} & set(bijwerken):
            kwargs["update_fields"] = {*bijwerken, "zoektekst"}
        super().save(*args, **kwargs)

    def is_te_laat(self, vandaag=None):
        """te_laat_filter for one hulpvraag."""
        return self.termijn is not None and self.termijn < (vandaag or timezone.localdate())

    def bereken_zoektekst(self):
        return zoektekst_van(self.titel, self.leerling)

    @property
    def nummer(self):
        """The case number users search on and quote."""
        return f"HV-{self.pk:05d}" if self.pk else "HV-nieuw"

    @property
    def is_afgerond(self):
        return self.status == Status.AFGEROND


def zoektekst_van(titel, leerling):
    """Titel and names on lines of their own: a typed word never holds a line break, so it
    matches within one of them, as it did when each was searched apart."""
    delen = (titel, leerling.voornaam, leerling.tussenvoegsel, leerling.achternaam)
    return zoekvorm("\n".join(delen))


class StatusWijziging(models.Model):
    """One change of status: the history, never edited."""

    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    van = models.CharField("van", max_length=30, choices=Status.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=Status.choices)
    omschrijving = models.TextField(
        "omschrijving",
        blank=True,
        max_length=STATUS_OMSCHRIJVING_MAX,
        validators=[MaxTekens(STATUS_OMSCHRIJVING_MAX)],
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField("op", auto_now_add=True)

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["op", "pk"]

    def __str__(self):
        return f"{self.get_van_display() or '—'} → {self.get_naar_display()}"


class Aanpak(models.Model):
    """A plan under a hulpvraag; its behandelaar is invited to pick the case up."""

    hulpvraag = models.ForeignKey(Hulpvraag, on_delete=models.CASCADE, related_name="aanpakken")
    titel = models.CharField("titel", max_length=200)
    omschrijving = models.TextField(
        "omschrijving", max_length=OMSCHRIJVING_MAX, validators=[MaxTekens(OMSCHRIJVING_MAX)]
    )
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="behandelaar",
        on_delete=models.PROTECT,
        related_name="aanpakken_als_behandelaar",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)
    # Raised by every edit through a form: a save that started from an older versie is refused.
    versie = models.PositiveIntegerField("versie", default=0)

    class Meta:
        verbose_name = "aanpak"
        verbose_name_plural = "aanpakken"
        ordering = ["startdatum", "pk"]

    def __str__(self):
        return self.titel

    def clean(self):
        if self.einddatum and self.startdatum and self.einddatum < self.startdatum:
            raise ValidationError({"einddatum": "De einddatum ligt vóór de startdatum."})


def bijlage_pad(bijlage, bestandsnaam):
    # No name of a child in a path: an unguessable name per file, per omgeving.
    return f"bijlagen/{bijlage.hulpvraag.omgeving_id}/{uuid.uuid4().hex}"


class Bijlage(models.Model):
    """An uploaded file on a hulpvraag; served only through a view that checks access."""

    hulpvraag = models.ForeignKey(Hulpvraag, on_delete=models.CASCADE, related_name="bijlagen")
    bestand = models.FileField("bestand", upload_to=bijlage_pad, max_length=300)
    naam = models.CharField("bestandsnaam", max_length=255)
    content_type = models.CharField("soort bestand", max_length=120)
    grootte = models.PositiveBigIntegerField("grootte (bytes)")
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="toegevoegd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    geupload_op = models.DateTimeField("toegevoegd op", auto_now_add=True)

    class Meta:
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"
        ordering = ["-geupload_op", "-pk"]

    def __str__(self):
        return self.naam


class HulpvraagRecht(UserObjectPermissionBase):
    """django-guardian's object permission, as a direct foreign key to Hulpvraag.

    Written only by toegang.synchroniseer_toegang. `geldig_tot` (inclusive) carries the end of an
    overlegronde, so every request can refuse an expired recht even before the beat removed it.
    """

    content_object = models.ForeignKey(Hulpvraag, on_delete=models.CASCADE, related_name="rechten")
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "recht op hulpvraag"
        verbose_name_plural = "rechten op hulpvragen"
        indexes = [
            # Every read asks "which hulpvragen may this person … today": answered from the
            # index alone (PostgreSQL; elsewhere the include is left out).
            models.Index(
                fields=["user", "permission", "content_object"],
                include=["geldig_tot"],
                name="recht_per_persoon",
            ),
            # The expiry sweep only looks at rows with an end date.
            models.Index(
                fields=["geldig_tot"],
                condition=models.Q(geldig_tot__isnull=False),
                name="recht_met_einddatum",
            ),
        ]


class HulpvraagGroepsrecht(GroupObjectPermissionBase):
    """Unused (nobody gets rechten through a group), present so guardian finds a direct model."""

    content_object = models.ForeignKey(
        Hulpvraag, on_delete=models.CASCADE, related_name="groepsrechten"
    )

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "groepsrecht op hulpvraag"
        verbose_name_plural = "groepsrechten op hulpvragen"

"""Forms the SWV-beheerder defines in the admin (FormulierDefinitie with its Velden), and the
forms filled in per hulpvraag (Formulier, with every change kept as a FormulierWijziging).

A filled form stores the field set it was filled against (`veldenset`), so changing a
definition afterwards never breaks it: removed or changed fields stay as they were, and fields
added later are shown empty.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from accounts.models import Omgeving, Rol
from hulpvragen.models import Hulpvraag


class VeldType(models.TextChoices):
    KORTE_TEKST = "korte_tekst", "Korte tekst"
    LANGE_TEKST = "lange_tekst", "Lange tekst"
    DATUM = "datum", "Datum"
    GETAL = "getal", "Getal"
    JA_NEE = "ja_nee", "Ja/nee"
    EEN_KEUZE = "een_keuze", "Eén keuze uit een lijst"
    MEER_KEUZES = "meer_keuzes", "Meerdere keuzes uit een lijst"
    PERSOON = "persoon", "Persoon uit de omgeving"
    HULPVRAAG = "hulpvraag", "Hulpvraag"


MET_KEUZES = {VeldType.EEN_KEUZE, VeldType.MEER_KEUZES}


# The rollen a persoon field can offer, one per line in its `keuzes`, with how they read in a
# message. Only people who work on a case: never the SWV-beheerder or an externe deelnemer.
# An IB/COO is only offered for the school of the form's hulpvraag (selectors.personen_van).
PERSOONROLLEN = {
    Rol.IB_COO: "de IB/COO van de school van de leerling",
    Rol.SCHAKELFUNCTIONARIS_VERBINDING: "een schakelfunctionaris verbinding onderwijs/jeugdhulp",
    Rol.REGIEROLHOUDER: "een regierolhouder",
}


# The rollen that can ever see the formulieren of a hulpvraag (hulpvragen.toegang): the school's
# IB/COO, and the coördinator or behandelaar. An externe deelnemer never does.
INVULLENDE_ROLLEN = [Rol.IB_COO, Rol.SCHAKELFUNCTIONARIS_VERBINDING, Rol.REGIEROLHOUDER]


def controleer_rollen(waarde):
    if not isinstance(waarde, list) or any(rol not in INVULLENDE_ROLLEN for rol in waarde):
        raise ValidationError(
            "Kies uit IB/COO, schakelfunctionaris verbinding onderwijs/jeugdhulp en "
            "regierolhouder: alleen zij zien de formulieren van een hulpvraag."
        )


class FormulierDefinitie(models.Model):
    """A form as the SWV-beheerder defines it: its name, who may fill it, its ordered fields."""

    omgeving = models.ForeignKey(
        Omgeving,
        verbose_name="omgeving",
        on_delete=models.PROTECT,
        related_name="formulierdefinities",
    )
    naam = models.CharField("naam", max_length=200)
    toelichting = models.TextField(
        "toelichting",
        blank=True,
        help_text="Verschijnt boven het formulier, bijvoorbeeld wanneer het ingevuld wordt.",
    )
    # A list of accounts.models.Rol values: who may start and change a form of this kind.
    rollen = models.JSONField(
        "rollen die het invullen",
        default=list,
        blank=True,
        validators=[controleer_rollen],
    )
    eenmalig = models.BooleanField(
        "één per hulpvraag",
        default=False,
        help_text="Aan: een hulpvraag heeft hooguit één formulier van deze soort; wie het "
        "opnieuw kiest, vult het bestaande aan.",
    )
    actief = models.BooleanField(
        "actief",
        default=True,
        help_text="Zet uit in plaats van te verwijderen: ingevulde formulieren blijven leesbaar.",
    )

    class Meta:
        verbose_name = "formulierdefinitie"
        verbose_name_plural = "formulierdefinities"
        ordering = ["omgeving__code", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["omgeving", "naam"],
                name="formulierdefinitie_naam_uniek_per_omgeving",
                violation_error_message="Er is in deze omgeving al een formulier met deze naam.",
            )
        ]

    def __str__(self):
        return self.naam

    def veldenset(self):
        """The current fields as the snapshot a form is filled against."""
        return [veld.als_spec() for veld in self.velden.all()]


class Veld(models.Model):
    """One field of a form definition, in the order of `volgorde`."""

    definitie = models.ForeignKey(
        FormulierDefinitie, on_delete=models.CASCADE, related_name="velden"
    )
    label = models.CharField("label", max_length=200)
    helptekst = models.CharField("helptekst", max_length=500, blank=True)
    type = models.CharField("soort veld", max_length=20, choices=VeldType.choices)
    verplicht = models.BooleanField("verplicht", default=False)
    keuzes = models.TextField(
        "keuzes",
        blank=True,
        help_text="Bij een keuze uit een lijst: één keuze per regel. Bij een persoon: wie "
        "het veld aanbiedt, één rol per regel: ib_coo (de IB/COO van de school van de "
        "leerling), schakelfunctionaris_verbinding en/of regierolhouder; leeg biedt ze alle "
        "drie.",
    )
    volgorde = models.PositiveIntegerField("volgorde", default=0)
    # The key of the value in a filled form; made from the label once and never changed, so a
    # later change of label keeps the filled values with their field.
    sleutel = models.SlugField("sleutel", max_length=60, blank=True, editable=False)

    class Meta:
        verbose_name = "veld"
        verbose_name_plural = "velden"
        ordering = ["volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["definitie", "sleutel"], name="veld_sleutel_uniek_per_definitie"
            )
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.sleutel:
            self.sleutel = vrije_sleutel(
                self.label, Veld.objects.filter(definitie_id=self.definitie_id)
            )
        super().save(*args, **kwargs)

    @property
    def keuzelijst(self):
        return [regel.strip() for regel in self.keuzes.splitlines() if regel.strip()]

    def clean(self):
        if self.type in MET_KEUZES:
            keuzes = self.keuzelijst
            if len(keuzes) < 2:
                raise ValidationError({"keuzes": "Geef ten minste twee keuzes, één per regel."})
            if len(set(keuzes)) != len(keuzes):
                raise ValidationError({"keuzes": "Elke keuze komt maar één keer voor."})
        elif self.type == VeldType.PERSOON:
            onbekend = [rol for rol in self.keuzelijst if rol not in PERSOONROLLEN]
            if onbekend:
                raise ValidationError(
                    {
                        "keuzes": f"Onbekende rol: {', '.join(onbekend)}. Geef bij een persoon "
                        "één rol per regel uit ib_coo, schakelfunctionaris_verbinding en "
                        "regierolhouder, of laat het leeg voor alle drie."
                    }
                )
        elif self.keuzes.strip():
            raise ValidationError(
                {"keuzes": "Alleen een keuze uit een lijst of een persoon heeft keuzes."}
            )

    def als_spec(self):
        return {
            "sleutel": self.sleutel,
            "label": self.label,
            "helptekst": self.helptekst,
            "type": self.type,
            "verplicht": self.verplicht,
            "keuzes": self.keuzelijst,
            "volgorde": self.volgorde,
        }


# Names the edit form uses itself, so no field may take them.
GERESERVEERD = {"versie", "csrfmiddlewaretoken"}


def vrije_sleutel(label, velden):
    """A slug of the label that no other field of the definition uses yet."""
    basis = slugify(label)[:50].strip("-") or "veld"
    bezet = set(velden.values_list("sleutel", flat=True)) | GERESERVEERD
    sleutel, n = basis, 2
    while sleutel in bezet:
        sleutel, n = f"{basis}-{n}", n + 1
    return sleutel


class Formulier(models.Model):
    """A filled-in form on a hulpvraag: its values, the fields they were filled against, and a
    version number that makes a second, stale save a conflict instead of an overwrite."""

    definitie = models.ForeignKey(
        FormulierDefinitie,
        verbose_name="formulier",
        on_delete=models.PROTECT,
        related_name="formulieren",
    )
    hulpvraag = models.ForeignKey(
        Hulpvraag, verbose_name="hulpvraag", on_delete=models.CASCADE, related_name="formulieren"
    )
    # The hulpvraag's omgeving, copied (a hulpvraag never moves): the Formulieren overview walks
    # an omgeving's forms newest first instead of joining every visible hulpvraag's forms.
    omgeving = models.ForeignKey(
        "accounts.Omgeving",
        verbose_name="omgeving",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    waarden = models.JSONField("waarden", default=dict, blank=True)
    veldenset = models.JSONField("velden waartegen ingevuld", default=list)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingevuld door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="laatst gewijzigd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    versie = models.PositiveIntegerField("versie", default=1)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "formulier"
        verbose_name_plural = "formulieren"
        ordering = ["aangemaakt_op", "pk"]
        indexes = [
            models.Index(fields=["omgeving", "-gewijzigd_op", "-id"], name="formulier_overzicht"),
        ]

    def __str__(self):
        return f"{self.definitie.naam} bij {self.hulpvraag.nummer}"

    def save(self, *args, **kwargs):
        if self.omgeving_id is None:
            self.omgeving_id = self.hulpvraag.omgeving_id
        super().save(*args, **kwargs)

    def velden_bij_openen(self, huidige=None):
        """The fields to show and fill now: the ones it was filled against, as they were, plus
        the fields the definition gained later (empty), in the order of `volgorde`."""
        huidige = self.definitie.veldenset() if huidige is None else huidige
        bekend = {spec["sleutel"] for spec in self.veldenset}
        erbij = [spec for spec in huidige if spec["sleutel"] not in bekend]
        # sorted() is stable: on equal volgorde the fields it already had come first.
        return sorted([*self.veldenset, *erbij], key=lambda spec: spec.get("volgorde", 0))


class FormulierWijziging(models.Model):
    """One save of a form: who, when, and per field what it was and what it became (as shown on
    screen, so the history stays readable whatever happens to people or definitions later)."""

    formulier = models.ForeignKey(Formulier, on_delete=models.CASCADE, related_name="wijzigingen")
    versie = models.PositiveIntegerField("versie")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField("op", auto_now_add=True)
    # [{"sleutel": …, "label": …, "oud": "…", "nieuw": "…"}]
    velden = models.JSONField("gewijzigde velden", default=list)

    class Meta:
        verbose_name = "wijziging van een formulier"
        verbose_name_plural = "wijzigingen van formulieren"
        ordering = ["-versie", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["formulier", "versie"], name="formulierwijziging_versie_uniek"
            )
        ]

    def __str__(self):
        return f"versie {self.versie} door {self.door}"

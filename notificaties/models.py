"""The outbox: every mail is a Notificatie row, written in the transaction of its cause."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .catalogus import Soort, voorbeeld_context
from .geheime_links import heeft_geheime_link, mag_eigen_tekst
from .weergave import SjabloonFout, render_bronnen


class NotificatieQuerySet(models.QuerySet):
    def ongelezen(self):
        return self.filter(gelezen_op__isnull=True)


class Notificatie(models.Model):
    """One message to one person, kept as it was sent."""

    class Status(models.TextChoices):
        TE_VERSTUREN = "te_versturen", "te versturen"
        VERSTUURD = "verstuurd", "verstuurd"
        MISLUKT = "mislukt", "mislukt"
        # For a person who chose one mail a day: the melding is not mailed by itself, it waits
        # for their daily overview, and is then in it (`overzicht`, whose own status tells how
        # the sending went). Neither is ever sent alone: sending picks only "te versturen".
        WACHT_OP_OVERZICHT = "wacht_op_overzicht", "wacht op het dagelijks overzicht"
        IN_OVERZICHT = "in_overzicht", "in het dagelijks overzicht"

    # A person with an account; or, for a parent (ouders), no account but `adres` and `naam`.
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ontvanger",
        on_delete=models.CASCADE,
        related_name="notificaties",
        null=True,
        blank=True,
    )
    adres = models.EmailField("e-mailadres (zonder account)", blank=True)
    naam = models.CharField("naam (zonder account)", max_length=300, blank=True)
    # Empty for a mail about the account itself (wachtwoord vergeten): it belongs to no omgeving,
    # is not among anyone's Meldingen, and only a superuser sees it in the admin.
    omgeving = models.ForeignKey(
        "accounts.Omgeving",
        verbose_name="omgeving",
        on_delete=models.PROTECT,
        related_name="notificaties",
        null=True,
        blank=True,
    )
    soort = models.CharField("soort", max_length=40, choices=Soort.choices)
    onderwerp = models.CharField("onderwerp", max_length=250)
    tekst = models.TextField("tekst")
    html = models.TextField("HTML", blank=True)
    # The page in the portal the message is about (path only), and the absolute link in the
    # mail, which opens this notification and then that page: ids only, no personal data.
    pad = models.CharField("pagina", max_length=500)
    link = models.URLField("link in de mail", max_length=500)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.TE_VERSTUREN
    )
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)
    laatste_fout = models.TextField("laatste fout", blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    volgende_poging_op = models.DateTimeField("volgende poging op", default=timezone.now)
    verstuurd_op = models.DateTimeField("verstuurd op", null=True, blank=True)
    gelezen_op = models.DateTimeField("gelezen op", null=True, blank=True)
    # A melding that went out in a daily overview: that overview's row.
    overzicht = models.ForeignKey(
        "self",
        verbose_name="verstuurd in het dagelijks overzicht",
        # Rows are never deleted here; with a person's account both go (not PROTECT, which
        # would refuse that cascade).
        on_delete=models.SET_NULL,
        related_name="opgenomen_meldingen",
        null=True,
        blank=True,
    )
    # Only on a daily overview: the day it is the overview of (Europe/Amsterdam). One per
    # person, omgeving and day, also when two workers or a second beat run try at once.
    overzichtsdatum = models.DateField("overzicht van", null=True, blank=True)

    objects = NotificatieQuerySet.as_manager()

    class Meta:
        verbose_name = "notificatie"
        verbose_name_plural = "notificaties"
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["ontvanger", "omgeving", "-aangemaakt_op"]),
            # The beheer list of an omgeving's mails, newest first: a page instead of sorting
            # 150,000 mails (642 → 79 ms at a million hulpvragen, bench/schaal).
            models.Index(
                fields=["omgeving", "-aangemaakt_op", "-id"], name="notificatie_beheerlijst"
            ),
            # The unread count in the menu, on every page: only the unread rows; by soort too
            # for Mijn acties' unread reacties (a schakelfunctionaris with 30,000 cases has
            # ~5,000 unread meldingen, of which a handful are reacties: 9.6 → 0.2 ms at 1M).
            models.Index(
                fields=["ontvanger", "omgeving", "soort"],
                condition=models.Q(gelezen_op__isnull=True),
                name="notificatie_ongelezen_soort",
            ),
            models.Index(
                fields=["volgende_poging_op"],
                condition=models.Q(status="te_versturen"),
                name="notificatie_wachtrij",
            ),
            # The meldingen waiting for a daily overview, read by the hourly run.
            models.Index(
                fields=["ontvanger", "omgeving"],
                condition=models.Q(status="wacht_op_overzicht"),
                name="notificatie_wacht_op_overzicht",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ontvanger__isnull=False) | ~models.Q(adres=""),
                name="notificatie_heeft_ontvanger",
            ),
            models.UniqueConstraint(
                fields=["ontvanger", "omgeving", "overzichtsdatum"],
                condition=models.Q(overzichtsdatum__isnull=False),
                name="notificatie_een_overzicht_per_dag",
            ),
        ]

    def __str__(self):
        # Without the subject: this name shows where the content may not (the beheer's titles,
        # breadcrumbs and logs).
        return f"{self.get_soort_display()} aan {self.ontvanger_tekst}"

    @property
    def ontvanger_tekst(self):
        """The recipient as the beheer shows it: the account, or the name and address."""
        if self.ontvanger_id is not None:
            return str(self.ontvanger)
        return f"{self.naam} <{self.adres}>" if self.naam else self.adres

    @property
    def e_mailadres(self):
        """Where the mail goes: the account's address, or the one of a recipient without."""
        return self.ontvanger.email if self.ontvanger_id is not None else self.adres

    @property
    def wacht_op_overzicht(self):
        """Not mailed by itself: it goes out in the recipient's next daily overview."""
        return self.status == self.Status.WACHT_OP_OVERZICHT

    @property
    def volgende_poging(self):
        """When it is tried next; None once it is sent or given up (mislukt)."""
        if self.status != self.Status.TE_VERSTUREN:
            return None
        return self.volgende_poging_op


class MailSjabloon(models.Model):
    """A beheerder's own subject and text of one kind of mail, for one omgeving."""

    omgeving = models.ForeignKey(
        "accounts.Omgeving",
        verbose_name="omgeving",
        on_delete=models.CASCADE,
        related_name="mailsjablonen",
    )
    soort = models.CharField("soort", max_length=40, choices=Soort.choices)
    onderwerp = models.CharField("onderwerp", max_length=250)
    tekst = models.TextField("tekst")

    class Meta:
        verbose_name = "eigen mailtekst"
        verbose_name_plural = "eigen mailteksten"
        constraints = [
            models.UniqueConstraint(
                fields=["omgeving", "soort"],
                name="mailsjabloon_uniek",
                violation_error_message="Deze omgeving heeft al een eigen tekst voor deze mail.",
            )
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.omgeving.code})"

    def clean(self):
        # Refuse a broken template now, so that it can never fail at send time.
        if not self.soort:
            return
        if heeft_geheime_link(self.soort) and not mag_eigen_tekst(self.soort):
            raise ValidationError(
                {
                    # The account mails (a link to set a password) and a parent's code mail.
                    "soort": "De tekst van deze mail staat vast, omdat hij een persoonlijke link "
                    "of code bevat."
                }
            )
        if heeft_geheime_link(self.soort) and "link" not in _variabelen(self.tekst):
            raise ValidationError(
                {"tekst": "Deze mail heeft een persoonlijke link: zet {{ link }} in de tekst."}
            )
        try:
            render_bronnen(
                onderwerp=self.onderwerp,
                tekst=self.tekst,
                context=voorbeeld_context(self.soort),
                streng=True,
            )
        except SjabloonFout as fout:
            raise ValidationError({fout.veld: str(fout)}) from fout


def _variabelen(tekst):
    """The names used as {{ name }} in a template text."""
    return set(re.findall(r"{{\s*([A-Za-z_][A-Za-z0-9_]*)", tekst or ""))

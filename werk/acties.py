"""Mijn acties: what waits on this person in this omgeving, each with a link to the exact tab.

The contract others use (the start page, the menu count, the daily digest):

- `acties_voor(gebruiker=, omgeving=)`: the items as a list of `Actie`, overdue first, then by
  date, then in the order of the groups below;
- `groepen_voor(...)`: the same items per kind, under a heading in the users' words, with the
  number of items of that kind when a kind has more than `PER_SOORT`;
- `aantal_acties(...)`: only the number, in one query, cheap enough for every page.

Every kind is one queryset that is already limited to what the person may see today
(hulpvragen.toegang.met_recht, which also checks the lidmaatschap of the omgeving), and is read
in one query: its first `PER_SOORT` rows and, in a subquery that runs once, how many there are.
The person's rollen in the omgeving decide which kinds are read at all, so the number of queries
never grows with the number of cases.

The kinds: who gets the item, and when it disappears (done).

- overlegronde_reageren (a deelnemer): an open round they were invited to and did not answer
  yet; gone with their reactie, or when the round ends or is closed.
- overlegronde_loopt_af (the maker of a round): their open round ends within 2 days; gone when
  it ended or was closed, or its einddatum was moved further.
- evaluatie_voorbij (coördinator, behandelaar): TUSSENTIJDSE EVALUATIE and the evaluatiedatum
  has passed; gone when the status changes.
- aanpak_bevestigen (the behandelaar): a new aanpak of theirs, not yet confirmed with
  GEAGENDEERD; gone with GEAGENDEERD.
- nieuwe_reacties (maker of the round, coördinator): reacties they were mailed about and did
  not open yet; gone once opened from here or from the mail, or with "alles gelezen".
- nieuw_als_coordinator (schakelfunctionaris): a new (AANGEMELD) hulpvraag of which they are
  still coördinator; gone when the coördinator changes or the status moves on.
- afronden (the school's IB/COO): RETOUR NAAR SCHAKELTEAM, waiting to be closed; gone with
  AFGEROND.
- formulier_invullen (the school's IB/COO): an open hulpvraag without their form (Team
  Schoolondersteuning); gone when the form is saved.
- gegevens_controleren (the school's IB/COO): a leerling with an open hulpvraag whose data check
  has lapsed; gone with "Gegevens zijn actueel".
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    BigIntegerField,
    Case,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, StrIndex, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Omgeving, Rol
from formulieren.models import Formulier, FormulierDefinitie
from formulieren.selectors import rollen_van
from hulpvragen import toegang
from hulpvragen.models import Aanpak, Hulpvraag, StatusWijziging
from hulpvragen.workflow import OPEN, Status
from kindkans import bewaren
from leerlingen.models import Leerling
from leerlingen.selectors import leerlingen_voor
from notificaties.catalogus import Soort
from notificaties.selectors import meldingen_voor
from overleg.models import Deelname, Overlegronde, Reactie
from overleg.services import mag_reacties_lezen_filter

# How many items of one kind a page or a mail shows; the rest is counted ("en nog 12").
PER_SOORT = 20
# Counted up to this many and one more per kind: "99+" says enough, and a schakelfunctionaris
# with thousands of cases then costs what one with a hundred does.
GETELD_TOT = 99

# "Rounds of theirs ending within 2 days" (issue 15): today, tomorrow or the day after.
DAGEN_VOOR_EINDE_RONDE = 2

# The rollen that can be coördinator or behandelaar (hulpvragen.selectors.BEHANDELENDE_ROLLEN).
BEHANDELEND = frozenset({Rol.REGIEROLHOUDER, Rol.SCHAKELFUNCTIONARIS_VERBINDING})
# Anyone who works on cases can be invited to a round (overleg.selectors); never the beheerder.
UITNODIGBAAR = frozenset(
    {Rol.IB_COO, Rol.SCHAKELFUNCTIONARIS_VERBINDING, Rol.REGIEROLHOUDER, Rol.EXTERNE_DEELNEMER}
)


@dataclass(frozen=True)
class Actie:
    """One thing that waits on the person: a sentence, the link to the exact tab, a date."""

    soort: str
    tekst: str
    url: str
    datum: datetime.date | None
    te_laat: bool = False

    @property
    def datum_woord(self):
        """What the date is, in the words of its group ("open tot en met", "uiterlijk" …): a
        round's end date always reads "tot en met <datum>", also in the daily overview."""
        return next((soort.datum_woord for soort in SOORTEN if soort.naam == self.soort), "")

    @property
    def resterend(self):
        """The date relative to today, as a page says it: "nog 2 dagen", "3 dagen geleden"."""
        if self.datum is None:
            return ""
        return resterend(self.datum, timezone.localdate())


def resterend(datum, vandaag):
    dagen = (datum - vandaag).days
    if dagen == 0:
        return "vandaag"
    if dagen > 0:
        return f"nog {dagen} {'dag' if dagen == 1 else 'dagen'}"
    return f"{-dagen} {'dag' if dagen == -1 else 'dagen'} geleden"


@dataclass(frozen=True)
class Groep:
    """The items of one kind, under its heading; `totaal` counts those not shown as well."""

    soort: str
    kop: str
    datum_woord: str  # what the date of an item is, e.g. "tot en met"
    acties: tuple
    totaal: int  # at most GETELD_TOT + 1: more than GETELD_TOT is "99+"

    @property
    def afgekapt(self):
        return self.totaal > GETELD_TOT

    @property
    def totaal_tekst(self):
        return als_tekst(self.totaal)

    @property
    def meer(self):
        """How many are not shown; when counting stopped, "more than" this many."""
        return max(0, min(self.totaal, GETELD_TOT) - len(self.acties))


# --- Helpers ------------------------------------------------------------------------------------


def _dag(datum):
    return date_format(datum, "j F Y")


def _dossier(hulpvraag):
    """How an item names a hulpvraag: the leerling and the case number users search on."""
    return f"{hulpvraag.leerling.volledige_naam} ({hulpvraag.nummer})"


def _aantal(rijen):
    """COUNT(*) of a queryset as a scalar subquery (no GROUP BY)."""
    return Subquery(rijen.order_by().annotate(_n=Func(F("pk"), function="COUNT")).values("_n"))


def _aantal_begrensd(rijen):
    """COUNT(*) of at most GETELD_TOT + 1 rows of a queryset, as a scalar subquery: the count
    stops reading once it knows there are more than GETELD_TOT."""
    eerste = rijen.order_by().values("pk")[: GETELD_TOT + 1]
    return _aantal(rijen.model.objects.filter(pk__in=eerste))


def als_tekst(aantal):
    """A count as the menu and a heading show it: "99+" above GETELD_TOT."""
    return f"{GETELD_TOT}+" if aantal > GETELD_TOT else str(aantal)


def _termijn(hulpvraag, vandaag):
    """The hulpvraag's termijn as an item shows it: the date stored by werk.termijnen (the
    earliest deadline of an AANGEMELD hulpvraag) and whether it has passed."""
    return {"datum": hulpvraag.termijn, "te_laat": hulpvraag.is_te_laat(vandaag)}


def _laatste_statuswijziging():
    return Subquery(
        StatusWijziging.objects.filter(hulpvraag=OuterRef("pk"))
        .order_by("-op", "-pk")
        .values("op")[:1]
    )


@dataclass(frozen=True)
class _Soort:
    naam: str
    kop: str
    rollen: frozenset
    datum_woord: str
    # (gebruiker, omgeving, vandaag) -> the rows that are items, limited to what the person
    # may see; what aantal_acties counts.
    rijen: Callable
    # (rows, gebruiker, omgeving) -> the same rows with what the items show, in order.
    weergave: Callable
    # (row, vandaag) -> Actie
    actie: Callable


# --- Deelnemer: open rounds they were invited to ------------------------------------------------


def _reageren_rijen(gebruiker, omgeving, vandaag):
    rondes = Overlegronde.objects.filter(
        omgeving=omgeving,
        gesloten_op__isnull=True,
        einddatum__gte=vandaag,
    ).filter(
        Exists(Deelname.objects.filter(overlegronde=OuterRef("pk"), deelnemer=gebruiker)),
        ~Exists(Reactie.objects.filter(overlegronde=OuterRef("pk"), auteur=gebruiker)),
    )
    # The deelnemer's recht to react lasts until the einddatum (the request-time check).
    return toegang.met_recht(
        rondes,
        gebruiker,
        toegang.REACTIE,
        vandaag,
        via="hulpvraag__",
        omgeving_veld="omgeving",
        per_rij=True,
    )


def _reageren_weergave(rondes, gebruiker, omgeving):
    return rondes.select_related("hulpvraag__leerling").order_by("einddatum", "pk")


def _reageren_actie(ronde, vandaag):
    return Actie(
        soort="overlegronde_reageren",
        tekst=f"Overlegronde ‘{ronde.titel}’ bij het dossier van {_dossier(ronde.hulpvraag)}: "
        "u kunt een reactie plaatsen.",
        url=reverse("overleg:tab", args=[ronde.hulpvraag_id]) + f"#ronde-{ronde.pk}",
        datum=ronde.einddatum,
    )


# --- Maker: their rounds that end within 2 days -------------------------------------------------


def _loopt_af_rijen(gebruiker, omgeving, vandaag):
    rondes = Overlegronde.objects.filter(
        omgeving=omgeving,
        aangemaakt_door=gebruiker,
        gesloten_op__isnull=True,
        einddatum__gte=vandaag,
        einddatum__lte=vandaag + datetime.timedelta(days=DAGEN_VOOR_EINDE_RONDE),
    )
    return toegang.met_recht(
        rondes,
        gebruiker,
        toegang.ZIEN,
        vandaag,
        via="hulpvraag__",
        omgeving_veld="omgeving",
        per_rij=True,
    )


def _loopt_af_weergave(rondes, gebruiker, omgeving):
    return (
        rondes.select_related("hulpvraag__leerling")
        .annotate(
            _deelnemers=_aantal(Deelname.objects.filter(overlegronde=OuterRef("pk"))),
            _reacties=_aantal(Reactie.objects.filter(overlegronde=OuterRef("pk"))),
        )
        .order_by("einddatum", "pk")
    )


def _loopt_af_actie(ronde, vandaag):
    wie = "deelnemer" if ronde._deelnemers == 1 else "deelnemers"
    return Actie(
        soort="overlegronde_loopt_af",
        tekst=f"Uw overlegronde ‘{ronde.titel}’ bij het dossier van "
        f"{_dossier(ronde.hulpvraag)}: gereageerd {ronde._reacties} van "
        f"{ronde._deelnemers} {wie}.",
        url=reverse("overleg:tab", args=[ronde.hulpvraag_id]) + f"#ronde-{ronde.pk}",
        datum=ronde.einddatum,
    )


# --- Coördinator / behandelaar: TUSSENTIJDSE EVALUATIE past its date ----------------------------
#
# There is no evaluatiedatum of its own yet: it is the einddatum of the aanpak (the latest, when
# there are several), so a case still in TUSSENTIJDSE EVALUATIE after every plan has ended needs
# a decision. An aanpak without einddatum runs on, so such a hulpvraag has no date (yet).


def _evaluatiedatum():
    return Subquery(
        Aanpak.objects.filter(hulpvraag=OuterRef("pk"))
        .order_by(F("einddatum").desc(nulls_first=True))
        .values("einddatum")[:1]
    )


def _evaluatie_rijen(gebruiker, omgeving, vandaag):
    # Who may change the status is the coördinator or a behandelaar: their own cases first,
    # then the recht per row (a schakelfunctionaris may hold it on thousands).
    eigen = Q(coordinator=gebruiker) | Exists(
        Aanpak.objects.filter(hulpvraag=OuterRef("pk"), behandelaar=gebruiker)
    )
    hulpvragen = (
        Hulpvraag.objects.filter(eigen, omgeving=omgeving, status=Status.TUSSENTIJDSE_EVALUATIE)
        .alias(_evaluatie=_evaluatiedatum())
        .filter(_evaluatie__lt=vandaag)
    )
    return toegang.met_recht(hulpvragen, gebruiker, toegang.STATUS, vandaag, per_rij=True)


def _evaluatie_weergave(hulpvragen, gebruiker, omgeving):
    # The oldest cases first, along the coördinator's index: ordering on the evaluatiedatum
    # would compute it for every case before the first could be shown. The page then shows the
    # ones it read by date.
    return (
        hulpvragen.select_related("leerling")
        .annotate(_datum=_evaluatiedatum())
        .order_by("aangemaakt_op", "pk")
    )


def _evaluatie_actie(hulpvraag, vandaag):
    return Actie(
        soort="evaluatie_voorbij",
        tekst=f"{_dossier(hulpvraag)} staat op TUSSENTIJDSE EVALUATIE en de evaluatiedatum "
        "is voorbij: pas de status aan.",
        url=reverse("hulpvragen:detail", args=[hulpvraag.pk]) + "#kop-status-wijzigen",
        datum=hulpvraag._datum,
        te_laat=True,
    )


# --- Behandelaar: a new aanpak, to confirm with GEAGENDEERD -------------------------------------
#
# "GEAGENDEERD: ter bevestiging van de taak" (work instruction §4 step 4). An aanpak waits for it
# while the hulpvraag is AANGEMELD, or when it was added after the case came back RETOUR NAAR
# SCHAKELTEAM (the schakelteam hands it to a new regierolhouder). Whoever may change the status
# (the behandelaar, recht wijzig_status) gets it.


def _bevestigen_rijen(gebruiker, omgeving, vandaag):
    aanpakken = (
        # The omgeving compared as "+ 0": the planner then starts from the person's own
        # aanpakken, not from every AANGEMELD hulpvraag of the omgeving (4,414 of 30,000).
        Aanpak.objects.alias(_omgeving=F("hulpvraag__omgeving_id") + 0)
        .filter(
            behandelaar=gebruiker,
            _omgeving=omgeving.pk,
            hulpvraag__status__in=[Status.AANGEMELD, Status.RETOUR_NAAR_SCHAKELTEAM],
        )
        .alias(
            _sinds=Subquery(
                StatusWijziging.objects.filter(hulpvraag=OuterRef("hulpvraag"))
                .order_by("-op", "-pk")
                .values("op")[:1]
            )
        )
        .filter(
            Q(hulpvraag__status=Status.AANGEMELD)
            | Q(_sinds__isnull=True)
            | Q(aangemaakt_op__gt=F("_sinds"))
        )
    )
    return toegang.met_recht(
        aanpakken,
        gebruiker,
        toegang.STATUS,
        vandaag,
        via="hulpvraag__",
        omgeving_veld="_omgeving",
        per_rij=True,
    )


def _bevestigen_weergave(aanpakken, gebruiker, omgeving):
    return aanpakken.select_related("hulpvraag__leerling").order_by("aangemaakt_op", "pk")


def _bevestigen_actie(aanpak, vandaag):
    return Actie(
        soort="aanpak_bevestigen",
        tekst=f"Nieuwe aanpak ‘{aanpak.titel}’ voor u als behandelaar van "
        f"{_dossier(aanpak.hulpvraag)}, start {_dag(aanpak.startdatum)}: bevestig de taak met "
        "de status GEAGENDEERD.",
        url=reverse("hulpvragen:aanpak", args=[aanpak.hulpvraag_id]) + f"#aanpak-{aanpak.pk}",
        **_termijn(aanpak.hulpvraag, vandaag),
    )


# --- Maker of the round, coördinator: new reacties ----------------------------------------------
#
# A new reactie is mailed to the maker of the round and the coördinator (overleg.services
# .plaats_reactie): the Notificatie of kind REACTIE_GEPLAATST. "Not yet read" is that melding
# not yet opened. Its `pad` ends in "#ronde-<id>" (overleg.services._pad); the rounds are read
# from there, so one query finds them without walking the person's cases. A round is shown only
# while the person may still see the hulpvraag and read its reacties (maker or current
# coördinator, overleg.services.mag_reacties_lezen). The link (werk:reacties) marks the round's
# meldingen read and goes on to the round on the tab Overlegronde.

RONDE_IN_PAD = "#ronde-"


def ongelezen_reacties(*, gebruiker, omgeving):
    """The person's unread meldingen about a new reactie, with the round (`_ronde`) they are
    about."""
    # The CASE keeps the cast away from any other pad, whatever order the database tests the
    # conditions in.
    ronde = Case(
        When(
            pad__contains=RONDE_IN_PAD,
            then=Cast(
                Substr("pad", StrIndex("pad", Value(RONDE_IN_PAD)) + len(RONDE_IN_PAD)),
                BigIntegerField(),
            ),
        ),
        default=None,
        output_field=BigIntegerField(),
    )
    return (
        meldingen_voor(gebruiker=gebruiker, omgeving=omgeving)
        .ongelezen()
        .filter(soort=Soort.REACTIE_GEPLAATST, pad__contains=RONDE_IN_PAD)
        .annotate(_ronde=ronde)
    )


def rondes_met_reacties_te_lezen(*, gebruiker, omgeving, vandaag=None):
    """The rounds whose reacties this person may read (maker, coördinator) and may see today."""
    # The round's own copy of the omgeving: no join to the hulpvraag to find the omgeving.
    rondes = Overlegronde.objects.filter(omgeving=omgeving).filter(
        mag_reacties_lezen_filter(gebruiker)
    )
    return toegang.met_recht(
        rondes,
        gebruiker,
        toegang.ZIEN,
        vandaag,
        via="hulpvraag__",
        omgeving_veld="omgeving",
        per_rij=True,
    )


def _reacties_rijen(gebruiker, omgeving, vandaag):
    ongelezen = ongelezen_reacties(gebruiker=gebruiker, omgeving=omgeving)
    return rondes_met_reacties_te_lezen(
        gebruiker=gebruiker, omgeving=omgeving, vandaag=vandaag
    ).filter(pk__in=ongelezen.values("_ronde"))


def _reacties_weergave(rondes, gebruiker, omgeving):
    """Per round the number of its unread meldingen; the newest round first. (Not ordered by
    the newest melding: that would count the meldingen of every round before the first 20.)"""
    per_ronde = ongelezen_reacties(gebruiker=gebruiker, omgeving=omgeving).filter(
        _ronde=OuterRef("pk")
    )
    return (
        rondes.select_related("hulpvraag__leerling")
        .annotate(_nieuw=_aantal(per_ronde))
        .order_by("-pk")
    )


def _reacties_actie(ronde, vandaag):
    wat = "Nieuwe reactie" if ronde._nieuw == 1 else f"{ronde._nieuw} nieuwe reacties"
    return Actie(
        soort="nieuwe_reacties",
        tekst=f"{wat} bij overlegronde ‘{ronde.titel}’ van {_dossier(ronde.hulpvraag)}.",
        url=reverse("werk:reacties", args=[ronde.pk]),
        datum=None,
    )


# --- Schakelfunctionaris: new hulpvragen still with them as coördinator -------------------------
#
# Work instruction §2 step 1: the IB/COO sets the schakelfunctionaris as coördinator; after
# they discussed the case and chose the regierol, the IB/COO changes the coördinator.


def _coordinator_rijen(gebruiker, omgeving, vandaag):
    hulpvragen = Hulpvraag.objects.filter(
        omgeving=omgeving, coordinator=gebruiker, status=Status.AANGEMELD
    )
    return toegang.met_recht(hulpvragen, gebruiker, toegang.ZIEN, vandaag, per_rij=True)


def _coordinator_weergave(hulpvragen, gebruiker, omgeving):
    return hulpvragen.select_related("leerling", "leerling__school").order_by("aangemaakt_op", "pk")


def _coordinator_actie(hulpvraag, vandaag):
    return Actie(
        soort="nieuw_als_coordinator",
        tekst=f"Nieuwe hulpvraag van {_dossier(hulpvraag)}, {hulpvraag.leerling.school}, "
        f"aangemeld op {_dag(timezone.localtime(hulpvraag.aangemaakt_op))}: u bent "
        "coördinator. Bespreek de casus met de IB/COO en bepaal samen de regierol.",
        url=reverse("hulpvragen:detail", args=[hulpvraag.pk]),
        **_termijn(hulpvraag, vandaag),
    )


# --- IB/COO: RETOUR NAAR SCHAKELTEAM, to close ---------------------------------------------------


def _afronden_rijen(gebruiker, omgeving, vandaag):
    hulpvragen = Hulpvraag.objects.filter(omgeving=omgeving, status=Status.RETOUR_NAAR_SCHAKELTEAM)
    # Only the school's IB/COO holds rond_af (toegang.RECHTEN).
    return toegang.met_recht(hulpvragen, gebruiker, toegang.AFRONDEN, vandaag)


def _afronden_weergave(hulpvragen, gebruiker, omgeving):
    return (
        hulpvragen.select_related("leerling")
        .annotate(_sinds=_laatste_statuswijziging())
        .order_by("_sinds", "pk")
    )


def _afronden_actie(hulpvraag, vandaag):
    sinds = f" sinds {_dag(timezone.localtime(hulpvraag._sinds))}" if hulpvraag._sinds else ""
    return Actie(
        soort="afronden",
        tekst=f"{_dossier(hulpvraag)} staat{sinds} op RETOUR NAAR SCHAKELTEAM: sluit de "
        "hulpvraag af met de status AFGEROND.",
        url=reverse("hulpvragen:detail", args=[hulpvraag.pk]) + "#kop-status-wijzigen",
        datum=None,
    )


# --- IB/COO: the form of the school not filled in yet -------------------------------------------
#
# A Formulier has no draft: Opslaan refuses a form whose required (yellow) fields are empty, so a
# saved form is complete. What is "started and not finished" is the hulpvraag: the IB/COO has
# made it (step 1) but not yet filled in its form (step 2, 'Team Schoolondersteuning'). Which
# form that is: every active definition of the omgeving that the IB/COO fills and that a
# hulpvraag has once ("één per hulpvraag"); the standard one is Team Schoolondersteuning.


def _ontbrekende_definities():
    # rollen is a JSON list of Rol values; "contains" has no SQLite version, the text match
    # works on both (a quoted rol value matches only that rol).
    return (
        FormulierDefinitie.objects.filter(
            omgeving=OuterRef("omgeving"),
            actief=True,
            eenmalig=True,
            rollen__icontains=f'"{Rol.IB_COO}"',
        )
        .exclude(
            Exists(
                Formulier.objects.filter(
                    hulpvraag=OuterRef(OuterRef("pk")), definitie=OuterRef("pk")
                )
            )
        )
        .order_by("naam", "pk")
    )


def _formulier_rijen(gebruiker, omgeving, vandaag):
    hulpvragen = Hulpvraag.objects.filter(omgeving=omgeving, status__in=OPEN).filter(
        Exists(_ontbrekende_definities())
    )
    # The school's IB/COO: rond_af is theirs only, and they see the formulieren.
    return toegang.met_recht(hulpvragen, gebruiker, toegang.AFRONDEN, vandaag)


def _formulier_weergave(hulpvragen, gebruiker, omgeving):
    ontbrekend = _ontbrekende_definities()
    return (
        hulpvragen.select_related("leerling")
        .annotate(
            _definitie=Subquery(ontbrekend.values("pk")[:1]),
            _definitie_naam=Subquery(ontbrekend.values("naam")[:1]),
        )
        .order_by("aangemaakt_op", "pk")
    )


def _formulier_actie(hulpvraag, vandaag):
    url = reverse("formulieren:nieuw", args=[hulpvraag.pk]) + f"?definitie={hulpvraag._definitie}"
    return Actie(
        soort="formulier_invullen",
        tekst=f"Vul het formulier ‘{hulpvraag._definitie_naam}’ in bij de hulpvraag van "
        f"{_dossier(hulpvraag)}.",
        url=url,
        datum=None,
    )


# --- IB/COO: leerlingen whose data must be checked -----------------------------------------------
#
# Footnote 1 of the work instruction: the school's LVS and the portal are not linked, and the
# regierolhouder bases the communication on the data in the portal. A new hulpvraag cannot be
# made without a current check (hulpvragen.services.maak_hulpvraag asks for it on the spot), so
# the item is for the children whose case is running: a leerling of the IB/COO's school with an
# open hulpvraag, whose data was never confirmed or longer ago than LEERLING_CONTROLE_TERMIJN_DAGEN
# (Leerling.controle_nodig_filter).


def _nu_op(vandaag):
    # Now, or this time of day on `vandaag` when the caller asks about another day.
    return timezone.now() + (vandaag - timezone.localdate())


def _controle_rijen(gebruiker, omgeving, vandaag):
    return (
        leerlingen_voor(gebruiker=gebruiker, omgeving=omgeving)
        .select_related(None)
        .filter(Leerling.controle_nodig_filter(_nu_op(vandaag)))
        .filter(
            Exists(
                Hulpvraag.objects.filter(
                    leerling=OuterRef("pk"), omgeving=omgeving, status__in=OPEN
                )
            )
        )
    )


def _controle_weergave(leerlingen, gebruiker, omgeving):
    return leerlingen.order_by(F("gecontroleerd_op").asc(nulls_first=True), "pk")


def _controle_actie(leerling, vandaag):
    verlopen = leerling.controle_verloopt_op()
    if leerling.gecontroleerd_op is None:
        wanneer = "nog nooit gecontroleerd"
    else:
        wanneer = f"laatst gecontroleerd op {_dag(timezone.localdate(leerling.gecontroleerd_op))}"
    return Actie(
        soort="gegevens_controleren",
        tekst=f"Controleer of de basis- en schoolgegevens van {leerling.volledige_naam} nog "
        f"actueel zijn ({wanneer}).",
        url=reverse("leerlingen:detail", args=[leerling.pk]),
        datum=verlopen,
        te_laat=True,
    )


# --- The kinds, in the order of the page ---------------------------------------------------------

SOORTEN = [
    _Soort(
        "overlegronde_reageren",
        "Overlegrondes waarvoor u bent uitgenodigd",
        UITNODIGBAAR,
        "reageren kan tot en met",
        _reageren_rijen,
        _reageren_weergave,
        _reageren_actie,
    ),
    _Soort(
        "overlegronde_loopt_af",
        "Uw overlegrondes die binnen 2 dagen aflopen",
        BEHANDELEND,
        "open tot en met",
        _loopt_af_rijen,
        _loopt_af_weergave,
        _loopt_af_actie,
    ),
    _Soort(
        "evaluatie_voorbij",
        "TUSSENTIJDSE EVALUATIE: de evaluatiedatum is voorbij",
        BEHANDELEND,
        "evaluatiedatum:",
        _evaluatie_rijen,
        _evaluatie_weergave,
        _evaluatie_actie,
    ),
    _Soort(
        "aanpak_bevestigen",
        "Nieuwe aanpak: bevestig de taak met GEAGENDEERD",
        BEHANDELEND,
        "uiterlijk",
        _bevestigen_rijen,
        _bevestigen_weergave,
        _bevestigen_actie,
    ),
    _Soort(
        "nieuwe_reacties",
        "Nieuwe reacties bij een overlegronde",
        BEHANDELEND,
        "",
        _reacties_rijen,
        _reacties_weergave,
        _reacties_actie,
    ),
    _Soort(
        "nieuw_als_coordinator",
        "Nieuwe hulpvragen waarvan u coördinator bent",
        frozenset({Rol.SCHAKELFUNCTIONARIS_VERBINDING}),
        "uiterlijk",
        _coordinator_rijen,
        _coordinator_weergave,
        _coordinator_actie,
    ),
    _Soort(
        "afronden",
        "Af te sluiten: RETOUR NAAR SCHAKELTEAM",
        frozenset({Rol.IB_COO}),
        "",
        _afronden_rijen,
        _afronden_weergave,
        _afronden_actie,
    ),
    _Soort(
        "formulier_invullen",
        "Formulieren nog in te vullen",
        frozenset({Rol.IB_COO}),
        "",
        _formulier_rijen,
        _formulier_weergave,
        _formulier_actie,
    ),
    _Soort(
        "gegevens_controleren",
        "Gegevens van leerlingen controleren op actualiteit",
        frozenset({Rol.IB_COO}),
        "controle verlopen op",
        _controle_rijen,
        _controle_weergave,
        _controle_actie,
    ),
]


def _soorten_voor(gebruiker, omgeving, rollen):
    if not gebruiker.is_authenticated or omgeving is None:
        return []
    if rollen is None:
        rollen = rollen_van(gebruiker=gebruiker, omgeving=omgeving)
    rollen = set(rollen)
    return [soort for soort in SOORTEN if soort.rollen & rollen]


# --- The contract -------------------------------------------------------------------------------


def groepen_voor(*, gebruiker, omgeving, rollen=None, vandaag=None, per_soort=None):
    """The items per kind that has any, in the order of the page; one query per kind that can
    apply to the person's rollen (`rollen`: their Rol values here, when the caller has them,
    e.g. from request.lidmaatschappen; else read in one query)."""
    vandaag = vandaag or timezone.localdate()
    per_soort = per_soort or PER_SOORT
    groepen = []
    for soort in _soorten_voor(gebruiker, omgeving, rollen):
        alle = soort.rijen(gebruiker, omgeving, vandaag)
        # The total as a subquery that runs once: the page's rows then need their joins and
        # annotations for the first `per_soort` only.
        rijen = soort.weergave(alle, gebruiker, omgeving).annotate(_totaal=_aantal_begrensd(alle))
        rijen = list(rijen[:per_soort])
        if not rijen:
            continue
        acties = [soort.actie(rij, vandaag) for rij in rijen]
        # Overdue first, then by date; the query's order otherwise (sorted() is stable).
        acties.sort(key=lambda a: (not a.te_laat, a.datum is None, a.datum or datetime.date.max))
        groepen.append(
            Groep(
                soort=soort.naam,
                kop=soort.kop,
                datum_woord=soort.datum_woord,
                acties=tuple(acties),
                totaal=rijen[0]._totaal,
            )
        )
    return groepen


def acties_voor(*, gebruiker, omgeving, rollen=None, vandaag=None):
    """Everything that waits on this person in this omgeving, at most PER_SOORT of each kind:
    overdue first, then by date, then in the order of the kinds (the page's groups)."""
    acties = [
        actie
        for groep in groepen_voor(
            gebruiker=gebruiker, omgeving=omgeving, rollen=rollen, vandaag=vandaag
        )
        for actie in groep.acties
    ]
    acties.sort(key=lambda a: (not a.te_laat, a.datum is None, a.datum or datetime.date.max))
    return acties


def aantal_acties(*, gebruiker, omgeving, rollen=None, vandaag=None):
    """How many items wait on this person (all of them, not only the ones a page shows; each
    kind counted up to GETELD_TOT + 1, so above GETELD_TOT the number says "more"), in one
    query whatever their number."""
    vandaag = vandaag or timezone.localdate()
    soorten = _soorten_voor(gebruiker, omgeving, rollen)
    if not soorten:
        return 0
    tellingen = (
        Omgeving.objects.filter(pk=omgeving.pk)
        .order_by()
        .annotate(
            **{
                f"_{soort.naam}": _aantal_begrensd(soort.rijen(gebruiker, omgeving, vandaag))
                for soort in soorten
            }
        )
        .values_list(*(f"_{soort.naam}" for soort in soorten))
        .first()
    )
    return sum(n or 0 for n in tellingen or ())


# --- The count in the menu ----------------------------------------------------------------------
#
# The menu shows the count on every page. Counting reads every item of every kind (a
# schakelfunctionaris may have thousands), so a page takes the count the start page or an earlier
# page made, for TELLER_SECONDEN at most; the start page always counts afresh, and anything the
# person changes (a POST, werk.middleware) makes the next page count again. What others change
# shows within TELLER_SECONDEN.

TELLER_SECONDEN = 60


def _teller_sleutel(gebruiker_id, omgeving_id):
    return f"werk:aantal_acties:{gebruiker_id}:{omgeving_id}"


def onthoud_aantal(*, gebruiker, omgeving, aantal):
    bewaren.bewaar(_teller_sleutel(gebruiker.pk, omgeving.pk), aantal, TELLER_SECONDEN)


def vergeet_aantal(*, gebruiker, omgeving):
    bewaren.vergeet(_teller_sleutel(gebruiker.pk, omgeving.pk))


def aantal_voor_menu(*, gebruiker, omgeving, rollen=None):
    """The menu's count: the one kept for at most TELLER_SECONDEN, else counted now and kept."""
    aantal = bewaren.lees(_teller_sleutel(gebruiker.pk, omgeving.pk))
    if aantal is None:
        aantal = aantal_acties(gebruiker=gebruiker, omgeving=omgeving, rollen=rollen)
        onthoud_aantal(gebruiker=gebruiker, omgeving=omgeving, aantal=aantal)
    return aantal

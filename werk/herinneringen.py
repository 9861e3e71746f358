"""Herinneringen: one mail to the person who must act, once per termijn that passed.

Three kinds (notificaties.catalogus.HERINNERINGEN):

- herinnering_aanpak_bevestigen: the termijn of the hulpvraag (werk.termijnen) is the
  behandelaar's "Aanpak bevestigen met GEAGENDEERD" and it has passed: to the behandelaar, with
  a link to the tab Aanpak;
- herinnering_aangemeld: the termijn is "Hulpvraag staat nog op AANGEMELD" and it has passed:
  to the coördinator, with a link to the hulpvraag;
- herinnering_overleg_reageren: from `overleg_herinnering` school days before the einddatum of
  an open round until that day: to each deelnemer who has not placed a reactie, with a link to
  the round on the tab Overlegronde.

Exactly once: a reminder is a Herinnering row (the marker, unique per kind, person, subject and
termijn) written in one transaction with its Notificatie. Each candidate gets a short
transaction of its own that first claims its row (the hulpvraag, or the deelname) with SKIP
LOCKED, so a second worker passes it by, and then checks everything again inside the lock:
a second beat run, a restart or two workers at once never send it twice, and what changed
since the candidates were read (a new status, a reactie) is seen. A new termijn (the beheerder
changed the Termijnen, the maker moved the einddatum) is a new reminder.

Nobody is reminded of a hulpvraag they may not see today (the link would answer 404), nor
asked to react when they can no longer do so. Reminders go out on school days only (a termijn
that passed on Friday is reminded on Monday, one that passed before Christmas after it), and
are meldingen like every other: whoever chose one mail a day finds them in the daily overview.

Bounded work: a run reads at most MAX_PER_RUN candidates of each kind, shared fairly over the
omgevingen, per omgeving along the partial indexes (hulpvraag (omgeving, termijn),
overlegronde_open); what is reminded drops out of the candidates, so the next run goes on where
this one stopped. Overdue hulpvragen come newest termijn first: a backlog (the first run after
deployment, or after a long downtime) does not hold up the termijn that passed yesterday.
"""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Omgeving
from hulpvragen import toegang
from hulpvragen.models import Aanpak, Hulpvraag
from hulpvragen.selectors import zichtbare_hulpvragen
from hulpvragen.services import mail_over_hulpvraag
from notificaties.catalogus import Soort
from overleg.models import Deelname, Overlegronde, Reactie

from .models import Herinnering, termijnen_per_omgeving
from .schooldagen import is_schooldag, schooldagen_voor
from .termijnen import AANPAK_BEVESTIGEN, NOG_AANGEMELD, termijnen_voor

logger = logging.getLogger(__name__)

# Candidates of one kind read per run (over all omgevingen); the rest waits for the next run.
MAX_PER_RUN = 2000
# Candidates whose termijn is computed together (two queries per block, werk.termijnen).
BLOK = 200

# The step of a termijn → the reminder and the page it links to.
HERINNERING_VAN_STAP = {
    AANPAK_BEVESTIGEN: (Soort.HERINNERING_AANPAK_BEVESTIGEN, "hulpvragen:aanpak"),
    NOG_AANGEMELD: (Soort.HERINNERING_AANGEMELD, "hulpvragen:detail"),
}


def verstuur_herinneringen(*, vandaag=None) -> int:
    """Write the reminders that are due today, each once; they are sent after their commit.
    Returns how many were written."""
    vandaag = vandaag or timezone.localdate()
    if not is_schooldag(vandaag):
        return 0
    omgevingen = list(Omgeving.objects.filter(actief=True).order_by("pk"))
    termijnen = termijnen_per_omgeving([omgeving.pk for omgeving in omgevingen])
    aantal = 0
    for herinner in (_herinner_termijnen, _herinner_rondes):
        over = MAX_PER_RUN
        for i, omgeving in enumerate(omgevingen):
            # An equal share of what is left; what one omgeving does not use goes to the next.
            deel = -(-over // (len(omgevingen) - i))
            geschreven, gelezen = herinner(omgeving, termijnen[omgeving.pk], vandaag, deel)
            aantal += geschreven
            over -= gelezen
    return aantal


def _een_voor_een(ids, herinner, wat):
    """Call `herinner(id)` for each candidate, in a transaction of its own; one failure is
    logged and does not stop the others (the candidate stays one for the next run)."""
    aantal = 0
    for pk in ids:
        try:
            with transaction.atomic():
                if herinner(pk):
                    aantal += 1
        except IntegrityError:
            # Another worker wrote this reminder a moment ago (the unique constraint).
            logger.info("Herinnering over %s %s was al geschreven", wat, pk)
        except Exception:  # noqa: BLE001 - one person's failure must not stop the others'
            logger.exception("Herinnering over %s %s mislukt", wat, pk)
    return aantal


# --- The termijn of a hulpvraag -----------------------------------------------------------------


def kandidaat_hulpvragen(omgeving, vandaag):
    """Hulpvragen of an omgeving whose stored termijn has passed and of which nobody who works on
    it now (coördinator, behandelaar) was reminded for that termijn: newest termijn first.

    Only a preselection along the index (omgeving, termijn): who must act, and whether the
    termijn has really passed, werk.termijnen says for each candidate again. A reminded person
    who no longer works on it (another coördinator) makes the hulpvraag a candidate again, so
    the one who does now is reminded."""
    herinnerd = Herinnering.objects.filter(
        hulpvraag=OuterRef("pk"), termijn=OuterRef("termijn"), overlegronde__isnull=True
    ).filter(
        Q(ontvanger=OuterRef("coordinator_id"))
        | Q(
            ontvanger__in=Aanpak.objects.filter(hulpvraag=OuterRef("hulpvraag_id")).values(
                "behandelaar_id"
            )
        )
    )
    return (
        Hulpvraag.objects.filter(omgeving=omgeving, termijn__lt=vandaag)
        .filter(~Exists(herinnerd))
        .order_by("-termijn", "-pk")
    )


def _herinner_termijnen(omgeving, termijnen, vandaag, limiet):
    """(written, candidates read) for the hulpvragen of one omgeving."""
    ids = list(kandidaat_hulpvragen(omgeving, vandaag).values_list("pk", flat=True)[:limiet])
    aantal = 0
    for start in range(0, len(ids), BLOK):
        blok = ids[start : start + BLOK]
        # Outside the locks first, a few queries per block: the candidates whose termijn has
        # passed and whose person may see them, so those that are not get no transaction each.
        te_laat = {
            pk: termijn
            for pk, termijn in termijnen_voor(
                Hulpvraag.objects.filter(pk__in=blok), vandaag=vandaag
            ).items()
            if _te_herinneren(termijn)
        }
        zichtbaar = _zichtbaar(omgeving, te_laat)
        aantal += _een_voor_een(
            [pk for pk in blok if pk in zichtbaar],
            lambda pk: _herinner_hulpvraag(pk, vandaag),
            "hulpvraag",
        )
    return aantal, len(ids)


def _te_herinneren(termijn):
    return (
        termijn is not None
        and termijn.te_laat
        and termijn.stap in HERINNERING_VAN_STAP
        and termijn.persoon_id is not None
    )


def _zichtbaar(omgeving, termijnen):
    """The ids in {hulpvraag_id: Termijn} that the person of their termijn may see today (a
    query per person)."""
    per_persoon = {}
    for pk, termijn in termijnen.items():
        per_persoon.setdefault(termijn.persoon_id, []).append(pk)
    personen = get_user_model().objects.in_bulk(per_persoon)
    zichtbaar = set()
    for persoon_id, ids in per_persoon.items():
        if persoon_id in personen:
            zichtbaar.update(
                zichtbare_hulpvragen(gebruiker=personen[persoon_id], omgeving=omgeving)
                .filter(pk__in=ids)
                .values_list("pk", flat=True)
            )
    return zichtbaar


def _herinner_hulpvraag(hulpvraag_id, vandaag):
    """The reminder of one hulpvraag's termijn, if it is still due; True when written. Runs
    inside the caller's transaction."""
    # NO KEY UPDATE: a second worker skips it, while a new aanpak or status row (which only
    # needs the key) can still be written.
    hulpvraag = (
        Hulpvraag.objects.select_for_update(skip_locked=True, no_key=True, of=("self",))
        .select_related("omgeving", "leerling")
        .filter(pk=hulpvraag_id)
        .first()
    )
    if hulpvraag is None:
        return False  # another worker holds it, or it is gone
    termijn = termijnen_voor(Hulpvraag.objects.filter(pk=hulpvraag_id), vandaag=vandaag).get(
        hulpvraag_id
    )
    if not _te_herinneren(termijn):
        return False
    soort, pagina = HERINNERING_VAN_STAP[termijn.stap]
    if Herinnering.objects.filter(
        soort=soort,
        ontvanger_id=termijn.persoon_id,
        hulpvraag_id=hulpvraag_id,
        overlegronde__isnull=True,
        termijn=termijn.datum,
    ).exists():
        return False
    ontvanger = get_user_model().objects.get(pk=termijn.persoon_id)
    if (
        not zichtbare_hulpvragen(gebruiker=ontvanger, omgeving=hulpvraag.omgeving)
        .filter(pk=hulpvraag_id)
        .exists()
    ):
        return False
    context = {"termijn": termijn.datum}
    if soort == Soort.HERINNERING_AANGEMELD:
        context["aangemeld_op"] = timezone.localdate(hulpvraag.aangemaakt_op)
    _schrijf(
        soort=soort,
        ontvanger=ontvanger,
        hulpvraag=hulpvraag,
        overlegronde=None,
        termijn=termijn.datum,
        pad=reverse(pagina, args=[hulpvraag_id]),
        context=context,
    )
    return True


# --- Overlegrondes: the deelnemers who have not reacted -----------------------------------------


def herinneringsdag(einddatum, termijnen):
    """The first day a deelnemer is reminded of a round: `overleg_herinnering` school days
    before its einddatum; the reminder is due from then until the einddatum itself."""
    return schooldagen_voor(einddatum, termijnen.overleg_herinnering)


def _laatste_einddatum(vandaag, termijnen):
    """The latest einddatum whose reminder day has come today (a round lasts at most two weeks,
    so a few weeks ahead is far enough to look)."""
    laatste = vandaag
    dag = vandaag
    for _ in range(60):
        dag += datetime.timedelta(days=1)
        if herinneringsdag(dag, termijnen) <= vandaag:
            laatste = dag
        else:
            break
    return laatste


def kandidaat_deelnames(omgeving, termijnen, vandaag):
    """Deelnames of the open rounds of an omgeving whose reminder day has come, without a
    reactie of the deelnemer and not reminded for this einddatum: earliest einddatum first.
    Read along the index of open rounds (overlegronde_open)."""
    rondes = Overlegronde.objects.filter(
        omgeving=omgeving,
        gesloten_op__isnull=True,
        einddatum__gte=vandaag,
        einddatum__lte=_laatste_einddatum(vandaag, termijnen),
    )
    return (
        Deelname.objects.filter(overlegronde__in=rondes)
        .filter(
            ~Exists(
                Reactie.objects.filter(
                    overlegronde=OuterRef("overlegronde_id"), auteur=OuterRef("deelnemer_id")
                )
            ),
            ~Exists(
                Herinnering.objects.filter(
                    soort=Soort.HERINNERING_OVERLEG_REAGEREN,
                    overlegronde=OuterRef("overlegronde_id"),
                    ontvanger=OuterRef("deelnemer_id"),
                    termijn=OuterRef("overlegronde__einddatum"),
                )
            ),
        )
        .order_by("overlegronde__einddatum", "pk")
    )


def _herinner_rondes(omgeving, termijnen, vandaag, limiet):
    """(written, candidates read) for the open rounds of one omgeving."""
    ids = list(
        kandidaat_deelnames(omgeving, termijnen, vandaag).values_list("pk", flat=True)[:limiet]
    )
    geschreven = _een_voor_een(
        ids, lambda pk: _herinner_deelnemer(pk, termijnen, vandaag), "deelname"
    )
    return geschreven, len(ids)


def _herinner_deelnemer(deelname_id, termijnen, vandaag):
    """The reminder to react of one deelnemer of one round, if still due; True when written.
    Runs inside the caller's transaction."""
    deelname = (
        Deelname.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related(
            "deelnemer",
            "overlegronde__aangemaakt_door",
            "overlegronde__hulpvraag__omgeving",
            "overlegronde__hulpvraag__leerling",
        )
        .filter(pk=deelname_id)
        .first()
    )
    if deelname is None:
        return False  # another worker holds it, or the deelnemer was taken off the round
    ronde, deelnemer = deelname.overlegronde, deelname.deelnemer
    if not ronde.is_open(vandaag) or herinneringsdag(ronde.einddatum, termijnen) > vandaag:
        return False
    if Reactie.objects.filter(overlegronde=ronde, auteur=deelnemer).exists():
        return False
    if Herinnering.objects.filter(
        soort=Soort.HERINNERING_OVERLEG_REAGEREN,
        ontvanger=deelnemer,
        overlegronde=ronde,
        termijn=ronde.einddatum,
    ).exists():
        return False
    # May still react today: the deelnemer's recht (until the einddatum), as an active member
    # of the omgeving (the request-time check of hulpvragen.toegang).
    if not toegang.met_recht(
        Hulpvraag.objects.filter(pk=ronde.hulpvraag_id), deelnemer, toegang.REACTIE, vandaag
    ).exists():
        return False
    _schrijf(
        soort=Soort.HERINNERING_OVERLEG_REAGEREN,
        ontvanger=deelnemer,
        hulpvraag=ronde.hulpvraag,
        overlegronde=ronde,
        termijn=ronde.einddatum,
        # The round on the tab Overlegronde, as its invitation links to it.
        pad=reverse("overleg:tab", args=[ronde.hulpvraag_id]) + f"#ronde-{ronde.pk}",
        context={
            "regierolhouder_naam": ronde.aangemaakt_door.get_full_name(),
            "overlegronde_titel": ronde.titel,
            "overlegronde_omschrijving": ronde.omschrijving,
            "einddatum": ronde.einddatum,
        },
    )
    return True


# --- Writing ------------------------------------------------------------------------------------


def _schrijf(*, soort, ontvanger, hulpvraag, overlegronde, termijn, pad, context):
    """The Notificatie and its Herinnering, in the caller's transaction. Should another worker
    have written the same Herinnering a moment ago, its unique constraint fails the insert and
    the caller's transaction (the Notificatie with it) is rolled back."""
    notificatie = mail_over_hulpvraag(
        ontvanger=ontvanger, hulpvraag=hulpvraag, soort=soort, pad=pad, **context
    )
    Herinnering.objects.create(
        soort=soort,
        ontvanger=ontvanger,
        hulpvraag=hulpvraag,
        overlegronde=overlegronde,
        termijn=termijn,
        notificatie=notificatie,
    )

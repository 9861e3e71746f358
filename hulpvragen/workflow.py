"""The statuses of a hulpvraag and the one table of which change may follow which, and by whom.

Read it in a minute: every allowed (van, naar) names the recht that makes it possible and the
mail it sends. A change that is not in OVERGANGEN does not exist.
"""

from dataclasses import dataclass

from django.db import models

from notificaties.catalogus import Soort


class Status(models.TextChoices):
    AANGEMELD = "aangemeld", "AANGEMELD"
    GEAGENDEERD = "geagendeerd", "GEAGENDEERD"
    TUSSENTIJDSE_EVALUATIE = "tussentijdse_evaluatie", "TUSSENTIJDSE EVALUATIE"
    RETOUR_NAAR_SCHAKELTEAM = "retour_naar_schakelteam", "RETOUR NAAR SCHAKELTEAM"
    AFGEROND = "afgerond", "AFGEROND"


OPEN = [s for s in Status if s != Status.AFGEROND]

# Who may make a change, as a recht on the hulpvraag (see toegang.py for who holds it):
BEHANDELEN = "wijzig_status"  # coördinator and behandelaar: the middle states
AFRONDEN = "rond_af"  # the school's IB/COO: AFGEROND, and reopening


@dataclass(frozen=True)
class Overgang:
    recht: str
    mail: str | None  # kind of mail to the school's IB/COO, if any
    knop: str  # what the choice is called on screen


def _behandelen(naar):
    mail = Soort.STATUS_GEAGENDEERD if naar == Status.GEAGENDEERD else Soort.STATUS_GEWIJZIGD
    return Overgang(BEHANDELEN, mail, Status(naar).label)


OVERGANGEN = {
    (Status.AANGEMELD, Status.GEAGENDEERD): _behandelen(Status.GEAGENDEERD),
    (Status.GEAGENDEERD, Status.TUSSENTIJDSE_EVALUATIE): _behandelen(Status.TUSSENTIJDSE_EVALUATIE),
    (Status.GEAGENDEERD, Status.RETOUR_NAAR_SCHAKELTEAM): _behandelen(
        Status.RETOUR_NAAR_SCHAKELTEAM
    ),
    (Status.TUSSENTIJDSE_EVALUATIE, Status.GEAGENDEERD): _behandelen(Status.GEAGENDEERD),
    (Status.TUSSENTIJDSE_EVALUATIE, Status.RETOUR_NAAR_SCHAKELTEAM): _behandelen(
        Status.RETOUR_NAAR_SCHAKELTEAM
    ),
    # The schakelteam hands the case to a (new) regierolhouder again.
    (Status.RETOUR_NAAR_SCHAKELTEAM, Status.GEAGENDEERD): _behandelen(Status.GEAGENDEERD),
    # Only the school closes a hulpvraag, once the regierolhouder gave it back (work
    # instruction §7, DESIGN.md §3: RETOUR NAAR SCHAKELTEAM → AFGEROND), and may reopen it.
    (Status.RETOUR_NAAR_SCHAKELTEAM, Status.AFGEROND): Overgang(AFRONDEN, None, "AFGEROND"),
    (Status.AFGEROND, Status.RETOUR_NAAR_SCHAKELTEAM): Overgang(
        AFRONDEN, None, "Heropenen (RETOUR NAAR SCHAKELTEAM)"
    ),
}


def overgang(van, naar):
    """The allowed change from van to naar, or None."""
    return OVERGANGEN.get((Status(van), Status(naar)))


def mogelijke_overgangen(van, rechten):
    """The statuses someone holding `rechten` may choose next, with their Overgang."""
    return [
        (naar, o) for (v, naar), o in OVERGANGEN.items() if v == Status(van) and o.recht in rechten
    ]

"""The table of DESIGN.md §4, written out literally: which rechten each relation gives.

The other access tests read toegang.RECHTEN; this one does not, so an extra recht for a role
(e.g. the school opening an overlegronde) fails here.
"""

import pytest

from hulpvragen import toegang

pytestmark = pytest.mark.django_db

KERN = {"view_hulpvraag", "bekijk_formulieren", "bekijk_aanpak", "voeg_bijlage_toe"}
VERWACHT = {
    # IB/COO of the school: edit, set AFGEROND, read the logboek; no status, no round, no reactie.
    "ib": KERN | {"change_hulpvraag", "rond_af", "bekijk_logboek"},
    # coördinator: edit, middle statuses, open a round, read the logboek.
    "regie": KERN | {"change_hulpvraag", "wijzig_status", "open_overlegronde", "bekijk_logboek"},
    # behandelaar of an aanpak: middle statuses, open a round; no edit, no logboek.
    "regie2": KERN | {"wijzig_status", "open_overlegronde"},
    # deelnemer of a round: see and react, nothing else (no formulieren, no aanpak).
    "extern": {"view_hulpvraag", "plaats_reactie"},
    # another IB/COO of the omgeving: nothing.
    "ib_andere_school": set(),
}


@pytest.mark.parametrize("wie", sorted(VERWACHT))
def test_rechten_per_relatie(request, behandeld, registreer_relatie, maak_lid, po, wie):
    extern = maak_lid(po, "externe_deelnemer")
    registreer_relatie(behandeld, extern)
    toegang.synchroniseer_toegang(behandeld)
    persoon = extern if wie == "extern" else request.getfixturevalue(wie)

    assert set(toegang.rechten_op(persoon, behandeld)) == VERWACHT[wie]

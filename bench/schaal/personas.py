"""What genereer.py and meet.py agree on: the fixed personas and the shape of SCHAAL-GROOT.

The personas live in the omgeving SCHAAL-GROOT, which the generator fills first at every size,
so their hulpvragen get the same ids and the same data in a small and a large database. Their
own pages should then cost the same at both sizes; only the schakelfunctionaris' set grows
(about 800 hulpvragen at 10,000 in total, 29,800 at 1,000,000).

A hulpvraag of SCHAAL-GROOT is known by its position `p` (0-based, in id order):

    p 0-299     the 300 hulpvragen of the IB persona's school (school 0)
    p 300-499   coördinator: the regie persona; the other 29,800 (or 800) the schakel persona
    p 500-599   the regie persona is behandelaar of an aanpak
    p 600-602   each has an open overlegronde with the deelnemer persona
    school 1    its first leerling has VERHUIS_HULPVRAGEN hulpvragen (the beheer moves it)
"""

from django.db import transaction

WACHTWOORD = "schaal-wachtwoord-1"  # noqa: S105 (a bench account in a bench database)
GROOT_CODE = "SCHAAL-GROOT"

IB = "ib@schaal.test"
REGIE = "regie@schaal.test"
DEELNEMER = "deelnemer@schaal.test"
BEHEER = "beheer@schaal.test"
SCHAKEL = "schakel@schaal.test"
# Not a persona that is measured: the beheerder cannot switch their own omgeving on again
# (their lidmaatschap stops counting while it is off), a superuser can.
SUPERUSER = "super@schaal.test"

IB_HULPVRAGEN = range(0, 300)
REGIE_COORDINATOR = range(300, 500)
REGIE_BEHANDELAAR = range(500, 600)
DEELNEMER_RONDES = range(600, 603)
IB_MELDINGEN = 5000
VERHUIS_HULPVRAGEN = 12

HULPVRAGEN_PER_OMGEVING = 5000
HULPVRAGEN_PER_SCHOOL = 100


def aantal_groot(totaal):
    """Hulpvragen in SCHAAL-GROOT: 3% of the total, at least 1,000 and at most 30,000.

    10,000 → 1,000; 100,000 → 3,000; 1,000,000 → 30,000. The floor keeps room for the
    personas' fixed 603 hulpvragen plus a schakelfunctionaris with a real list at small sizes.
    """
    return min(totaal, min(30_000, max(1_000, round(totaal * 0.03))))


def rechten_van(hulpvraag_id):
    """{(gebruiker_id, codename): geldig_tot} as the guardian table holds them now."""
    from hulpvragen.models import HulpvraagRecht

    rijen = HulpvraagRecht.objects.filter(content_object_id=hulpvraag_id).values_list(
        "user_id", "permission__codename", "geldig_tot"
    )
    return {(gebruiker_id, code): tot for gebruiker_id, code, tot in rijen}


def toegang_klopt(hulpvraag):
    """Do the guardian rows of this hulpvraag say what its relations say today? Read-only.

    Asks the project itself: gewenste_rechten where it exists (a plain SELECT, so a worker that
    is recomputing at the same time is never blocked), else synchroniseer_toegang inside a
    transaction that is rolled back, which must find nothing to do.
    """
    from hulpvragen import toegang

    if hasattr(toegang, "gewenste_rechten"):
        return toegang.gewenste_rechten(hulpvraag) == rechten_van(hulpvraag.pk)
    with transaction.atomic():
        verschil = toegang.synchroniseer_toegang(hulpvraag)
        transaction.set_rollback(True)
    return verschil == (0, 0, 0)

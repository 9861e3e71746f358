"""Who may see and do what on a hulpvraag (DESIGN.md §4), in one place.

The relations are the truth: the school's IB/COO, the coördinator, the behandelaar of an
aanpak, and what other apps register as a bron (the deelnemer of an overlegronde). From them
`synchroniseer_toegang_van` recomputes the full set of rechten of a set of hulpvragen in a few
statements over the whole set, and writes only the difference to django-guardian's rows.
Nobody grants or revokes a single recht anywhere else: a person can hold a recht for two
reasons, and only a full recompute removes the right one.

Every read also checks, at request time, that the person is an active member of the
hulpvraag's omgeving and that a temporary recht has not passed its date. So taking access away
never waits for a queue: what a switched-off lidmaatschap, account or omgeving takes away is
refused at once, and the rows follow after the commit (`herbereken_na_commit`). Access that
shrinks while the person stays a member (an IB/COO who leaves one school, a leerling who moves)
is withdrawn in the same transaction.
"""

import logging
from datetime import date

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import DateField, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import timezone

from accounts.models import Lidmaatschap, Rol
from kindkans.wachtrij import na_commit_of_meteen

from .models import Hulpvraag, HulpvraagRecht

logger = logging.getLogger(__name__)

ZIEN = "view_hulpvraag"
WIJZIGEN = "change_hulpvraag"
FORMULIEREN = "bekijk_formulieren"
AANPAK = "bekijk_aanpak"
BIJLAGE_TOEVOEGEN = "voeg_bijlage_toe"
STATUS = "wijzig_status"
AFRONDEN = "rond_af"
OVERLEGRONDE = "open_overlegronde"
REACTIE = "plaats_reactie"
LOGBOEK = "bekijk_logboek"

_KERN = {ZIEN, FORMULIEREN, AANPAK, BIJLAGE_TOEVOEGEN}

# relation → rechten (the columns of the table in DESIGN.md §4)
RECHTEN = {
    "school": _KERN | {WIJZIGEN, AFRONDEN, LOGBOEK},
    "coordinator": _KERN | {WIJZIGEN, STATUS, OVERLEGRONDE, LOGBOEK},
    "behandelaar": _KERN | {STATUS, OVERLEGRONDE},
    "deelnemer": {ZIEN, REACTIE},
}
ALLE_RECHTEN = set().union(*RECHTEN.values())


# --- The relations ------------------------------------------------------------------------------
#
# A relation is a queryset of (hulpvraag_id, gebruiker_id, geldig_tot) rows over a set of
# hulpvragen, optionally for one person; geldig_tot (inclusive) is None while it lasts.


def zonder_einde(rijen):
    """Annotate a lasting relation's missing end, so it has the three columns of a relation."""
    return rijen.annotate(_geldig_tot=Cast(Value(None), output_field=DateField()))


def _school(hulpvragen, gebruiker_id):
    lid = "leerling__school__lidmaatschappen__"
    # One filter() call, so every condition is on the same lidmaatschap.
    voorwaarden = {
        f"{lid}rol": Rol.IB_COO,
        f"{lid}actief": True,
        f"{lid}omgeving_id": F("omgeving_id"),
    }
    if gebruiker_id is not None:
        voorwaarden[f"{lid}gebruiker_id"] = gebruiker_id
    rijen = Hulpvraag.objects.filter(pk__in=hulpvragen.values("pk"), **voorwaarden)
    return zonder_einde(rijen).values_list(
        "pk", "leerling__school__lidmaatschappen__gebruiker_id", "_geldig_tot"
    )


def _coordinator(hulpvragen, gebruiker_id):
    rijen = Hulpvraag.objects.filter(pk__in=hulpvragen.values("pk"))
    if gebruiker_id is not None:
        rijen = rijen.filter(coordinator_id=gebruiker_id)
    return zonder_einde(rijen).values_list("pk", "coordinator_id", "_geldig_tot")


def _behandelaar(hulpvragen, gebruiker_id):
    from .models import Aanpak

    rijen = Aanpak.objects.filter(hulpvraag__in=hulpvragen.values("pk"))
    if gebruiker_id is not None:
        rijen = rijen.filter(behandelaar_id=gebruiker_id)
    return zonder_einde(rijen).values_list("hulpvraag_id", "behandelaar_id", "_geldig_tot")


_bronnen = [("school", _school), ("coordinator", _coordinator), ("behandelaar", _behandelaar)]


def registreer_bron(soort, relaties):
    """Another app adds a relation: `relaties(hulpvragen, gebruiker_id)` returns a queryset of
    (hulpvraag_id, gebruiker_id, geldig_tot) over a Hulpvraag queryset, for one person when
    gebruiker_id is given; `soort` is a key of RECHTEN."""
    if (soort, relaties) not in _bronnen:
        _bronnen.append((soort, relaties))


# --- The recompute ------------------------------------------------------------------------------


def _permissie_ids():
    content_type = ContentType.objects.get_for_model(Hulpvraag)
    return dict(
        Permission.objects.filter(content_type=content_type, codename__in=ALLE_RECHTEN).values_list(
            "codename", "pk"
        )
    )


def permissie_id(recht):
    """The id of one of the rechten; read once per process (migrate makes them, once)."""
    global _ids
    if _ids is None or recht not in _ids:
        _ids = _permissie_ids()
    return _ids[recht]


_ids = None


@receiver(post_migrate)
def vergeet_permissie_ids(**kwargs):
    # A flush (tests) or a new database makes the permissions anew, with other ids.
    global _ids
    _ids = None


def _sql(queryset):
    # Without the models' default ordering: a set needs no ORDER BY (Lidmaatschap's would join
    # omgeving and gebruiker just to sort).
    return queryset.order_by().query.sql_with_params()


def _gewenst(hulpvragen, gebruiker_id, vandaag):
    """`WITH … gewenst(hulpvraag_id, gebruiker_id, permission_id, geldig_tot)` as SQL + params:
    the rows the relations ask for today, for members of the hulpvraag's omgeving only."""
    permissie = Permission._meta.db_table
    ctes, delen, params, delen_params = [], [], [], []
    for i, (soort, relaties) in enumerate(_bronnen):
        try:
            sql, bron_params = _sql(relaties(hulpvragen, gebruiker_id))
        except EmptyResultSet:
            continue
        ctes.append(f"b{i}(hulpvraag_id, gebruiker_id, geldig_tot) AS ({sql})")
        params.extend(bron_params)
        ids = [permissie_id(recht) for recht in sorted(RECHTEN[soort])]
        delen.append(
            f"SELECT b.hulpvraag_id, b.gebruiker_id, p.id AS permission_id, b.geldig_tot "
            f"FROM b{i} b, {permissie} p WHERE p.id IN ({', '.join(['%s'] * len(ids))})"
        )
        delen_params.extend(ids)
    lid, lid_params = _sql(Lidmaatschap.objects.actief().values("gebruiker_id", "omgeving_id"))
    params.extend(delen_params)
    params.extend(lid_params)
    params.append(connection.ops.adapt_datefield_value(vandaag))
    hulpvraag = Hulpvraag._meta.db_table
    ctes.append(f"relatie AS ({' UNION ALL '.join(delen)})")
    ctes.append(f"lid(gebruiker_id, omgeving_id) AS ({lid})")
    ctes.append(
        "gewenst AS ("
        "SELECT r.hulpvraag_id, r.gebruiker_id, r.permission_id, "
        # A lasting reason (no end) wins over a temporary one; else the latest end counts.
        "CASE WHEN COUNT(*) > COUNT(r.geldig_tot) THEN NULL ELSE MAX(r.geldig_tot) END "
        "AS geldig_tot "
        f"FROM relatie r JOIN {hulpvraag} h ON h.id = r.hulpvraag_id "
        "WHERE (r.geldig_tot IS NULL OR r.geldig_tot >= %s) AND EXISTS (SELECT 1 FROM lid "
        "WHERE lid.gebruiker_id = r.gebruiker_id AND lid.omgeving_id = h.omgeving_id) "
        "GROUP BY r.hulpvraag_id, r.gebruiker_id, r.permission_id)"
    )
    return "WITH " + ", ".join(ctes), params


def _bereik(hulpvragen, gebruiker_id):
    """WHERE on the guardian table for the rows this recompute owns."""
    sql, params = _sql(hulpvragen.values("pk"))
    waar = f"content_object_id IN ({sql})"
    if gebruiker_id is not None:
        waar += " AND user_id = %s"
        params = (*params, gebruiker_id)
    return waar, list(params)


_ZELFDE = (
    "g.hulpvraag_id = {t}.content_object_id AND g.gebruiker_id = {t}.user_id "
    "AND g.permission_id = {t}.permission_id"
)


@transaction.atomic
def synchroniseer_toegang_van(hulpvragen, gebruiker_id=None, vandaag=None, alleen_intrekken=False):
    """Recompute the rechten on a set of hulpvragen (a queryset) from their relations, for
    everyone or for one person, and write the difference in three statements.

    `alleen_intrekken` only removes and shortens what the relations no longer give: the part
    that may not wait. Returns (toegevoegd, verwijderd, gewijzigd) row counts.
    """
    vandaag = vandaag or timezone.localdate()
    tabel = HulpvraagRecht._meta.db_table
    zelfde = _ZELFDE.format(t=tabel)
    verschilt = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    met, met_params = _gewenst(hulpvragen, gebruiker_id, vandaag)
    bereik, bereik_params = _bereik(hulpvragen, gebruiker_id)
    with connection.cursor() as cursor:
        verwijderd = _aantal(
            cursor,
            f"{met} DELETE FROM {tabel} WHERE {bereik} "
            f"AND NOT EXISTS (SELECT 1 FROM gewenst g WHERE {zelfde})",
            met_params + bereik_params,
        )
        gewijzigd = _aantal(
            cursor,
            f"{met} UPDATE {tabel} SET geldig_tot = "
            f"(SELECT g.geldig_tot FROM gewenst g WHERE {zelfde}) WHERE {bereik} "
            f"AND EXISTS (SELECT 1 FROM gewenst g WHERE {zelfde} "
            f"AND g.geldig_tot {verschilt} {tabel}.geldig_tot)",
            met_params + bereik_params,
        )
        toegevoegd = 0
        if not alleen_intrekken:
            toegevoegd = _aantal(
                cursor,
                f"{met} INSERT INTO {tabel} (user_id, permission_id, content_object_id, "
                "geldig_tot) SELECT g.gebruiker_id, g.permission_id, g.hulpvraag_id, "
                f"g.geldig_tot FROM gewenst g WHERE NOT EXISTS "
                f"(SELECT 1 FROM {tabel} WHERE {zelfde}) ON CONFLICT DO NOTHING",
                met_params,
            )
    return toegevoegd, verwijderd, gewijzigd


def _aantal(cursor, sql, params):
    """Run a statement and return the rows it changed (SQLite's driver does not count a
    statement that starts with WITH, so ask SQLite itself)."""
    cursor.execute(sql, params)
    if cursor.rowcount >= 0:
        return cursor.rowcount
    cursor.execute("SELECT changes()")
    return cursor.fetchone()[0]


def synchroniseer_toegang(hulpvraag, vandaag=None):
    """Recompute the rechten of one hulpvraag; returns (toegevoegd, verwijderd, gewijzigd)."""
    return synchroniseer_toegang_van(Hulpvraag.objects.filter(pk=hulpvraag.pk), vandaag=vandaag)


def gewenste_rechten(hulpvraag, vandaag=None):
    """{(gebruiker_id, recht): geldig_tot} as the relations say today (for checks and admin)."""
    vandaag = vandaag or timezone.localdate()
    met, params = _gewenst(Hulpvraag.objects.filter(pk=hulpvraag.pk), None, vandaag)
    codes = {pk: code for code, pk in _permissie_ids().items()}
    with connection.cursor() as cursor:
        cursor.execute(f"{met} SELECT gebruiker_id, permission_id, geldig_tot FROM gewenst", params)
        return {
            (gebruiker_id, codes[permission]): _als_datum(tot)
            for gebruiker_id, permission, tot in cursor.fetchall()
        }


def _als_datum(waarde):
    return date.fromisoformat(waarde) if isinstance(waarde, str) else waarde


# --- What changed outside hulpvragen ------------------------------------------------------------


def is_lid(gebruiker_id, omgeving_id):
    return (
        Lidmaatschap.objects.actief().filter(gebruiker_id=gebruiker_id, omgeving_id=omgeving_id)
    ).exists()


def lidmaatschap_gewijzigd(gebruiker_id, voor, na):
    """A lidmaatschap was made, changed or removed; `voor`/`na` are its (omgeving_id,
    organisatie_id, rol, actief) before and after (None when it did not / no longer exists)."""
    if voor == na:
        return
    if voor is not None and voor[2] == Rol.IB_COO and voor[3]:
        omgeving_id, organisatie_id = voor[0], voor[1]
        if is_lid(gebruiker_id, omgeving_id):
            # Still a member through another lidmaatschap: the old school's hulpvragen go now.
            synchroniseer_toegang_van(
                Hulpvraag.objects.filter(
                    omgeving_id=omgeving_id, leerling__school_id=organisatie_id
                ),
                gebruiker_id=gebruiker_id,
                alleen_intrekken=True,
            )
        # Otherwise the person no longer enters the omgeving: every read refuses at once.
    for omgeving_id in {feit[0] for feit in (voor, na) if feit is not None}:
        herbereken_na_commit(omgeving_id=omgeving_id, gebruiker_id=gebruiker_id)


def herbereken_na_commit(*, omgeving_id, gebruiker_id=None):
    """Recompute the rows of an omgeving (for one person or everyone) after this transaction,
    in a Celery task; inline when the queue cannot be reached, so nothing is lost."""
    from .tasks import herbereken_toegang

    na_commit_of_meteen(herbereken_toegang, omgeving_id, gebruiker_id)


def herbereken(*, omgeving_id, gebruiker_id=None):
    return synchroniseer_toegang_van(
        Hulpvraag.objects.filter(omgeving_id=omgeving_id), gebruiker_id=gebruiker_id
    )


# --- Reading: the request-time check ------------------------------------------------------------


def _geldig(vandaag):
    return Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=vandaag)


def _lid_van(gebruiker, omgeving_id):
    leden = Lidmaatschap.objects.actief()
    return Exists(leden.filter(gebruiker=gebruiker, omgeving_id=omgeving_id))


def rechten_op(gebruiker, hulpvraag, vandaag=None):
    """The rechten this person holds on this hulpvraag today: none once expired, and none while
    the person is not an active member of its omgeving (before the rows caught up)."""
    if not gebruiker.is_authenticated:
        return frozenset()
    vandaag = vandaag or timezone.localdate()
    return frozenset(
        HulpvraagRecht.objects.filter(user=gebruiker, content_object=hulpvraag)
        .filter(_geldig(vandaag), _lid_van(gebruiker, hulpvraag.omgeving_id))
        .values_list("permission__codename", flat=True)
    )


def kijkt_alleen_mee(rechten):
    """Rechten of someone who looks in from outside the team (an invited deelnemer): they see
    the hulpvraag but not its aanpak. The team sees every round; they only their own, and the
    header tells them until when."""
    return AANPAK not in rechten


def geldig_tot(gebruiker, hulpvraag, recht):
    """The last day this person holds `recht` on this hulpvraag (None: no end, or no recht).
    For a deelnemer the sync sets it to the last einddatum of her open rounds: until when she
    may look in."""
    return (
        HulpvraagRecht.objects.filter(
            user=gebruiker, content_object=hulpvraag, permission_id=permissie_id(recht)
        )
        .values_list("geldig_tot", flat=True)
        .first()
    )


def met_recht(queryset, gebruiker, recht, vandaag=None, via="", omgeving_veld=None, per_rij=False):
    """Limit a queryset of hulpvragen (or of rows that point at one through `via`, e.g.
    "hulpvraag__") to those where this person holds `recht` today, in an omgeving where the
    person is an active member (`omgeving_veld`: the row's own copy of its omgeving, if any).

    Normally an uncorrelated IN over the person's own rows (read once, index-only on (user,
    permission, content_object) INCLUDE geldig_tot), as guardian's get_objects_for_user does.
    `per_rij` checks each row with one index probe instead, for a list read in the order of
    its own index that stops after a page: PostgreSQL cannot turn that check into a join whose
    size it misjudges (it judged a schakelfunctionaris's 30,000 hulpvragen to be 100).
    """
    vandaag = vandaag or timezone.localdate()
    omgeving_veld = omgeving_veld or f"{via}omgeving"
    omgevingen = Lidmaatschap.objects.actief().filter(gebruiker=gebruiker).values("omgeving_id")
    rechten = HulpvraagRecht.objects.filter(
        _geldig(vandaag), user=gebruiker, permission_id=permissie_id(recht)
    )
    lid = {f"{omgeving_veld}__in": omgevingen.order_by()}
    if per_rij:
        # The omgevingen stay one small uncorrelated IN, read once.
        recht_van_rij = rechten.filter(content_object_id=OuterRef(f"{via}pk")).values("pk")[:1]
        return queryset.alias(_recht=Subquery(recht_van_rij)).filter(_recht__isnull=False, **lid)
    return queryset.filter(**{f"{via}pk__in": rechten.values("content_object_id")}, **lid)


def ziet_veel(gebruiker, recht, drempel, vandaag=None):
    """Does this person hold `recht` on more than `drempel` hulpvragen (any omgeving)? One
    index-only read of at most drempel + 1 of the person's own rows. A list then checks its
    rows one by one (met_recht's `per_rij`) while walking its own index, instead of joining
    everything the person may see."""
    vandaag = vandaag or timezone.localdate()
    rechten = HulpvraagRecht.objects.filter(
        _geldig(vandaag), user=gebruiker, permission_id=permissie_id(recht)
    )
    return rechten.order_by()[drempel : drempel + 1].exists()


def ruim_verlopen_rechten_op(vandaag=None):
    """Remove every recht whose geldig_tot has passed, in one statement over all hulpvragen.

    This is what a recompute of each affected hulpvraag would do: a row only carries a
    geldig_tot when all its reasons are temporary (a lasting one makes it None, and a later
    temporary one moves it on), so after that date no reason is left. Requests already refuse
    such a row (rechten_op, met_recht); this sweep makes the guardian rows agree. A partial
    index on the rows with a geldig_tot keeps it cheap when nothing expired.
    """
    vandaag = vandaag or timezone.localdate()
    aantal, _ = HulpvraagRecht.objects.filter(
        geldig_tot__isnull=False, geldig_tot__lt=vandaag
    ).delete()
    return aantal

"""Scale bench, part 1: fill a database with N hulpvragen in a realistic shape.

Drops and creates the database (only names starting with kindkans_schaal_), runs migrate,
then loads everything with set-based SQL (COPY for the few thousand people and organisaties,
INSERT … SELECT over generate_series for the rest), with the big tables' secondary indexes and
foreign keys dropped during the load and recreated afterwards from their own definitions. The
access rows are then computed by the project itself (hulpvragen.toegang), per omgeving, with
the guardian table's indexes but the one on content_object_id set aside meanwhile, and a random
sample of 200 hulpvragen is checked to need no change.

Shape (see personas.py for the fixed personas in SCHAAL-GROOT):
  - SCHAAL-GROOT holds min(30,000, max(1,000, 3% of N)) hulpvragen: 1,000 at 10k, 30,000 at 1M;
  - the rest in omgevingen of about 5,000 hulpvragen (194 at 1M), schools of about 100;
  - per omgeving CJG, SMW, TJG, SWV and an organisatie of external partners, an IB/COO per
    school (a COO as well at every other school), a schakelfunctionaris, 10 regierolhouders,
    20 externe deelnemers and a beheerder;
  - leerlingen (one in four has two hulpvragen), statuses with their StatusWijziging history,
    aanpakken, overlegrondes (open and ended) with deelnames and reacties, formulieren (~1.3
    per hulpvraag, ~2 KB of values), notificaties (~5 per hulpvraag, 85% read), logboek rows;
  - ouders (1 or 2 per leerling), toestemmingen (aanmelding on ~80%, delen on ~30% of the
    hulpvragen), uitnodigingen to parents (~11%), zienswijzen (~5%), stem van de leerling (30%).

    .venv/bin/python bench/schaal/genereer.py --hulpvragen 10000 --database kindkans_schaal_klein
    .venv/bin/python bench/schaal/genereer.py --hulpvragen 1000000 \
        --database kindkans_schaal_groot    # by hand: 13 minutes and 18 GB here (2 cores)

All accounts have the password "schaal-wachtwoord-1".
"""

# ruff: noqa: S608 -- the SQL is composed from this file's own table names and fragments;
# every value goes in as a parameter.

import argparse
import io
import json
import os
import random
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.schaal import teksten  # noqa: E402
from bench.schaal.personas import (  # noqa: E402
    BEHEER,
    DEELNEMER,
    DEELNEMER_RONDES,
    GROOT_CODE,
    HULPVRAGEN_PER_OMGEVING,
    HULPVRAGEN_PER_SCHOOL,
    IB,
    IB_HULPVRAGEN,
    IB_MELDINGEN,
    REGIE,
    REGIE_BEHANDELAAR,
    REGIE_COORDINATOR,
    SCHAKEL,
    SUPERUSER,
    VERHUIS_HULPVRAGEN,
    WACHTWOORD,
    aantal_groot,
    toegang_klopt,
)

SERVER = "postgres://postgres@127.0.0.1:5432"
VOORVOEGSEL = "kindkans_schaal_"


def lees_argumenten():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hulpvragen", type=int, required=True)
    parser.add_argument("--database", required=True, help=f"begint met {VOORVOEGSEL}")
    parser.add_argument("--server", default=SERVER, help=f"zonder databasenaam ({SERVER})")
    argumenten = parser.parse_args()
    if not argumenten.database.startswith(VOORVOEGSEL):
        parser.error(f"de database moet met {VOORVOEGSEL} beginnen")
    if argumenten.hulpvragen < 1000:
        parser.error("minstens 1000 hulpvragen (SCHAAL-GROOT heeft er al 1000)")
    return argumenten


ARGUMENTEN = lees_argumenten() if __name__ == "__main__" else None
if ARGUMENTEN is not None:
    os.environ["DATABASE_URL"] = f"{ARGUMENTEN.server}/{ARGUMENTEN.database}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindkans.settings")

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.models import Gebruiker, Omgeving, Rol  # noqa: E402
from accounts.services import werk_beheer_toegang_bij  # noqa: E402
from formulieren.models import Formulier, FormulierDefinitie  # noqa: E402
from formulieren.services import installeer_standaardformulieren  # noqa: E402
from formulieren.standaard import BETROKKENHEID, TEAM_SCHOOLONDERSTEUNING  # noqa: E402
from hulpvragen import toegang  # noqa: E402
from hulpvragen.models import Hulpvraag  # noqa: E402
from ouders.models import Toestemmingssoort  # noqa: E402

# The tables that grow with the number of hulpvragen: loaded without secondary indexes and
# foreign keys.
GROTE_TABELLEN = [
    "leerlingen_leerling",
    "hulpvragen_hulpvraag",
    "hulpvragen_statuswijziging",
    "hulpvragen_aanpak",
    "overleg_overlegronde",
    "overleg_deelname",
    "overleg_reactie",
    "formulieren_formulier",
    "formulieren_formulierwijziging",
    "notificaties_notificatie",
    "logboek_logregel",
    "ouders_ouder",
    "ouders_toestemming",
    "ouders_uitnodiging",
    "ouders_uitnodiging_soorten",
    "ouders_zienswijze",
    "ouders_stemvandeleerling",
]
# Every table with an id, whose identity sequence must follow the explicit ids loaded.
TABELLEN_MET_ID = [
    "accounts_omgeving",
    "accounts_organisatie",
    "accounts_gebruiker",
    "accounts_lidmaatschap",
    *GROTE_TABELLEN,
]
RECHTEN = "hulpvragen_hulpvraagrecht"
OPBOUW = "schaal_opbouw"  # a schema for the plan and helper functions, dropped at the end


# --- The plan: omgevingen, schools and people, decided in Python ------------------------------


def verdeel(totaal, delen):
    """`totaal` split into `delen` nearly equal whole parts."""
    if totaal <= 0:
        return []
    delen = max(1, delen)
    return [totaal // delen + (1 if i < totaal % delen else 0) for i in range(delen)]


@dataclass
class School:
    id: int
    positie: int
    aantal_hv: int
    eerste_hv: int
    eerste_ll: int
    ib_id: int = 0
    coo_id: int | None = None

    @property
    def aantal_ll(self):
        # One in four leerlingen has a second hulpvraag.
        return max(1, -(-self.aantal_hv * 4 // 5))


@dataclass
class OmgevingPlan:
    id: int
    code: str
    naam: str
    sector: str
    eerste_hv: int
    scholen: list = field(default_factory=list)
    organisaties: dict = field(default_factory=dict)  # soort → id
    beheerder_id: int = 0
    schakel_id: int = 0
    regie_ids: list = field(default_factory=list)
    extern_ids: list = field(default_factory=list)
    def_tso: int = 0
    def_betr: int = 0

    @property
    def is_groot(self):
        return self.code == GROOT_CODE

    @property
    def aantal_hv(self):
        return sum(school.aantal_hv for school in self.scholen)


@dataclass
class Plan:
    omgevingen: list = field(default_factory=list)
    organisaties: list = field(default_factory=list)  # (id, naam, soort, brin, omgeving_id)
    gebruikers: list = field(default_factory=list)  # (id, email, voornaam, achternaam, super)
    lidmaatschappen: list = field(default_factory=list)  # (gebruiker, omgeving, org, rol)
    personas: dict = field(default_factory=dict)  # e-mail → id


class Teller:
    def __init__(self):
        self.volgende = 1

    def __call__(self, aantal=1):
        eerste = self.volgende
        self.volgende += aantal
        return eerste


def maak_plan(totaal):
    groot = aantal_groot(totaal)
    rest = totaal - groot
    overige = verdeel(rest, round(rest / HULPVRAGEN_PER_OMGEVING) or 1)
    plan = Plan()
    hv, ll, org, gebruiker = Teller(), Teller(), Teller(), Teller()
    for i, aantal in enumerate([groot, *overige]):
        omgeving = OmgevingPlan(
            id=i + 1,
            code=GROOT_CODE if i == 0 else f"SCH{i:04d}",
            naam="Schaal Groot" if i == 0 else f"Schaalregio {i:04d}",
            sector="PO" if i % 3 else "VO",
            eerste_hv=hv.volgende,
        )
        eigen = len(IB_HULPVRAGEN) if i == 0 else 0  # the IB persona's school comes first
        groottes = verdeel(aantal - eigen, round((aantal - eigen) / HULPVRAGEN_PER_SCHOOL))
        if eigen:
            groottes.insert(0, eigen)
        for positie, grootte in enumerate(groottes):
            school = School(org(), positie, grootte, hv(grootte), ll.volgende)
            ll(school.aantal_ll)
            omgeving.scholen.append(school)
        plan_organisaties(plan, omgeving, org)
        plan_mensen(plan, omgeving, gebruiker)
        plan.omgevingen.append(omgeving)
    return plan


def plan_organisaties(plan, omgeving, org):
    soort_school = "Basisschool" if omgeving.sector == "PO" else "Scholengemeenschap"
    for school in omgeving.scholen:
        naam = teksten.SCHOOLNAMEN[school.positie % len(teksten.SCHOOLNAMEN)]
        # Two digits and two letters, unique within the omgeving (up to 2,600 schools).
        brin = f"{school.positie % 100:02d}{chr(65 + school.positie // 100 % 26)}X"
        plan.organisaties.append(
            (school.id, f"{soort_school} {naam} {school.positie + 1}", "school", brin, omgeving.id)
        )
    for soort, naam in [
        ("cjg", "CJG"),
        ("smw", "Schoolmaatschappelijk werk"),
        ("tjg", "Team Jeugd en Gezin"),
        ("swv", "Samenwerkingsverband"),
        ("overig", "Externe partners"),
    ]:
        omgeving.organisaties[soort] = org()
        plan.organisaties.append(
            (omgeving.organisaties[soort], f"{naam} {omgeving.naam}", soort, "", omgeving.id)
        )


def plan_mensen(plan, omgeving, gebruiker):
    """The people of one omgeving; in SCHAAL-GROOT the personas take the first places."""
    groot = omgeving.is_groot

    def lid(persona, organisatie, rol, prefix, superuser=False):
        """A person (a persona when `persona` is its e-mail) with a lidmaatschap unless `rol`
        is None; `organisatie` is an id or a soort of instelling of this omgeving."""
        nummer = gebruiker()
        if persona:
            plan.personas[persona] = nummer
        voornaam = teksten.VOORNAMEN[nummer % len(teksten.VOORNAMEN)]
        achternaam = teksten.ACHTERNAMEN[nummer * 7 % len(teksten.ACHTERNAMEN)]
        email = persona or f"{prefix}.{nummer}@schaal.test"
        plan.gebruikers.append((nummer, email, voornaam, achternaam, superuser))
        if rol is not None:
            organisatie = omgeving.organisaties.get(organisatie, organisatie)
            plan.lidmaatschappen.append((nummer, omgeving.id, organisatie, rol))
        return nummer

    omgeving.beheerder_id = lid(groot and BEHEER, "swv", Rol.BEHEERDER, "beheer")
    omgeving.schakel_id = lid(groot and SCHAKEL, "swv", Rol.SCHAKELFUNCTIONARIS_VERBINDING, "sf")
    instellingen = ["cjg", "smw", "tjg", "swv"]
    omgeving.regie_ids = [
        lid(groot and i == 0 and REGIE, instellingen[i % 4], Rol.REGIEROLHOUDER, "regie")
        for i in range(10)
    ]
    omgeving.extern_ids = [lid(None, "overig", Rol.EXTERNE_DEELNEMER, "extern") for _ in range(20)]
    for school in omgeving.scholen:
        eerste = groot and school.positie == 0
        school.ib_id = lid(eerste and IB, school.id, Rol.IB_COO, "ib")
        if school.positie % 2 == 0:
            school.coo_id = lid(None, school.id, Rol.IB_COO, "coo")
    if groot:
        lid(DEELNEMER, "overig", Rol.EXTERNE_DEELNEMER, "")
        lid(SUPERUSER, None, None, "", superuser=True)


# --- Database helpers ----------------------------------------------------------------------


def maak_database_opnieuw(server, naam):
    beheer = psycopg2.connect(f"{server}/postgres")
    beheer.autocommit = True
    with beheer.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{naam}"')
    beheer.close()


def sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def rijen(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def kopieer(tabel, kolommen, data):
    """COPY rows into a table; `kolommen` as in SQL (csv: None is NULL, '' an empty string)."""

    def veld(waarde):
        if waarde is None:
            return ""
        if isinstance(waarde, bool | int):
            return str(waarde)
        return '"' + str(waarde).replace('"', '""') + '"'

    buffer = io.StringIO("".join(",".join(map(veld, rij)) + "\n" for rij in data))
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {tabel} ({kolommen}) FROM STDIN WITH (FORMAT csv)", buffer)


TIJDEN = {}


@contextmanager
def fase(naam):
    begin = time.perf_counter()
    print(f"  {naam} …", end="", flush=True)
    yield
    TIJDEN[naam] = time.perf_counter() - begin
    print(f" {TIJDEN[naam]:.1f} s", flush=True)


def verwijder_indexen(tabellen, behoud=""):
    """Drop the secondary indexes, unique and foreign-key constraints of these tables; return
    the statements that recreate them (indexes and unique constraints before foreign keys).

    An index whose definition contains `behoud` (e.g. "(content_object_id)") stays.
    """
    beperkingen = rijen(
        """
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype
        FROM pg_constraint c
        WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('u', 'f')
        """,
        [tabellen],
    )
    indexen = rijen(
        """
        SELECT i.tablename, i.indexname, i.indexdef
        FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                          WHERE c.conindid = (quote_ident(i.indexname))::regclass)
        """,
        [tabellen],
    )
    indexen = [index for index in indexen if not (behoud and behoud in index[2])]
    terug = [definitie for _, _, definitie in indexen]
    terug += [
        f'ALTER TABLE {tabel} ADD CONSTRAINT "{naam}" {definitie}'
        for tabel, naam, definitie, soort in sorted(beperkingen, key=lambda b: b[3] == "f")
    ]
    for tabel, naam, _, _ in beperkingen:
        sql(f'ALTER TABLE {tabel} DROP CONSTRAINT "{naam}"')
    for _, naam, _ in indexen:
        sql(f'DROP INDEX "{naam}"')
    print(f" ({len(indexen)} indexen, {len(beperkingen)} constraints)", end="")
    return terug


def zet_reeksen_goed():
    for tabel in TABELLEN_MET_ID:
        sql(
            f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {tabel}), false)"
        )


# --- Structure: omgevingen, organisaties, people -------------------------------------------


def laad_structuur(plan):
    Omgeving.objects.bulk_create(
        Omgeving(id=o.id, code=o.code, naam=o.naam, sector=o.sector) for o in plan.omgevingen
    )
    for omgeving in Omgeving.objects.all():
        installeer_standaardformulieren(omgeving)
    definities = {
        (omgeving_id, naam): pk
        for pk, omgeving_id, naam in FormulierDefinitie.objects.values_list(
            "pk", "omgeving_id", "naam"
        )
    }
    for omgeving in plan.omgevingen:
        omgeving.def_tso = definities[(omgeving.id, TEAM_SCHOOLONDERSTEUNING)]
        omgeving.def_betr = definities[(omgeving.id, BETROKKENHEID)]
    kopieer("accounts_organisatie", "id, naam, soort, brin, omgeving_id", plan.organisaties)
    wachtwoord = make_password(WACHTWOORD)
    kopieer(
        "accounts_gebruiker",
        "id, password, is_superuser, email, voornaam, achternaam, is_active, is_staff, "
        "date_joined, sessie_versie, meldingen_per_mail, overzicht_uur",
        (
            (nummer, wachtwoord, superuser, email, voornaam, achternaam, True, superuser)
            + ("2023-08-01 08:00+02", 0, "direct", 7)
            for nummer, email, voornaam, achternaam, superuser in plan.gebruikers
        ),
    )
    kopieer(
        "accounts_lidmaatschap",
        "gebruiker_id, omgeving_id, organisatie_id, rol, actief, aangemaakt_op",
        (lid + (True, "2023-08-01 08:00+02") for lid in plan.lidmaatschappen),
    )
    # Admin access follows the beheerder lidmaatschap, as the project derives it.
    for gebruiker in Gebruiker.objects.filter(lidmaatschappen__rol=Rol.BEHEERDER):
        werk_beheer_toegang_bij(gebruiker=gebruiker)
    laad_schoolplan(plan)


def schoolrij(o, s):
    def lijst(ids):
        return "{" + ",".join(map(str, ids)) + "}"

    veel = VERHUIS_HULPVRAGEN if o.is_groot and s.positie == 1 else 0
    return (
        (s.id, o.id, o.is_groot, o.code, o.sector, s.positie, s.eerste_hv, o.eerste_hv)
        + (s.aantal_hv, s.eerste_ll, s.aantal_ll, veel, s.ib_id, s.coo_id, o.schakel_id)
        + (lijst(o.regie_ids), lijst(o.extern_ids), o.def_tso, o.def_betr)
    )


def laad_schoolplan(plan):
    """The plan per school as a table, for the SQL that follows."""
    sql(f"DROP SCHEMA IF EXISTS {OPBOUW} CASCADE")
    sql(f"CREATE SCHEMA {OPBOUW}")
    sql(
        f"""
        CREATE TABLE {OPBOUW}.school (
            school_id bigint PRIMARY KEY, omgeving_id bigint, is_groot boolean, code text,
            sector text, positie int, eerste_hv bigint, eerste_hv_omgeving bigint,
            aantal_hv int, eerste_ll bigint, aantal_ll int, veel int, ib_id bigint,
            coo_id bigint, schakel_id bigint, regie bigint[], extern bigint[],
            def_tso bigint, def_betr bigint)
        """
    )
    kopieer(
        f"{OPBOUW}.school",
        "school_id, omgeving_id, is_groot, code, sector, positie, eerste_hv, eerste_hv_omgeving, "
        "aantal_hv, eerste_ll, aantal_ll, veel, ib_id, coo_id, schakel_id, regie, extern, "
        "def_tso, def_betr",
        (schoolrij(o, s) for o in plan.omgevingen for s in o.scholen),
    )
    # A number 0-999 from a row's id and a salt: the dice of every choice below.
    sql(
        f"""
        CREATE FUNCTION {OPBOUW}.kans(i bigint, zout bigint) RETURNS int
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT (((hashint8extended(i, zout) % 1000) + 1000) % 1000)::int $$
        """
    )
    sql(
        f"""
        CREATE FUNCTION {OPBOUW}.kies(lijst text[], i bigint, zout bigint) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT lijst[1 + (((hashint8extended(i, zout) % cardinality(lijst))
                                  + cardinality(lijst)) % cardinality(lijst))] $$
        """
    )


# --- The big tables, in SQL ------------------------------------------------------------------


def kies(lijst, rij, zout):
    """SQL that picks from a text list of teksten.py by a hash of `rij` (an SQL expression)."""
    return f"{OPBOUW}.kies(%({lijst})s::text[], {rij}, {zout})"


def kans(rij, zout):
    return f"{OPBOUW}.kans({rij}, {zout})"


LIJSTEN = {naam: waarde for naam, waarde in vars(teksten).items() if naam.isupper()}


def uitvoeren(statement, **extra):
    return sql(statement, {**LIJSTEN, **extra})


def laad_leerlingen():
    return uitvoeren(
        f"""
        INSERT INTO leerlingen_leerling (id, voornaam, tussenvoegsel, achternaam, geboortedatum,
            straat_huisnummer, postcode, woonplaats, telefoon_ouder_1, telefoon_ouder_2,
            groep_leerjaar, gecontroleerd_op, gecontroleerd_door_id, aangemaakt_op,
            gewijzigd_op, school_id, omgeving_id)
        SELECT l.id, {kies("VOORNAMEN", "l.id", 1)}, {kies("TUSSENVOEGSELS", "l.id", 2)},
            {kies("ACHTERNAMEN", "l.id", 3)},
            CASE WHEN s.sector = 'PO' THEN date '2012-09-01' + {kans("l.id", 4)} * 3
                ELSE date '2008-09-01' + {kans("l.id", 4)} * 2 END,
            {kies("STRATEN", "l.id", 5)} || ' ' || (1 + mod({kans("l.id", 6)}, 120)),
            (3241 + mod({kans("l.id", 7)}, 40))::text || ' ' || chr(65 + mod({kans("l.id", 8)}, 26))
                || chr(65 + mod({kans("l.id", 9)}, 26)),
            {kies("WOONPLAATSEN", "l.id", 10)},
            '06 ' || lpad(mod(l.id * 7919, 100000000)::text, 8, '0'),
            CASE WHEN {kans("l.id", 11)} < 600
                THEN '0187 ' || lpad(mod(l.id * 104729, 1000000)::text, 6, '0') ELSE '' END,
            CASE WHEN s.sector = 'PO' THEN 'groep ' || (1 + mod({kans("l.id", 12)}, 8))
                ELSE 'leerjaar ' || (1 + mod({kans("l.id", 12)}, 6)) END,
            CASE WHEN {kans("l.id", 13)} < 900
                THEN now() - {kans("l.id", 14)} * interval '5 hours' END,
            CASE WHEN {kans("l.id", 13)} < 900 THEN s.ib_id END,
            now() - interval '3 years' + {kans("l.id", 15)} * interval '1 day',
            now() - {kans("l.id", 16)} * interval '4 hours',
            s.school_id, s.omgeving_id
        FROM {OPBOUW}.school s,
             LATERAL (SELECT s.eerste_ll + g AS id FROM generate_series(0, s.aantal_ll - 1) g) l
        """
    )


def laad_hulpvraagplan(regie_persona):
    """One row per hulpvraag with every choice made: status, coördinator, behandelaar,
    overlegronde, the leerling's name. The loads below read it instead of deciding again."""
    uitvoeren(
        f"""
        CREATE UNLOGGED TABLE {OPBOUW}.hv AS
        WITH basis AS (
            SELECT s.eerste_hv + j AS id, s.eerste_hv + j - s.eerste_hv_omgeving AS p,
                   s.school_id, s.omgeving_id, s.is_groot, s.ib_id, s.coo_id, s.schakel_id,
                   s.regie, s.extern, s.code, s.def_tso, s.def_betr,
                   s.eerste_ll + CASE WHEN j < s.veel THEN 0 ELSE mod(j, s.aantal_ll) END
                       AS leerling_id
            FROM {OPBOUW}.school s, generate_series(0, s.aantal_hv - 1) AS j
        ), gekozen AS (
            SELECT b.*,
                CASE WHEN k < 100 THEN 'aangemeld' WHEN k < 400 THEN 'geagendeerd'
                     WHEN k < 600 THEN 'tussentijdse_evaluatie'
                     WHEN k < 650 THEN 'retour_naar_schakelteam' ELSE 'afgerond' END AS status,
                date_trunc('minute', now()) - {kans("b.id", 21)} * interval '26 hours'
                    - {kans("b.id", 22)} * interval '1 minute' AS aangemaakt_op
            FROM basis b, LATERAL (SELECT {kans("b.id", 20)} AS k) r
        )
        SELECT g.*,
            CASE WHEN g.is_groot AND g.p BETWEEN %(regie_van)s AND %(regie_tot)s
                     THEN %(regie)s
                 WHEN g.is_groot OR g.status = 'aangemeld' THEN g.schakel_id
                 ELSE g.regie[1 + mod({kans("g.id", 23)}, 10)] END AS coordinator_id,
            CASE WHEN g.is_groot AND g.p BETWEEN %(beh_van)s AND %(beh_tot)s THEN %(regie)s
                 WHEN g.status = 'aangemeld' THEN NULL
                 WHEN g.is_groot THEN g.regie[2 + mod({kans("g.id", 24)}, 9)]
                 ELSE g.regie[1 + mod({kans("g.id", 24)}, 10)] END AS behandelaar_id,
            CASE WHEN g.is_groot AND g.p BETWEEN %(ronde_van)s AND %(ronde_tot)s
                     THEN 'persona'
                 WHEN g.status NOT IN ('geagendeerd', 'tussentijdse_evaluatie',
                                       'retour_naar_schakelteam')
                     OR {kans("g.id", 25)} >= 300 THEN NULL
                 WHEN {kans("g.id", 26)} < 150 THEN 'open' ELSE 'voorbij' END AS ronde,
            concat_ws(' ', l.voornaam, nullif(l.tussenvoegsel, ''), l.achternaam)
                AS leerling_naam
        FROM gekozen g JOIN leerlingen_leerling l ON l.id = g.leerling_id
        """,
        regie=regie_persona,
        regie_van=REGIE_COORDINATOR.start,
        regie_tot=REGIE_COORDINATOR.stop - 1,
        beh_van=REGIE_BEHANDELAAR.start,
        beh_tot=REGIE_BEHANDELAAR.stop - 1,
        ronde_van=DEELNEMER_RONDES.start,
        ronde_tot=DEELNEMER_RONDES.stop - 1,
    )
    sql(f"ALTER TABLE {OPBOUW}.hv ADD PRIMARY KEY (id)")
    sql(f"ANALYZE {OPBOUW}.hv")


# kindkans.zoeken.zoekvorm in SQL, for the accents teksten.py uses; controleer_zoektekst
# compares a sample with the project's own.
ACCENTEN = ("áàäâéèëêíìïîóòöôúùüûçñ", "aaaaeeeeiiiioooouuuucn")


def laad_hulpvragen():
    # The search column (hulpvragen 0008) where the model has one.
    velden = {veld.attname for veld in Hulpvraag._meta.concrete_fields}
    zoek = ("", "")
    if "zoektekst" in velden:
        zoek = (
            ", zoektekst",
            f", translate(lower(t.titel || E'\\n' || l.voornaam || E'\\n' || l.tussenvoegsel"
            f" || E'\\n' || l.achternaam), '{ACCENTEN[0]}', '{ACCENTEN[1]}')",
        )
    return uitvoeren(
        f"""
        INSERT INTO hulpvragen_hulpvraag (id, titel, omschrijving, status, aangemaakt_op,
            gewijzigd_op, aangemaakt_door_id, coordinator_id, leerling_id, omgeving_id,
            versie, termijn_stap{zoek[0]})
        SELECT h.id, t.titel, {kies("OMSCHRIJVINGEN", "h.id", 31)},
            h.status, h.aangemaakt_op,
            least(now(), h.aangemaakt_op + {kans("h.id", 32)} * interval '8 hours'),
            h.ib_id, h.coordinator_id, h.leerling_id, h.omgeving_id,
            mod({kans("h.id", 33)}, 4), ''{zoek[1]}
        FROM {OPBOUW}.hv h JOIN leerlingen_leerling l ON l.id = h.leerling_id,
            LATERAL (SELECT {kies("TITELS", "h.id", 30)} AS titel) t
        ORDER BY h.id
        """
    )


def controleer_zoektekst(aantal=500):
    """The generated search column must be what the project computes (Hulpvraag.save)."""
    if not hasattr(Hulpvraag, "bereken_zoektekst"):
        return
    ids = list(Hulpvraag.objects.values_list("pk", flat=True))
    steekproef = random.Random(8).sample(ids, min(aantal, len(ids)))
    for hulpvraag in Hulpvraag.objects.filter(pk__in=steekproef).select_related("leerling"):
        if hulpvraag.zoektekst != hulpvraag.bereken_zoektekst():
            raise SystemExit(f"zoektekst van hulpvraag {hulpvraag.pk}: {hulpvraag.zoektekst!r}")


# The history of each status: (status, step, from, to, by whom).
PADEN = """(VALUES
    ('aangemeld', 1, '', 'aangemeld', 'ib'),
    ('geagendeerd', 1, '', 'aangemeld', 'ib'),
    ('geagendeerd', 2, 'aangemeld', 'geagendeerd', 'coordinator'),
    ('tussentijdse_evaluatie', 1, '', 'aangemeld', 'ib'),
    ('tussentijdse_evaluatie', 2, 'aangemeld', 'geagendeerd', 'coordinator'),
    ('tussentijdse_evaluatie', 3, 'geagendeerd', 'tussentijdse_evaluatie', 'coordinator'),
    ('retour_naar_schakelteam', 1, '', 'aangemeld', 'ib'),
    ('retour_naar_schakelteam', 2, 'aangemeld', 'geagendeerd', 'coordinator'),
    ('retour_naar_schakelteam', 3, 'geagendeerd', 'retour_naar_schakelteam', 'coordinator'),
    ('afgerond', 1, '', 'aangemeld', 'ib'),
    ('afgerond', 2, 'aangemeld', 'geagendeerd', 'coordinator'),
    ('afgerond', 3, 'geagendeerd', 'tussentijdse_evaluatie', 'coordinator'),
    ('afgerond', 4, 'tussentijdse_evaluatie', 'retour_naar_schakelteam', 'coordinator'),
    ('afgerond', 5, 'retour_naar_schakelteam', 'afgerond', 'ib')
) AS pad(status, stap, van, naar, door)"""


def laad_statuswijzigingen():
    return uitvoeren(
        f"""
        INSERT INTO hulpvragen_statuswijziging (van, naar, omschrijving, op, door_id,
            hulpvraag_id)
        SELECT pad.van, pad.naar,
            CASE WHEN pad.stap = 1 THEN '' ELSE {kies("STATUS_OMSCHRIJVINGEN", "h.id", 40)} END,
            least(now(), h.aangemaakt_op + (pad.stap - 1) * interval '9 days'),
            CASE pad.door WHEN 'ib' THEN h.ib_id ELSE h.coordinator_id END, h.id
        FROM {OPBOUW}.hv h JOIN {PADEN} ON pad.status = h.status
        ORDER BY h.id, pad.stap
        """
    )


def laad_aanpakken():
    """One aanpak per hulpvraag past AANGEMELD (and the regie persona's 100); one in five gets a
    second one with another regierolhouder (never the persona)."""
    return uitvoeren(
        f"""
        INSERT INTO hulpvragen_aanpak (titel, omschrijving, startdatum, einddatum,
            aangemaakt_op, gewijzigd_op, aangemaakt_door_id, behandelaar_id, hulpvraag_id,
            versie)
        SELECT {kies("AANPAK_TITELS", "h.id * 3 + n", 50)}, {kies("GEWENST", "h.id * 3 + n", 51)},
            (h.aangemaakt_op + interval '10 days')::date,
            CASE WHEN {kans("h.id", 52)} < 500 THEN (h.aangemaakt_op + interval '100 days')::date
            END,
            h.aangemaakt_op, h.aangemaakt_op, h.coordinator_id,
            CASE WHEN n = 1 THEN h.behandelaar_id
                 ELSE h.regie[2 + mod({kans("h.id", 24)} + 3, 9)] END,
            h.id, 0
        FROM {OPBOUW}.hv h, generate_series(1, 2) AS n
        WHERE h.behandelaar_id IS NOT NULL AND (n = 1 OR {kans("h.id", 53)} < 200)
        ORDER BY h.id, n
        """
    )


def laad_overleg(deelnemer_persona):
    rondes = uitvoeren(
        f"""
        INSERT INTO overleg_overlegronde (titel, omschrijving, einddatum, aangemaakt_op,
            gesloten_op, aangemaakt_door_id, hulpvraag_id, omgeving_id, versie)
        SELECT 'Meekijken ' || lower({kies("AANPAK_TITELS", "h.id", 60)}),
            {kies("RONDE_OMSCHRIJVINGEN", "h.id", 61)}, e.einddatum,
            e.einddatum - interval '14 days',
            CASE WHEN h.ronde = 'voorbij' AND {kans("h.id", 63)} < 100
                 THEN e.einddatum - interval '3 days' END,
            h.coordinator_id, h.id, h.omgeving_id, 0
        FROM {OPBOUW}.hv h, LATERAL (SELECT CASE h.ronde
                WHEN 'persona' THEN current_date + 14
                WHEN 'open' THEN current_date + 1 + mod({kans("h.id", 62)}, 14)
                ELSE current_date - 1 - mod({kans("h.id", 62)}, 365) END AS einddatum) e
        WHERE h.ronde IS NOT NULL
        ORDER BY h.id
        """
    )
    # Two deelnemers per round from the omgeving's 20 externen (offsets 7 and 14: never the
    # same one); in the persona's rounds the persona is the first.
    deelnemer = (
        f"CASE WHEN h.ronde = 'persona' AND n = 1 THEN {deelnemer_persona} "
        f"ELSE h.extern[1 + mod({kans('h.id', 64)} + n * 7, 20)] END"
    )
    deelnames = uitvoeren(
        f"""
        INSERT INTO overleg_deelname (deelnemer_id, overlegronde_id)
        SELECT {deelnemer}, r.id
        FROM overleg_overlegronde r JOIN {OPBOUW}.hv h ON h.id = r.hulpvraag_id,
             generate_series(1, 2) AS n
        ORDER BY r.id, n
        """
    )
    reacties = uitvoeren(
        f"""
        INSERT INTO overleg_reactie (tekst, geplaatst_op, gewijzigd_op, auteur_id,
            overlegronde_id)
        SELECT {kies("REACTIES", "h.id * 2 + n", 65)}, r.aangemaakt_op + interval '2 days',
            r.aangemaakt_op + interval '2 days', {deelnemer}, r.id
        FROM overleg_overlegronde r JOIN {OPBOUW}.hv h ON h.id = r.hulpvraag_id,
             generate_series(1, 2) AS n
        WHERE h.ronde <> 'persona'
          AND {kans("h.id * 2 + n", 66)} < CASE WHEN h.ronde = 'open' THEN 400 ELSE 700 END
        ORDER BY r.id, n
        """
    )
    return rondes, deelnames, reacties


def tso_waarden(rij):
    """jsonb of a filled 'Team Schoolondersteuning' (about 1.8 KB) for hulpvraag `rij`."""
    return f"""jsonb_build_object(
        'aanleiding', {kies("AANLEIDINGEN", rij, 70)} || ' ' || {kies("AANLEIDINGEN", rij, 71)},
        'wat-gedaan', {kies("GEDAAN", rij, 72)} || ' ' || {kies("GEDAAN", rij, 73)},
        'wat-gaat-goed', {kies("GOED", rij, 74)},
        'verzuim', mod({kans(rij, 75)}, 20)::text,
        'betrokken-partijen', jsonb_build_array({kies("PARTIJEN", rij, 76)},
                                                {kies("PARTIJEN", rij, 77)}),
        'toelichting-partijen', {kies("TOELICHTING_PARTIJEN", rij, 78)},
        'ouders-geinformeerd', true,
        'toestemming-ouders', {kans(rij, 79)} < 950,
        'datum-toestemming', to_char(h.aangemaakt_op, 'YYYY-MM-DD'),
        'gewenste-ondersteuning', {kies("GEWENST", rij, 80)} || ' ' || {kies("GEWENST", rij, 81)},
        'urgentie', CASE WHEN {kans(rij, 82)} < 150 THEN 'Met spoed (binnen twee weken)'
                         ELSE 'Regulier' END,
        'contactpersoon', h.ib_id,
        'bereikbaar', {kies("BEREIKBAAR", rij, 83)})"""


def betrokkenheid_waarden(rij):
    return f"""jsonb_build_object(
        'hulpvraag', h.id,
        'naam-betrokkene', h.coordinator_id,
        'organisatie', {kies("ORGANISATIES", rij, 84)},
        'start-betrokkenheid', to_char(h.aangemaakt_op + interval '12 days', 'YYYY-MM-DD'),
        'overig', {kies("OVERIG", rij, 85)})"""


def controleer_sleutels(definitie_id, voorbeeld):
    """The generated values must use the keys of the definition as the project ships it."""
    definitie = FormulierDefinitie.objects.get(pk=definitie_id)
    bekend = {spec["sleutel"] for spec in definitie.veldenset()}
    onbekend = set(voorbeeld) - bekend
    if onbekend:
        raise SystemExit(f"{definitie.naam}: sleutels {onbekend} bestaan niet (standaard.py?)")
    return json.dumps(definitie.veldenset())


def laad_formulieren(plan):
    """'Team Schoolondersteuning' by the IB/COO on every hulpvraag, 'Betrokkenheid' by the
    coördinator on about a third: ~1.3 per hulpvraag, with the definition's field set."""
    groot = plan.omgevingen[0]
    tso_set = controleer_sleutels(groot.def_tso, TSO_SLEUTELS)
    betr_set = controleer_sleutels(groot.def_betr, BETROKKENHEID_SLEUTELS)
    # A copy of the hulpvraag's omgeving, where the model has one (formulieren 0003).
    velden = {veld.attname for veld in Formulier._meta.concrete_fields}
    omgeving = (", omgeving_id", ", h.omgeving_id") if "omgeving_id" in velden else ("", "")
    aantal = uitvoeren(
        f"""
        INSERT INTO formulieren_formulier (waarden, veldenset, versie, aangemaakt_op,
            gewijzigd_op, auteur_id, gewijzigd_door_id, hulpvraag_id, definitie_id{omgeving[0]})
        SELECT w.waarden, w.veldenset, 1, w.op, w.op, w.auteur, w.auteur, h.id, w.def{omgeving[1]}
        FROM {OPBOUW}.hv h, LATERAL (
            SELECT {tso_waarden("h.id")} AS waarden, %(tso_set)s::jsonb AS veldenset,
                   least(now(), h.aangemaakt_op + interval '1 day') AS op, h.ib_id AS auteur,
                   h.def_tso AS def
            UNION ALL
            SELECT {betrokkenheid_waarden("h.id")}, %(betr_set)s::jsonb,
                   least(now(), h.aangemaakt_op + interval '12 days'), h.coordinator_id,
                   h.def_betr
            WHERE h.status <> 'aangemeld' AND {kans("h.id", 86)} < 333) w
        ORDER BY h.id
        """,
        tso_set=tso_set,
        betr_set=betr_set,
    )
    return aantal


def laad_formulierwijzigingen():
    """Version 1 of every formulier: its first fields from empty to their value (kept short:
    the history is not what the bench measures)."""
    return sql(
        """
        INSERT INTO formulieren_formulierwijziging (versie, op, velden, door_id, formulier_id)
        SELECT 1, f.aangemaakt_op,
            (SELECT jsonb_agg(jsonb_build_object('sleutel', e.key, 'label', e.key,
                                                 'oud', '—', 'nieuw', left(e.value #>> '{}', 60)))
             FROM (SELECT * FROM jsonb_each(f.waarden) LIMIT 6) e),
            f.auteur_id, f.id
        FROM formulieren_formulier f ORDER BY f.id
        """
    )


TSO_SLEUTELS = [
    "aanleiding", "wat-gedaan", "wat-gaat-goed", "verzuim", "betrokken-partijen",
    "toelichting-partijen", "ouders-geinformeerd", "toestemming-ouders", "datum-toestemming",
    "gewenste-ondersteuning", "urgentie", "contactpersoon", "bereikbaar",
]  # fmt: skip
BETROKKENHEID_SLEUTELS = [
    "hulpvraag", "naam-betrokkene", "organisatie", "start-betrokkenheid", "overig",
]  # fmt: skip

# (soort, onderwerp) of a notificatie, by its number k per hulpvraag.
MELDING = """
    CASE m.soort
        WHEN 'coordinator_gewijzigd' THEN 'U bent coördinator van de hulpvraag van '
        WHEN 'aanpak_behandelaar' THEN 'Nieuwe aanpak voor u als behandelaar van '
        WHEN 'status_geagendeerd' THEN 'De hulpvraag is in behandeling genomen: '
        WHEN 'overlegronde_uitnodiging' THEN 'Uitnodiging voor een overlegronde bij '
        ELSE 'De status van de hulpvraag is aangepast: ' END || h.leerling_naam"""


def notificatie_insert(bron, waar=""):
    """INSERT of notificaties from `bron`, which yields h (hv), m.soort, m.ontvanger, m.nr."""
    tekst = (
        f"'Beste ' || g.voornaam || ' ' || g.achternaam || ',' || chr(10) || chr(10) || "
        f"{MELDING} || ' (nummer ' || h.id || ', ' || h.code || ').' || chr(10) || chr(10) || "
        f"{kies('OMSCHRIJVINGEN', 'h.id', 90)} || chr(10) || chr(10) || "
        f"'Bekijk de hulpvraag in Kindkans: https://kindkans.test/meldingen/' || h.id"
    )
    return f"""
        INSERT INTO notificaties_notificatie (soort, onderwerp, tekst, html, pad, link, status,
            pogingen, laatste_fout, aangemaakt_op, volgende_poging_op, verstuurd_op,
            gelezen_op, omgeving_id, ontvanger_id, adres, naam)
        SELECT m.soort, left({MELDING}, 250), t.tekst,
            '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>' || {MELDING}
                || '</title></head><body style="font-family: Arial, sans-serif; color: '
                || '#1a1a1a; max-width: 40rem;"><p style="font-weight: bold; color: #1d3a5f;">'
                || 'Kindkans</p><p>' || replace(t.tekst, chr(10), '<br>') || '</p><p><a href='
                || '"https://kindkans.test/meldingen/' || h.id || '/" style="display: '
                || 'inline-block; padding: .6rem 1rem; background: #1d3a5f; color: #fff;">'
                || 'Openen in Kindkans</a></p></body></html>',
            '/hulpvragen/' || h.id || '/', 'https://kindkans.test/hulpvragen/' || h.id || '/',
            'verstuurd', 1, '', o.op, o.op, o.op + interval '4 seconds',
            CASE WHEN {kans("h.id * 8 + m.nr", 91)} < 850 THEN o.op + interval '3 hours' END,
            h.omgeving_id, m.ontvanger, '', ''
        FROM {bron}
             JOIN accounts_gebruiker g ON g.id = m.ontvanger,
             LATERAL (SELECT {tekst} AS tekst) t,
             LATERAL (SELECT least(now(), h.aangemaakt_op + m.nr * interval '2 days') AS op) o
        {waar}
        ORDER BY o.op
    """


def laad_notificaties(ib_persona):
    """Four or five per hulpvraag (coördinator, IB/COO twice, behandelaar, the COO where the
    school has one), one per invitation to a round; the IB persona gets exactly IB_MELDINGEN,
    on her school's 300."""
    per_hulpvraag = uitvoeren(
        notificatie_insert(
            f"""{OPBOUW}.hv h, generate_series(1, 5) AS k, LATERAL (SELECT k AS nr,
                CASE k WHEN 1 THEN 'coordinator_gewijzigd' WHEN 2 THEN 'status_geagendeerd'
                       WHEN 4 THEN CASE WHEN h.behandelaar_id IS NULL
                                        THEN 'coordinator_gewijzigd' ELSE 'aanpak_behandelaar'
                                   END
                       ELSE 'status_gewijzigd' END AS soort,
                CASE k WHEN 1 THEN h.coordinator_id WHEN 4
                            THEN coalesce(h.behandelaar_id, h.coordinator_id)
                       WHEN 5 THEN h.coo_id ELSE h.ib_id END AS ontvanger
            ) m""",
            waar=f"WHERE m.ontvanger IS NOT NULL AND m.ontvanger <> {ib_persona}",
        )
    )
    persona = uitvoeren(
        notificatie_insert(
            f"""generate_series(0, {IB_MELDINGEN - 1}) AS n
                JOIN {OPBOUW}.hv h ON h.is_groot AND h.p = mod(n, {len(IB_HULPVRAGEN)}),
                LATERAL (SELECT 1 + n / {len(IB_HULPVRAGEN)} AS nr,
                    CASE WHEN mod(n, 3) = 0 THEN 'status_geagendeerd' ELSE 'status_gewijzigd' END
                        AS soort, {ib_persona}::bigint AS ontvanger) m"""
        )
    )
    uitnodigingen = uitvoeren(
        notificatie_insert(
            f"""overleg_deelname d JOIN overleg_overlegronde r ON r.id = d.overlegronde_id
                JOIN {OPBOUW}.hv h ON h.id = r.hulpvraag_id,
                LATERAL (SELECT 3 AS nr, 'overlegronde_uitnodiging' AS soort,
                                d.deelnemer_id AS ontvanger) m"""
        )
    )
    return per_hulpvraag + persona + uitnodigingen


ROLNAMEN = {
    "ib": "IB/COO (schakelfunctionaris onderwijs)",
    "coordinator": "Regierolhouder",
}


def laad_logboek():
    """Three rows per hulpvraag (created by the IB/COO, opened and a tab looked at by the
    coördinator), appended in time order as the portal writes them."""
    return uitvoeren(
        f"""
        INSERT INTO logboek_logregel (tijdstip, hulpvraag_id, leerling_id, onderwerp_soort,
            onderwerp_id, actie, gebruiker_id, gebruiker_naam, rol, omgeving_id,
            omgeving_code, clientadres, request_id)
        SELECT least(now(), h.aangemaakt_op + (k - 1) * interval '1 day'
                            + k * interval '1 minute'),
            h.id, h.leerling_id, CASE k WHEN 3 THEN 'tabblad:Formulieren' ELSE '' END, NULL,
            CASE k WHEN 1 THEN 'hulpvraag_aangemaakt' WHEN 2 THEN 'hulpvraag_bekeken'
                   ELSE 'tab_bekeken' END,
            g.id, g.voornaam || ' ' || g.achternaam,
            CASE k WHEN 1 THEN %(rol_ib)s ELSE %(rol_coordinator)s END,
            h.omgeving_id, h.code,
            ('10.' || mod(h.school_id, 250) || '.' || mod(g.id, 250) || '.' || (1 + k))::inet,
            md5(h.id::text || '-' || k)
        FROM {OPBOUW}.hv h, generate_series(1, 3) AS k
             JOIN LATERAL (SELECT CASE WHEN k = 1 THEN h.ib_id ELSE h.coordinator_id END
                           AS gebruiker_id) w ON true
             JOIN accounts_gebruiker g ON g.id = w.gebruiker_id
        ORDER BY 1
        """,
        rol_ib=ROLNAMEN["ib"],
        rol_coordinator=ROLNAMEN["coordinator"],
    )


# --- Ouders en leerling --------------------------------------------------------------------------

AMSTERDAM = "'Europe/Amsterdam'"


def laad_ouders():
    """One or two parents per leerling (60% two), filed by the school's IB/COO; mostly the
    mother first. A second parent without gezag is a stepparent (verzorger). 85% have an
    address on a reserved domain; ids follow the leerlingen, so SCHAAL-GROOT's are stable."""
    return uitvoeren(
        f"""
        INSERT INTO ouders_ouder (naam, email, relatie, gezag, gewijzigd_op, gewijzigd_door_id,
            leerling_id)
        SELECT v.voornaam || ' ' || a.achternaam,
            CASE WHEN {kans("l.id * 2 + n", 104)} < 850
                 THEN lower(v.voornaam || '.' || a.kaal) || '.' || (l.id * 2 + n)
                      || '@ouders.schaal.test'
                 ELSE '' END,
            r.relatie, r.gezag,
            least(now(), l.aangemaakt_op + {kans("l.id * 2 + n", 105)} * interval '1 day'),
            s.ib_id, l.id
        FROM leerlingen_leerling l JOIN {OPBOUW}.school s ON s.school_id = l.school_id,
             generate_series(1, 2) AS n,
             LATERAL (SELECT {kans("l.id", 101)} AS twee, {kans("l.id", 102)} AS k,
                             {kans("l.id", 103)} AS stief) d,
             LATERAL (SELECT
                CASE WHEN n = 2 AND d.stief < 120 THEN 'verzorger'
                     WHEN n = 2 THEN CASE WHEN d.k < 640 THEN 'vader' WHEN d.k < 900 THEN 'moeder'
                                          WHEN d.k BETWEEN 940 AND 969 THEN 'pleegouder'
                                          ELSE 'verzorger' END
                     WHEN d.k < 640 THEN 'moeder' WHEN d.k < 900 THEN 'vader'
                     WHEN d.k < 940 THEN 'verzorger' WHEN d.k < 970 THEN 'pleegouder'
                     WHEN d.k < 990 THEN 'voogd' ELSE 'anders' END AS relatie,
                NOT (n = 2 AND d.stief < 120 OR n = 1 AND d.stief >= 985) AS gezag) r,
             LATERAL (SELECT CASE
                WHEN r.relatie = 'moeder' OR r.relatie <> 'vader' AND {kans("l.id * 2 + n", 106)}
                     < 500 THEN {kies("VOORNAMEN_MOEDERS", "l.id * 2 + n", 107)}
                ELSE {kies("VOORNAMEN_VADERS", "l.id * 2 + n", 107)} END AS voornaam) v,
             LATERAL (SELECT CASE
                WHEN r.relatie = 'vader' OR r.relatie = 'moeder' AND {kans("l.id", 108)} < 500
                     THEN concat_ws(' ', nullif(l.tussenvoegsel, ''), l.achternaam)
                ELSE {kies("ACHTERNAMEN", "l.id * 2 + n", 109)} END AS achternaam,
                CASE WHEN r.relatie = 'vader' OR r.relatie = 'moeder' AND {kans("l.id", 108)} < 500
                     THEN l.achternaam
                ELSE {kies("ACHTERNAMEN", "l.id * 2 + n", 109)} END AS kaal) a
        WHERE n = 1 OR d.twee < 600
        ORDER BY l.id, n
        """
    )


def laad_ouderplan():
    """Per hulpvraag which parent answers, what was asked by mail and when the link was used:
    the toestemmingen, uitnodigingen and zienswijzen below read it, so they agree."""
    # Only a parent with gezag answers or is invited; by mail only one with an address.
    sql(
        f"""
        CREATE UNLOGGED TABLE {OPBOUW}.gezin AS
        SELECT leerling_id, min(id) FILTER (WHERE gezag) AS gezag_1,
            max(id) FILTER (WHERE gezag) AS gezag_2,
            min(id) FILTER (WHERE gezag AND email <> '') AS mail_1
        FROM ouders_ouder GROUP BY leerling_id
        """
    )
    sql(f"ANALYZE {OPBOUW}.gezin")
    uitvoeren(
        f"""
        CREATE UNLOGGED TABLE {OPBOUW}.ouderplan AS
        SELECT h.id, g.mail_1, a.gevraagd, b.digitaal, b.gevraagd_delen, b.gevraagd_op,
            least(now(), b.gevraagd_op + (1 + mod({kans("h.id", 117)}, 70)) * interval '1 hour')
                AS link_op,
            CASE WHEN a.gevraagd THEN g.mail_1
                 WHEN {kans("h.id", 113)} < 350 THEN g.gezag_2 ELSE g.gezag_1 END AS beantwoorder,
            b.digitaal OR c.op_papier AS aanmelding,
            CASE WHEN b.digitaal THEN b.gevraagd_delen
                 ELSE c.op_papier AND {kans("h.id", 115)}
                      < CASE WHEN h.ronde IS NULL THEN 280 ELSE 900 END END AS delen,
            h.ronde IS NOT NULL AND g.mail_1 IS NOT NULL
                AND (h.ronde = 'persona' OR {kans("h.id", 116)} < 150) AS in_ronde
        FROM {OPBOUW}.hv h JOIN {OPBOUW}.gezin g ON g.leerling_id = h.leerling_id,
             LATERAL (SELECT g.mail_1 IS NOT NULL AND {kans("h.id", 110)} < 115 AS gevraagd) a,
             LATERAL (SELECT a.gevraagd AND {kans("h.id", 112)} < 750 AS digitaal,
                 a.gevraagd AND (h.ronde IS NOT NULL OR {kans("h.id", 111)} < 300)
                     AS gevraagd_delen,
                 least(now(), h.aangemaakt_op + interval '2 hours') AS gevraagd_op) b,
             LATERAL (SELECT g.gezag_1 IS NOT NULL AND {kans("h.id", 114)} < 790 AS op_papier) c
        """
    )
    sql(f"ALTER TABLE {OPBOUW}.ouderplan ADD PRIMARY KEY (id)")
    sql(f"ANALYZE {OPBOUW}.ouderplan")


def laad_toestemmingen(soorten):
    """Aanmelding (~80%) and delen (~30%) by one parent with gezag: digitally where the
    invitation's link was used, else on paper or in a conversation registered by the school's
    IB/COO. 2% (delen 6%) declined; 2.5% of those given withdrawn later, through the IB/COO."""
    return uitvoeren(
        f"""
        INSERT INTO ouders_toestemming (hulpvraag_id, soort_id, ouder_id, besluit, wijze, op,
            vastgelegd_door_id, bijlage_id, toelichting, ingetrokken_op, ingetrokken_wijze,
            ingetrokken_door_id)
        SELECT h.id, CASE k WHEN 1 THEN %(aanmelding)s ELSE %(delen)s END, o.beantwoorder,
            b.besluit, w.wijze, t.op,
            CASE WHEN w.wijze <> 'digitaal' THEN
                CASE WHEN h.coo_id IS NOT NULL AND {kans("x.r", 123)} < 300 THEN h.coo_id
                     ELSE h.ib_id END END,
            NULL,
            CASE WHEN w.wijze <> 'digitaal' AND {kans("x.r", 124)} < 250
                 THEN {kies("TOESTEMMING_TOELICHTINGEN", "x.r", 125)} ELSE '' END,
            i.op,
            CASE WHEN i.op IS NULL THEN ''
                 WHEN {kans("x.r", 128)} < 600 THEN 'op_papier' ELSE 'mondeling' END,
            CASE WHEN i.op IS NOT NULL THEN h.ib_id END
        FROM {OPBOUW}.ouderplan o JOIN {OPBOUW}.hv h ON h.id = o.id,
             generate_series(1, 2) AS k,
             LATERAL (SELECT h.id * 2 + k AS r) x,
             LATERAL (SELECT CASE WHEN {kans("x.r", 120)} < CASE k WHEN 1 THEN 20 ELSE 60 END
                                  THEN 'geweigerd' ELSE 'gegeven' END AS besluit) b,
             LATERAL (SELECT CASE WHEN o.digitaal THEN 'digitaal'
                                  WHEN {kans("x.r", 121)} < 700 THEN 'op_papier'
                                  ELSE 'mondeling' END AS wijze) w,
             -- On paper: aanmelding signed before the hulpvraag was made, delen days later.
             LATERAL (SELECT CASE
                 WHEN o.digitaal THEN least(now(), o.link_op + (2 + k) * interval '1 minute')
                 WHEN k = 1 THEN h.aangemaakt_op
                                 - (1 + mod({kans("x.r", 122)}, 96)) * interval '1 hour'
                 ELSE least(now(), h.aangemaakt_op
                                   + (5 + mod({kans("x.r", 122)}, 20)) * interval '1 day')
                 END AS op) t,
             -- Withdrawn somewhere between the answer and now, never in the future.
             LATERAL (SELECT CASE WHEN b.besluit = 'gegeven' AND {kans("x.r", 126)} < 25
                 THEN t.op + (now() - t.op) * (0.2 + {kans("x.r", 127)} / 1250.0)::float8
                 END AS op) i
        WHERE o.beantwoorder IS NOT NULL AND (k = 1 AND o.aanmelding OR k = 2 AND o.delen)
        ORDER BY h.id, k
        """,
        aanmelding=soorten[Toestemmingssoort.AANMELDING],
        delen=soorten[Toestemmingssoort.DELEN],
    )


def laad_uitnodigingen(soorten):
    """Invitations by mail to a parent with gezag and an address: asking consent on ~10% of the
    hulpvragen (mostly long expired, three in four with the link used and answered), reading
    along in 15% of the overlegrondes (and all three of the deelnemer persona's). Both kinds in
    one statement in hulpvraag order, so SCHAAL-GROOT's ids are the same at every size."""
    # One real hash for every pending code: what counts is a value of the right shape.
    code_hash = make_password("000000")
    aantal = uitvoeren(
        f"""
        INSERT INTO ouders_uitnodiging (ouder_id, hulpvraag_id, doel, overlegronde_id, bericht,
            aangemaakt_door_id, aangemaakt_op, geldig_tot, ingetrokken_op, linkversie,
            link_gebruikt_op, nieuwe_link_op, code_hash, code_geldig_tot, code_gevraagd_op,
            foute_codes)
        SELECT u.ouder_id, u.hulpvraag_id, u.doel, u.overlegronde_id,
            CASE WHEN {kans("u.r", 131)} < 500
                 THEN {kies("UITNODIGING_BERICHTEN", "u.r", 132)} ELSE '' END,
            u.door, u.op, u.geldig_tot, u.ingetrokken_op,
            CASE WHEN c.nieuwe_link THEN 2 ELSE 1 END, u.gebruikt_op,
            CASE WHEN c.nieuwe_link THEN u.gebruikt_op - interval '40 minutes' END,
            CASE WHEN c.open THEN %(code_hash)s ELSE '' END,
            CASE WHEN c.open THEN u.op + interval '5 hours 15 minutes' END,
            CASE WHEN u.gebruikt_op IS NOT NULL THEN u.gebruikt_op - interval '3 minutes'
                 WHEN c.open THEN u.op + interval '5 hours' END,
            CASE WHEN c.open THEN mod({kans("u.r", 135)}, 3)
                 WHEN u.gebruikt_op IS NOT NULL AND {kans("u.r", 135)} < 150 THEN 1
                 ELSE 0 END
        FROM (
            SELECT h.id * 2 AS r, o.mail_1 AS ouder_id, h.id AS hulpvraag_id,
                'toestemming' AS doel, NULL::bigint AS overlegronde_id,
                CASE WHEN h.coo_id IS NOT NULL AND {kans("h.id", 130)} < 300 THEN h.coo_id
                     ELSE h.ib_id END AS door,
                o.gevraagd_op AS op,
                (o.gevraagd_op AT TIME ZONE {AMSTERDAM})::date + %(dagen)s AS geldig_tot,
                CASE WHEN NOT o.digitaal AND {kans("h.id", 134)} < 80
                          AND o.gevraagd_op + interval '2 days' < now()
                     THEN o.gevraagd_op + interval '2 days' END AS ingetrokken_op,
                CASE WHEN o.digitaal THEN o.link_op END AS gebruikt_op
            FROM {OPBOUW}.ouderplan o JOIN {OPBOUW}.hv h ON h.id = o.id
            WHERE o.gevraagd
            UNION ALL
            -- Invited by who opened the round, an hour later; used while the round was open.
            SELECT h.id * 2 + 1, o.mail_1, h.id, 'overleg', r.id, r.aangemaakt_door_id, x.op,
                r.einddatum, NULL,
                CASE WHEN {kans("h.id", 136)} < 700 AND x.gebruikt < now()
                          AND x.gebruikt < coalesce(r.gesloten_op, 'infinity') THEN x.gebruikt
                     END
            FROM {OPBOUW}.ouderplan o JOIN {OPBOUW}.hv h ON h.id = o.id
                 JOIN overleg_overlegronde r ON r.hulpvraag_id = h.id,
                 LATERAL (SELECT least(now(), r.aangemaakt_op + interval '1 hour') AS op) y,
                 LATERAL (SELECT y.op, y.op + (1 + mod({kans("h.id", 137)}, 48))
                                 * interval '1 hour' AS gebruikt) x
            WHERE o.in_ronde
        ) u,
        -- A pending code: asked for, never typed in (expired by now, mostly).
        LATERAL (SELECT u.gebruikt_op IS NULL AND u.ingetrokken_op IS NULL
                        AND u.op + interval '5 hours' < now() AND {kans("u.r", 138)} < 300 AS open,
                        u.gebruikt_op IS NOT NULL AND {kans("u.r", 133)} < 100 AS nieuwe_link) c
        ORDER BY u.r
        """,
        code_hash=code_hash,
        dagen=settings.OUDER_UITNODIGING_DAGEN,
    )
    # What was asked: always the aanmelding, and delen where the plan says so.
    gevraagd = uitvoeren(
        f"""
        INSERT INTO ouders_uitnodiging_soorten (uitnodiging_id, toestemmingssoort_id)
        SELECT u.id, s.soort
        FROM ouders_uitnodiging u JOIN {OPBOUW}.ouderplan o ON o.id = u.hulpvraag_id,
             LATERAL (SELECT %(aanmelding)s::bigint AS soort
                      UNION ALL SELECT %(delen)s::bigint WHERE o.gevraagd_delen) s
        WHERE u.doel = 'toestemming'
        ORDER BY u.id, s.soort
        """,
        aanmelding=soorten[Toestemmingssoort.AANMELDING],
        delen=soorten[Toestemmingssoort.DELEN],
    )
    return aantal, gevraagd


def laad_zienswijzen_en_stemmen():
    """A zienswijze from the parent during the visit of a used link (53% of the consent
    visits, half of the rounds': ~5% of the hulpvragen); de stem van de leerling on 30%,
    shared with the deelnemers on 60% of those with a round and 12% of the others."""
    zienswijzen = uitvoeren(
        f"""
        INSERT INTO ouders_zienswijze (tekst, geplaatst_op, hulpvraag_id, ouder_id,
            overlegronde_id)
        SELECT {kies("ZIENSWIJZEN", "u.hulpvraag_id", 141)},
            least(now(), u.link_gebruikt_op + interval '6 minutes'), u.hulpvraag_id,
            u.ouder_id, u.overlegronde_id
        FROM ouders_uitnodiging u
        WHERE u.link_gebruikt_op IS NOT NULL
          AND {kans("u.hulpvraag_id * 2 + (u.doel = 'overleg')::int", 140)}
              < CASE u.doel WHEN 'overleg' THEN 500 ELSE 530 END
        ORDER BY u.id
        """
    )
    stemmen = uitvoeren(
        f"""
        INSERT INTO ouders_stemvandeleerling (gehoord_op, hoe, wat, gedeeld_met_deelnemers,
            vastgelegd_op, hulpvraag_id, vastgelegd_door_id)
        SELECT (t.op AT TIME ZONE {AMSTERDAM})::date,
            CASE WHEN k.hoe < 450 THEN 'gesprek' WHEN k.hoe < 700 THEN 'gesprek_ouders'
                 WHEN k.hoe < 820 THEN 'tekening' WHEN k.hoe < 940 THEN 'vragenlijst'
                 ELSE 'anders' END,
            {kies("STEMMEN", "h.id", 152)},
            {kans("h.id", 153)} < CASE WHEN h.ronde IS NULL THEN 120 ELSE 600 END,
            least(now(), t.op + interval '20 hours'), h.id,
            CASE WHEN h.behandelaar_id IS NOT NULL AND {kans("h.id", 154)} < 400
                 THEN h.behandelaar_id ELSE h.ib_id END
        FROM {OPBOUW}.hv h,
             LATERAL (SELECT {kans("h.id", 151)} AS hoe) k,
             LATERAL (SELECT least(now(), h.aangemaakt_op
                                   + mod({kans("h.id", 155)}, 30) * interval '1 day') AS op) t
        WHERE {kans("h.id", 150)} < 300
        ORDER BY h.id
        """
    )
    return zienswijzen, stemmen


# --- Access rows, through the project ----------------------------------------------------------


def bereken_toegang(plan):
    """The project's recompute, one omgeving at a time, while the guardian table grows from
    nothing to millions of rows. Two planner traps on the way, both avoided here:

    - the first omgeving writes into an empty table: if it was ever analysed empty, the
      planner trusts "0 rows" and runs INSERT … WHERE NOT EXISTS as a nested loop that
      rescans the table it is filling for every row (30,000 hulpvragen: hours). So the first
      omgeving runs without nested loops;
    - later omgevingen need statistics to find their rows by index: without them the planner
      guessed half the table and read all of it three times per omgeving (29 minutes at 1M).
      So the table is analysed after the first omgeving and after every tenth.
    """
    totaal = [0, 0, 0]
    for nummer, omgeving in enumerate(plan.omgevingen):
        if nummer == 0:
            sql("SET enable_nestloop = off")
        hulpvragen = Hulpvraag.objects.filter(omgeving_id=omgeving.id)
        if hasattr(toegang, "synchroniseer_toegang_van"):
            verschil = toegang.synchroniseer_toegang_van(hulpvragen, gebruiker_id=None)
        else:
            verschil = toegang_per_hulpvraag(hulpvragen)
        totaal = [a + b for a, b in zip(totaal, verschil, strict=True)]
        if nummer == 0:
            sql("RESET enable_nestloop")
        if nummer % 10 == 0:
            sql(f"ANALYZE {RECHTEN}")
    print(f" (toegevoegd {totaal[0]:,}, verwijderd {totaal[1]}, gewijzigd {totaal[2]})", end="")


def toegang_per_hulpvraag(hulpvragen):
    # FALLBACK while toegang.synchroniseer_toegang_van does not exist yet: one hulpvraag at a
    # time. Fine for 10,000 hulpvragen; far too slow for 1,000,000.
    totaal = [0, 0, 0]
    for hulpvraag in hulpvragen.select_related("leerling").iterator(chunk_size=2000):
        totaal = [
            a + b for a, b in zip(totaal, toegang.synchroniseer_toegang(hulpvraag), strict=True)
        ]
    return totaal


def controleer_steekproef(aantal=200):
    """synchroniseer_toegang must find nothing to do on a random sample of hulpvragen."""
    ids = list(Hulpvraag.objects.values_list("pk", flat=True))
    steekproef = random.Random(7).sample(ids, min(aantal, len(ids)))
    fout = []
    for hulpvraag in Hulpvraag.objects.filter(pk__in=steekproef).select_related("leerling"):
        verschil = toegang.synchroniseer_toegang(hulpvraag)
        if verschil != (0, 0, 0):
            fout.append((hulpvraag.pk, verschil))
    if fout:
        raise SystemExit(f"Toegang klopt niet na het laden, (id, verschil): {fout[:10]}")
    # And the read-only check meet.py polls with agrees.
    for hulpvraag in Hulpvraag.objects.filter(pk__in=steekproef[:20]).select_related("leerling"):
        if not toegang_klopt(hulpvraag):
            raise SystemExit(f"toegang_klopt() zegt nee voor hulpvraag {hulpvraag.pk}")


def controleer_personas(plan):
    """The personas' own data is what personas.py promises, at every size."""
    p = plan.personas
    groot = plan.omgevingen[0]
    feiten = {
        "hulpvragen van de school van de IB": (
            "SELECT count(*) FROM hulpvragen_hulpvraag h JOIN leerlingen_leerling l "
            "ON l.id = h.leerling_id WHERE l.school_id = %s",
            [groot.scholen[0].id],
            len(IB_HULPVRAGEN),
        ),
        "meldingen van de IB": (
            "SELECT count(*) FROM notificaties_notificatie WHERE ontvanger_id = %s",
            [p[IB]],
            IB_MELDINGEN,
        ),
        "regie als coördinator": (
            "SELECT count(*) FROM hulpvragen_hulpvraag WHERE coordinator_id = %s",
            [p[REGIE]],
            len(REGIE_COORDINATOR),
        ),
        "regie als behandelaar": (
            "SELECT count(DISTINCT hulpvraag_id) FROM hulpvragen_aanpak WHERE behandelaar_id = %s",
            [p[REGIE]],
            len(REGIE_BEHANDELAAR),
        ),
        "open rondes van de deelnemer": (
            "SELECT count(*) FROM overleg_deelname d JOIN overleg_overlegronde r "
            "ON r.id = d.overlegronde_id WHERE d.deelnemer_id = %s AND r.einddatum >= "
            "current_date AND r.gesloten_op IS NULL",
            [p[DEELNEMER]],
            len(DEELNEMER_RONDES),
        ),
    }
    for naam, (vraag, params, verwacht) in feiten.items():
        (gevonden,) = rijen(vraag, params)[0]
        if gevonden != verwacht:
            raise SystemExit(f"{naam}: {gevonden}, verwacht {verwacht}")
    (schakel,) = rijen(
        "SELECT count(*) FROM hulpvragen_hulpvraag WHERE coordinator_id = %s", [p[SCHAKEL]]
    )[0]
    print(f"  personas kloppen; de schakelfunctionaris is coördinator van {schakel:,}")


# --- Report ---------------------------------------------------------------------------------


def rapport(database, begin):
    print("\nrijen per tabel:")
    tabellen = [*TABELLEN_MET_ID, RECHTEN]
    for tabel in tabellen:
        (aantal,) = rijen(f"SELECT count(*) FROM {tabel}")[0]
        (grootte,) = rijen(f"SELECT pg_size_pretty(pg_total_relation_size('{tabel}'))")[0]
        print(f"  {tabel:<34} {aantal:>12,}  {grootte:>9}")
    (grootte,) = rijen("SELECT pg_size_pretty(pg_database_size(%s))", [database])[0]
    print(
        f"\ndatabase {database}: {grootte}, klaar in {(time.perf_counter() - begin) / 60:.1f} min"
    )
    print("fasen: " + ", ".join(f"{naam} {sec:.0f} s" for naam, sec in TIJDEN.items()))


def main():
    begin = time.perf_counter()
    n, database = ARGUMENTEN.hulpvragen, ARGUMENTEN.database
    print(f"{database}: {n:,} hulpvragen, waarvan {aantal_groot(n):,} in {GROOT_CODE}")
    with fase("database en migrate"):
        maak_database_opnieuw(ARGUMENTEN.server, database)
        call_command("migrate", verbosity=0)
    for instelling in [
        "maintenance_work_mem = '2GB'",
        "work_mem = '256MB'",
        "synchronous_commit = off",
        "max_parallel_maintenance_workers = 2",
    ]:
        sql(f"SET {instelling}")
    plan = maak_plan(n)
    with fase(f"structuur ({len(plan.omgevingen)} omgevingen, {len(plan.gebruikers):,} mensen)"):
        laad_structuur(plan)
    with fase("indexen en constraints weg"):
        terug = verwijder_indexen(GROTE_TABELLEN)
    persona = plan.personas
    # The two fixed kinds of consent (ouders 0002), found by code as the project does.
    soorten = {code: soort.pk for code, soort in Toestemmingssoort.objects.vaste().items()}
    laden = [
        ("leerlingen", laad_leerlingen),
        ("hulpvraagplan", lambda: laad_hulpvraagplan(persona[REGIE])),
        ("hulpvragen", laad_hulpvragen),
        ("statuswijzigingen", laad_statuswijzigingen),
        ("aanpakken", laad_aanpakken),
        ("overleg", lambda: laad_overleg(persona[DEELNEMER])),
        ("formulieren", lambda: laad_formulieren(plan)),
        ("formulierwijzigingen", laad_formulierwijzigingen),
        ("notificaties", lambda: laad_notificaties(persona[IB])),
        ("logboek", laad_logboek),
        ("ouders", laad_ouders),
        ("ouderplan", laad_ouderplan),
        ("toestemmingen", lambda: laad_toestemmingen(soorten)),
        ("uitnodigingen", lambda: laad_uitnodigingen(soorten)),
        ("zienswijzen en stemmen", laad_zienswijzen_en_stemmen),
    ]
    for naam, laad in laden:
        with fase(naam):
            laad()
    with fase("indexen en constraints terug"):
        for statement in terug:
            sql(statement)
        zet_reeksen_goed()
        sql(f"DROP SCHEMA {OPBOUW} CASCADE")
    with fase("vacuum analyze na het laden"):
        sql("VACUUM ANALYZE")
    # The guardian table is filled by the project's own function, per omgeving; it finds an
    # omgeving's rows by content_object_id, so that index stays while the others wait.
    with fase("indexen rechten weg"):
        terug = verwijder_indexen([RECHTEN], behoud="(content_object_id)")
    with fase("toegang (hulpvragen.toegang, per omgeving)"):
        bereken_toegang(plan)
    with fase("indexen rechten terug"):
        for statement in terug:
            sql(statement)
    # The deadlines of Mijn werk come from the project's own rule (werk.termijnen).
    with fase("termijnen (bereken_termijnen)"):
        call_command("bereken_termijnen", stdout=io.StringIO())
    with fase("vacuum analyze na de toegang"):
        sql("VACUUM ANALYZE")
    with fase("controle"):
        controleer_steekproef()
        controleer_zoektekst()
        controleer_personas(plan)
    rapport(database, begin)


if __name__ == "__main__":
    main()

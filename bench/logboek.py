"""Benchmark: does the Logboek tab of one hulpvraag stay fast as the log grows to 10 million rows?

A large SWV writes about 6 million log rows a year. This renders the Logboek tab of one
hulpvraag (300 rows of its own) with 100,000 rows in the whole table, then again after filling
the table to 10,000,000, and prints the ratio of the median times and of the query counts. With
the (hulpvraag_id, tijdstip) index the ratio stays near 1.

Needs PostgreSQL (the size is the point) and a database of its own: it fills that database's
log with 10 million rows (createdb kindkans_bench first; drop it afterwards).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kindkans_bench .venv/bin/python bench/logboek.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kindkans_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindkans.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Gebruiker, Lidmaatschap, Omgeving, Organisatie  # noqa: E402
from bench.inloggen import log_in  # noqa: E402
from hulpvragen.models import Hulpvraag  # noqa: E402
from hulpvragen.toegang import synchroniseer_toegang  # noqa: E402
from leerlingen.models import Leerling  # noqa: E402
from logboek.services import ruim_oude_regels_op  # noqa: E402

KLEIN = 100_000
GROOT = 10_000_000
EIGEN = 300


def wereld():
    omgeving = Omgeving.objects.create(code="BL0001", naam="Bench", sector="PO")
    school = Organisatie.objects.create(
        omgeving=omgeving, naam="School", soort="school", brin="01AB"
    )
    ib = Gebruiker.objects.create_user("ib@bench.test", "x", voornaam="I", achternaam="B")
    Lidmaatschap.objects.create(gebruiker=ib, omgeving=omgeving, organisatie=school, rol="ib_coo")
    leerling = Leerling.objects.create(
        voornaam="Kind",
        achternaam="Bench",
        geboortedatum="2015-01-01",
        school=school,
        groep_leerjaar="groep 5",
        gecontroleerd_op=timezone.now(),
    )
    hulpvraag = Hulpvraag.objects.create(
        omgeving=omgeving, leerling=leerling, titel="Bench", coordinator=ib, aangemaakt_door=ib
    )
    synchroniseer_toegang(hulpvraag)
    return ib, omgeving, hulpvraag


def vul_tot(aantal, *, eigen_hulpvraag):
    """Fill the log to `aantal` rows: other hulpvragen (ids spread over 300,000), one row every
    15 seconds from 2022 on (appended in time order, as the portal writes them; 10 million
    rows reach into 2026, so nothing is older than the five years of retention), and EIGEN
    rows of our own hulpvraag among the first."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM logboek_logregel")
        (nu,) = cursor.fetchone()
        erbij = aantal - nu
        cursor.execute(
            """
            INSERT INTO logboek_logregel (tijdstip, hulpvraag_id, leerling_id, onderwerp_soort,
                actie, gebruiker_id, gebruiker_naam, rol, omgeving_code, request_id)
            SELECT timestamptz '2022-01-01' + (%s + g) * interval '15 seconds',
                   CASE WHEN g <= %s THEN %s ELSE 1000000 + (g %% 300000) END,
                   g %% 40000, '', 'hulpvraag_bekeken', g %% 5000,
                   'Iemand ' || (g %% 5000), 'Regierolhouder', 'BL0001', ''
            FROM generate_series(1, %s) AS g
            """,
            [nu, EIGEN if nu == 0 else 0, eigen_hulpvraag.pk, erbij],
        )
        cursor.execute("ANALYZE logboek_logregel")


def meet(client, url, keer=20):
    client.get(url)
    tijden = []
    for _ in range(keer):
        begin = time.perf_counter()
        response = client.get(url)
        tijden.append(time.perf_counter() - begin)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(tijden), len(queries)


def main():
    if connection.vendor != "postgresql":
        sys.exit("Dit bench heeft PostgreSQL nodig (DATABASE_URL=postgres://…).")
    call_command("migrate", verbosity=0)
    ib, omgeving, hulpvraag = wereld()
    client = Client()
    log_in(client, ib, omgeving)
    url = reverse("hulpvragen:logboek", args=[hulpvraag.pk])
    uitkomsten = {}
    for aantal in (KLEIN, GROOT):
        begin = time.perf_counter()
        vul_tot(aantal, eigen_hulpvraag=hulpvraag)
        print(f"tabel gevuld tot {aantal:,} rijen in {time.perf_counter() - begin:.0f} s")
        uitkomsten[aantal] = meet(client, url)
        uitkomsten[f"{aantal}-persoon"] = meet(client, f"{url}?persoon={ib.pk}")
        # The first sweep after a bulk load summarises the new BRIN ranges (autovacuum does
        # that as ranges fill in a running portal); the daily sweep is the second one.
        ruim_oude_regels_op()
        begin = time.perf_counter()
        verwijderd = ruim_oude_regels_op()
        uitkomsten[f"{aantal}-opruimen"] = time.perf_counter() - begin
        assert verwijderd == 0, verwijderd
    (t_k, q_k), (t_g, q_g) = uitkomsten[KLEIN], uitkomsten[GROOT]
    (tp_k, _), (tp_g, _) = uitkomsten[f"{KLEIN}-persoon"], uitkomsten[f"{GROOT}-persoon"]
    o_k, o_g = uitkomsten[f"{KLEIN}-opruimen"], uitkomsten[f"{GROOT}-opruimen"]
    print(f"bewaartermijn, niets verlopen: {o_k * 1000:.1f} ms vs {o_g * 1000:.1f} ms")
    print(
        f"{KLEIN:>11,} rijen: tab {t_k * 1000:6.1f} ms ({q_k} queries), "
        f"gefilterd op persoon {tp_k * 1000:6.1f} ms"
    )
    print(
        f"{GROOT:>11,} rijen: tab {t_g * 1000:6.1f} ms ({q_g} queries), "
        f"gefilterd op persoon {tp_g * 1000:6.1f} ms"
    )
    print(
        f"verhouding tab {t_g / t_k:.2f}x, gefilterd {tp_g / tp_k:.2f}x, queries {q_g / q_k:.2f}x, "
        f"opruimen {o_g / o_k:.2f}x bij {GROOT // KLEIN}x zoveel rijen in de tabel"
    )


if __name__ == "__main__":
    main()

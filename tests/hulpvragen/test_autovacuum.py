"""PostgreSQL settings the planner and autovacuum need at scale: the rights table is vacuumed
after 0.5% of its rows changed, so reads stay index-only; statistics over correlated columns."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL table setting")
def test_rechtentabel_wordt_vaker_opgeruimd():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'hulpvragen_hulpvraagrecht'"
        )
        (opties,) = cursor.fetchone()

    assert sorted(opties) == [
        "autovacuum_analyze_scale_factor=0.005",
        "autovacuum_vacuum_insert_scale_factor=0.005",
        "autovacuum_vacuum_scale_factor=0.005",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL extended statistics")
def test_statistiek_over_omgeving_coordinator_en_status():
    # Without it the planner takes the three as independent and reads all of a
    # schakelfunctionaris's AANGEMELD hulpvragen to show the first 20 (migration 0014).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.stxkind, array_agg(a.attname ORDER BY a.attname) "
            "FROM pg_statistic_ext s JOIN pg_attribute a "
            "ON a.attrelid = s.stxrelid AND a.attnum = ANY(s.stxkeys) "
            "WHERE s.stxname = 'hulpvraag_omgeving_coordinator_status' GROUP BY s.stxkind"
        )
        rijen = cursor.fetchall()

    assert [(sorted(soorten), kolommen) for soorten, kolommen in rijen] == [
        (["f", "m"], ["coordinator_id", "omgeving_id", "status"])
    ]

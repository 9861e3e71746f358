"""The rights table is vacuumed after 0.5% of its rows changed, so reads stay index-only."""

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

"""Trigram indexes for the search on name, on PostgreSQL only.

The search filters with icontains, which PostgreSQL runs as UPPER(col::text) LIKE UPPER(…):
a GIN index on UPPER(col) with gin_trgm_ops serves exactly that expression, so a word search
stays fast when the table is large. SQLite (the embedded default) has no such index type.
"""

from django.db import migrations

KOLOMMEN = ["voornaam", "tussenvoegsel", "achternaam"]


def maak_indexen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for kolom in KOLOMMEN:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS leerling_{kolom}_trgm "
            f"ON leerlingen_leerling USING gin (UPPER({kolom}) gin_trgm_ops)"
        )


def verwijder_indexen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kolom in KOLOMMEN:
        schema_editor.execute(f"DROP INDEX IF EXISTS leerling_{kolom}_trgm")


class Migration(migrations.Migration):
    dependencies = [("leerlingen", "0001_initial")]

    operations = [migrations.RunPython(maak_indexen, verwijder_indexen, elidable=False)]

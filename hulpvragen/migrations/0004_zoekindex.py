"""A trigram index for the search on titel, on PostgreSQL only (see leerlingen 0002)."""

from django.db import migrations


def maak_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS hulpvraag_titel_trgm "
        "ON hulpvragen_hulpvraag USING gin (UPPER(titel) gin_trgm_ops)"
    )


def verwijder_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS hulpvraag_titel_trgm")


class Migration(migrations.Migration):
    dependencies = [("hulpvragen", "0003_tekst_grenzen")]

    operations = [migrations.RunPython(maak_index, verwijder_index, elidable=False)]

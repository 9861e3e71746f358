from django.db import migrations

# The rights table changes in bursts (an omgeving switched back on re-inserts a quarter of a
# million rows) and is read index-only on every page. With PostgreSQL's defaults autovacuum
# waits for 20% of 24 million rows before it marks pages all-visible again, and until then every
# "index-only" read visits the table: a schakelfunctionaris's list took 92 instead of 55 ms.
INSTELLINGEN = {
    "autovacuum_vacuum_scale_factor": "0.005",
    "autovacuum_vacuum_insert_scale_factor": "0.005",
    "autovacuum_analyze_scale_factor": "0.005",
}


def vaker_opruimen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    waarden = ", ".join(f"{naam} = {waarde}" for naam, waarde in INSTELLINGEN.items())
    schema_editor.execute(f"ALTER TABLE hulpvragen_hulpvraagrecht SET ({waarden})")


def standaard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE hulpvragen_hulpvraagrecht RESET ({', '.join(INSTELLINGEN)})"
    )


class Migration(migrations.Migration):
    dependencies = [("hulpvragen", "0006_indexen_voor_schaal")]

    operations = [migrations.RunPython(vaker_opruimen, standaard)]

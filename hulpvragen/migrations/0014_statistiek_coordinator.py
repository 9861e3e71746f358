from django.db import migrations

# A schakelfunctionaris coordinates nearly every hulpvraag of the omgeving, so omgeving,
# coordinator and status are far from independent. PostgreSQL multiplies their selectivities
# unless told otherwise: at 1M it expected 95 of the 2,901 AANGEMELD hulpvragen she
# coordinates, read them all, probed each one's right and sorted them to show 20 (34 ms);
# with these statistics it walks the index hulpvraag_coordinator in order and stops (2 ms).
NAAM = "hulpvraag_omgeving_coordinator_status"


def maak(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS {NAAM} (dependencies, mcv) "
        "ON omgeving_id, coordinator_id, status FROM hulpvragen_hulpvraag"
    )
    schema_editor.execute("ANALYZE hulpvragen_hulpvraag")


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {NAAM}")


class Migration(migrations.Migration):
    dependencies = [("hulpvragen", "0013_wie_is_aan_zet")]

    operations = [migrations.RunPython(maak, verwijder)]

from django.db import migrations

MAAK = "CREATE INDEX IF NOT EXISTS logregel_tijdstip_brin ON logboek_logregel USING brin (tijdstip)"
WEG = "DROP INDEX IF EXISTS logregel_tijdstip_brin"


def alleen_postgres(sql):
    def uitvoeren(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return uitvoeren


class Migration(migrations.Migration):
    """A BRIN index on tijdstip for the retention's delete by age (PostgreSQL only)."""

    dependencies = [("logboek", "0001_logboek")]

    operations = [migrations.RunPython(alleen_postgres(MAAK), alleen_postgres(WEG))]

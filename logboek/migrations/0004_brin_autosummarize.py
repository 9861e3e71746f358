from django.db import migrations

AAN = "ALTER INDEX IF EXISTS logregel_tijdstip_brin SET (autosummarize = on)"
UIT = "ALTER INDEX IF EXISTS logregel_tijdstip_brin RESET (autosummarize)"


def alleen_postgres(sql):
    def uitvoeren(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return uitvoeren


class Migration(migrations.Migration):
    """Let autovacuum summarise each filled block range of the BRIN index: a range that is not
    summarised matches every query, and the retention would then read the whole table."""

    dependencies = [("logboek", "0003_index_met_id")]

    operations = [migrations.RunPython(alleen_postgres(AAN), alleen_postgres(UIT))]

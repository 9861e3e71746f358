import django.db.models.deletion
from django.db import migrations, models


def vul_omgeving(apps, schema_editor):
    # One statement, also for 164,000 rounds; the same SQL on PostgreSQL and SQLite.
    schema_editor.execute(
        "UPDATE overleg_overlegronde SET omgeving_id = (SELECT h.omgeving_id FROM "
        "hulpvragen_hulpvraag h WHERE h.id = overleg_overlegronde.hulpvraag_id)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("overleg", "0003_versie"),
    ]

    operations = [
        migrations.AddField(
            model_name="overlegronde",
            name="omgeving",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.omgeving",
                verbose_name="omgeving",
            ),
        ),
        migrations.RunPython(vul_omgeving, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="overlegronde",
            name="omgeving",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.omgeving",
                verbose_name="omgeving",
            ),
        ),
        migrations.AddIndex(
            model_name="overlegronde",
            index=models.Index(
                condition=models.Q(("gesloten_op__isnull", True)),
                fields=["omgeving", "einddatum"],
                name="overlegronde_open",
            ),
        ),
    ]

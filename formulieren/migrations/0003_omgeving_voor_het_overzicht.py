import django.db.models.deletion
from django.db import migrations, models


def vul_omgeving(apps, schema_editor):
    # One statement, also for a million forms; the same SQL on PostgreSQL and SQLite.
    schema_editor.execute(
        "UPDATE formulieren_formulier SET omgeving_id = (SELECT h.omgeving_id FROM "
        "hulpvragen_hulpvraag h WHERE h.id = formulieren_formulier.hulpvraag_id)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("formulieren", "0002_standaardformulieren"),
        ("hulpvragen", "0006_indexen_voor_schaal"),
    ]

    operations = [
        migrations.AddField(
            model_name="formulier",
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
            model_name="formulier",
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
            model_name="formulier",
            index=models.Index(
                fields=["omgeving", "-gewijzigd_op", "-id"], name="formulier_overzicht"
            ),
        ),
    ]

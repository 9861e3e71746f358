import django.db.models.deletion
from django.db import migrations, models


def vul_omgeving(apps, schema_editor):
    # One statement, also for a million leerlingen; the same SQL on PostgreSQL and SQLite.
    schema_editor.execute(
        "UPDATE leerlingen_leerling SET omgeving_id = (SELECT o.omgeving_id FROM "
        "accounts_organisatie o WHERE o.id = leerlingen_leerling.school_id)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_meldingen_per_mail"),
        ("leerlingen", "0004_zelfde_kind_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="leerling",
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
            model_name="leerling",
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
            model_name="leerling",
            index=models.Index(
                fields=["omgeving", "achternaam", "voornaam", "id"], name="leerling_per_omgeving"
            ),
        ),
    ]

"""Index for "is another hulpvraag of this child open?" (issue 15, hulpvragen.selectors)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hulpvragen", "0009_lijst_index"),
        ("leerlingen", "0003_geboortedatum_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="hulpvraag",
            index=models.Index(fields=["leerling", "status"], name="hulpvraag_leerling_status"),
        ),
    ]

"""Index to find the same child at another school of the omgeving (issue 15)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("leerlingen", "0002_zoekindex"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="leerling",
            index=models.Index(fields=["geboortedatum"], name="leerling_geboortedatum"),
        ),
    ]

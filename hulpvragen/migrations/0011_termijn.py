"""The termijn of a hulpvraag (issue 15, Termijnen): an empty column that werk fills
(werk.termijnen, `manage.py bereken_termijnen`), and a partial index for "te laat".

Adding a column without a default does not rewrite the table on PostgreSQL, and the index over
the rows with a termijn is empty here, so this is quick at any size."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hulpvragen", "0010_tweede_hulpvraag_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="hulpvraag",
            name="termijn",
            field=models.DateField(editable=False, null=True, verbose_name="termijn"),
        ),
        migrations.AddIndex(
            model_name="hulpvraag",
            index=models.Index(
                condition=models.Q(("termijn__isnull", False)),
                fields=["omgeving", "termijn"],
                name="hulpvraag_termijn",
            ),
        ),
    ]

"""One search column per hulpvraag (titel and the leerling's names, Hulpvraag.zoektekst).

The search used to be an OR of four icontains across hulpvraag and leerling, which no index
can answer: a schakelfunctionaris who sees 30,000 hulpvragen had every one of them joined and
compared. On PostgreSQL one GIN index on (omgeving, zoektekst) with trigrams (btree_gin for the
omgeving) now finds a word within the omgeving; it replaces the trigram index on titel (0004).
SQLite, the embedded default, searches the column without an index.
"""

from django.db import migrations, models

from kindkans.zoeken import zoekvorm

PER_KEER = 2000


def vul(apps, schema_editor):
    Hulpvraag = apps.get_model("hulpvragen", "Hulpvraag")
    rijen = (
        Hulpvraag.objects.using(schema_editor.connection.alias)
        .order_by("pk")
        .values_list("pk", "titel", "leerling__voornaam", "leerling__tussenvoegsel", "leerling__achternaam")
    )
    vanaf = 0
    while True:
        deel = list(rijen.filter(pk__gt=vanaf)[:PER_KEER])
        if not deel:
            return
        Hulpvraag.objects.using(schema_editor.connection.alias).bulk_update(
            [Hulpvraag(pk=pk, zoektekst=zoekvorm("\n".join(delen))) for pk, *delen in deel],
            ["zoektekst"],
        )
        vanaf = deel[-1][0]


def maak_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS hulpvraag_zoektekst_trgm "
        "ON hulpvragen_hulpvraag USING gin (omgeving_id, zoektekst gin_trgm_ops)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS hulpvraag_titel_trgm")


def verwijder_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS hulpvraag_zoektekst_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS hulpvraag_titel_trgm "
        "ON hulpvragen_hulpvraag USING gin (UPPER(titel) gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("hulpvragen", "0007_rechten_vaker_opgeruimd")]

    operations = [
        migrations.AddField(
            model_name="hulpvraag",
            name="zoektekst",
            field=models.TextField(default="", editable=False, verbose_name="zoektekst"),
        ),
        migrations.RunPython(vul, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(maak_index, verwijder_index, elidable=False),
    ]

from django.db import migrations

VAST = [
    (
        "aanmelding",
        "Aanmelding bij het Team Schoolondersteuning",
        "De school bespreekt de hulpvraag over uw kind met het Team Schoolondersteuning van het "
        "samenwerkingsverband. Samen zoeken zij uit welke hulp of ondersteuning past.",
        10,
    ),
    (
        "delen",
        "Delen van het dossier met deelnemers van een overlegronde",
        "De school of het samenwerkingsverband mag het dossier van uw kind laten lezen door "
        "mensen van buiten de school die meedenken, bijvoorbeeld van het wijkteam of de "
        "jeugdhulp. Zij kunnen het dossier dan korte tijd lezen, hoogstens twee weken.",
        20,
    ),
]


def maak(apps, schema_editor):
    Toestemmingssoort = apps.get_model("ouders", "Toestemmingssoort")
    for code, naam, uitleg, volgorde in VAST:
        Toestemmingssoort.objects.update_or_create(
            omgeving=None, code=code, defaults={"naam": naam, "uitleg": uitleg, "volgorde": volgorde}
        )


class Migration(migrations.Migration):
    dependencies = [("ouders", "0001_initial")]
    operations = [migrations.RunPython(maak, migrations.RunPython.noop)]

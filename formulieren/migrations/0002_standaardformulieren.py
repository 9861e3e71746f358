"""Ship 'Team Schoolondersteuning' and 'Betrokkenheid SMW/CJG/BPO' to every existing omgeving.

Omgevingen made later get them from formulieren.signals (installeer_standaardformulieren).
"""

from django.db import migrations

from formulieren import standaard


def installeer(apps, schema_editor):
    Omgeving = apps.get_model("accounts", "Omgeving")
    FormulierDefinitie = apps.get_model("formulieren", "FormulierDefinitie")
    Veld = apps.get_model("formulieren", "Veld")
    for omgeving_id in Omgeving.objects.values_list("pk", flat=True):
        standaard.installeer(omgeving_id, FormulierDefinitie, Veld)


def verwijder(apps, schema_editor):
    # Back out only definitions that were never filled in.
    FormulierDefinitie = apps.get_model("formulieren", "FormulierDefinitie")
    FormulierDefinitie.objects.filter(
        naam__in=list(standaard.DEFINITIES), formulieren__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("formulieren", "0001_initial"),
    ]

    operations = [migrations.RunPython(installeer, verwijder)]

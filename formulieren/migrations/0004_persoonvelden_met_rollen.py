"""Issue 14, item 5: a persoon field names the rollen it offers in its keuzes.

The standard fields of every existing omgeving get the rollen they ship with now; a field the
beheerder already gave keuzes, or a definition they renamed, is left alone. Forms filled before
keep the field set they were filled against (Formulier.veldenset), so they offer as before.
"""

from django.db import migrations, models

# (definition name, field sleutel) -> keuzes; frozen here so a later change of
# formulieren.standaard never changes what this migration did.
PERSOONVELDEN = {
    ("Team Schoolondersteuning", "contactpersoon"): "ib_coo",
    ("Betrokkenheid SMW/CJG/BPO", "naam-betrokkene"): (
        "regierolhouder\nschakelfunctionaris_verbinding"
    ),
}


def zet_rollen(apps, schema_editor):
    Veld = apps.get_model("formulieren", "Veld")
    for (naam, sleutel), keuzes in PERSOONVELDEN.items():
        # The sleutel never changes once made, so it finds the field whatever its label now.
        Veld.objects.filter(
            definitie__naam=naam, sleutel=sleutel, type="persoon", keuzes=""
        ).update(keuzes=keuzes)


def wis_rollen(apps, schema_editor):
    # Before this migration a persoon field had no keuzes (the admin refused them).
    Veld = apps.get_model("formulieren", "Veld")
    for (naam, sleutel), keuzes in PERSOONVELDEN.items():
        Veld.objects.filter(
            definitie__naam=naam, sleutel=sleutel, type="persoon", keuzes=keuzes
        ).update(keuzes="")


class Migration(migrations.Migration):
    dependencies = [
        ("formulieren", "0003_omgeving_voor_het_overzicht"),
    ]

    operations = [
        migrations.AlterField(
            model_name="veld",
            name="keuzes",
            field=models.TextField(
                blank=True,
                help_text="Bij een keuze uit een lijst: één keuze per regel. Bij een persoon: "
                "wie het veld aanbiedt, één rol per regel: ib_coo (de IB/COO van de school van "
                "de leerling), schakelfunctionaris_verbinding en/of regierolhouder; leeg biedt "
                "ze alle drie.",
                verbose_name="keuzes",
            ),
        ),
        migrations.RunPython(zet_rollen, wis_rollen),
    ]

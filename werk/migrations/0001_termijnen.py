"""Termijnen per omgeving (issue 15): school days an SWV-beheerder sets in the beheer."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_sessie_versie"),
    ]

    operations = [
        migrations.CreateModel(
            name="Termijnen",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "aanpak_bevestigen",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="Zoveel schooldagen na het toevoegen van een aanpak bevestigt de behandelaar (regierolhouder) de aanpak door de status op GEAGENDEERD te zetten. In schooldagen: maandag tot en met vrijdag, zonder de landelijke feestdagen (schoolvakanties tellen wel mee). Standaard 5, hoogstens 40.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(40),
                        ],
                        verbose_name="aanpak bevestigen binnen",
                    ),
                ),
                (
                    "aangemeld",
                    models.PositiveSmallIntegerField(
                        default=10,
                        help_text="Zoveel schooldagen na het aanmaken mag een hulpvraag op AANGEMELD blijven staan; daarna is de hulpvraag te laat. In schooldagen: maandag tot en met vrijdag, zonder de landelijke feestdagen (schoolvakanties tellen wel mee). Standaard 10, hoogstens 60.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(60),
                        ],
                        verbose_name="hoogstens op AANGEMELD",
                    ),
                ),
                (
                    "overleg_herinnering",
                    models.PositiveSmallIntegerField(
                        default=2,
                        help_text="Zoveel schooldagen vóór de einddatum van een overlegronde krijgen deelnemers die nog niet gereageerd hebben een herinnering. In schooldagen: maandag tot en met vrijdag, zonder de landelijke feestdagen (schoolvakanties tellen wel mee). Standaard 2, hoogstens 10.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(10),
                        ],
                        verbose_name="herinnering overlegronde",
                    ),
                ),
                (
                    "omgeving",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="termijnen",
                        to="accounts.omgeving",
                        verbose_name="omgeving",
                    ),
                ),
            ],
            options={
                "verbose_name": "termijnen",
                "verbose_name_plural": "termijnen",
            },
        ),
    ]

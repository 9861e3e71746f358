"""The recht bekijk_logboek (tab Logboek), and the rows existing hulpvragen need for it.

toegang.RECHTEN gives bekijk_logboek to the school (IB/COO) and the coördinator: exactly the
relations that also hold change_hulpvraag. So every stored change_hulpvraag row gets its
bekijk_logboek twin here, which is what a recompute of every hulpvraag (synchroniseer_toegang)
would write, in a few statements instead of one recompute per hulpvraag. The admin action
"Toegang opnieuw berekenen uit de relaties" does the full recompute if ever in doubt.
"""

from django.db import migrations

RECHT = "bekijk_logboek"
NAAM = "Logboek van de hulpvraag bekijken"


def geef_logboekrecht(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    HulpvraagRecht = apps.get_model("hulpvragen", "HulpvraagRecht")
    wijzigen = HulpvraagRecht.objects.filter(
        permission__content_type__app_label="hulpvragen",
        permission__content_type__model="hulpvraag",
        permission__codename="change_hulpvraag",
    )
    if not wijzigen.exists():
        return  # a new database: post_migrate makes the permission, the services the rows
    # Permissions are made after all migrations (post_migrate); this one is needed now.
    content_type, _ = ContentType.objects.get_or_create(app_label="hulpvragen", model="hulpvraag")
    recht, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=RECHT, defaults={"name": NAAM}
    )
    al = set(
        HulpvraagRecht.objects.filter(permission=recht).values_list("user_id", "content_object_id")
    )
    HulpvraagRecht.objects.bulk_create(
        (
            HulpvraagRecht(
                user_id=rij.user_id,
                permission=recht,
                content_object_id=rij.content_object_id,
                geldig_tot=rij.geldig_tot,
            )
            for rij in wijzigen.iterator(chunk_size=2000)
            if (rij.user_id, rij.content_object_id) not in al
        ),
        batch_size=2000,
    )


def neem_logboekrecht_terug(apps, schema_editor):
    HulpvraagRecht = apps.get_model("hulpvragen", "HulpvraagRecht")
    HulpvraagRecht.objects.filter(
        permission__content_type__app_label="hulpvragen", permission__codename=RECHT
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("hulpvragen", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="hulpvraag",
            options={
                "ordering": ["-aangemaakt_op", "-pk"],
                "permissions": [
                    ("bekijk_formulieren", "Formulieren van de hulpvraag bekijken"),
                    ("bekijk_aanpak", "Aanpak en leerlinggegevens bekijken"),
                    ("wijzig_status", "Status wijzigen (tussenliggende statussen)"),
                    ("rond_af", "Hulpvraag afronden of heropenen"),
                    ("voeg_bijlage_toe", "Bijlagen toevoegen"),
                    ("open_overlegronde", "Overlegronde openen"),
                    ("plaats_reactie", "Reactie plaatsen bij een overlegronde"),
                    ("bekijk_logboek", NAAM),
                ],
                "verbose_name": "hulpvraag",
                "verbose_name_plural": "hulpvragen",
            },
        ),
        migrations.RunPython(geef_logboekrecht, neem_logboekrecht_terug),
    ]

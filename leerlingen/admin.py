from django.contrib import admin

from accounts.admin import OmgevingScopeMixin, RelatedOnly

from .models import Leerling


@admin.register(Leerling)
class LeerlingAdmin(OmgevingScopeMixin, admin.ModelAdmin):
    omgeving_pad = "school__omgeving"
    list_display = [
        "volledige_naam",
        "geboortedatum",
        "school",
        "groep_leerjaar",
        "gecontroleerd_op",
    ]
    list_filter = [("school__omgeving", RelatedOnly), ("school", RelatedOnly), "groep_leerjaar"]
    search_fields = ["voornaam", "achternaam", "school__naam"]
    list_select_related = ["school"]
    date_hierarchy = "aangemaakt_op"
    readonly_fields = ["aangemaakt_op", "gewijzigd_op"]
    fieldsets = [
        (
            "Basisgegevens",
            {
                "fields": [
                    ("voornaam", "tussenvoegsel", "achternaam"),
                    "geboortedatum",
                    "straat_huisnummer",
                    ("postcode", "woonplaats"),
                    ("telefoon_ouder_1", "telefoon_ouder_2"),
                ]
            },
        ),
        ("Schoolgegevens", {"fields": ["school", "groep_leerjaar"]}),
        (
            "Actualiteit",
            {"fields": ["gecontroleerd_op", "gecontroleerd_door", "aangemaakt_op", "gewijzigd_op"]},
        ),
    ]

    @admin.display(description="naam", ordering="achternaam")
    def volledige_naam(self, obj):
        return obj.volledige_naam

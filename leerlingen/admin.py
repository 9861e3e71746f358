"""Leerlingen in the beheer. An SWV-beheerder sees only what managing the schools needs: the
name, the school and the groep of the leerlingen of their omgevingen, and moves a leerling to
another school there (the portal cannot: an IB/COO only picks their own school). Birth date,
address and the parents' telephone numbers are for the school and the superuser; every look at
a leerling's page and every change here is in the access log."""

from django import forms
from django.contrib import admin

from accounts.admin import BinnenBeheer, OmgevingScopeMixin
from logboek.beheer import DossierInBeheerMixin

from .models import Leerling

# What a beheerder sees of a leerling, on the list, the page, in a search or a filter.
SCHOOLGEGEVENS = [
    "voornaam",
    "tussenvoegsel",
    "achternaam",
    "school",
    "groep_leerjaar",
    "gecontroleerd_op",
    "gecontroleerd_door",
    "aangemaakt_op",
    "gewijzigd_op",
]


class GroepVanDeSchool(admin.SimpleListFilter):
    """Groep/leerjaar, offered once a school is chosen: a groep belongs to one school, and
    offering the groepen of the whole omgeving read every leerling of it (24,000 in a large
    SWV) on each page of the list."""

    title = "groep/leerjaar"
    parameter_name = "groep_leerjaar"
    school_parameter = "school__id__exact"

    def lookups(self, request, model_admin):
        # An id as the school filter offers it; anything else (a word, a number beyond any
        # id) offers no groepen instead of reaching the database.
        school = forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
        try:
            school_id = school.clean(request.GET.get(self.school_parameter))
        except forms.ValidationError:
            return []
        if school_id is None:
            return []
        groepen = (
            model_admin.get_queryset(request)
            .filter(school_id=school_id)
            .order_by("groep_leerjaar")
            .values_list("groep_leerjaar", flat=True)
            .distinct()
        )
        return [(groep, groep) for groep in groepen]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(groep_leerjaar=self.value())
        return queryset


@admin.register(Leerling)
class LeerlingAdmin(DossierInBeheerMixin, OmgevingScopeMixin, admin.ModelAdmin):
    # Leerling.omgeving, the copy of the school's: the list walks leerling_per_omgeving in
    # name order instead of sorting every leerling of the omgeving.
    omgeving_pad = "omgeving"
    list_display = ["volledige_naam", "school", "groep_leerjaar", "gecontroleerd_op"]
    list_filter = [
        ("omgeving", BinnenBeheer),
        ("school", BinnenBeheer),
        GroepVanDeSchool,
        "aangemaakt_op",
    ]
    search_fields = ["voornaam", "achternaam", "school__naam"]
    filterbare_velden = SCHOOLGEGEVENS
    list_select_related = ["school"]
    # A date filter instead of date_hierarchy, which reads every listed row's date per page.
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
    beheerder_fieldsets = [
        ("Leerling", {"fields": ["volledige_naam"]}),
        ("Schoolgegevens", {"fields": ["school", "groep_leerjaar"]}),
        (
            "Actualiteit",
            {"fields": ["gecontroleerd_op", "gecontroleerd_door", "aangemaakt_op", "gewijzigd_op"]},
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return self.fieldsets
        return self.beheerder_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        return ["volledige_naam", "gecontroleerd_op", "gecontroleerd_door", *self.readonly_fields]

    def has_add_permission(self, request, *args):
        # A new leerling needs the basisgegevens: the school registers it in the portal.
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        # The delete page would name the leerling's hulpvragen (titles) that block it.
        return request.user.is_superuser

    def logboek_verwijzing(self, obj):
        return {"leerling_id": obj.pk}

    @admin.display(description="naam", ordering="achternaam")
    def volledige_naam(self, obj):
        return obj.volledige_naam

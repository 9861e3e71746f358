"""Termijnen in the beheer: the SWV-beheerder sets them for the omgevingen they manage.

An omgeving without a row works with the defaults; adding the row here changes them. Saving
(or deleting) recomputes the termijn of every hulpvraag of the omgeving (werk.signals)."""

from django.contrib import admin

from accounts.admin import BeheerlogMixin, BinnenBeheer, OmgevingScopeMixin

from .models import Termijnen


@admin.register(Termijnen)
class TermijnenAdmin(BeheerlogMixin, OmgevingScopeMixin, admin.ModelAdmin):
    list_display = ["omgeving", "aanpak_bevestigen", "aangemeld", "overleg_herinnering"]
    list_filter = [("omgeving", BinnenBeheer)]
    list_select_related = ["omgeving"]
    ordering = ["omgeving__code"]
    fieldsets = [
        (None, {"fields": ["omgeving"]}),
        (
            "Termijnen in schooldagen",
            {
                "description": "Zolang er voor een omgeving niets is opgeslagen, gelden de "
                "standaardtermijnen. Na opslaan worden de termijnen van alle hulpvragen van de "
                "omgeving opnieuw berekend.",
                "fields": ["aanpak_bevestigen", "aangemeld", "overleg_herinnering"],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # The row belongs to its omgeving: it cannot be moved to another one.
        return ["omgeving"] if obj is not None else []

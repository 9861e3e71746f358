from django.contrib import admin

from hulpvragen.admin import AlleenLezenVoorSuperuser
from logboek.beheer import DossierInBeheerMixin

from .models import Deelname, Overlegronde


class DeelnameInline(admin.TabularInline):
    model = Deelname
    extra = 0
    readonly_fields = ["deelnemer"]
    can_delete = False


@admin.register(Overlegronde)
class OverlegrondeAdmin(DossierInBeheerMixin, AlleenLezenVoorSuperuser, admin.ModelAdmin):
    """Read-only and for superusers only: rounds hold case content; changes go through the
    portal, where access follows them. No titel on the list: opening a round is logged."""

    list_display = ["pk", "hulpvraag_nummer", "einddatum", "gesloten_op", "aangemaakt_door"]
    list_filter = ["einddatum"]
    list_select_related = ["hulpvraag", "aangemaakt_door"]
    inlines = [DeelnameInline]

    @admin.display(description="hulpvraag", ordering="hulpvraag_id")
    def hulpvraag_nummer(self, obj):
        return obj.hulpvraag.nummer

    def logboek_verwijzing(self, obj):
        return {
            "hulpvraag_id": obj.hulpvraag_id,
            "leerling_id": obj.hulpvraag.leerling_id,
            "onderwerp": obj,
        }

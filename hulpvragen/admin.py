"""Hulpvragen hold case content about children: in the admin only the superuser sees them, read
only, to inspect who holds which recht and why. Every change goes through the portal, where the
services keep access in step."""

from django.contrib import admin, messages

from .models import Hulpvraag, HulpvraagRecht, StatusWijziging
from .toegang import synchroniseer_toegang


class AlleenLezenVoorSuperuser:
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatusWijzigingInline(AlleenLezenVoorSuperuser, admin.TabularInline):
    model = StatusWijziging
    extra = 0
    fields = ["op", "van", "naar", "omschrijving", "door"]
    readonly_fields = fields


class RechtInline(AlleenLezenVoorSuperuser, admin.TabularInline):
    """django-guardian's rows for this hulpvraag, as toegang.py derived them."""

    model = HulpvraagRecht
    extra = 0
    fields = ["user", "permission", "geldig_tot"]
    readonly_fields = fields
    verbose_name_plural = "rechten (afgeleid uit de relaties)"


@admin.register(Hulpvraag)
class HulpvraagAdmin(AlleenLezenVoorSuperuser, admin.ModelAdmin):
    list_display = [
        "nummer",
        "titel",
        "leerling",
        "omgeving",
        "status",
        "coordinator",
        "gewijzigd_op",
    ]
    list_filter = ["omgeving", "status"]
    search_fields = ["titel", "leerling__voornaam", "leerling__achternaam"]
    list_select_related = ["leerling", "omgeving", "coordinator"]
    inlines = [StatusWijzigingInline, RechtInline]
    actions = ["toegang_opnieuw_berekenen"]

    @admin.action(description="Toegang opnieuw berekenen uit de relaties")
    def toegang_opnieuw_berekenen(self, request, queryset):
        totaal = [0, 0, 0]
        for hulpvraag in queryset.select_related("leerling"):
            for i, aantal in enumerate(synchroniseer_toegang(hulpvraag)):
                totaal[i] += aantal
        self.message_user(
            request,
            f"Toegang herberekend: {totaal[0]} rechten toegevoegd, {totaal[1]} verwijderd, "
            f"{totaal[2]} gewijzigd.",
            messages.SUCCESS,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if request.user.is_superuser:
            actions["toegang_opnieuw_berekenen"] = self.get_action("toegang_opnieuw_berekenen")
        return actions

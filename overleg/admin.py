from django.contrib import admin

from .models import Deelname, Overlegronde


class DeelnameInline(admin.TabularInline):
    model = Deelname
    extra = 0
    readonly_fields = ["deelnemer"]
    can_delete = False


@admin.register(Overlegronde)
class OverlegrondeAdmin(admin.ModelAdmin):
    """Read-only and for superusers only: rounds hold case content; changes go through the
    portal, where access follows them."""

    list_display = ["titel", "hulpvraag", "einddatum", "gesloten_op", "aangemaakt_door"]
    list_filter = ["einddatum"]
    list_select_related = ["hulpvraag", "aangemaakt_door"]
    inlines = [DeelnameInline]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

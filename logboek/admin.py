from django.contrib import admin

from .models import Logregel


@admin.register(Logregel)
class LogregelAdmin(admin.ModelAdmin):
    """The whole log, read-only, for the superuser (a school sees its own in the portal)."""

    list_display = [
        "tijdstip",
        "gebruiker_naam",
        "rol",
        "omgeving_code",
        "actie",
        "hulpvraag_id",
        "leerling_id",
        "clientadres",
    ]
    list_filter = ["actie", "omgeving_code"]
    search_fields = ["gebruiker_naam", "=hulpvraag_id", "=leerling_id", "=request_id"]
    date_hierarchy = "tijdstip"
    show_full_result_count = False

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

from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.admin import GebruikerAdmin
from accounts.models import Gebruiker

from .models import Beheeractie
from .services import nodig_uit

ACTIES = {ADDITION: "toegevoegd", CHANGE: "gewijzigd", DELETION: "verwijderd"}


class ActieFilter(admin.SimpleListFilter):
    title = "actie"
    parameter_name = "actie"

    def lookups(self, request, model_admin):
        return [(str(waarde), label) for waarde, label in ACTIES.items()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action_flag=self.value())
        return queryset


@admin.register(Beheeractie)
class BeheerlogboekAdmin(admin.ModelAdmin):
    """Who changed what in the beheer, and when; for the superuser only, and never edited.

    Holds Django's own LogEntry rows: every save in the admin (with old → new values for people
    and lidmaatschappen, see accounts.admin.BeheerlogMixin) and what services log through
    accounts.services.log_beheeractie (an invitation sent, a second factor reset).
    """

    list_display = ["tijdstip", "door", "actie", "soort", "object_repr", "bericht"]
    list_filter = [
        ("user", admin.RelatedOnlyFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ActieFilter,
    ]
    search_fields = ["object_repr", "change_message", "user__email", "user__achternaam"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "action_time"
    fields = ["tijdstip", "door", "actie", "soort", "object_id", "object_repr", "bericht"]
    readonly_fields = fields

    @admin.display(description="tijdstip", ordering="action_time")
    def tijdstip(self, obj):
        return obj.action_time

    @admin.display(description="door", ordering="user__achternaam")
    def door(self, obj):
        return f"{obj.user} ({obj.user.email})"

    @admin.display(description="actie", ordering="action_flag")
    def actie(self, obj):
        return ACTIES.get(obj.action_flag, obj.action_flag)

    @admin.display(description="soort", ordering="content_type")
    def soort(self, obj):
        model = obj.content_type.model_class() if obj.content_type else None
        return model._meta.verbose_name if model else ""

    @admin.display(description="wat")
    def bericht(self, obj):
        return obj.get_change_message()

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Replaces accounts' registration: the same page, and on adding a person it sends the
# invitation (this app may use notificaties; accounts may not).
admin.site.unregister(Gebruiker)


@admin.register(Gebruiker)
class UitnodigendeGebruikerAdmin(GebruikerAdmin):
    actions = [*GebruikerAdmin.actions, "uitnodiging_opnieuw_versturen"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # After the lidmaatschappen: the invitation names the omgeving it is for.
            nodig_uit(door=request.user, gebruiker=form.instance)
            self.message_user(
                request,
                f"Uitnodiging per mail verstuurd aan {form.instance.email}.",
                messages.SUCCESS,
            )

    @admin.action(description="Uitnodiging opnieuw versturen")
    def uitnodiging_opnieuw_versturen(self, request, queryset):
        verstuurd, overgeslagen = [], []
        for gebruiker in queryset:
            try:
                nodig_uit(door=request.user, gebruiker=gebruiker)
            except (PermissionDenied, ValidationError):
                overgeslagen.append(str(gebruiker))
            else:
                verstuurd.append(str(gebruiker))
        if verstuurd:
            self.message_user(
                request,
                f"Uitnodiging opnieuw verstuurd aan {', '.join(verstuurd)}.",
                messages.SUCCESS,
            )
        if overgeslagen:
            self.message_user(
                request,
                "Geen uitnodiging verstuurd aan "
                f"{', '.join(overgeslagen)}: alleen voor een actief account dat nog nooit een "
                "wachtwoord heeft ingesteld, en dat u helemaal beheert.",
                messages.WARNING,
            )

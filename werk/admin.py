"""Termijnen in the beheer: the SWV-beheerder sets them for the omgevingen they manage.

An omgeving without a row works with the defaults; adding the row here changes them. Saving
(or deleting) recomputes the termijn of every hulpvraag of the omgeving (werk.signals)."""

from django.contrib import admin

from accounts.admin import BeheerlogMixin, BinnenBeheer, OmgevingScopeMixin

from .models import Herinnering, Termijnen


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


@admin.register(Herinnering)
class HerinneringAdmin(OmgevingScopeMixin, admin.ModelAdmin):
    """The reminders that were sent, read-only: who got which reminder about which termijn, and
    (through its notificatie) how the sending went. Without case content, as the outbox: the
    hulpvraag by its nummer only, for the superuser."""

    omgeving_pad = "hulpvraag__omgeving"
    list_display = ["soort", "ontvanger", "termijn", "verstuurd_op", "verzending"]
    list_filter = ["soort", ("hulpvraag__omgeving", BinnenBeheer), "verstuurd_op"]
    search_fields = ["ontvanger__email", "ontvanger__achternaam"]
    filterbare_velden = ["soort", "hulpvraag", "termijn", "verstuurd_op"]
    list_select_related = ["ontvanger", "notificatie"]

    def get_fields(self, request, obj=None):
        velden = ["soort", "ontvanger", "termijn", "verstuurd_op", "notificatie", "verzending"]
        if request.user.is_superuser:
            velden += ["hulpvraag_nummer", "overlegronde_id"]
        return velden

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description="verzending")
    def verzending(self, obj):
        return obj.notificatie.get_status_display() if obj.notificatie_id else "—"

    @admin.display(description="hulpvraag")
    def hulpvraag_nummer(self, obj):
        return obj.hulpvraag.nummer

    def has_add_permission(self, request, *args):
        # A reminder is the record of a mail the portal sent, never typed in here.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

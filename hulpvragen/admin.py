"""Hulpvragen hold case content about children: in the admin only the superuser sees them, read
only, to inspect who holds which recht and why. Every change goes through the portal, where the
services keep access in step. Opening a hulpvraag here is in the access log."""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers

from logboek.beheer import DossierInBeheerMixin
from logboek.models import Actie

from .models import Hulpvraag, HulpvraagRecht, StatusWijziging
from .toegang import synchroniseer_toegang_van


class AlleenLezenVoorSuperuser:
    def get_queryset(self, request):
        # For anyone else no row exists: every admin URL answers for an existing id exactly as
        # for a missing one, so nobody can count hulpvragen by trying ids.
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.none()

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
class HulpvraagAdmin(DossierInBeheerMixin, AlleenLezenVoorSuperuser, admin.ModelAdmin):
    # No titel and no leerling on the list: content only on the page of one hulpvraag, where
    # the look is logged. Found by its nummer (HV-00042 or 42).
    list_display = ["nummer", "omgeving", "status", "coordinator", "gewijzigd_op"]
    list_filter = ["omgeving", "status"]
    search_fields = ["=pk"]  # shows the search box; get_search_results reads the nummer
    search_help_text = "Zoek op nummer, bijvoorbeeld HV-00042."
    list_select_related = ["omgeving", "coordinator"]
    inlines = [StatusWijzigingInline, RechtInline]
    actions = ["toegang_opnieuw_berekenen"]

    def action_checkbox(self, obj):
        # Django labels each row's box with str(obj), which holds titel and leerling; here the
        # nummer does.
        attrs = {"class": "action-select", "aria-label": f"Selecteer {obj.nummer} voor een actie"}
        return forms.CheckboxInput(attrs, lambda value: False).render(
            helpers.ACTION_CHECKBOX_NAME, str(obj.pk)
        )

    def get_search_results(self, request, queryset, search_term):
        nummer = re.fullmatch(r"\s*(?:HV-)?0*(\d{1,18})\s*", search_term, re.IGNORECASE)
        if search_term and not nummer:
            return queryset.none(), False
        if nummer:
            return queryset.filter(pk=int(nummer.group(1))), False
        return queryset, False

    def logboek_verwijzing(self, obj):
        return {"hulpvraag_id": obj.pk, "leerling_id": obj.leerling_id}

    @admin.action(description="Toegang opnieuw berekenen uit de relaties")
    def toegang_opnieuw_berekenen(self, request, queryset):
        totaal = synchroniseer_toegang_van(queryset)
        for hulpvraag in queryset:
            self.leg_vast_in_logboek(request, hulpvraag, Actie.BEHEER_GEWIJZIGD)
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

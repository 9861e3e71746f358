"""Form definitions for the SWV-beheerder, scoped to the omgevingen they are beheerder of.

Filled forms hold case content about children and are not in the admin; a definition that has
been filled cannot be deleted (switch it off instead), and changing it never changes a filled
form (see models.Formulier.velden_bij_openen).
"""

from django.contrib import admin

from accounts.admin import BinnenBeheer, KeuzeTekstMixin, OmgevingScopeMixin, beheerde_omgeving_ids
from accounts.models import Rol

from .forms import FormulierDefinitieAdminForm, VeldAdminForm, VeldInlineFormSet
from .models import FormulierDefinitie, Veld


class VeldInline(KeuzeTekstMixin, admin.TabularInline):
    """The fields of a definition. Which definitions a beheerder may open at all is decided by
    FormulierDefinitieAdmin; whoever may change the definition may change its fields. Its
    choice list ("Kies een soort veld") and the names of its controls: KeuzeTekstMixin."""

    model = Veld
    form = VeldAdminForm
    formset = VeldInlineFormSet
    extra = 1
    fields = ["volgorde", "label", "type", "verplicht", "helptekst", "keuzes"]

    def _mag(self, request):
        return request.user.is_superuser or (
            request.user.is_active
            and request.user.is_staff
            and bool(beheerde_omgeving_ids(request))
        )

    def has_view_permission(self, request, obj=None):
        return self._mag(request)

    def has_change_permission(self, request, obj=None):
        return self._mag(request)

    def has_add_permission(self, request, obj=None):
        return self._mag(request)

    def has_delete_permission(self, request, obj=None):
        return self._mag(request)


@admin.register(FormulierDefinitie)
class FormulierDefinitieAdmin(OmgevingScopeMixin, admin.ModelAdmin):
    form = FormulierDefinitieAdminForm
    inlines = [VeldInline]
    list_display = ["naam", "omgeving", "rollen_weergave", "aantal_velden", "actief"]
    list_filter = ["actief", ("omgeving", BinnenBeheer)]
    search_fields = ["naam"]
    list_select_related = ["omgeving"]

    @admin.display(description="rollen die het invullen")
    def rollen_weergave(self, obj):
        namen = dict(Rol.choices)
        return ", ".join(namen.get(rol, rol) for rol in obj.rollen) or "—"

    @admin.display(description="velden")
    def aantal_velden(self, obj):
        return obj.velden.count()

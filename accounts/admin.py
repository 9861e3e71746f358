"""The admin for the SWV-beheerder: every row scoped to the omgevingen they are beheerder of."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q

from . import selectors
from .forms import GebruikerAanmaakForm, GebruikerWijzigForm
from .models import Gebruiker, Lidmaatschap, Omgeving, Organisatie

RelatedOnly = admin.RelatedOnlyFieldListFilter


def beheerde_omgeving_ids(request):
    """Ids of the omgevingen where the person in this request is an active SWV-beheerder."""
    if not hasattr(request, "_beheerde_omgeving_ids"):
        request._beheerde_omgeving_ids = selectors.beheerde_omgeving_ids(request.user)
    return request._beheerde_omgeving_ids


class OmgevingScopeMixin:
    """A superuser sees all rows; a beheerder only the rows of their own omgevingen.

    `omgeving_pad` is the lookup from the model to its Omgeving. Foreign-key choices are limited
    through the related model's own admin queryset, so a beheerder can neither see nor pick a row
    of another omgeving.
    """

    omgeving_pad = "omgeving"

    def scope(self, request, queryset):
        return queryset.filter(**{f"{self.omgeving_pad}__in": beheerde_omgeving_ids(request)})

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self.scope(request, queryset)

    def _mag(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not (
            request.user.is_active and request.user.is_staff and beheerde_omgeving_ids(request)
        ):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return self._mag(request)

    def has_view_permission(self, request, obj=None):
        return self._mag(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._mag(request, obj)

    def has_add_permission(self, request, *args):
        return self._mag(request)

    def has_delete_permission(self, request, obj=None):
        return self._mag(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            gerelateerd = self.admin_site._registry.get(db_field.related_model)
            if isinstance(gerelateerd, OmgevingScopeMixin):
                kwargs["queryset"] = gerelateerd.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            gerelateerd = self.admin_site._registry.get(db_field.related_model)
            if isinstance(gerelateerd, OmgevingScopeMixin):
                kwargs["queryset"] = gerelateerd.get_queryset(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Omgeving)
class OmgevingAdmin(OmgevingScopeMixin, admin.ModelAdmin):
    omgeving_pad = "pk"
    list_display = ["code", "naam", "sector", "actief"]
    list_filter = ["sector", "actief"]
    search_fields = ["code", "naam"]

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Organisatie)
class OrganisatieAdmin(OmgevingScopeMixin, admin.ModelAdmin):
    list_display = ["naam", "soort", "brin", "omgeving"]
    list_filter = ["soort", ("omgeving", RelatedOnly)]
    search_fields = ["naam", "brin"]
    list_select_related = ["omgeving"]


class LidmaatschapInline(OmgevingScopeMixin, admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    fields = ["omgeving", "organisatie", "rol", "actief"]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(OmgevingScopeMixin, admin.ModelAdmin):
    list_display = ["gebruiker", "email", "rol", "organisatie", "omgeving", "actief"]
    list_filter = ["rol", "actief", ("omgeving", RelatedOnly), ("organisatie", RelatedOnly)]
    search_fields = [
        "gebruiker__email",
        "gebruiker__voornaam",
        "gebruiker__achternaam",
        "organisatie__naam",
    ]
    list_select_related = ["gebruiker", "organisatie", "omgeving"]
    autocomplete_fields = ["gebruiker"]

    @admin.display(description="e-mailadres", ordering="gebruiker__email")
    def email(self, obj):
        return obj.gebruiker.email


@admin.register(Gebruiker)
class GebruikerAdmin(OmgevingScopeMixin, UserAdmin):
    form = GebruikerWijzigForm
    add_form = GebruikerAanmaakForm
    ordering = ["achternaam", "voornaam"]
    list_display = ["email", "voornaam", "achternaam", "is_active", "last_login"]
    list_filter = [
        "is_active",
        ("lidmaatschappen__omgeving", RelatedOnly),
        "lidmaatschappen__rol",
    ]
    search_fields = ["email", "voornaam", "achternaam"]
    readonly_fields = ["last_login", "date_joined", "is_staff"]
    inlines = [LidmaatschapInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Persoonsgegevens", {"fields": ["voornaam", "achternaam"]}),
        ("Status", {"fields": ["is_active", "is_staff", "last_login", "date_joined"]}),
    ]
    superuser_fieldsets = [
        ("Rechten (alleen superuser)", {"fields": ["is_superuser", "groups", "user_permissions"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "voornaam", "achternaam", "password1", "password2"],
            },
        ),
    ]

    def scope(self, request, queryset):
        # A beheerder sees the people of their omgevingen, and accounts without any
        # lidmaatschap yet (just created, waiting for one); never a superuser.
        return (
            queryset.filter(
                Q(lidmaatschappen__omgeving__in=beheerde_omgeving_ids(request))
                | Q(lidmaatschappen__isnull=True)
            )
            .filter(is_superuser=False)
            .distinct()
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and request.user.is_superuser:
            return [*fieldsets, *self.superuser_fieldsets]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

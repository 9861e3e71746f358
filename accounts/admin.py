"""The admin for the SWV-beheerder: every row scoped to the omgevingen they are beheerder of."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.text import capfirst

from . import regels, selectors, services, tweestaps
from .beheerformulieren import (
    GebruikerAanmaakForm,
    GebruikerWijzigForm,
    LidmaatschapBeheerForm,
    LidmaatschapInlineFormSet,
)
from .models import Gebruiker, Lidmaatschap, Omgeving, Organisatie


class BinnenBeheer(admin.RelatedFieldListFilter):
    """A filter on an omgeving or organisatie that offers those within the omgevingen this
    person manages (every one for a superuser), like RelatedOnlyFieldListFilter keeps other
    omgevingen out of sight, but without reading every listed row to find them (that read all
    notificaties of an omgeving on every page of the list)."""

    def field_choices(self, field, request, model_admin):
        model = field.related_model
        rijen = model._default_manager.complex_filter(field.get_limit_choices_to())
        if not request.user.is_superuser:
            pad = "pk" if model is Omgeving else "omgeving"
            rijen = rijen.filter(**{f"{pad}__in": beheerde_omgeving_ids(request)})
        volgorde = self.field_admin_ordering(field, request, model_admin) or ()
        return [(rij.pk, str(rij)) for rij in rijen.order_by(*volgorde)]


def aangemaakt_in_voor(request):
    """The omgeving a new account is made in: the current one when this person manages it,
    else the first they manage (None for a superuser who manages none)."""
    beheerd = beheerde_omgeving_ids(request)
    huidig = getattr(getattr(request, "omgeving", None), "pk", None)
    if huidig in beheerd:
        return huidig
    return min(beheerd, default=None)


def beheerde_omgeving_ids(request):
    """Ids of the omgevingen where the person in this request is an active SWV-beheerder."""
    if not hasattr(request, "_beheerde_omgeving_ids"):
        request._beheerde_omgeving_ids = selectors.beheerde_omgeving_ids(request.user)
    return request._beheerde_omgeving_ids


class BeheerAutocomplete(AutocompleteSelect):
    """Django's person picker (select2) with our "Kies een …" as its placeholder. Django sets an
    empty one; select2 names its combobox after the text it shows, so an empty picker had no
    name for a screen reader (axe: aria-input-field-name)."""

    def __init__(self, *args, placeholder, **kwargs):
        super().__init__(*args, **kwargs)
        self.placeholder = placeholder

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {
            **super().build_attrs(base_attrs, extra_attrs),
            "data-placeholder": self.placeholder,
        }


class KeuzeTekstMixin:
    """The choice lists of the beheer in the users' words, for every admin and inline.

    - A list starts with "Kies een omgeving", "Kies een soort" … instead of Django's
      "---------" (a field that may stay empty: "(geen)");
    - a beheerder who manages exactly one omgeving finds it chosen already;
    - in a table of rows (a TabularInline) a control has no label of its own, only its column
      heading: it is named after that column (aria-label) for screen readers.
    """

    @staticmethod
    def keuzetekst(db_field):
        return "(geen)" if db_field.blank else f"Kies een {db_field.verbose_name}"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("empty_label", self.keuzetekst(db_field))
        if db_field.related_model is Omgeving and not request.user.is_superuser:
            beheerd = beheerde_omgeving_ids(request)
            if len(beheerd) == 1:
                kwargs.setdefault("initial", next(iter(beheerd)))
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BeheerAutocomplete(
                db_field,
                self.admin_site,
                using=kwargs.get("using"),
                placeholder=f"Kies een {db_field.verbose_name}",
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if "choices" not in kwargs and db_field.name not in self.radio_fields:
            # Django's own rule for the empty choice (Field.formfield), with our text.
            leeg = db_field.blank or not (db_field.has_default() or "initial" in kwargs)
            kwargs["choices"] = db_field.get_choices(
                include_blank=leeg, blank_choice=[("", self.keuzetekst(db_field))]
            )
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_action_choices(self, request, default_choices=None):
        # The action choice above a list.
        return super().get_action_choices(request, default_choices=[("", "Kies een actie")])

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(self, admin.TabularInline):
            # Inside Django's RelatedFieldWidgetWrapper when the field is a foreign key.
            widget = getattr(formfield.widget, "widget", formfield.widget)
            widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        # An inline's formset; its box "Verwijderen?" of each row has no label of its own either.
        formset = super().get_formset(request, obj, **kwargs)
        if not isinstance(self, admin.TabularInline):
            return formset

        class MetNamen(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if DELETION_FIELD_NAME in form.fields:
                    form.fields[DELETION_FIELD_NAME].widget.attrs["aria-label"] = "Verwijderen"

        MetNamen.__name__ = formset.__name__
        return MetNamen


class OmgevingScopeMixin(KeuzeTekstMixin):
    """A superuser sees all rows; a beheerder only the rows of their own omgevingen.

    `omgeving_pad` is the lookup from the model to its Omgeving. Foreign-key choices are limited
    through the related model's own admin queryset, so a beheerder can neither see nor pick a row
    of another omgeving.
    """

    omgeving_pad = "omgeving"
    # With a filter or search on, the list says how many match but not how many there are in
    # all: that second COUNT read every row of the omgeving again (22,000 leerlingen).
    show_full_result_count = False
    # None: Django's own rule. A list of field names: a filter in the URL (?veld__icontains=…)
    # works on these fields only, so a field the page does not show cannot be guessed by
    # counting the rows such a filter leaves.
    filterbare_velden = None

    def lookup_allowed(self, lookup, value, request=None):
        if self.filterbare_velden is not None and (
            lookup.split("__", 1)[0] not in self.filterbare_velden
        ):
            return False
        return super().lookup_allowed(lookup, value, request)

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


class BeheerlogMixin:
    """Every save in this admin goes into the Beheerlogboek saying what changed, old → new.

    Django writes a LogEntry for each save, delete and action; by default it only names the
    changed fields. The history of an object (and so what another beheerder did, perhaps in
    another omgeving) is for the superuser only.
    """

    def construct_change_message(self, request, form, formsets, add=False):
        return wijzigingsbericht(form, formsets or [], toegevoegd=add)

    def history_view(self, request, object_id, extra_context=None):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)


def wijzigingsbericht(form, formsets, *, toegevoegd=False):
    """What a save changed, in the users' words: "Gewijzigd: Actief: ja → nee." and so on."""
    delen = []
    if toegevoegd:
        velden = "; ".join(
            f"{_label(form, naam)}: {_toon(form, naam, form.cleaned_data.get(naam))}"
            for naam in form.changed_data
        )
        delen.append(f"Aangemaakt ({velden})." if velden else "Aangemaakt.")
    elif form.changed_data:
        delen.append(f"Gewijzigd: {_verschillen(form, form.changed_data)}.")
    for formset in formsets:
        naam = formset.model._meta.verbose_name.capitalize()
        gewijzigd = dict((id(obj), velden) for obj, velden in formset.changed_objects)
        for obj in formset.new_objects:
            uit = "" if getattr(obj, "actief", True) else " (niet actief)"
            delen.append(f"{naam} toegevoegd: {obj}{uit}.")
        for rij in formset.initial_forms:
            velden = gewijzigd.get(id(rij.instance))
            if velden:
                delen.append(f"{naam} {rij.instance} gewijzigd: {_verschillen(rij, velden)}.")
        for obj in formset.deleted_objects:
            delen.append(f"{naam} verwijderd: {obj}.")
    return " ".join(delen) or "Opgeslagen zonder wijzigingen."


def _verschillen(form, namen):
    def oud(naam):
        return _toon(form, naam, form.get_initial_for_field(form.fields[naam], naam))

    return "; ".join(
        f"{_label(form, naam)}: {oud(naam)} → {_toon(form, naam, form.cleaned_data.get(naam))}"
        for naam in namen
    )


def _label(form, naam):
    return str(form.fields[naam].label or naam)


def _toon(form, naam, waarde):
    veld = form.fields[naam]
    if isinstance(veld, forms.BooleanField) or isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(veld, forms.ModelMultipleChoiceField):
        namen = sorted(str(_object(veld, w)) for w in waarde or [])
        return ", ".join(namen) or "(geen)"
    if waarde in (None, ""):
        return "(leeg)"
    if isinstance(veld, forms.ModelChoiceField):
        return str(_object(veld, waarde))
    if isinstance(veld, forms.ChoiceField):
        return str(dict(veld.choices).get(waarde, waarde))
    return str(waarde)


def _object(veld, waarde):
    if isinstance(waarde, models.Model):
        return waarde
    return veld.queryset.model._default_manager.filter(pk=waarde).first() or waarde


@admin.register(Omgeving)
class OmgevingAdmin(BeheerlogMixin, OmgevingScopeMixin, admin.ModelAdmin):
    omgeving_pad = "pk"
    list_display = ["code", "naam", "sector", "actief", "toestemming_voor_delen_verplicht"]
    list_filter = ["sector", "actief", "toestemming_voor_delen_verplicht"]
    search_fields = ["code", "naam"]

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Organisatie)
class OrganisatieAdmin(BeheerlogMixin, OmgevingScopeMixin, admin.ModelAdmin):
    list_display = ["naam", "soort", "brin", "omgeving"]
    list_filter = ["soort", ("omgeving", BinnenBeheer)]
    search_fields = ["naam", "brin"]
    list_select_related = ["omgeving"]


class LidmaatschapInline(OmgevingScopeMixin, admin.TabularInline):
    """The lidmaatschappen on a person's page: only those of the beheerder's omgevingen.

    The permissions are asked for the person of the page (not for a lidmaatschap): on their own
    page a beheerder sees their lidmaatschappen, but can add, change or remove none.
    """

    model = Lidmaatschap
    form = LidmaatschapBeheerForm
    formset = LidmaatschapInlineFormSet
    extra = 0
    fields = ["omgeving", "organisatie", "rol", "actief"]

    def _mag(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not beheerde_omgeving_ids(request):
            return False
        return obj is None or not regels.is_eigen_account(door=request.user, gebruiker=obj)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(beheerde_omgeving_ids(request))

    def get_formset(self, request, obj=None, **kwargs):
        # Both classes are made anew for each request, so `door` belongs to this request only.
        formset = super().get_formset(request, obj, **kwargs)
        formset.door = request.user
        formset.form.door = request.user
        return formset


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(BeheerlogMixin, OmgevingScopeMixin, admin.ModelAdmin):
    form = LidmaatschapBeheerForm
    list_display = ["gebruiker", "email", "rol", "organisatie", "omgeving", "actief"]
    list_filter = ["rol", "actief", ("omgeving", BinnenBeheer), ("organisatie", BinnenBeheer)]
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

    def _mag_rij(self, request, obj):
        return regels.mag_lidmaatschap_beheren(
            door=request.user, omgeving=obj.omgeving, gebruiker=obj.gebruiker
        )

    def has_change_permission(self, request, obj=None):
        return self._mag(request, obj) and (obj is None or self._mag_rij(request, obj))

    def has_delete_permission(self, request, obj=None):
        return self._mag(request, obj) and (obj is None or self._mag_rij(request, obj))

    def delete_queryset(self, request, queryset):
        # The action "delete selected" asks permission without a row: check every row.
        if not all(
            self._mag_rij(request, lid) for lid in queryset.select_related("gebruiker", "omgeving")
        ):
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.door = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "gebruiker" and not request.user.is_superuser:
            # Nobody gives themselves a role: their own account is not offered.
            formfield.queryset = formfield.queryset.exclude(pk=request.user.pk)
        return formfield


ALLEEN_LEZEN = (
    "Deze persoon werkt ook in een omgeving die u niet beheert. Naam, e-mailadres en "
    "account kunnen daarom alleen worden gewijzigd door een beheerder van al die omgevingen "
    "samen, of door de functioneel beheerder. De lidmaatschappen in uw eigen omgeving kunt u "
    "hieronder wel beheren."
)
WACHTWOORD_UITLEG = (
    "Beheerders stellen geen wachtwoorden in en zien ze niet. De persoon stelt zelf een "
    "wachtwoord in met de link uit de uitnodiging, of met 'Wachtwoord vergeten?' op de "
    "inlogpagina."
)


class WachtwoordFilter(admin.SimpleListFilter):
    title = "wachtwoord"
    parameter_name = "wachtwoord"

    def lookups(self, request, model_admin):
        return [("nee", "nog niet ingesteld (uitnodiging niet gebruikt)"), ("ja", "ingesteld")]

    def queryset(self, request, queryset):
        # Django marks an unusable password with a leading "!".
        zonder = Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        if self.value() == "nee":
            return queryset.filter(zonder)
        if self.value() == "ja":
            return queryset.exclude(zonder)
        return queryset


# accountbeheer.admin replaces this registration by a subclass that also sends the
# invitation: sending mail is for the apps above notificaties, which accounts does not import.
@admin.register(Gebruiker)
class GebruikerAdmin(BeheerlogMixin, OmgevingScopeMixin, UserAdmin):
    form = GebruikerWijzigForm
    add_form = GebruikerAanmaakForm
    # Django's own add page for users speaks of passwords; there are none to type here.
    add_form_template = None
    change_password_form = None
    ordering = ["achternaam", "voornaam"]
    list_display = ["email", "voornaam", "achternaam", "is_active", "last_login"]
    list_filter = [
        "is_active",
        WachtwoordFilter,
        ("lidmaatschappen__omgeving", BinnenBeheer),
        "lidmaatschappen__rol",
    ]
    search_fields = ["email", "voornaam", "achternaam"]
    readonly_fields = ["wachtwoord", "tweede_factor", "last_login", "date_joined", "is_staff"]
    actions = ["tweede_factor_opnieuw_instellen"]
    # What belongs to the whole account (accounts.regels.mag_account_wijzigen).
    accountvelden = ["email", "voornaam", "achternaam", "is_active"]
    inlines = [LidmaatschapInline]
    fieldsets = [
        (None, {"fields": ["email", "wachtwoord", "tweede_factor"]}),
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
                "description": "Na het opslaan krijgt de persoon een uitnodiging per mail, met "
                "een link om zelf een wachtwoord in te stellen.",
                "fields": ["email", "voornaam", "achternaam"],
            },
        ),
    ]

    def get_urls(self):
        # Without UserAdmin's "<id>/password/": nobody sets another person's password here,
        # superusers neither; people set their own through the invitation or "wachtwoord
        # vergeten".
        return admin.ModelAdmin.get_urls(self)

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied

    def scope(self, request, queryset):
        # A beheerder sees the people of their omgevingen, and the accounts made in one of
        # them that have no lidmaatschap yet; never a superuser. One UNION of ids read through
        # two indexes: no DISTINCT over every column, and no look at every account of the
        # installation (21,000 at a million hulpvragen) for "no lidmaatschap anywhere".
        beheerd = beheerde_omgeving_ids(request)
        # Without the models' ordering: SQLite refuses an ORDER BY inside a UNION.
        leden = Lidmaatschap.objects.filter(omgeving__in=beheerd).order_by().values("gebruiker_id")
        nieuw = (
            Gebruiker.objects.filter(aangemaakt_in__in=beheerd)
            .exclude(Exists(Lidmaatschap.objects.filter(gebruiker=OuterRef("pk"))))
            .order_by()
            .values("pk")
        )
        return queryset.filter(pk__in=leden.union(nieuw), is_superuser=False)

    def mag_account_wijzigen(self, request, obj):
        """accounts.regels.mag_account_wijzigen, asked once per request and person."""
        onthouden = request.__dict__.setdefault("_mag_account_wijzigen", {})
        if obj.pk not in onthouden:
            onthouden[obj.pk] = regels.mag_account_wijzigen(door=request.user, gebruiker=obj)
        return onthouden[obj.pk]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        if not self.mag_account_wijzigen(request, obj):
            naam, opties = fieldsets[0]
            fieldsets = [(naam, {**opties, "description": ALLEEN_LEZEN}), *fieldsets[1:]]
        if request.user.is_superuser:
            fieldsets = [*fieldsets, *self.superuser_fieldsets]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self.mag_account_wijzigen(request, obj):
            return [*self.readonly_fields, *self.accountvelden]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change and not self.mag_account_wijzigen(request, obj):
            # The account's fields were read-only: nothing of the account itself is saved,
            # whatever the POST held. The lidmaatschappen are saved by their inline.
            return
        if not change:
            obj.aangemaakt_in_id = aangemaakt_in_voor(request)
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # Removing an account removes it from every omgeving, with its history there: only a
        # superuser does that. A beheerder switches the account off or ends the lidmaatschap.
        return request.user.is_superuser

    def get_search_results(self, request, queryset, search_term):
        queryset, distinct = super().get_search_results(request, queryset, search_term)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete" and not request.user.is_superuser:
            # The person picker of a lidmaatschap never offers the beheerder's own account.
            queryset = queryset.exclude(pk=request.user.pk)
        return queryset, distinct

    @admin.display(description="tweestapsverificatie")
    def tweede_factor(self, obj):
        if obj.pk is None or not tweestaps.heeft_tweede_factor(obj):
            return "Nog niet ingesteld: de persoon stelt de app in bij de eerste keer inloggen."
        return (
            "Ingesteld. Telefoon kwijt? Kies in de lijst de actie 'Tweestapsverificatie opnieuw "
            "laten instellen'."
        )

    @admin.action(description="Tweestapsverificatie opnieuw laten instellen")
    def tweede_factor_opnieuw_instellen(self, request, queryset):
        gereset, geweigerd = [], []
        for gebruiker in queryset:
            try:
                services.reset_tweede_factor(door=request.user, gebruiker=gebruiker)
            except PermissionDenied:
                geweigerd.append(str(gebruiker))
            else:
                gereset.append(str(gebruiker))
        if gereset:
            self.message_user(
                request,
                f"{', '.join(gereset)} stelt bij de volgende keer inloggen de tweestapsverificatie "
                "opnieuw in; lopende sessies zijn beëindigd.",
                messages.SUCCESS,
            )
        if geweigerd:
            self.message_user(
                request,
                f"Niet gereset: {', '.join(geweigerd)}. Dat account werkt ook in een omgeving die "
                "u niet beheert; vraag de beheerder daar of de functioneel beheerder.",
                messages.WARNING,
            )

    @admin.display(description="wachtwoord")
    def wachtwoord(self, obj):
        if obj.pk is None or not obj.has_usable_password():
            stand = "Nog niet ingesteld: de persoon heeft de uitnodiging nog niet gebruikt."
        else:
            stand = "Ingesteld door de persoon zelf."
        return f"{stand} {WACHTWOORD_UITLEG}"

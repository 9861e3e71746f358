"""Ouders en leerling in the beheer.

The SWV-beheerder defines the kinds of consent of their own omgevingen; the two every omgeving
has (omgeving empty) they see but do not change. Parents, their answers and invitations are case
content about children: only the superuser sees them, read only and without names on the
lists, and every look at one is in the access log (as hulpvragen and overlegrondes)."""

from django.contrib import admin
from django.db.models import Q

from accounts.admin import BeheerlogMixin, OmgevingScopeMixin, beheerde_omgeving_ids
from hulpvragen.admin import AlleenLezenVoorSuperuser
from logboek.beheer import DossierInBeheerMixin

from .models import Toestemming, Toestemmingssoort, Uitnodiging

VASTE_CODES = (Toestemmingssoort.AANMELDING, Toestemmingssoort.DELEN)


@admin.register(Toestemmingssoort)
class ToestemmingssoortAdmin(BeheerlogMixin, OmgevingScopeMixin, admin.ModelAdmin):
    list_display = ["naam", "code", "omgeving_of_overal", "volgorde", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "code"]
    list_select_related = ["omgeving"]
    fields = ["omgeving", "naam", "code", "uitleg", "volgorde", "actief"]

    @admin.display(description="omgeving", ordering="omgeving")
    def omgeving_of_overal(self, obj):
        return obj.omgeving or "elke omgeving (vast)"

    def scope(self, request, queryset):
        # The fixed kinds belong to every omgeving: a beheerder sees them next to their own.
        return queryset.filter(
            Q(omgeving__in=beheerde_omgeving_ids(request)) | Q(omgeving__isnull=True)
        )

    def _eigen(self, request, obj):
        """A beheerder changes only the kinds of their own omgevingen, never a fixed one."""
        if request.user.is_superuser:
            return True
        return obj is None or obj.omgeving_id is not None

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._eigen(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A kind someone answered or was asked about stays, as the record of the question
        # (switch it off instead); the delete page would list the parents' answers.
        if not request.user.is_superuser and obj is None:
            return False
        if obj is not None and self.in_gebruik(obj):
            return False
        return super().has_delete_permission(request, obj) and self._eigen(request, obj)

    @staticmethod
    def in_gebruik(soort):
        return (
            Toestemming.objects.filter(soort=soort).exists()
            or Uitnodiging.soorten.through.objects.filter(toestemmingssoort=soort).exists()
        )

    def get_form(self, request, obj=None, **kwargs):
        basis = super().get_form(request, obj, **kwargs)

        class SoortForm(basis):
            def clean(self):
                gegevens = super().clean()
                if gegevens.get("code") in VASTE_CODES and gegevens.get("omgeving") is not None:
                    self.add_error(
                        "code",
                        "Deze code is van een vaste soort toestemming; kies een andere code.",
                    )
                return gegevens

        SoortForm.__name__ = basis.__name__
        if "omgeving" in SoortForm.base_fields and not request.user.is_superuser:
            # Empty would make a kind for every omgeving: that is the superuser's.
            SoortForm.base_fields["omgeving"].required = True
            SoortForm.base_fields["omgeving"].empty_label = "Kies een omgeving"
        return SoortForm


@admin.register(Toestemming)
class ToestemmingAdmin(DossierInBeheerMixin, AlleenLezenVoorSuperuser, admin.ModelAdmin):
    """The consent records, read only: who answered what, when and how (no names listed)."""

    list_display = ["pk", "hulpvraag_nummer", "soort", "besluit", "wijze", "op", "ingetrokken_op"]
    list_filter = ["besluit", "wijze", "soort"]
    list_select_related = ["hulpvraag", "soort"]

    @admin.display(description="hulpvraag", ordering="hulpvraag_id")
    def hulpvraag_nummer(self, obj):
        return obj.hulpvraag.nummer

    def logboek_verwijzing(self, obj):
        return {
            "hulpvraag_id": obj.hulpvraag_id,
            "leerling_id": obj.hulpvraag.leerling_id,
            "onderwerp": obj,
        }


@admin.register(Uitnodiging)
class UitnodigingAdmin(DossierInBeheerMixin, AlleenLezenVoorSuperuser, admin.ModelAdmin):
    """Invitations to parents, read only: whether the link was used, until when it runs. The
    link and the code are stored nowhere; the code's hash is not shown."""

    list_display = [
        "pk",
        "hulpvraag_nummer",
        "doel",
        "aangemaakt_op",
        "geldig_tot",
        "link_gebruikt_op",
        "ingetrokken_op",
    ]
    list_filter = ["doel"]
    list_select_related = ["hulpvraag"]
    exclude = ["code_hash"]

    @admin.display(description="hulpvraag", ordering="hulpvraag_id")
    def hulpvraag_nummer(self, obj):
        return obj.hulpvraag.nummer

    def logboek_verwijzing(self, obj):
        return {
            "hulpvraag_id": obj.hulpvraag_id,
            "leerling_id": obj.hulpvraag.leerling_id,
            "onderwerp": obj,
        }

"""The beheer (Django admin) and the access log: a look at or a change of case content there is
a row in the log, as in the portal, whoever looks (the superuser as well)."""

from .models import Actie
from .services import leg_vast


class DossierInBeheerMixin:
    """For the ModelAdmin of a model with case content (a hulpvraag, a leerling, a mail…).

    Its change page writes BEHEER_BEKEKEN each time it is shown (also when a save is refused and
    the page comes back), every save BEHEER_GEWIJZIGD, in the transaction of the save.
    `logboek_verwijzing(obj)` says what the row names: hulpvraag_id, leerling_id, onderwerp.
    """

    def logboek_verwijzing(self, obj):
        raise NotImplementedError

    def leg_vast_in_logboek(self, request, obj, actie):
        leg_vast(request, actie=actie, **self.logboek_verwijzing(obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if not add and obj is not None:
            self.leg_vast_in_logboek(request, obj, Actie.BEHEER_BEKEKEN)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.leg_vast_in_logboek(request, obj, Actie.BEHEER_GEWIJZIGD)

    def delete_model(self, request, obj):
        self.leg_vast_in_logboek(request, obj, Actie.BEHEER_GEWIJZIGD)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.leg_vast_in_logboek(request, obj, Actie.BEHEER_GEWIJZIGD)
        super().delete_queryset(request, queryset)

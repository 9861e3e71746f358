from django.contrib import admin, messages

from accounts.admin import BinnenBeheer, OmgevingScopeMixin
from logboek.beheer import DossierInBeheerMixin

from .catalogus import voorbeeld_context
from .geheime_links import heeft_geheime_link, mag_eigen_tekst
from .models import MailSjabloon, Notificatie
from .services import verstuur_opnieuw

# What anyone with the omgeving in their beheer sees of a mail: who got which kind, and how the
# sending went.
VERLOOP = [
    "soort",
    "ontvanger",
    # A parent has no account: their name and address (ouders).
    "naam",
    "adres",
    "omgeving",
    "status",
    "pogingen",
    "laatste_fout",
    "aangemaakt_op",
    "volgende_poging_op",
    "verstuurd_op",
    "gelezen_op",
    # A melding that went out in a daily overview, and the day an overview is of.
    "overzicht",
    "overzichtsdatum",
]
# What a mail says is case content (leerling names, titles, omschrijvingen): only the superuser
# sees it, on the change page, where the look is logged. The HTML part (the same text) nobody.
INHOUD = ["onderwerp", "tekst", "link", "pad"]


@admin.register(Notificatie)
class NotificatieAdmin(DossierInBeheerMixin, OmgevingScopeMixin, admin.ModelAdmin):
    """The outbox, read-only. A row is the record of what was sent to whom: nobody deletes it
    here, the superuser neither (and so an account that received mail is switched off, not
    deleted)."""

    # No content on the list, in the search or in a filter, for anyone: content is only on the
    # change page, where looking at it is logged.
    list_display = [
        "soort",
        "aan",
        "omgeving",
        "status",
        "pogingen",
        "aangemaakt_op",
        "verstuurd_op",
    ]
    list_filter = ["status", "soort", ("omgeving", BinnenBeheer), "aangemaakt_op"]
    search_fields = ["ontvanger__email", "ontvanger__achternaam", "adres"]
    filterbare_velden = VERLOOP
    list_select_related = ["ontvanger", "omgeving"]
    # No date_hierarchy: it reads the dates of every listed mail on every page; the date filter
    # (today, past 7 days, this month, this year) reads none.
    actions = ["opnieuw_versturen"]

    @admin.display(description="ontvanger", ordering="ontvanger")
    def aan(self, obj):
        return obj.ontvanger_tekst

    def get_fields(self, request, obj=None):
        velden = [*VERLOOP, *INHOUD] if request.user.is_superuser else VERLOOP
        if obj is not None:
            weg = set()
            if obj.volgende_poging is None:
                # Sent, mislukt or going in a daily overview: there is no next attempt to show.
                weg.add("volgende_poging_op")
            if obj.status in (obj.Status.WACHT_OP_OVERZICHT, obj.Status.IN_OVERZICHT):
                # Never sent by itself: its attempts are those of its overview.
                weg |= {"pogingen", "laatste_fout", "verstuurd_op"}
            if obj.overzicht_id is None:
                weg.add("overzicht")
            if obj.overzichtsdatum is None:
                weg.add("overzichtsdatum")
            velden = [veld for veld in velden if veld not in weg]
        return velden

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def logboek_verwijzing(self, obj):
        # A mail has no foreign key to its hulpvraag: the row names the notificatie itself.
        return {"onderwerp": obj}

    def has_add_permission(self, request, *args):
        # A notification is the record of an action in the portal, never typed in here.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Opnieuw versturen")
    def opnieuw_versturen(self, request, queryset):
        opnieuw = verstuur_opnieuw(door=request.user, notificaties=queryset)
        self.message_user(
            request,
            f"{len(opnieuw)} notificatie(s) staan opnieuw klaar om te versturen.",
            messages.SUCCESS,
        )

    def get_actions(self, request):
        # The action must stay available although rows cannot be changed by hand.
        actions = super().get_actions(request)
        if self._mag(request):
            actions["opnieuw_versturen"] = self.get_action("opnieuw_versturen")
        return actions


@admin.register(MailSjabloon)
class MailSjabloonAdmin(OmgevingScopeMixin, admin.ModelAdmin):
    list_display = ["soort", "omgeving", "onderwerp"]
    list_filter = ["soort", ("omgeving", BinnenBeheer)]
    search_fields = ["onderwerp", "tekst"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # The mails with a link to set a password keep their fixed text (geheime_links).
        form.base_fields["soort"].choices = [
            (waarde, label)
            for waarde, label in form.base_fields["soort"].choices
            if not heeft_geheime_link(waarde) or mag_eigen_tekst(waarde)
        ]
        soort = obj.soort if obj else None
        variabelen = (
            ", ".join("{{ " + naam + " }}" for naam in sorted(voorbeeld_context(soort)))
            if soort
            else "kies eerst de soort en sla op; de beschikbare variabelen staan dan hier"
        )
        form.base_fields["tekst"].help_text = (
            "Django-sjabloontaal. Beschikbare variabelen: " + variabelen + ", {{ merknaam }}."
        )
        return form

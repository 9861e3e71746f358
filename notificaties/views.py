from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView

from accounts.middleware import omgeving_niet_vereist
from accounts.omgeving import kies_omgeving
from kindkans.paginering import Paginering

from .models import Notificatie
from .selectors import meldingen_voor
from .services import markeer_alles_gelezen, markeer_gelezen


class MeldingenView(ListView):
    """Meldingen: the person's own notifications, newest first, unread marked."""

    template_name = "notificaties/meldingen.html"
    context_object_name = "meldingen"
    paginate_by = 25
    paginator_class = Paginering

    def get_queryset(self):
        return meldingen_voor(gebruiker=self.request.user, omgeving=self.request.omgeving)


class OpenMeldingView(View):
    """The link in a mail: mark it read, switch to its omgeving, go to the page it is about."""

    def get(self, request, pk):
        notificatie = get_object_or_404(Notificatie, pk=pk, ontvanger=request.user)
        if not kies_omgeving(request, notificatie.omgeving_id):
            # The lidmaatschap in that omgeving has ended: nothing to show.
            raise Http404
        markeer_gelezen(door=request.user, notificatie=notificatie)
        if not url_has_allowed_host_and_scheme(notificatie.pad, allowed_hosts=None):
            raise Http404
        return redirect(notificatie.pad)


open_melding = omgeving_niet_vereist(OpenMeldingView.as_view())


class AllesGelezenView(View):
    http_method_names = ["post"]

    def post(self, request):
        aantal = markeer_alles_gelezen(door=request.user, omgeving=request.omgeving)
        messages.success(
            request, f"{aantal} melding{'en' if aantal != 1 else ''} gemarkeerd als gelezen."
        )
        return redirect("notificaties:meldingen")

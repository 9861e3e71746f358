from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from accountbeheer import urls as accountbeheer_urls
from accounts import urls as accounts_urls
from werk.views import StartView

from .views import gezond

admin.site.site_header = "Kindkans beheer"
admin.site.site_title = "Kindkans beheer"
admin.site.index_title = "Beheer van het samenwerkingsverband"

urlpatterns = [
    path("", StartView.as_view(), name="start"),
    # The container health check (plain http, exempt from the https redirect).
    path("gezond/", gezond, name="gezond"),
    # One namespace "accounts": the password pages that mail a link live in accountbeheer.
    path("", include((accounts_urls.urlpatterns + accountbeheer_urls.urlpatterns, "accounts"))),
    path("", include("accounts.urls_tweestaps")),
    path("hulpvragen/", include("hulpvragen.urls")),
    # Formulieren and Overleg hang their pages under a hulpvraag; their own URL files.
    path("", include("formulieren.urls")),
    path("", include("overleg.urls")),
    # Ouders en leerling: the tab and forms of the involved, and the parents' own pages.
    path("", include("ouders.urls")),
    path("ouder/", include("ouders.urls_ouder")),
    path("", include("inzage.urls")),
    path("leerlingen/", include("leerlingen.urls")),
    path("meldingen/", include("notificaties.urls")),
    path("overzicht/", include("overzicht.urls")),
    path("mijn-acties/", include("werk.urls")),
    # The beheer has no login of its own: the portal's, with the second factor.
    path(
        "beheer/login/",
        login_not_required(RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
        name="beheer_login",
    ),
    path("beheer/", admin.site.urls),
]

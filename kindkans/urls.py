from django.contrib import admin
from django.urls import include, path

from .views import StartView

admin.site.site_header = "Kindkans beheer"
admin.site.site_title = "Kindkans beheer"
admin.site.index_title = "Beheer van het samenwerkingsverband"

urlpatterns = [
    path("", StartView.as_view(), name="start"),
    path("", include("accounts.urls")),
    path("hulpvragen/", include("hulpvragen.urls")),
    # Formulieren and Overleg hang their pages under a hulpvraag; their own URL files.
    path("", include("formulieren.urls")),
    path("", include("overleg.urls")),
    path("leerlingen/", include("leerlingen.urls")),
    path("meldingen/", include("notificaties.urls")),
    path("beheer/", admin.site.urls),
]

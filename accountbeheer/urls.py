"""The password pages that work with a mailed link, under the namespace "accounts".

They are joined into accounts' URL list in kindkans/urls.py (accounts cannot import them: they
send mail through notificaties), so the names stay accounts:password_reset and so on.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("wachtwoord-vergeten/", views.WachtwoordVergetenView.as_view(), name="password_reset"),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        views.WachtwoordInstellenView.as_view(),
        name="password_reset_confirm",
    ),
    path("uitnodiging/<uidb64>/<token>/", views.UitnodigingView.as_view(), name="uitnodiging"),
]

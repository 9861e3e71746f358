from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .middleware import omgeving_niet_vereist, tweede_factor_niet_vereist
from .views import InlogView, kies_omgeving_view

app_name = "accounts"

urlpatterns = [
    path("inloggen/", InlogView.as_view(), name="login"),
    path(
        "uitloggen/",
        tweede_factor_niet_vereist(auth_views.LogoutView.as_view()),
        name="logout",
    ),
    path(
        "account/reservecodes/",
        views.ReservecodesView.as_view(),
        name="reservecodes",
    ),
    path("sessie/", views.sessie_status, name="sessie_status"),
    path("sessie/verlengen/", views.sessie_verlengen, name="sessie_verlengen"),
    path("omgeving/", kies_omgeving_view, name="kies_omgeving"),
    path(
        "wachtwoord-wijzigen/",
        omgeving_niet_vereist(
            auth_views.PasswordChangeView.as_view(
                template_name="accounts/wachtwoord_wijzigen.html",
                success_url=reverse_lazy("accounts:password_change_done"),
            )
        ),
        name="password_change",
    ),
    path(
        "wachtwoord-wijzigen/klaar/",
        omgeving_niet_vereist(
            auth_views.PasswordChangeDoneView.as_view(
                template_name="accounts/wachtwoord_gewijzigd.html"
            )
        ),
        name="password_change_done",
    ),
    # accounts:password_reset, accounts:password_reset_confirm and accounts:uitnodiging (they
    # send mail through notificaties) are in accountbeheer/urls.py, joined into this namespace
    # in kindkans/urls.py.
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/wachtwoord_vergeten_verstuurd.html"
        ),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/wachtwoord_ingesteld.html"
        ),
        name="password_reset_complete",
    ),
]

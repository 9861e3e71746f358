from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .middleware import omgeving_niet_vereist
from .views import InlogView, kies_omgeving_view

app_name = "accounts"

urlpatterns = [
    path("inloggen/", InlogView.as_view(), name="login"),
    path(
        "uitloggen/",
        omgeving_niet_vereist(auth_views.LogoutView.as_view()),
        name="logout",
    ),
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
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/wachtwoord_vergeten.html",
            email_template_name="accounts/mail/wachtwoord_vergeten.txt",
            subject_template_name="accounts/mail/wachtwoord_vergeten_onderwerp.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/wachtwoord_vergeten_verstuurd.html"
        ),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/wachtwoord_instellen.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/wachtwoord_ingesteld.html"
        ),
        name="password_reset_complete",
    ),
]

"""django-two-factor-auth's enrolment pages under Dutch paths, in the namespace its views use.

No profile or disable page: the second factor is compulsory; a beheerder resets it.
"""

from django.urls import path

from . import views

app_name = "two_factor"

urlpatterns = [
    path("tweestapsverificatie/instellen/", views.AppInstellenView.as_view(), name="setup"),
    path("tweestapsverificatie/qr-code/", views.QrCodeView.as_view(), name="qr"),
    path(
        "tweestapsverificatie/ingesteld/",
        views.AppIngesteldView.as_view(),
        name="setup_complete",
    ),
]

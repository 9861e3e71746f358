"""The pages of the involved about parents, consent and de stem van de leerling."""

from django.urls import path

from . import views

app_name = "ouders"

urlpatterns = [
    # The tab of the hulpvraag (who see the formulieren).
    path("hulpvragen/<int:pk>/ouders/", views.TabView.as_view(), name="tab"),
    path(
        "hulpvragen/<int:pk>/ouders/toestemming/",
        views.ToestemmingRegistrerenView.as_view(),
        name="toestemming_registreren",
    ),
    path(
        "hulpvragen/<int:pk>/ouders/toestemming/<int:tpk>/intrekken/",
        views.ToestemmingIntrekkenView.as_view(),
        name="toestemming_intrekken",
    ),
    path(
        "hulpvragen/<int:pk>/ouders/uitnodigen/", views.UitnodigenView.as_view(), name="uitnodigen"
    ),
    path(
        "hulpvragen/<int:pk>/ouders/uitnodiging/<int:upk>/stoppen/",
        views.UitnodigingStoppenView.as_view(),
        name="uitnodiging_stoppen",
    ),
    path("hulpvragen/<int:pk>/ouders/stem/", views.StemView.as_view(), name="stem"),
    # A parent into an open overlegronde (from the Overlegronde tab).
    path(
        "hulpvragen/<int:pk>/overlegronde/<int:rpk>/ouder/",
        views.OverlegUitnodigenView.as_view(),
        name="overleg_uitnodigen",
    ),
    # The parents of a leerling, kept by the school's IB/COO (from the leerling's page).
    path("leerlingen/<int:pk>/ouders/nieuw/", views.OuderNieuwView.as_view(), name="ouder_nieuw"),
    path(
        "leerlingen/<int:pk>/ouders/<int:opk>/",
        views.OuderWijzigenView.as_view(),
        name="ouder_wijzigen",
    ),
    path(
        "leerlingen/<int:pk>/ouders/<int:opk>/verwijderen/",
        views.OuderVerwijderenView.as_view(),
        name="ouder_verwijderen",
    ),
]

from django.urls import path

from . import views

app_name = "overleg"

urlpatterns = [
    path("hulpvragen/<int:pk>/overlegronde/", views.OverlegTabView.as_view(), name="tab"),
    path(
        "hulpvragen/<int:pk>/overlegronde/nieuw/",
        views.NieuweOverlegrondeView.as_view(),
        name="nieuw",
    ),
    path(
        "hulpvragen/<int:pk>/overlegronde/<int:rpk>/reactie/",
        views.ReactieView.as_view(),
        name="reactie",
    ),
    path(
        "hulpvragen/<int:pk>/overlegronde/<int:rpk>/einddatum/",
        views.EinddatumView.as_view(),
        name="einddatum",
    ),
    path(
        "hulpvragen/<int:pk>/overlegronde/<int:rpk>/sluiten/",
        views.SluitenView.as_view(),
        name="sluiten",
    ),
]

from django.urls import path

from . import views

app_name = "formulieren"

urlpatterns = [
    path("hulpvragen/<int:pk>/formulieren/", views.FormulierenTabView.as_view(), name="tab"),
    path(
        "hulpvragen/<int:pk>/formulieren/nieuw/",
        views.NieuwFormulierView.as_view(),
        name="nieuw",
    ),
    path(
        "hulpvragen/<int:pk>/formulieren/<int:fpk>/",
        views.FormulierView.as_view(),
        name="formulier",
    ),
    path(
        "hulpvragen/<int:pk>/formulieren/<int:fpk>/wijzigen/",
        views.WijzigFormulierView.as_view(),
        name="wijzigen",
    ),
    path("formulieren/", views.OverzichtView.as_view(), name="overzicht"),
    path("formulieren/nieuw/", views.OverzichtNieuwView.as_view(), name="overzicht_nieuw"),
]

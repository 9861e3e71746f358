from django.urls import path

from . import views, views_logboek

app_name = "hulpvragen"

urlpatterns = [
    path("", views.HulpvraagLijstView.as_view(), name="lijst"),
    path("nieuw/", views.NieuweHulpvraagView.as_view(), name="nieuw"),
    path("<int:pk>/", views.HulpvraagDetailView.as_view(), name="detail"),
    path("<int:pk>/wijzigen/", views.HulpvraagWijzigView.as_view(), name="wijzigen"),
    path("<int:pk>/status/", views.StatusView.as_view(), name="status"),
    path("<int:pk>/coordinator/", views.CoordinatorView.as_view(), name="coordinator"),
    path("<int:pk>/aanpak/", views.AanpakTabView.as_view(), name="aanpak"),
    path("<int:pk>/aanpak/nieuw/", views.AanpakFormView.as_view(), name="aanpak_nieuw"),
    path(
        "<int:pk>/aanpak/<int:apk>/wijzigen/",
        views.AanpakFormView.as_view(),
        name="aanpak_wijzigen",
    ),
    path("<int:pk>/bijlagen/", views.BijlagenTabView.as_view(), name="bijlagen"),
    path("<int:pk>/bijlagen/<int:bpk>/", views.BijlageDownloadView.as_view(), name="bijlage"),
    path(
        "<int:pk>/bijlagen/<int:bpk>/verwijderen/",
        views.BijlageVerwijderView.as_view(),
        name="bijlage_verwijderen",
    ),
    path("<int:pk>/logboek/", views_logboek.LogboekTabView.as_view(), name="logboek"),
]

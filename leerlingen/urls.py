from django.urls import path

from . import views, views_logboek

app_name = "leerlingen"

urlpatterns = [
    path("", views.LeerlingListView.as_view(), name="lijst"),
    path("nieuw/", views.LeerlingCreateView.as_view(), name="nieuw"),
    path("<int:pk>/", views.LeerlingDetailView.as_view(), name="detail"),
    path("<int:pk>/wijzigen/", views.LeerlingUpdateView.as_view(), name="wijzigen"),
    path("<int:pk>/bevestigen/", views.LeerlingBevestigView.as_view(), name="bevestigen"),
    path("<int:pk>/logboek/", views_logboek.LeerlingLogboekView.as_view(), name="logboek"),
]

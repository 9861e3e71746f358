from django.urls import path

from . import views

app_name = "notificaties"

urlpatterns = [
    path("", views.MeldingenView.as_view(), name="meldingen"),
    path("alles-gelezen/", views.AllesGelezenView.as_view(), name="alles_gelezen"),
    path("instellingen/", views.MeldingenPerMailView.as_view(), name="instellingen"),
    path("<int:pk>/", views.open_melding, name="open"),
]

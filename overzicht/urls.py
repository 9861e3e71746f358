from django.urls import path

from . import views

app_name = "overzicht"

urlpatterns = [
    path("", views.OverzichtView.as_view(), name="index"),
    path("<slug:sleutel>.csv", views.CsvView.as_view(), name="csv"),
]

from django.urls import path

from . import views

app_name = "inzage"

urlpatterns = [
    path("leerlingen/<int:pk>/inzage/", views.InzageDownloadView.as_view(), name="download"),
]

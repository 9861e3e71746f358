from django.urls import path

from . import views

app_name = "werk"

urlpatterns = [
    path("reacties/<int:ronde>/", views.ReactiesLezenView.as_view(), name="reacties"),
]

"""The parents' pages, without an account (namespace "ouderportaal", under /ouder/)."""

from django.urls import path

from . import ouderviews

app_name = "ouderportaal"

urlpatterns = [
    # Where a parent's mail is filed in the outbox (no secret); says to use the mail's link.
    path("<int:pk>/", ouderviews.UitnodigingView.as_view(), name="uitnodiging"),
    # The link from the mail: ask for the code, type it in.
    path("<int:pk>/<str:token>/", ouderviews.LinkView.as_view(), name="link"),
    path(
        "<int:pk>/<str:token>/nieuwe-link/", ouderviews.NieuweLinkView.as_view(), name="nieuwe_link"
    ),
    # During a visit: the hulpvraag as a parent reads it, and their answers.
    path("hulpvraag/<int:hulpvraag_id>/", ouderviews.HulpvraagView.as_view(), name="hulpvraag"),
    path(
        "hulpvraag/<int:hulpvraag_id>/toestemming/",
        ouderviews.AntwoordView.as_view(),
        name="antwoord",
    ),
    path(
        "hulpvraag/<int:hulpvraag_id>/toestemming/<int:toestemming_id>/intrekken/",
        ouderviews.IntrekkenView.as_view(),
        name="intrekken",
    ),
    path(
        "hulpvraag/<int:hulpvraag_id>/zienswijze/",
        ouderviews.ZienswijzeView.as_view(),
        name="zienswijze",
    ),
    path(
        "hulpvraag/<int:hulpvraag_id>/bijlagen/<int:bijlage_id>/",
        ouderviews.BijlageView.as_view(),
        name="bijlage",
    ),
    path("klaar/", ouderviews.KlaarView.as_view(), name="klaar"),
]

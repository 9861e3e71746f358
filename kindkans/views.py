from django.views.generic import TemplateView


class StartView(TemplateView):
    """The start page of the current omgeving: who you are here and where to go."""

    template_name = "start.html"

from .acties import vergeet_aantal


class AantalActiesMiddleware:
    """After anything a person changes (a POST), their next page counts Mijn acties afresh
    instead of showing the count kept for the menu (werk.acties.aantal_voor_menu)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        omgeving = getattr(request, "omgeving", None)
        wijziging = request.method not in ("GET", "HEAD", "OPTIONS")
        if wijziging and omgeving is not None and request.user.is_authenticated:
            vergeet_aantal(gebruiker=request.user, omgeving=omgeving)
        return response

"""Middleware of the portal as a whole."""

from django.http import Http404
from django.views.defaults import page_not_found


class NietGevondenMiddleware:
    """A view's Http404 is the portal's refusal of an object the person may not see ("do not
    reveal that it exists", DESIGN.md §4), so it always gets the portal's own Dutch page
    (templates/404.html) with status 404. Without this, DEBUG (on by default) answers with
    Django's English technical page, which names the model, the query and the URL patterns.
    A URL that matches no pattern never reaches a view and keeps Django's own answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None

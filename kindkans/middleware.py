"""Middleware of the portal as a whole."""

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, get_resolver
from django.views.defaults import page_not_found


class NietGevondenMiddleware:
    """Every "not found" gets the portal's own Dutch page (templates/404.html) with status 404,
    also with DEBUG on (the default), where Django would answer with its English technical page:

    - a view's Http404 is the portal's refusal of an object the person may not see ("do not
      reveal that it exists", DESIGN.md §4); Django's page would name the model and the query;
    - a URL that matches no pattern (/formulieren/39/, a mistyped link) never reaches a view;
      Django's page would list every URL pattern of the portal.

    Without DEBUG Django itself renders 404.html for both. A developer who wants the patterns
    reads kindkans/urls.py and the apps' urls.py."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and settings.DEBUG:
            # Only Django's own answer to a URL that resolves to nothing is replaced; a view that
            # answers 404 itself keeps its answer. Outer middleware (CommonMiddleware's
            # APPEND_SLASH redirect) still sees a 404.
            resolver = get_resolver(getattr(request, "urlconf", None))
            try:
                resolver.resolve(request.path_info)
            except Resolver404 as fout:
                return page_not_found(request, fout)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None

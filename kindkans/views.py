from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def csrf_mislukt(request, reason=""):
    """CSRF_FAILURE_VIEW: the form was refused; say why it usually happens and what to do."""
    terug = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        terug = ""
    return render(request, "403_csrf.html", {"terug": terug}, status=403)


@login_not_required
def gezond(request):
    """Health check for the container: the portal answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")

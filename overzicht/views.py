import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views import View

from .rechten import BEPERKT, weergave_van
from .tabellen import overzicht_van


def _overzicht(request):
    """The Overzicht of the current omgeving, or 404 for anyone but the schakelfunctionaris
    verbinding and the SWV-beheerder (as the Formulieren page answers other roles)."""
    weergave = weergave_van(request.lidmaatschappen)
    if weergave is None:
        raise Http404
    return overzicht_van(
        request.omgeving,
        gevraagd_jaar=request.GET.get("schooljaar"),
        beperkt=weergave == BEPERKT,
    )


class OverzichtView(View):
    http_method_names = ["get"]

    def get(self, request):
        return render(request, "overzicht/index.html", {"overzicht": _overzicht(request)})


class CsvView(View):
    """One table of the Overzicht as CSV: the same header and cells as on the page. Semicolons
    and a byte order mark, so Excel with Dutch settings opens it in columns."""

    http_method_names = ["get"]

    def get(self, request, sleutel):
        overzicht = _overzicht(request)
        tabel = overzicht.tabel(sleutel)
        if tabel is None:
            raise Http404
        code = request.omgeving.code
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="overzicht-{code}-{sleutel}-{overzicht.label}.csv"'
        )
        response.write("\ufeff")
        schrijver = csv.writer(response, delimiter=";")
        schrijver.writerow(tabel.kolommen)
        schrijver.writerows(tabel.rijen)
        return response

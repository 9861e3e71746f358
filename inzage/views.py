import tempfile

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View

from leerlingen.selectors import leerlingen_voor
from logboek.models import Actie
from logboek.services import leg_vast

from .export import schrijf_zip
from .selectors import dossier_van

# Up to this size the ZIP stays in memory; larger ones go to a temporary file on disk.
IN_GEHEUGEN_TOT = 8 * 1024 * 1024


class InzageDownloadView(View):
    """Inzage downloaden (AVG): everything about one leerling as a ZIP, for the IB/COO of the
    leerling's school only (404 for anyone else)."""

    http_method_names = ["get"]

    def get(self, request, pk):
        leerling = get_object_or_404(
            leerlingen_voor(gebruiker=request.user, omgeving=request.omgeving), pk=pk
        )
        # Recorded before it is made, so the download is in its own log (and an inzage that
        # cannot be recorded is not handed out).
        leg_vast(request, actie=Actie.INZAGE_GEDOWNLOAD, leerling_id=leerling.pk)
        nu = timezone.localtime()
        # Not a with-block: the response streams it and closes it when done.
        bestand = tempfile.SpooledTemporaryFile(max_size=IN_GEHEUGEN_TOT)  # noqa: SIM115
        try:
            schrijf_zip(dossier_van(leerling=leerling), bestand, gemaakt_op=nu)
            bestand.seek(0)
        except BaseException:
            bestand.close()
            raise
        return FileResponse(
            bestand,
            as_attachment=True,
            filename=f"inzage-{leerling.pk}-{nu:%Y-%m-%d}.zip",
            content_type="application/zip",
        )

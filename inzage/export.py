"""The inzage as one ZIP: index.html (a readable, self-contained summary in Dutch) and the
bijlagen themselves in a folder."""

import shutil
import zipfile

from django.conf import settings
from django.template.loader import render_to_string

# zipfile needs ZIP64 for an entry over 2 GiB; a bijlage is far smaller (BIJLAGE_MAX_MB).
_ZIP64_VANAF = 1 << 31


def schrijf_zip(dossier, doel, *, gemaakt_op):
    """Write the inzage of `dossier` (inzage.selectors.dossier_van) as a ZIP into the binary
    file `doel`. The bijlagen are copied in chunks, never read whole into memory."""
    with zipfile.ZipFile(doel, "w", compression=zipfile.ZIP_DEFLATED) as zip_:
        for hulpvraag_dossier in dossier.hulpvragen:
            for item in hulpvraag_dossier.bijlagen:
                item.aanwezig = _kopieer(item, zip_)
        html = render_to_string(
            "inzage/index.html",
            {
                "dossier": dossier,
                "leerling": dossier.leerling,
                "gemaakt_op": gemaakt_op,
                "merknaam": settings.KINDKANS_MERKNAAM,
            },
        )
        zip_.writestr("index.html", html)
    return doel


def _kopieer(item, zip_):
    """Copy one bijlage into the ZIP; False when its stored file is gone (the summary says so
    instead of the whole inzage failing)."""
    try:
        bron = item.bijlage.bestand.open("rb")
    except FileNotFoundError:
        return False
    with bron, zip_.open(item.pad, "w", force_zip64=item.bijlage.grootte >= _ZIP64_VANAF) as uit:
        shutil.copyfileobj(bron, uit, 1024 * 1024)
    return True

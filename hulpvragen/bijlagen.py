"""The name of an uploaded bijlage as the person's computer sent it.

Django drops every character it cannot print from an uploaded file's name, without a word. Some
of those can disguise a name (a right-to-left override shows `rapport<U+202E>fdp.exe` as
`rapportexe.pdf`): those we keep, so that the form refuses the file and says why.
"""

import html
import unicodedata

from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser

# Unicode bidi controls: embeddings and overrides, isolates, and the two direction marks.
BIDI_TEKENS = frozenset(
    chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F]
)


def is_vermommend(teken):
    """A bidi control or a control character (category Cc: tab, newline, NUL…)."""
    return teken in BIDI_TEKENS or unicodedata.category(teken) == "Cc"


def vermomt_naam(naam):
    return any(is_vermommend(teken) for teken in naam)


class NaamBewarendeParser(MultiPartParser):
    def sanitize_file_name(self, file_name):
        # As Django's own, except that a disguising character stays for the form to refuse.
        file_name = html.unescape(file_name)
        file_name = file_name.rsplit("/")[-1]
        file_name = file_name.rsplit("\\")[-1]
        file_name = "".join(
            teken for teken in file_name if teken.isprintable() or is_vermommend(teken)
        )
        if file_name in {"", ".", ".."}:
            return None
        return file_name


class NaamBewarendeUpload(FileUploadHandler):
    """Parses the whole request with NaamBewarendeParser and the request's other handlers.

    It must be first in request.upload_handlers before anything reads request.POST (the CSRF
    check too): Django lets the first handler that answers handle_raw_input parse the request.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        andere = [handler for handler in self.request.upload_handlers if handler is not self]
        return NaamBewarendeParser(META, input_data, andere, encoding).parse()

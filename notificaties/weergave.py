"""Rendering a mail's subject, text and HTML from the shipped templates or a beheerder's own."""

from django.conf import settings
from django.template import Context, Engine, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import translation

from .catalogus import sjabloon_map

ONBEKEND = "\x00ONBEKEND\x00"
# A separate engine for beheerder texts: an unknown variable shows up instead of vanishing.
_strenge_engine = Engine(string_if_invalid=ONBEKEND, autoescape=False)
_engine = Engine(autoescape=False)


class SjabloonFout(Exception):
    def __init__(self, veld, bericht):
        super().__init__(bericht)
        self.veld = veld


def _context(context):
    return {"merknaam": settings.KINDKANS_MERKNAAM, **context}


def _eén_regel(onderwerp):
    return " ".join(onderwerp.split())


def render_standaard(soort, context):
    """Subject and text of a kind from templates/notificaties/<soort>/."""
    map_ = sjabloon_map(soort)
    context = _context(context)
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = render_to_string(f"{map_}/onderwerp.txt", context)
        tekst = render_to_string(f"{map_}/tekst.txt", context)
    return _eén_regel(onderwerp), tekst.strip() + "\n"


def render_bronnen(*, onderwerp, tekst, context, streng=False):
    """Subject and text from a beheerder's own template sources.

    With streng=True (on save, with the example context) every error is a SjabloonFout:
    a syntax error, an unknown filter or tag, an error while rendering, or an unknown variable.
    """
    engine = _strenge_engine if streng else _engine
    context = Context(_context(context), autoescape=False)
    uitkomst = {}
    with translation.override(settings.LANGUAGE_CODE):
        for veld, bron in (("onderwerp", onderwerp), ("tekst", tekst)):
            try:
                uitkomst[veld] = engine.from_string(bron).render(context)
            except TemplateSyntaxError as fout:
                raise SjabloonFout(veld, f"De tekst bevat een fout: {fout}") from fout
            except Exception as fout:  # noqa: BLE001 - any failure must be refused on save
                raise SjabloonFout(veld, f"De tekst kan niet worden opgemaakt: {fout}") from fout
            if ONBEKEND in uitkomst[veld]:
                raise SjabloonFout(
                    veld,
                    "De tekst gebruikt een onbekende variabele. Beschikbaar zijn: "
                    + ", ".join(
                        "{{ " + naam + " }}"
                        for naam in sorted(context.flatten())
                        if naam not in {"True", "False", "None"}
                    ),
                )
    return _eén_regel(uitkomst["onderwerp"]), uitkomst["tekst"].strip() + "\n"


def render_html(*, onderwerp, tekst, link):
    """The HTML alternative: the same text, with the link as a button."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "notificaties/mail.html",
            {
                "onderwerp": onderwerp,
                "tekst": tekst,
                "link": link,
                "merknaam": settings.KINDKANS_MERKNAAM,
            },
        )

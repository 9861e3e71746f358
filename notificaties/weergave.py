"""Rendering a mail's subject, text and HTML from the shipped templates or a beheerder's own."""

from django.conf import settings
from django.template import (
    Context,
    Engine,
    Library,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import Lexer, TokenType, filter_re
from django.template.loader import get_template, render_to_string
from django.utils import translation

from .catalogus import sjabloon_map

ONBEKEND = "\x00ONBEKEND\x00"

# What a beheerder's own text may use: only tags and filters whose output is about as long as
# their input. Refused are those that make output out of nothing or multiply it ({% lorem %},
# {% for %}, |stringformat with a width, |ljust, |center, |add with {% with %}…) and those that
# reach outside the mail ({% url %}, {% include %}, {% load %}, {% debug %}).
TOEGESTANE_TAGS = ("if", "comment", "firstof", "now", "spaceless")
# The words that close or continue an allowed tag.
_EIND_EN_TUSSEN = ("elif", "else", "endif", "endcomment", "endspaceless")
TOEGESTANE_FILTERS = (
    "capfirst",
    "cut",
    "date",
    "default",
    "default_if_none",
    "first",
    "last",
    "length",
    "lower",
    "pluralize",
    "slice",
    "time",
    "title",
    "truncatechars",
    "truncatewords",
    "upper",
    "yesno",
)
# Longest own text, as typed and after rendering, in characters; the subject fits its column.
MAX_TEKST = 20_000
MAX_ONDERWERP = 250

_toegestaan = Library()
for _naam in TOEGESTANE_TAGS:
    _toegestaan.tags[_naam] = defaulttags.register.tags[_naam]
for _naam in TOEGESTANE_FILTERS:
    _toegestaan.filters[_naam] = defaultfilters.register.filters[_naam]


class _MailtekstEngine(Engine):
    """An engine that knows only the allowed tags and filters, and no {% load %} libraries."""

    def get_template_builtins(self, builtins):
        return [_toegestaan]

    def get_template_libraries(self, libraries):
        return {}


# Separate engines for beheerder texts; the strict one (on save) shows an unknown variable
# instead of letting it vanish.
_strenge_engine = _MailtekstEngine(string_if_invalid=ONBEKEND, autoescape=False)
_engine = _MailtekstEngine(autoescape=False)


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
        onderwerp = _render_tekstbestand(f"{map_}/onderwerp.txt", context)
        tekst = _render_tekstbestand(f"{map_}/tekst.txt", context)
    return _eén_regel(onderwerp), tekst.strip() + "\n"


def _render_tekstbestand(naam, context):
    # A mail's text part is plain text: "d'Hondt & <zoon>" stays as it is. The HTML part
    # escapes it, once (render_html).
    return get_template(naam).template.render(Context(context, autoescape=False))


def _controleer_taal(veld, bron):
    """Refuse a tag or filter outside the allowed ones, with a message the beheerder can act on."""
    for token in Lexer(bron).tokenize():
        if token.token_type == TokenType.BLOCK:
            delen = token.split_contents()
            if not delen:
                continue
            naam = delen[0]
            if naam not in TOEGESTANE_TAGS and naam not in _EIND_EN_TUSSEN:
                raise SjabloonFout(
                    veld,
                    f"De tekst bevat een fout: {{% {naam} %}} is in een eigen mailtekst niet "
                    "toegestaan. Toegestaan zijn: "
                    + ", ".join("{% " + tag + " %}" for tag in TOEGESTANE_TAGS)
                    + ".",
                )
            expressies = delen[1:]
        elif token.token_type == TokenType.VAR:
            expressies = [token.contents]
        else:
            continue
        for expressie in expressies:
            for deel in filter_re.finditer(expressie):
                naam = deel.group("filter_name")
                if naam and naam not in TOEGESTANE_FILTERS:
                    raise SjabloonFout(
                        veld,
                        f"De tekst bevat een fout: het filter |{naam} is in een eigen mailtekst "
                        "niet toegestaan. Toegestaan zijn: "
                        + ", ".join("|" + filter_ for filter_ in TOEGESTANE_FILTERS)
                        + ".",
                    )


def _getal(aantal):
    return f"{aantal:,}".replace(",", ".")


def render_bronnen(*, onderwerp, tekst, context, streng=False):
    """Subject and text from a beheerder's own template sources.

    Every error is a SjabloonFout: a tag or filter outside the allowed ones, a syntax error, an
    error while rendering, or a result longer than MAX_ONDERWERP / MAX_TEKST; with streng=True
    (on save, with the example context) also an unknown variable.
    """
    engine = _strenge_engine if streng else _engine
    context = Context(_context(context), autoescape=False)
    uitkomst = {}
    with translation.override(settings.LANGUAGE_CODE):
        for veld, bron, maximum in (
            ("onderwerp", onderwerp, MAX_ONDERWERP),
            ("tekst", tekst, MAX_TEKST),
        ):
            if len(bron) > maximum:
                # Refused before rendering: a date format turns one letter into 31 characters.
                raise SjabloonFout(
                    veld,
                    f"De tekst is te lang: {_getal(len(bron))} tekens, ten hoogste "
                    f"{_getal(maximum)} zijn toegestaan.",
                )
            _controleer_taal(veld, bron)
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
            if len(uitkomst[veld]) > maximum:
                raise SjabloonFout(
                    veld,
                    f"De tekst wordt te lang: {_getal(len(uitkomst[veld]))} tekens, ten hoogste "
                    f"{_getal(maximum)} zijn toegestaan.",
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

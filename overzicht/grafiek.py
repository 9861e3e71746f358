"""A horizontal bar chart as plain numbers for an inline SVG (templates/overzicht/grafiek.html).

Server-side, no JavaScript and no style attribute (the CSP allows no inline style): only SVG
geometry attributes and classes from kindkans.css. The chart is aria-hidden; the table under it
holds the same numbers for screen readers and for the CSV.
"""

from dataclasses import dataclass

BREEDTE = 720  # viewBox width
LABELS = 250  # room for the labels left of the bars
TEKST = 110  # room right of the longest bar for its value
RIJ = 28
BALK = 18
BOVEN = 4
MAX_LABEL = 34  # characters of a label in the chart; the table has it in full


@dataclass
class Balk:
    label: str
    tekst: str
    y: int
    breedte: int | None  # None: no bar (a count that is not shown)
    tekst_x: int
    tekst_y: int


@dataclass
class Grafiek:
    breedte: int
    hoogte: int
    as_x: int
    balken: list


def kort(label):
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def staafgrafiek(items, schaal_minimaal=1):
    """items: (label, value or None, text shown after the bar). Bars scale to the largest
    value, but to at least `schaal_minimaal`: a duration of 0.0 days is no full-width bar."""
    grootste = max((w for _, w, _ in items if w is not None), default=0)
    grootste = max(grootste, schaal_minimaal)
    ruimte = BREEDTE - LABELS - TEKST
    balken = []
    for i, (label, waarde, tekst) in enumerate(items):
        y = BOVEN + i * RIJ
        if waarde is None:
            breedte = None
        else:
            # A bar of a small non-zero value stays visible.
            breedte = max(round(waarde / grootste * ruimte), 2 if waarde > 0 else 0)
        balken.append(
            Balk(
                label=kort(label),
                tekst=tekst,
                y=y,
                breedte=breedte,
                tekst_x=LABELS + (breedte or 0) + 8,
                tekst_y=y + BALK - 4,
            )
        )
    return Grafiek(breedte=BREEDTE, hoogte=BOVEN * 2 + len(items) * RIJ, as_x=LABELS, balken=balken)

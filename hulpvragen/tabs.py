"""The tabs of the hulpvraag page. Apps above hulpvragen (formulieren, overleg) add their own
tab here, so this app does not need to know them."""

from dataclasses import dataclass

from django.urls import reverse

from . import toegang


@dataclass(frozen=True)
class Tab:
    naam: str
    url_naam: str
    recht: str
    volgorde: int


_tabs = [
    Tab("Algemeen", "hulpvragen:detail", toegang.ZIEN, 10),
    Tab("Aanpak", "hulpvragen:aanpak", toegang.AANPAK, 30),
    Tab("Bijlagen", "hulpvragen:bijlagen", toegang.ZIEN, 50),
    Tab("Logboek", "hulpvragen:logboek", toegang.LOGBOEK, 90),
]


def registreer_tab(tab):
    if tab not in _tabs:
        _tabs.append(tab)


def naam_van(url_naam):
    """The tab's name for the URL name of its page ('' for a page that is not a tab)."""
    return next((tab.naam for tab in _tabs if tab.url_naam == url_naam), "")


def tabs_voor(hulpvraag, rechten):
    """(naam, url, url_naam) of the tabs this person may open, in order."""
    return [
        (tab.naam, reverse(tab.url_naam, args=[hulpvraag.pk]), tab.url_naam)
        for tab in sorted(_tabs, key=lambda t: t.volgorde)
        if tab.recht in rechten
    ]

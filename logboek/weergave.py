"""The access log as the portal shows it: one page of rows without counting them all, the
filter by person, and what a row was about in words.

Used by the Logboek tab of a hulpvraag, the log page of a leerling and the inzage; their views
decide who may see which rows.
"""

from dataclasses import dataclass

from django import forms
from django.apps import apps

from .selectors import personen_in

PER_PAGINA = 50


def personen_keuzes(regels):
    """[(gebruiker_id, naam)] of everyone in these rows, by name: the choices of the filter.

    A person whose name changed appears once, with every name the rows know."""
    namen = {}
    for gebruiker_id, naam in personen_in(regels):
        if gebruiker_id is not None:
            namen.setdefault(gebruiker_id, set()).add(naam)
    keuzes = [(pk, " / ".join(sorted(n))) for pk, n in namen.items()]
    return sorted(keuzes, key=lambda keuze: (keuze[1].casefold(), keuze[0]))


class LogboekFilter(forms.Form):
    persoon = forms.TypedChoiceField(label="Persoon", required=False, coerce=int, empty_value=None)
    pagina = forms.IntegerField(label="Pagina", required=False, min_value=1)

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].choices = [("", "Iedereen"), *personen]

    def gekozen(self):
        """(gebruiker_id or None, page number) of a valid filter; no filter, page 1 else."""
        if not self.is_bound or not self.is_valid():
            return None, 1
        return self.cleaned_data["persoon"], self.cleaned_data["pagina"] or 1


@dataclass
class Pagina:
    regels: list
    nummer: int
    heeft_volgende: bool

    @property
    def heeft_vorige(self):
        return self.nummer > 1

    @property
    def vorige(self):
        return self.nummer - 1

    @property
    def volgende(self):
        return self.nummer + 1


def pagina(regels, nummer=1, per_pagina=PER_PAGINA):
    """One page of `regels` (ordered newest first) in one query.

    It reads one row more than it shows to know whether there is a next page, so no COUNT over
    all rows of a large hulpvraag is needed (Django's Paginator would count them all).
    """
    begin = (nummer - 1) * per_pagina
    rijen = list(regels[begin : begin + per_pagina + 1])
    beschrijf(rijen)
    return Pagina(regels=rijen[:per_pagina], nummer=nummer, heeft_volgende=len(rijen) > per_pagina)


def _soorten():
    # onderwerp_soort is a model name (leg_vast keeps _meta.model_name): its verbose name is
    # the word users know. Read from the app registry, so the log imports no domain app.
    return {model._meta.model_name: str(model._meta.verbose_name) for model in apps.get_models()}


def beschrijf(regels):
    """Give each row `onderwerp_tekst`: what it was about, in words ("bijlage 12")."""
    soorten = _soorten()
    for regel in regels:
        if regel.onderwerp_soort.startswith("tabblad:"):
            regel.onderwerp_tekst = f"tabblad {regel.onderwerp_soort.removeprefix('tabblad:')}"
        elif regel.onderwerp_soort:
            soort = soorten.get(regel.onderwerp_soort, regel.onderwerp_soort)
            regel.onderwerp_tekst = f"{soort} {regel.onderwerp_id or ''}".strip()
        elif regel.hulpvraag_id is not None:
            regel.onderwerp_tekst = "hulpvraag"
        elif regel.leerling_id is not None:
            regel.onderwerp_tekst = "leerling"
        else:
            regel.onderwerp_tekst = "—"
    return regels

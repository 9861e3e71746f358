"""Checks that apps above overleg add to the opening of an overlegronde (ouders: the parents'
consent), so this app does not need to know them.

A check is `controle(*, hulpvraag, deelnemers)`; it raises ValidationError to refuse the round.
Its `uitleg(hulpvraag)`, when it has one, says on the page beforehand what is missing (or None).
"""

_controles = []


def registreer(controle):
    if controle not in _controles:
        _controles.append(controle)


def controleer(*, hulpvraag, deelnemers):
    for controle in _controles:
        controle(hulpvraag=hulpvraag, deelnemers=deelnemers)


def uitleg(hulpvraag):
    """What the checks say about this hulpvraag before a round is made (a list of texts)."""
    teksten = []
    for controle in _controles:
        uitleg_van = getattr(controle, "uitleg", None)
        tekst = uitleg_van(hulpvraag) if uitleg_van else None
        if tekst:
            teksten.append(tekst)
    return teksten

"""Counting in school days: Monday to Friday, except the Dutch public holidays.

The holidays come from the `holidays` package (holidays.NL), not from a list of our own. Two
things it deliberately does not give us:

- School vacations (herfst-, kerst-, voorjaars-, mei- and zomervakantie) differ per region
  (noord, midden, zuid) and per school board, and are not public holidays: a termijn runs on
  through a vacation. Counting them would need a calendar per school, which is out of scope.
- holidays.NL has Bevrijdingsdag (5 May) only in lustrum years (2025, 2030, …), as the
  national agreements give it as a day off only then; it also has Goede Vrijdag. We follow
  the package rather than correcting it here.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _feestdagen(jaar):
    """The Dutch public holidays of one year, read once per process."""
    return frozenset(holidays.NL(years=jaar))


def is_schooldag(datum: date) -> bool:
    """Monday to Friday and not a Dutch public holiday."""
    return datum.weekday() < 5 and datum not in _feestdagen(datum.year)


def _tel(datum: date, aantal: int, stap: int) -> date:
    if aantal < 0:
        raise ValueError("Het aantal schooldagen kan niet negatief zijn.")
    dag = datum
    while aantal:
        dag += timedelta(days=stap)
        if is_schooldag(dag):
            aantal -= 1
    return dag


def schooldagen_na(datum: date, aantal: int) -> date:
    """The date `aantal` school days after `datum` (`datum` itself does not count, whatever
    day it is): 5 school days after Friday 4 December 2026 is Friday 11 December 2026."""
    return _tel(datum, aantal, 1)


def schooldagen_voor(datum: date, aantal: int) -> date:
    """The date `aantal` school days before `datum` (`datum` itself does not count)."""
    return _tel(datum, aantal, -1)

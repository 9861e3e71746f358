"""School days: Monday to Friday without the Dutch public holidays (holidays.NL)."""

from datetime import date

import pytest

from werk.schooldagen import is_schooldag, schooldagen_na, schooldagen_voor


@pytest.mark.parametrize(
    ("dag", "schooldag"),
    [
        (date(2026, 12, 4), True),  # Friday
        (date(2026, 12, 5), False),  # Saturday
        (date(2026, 12, 6), False),  # Sunday
        (date(2026, 12, 25), False),  # Eerste Kerstdag, a Friday
        (date(2026, 12, 24), True),  # Christmas Eve is a school day
        (date(2026, 4, 3), False),  # Goede Vrijdag (holidays.NL counts it)
        (date(2026, 4, 6), False),  # Tweede Paasdag
        (date(2026, 4, 27), False),  # Koningsdag, a Monday
        (date(2026, 5, 14), False),  # Hemelvaartsdag
        (date(2026, 5, 25), False),  # Tweede Pinksterdag
        (date(2026, 5, 5), True),  # Bevrijdingsdag, not a lustrum year
        (date(2025, 5, 5), False),  # Bevrijdingsdag 2025, a lustrum year
        (date(2027, 1, 1), False),  # Nieuwjaarsdag
    ],
)
def test_is_schooldag(dag, schooldag):
    assert is_schooldag(dag) is schooldag


def test_over_een_weekend():
    # Friday 4 December 2026 + 5 school days: Mon 7 … Fri 11.
    assert schooldagen_na(date(2026, 12, 4), 5) == date(2026, 12, 11)
    assert schooldagen_na(date(2026, 12, 4), 1) == date(2026, 12, 7)
    # Counting starts after the given day, also when that day is in the weekend.
    assert schooldagen_na(date(2026, 12, 5), 1) == date(2026, 12, 7)


def test_over_kerstmis():
    # Fri 25 Dec (Eerste Kerstdag) and Sat 26 Dec (Tweede Kerstdag) 2026, then a Sunday:
    # 21, 22, 23, 24 and then Monday 28.
    assert schooldagen_na(date(2026, 12, 18), 5) == date(2026, 12, 28)
    assert schooldagen_na(date(2026, 12, 24), 1) == date(2026, 12, 28)


def test_over_nieuwjaar_naar_het_volgende_jaar():
    # Fri 1 January 2027 is Nieuwjaarsdag, then a weekend.
    assert schooldagen_na(date(2026, 12, 31), 1) == date(2027, 1, 4)
    # Thu 17 Dec 2026 + 10: 18, 21–24, 28–31, and Mon 4 January 2027.
    assert schooldagen_na(date(2026, 12, 17), 10) == date(2027, 1, 4)


def test_over_pasen_en_koningsdag():
    # Goede Vrijdag 3 April, weekend, Tweede Paasdag 6 April 2026.
    assert schooldagen_na(date(2026, 4, 2), 1) == date(2026, 4, 7)
    # Koningsdag Monday 27 April 2026.
    assert schooldagen_na(date(2026, 4, 24), 1) == date(2026, 4, 28)
    assert schooldagen_na(date(2026, 4, 23), 3) == date(2026, 4, 29)


def test_terugtellen():
    # Before Monday 28 Dec 2026: Sun, Sat (Tweede Kerstdag), Fri (Eerste Kerstdag), Thu 24, Wed 23.
    assert schooldagen_voor(date(2026, 12, 28), 1) == date(2026, 12, 24)
    assert schooldagen_voor(date(2026, 12, 28), 2) == date(2026, 12, 23)
    assert schooldagen_voor(date(2026, 4, 28), 1) == date(2026, 4, 24)
    assert schooldagen_voor(date(2026, 12, 7), 1) == date(2026, 12, 4)


def test_nul_en_negatief():
    assert schooldagen_na(date(2026, 12, 5), 0) == date(2026, 12, 5)
    with pytest.raises(ValueError):
        schooldagen_na(date(2026, 12, 4), -1)

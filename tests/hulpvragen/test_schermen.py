"""Issue 14 on the Hulpvragen list: the table scrolls sideways in its own region on a small
screen, and its dates name the month in full, as every other page does."""

import datetime

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_lijst_in_een_schuifvak_met_volledige_datums(client, ib, maak):
    with time_machine.travel(datetime.datetime(2026, 12, 3, 12), tick=False):
        maak()
        client.force_login(ib)
        pagina = client.get(reverse("hulpvragen:lijst")).content.decode()

    assert (
        '<div class="kk-tabelvak" role="region" aria-label="Hulpvragen" tabindex="0">\n'
        '  <table class="utrecht-table kk-tabel kk-tabel--hulpvragen">'
    ) in pagina
    assert '<td class="utrecht-table__cell kk-tabel__datum">3 december 2026</td>' in pagina
    assert "3 Dec 2026" not in pagina
    assert '<a href="/hulpvragen/" aria-current="page">Hulpvragen</a>' in pagina

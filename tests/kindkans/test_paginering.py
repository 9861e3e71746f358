"""Paginering gives the same pages as Django's Paginator, reading each from the nearer end."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models.functions import Upper
from django.test.utils import CaptureQueriesContext

from kindkans.paginering import Paginering, ZonderTelling
from leerlingen.models import Leerling
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leerlingen():
    """53 leerlingen: achternaam A00…A52, but every three share one (ties in the ordering)."""
    school = OrganisatieFactory()
    for i in range(53):
        LeerlingFactory(school=school, achternaam=f"A{i // 3:02d}", voornaam=f"V{i:02d}")
    return Leerling.objects.filter(school=school).select_related("school")


def namen(pagina):
    return [leerling.voornaam for leerling in pagina.object_list]


def test_pagina_aan_het_begin_in_het_midden_en_aan_het_eind(leerlingen):
    paginering = Paginering(leerlingen.order_by("voornaam"), 25)

    assert namen(paginering.page(1)) == [f"V{i:02d}" for i in range(25)]
    assert namen(paginering.page(2)) == [f"V{i:02d}" for i in range(25, 50)]
    assert namen(paginering.page(3)) == ["V50", "V51", "V52"]
    assert paginering.page(3).has_next() is False
    assert paginering.num_pages == 3


def test_gelijke_waarden_geven_van_voren_en_van_achteren_dezelfde_volgorde(leerlingen):
    # Ordered by achternaam only (the model's ordering adds voornaam; this one does not).
    paginering = Paginering(leerlingen.order_by("-achternaam"), 10)

    gelezen = [naam for nummer in paginering.page_range for naam in namen(paginering.page(nummer))]

    assert len(gelezen) == 53
    assert len(set(gelezen)) == 53
    # Within one achternaam the primary key decides, newest first, on every page.
    assert gelezen[:4] == ["V52", "V51", "V50", "V49"]


def test_de_rijen_van_een_pagina_komen_met_hun_joins(leerlingen):
    paginering = Paginering(leerlingen, 25)
    paginering.count  # noqa: B018 - counted once, as a page view does

    with CaptureQueriesContext(connection) as vragen:
        laatste = paginering.page(3)
        scholen = [leerling.school.naam for leerling in laatste.object_list]

    # One query for the ids (from the end), one for the rows with their school.
    assert len(vragen) == 2
    assert len(scholen) == 3
    assert "DESC" in vragen[0]["sql"].upper()


def test_de_rijen_van_een_pagina_zonder_de_filters_nog_eens(leerlingen):
    # The ids were chosen through every filter; the rows are read by id alone (with the
    # list's joins and annotations), so a search is not run a second time for 25 rows.
    gezocht = leerlingen.filter(voornaam__contains="V1").annotate(n=Upper("voornaam"))
    paginering = Paginering(gezocht.order_by("voornaam"), 5)
    paginering.count  # noqa: B018 - counted once, as a page view does

    with CaptureQueriesContext(connection) as vragen:
        pagina = paginering.page(2)
        gelezen = [(leerling.voornaam, leerling.n, leerling.school.pk) for leerling in pagina]

    school = leerlingen.first().school.pk
    assert gelezen == [(f"V{i}", f"V{i}", school) for i in range(15, 20)]
    ids, rijen = (v["sql"] for v in vragen.captured_queries)
    assert "V1" in ids and "LIKE" in ids.upper()
    assert "LIKE" not in rijen.upper()
    assert "UPPER" in rijen.upper() and "JOIN" in rijen.upper()


def test_de_rijen_met_distinct_wel_met_de_filters(leerlingen):
    gezocht = leerlingen.filter(voornaam__contains="V1").distinct().order_by("voornaam")
    paginering = Paginering(gezocht, 5)

    with CaptureQueriesContext(connection) as vragen:
        pagina = paginering.page(1)

    assert namen(pagina) == ["V10", "V11", "V12", "V13", "V14"]
    assert "LIKE" in vragen.captured_queries[-1]["sql"].upper()


def test_met_maximaal_telt_en_bladert_tot_daar(leerlingen):
    paginering = Paginering(leerlingen.order_by("voornaam"), 4, maximaal=10)

    with CaptureQueriesContext(connection) as vragen:
        assert paginering.count == 10
        assert paginering.afgekapt is True
        assert paginering.num_pages == 3
        # The last page it offers is rows 9 and 10 counted from the front, not the list's end.
        assert namen(paginering.page(paginering.num_pages)) == ["V08", "V09"]
        assert namen(paginering.page(1)) == ["V00", "V01", "V02", "V03"]
    # One read of the first 11 ids in order (no COUNT), then one per page for its rows.
    assert len(vragen) == 3
    assert "LIMIT 11" in vragen[0]["sql"].upper()
    assert "COUNT" not in vragen[0]["sql"].upper()
    with pytest.raises(EmptyPage):
        paginering.page(4)


def test_met_maximaal_boven_het_aantal_is_alles_zoals_zonder(leerlingen):
    paginering = Paginering(leerlingen.order_by("voornaam"), 25, maximaal=53)

    assert paginering.count == 53
    assert paginering.afgekapt is False
    assert namen(paginering.page(paginering.num_pages)) == ["V50", "V51", "V52"]


def test_een_lijst_zonder_queryset_werkt_zoals_bij_django():
    assert list(Paginering(list(range(30)), 25).page(2).object_list) == [25, 26, 27, 28, 29]


def test_zonder_telling_bladert_zonder_count(leerlingen):
    paginering = ZonderTelling(leerlingen.order_by("voornaam"), 25)

    with CaptureQueriesContext(connection) as vragen:
        eerste = paginering.page(1)
        laatste = paginering.page(3)

    assert [v for v in vragen if "COUNT(" in v["sql"].upper()] == []
    assert len(vragen) == 2
    assert namen(eerste)[:2] == ["V00", "V01"]
    assert eerste.has_next() and not eerste.has_previous()
    assert eerste.next_page_number() == 2
    assert namen(laatste) == ["V50", "V51", "V52"]
    assert not laatste.has_next() and laatste.previous_page_number() == 2
    with pytest.raises(EmptyPage):
        paginering.page(4)
    with pytest.raises(PageNotAnInteger):
        paginering.page("x")

"""Who sees more than the Hulpvragen list shows gets it through a rights check per row
(toegang.met_recht(per_rij=True)): the same hulpvragen as the usual check, never more."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap
from hulpvragen import toegang
from hulpvragen.selectors import zichtbare_hulpvragen
from hulpvragen.views import HulpvraagLijstView

pytestmark = pytest.mark.django_db


def na(dag):
    """Noon of the day after `dag`, in the portal's time zone."""
    return datetime.datetime.combine(
        dag + datetime.timedelta(days=1), datetime.time(12), tzinfo=timezone.get_current_timezone()
    )


@pytest.fixture
def drie(maak):
    return [maak(titel=f"Hulpvraag {i}") for i in range(3)]


def test_ziet_veel_telt_alleen_het_recht_zelf(ib, drie):
    # The IB/COO holds several rechten on each of the three; only ZIEN is counted.
    assert toegang.ziet_veel(ib, toegang.ZIEN, 2) is True
    assert toegang.ziet_veel(ib, toegang.ZIEN, 3) is False


def test_ziet_veel_telt_geen_verlopen_recht(po, drie, maak_lid, registreer_relatie):
    extern = maak_lid(po, "externe_deelnemer")
    eind = timezone.localdate() + datetime.timedelta(days=7)
    for hulpvraag in drie[:2]:
        registreer_relatie(hulpvraag, extern, geldig_tot=eind)
        toegang.synchroniseer_toegang(hulpvraag)
    assert toegang.ziet_veel(extern, toegang.ZIEN, 1) is True
    with time_machine.travel(na(eind), tick=False):
        assert toegang.ziet_veel(extern, toegang.ZIEN, 1) is False


@pytest.mark.parametrize("per_rij", [False, True])
def test_per_rij_ziet_wat_de_gewone_controle_ziet(
    po, ib, ib_andere_school, drie, maak_lid, registreer_relatie, per_rij
):
    extern = maak_lid(po, "externe_deelnemer")
    eind = timezone.localdate() + datetime.timedelta(days=7)
    registreer_relatie(drie[0], extern, geldig_tot=eind)
    toegang.synchroniseer_toegang(drie[0])

    def ziet(persoon):
        return set(zichtbare_hulpvragen(gebruiker=persoon, omgeving=po, per_rij=per_rij))

    assert ziet(ib) == set(drie)
    assert ziet(ib_andere_school) == set()
    assert ziet(extern) == {drie[0]}
    with time_machine.travel(na(eind), tick=False):
        assert ziet(extern) == set()
    # A lidmaatschap switched off counts at once, before any recompute.
    Lidmaatschap.objects.filter(gebruiker=ib).update(actief=False)
    assert ziet(ib) == set()


def test_de_lijst_van_wie_veel_ziet(client, ib, drie, monkeypatch, django_assert_num_queries):
    # With a maximum of 2 the IB/COO "sees many": the list walks its rows with a check each.
    monkeypatch.setattr(HulpvraagLijstView, "maximaal", 2)
    client.force_login(ib)
    client.get(reverse("hulpvragen:lijst"))
    with django_assert_num_queries(9) as vragen:
        antwoord = client.get(reverse("hulpvragen:lijst"))
    assert [hv.titel for hv in antwoord.context["hulpvragen"]] == ["Hulpvraag 2", "Hulpvraag 1"]
    assert antwoord.context["paginator"].afgekapt is True
    lijst = next(v["sql"] for v in vragen.captured_queries if "ORDER BY" in v["sql"])
    assert "LIMIT 1" in lijst  # the probe per row

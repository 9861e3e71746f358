import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerlingen.models import Leerling
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(po):
    return OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")


@pytest.fixture
def ib(po, school, maak_lid):
    return maak_lid(po, "ib_coo", organisatie=school)


def geldige_gegevens(school, **extra):
    return {
        "voornaam": "Daan",
        "achternaam": "Willemsen",
        "geboortedatum": "2017-03-14",
        "postcode": "3241aa",
        "woonplaats": "Middelharnis",
        "telefoon_ouder_1": "0187 123456",
        "school": school.pk,
        "groep_leerjaar": "groep 4",
        **extra,
    }


def test_ib_coo_voegt_leerling_toe_en_die_telt_als_gecontroleerd(client, ib, school):
    client.force_login(ib)

    response = client.post(reverse("leerlingen:nieuw"), geldige_gegevens(school))

    leerling = Leerling.objects.get()
    assert response["Location"] == reverse("leerlingen:detail", args=[leerling.pk])
    assert leerling.postcode == "3241 AA"
    assert leerling.gecontroleerd_door == ib
    assert not leerling.controle_nodig()


def test_fout_in_formulier_geeft_melding_bij_het_veld_en_houdt_de_invoer(client, ib, school):
    client.force_login(ib)

    response = client.post(
        reverse("leerlingen:nieuw"),
        geldige_gegevens(school, voornaam="", postcode="12345", geboortedatum="2999-01-01"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in html
    assert "Vul een postcode in als 1234 AB." in html
    assert "De geboortedatum ligt in de toekomst." in html
    assert 'value="Willemsen"' in html
    assert 'value="0187 123456"' in html
    assert Leerling.objects.count() == 0


def test_alleen_eigen_school_kiesbaar(client, ib, school, po):
    andere = OrganisatieFactory(omgeving=po, naam="CBS Het Anker")
    client.force_login(ib)

    response = client.post(reverse("leerlingen:nieuw"), geldige_gegevens(andere))

    assert response.status_code == 200
    assert Leerling.objects.count() == 0
    assert "CBS Het Anker" not in response.content.decode()


def test_regierolhouder_mag_geen_leerling_toevoegen(client, po, maak_lid):
    client.force_login(maak_lid(po, "regierolhouder"))

    assert client.get(reverse("leerlingen:nieuw")).status_code == 403


def test_controle_nodig_na_de_termijn(settings, school):
    settings.LEERLING_CONTROLE_TERMIJN_DAGEN = 183
    nu = timezone.now()
    leerling = LeerlingFactory(school=school, gecontroleerd_op=None)
    assert leerling.controle_nodig(nu)
    leerling.gecontroleerd_op = nu - datetime.timedelta(days=182)
    assert not leerling.controle_nodig(nu)
    leerling.gecontroleerd_op = nu - datetime.timedelta(days=184)
    assert leerling.controle_nodig(nu)


def test_bevestigen_zet_gecontroleerd_op(client, ib, school):
    leerling = LeerlingFactory(school=school, gecontroleerd_op=None)
    client.force_login(ib)
    assert (
        "Controleer of de basis- en schoolgegevens"
        in client.get(reverse("leerlingen:detail", args=[leerling.pk])).content.decode()
    )

    moment = timezone.now().replace(microsecond=0) + datetime.timedelta(minutes=5)
    with time_machine.travel(moment, tick=False):
        client.post(reverse("leerlingen:bevestigen", args=[leerling.pk]))

    leerling.refresh_from_db()
    assert leerling.gecontroleerd_op == moment
    assert leerling.gecontroleerd_door == ib


def test_corrigeren_slaat_op_en_bevestigt(client, ib, school):
    leerling = LeerlingFactory(school=school, gecontroleerd_op=None, groep_leerjaar="groep 4")
    client.force_login(ib)

    response = client.post(
        reverse("leerlingen:wijzigen", args=[leerling.pk]),
        geldige_gegevens(school, groep_leerjaar="groep 5"),
    )

    assert response.status_code == 302
    leerling.refresh_from_db()
    assert leerling.groep_leerjaar == "groep 5"
    assert leerling.gecontroleerd_op is not None


def test_ib_coo_van_andere_school_krijgt_404(client, po, school, maak_lid):
    leerling = LeerlingFactory(school=school)
    anders = maak_lid(po, "ib_coo", organisatie=OrganisatieFactory(omgeving=po))
    client.force_login(anders)

    for naam in ("detail", "wijzigen"):
        assert client.get(reverse(f"leerlingen:{naam}", args=[leerling.pk])).status_code == 404
    assert client.post(reverse("leerlingen:bevestigen", args=[leerling.pk])).status_code == 404
    assert leerling.volledige_naam not in client.get(reverse("leerlingen:lijst")).content.decode()


def test_zoeken_op_naam(client, ib, school):
    LeerlingFactory(school=school, voornaam="Lotte", tussenvoegsel="van", achternaam="Dijk")
    LeerlingFactory(school=school, voornaam="Sem", achternaam="Bos")
    client.force_login(ib)

    html = client.get(reverse("leerlingen:lijst"), {"zoek": "lotte dijk"}).content.decode()

    assert "Lotte van Dijk" in html
    assert "Sem Bos" not in html
    assert "1 leerling gevonden" in html


def test_lijst_kost_evenveel_queries_bij_weinig_en_veel_leerlingen(client, ib, school):
    client.force_login(ib)
    LeerlingFactory.create_batch(2, school=school)
    client.get(reverse("leerlingen:lijst"))  # warm the session

    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("leerlingen:lijst"))
    LeerlingFactory.create_batch(40, school=school)
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("leerlingen:lijst"))

    assert len(veel) == len(weinig)

"""The log where it matters: the Logboek tab of a hulpvraag (IB/COO and coördinator only) and
the log page of a leerling (IB/COO of its school only)."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services, toegang
from hulpvragen.models import HulpvraagRecht
from logboek.models import Actie, Logregel
from overleg.services import maak_overlegronde
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def wereld(po, maak_lid):
    """A hulpvraag of Sem Bos: Rik coördinator, Noor behandelaar of an aanpak, Eva deelnemer
    of an open overlegronde; and the IB/COO of another school."""
    school = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")
    ib = maak_lid(po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker")
    ib_andere_school = maak_lid(po, "ib_coo", voornaam="Anne", achternaam="Kok")
    regie = maak_lid(po, "regierolhouder", voornaam="Rik", achternaam="de Wit")
    regie2 = maak_lid(po, "regierolhouder", voornaam="Noor", achternaam="Jansen")
    extern = maak_lid(po, "externe_deelnemer", voornaam="Eva", achternaam="Smit")
    leerling = LeerlingFactory(
        school=school, voornaam="Sem", achternaam="Bos", gecontroleerd_op=timezone.now()
    )
    hulpvraag = services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Team Schoolondersteuning",
        omschrijving="Concentratie",
        coordinator=regie,
    )
    services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=hulpvraag,
        titel="Begeleiding",
        omschrijving="Gesprekken",
        startdatum=timezone.localdate(),
        einddatum=None,
        behandelaar=regie2,
    )
    maak_overlegronde(
        door=regie,
        hulpvraag=hulpvraag,
        titel="Meekijken",
        omschrijving="Kijk mee",
        einddatum=timezone.localdate() + datetime.timedelta(days=7),
        deelnemers=[extern],
    )
    return SimpleNamespace(
        ib=ib,
        ib_andere_school=ib_andere_school,
        coordinator=regie,
        behandelaar=regie2,
        deelnemer=extern,
        school=school,
        leerling=leerling,
        hulpvraag=hulpvraag,
    )


def regel(tijdstip, naam, gebruiker_id, actie=Actie.HULPVRAAG_BEKEKEN, **velden):
    return Logregel.objects.create(
        tijdstip=tijdstip,
        gebruiker_naam=naam,
        gebruiker_id=gebruiker_id,
        rol="Regierolhouder",
        actie=actie,
        **velden,
    )


def tabel(response):
    """The log table of a page (the filter's select also holds the names)."""
    html = response.content.decode()
    assert 'id="logboek"' in html, html
    return html.split('id="logboek"')[1].split("</table>")[0]


def tabbladen(response):
    return (
        response.content.decode()
        .split('aria-label="Tabbladen van de hulpvraag"')[1]
        .split("</nav>")[0]
    )


@pytest.fixture
def drie_regels(wereld):
    hv = wereld.hulpvraag
    regel(datetime.datetime(2025, 3, 1, 9, 0, tzinfo=UTC), "Anna Eerst", 9001, hulpvraag_id=hv.pk)
    regel(
        datetime.datetime(2025, 3, 2, 10, 0, tzinfo=UTC),
        "Bram Later",
        9002,
        actie=Actie.BIJLAGE_GEDOWNLOAD,
        hulpvraag_id=hv.pk,
        onderwerp_soort="bijlage",
        onderwerp_id=12,
    )
    regel(
        datetime.datetime(2025, 3, 3, 11, 0, tzinfo=UTC),
        "Carla Laatst",
        9003,
        actie=Actie.STATUS_GEWIJZIGD,
        hulpvraag_id=hv.pk,
    )
    # Another hulpvraag's row never shows here.
    regel(
        datetime.datetime(2025, 3, 4, 9, 0, tzinfo=UTC), "Otto Ander", 9004, hulpvraag_id=hv.pk + 1
    )


# The Logboek tab of a hulpvraag


@pytest.mark.parametrize("wie", ["deelnemer", "behandelaar", "ib_andere_school"])
def test_logboek_tab_bestaat_niet_voor_wie_het_niet_mag_zien(client, wereld, drie_regels, wie):
    client.force_login(getattr(wereld, wie))

    response = client.get(reverse("hulpvragen:logboek", args=[wereld.hulpvraag.pk]))

    assert response.status_code == 404
    assert not Logregel.objects.filter(actie=Actie.LOGBOEK_BEKEKEN).exists()


@pytest.mark.parametrize("wie", ["deelnemer", "behandelaar"])
def test_geen_tabblad_logboek_voor_deelnemer_en_behandelaar(client, wereld, wie):
    client.force_login(getattr(wereld, wie))

    detail = client.get(reverse("hulpvragen:detail", args=[wereld.hulpvraag.pk]))

    assert ">Logboek</a>" not in tabbladen(detail)


@pytest.mark.parametrize("wie", ["ib", "coordinator"])
def test_logboek_tab_toont_de_regels_nieuwste_eerst(client, wereld, drie_regels, wie):
    client.force_login(getattr(wereld, wie))

    response = client.get(reverse("hulpvragen:logboek", args=[wereld.hulpvraag.pk]))

    assert response.status_code == 200
    assert ">Logboek</a>" in tabbladen(response)
    rijen = tabel(response)
    posities = [rijen.index(naam) for naam in ("Carla Laatst", "Bram Later", "Anna Eerst")]
    assert posities == sorted(posities)
    assert "Otto Ander" not in response.content.decode()
    assert "3 maart 2025 12:00:00" in rijen  # Europe/Amsterdam
    assert "status gewijzigd" in rijen
    assert "bijlage gedownload" in rijen
    assert "bijlage 12" in rijen


def test_een_eerdere_blik_in_het_logboek_staat_erin(client, wereld, drie_regels):
    client.force_login(wereld.coordinator)
    url = reverse("hulpvragen:logboek", args=[wereld.hulpvraag.pk])
    client.get(url)

    rijen = tabel(client.get(url))

    assert rijen.index("Rik de Wit") < rijen.index("Carla Laatst")
    assert "logboek bekeken" in rijen


def test_logboek_tab_wordt_zelf_gelogd(client, wereld):
    client.force_login(wereld.ib)

    client.get(reverse("hulpvragen:logboek", args=[wereld.hulpvraag.pk]))

    regels = Logregel.objects.filter(hulpvraag_id=wereld.hulpvraag.pk, gebruiker_id=wereld.ib.pk)
    assert list(regels.values_list("actie", flat=True)) == [Actie.LOGBOEK_BEKEKEN]
    eigen = regels.get()
    assert eigen.leerling_id == wereld.leerling.pk
    assert eigen.gebruiker_naam == "Inge Bakker"


def test_filter_op_persoon(client, wereld, drie_regels):
    client.force_login(wereld.ib)
    url = reverse("hulpvragen:logboek", args=[wereld.hulpvraag.pk])

    response = client.get(url, {"persoon": 9002})

    rijen = tabel(response)
    assert "Bram Later" in rijen
    assert "Anna Eerst" not in rijen
    assert "Carla Laatst" not in rijen
    assert "Inge Bakker" not in rijen
    html = response.content.decode()
    # The select offers everyone in this hulpvraag's log, by name, and keeps the choice.
    assert '<option value="9001">Anna Eerst</option>' in html
    assert '<option value="9002" selected>Bram Later</option>' in html
    assert '<option value="9003">Carla Laatst</option>' in html
    assert "Otto Ander" not in html


def test_onbekende_persoon_filtert_niet(client, wereld, drie_regels):
    client.force_login(wereld.ib)

    response = client.get(
        reverse("hulpvragen:logboek", args=[wereld.hulpvraag.pk]), {"persoon": "9004"}
    )

    rijen = tabel(response)
    assert "Anna Eerst" in rijen
    assert "Carla Laatst" in rijen
    assert "Otto Ander" not in rijen


def test_vijftig_regels_per_pagina(client, wereld):
    hv = wereld.hulpvraag
    begin = datetime.datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
    for i in range(51):
        regel(
            begin + datetime.timedelta(minutes=i), f"Persoon {i:02d}", 9100 + i, hulpvraag_id=hv.pk
        )
    client.force_login(wereld.ib)
    url = reverse("hulpvragen:logboek", args=[hv.pk])

    eerste = client.get(url)

    rijen = tabel(eerste)
    assert rijen.count("<tr ") == 51  # the header and 50 rows
    assert "Persoon 50" in rijen
    assert "Persoon 01" in rijen
    assert "Persoon 00" not in rijen
    assert "?pagina=2" in eerste.content.decode()
    assert "Nieuwere regels" not in eerste.content.decode()

    # 52 rows now (the first view is newest): the two oldest are on page 2.
    tweede = client.get(url, {"pagina": 2})

    rijen = tabel(tweede)
    assert rijen.count("<tr ") == 3
    assert "Persoon 01" in rijen
    assert "Persoon 00" in rijen
    html = tweede.content.decode()
    assert "?pagina=1" in html
    assert "?pagina=3" not in html


def test_een_pagina_is_een_query_met_de_index_en_telt_niet(client, wereld, drie_regels):
    client.force_login(wereld.ib)

    with CaptureQueriesContext(connection) as vragen:
        client.get(reverse("hulpvragen:logboek", args=[wereld.hulpvraag.pk]), {"persoon": 9002})

    lezen = [
        q["sql"]
        for q in vragen.captured_queries
        if "logboek_logregel" in q["sql"] and q["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert len(lezen) == 2  # the people of the filter, and the page
    assert not any("COUNT(" in sql.upper() for sql in lezen)
    pagina = lezen[1]
    assert "LIMIT 51" in pagina
    assert f'"hulpvraag_id" = {wereld.hulpvraag.pk}' in pagina
    assert '"gebruiker_id" = 9002' in pagina
    assert 'ORDER BY "logboek_logregel"."tijdstip" DESC' in pagina


def test_bestaande_hulpvragen_krijgen_het_recht_uit_de_migratie(wereld):
    HulpvraagRecht.objects.filter(permission__codename=toegang.LOGBOEK).delete()
    migratie = importlib.import_module("hulpvragen.migrations.0002_bekijk_logboek")

    migratie.geef_logboekrecht(apps, None)

    hv = wereld.hulpvraag
    assert toegang.LOGBOEK in toegang.rechten_op(wereld.ib, hv)
    assert toegang.LOGBOEK in toegang.rechten_op(wereld.coordinator, hv)
    assert toegang.LOGBOEK not in toegang.rechten_op(wereld.behandelaar, hv)
    assert toegang.LOGBOEK not in toegang.rechten_op(wereld.deelnemer, hv)
    # Exactly what a full recompute from the relations gives: nothing left to change.
    assert toegang.synchroniseer_toegang(hv) == (0, 0, 0)


# The log page of a leerling


@pytest.fixture
def leerling_regels(wereld):
    andere = LeerlingFactory(school=wereld.school, gecontroleerd_op=timezone.now())
    andere_hulpvraag = services.maak_hulpvraag(
        door=wereld.ib,
        omgeving=wereld.hulpvraag.omgeving,
        leerling=andere,
        titel="Team Schoolondersteuning",
        omschrijving="",
        coordinator=wereld.coordinator,
    )
    leerling = wereld.leerling
    regel(
        datetime.datetime(2025, 3, 1, 9, 0, tzinfo=UTC),
        "Lies Leerlingpagina",
        9001,
        actie=Actie.LEERLING_BEKEKEN,
        leerling_id=leerling.pk,
    )
    # A row of its hulpvraag written without the leerling_id counts as well.
    regel(
        datetime.datetime(2025, 3, 2, 9, 0, tzinfo=UTC),
        "Harm Hulpvraagrij",
        9002,
        hulpvraag_id=wereld.hulpvraag.pk,
    )
    regel(
        datetime.datetime(2025, 3, 3, 9, 0, tzinfo=UTC),
        "Olga Ander",
        9003,
        actie=Actie.LEERLING_BEKEKEN,
        leerling_id=andere.pk,
    )
    regel(
        datetime.datetime(2025, 3, 4, 9, 0, tzinfo=UTC),
        "Otto Ander",
        9004,
        hulpvraag_id=andere_hulpvraag.pk,
        leerling_id=andere.pk,
    )


def test_logboek_van_een_leerling_voor_de_ib_coo(client, wereld, leerling_regels):
    client.force_login(wereld.ib)

    response = client.get(reverse("leerlingen:logboek", args=[wereld.leerling.pk]))

    assert response.status_code == 200
    rijen = tabel(response)
    posities = [rijen.index(naam) for naam in ("Harm Hulpvraagrij", "Lies Leerlingpagina")]
    assert posities == sorted(posities)
    assert wereld.hulpvraag.nummer in rijen
    html = response.content.decode()
    assert "Olga Ander" not in html
    assert "Otto Ander" not in html
    assert "Inzage downloaden (AVG)" in html
    eigen = Logregel.objects.get(actie=Actie.LOGBOEK_BEKEKEN)
    assert eigen.leerling_id == wereld.leerling.pk
    assert eigen.hulpvraag_id is None
    assert eigen.gebruiker_id == wereld.ib.pk


def test_logboek_van_een_leerling_filter_op_persoon(client, wereld, leerling_regels):
    client.force_login(wereld.ib)

    response = client.get(
        reverse("leerlingen:logboek", args=[wereld.leerling.pk]), {"persoon": 9002}
    )

    rijen = tabel(response)
    assert "Harm Hulpvraagrij" in rijen
    assert "Lies Leerlingpagina" not in rijen


@pytest.mark.parametrize("wie", ["ib_andere_school", "coordinator", "behandelaar", "deelnemer"])
def test_logboek_van_een_leerling_bestaat_voor_anderen_niet(client, wereld, leerling_regels, wie):
    client.force_login(getattr(wereld, wie))

    response = client.get(reverse("leerlingen:logboek", args=[wereld.leerling.pk]))

    assert response.status_code == 404
    assert not Logregel.objects.filter(actie=Actie.LOGBOEK_BEKEKEN).exists()


def test_leerlingpagina_linkt_naar_logboek_en_inzage(client, wereld):
    client.force_login(wereld.ib)

    html = client.get(reverse("leerlingen:detail", args=[wereld.leerling.pk])).content.decode()

    assert f'href="/leerlingen/{wereld.leerling.pk}/logboek/">Logboek van deze leerling</a>' in html
    assert f'href="/leerlingen/{wereld.leerling.pk}/inzage/">Inzage downloaden (AVG)</a>' in html

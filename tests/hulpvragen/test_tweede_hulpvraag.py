"""Issue 15, "Een tweede hulpvraag": a new hulpvraag for a child that already has an open one is
only made on purpose, and the warning tells no more than that one exists and who coordinates
it (DESIGN.md §4: a hulpvraag someone may not see does not exist for them)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services
from hulpvragen.models import Hulpvraag
from hulpvragen.selectors import (
    LopendeHulpvraag,
    lopende_hulpvragen_van,
    waarschuwing_tweede_hulpvraag,
)
from hulpvragen.workflow import Status
from tests.factories import GebruikerFactory, LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

GEBOREN = datetime.date(2015, 5, 1)  # tests.factories.LeerlingFactory's geboortedatum
WAARSCHUWING = "Er loopt al een hulpvraag voor Daan Willemsen.</strong>"
VINKJE = "Ik weet dat er al een hulpvraag loopt en wil toch een nieuwe inzetten"
FOUT = (
    "Er loopt al een hulpvraag voor deze leerling. Overleg met de coördinator, of vink aan dat "
    "u toch een nieuwe hulpvraag wilt inzetten."
)
LABEL = '<span class="kk-label">Tweede&nbsp;hulpvraag<span class="kk-visueel-verborgen">'


@pytest.fixture
def daan_anker(andere_school):
    """The same child, also registered at the other school of the omgeving (no BSN)."""
    return LeerlingFactory(
        school=andere_school,
        voornaam="Daan",
        achternaam="Willemsen",
        geboortedatum=GEBOREN,
        gecontroleerd_op=timezone.now(),
    )


@pytest.fixture
def elders(po, ib_andere_school, daan_anker, regie):
    """An open hulpvraag of that school, which Inge (IB/COO of De Regenboog) may not see."""
    return services.maak_hulpvraag(
        door=ib_andere_school,
        omgeving=po,
        leerling=daan_anker,
        titel="Geheim verzuimtraject",
        omschrijving="Alleen voor Het Anker.",
        coordinator=regie,
    )


def stap_3(client, persoon, leerling):
    client.force_login(persoon)
    return client.get(reverse("hulpvragen:nieuw"), {"leerling": leerling.pk}).content.decode()


def post_nieuw(client, leerling, coordinator, **extra):
    return client.post(
        reverse("hulpvragen:nieuw"),
        {
            "leerling": leerling.pk,
            "titel": "Team Schoolondersteuning",
            "omschrijving": "Tweede vraag",
            "coordinator": coordinator.pk,
            **extra,
        },
    )


# --- The warning on step 3 ----------------------------------------------------------------------


def test_waarschuwing_zonder_inhoud_van_een_hulpvraag_die_de_ib_coo_niet_ziet(
    client, ib, leerling, elders
):
    pagina = stap_3(client, ib, leerling)

    assert WAARSCHUWING in pagina
    assert "<li>Coördinator: Rik de Wit</li>" in pagina
    assert (
        '<label for="id_bevestig_tweede"><input type="checkbox" name="bevestig_tweede" '
        f'id="id_bevestig_tweede"> {VINKJE}</label>'
    ) in pagina
    for geheim in (
        "Geheim verzuimtraject",
        "Alleen voor Het Anker",
        "CBS Het Anker",
        elders.nummer,
        "AANGEMELD",
        reverse("hulpvragen:detail", args=[elders.pk]),
    ):
        assert geheim not in pagina, geheim


def test_waarschuwing_met_link_als_de_ib_coo_de_hulpvraag_ziet(client, ib, leerling, maak):
    eigen = maak(titel="Eigen traject")

    pagina = stap_3(client, ib, leerling)

    link = reverse("hulpvragen:detail", args=[eigen.pk])
    assert WAARSCHUWING in pagina
    assert (
        f'<li>Coördinator: Sanne Visser · <a href="{link}">hulpvraag {eigen.nummer} bekijken</a>'
        "</li>"
    ) in pagina


def test_de_andere_school_krijgt_ook_de_waarschuwing(client, ib_andere_school, daan_anker, maak):
    maak()  # Inge's hulpvraag for Daan at De Regenboog, with Sanne Visser as coördinator

    pagina = stap_3(client, ib_andere_school, daan_anker)

    assert WAARSCHUWING in pagina
    assert "<li>Coördinator: Sanne Visser</li>" in pagina
    assert "OBS De Regenboog" not in pagina


def test_geen_waarschuwing_als_de_andere_is_afgerond(client, ib, leerling, elders):
    Hulpvraag.objects.filter(pk=elders.pk).update(status=Status.AFGEROND)

    pagina = stap_3(client, ib, leerling)

    assert "Er loopt al een hulpvraag" not in pagina
    assert VINKJE not in pagina
    assert 'name="bevestig_tweede"' not in pagina


def test_geen_waarschuwing_voor_een_hulpvraag_in_een_andere_omgeving(
    client, vo, ib, leerling, maak_lid, regie_vo
):
    school_vo = OrganisatieFactory(omgeving=vo, naam="CSG Het Eiland")
    ib_vo = maak_lid(vo, "ib_coo", organisatie=school_vo)
    daan_vo = LeerlingFactory(
        school=school_vo,
        voornaam="Daan",
        achternaam="Willemsen",
        geboortedatum=GEBOREN,
        gecontroleerd_op=timezone.now(),
    )
    services.maak_hulpvraag(
        door=ib_vo,
        omgeving=vo,
        leerling=daan_vo,
        titel="VO-traject",
        omschrijving="",
        coordinator=regie_vo,
    )

    pagina = stap_3(client, ib, leerling)

    assert "Er loopt al een hulpvraag" not in pagina
    assert 'name="bevestig_tweede"' not in pagina


def test_zelfde_kind_is_naam_zonder_hoofdletters_en_geboortedatum(po, leerling, andere_school):
    iemand = GebruikerFactory()

    def open_hulpvraag(**velden):
        kind = LeerlingFactory(
            school=andere_school,
            **{"voornaam": "Daan", "achternaam": "Willemsen", "geboortedatum": GEBOREN, **velden},
        )
        # Rows only: who may make them is not what this test is about.
        return Hulpvraag.objects.create(
            omgeving=po, leerling=kind, titel="T", coordinator=iemand, aangemaakt_door=iemand
        )

    zelfde = open_hulpvraag(voornaam="DAAN", achternaam="willemsen")
    open_hulpvraag(geboortedatum=datetime.date(2015, 5, 2))
    open_hulpvraag(voornaam="Daana")
    open_hulpvraag(tussenvoegsel="van")

    assert list(lopende_hulpvragen_van(leerling=leerling, omgeving=po)) == [zelfde]


def test_verborgen_hulpvragen_worden_per_coordinator_genoemd(
    po, ib, leerling, elders, ib_andere_school, daan_anker, regie, schakel
):
    # A second hidden one with the same coördinator is not told apart: no count leaks.
    services.maak_hulpvraag(
        door=ib_andere_school,
        omgeving=po,
        leerling=daan_anker,
        titel="Nog een",
        omschrijving="",
        coordinator=regie,
        bevestig_tweede=True,
    )

    assert waarschuwing_tweede_hulpvraag(gebruiker=ib, leerling=leerling, omgeving=po) == [
        LopendeHulpvraag("Rik de Wit", None, "")
    ]


# --- The confirmation: a rule of the service ----------------------------------------------------


def test_post_zonder_bevestiging_geeft_fout_en_bewaart_niets(client, ib, leerling, schakel, elders):
    client.force_login(ib)

    antwoord = post_nieuw(client, leerling, schakel)

    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert FOUT in pagina
    assert WAARSCHUWING in pagina
    assert "Geheim verzuimtraject" not in pagina
    assert list(Hulpvraag.objects.values_list("pk", flat=True)) == [elders.pk]


def test_post_met_bevestiging_maakt_de_hulpvraag(client, ib, leerling, schakel, elders):
    client.force_login(ib)

    antwoord = post_nieuw(client, leerling, schakel, bevestig_tweede="on")

    nieuw = Hulpvraag.objects.exclude(pk=elders.pk).get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("hulpvragen:detail", args=[nieuw.pk])
    assert (nieuw.leerling, nieuw.omschrijving) == (leerling, "Tweede vraag")


def test_post_zonder_lopende_hulpvraag_heeft_geen_bevestiging_nodig(client, ib, leerling, schakel):
    client.force_login(ib)

    antwoord = post_nieuw(client, leerling, schakel)

    assert antwoord.status_code == 302
    assert Hulpvraag.objects.get().leerling == leerling


def test_de_service_weigert_zonder_bevestiging(po, ib, leerling, schakel, elders):
    with pytest.raises(ValidationError) as fout:
        services.maak_hulpvraag(
            door=ib,
            omgeving=po,
            leerling=leerling,
            titel="Team Schoolondersteuning",
            omschrijving="",
            coordinator=schakel,
        )

    assert fout.value.message_dict == {"bevestig_tweede": [FOUT]}
    assert Hulpvraag.objects.count() == 1


def test_de_service_maakt_hem_met_bevestiging(po, ib, leerling, schakel, elders):
    nieuw = services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Team Schoolondersteuning",
        omschrijving="",
        coordinator=schakel,
        bevestig_tweede=True,
    )

    assert Hulpvraag.objects.count() == 2
    assert nieuw.status == Status.AANGEMELD


# --- The label in the Hulpvragen list -----------------------------------------------------------


def paar(po, ib, ib_andere_school, schakel, leerling, daan_anker, titel):
    """Daan's hulpvraag at both schools, both with the schakelfunctionaris as coördinator."""
    for door, kind in ((ib, leerling), (ib_andere_school, daan_anker)):
        services.maak_hulpvraag(
            door=door,
            omgeving=po,
            leerling=kind,
            titel=titel,
            omschrijving="",
            coordinator=schakel,
            bevestig_tweede=True,
        )


def test_schakelfunctionaris_ziet_het_label_op_beide_rijen(
    client, po, ib, ib_andere_school, schakel, leerling, daan_anker, school
):
    paar(po, ib, ib_andere_school, schakel, leerling, daan_anker, "Paar")
    alleen = LeerlingFactory(school=school, voornaam="Sem", achternaam="Bos")
    alleen.gecontroleerd_op = timezone.now()
    alleen.save()
    services.maak_hulpvraag(
        door=ib, omgeving=po, leerling=alleen, titel="Alleen", omschrijving="", coordinator=schakel
    )
    client.force_login(schakel)

    pagina = client.get(reverse("hulpvragen:lijst")).content.decode()

    rijen = pagina.split('<tr class="utrecht-table__row">')[2:]
    assert [("Paar" in rij, LABEL in rij) for rij in rijen] == [
        (False, False),
        (True, True),
        (True, True),
    ]
    assert LABEL + ": voor deze leerling loopt nog een andere hulpvraag die u ook kunt zien" in (
        pagina
    )


def test_afgeronde_hulpvraag_draagt_geen_label_en_telt_niet_mee(
    client, po, ib, ib_andere_school, schakel, leerling, daan_anker
):
    paar(po, ib, ib_andere_school, schakel, leerling, daan_anker, "Paar")
    Hulpvraag.objects.filter(leerling=daan_anker).update(status=Status.AFGEROND)
    client.force_login(schakel)

    open_lijst = client.get(reverse("hulpvragen:lijst")).content.decode()
    afgerond = client.get(reverse("hulpvragen:lijst"), {"weergave": "afgerond"}).content.decode()

    assert "1 hulpvraag open." in open_lijst
    assert LABEL not in open_lijst
    assert "1 hulpvraag afgerond." in afgerond
    assert LABEL not in afgerond


def test_wie_maar_een_van_het_paar_ziet_krijgt_geen_label_en_niets_van_de_ander(
    client, po, ib, ib_andere_school, schakel, regie, leerling, daan_anker
):
    eigen = services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Eigen traject",
        omschrijving="",
        coordinator=regie,
    )
    services.maak_hulpvraag(
        door=ib_andere_school,
        omgeving=po,
        leerling=daan_anker,
        titel="Geheim verzuimtraject",
        omschrijving="",
        coordinator=schakel,
        bevestig_tweede=True,
    )

    for persoon in (ib, regie):
        client.force_login(persoon)
        pagina = client.get(reverse("hulpvragen:lijst")).content.decode()
        assert "1 hulpvraag open." in pagina
        tabel = pagina.split("<tbody")[1].split("</tbody>")[0]  # the filter lists every school
        assert "Eigen traject" in tabel
        assert "Tweede&nbsp;hulpvraag" not in pagina
        for geheim in ("Geheim verzuimtraject", "CBS Het Anker", f"HV-{eigen.pk + 1:05d}"):
            assert geheim not in tabel, geheim
        assert "Geheim verzuimtraject" not in pagina


def test_lijst_evenveel_queries_bij_2_en_20_rijen(
    client, po, ib, ib_andere_school, schakel, leerling, daan_anker, school, andere_school
):
    paar(po, ib, ib_andere_school, schakel, leerling, daan_anker, "Paar")
    client.force_login(schakel)
    client.get(reverse("hulpvragen:lijst"))
    with CaptureQueriesContext(connection) as twee:
        pagina_twee = client.get(reverse("hulpvragen:lijst")).content.decode()
    for i in range(9):
        kind = {"voornaam": f"Kind{i}", "achternaam": "Paar", "gecontroleerd_op": timezone.now()}
        paar(
            po,
            ib,
            ib_andere_school,
            schakel,
            LeerlingFactory(school=school, **kind),
            LeerlingFactory(school=andere_school, **kind),
            f"Paar {i}",
        )
    with CaptureQueriesContext(connection) as twintig:
        pagina_twintig = client.get(reverse("hulpvragen:lijst")).content.decode()

    assert pagina_twee.count(LABEL) == 2
    assert pagina_twintig.count(LABEL) == 20
    assert len(twee) == len(twintig) == 9
    # The label rides along in the one query that loads the page's rows (by their ids).
    met_label = [v["sql"] for v in twintig.captured_queries if "EXISTS" in v["sql"]]
    assert len(met_label) == 1
    assert '"hulpvragen_hulpvraag"."id" IN (' in met_label[0]


@pytest.mark.django_db(transaction=True)
def test_twee_ib_coos_tegelijk_voor_hetzelfde_kind(
    po, ib, ib_andere_school, leerling, daan_anker, schakel, monkeypatch
):
    # Inge and Anne start a hulpvraag for the same child at the same moment, each in their own
    # connection. Each check waits (at most 2 s) for the other's: without the lock both see
    # no open hulpvraag and both are made; with it the second waits and is refused.
    if connection.vendor != "postgresql":
        pytest.skip("a lock across connections: PostgreSQL")
    import contextlib
    import threading

    samen = threading.Barrier(2, timeout=2)
    echte = services.lopende_hulpvragen_van

    class NaDeControleWachten:
        def __init__(self, **kwargs):
            self.rijen = echte(**kwargs)

        def exists(self):
            antwoord = self.rijen.exists()
            with contextlib.suppress(threading.BrokenBarrierError):
                samen.wait()
            return antwoord

    monkeypatch.setattr(services, "lopende_hulpvragen_van", NaDeControleWachten)
    uitkomst = {}

    def start(wie, persoon, kind):
        try:
            services.maak_hulpvraag(
                door=persoon,
                omgeving=po,
                leerling=kind,
                titel=wie,
                omschrijving="",
                coordinator=schakel,
            )
            uitkomst[wie] = "gemaakt"
        except ValidationError as fout:
            uitkomst[wie] = fout.message_dict["bevestig_tweede"][0]
        finally:
            connection.close()

    draden = [
        threading.Thread(target=start, args=("Inge", ib, leerling)),
        threading.Thread(target=start, args=("Anne", ib_andere_school, daan_anker)),
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(20)

    assert sorted(uitkomst.values()) == sorted(["gemaakt", FOUT])
    assert Hulpvraag.objects.filter(leerling__voornaam="Daan").count() == 1

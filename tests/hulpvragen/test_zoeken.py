"""The search of the Hulpvragen tab: one word may be in the titel or in any of the leerling's
names, accents and capitals do not matter, every word must match, and the column it reads
follows a new titel and a new name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services
from hulpvragen.models import Hulpvraag
from hulpvragen.views import HulpvraagLijstView
from kindkans.zoeken import zoekvorm
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zoë(school):
    return LeerlingFactory(
        school=school,
        voornaam="Zoë",
        tussenvoegsel="van der",
        achternaam="Brück",
        gecontroleerd_op=timezone.now(),
    )


@pytest.fixture
def twee(maak, zoë):
    """Daan Willemsen's hulpvraag (the conftest's leerling) and one for Zoë van der Brück."""
    return (
        maak(titel="Concentratie in de klas"),
        maak(leerling=zoë, titel="Dyslexie onderzoek"),
    )


def nummers(client, zoek):
    antwoord = client.get(reverse("hulpvragen:lijst"), {"zoek": zoek})
    assert antwoord.status_code == 200
    return {hv.pk for hv in antwoord.context["hulpvragen"]}


def test_zoekvorm():
    assert zoekvorm("Zoë VAN der Brück") == "zoe van der bruck"
    assert zoekvorm("Straße") == "strasse"


@pytest.mark.parametrize(
    ("zoek", "welke"),
    [
        ("dyslexie", {1}),  # titel
        ("zoe", {1}),  # voornaam, without its accent
        ("ZOË", {1}),
        ("der", {1}),  # tussenvoegsel
        ("bruck", {1}),  # achternaam, accent typed or not
        ("Brück", {1}),
        ("willem", {0}),  # part of a name
        ("klas daan", {0}),  # every word, each in another column
        ("klas zoe", set()),  # both words, not one hulpvraag
        ("onderzoek\nzoe", {1}),
        ("de", {0, 1}),  # "in de klas" and "van der"
        ("pieter", set()),
        # LIKE's wildcards are plain characters in a search, not "anything".
        ("%", set()),
        ("_", set()),
        ("d%x", set()),
    ],
)
@pytest.mark.parametrize("veel", [False, True], ids=["eigen rijen", "via de index"])
def test_een_woord_in_titel_of_naam(client, ib, twee, zoek, welke, veel, monkeypatch, maak, school):
    # Both ways of searching (strpos within one's own rows, LIKE through the trigram index for
    # whoever sees more than the list's maximum) find the same. A third hulpvraag that no word
    # above matches makes three, more than a maximum of 2.
    if veel:
        kees = LeerlingFactory(
            school=school, voornaam="Kees", achternaam="Pot", gecontroleerd_op=timezone.now()
        )
        maak(leerling=kees, titel="Rekenen")
        monkeypatch.setattr(HulpvraagLijstView, "maximaal", 2)
    client.force_login(ib)
    assert nummers(client, zoek) == {twee[i].pk for i in welke}


@pytest.mark.parametrize(("maximaal", "verwacht"), [(500, "STRPOS"), (1, "LIKE")])
def test_wie_weinig_ziet_zoekt_zonder_de_index(client, ib, twee, monkeypatch, maximaal, verwacht):
    # A short word matches thousands in the installation; whoever sees few is searched within
    # their own rows, so the planner cannot start from the trigram index.
    monkeypatch.setattr(HulpvraagLijstView, "maximaal", maximaal)
    client.force_login(ib)
    with CaptureQueriesContext(connection) as queries:
        nummers(client, "dyslexie")
    # The queries that search (the rows of a page are then read by id alone).
    zoekend = [
        q["sql"].upper() for q in queries if "ZOEKTEKST" in q["sql"].upper().partition(" WHERE ")[2]
    ]
    assert zoekend
    anders = {"STRPOS": "LIKE", "LIKE": "STRPOS"}[verwacht]
    if connection.vendor == "sqlite":
        verwacht, anders = {"STRPOS": ("INSTR", "LIKE"), "LIKE": ("LIKE", "INSTR")}[verwacht]
    assert all(verwacht in sql and anders not in sql for sql in zoekend)


def test_een_woord_past_niet_over_de_grens_van_titel_en_naam(client, ib, twee):
    # "onderzoek" ends the titel and "zoë" starts the voornaam: "onderzoekzoe" is in neither.
    client.force_login(ib)
    assert nummers(client, "onderzoekzoe") == set()
    assert nummers(client, "klasdaan") == set()


def test_op_nummer(client, ib, twee):
    client.force_login(ib)
    assert nummers(client, twee[1].nummer) == {twee[1].pk}
    assert nummers(client, f"hv-{twee[0].pk}") == {twee[0].pk}


def test_nieuwe_titel_wordt_gevonden_de_oude_niet(client, ib, twee):
    services.wijzig_hulpvraag(
        door=ib, hulpvraag=twee[1], titel="Rekenen", omschrijving="", versie=twee[1].versie
    )
    client.force_login(ib)
    assert nummers(client, "rekenen") == {twee[1].pk}
    assert nummers(client, "dyslexie") == set()


def test_nieuwe_naam_van_de_leerling_wordt_gevonden_de_oude_niet(client, ib, twee, zoë):
    zoë.achternaam = "Çelik"
    zoë.save()
    client.force_login(ib)
    assert nummers(client, "celik") == {twee[1].pk}
    assert nummers(client, "bruck") == set()
    assert Hulpvraag.objects.get(pk=twee[1].pk).zoektekst == (
        "dyslexie onderzoek\nzoe\nvan der\ncelik"
    )


def test_opslaan_met_update_fields_houdt_de_zoektekst_bij(twee):
    hv = twee[0]
    hv.titel = "Gedrag"
    hv.save(update_fields=["titel"])
    assert Hulpvraag.objects.get(pk=hv.pk).zoektekst == "gedrag\ndaan\n\nwillemsen"


def test_zoeken_toont_niets_wat_de_persoon_niet_ziet(client, ib_andere_school, twee):
    # Anne Kok is IB/COO of the other school: the word matches, the rights do not.
    client.force_login(ib_andere_school)
    assert nummers(client, "dyslexie") == set()


def test_een_lange_lijst_zegt_dat_er_meer_zijn(client, ib, twee, maak, monkeypatch):
    from hulpvragen.views import HulpvraagLijstView

    maak(titel="Derde")
    monkeypatch.setattr(HulpvraagLijstView, "maximaal", 2)
    client.force_login(ib)
    antwoord = client.get(reverse("hulpvragen:lijst"), {"page": "last"})
    html = antwoord.content.decode()
    assert "Meer dan 2 hulpvragen open. De lijst toont de eerste 2" in html
    assert "Pagina" not in html  # one page of the first two: no paging
    # The first two, newest first; the oldest (Daan's "Concentratie in de klas") is not shown.
    assert [hv.titel for hv in antwoord.context["hulpvragen"]] == ["Derde", "Dyslexie onderzoek"]

    monkeypatch.setattr(HulpvraagLijstView, "maximaal", 3)
    html = client.get(reverse("hulpvragen:lijst")).content.decode()
    assert "3 hulpvragen open." in html
    assert "Meer dan" not in html


def test_een_afgekapte_lijst_bladert_tot_het_maximum(client, ib, twee, maak, monkeypatch):
    from hulpvragen.views import HulpvraagLijstView

    maak(titel="Derde")
    monkeypatch.setattr(HulpvraagLijstView, "maximaal", 2)
    monkeypatch.setattr(HulpvraagLijstView, "paginate_by", 1)
    client.force_login(ib)
    eerste = client.get(reverse("hulpvragen:lijst")).content.decode()
    assert "<span>Pagina 1 van 2 (de eerste 2)</span>" in eerste
    laatste = client.get(reverse("hulpvragen:lijst"), {"page": "last"})
    assert [hv.titel for hv in laatste.context["hulpvragen"]] == ["Dyslexie onderzoek"]
    assert "<span>Pagina 2 van 2 (de eerste 2)</span>" in laatste.content.decode()
    # Beyond the maximum there is no page (the portal's own 404).
    assert client.get(reverse("hulpvragen:lijst"), {"page": "3"}).status_code == 404

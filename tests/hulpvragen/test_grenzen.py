"""The limits on what a person types: the search of the two lists and the free texts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services
from hulpvragen.models import Aanpak, Hulpvraag, StatusWijziging
from overleg import services as overleg_services
from overleg.models import Overlegronde, Reactie
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db

NEGEN_WOORDEN = "a b c d e f g h i"


@pytest.fixture
def lijsten(hulpvraag, school):
    """Daan Willemsen has a hulpvraag; Sem Bos is a leerling only."""
    LeerlingFactory(school=school, voornaam="Sem", achternaam="Bos", gecontroleerd_op=None)
    return hulpvraag


# --- search --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lijst", "tabel", "queries"),
    [
        ("hulpvragen:lijst", '"hulpvragen_hulpvraag"', 7),
        ("leerlingen:lijst", '"leerlingen_leerling"', 5),
    ],
)
@pytest.mark.parametrize(
    ("zoek", "melding"),
    [
        ("daan " * 8 + "daan", "Zoek met hoogstens 8 woorden (u gebruikte 9)."),
        ("d" * 101, "Zoek met hoogstens 100 tekens (u gebruikte 101)."),
        (" ".join(["daan"] * 1600), "Zoek met hoogstens 100 tekens (u gebruikte 7.999)."),
    ],
)
def test_te_lange_zoekterm_geeft_melding_en_geen_lijst(
    client, ib, lijsten, lijst, tabel, queries, zoek, melding, django_assert_max_num_queries
):
    client.force_login(ib)
    client.get(reverse(lijst))  # the session and the omgeving are settled

    with django_assert_max_num_queries(queries) as gedaan:
        html = client.get(reverse(lijst), {"zoek": zoek}).content.decode()

    assert melding in html
    assert [q["sql"] for q in gedaan.captured_queries if tabel in q["sql"]] == []
    assert "Daan Willemsen" not in html


@pytest.mark.parametrize("lijst", ["hulpvragen:lijst", "leerlingen:lijst"])
@pytest.mark.parametrize(
    "zoek",
    [
        "daan " * 7 + "daan",  # 8 words
        "daan" + " " * 92 + "daan",  # 100 characters
    ],
)
def test_acht_woorden_en_honderd_tekens_zoeken_gewoon(client, ib, lijsten, lijst, zoek):
    client.force_login(ib)

    html = client.get(reverse(lijst), {"zoek": zoek}).content.decode()

    assert "Zoek met hoogstens" not in html
    assert "Daan Willemsen" in html
    assert "Sem Bos" not in html


def test_melding_staat_bij_het_zoekveld(client, ib, lijsten):
    client.force_login(ib)

    html = client.get(reverse("leerlingen:lijst"), {"zoek": NEGEN_WOORDEN}).content.decode()

    veld = html.split('class="kk-veld kk-veld--fout"')[1].split("</div>")[0]
    assert "Zoek met hoogstens 8 woorden (u gebruikte 9)." in veld
    assert 'name="zoek"' in veld


# --- free texts: through the forms ---------------------------------------------------------

TE_LANG_5000 = "Gebruik hoogstens 5.000 tekens (u gebruikte 5.001)."
TE_LANG_2000 = "Gebruik hoogstens 2.000 tekens (u gebruikte 2.001)."


def test_nieuwe_hulpvraag_omschrijving(client, ib, leerling, schakel):
    client.force_login(ib)
    url = f"{reverse('hulpvragen:nieuw')}?leerling={leerling.pk}"
    velden = {
        "leerling": leerling.pk,
        "titel": "Team Schoolondersteuning",
        "coordinator": schakel.pk,
    }

    assert 'maxlength="5000"' in client.get(url).content.decode()
    html = client.post(url, {**velden, "omschrijving": "a" * 5001}).content.decode()
    assert TE_LANG_5000 in html
    assert Hulpvraag.objects.count() == 0

    response = client.post(url, {**velden, "omschrijving": "a" * 5000})
    assert response.status_code == 302
    assert len(Hulpvraag.objects.get().omschrijving) == 5000


def test_hulpvraag_wijzigen_omschrijving(client, ib, hulpvraag):
    client.force_login(ib)
    url = reverse("hulpvragen:wijzigen", args=[hulpvraag.pk])

    html = client.post(url, {"titel": "Nieuw", "omschrijving": "b" * 5001}).content.decode()
    assert TE_LANG_5000 in html
    hulpvraag.refresh_from_db()
    assert (hulpvraag.titel, hulpvraag.omschrijving) == (
        "Team Schoolondersteuning",
        "Daan kan zich slecht concentreren.",
    )

    assert client.post(url, {"titel": "Nieuw", "omschrijving": "b" * 5000}).status_code == 302
    hulpvraag.refresh_from_db()
    assert hulpvraag.omschrijving == "b" * 5000


def test_status_omschrijving(client, regie, behandeld):
    client.force_login(regie)
    url = reverse("hulpvragen:status", args=[behandeld.pk])

    html = client.post(url, {"naar": "geagendeerd", "omschrijving": "c" * 2001}).content.decode()
    assert TE_LANG_2000 in html
    assert StatusWijziging.objects.filter(naar="geagendeerd").count() == 0

    assert client.post(url, {"naar": "geagendeerd", "omschrijving": "c" * 2000}).status_code == 302
    assert StatusWijziging.objects.get(naar="geagendeerd").omschrijving == "c" * 2000


def test_aanpak_omschrijving(client, ib, regie, hulpvraag):
    client.force_login(ib)
    url = reverse("hulpvragen:aanpak_nieuw", args=[hulpvraag.pk])
    velden = {
        "titel": "Begeleiding",
        "startdatum": timezone.localdate().isoformat(),
        "behandelaar": regie.pk,
    }

    html = client.post(url, {**velden, "omschrijving": "d" * 5001}).content.decode()
    assert TE_LANG_5000 in html
    assert Aanpak.objects.count() == 0

    assert client.post(url, {**velden, "omschrijving": "d" * 5000}).status_code == 302
    assert Aanpak.objects.get().omschrijving == "d" * 5000


@pytest.fixture
def extern(po, maak_lid):
    return maak_lid(po, "externe_deelnemer", voornaam="Eva", achternaam="Smit")


def test_overlegronde_omschrijving(client, regie, behandeld, extern):
    client.force_login(regie)
    url = reverse("overleg:nieuw", args=[behandeld.pk])
    velden = {
        "actie": "opslaan",
        "titel": "Ronde",
        "einddatum": timezone.localdate().isoformat(),
        "deelnemers": [extern.pk],
    }

    html = client.post(url, {**velden, "omschrijving": "e" * 5001}).content.decode()
    assert TE_LANG_5000 in html
    assert Overlegronde.objects.count() == 0

    assert client.post(url, {**velden, "omschrijving": "e" * 5000}).status_code == 302
    assert Overlegronde.objects.get().omschrijving == "e" * 5000


@pytest.fixture
def ronde(regie, behandeld, extern):
    return overleg_services.maak_overlegronde(
        door=regie,
        hulpvraag=behandeld,
        titel="Meekijken",
        omschrijving="Wil je meekijken?",
        einddatum=timezone.localdate() + datetime.timedelta(days=14),
        deelnemers=[extern],
    )


def test_reactie(client, extern, ronde):
    client.force_login(extern)
    url = reverse("overleg:reactie", args=[ronde.hulpvraag_id, ronde.pk])

    html = client.post(url, {"tekst": "f" * 5001}).content.decode()
    assert TE_LANG_5000 in html
    assert Reactie.objects.count() == 0

    assert client.post(url, {"tekst": "f" * 5000}).status_code == 302
    assert Reactie.objects.get().tekst == "f" * 5000


# --- free texts: through the services, as a task or command would call them ---------------


def test_maak_hulpvraag_te_lang(maak):
    with pytest.raises(ValidationError) as fout:
        maak(omschrijving="a" * 5001)

    assert fout.value.message_dict == {"omschrijving": [TE_LANG_5000]}
    assert Hulpvraag.objects.count() == 0
    assert len(maak(omschrijving="a" * 5000).omschrijving) == 5000


def test_wijzig_hulpvraag_te_lang(ib, hulpvraag):
    with pytest.raises(ValidationError) as fout:
        services.wijzig_hulpvraag(door=ib, hulpvraag=hulpvraag, titel="T", omschrijving="b" * 5001)

    assert fout.value.message_dict == {"omschrijving": [TE_LANG_5000]}
    hulpvraag.refresh_from_db()
    assert hulpvraag.omschrijving == "Daan kan zich slecht concentreren."


def test_wijzig_status_te_lang(regie, behandeld):
    with pytest.raises(ValidationError) as fout:
        services.wijzig_status(
            door=regie, hulpvraag=behandeld, naar="geagendeerd", omschrijving="c" * 2001
        )

    assert fout.value.message_dict == {"omschrijving": [TE_LANG_2000]}
    behandeld.refresh_from_db()
    assert behandeld.status == "aangemeld"
    assert StatusWijziging.objects.filter(naar="geagendeerd").count() == 0
    wijziging = services.wijzig_status(
        door=regie, hulpvraag=behandeld, naar="geagendeerd", omschrijving="c" * 2000
    )
    assert len(wijziging.omschrijving) == 2000


def test_voeg_aanpak_toe_te_lang(ib, regie, hulpvraag):
    with pytest.raises(ValidationError) as fout:
        services.voeg_aanpak_toe(
            door=ib,
            hulpvraag=hulpvraag,
            titel="Begeleiding",
            omschrijving="d" * 5001,
            startdatum=timezone.localdate(),
            einddatum=None,
            behandelaar=regie,
        )

    assert fout.value.message_dict == {"omschrijving": [TE_LANG_5000]}
    assert Aanpak.objects.count() == 0


def test_maak_overlegronde_te_lang(regie, behandeld, extern):
    with pytest.raises(ValidationError) as fout:
        overleg_services.maak_overlegronde(
            door=regie,
            hulpvraag=behandeld,
            titel="Ronde",
            omschrijving="e" * 5001,
            einddatum=timezone.localdate(),
            deelnemers=[extern],
        )

    assert fout.value.message_dict == {"omschrijving": [TE_LANG_5000]}
    assert Overlegronde.objects.count() == 0


def test_plaats_reactie_te_lang(extern, ronde):
    with pytest.raises(ValidationError) as fout:
        overleg_services.plaats_reactie(door=extern, overlegronde=ronde, tekst="f" * 5001)

    assert fout.value.message_dict == {"tekst": [TE_LANG_5000]}
    assert Reactie.objects.count() == 0
    reactie = overleg_services.plaats_reactie(door=extern, overlegronde=ronde, tekst="f" * 5000)
    assert len(reactie.tekst) == 5000

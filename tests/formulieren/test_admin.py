"""The SWV-beheerder defines forms in the admin, for their own omgeving only; a field added
there appears in the portal at once."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from formulieren import services
from formulieren.models import FormulierDefinitie, Veld
from formulieren.standaard import TEAM_SCHOOLONDERSTEUNING
from tests.factories import FormulierDefinitieFactory, OrganisatieFactory

from .conftest import TEAM_INGEVULD

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(po, maak_lid):
    return maak_lid(po, "beheerder", organisatie=OrganisatieFactory(omgeving=po, soort="swv"))


def _postdata(definitie, *nieuwe_velden, **anders):
    """The admin's change form for this definition as it would be posted, plus new fields."""
    velden = list(definitie.velden.all())
    data = {
        "omgeving": definitie.omgeving_id,
        "naam": definitie.naam,
        "toelichting": definitie.toelichting,
        "rollen": definitie.rollen,
        "eenmalig": "on" if definitie.eenmalig else "",
        "actief": "on" if definitie.actief else "",
        "velden-TOTAL_FORMS": str(len(velden) + len(nieuwe_velden)),
        "velden-INITIAL_FORMS": str(len(velden)),
        "velden-MIN_NUM_FORMS": "0",
        "velden-MAX_NUM_FORMS": "1000",
    }
    rijen = [
        {
            "id": veld.pk,
            "definitie": definitie.pk,
            "volgorde": veld.volgorde,
            "label": veld.label,
            "type": veld.type,
            "verplicht": "on" if veld.verplicht else "",
            "helptekst": veld.helptekst,
            "keuzes": veld.keuzes,
        }
        for veld in velden
    ]
    rijen += [
        {"definitie": definitie.pk, "helptekst": "", "keuzes": "", **v} for v in nieuwe_velden
    ]
    for i, rij in enumerate(rijen):
        for sleutel, waarde in rij.items():
            if waarde not in ("", None):
                data[f"velden-{i}-{sleutel}"] = waarde
    data.update(anders)
    return data


def test_beheerder_ziet_alleen_definities_van_eigen_omgeving(client, beheerder, vo):
    FormulierDefinitieFactory(omgeving=vo, naam="Alleen in VO")
    vo_team = FormulierDefinitie.objects.get(omgeving=vo, naam=TEAM_SCHOOLONDERSTEUNING)
    client.force_login(beheerder)

    lijst = client.get(reverse("admin:formulieren_formulierdefinitie_changelist"))

    assert lijst.status_code == 200
    html = lijst.content.decode()
    assert "Team Schoolondersteuning" in html and "Betrokkenheid SMW/CJG/BPO" in html
    assert "Alleen in VO" not in html
    assert "IB/COO (schakelfunctionaris onderwijs)" in html  # the rollen, in words
    url = reverse("admin:formulieren_formulierdefinitie_change", args=[vo_team.pk])
    assert client.get(url).status_code == 302  # the admin's "does not exist"
    assert client.post(url, _postdata(vo_team, naam="Overgenomen")).status_code == 302
    vo_team.refresh_from_db()
    assert vo_team.naam == TEAM_SCHOOLONDERSTEUNING


def test_beheerder_voegt_een_veld_toe_en_het_verschijnt(client, beheerder, team, ib, hulpvraag):
    gevuld = services.maak_formulier(
        door=ib, hulpvraag=hulpvraag, definitie=team, waarden=TEAM_INGEVULD
    )
    client.force_login(beheerder)
    url = reverse("admin:formulieren_formulierdefinitie_change", args=[team.pk])
    pagina = client.get(url).content.decode()
    assert "Aanleiding en hulpvraag" in pagina

    response = client.post(
        url,
        _postdata(
            team,
            {
                "volgorde": 5,
                "label": "Schoolarts betrokken?",
                "type": "ja_nee",
                "verplicht": "on",
                "helptekst": "Is de jeugdarts of schoolarts al betrokken?",
            },
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    veld = Veld.objects.get(label="Schoolarts betrokken?")
    assert veld.sleutel == "schoolarts-betrokken"
    client.force_login(ib)
    nieuw = client.get(reverse("formulieren:wijzigen", args=[hulpvraag.pk, gevuld.pk]))
    html = nieuw.content.decode()
    assert "<legend><strong>Schoolarts betrokken?</strong> (verplicht)</legend>" in html
    assert html.index("Schoolarts betrokken?") < html.index("Aanleiding en hulpvraag")
    lezen = client.get(reverse("formulieren:formulier", args=[hulpvraag.pk, gevuld.pk]))
    assert "<dt>Schoolarts betrokken?</dt><dd>—</dd>" in lezen.content.decode()


@pytest.mark.parametrize(
    ("nieuw", "melding"),
    [
        ({"label": "Keuze", "type": "een_keuze", "keuzes": "Alleen"}, "Geef ten minste twee"),
        ({"label": "Tekst", "type": "korte_tekst", "keuzes": "a\nb"}, "Alleen een keuze uit"),
        ({"label": "Nog een", "type": "hulpvraag"}, "hooguit één veld van de soort Hulpvraag"),
    ],
)
def test_ongeldige_velden_geweigerd(client, beheerder, betrokkenheid, nieuw, melding):
    client.force_login(beheerder)
    url = reverse("admin:formulieren_formulierdefinitie_change", args=[betrokkenheid.pk])

    response = client.post(url, _postdata(betrokkenheid, {"volgorde": 99, **nieuw}))

    assert response.status_code == 200
    assert melding in response.content.decode()
    assert betrokkenheid.velden.count() == 5


def test_beheerder_maakt_geen_definitie_in_een_andere_omgeving(client, beheerder, po, vo):
    client.force_login(beheerder)
    data = {
        "omgeving": vo.pk,
        "naam": "Stiekem",
        "rollen": ["ib_coo"],
        "actief": "on",
        "velden-TOTAL_FORMS": "0",
        "velden-INITIAL_FORMS": "0",
        "velden-MIN_NUM_FORMS": "0",
        "velden-MAX_NUM_FORMS": "1000",
    }

    response = client.post(reverse("admin:formulieren_formulierdefinitie_add"), data)

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not FormulierDefinitie.objects.filter(naam="Stiekem").exists()
    # Without a rol nobody could fill it: the admin asks for one.
    data.update(omgeving=po.pk, rollen=[])
    response = client.post(reverse("admin:formulieren_formulierdefinitie_add"), data)
    assert "Kies ten minste één rol die dit formulier invult." in response.content.decode()
    # An externe deelnemer never sees formulieren, so it is not a rol that fills one.
    data.update(rollen=["externe_deelnemer"])
    response = client.post(reverse("admin:formulieren_formulierdefinitie_add"), data)
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not FormulierDefinitie.objects.filter(naam="Stiekem").exists()


def test_ingevulde_definitie_wordt_niet_verwijderd_maar_uitgezet(ib, hulpvraag, team):
    services.maak_formulier(door=ib, hulpvraag=hulpvraag, definitie=team, waarden={})

    with pytest.raises(ProtectedError):
        team.delete()

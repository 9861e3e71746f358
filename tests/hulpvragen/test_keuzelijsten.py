"""Issue 14, items 3 and 4: the coördinator and behandelaar lists say who is who (rol and
organisatie, grouped), and the status list offers only the steps this person may take now,
with nothing preselected."""

import pytest
from django.forms.renderers import DjangoTemplates
from django.urls import reverse

from hulpvragen.forms import AanpakForm, CoordinatorForm, HulpvraagForm
from hulpvragen.models import Hulpvraag, StatusWijziging
from hulpvragen.selectors import mogelijke_coordinatoren
from hulpvragen.workflow import Status
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mensen(po, maak_lid, ib, ib_andere_school):
    """Sanne is the schakelfunctionaris, Mila works for SMW and Rik for CJG; the beheerder and
    the IB/COO's (of this and another school) may not be coördinator."""
    swv = OrganisatieFactory(omgeving=po, soort="swv", naam="SWV PO Goeree-Overflakkee")
    smw = OrganisatieFactory(omgeving=po, soort="smw", naam="SMW Goeree-Overflakkee")
    cjg = OrganisatieFactory(omgeving=po, soort="cjg", naam="CJG Goeree-Overflakkee")
    return {
        "sanne": maak_lid(
            po, "schakelfunctionaris_verbinding", swv, voornaam="Sanne", achternaam="Visser"
        ),
        "mila": maak_lid(po, "regierolhouder", smw, voornaam="Mila", achternaam="Jansen"),
        "rik": maak_lid(po, "regierolhouder", cjg, voornaam="Rik", achternaam="de Wit"),
        "beheer": maak_lid(po, "beheerder", swv, voornaam="Pim", achternaam="de Graaf"),
    }


def groepen_html(mensen, leeg=""):
    s, m, r = (mensen[n].pk for n in ("sanne", "mila", "rik"))
    return (
        f"{leeg}"
        '\n  <optgroup label="Schakelfunctionaris verbinding onderwijs/jeugdhulp">'
        f'\n  <option value="{s}">Sanne Visser (SWV PO Goeree-Overflakkee)</option>\n'
        "\n  </optgroup>"
        '\n  <optgroup label="Regierolhouder">'
        f'\n  <option value="{m}">Mila Jansen (SMW Goeree-Overflakkee)</option>\n'
        f'\n  <option value="{r}">Rik de Wit (CJG Goeree-Overflakkee)</option>\n'
        "\n  </optgroup>"
        "\n</select>"
    )


def test_coordinator_lijst_per_rol_met_organisatie_zonder_streepjes(po, mensen):
    form = CoordinatorForm(
        coordinatoren=mogelijke_coordinatoren(omgeving=po),
        omgeving=po,
        initial={"coordinator": mensen["rik"].pk},
    )
    html = form["coordinator"].as_widget()

    verwacht = groepen_html(mensen).replace(
        f'value="{mensen["rik"].pk}">', f'value="{mensen["rik"].pk}" selected>'
    )
    assert html == (
        '<select name="coordinator" aria-required="true" id="id_coordinator">' + verwacht
    )
    assert "---------" not in html
    # Django's own templates write exactly the same HTML.
    form.renderer = DjangoTemplates()
    assert form["coordinator"].as_widget() == html


def test_nieuwe_hulpvraag_vraagt_de_coordinator_te_kiezen(po, mensen):
    form = HulpvraagForm(coordinatoren=mogelijke_coordinatoren(omgeving=po), omgeving=po)

    assert form["coordinator"].as_widget() == (
        '<select name="coordinator" required aria-describedby="id_coordinator_helptext" '
        'aria-required="true" id="id_coordinator">'
        + groepen_html(mensen, '\n  <option value="" selected>Kies de coördinator</option>\n')
    )

    leeg = HulpvraagForm(
        {"titel": "Team Schoolondersteuning", "omschrijving": "x", "coordinator": ""},
        coordinatoren=mogelijke_coordinatoren(omgeving=po),
        omgeving=po,
    )
    assert leeg.errors["coordinator"] == [
        "Kies de coördinator: eerst de schakelfunctionaris verbinding onderwijs/jeugdhulp."
    ]


def test_nieuwe_aanpak_kies_een_behandelaar_bestaande_houdt_de_zijne(po, mensen, behandeld):
    nieuw = AanpakForm(behandelaars=mogelijke_coordinatoren(omgeving=po), omgeving=po)
    html = nieuw["behandelaar"].as_widget()
    assert html.startswith(
        '<select name="behandelaar" required aria-describedby="id_behandelaar_helptext" '
        'aria-required="true" id="id_behandelaar">'
        '\n  <option value="" selected>Kies een behandelaar</option>\n'
        '\n  <optgroup label="Schakelfunctionaris verbinding onderwijs/jeugdhulp">'
    )
    assert (
        '<option value="{}">Mila Jansen (SMW Goeree-Overflakkee)</option>'.format(mensen["mila"].pk)
        in html
    )
    assert AanpakForm({}, behandelaars=mogelijke_coordinatoren(omgeving=po), omgeving=po).errors[
        "behandelaar"
    ] == ["Kies de behandelaar: wie de hulpvraag oppakt, meestal de regierolhouder."]

    bestaand = AanpakForm(
        behandelaars=mogelijke_coordinatoren(omgeving=po),
        omgeving=po,
        instance=behandeld.aanpakken.get(),
    )
    html = bestaand["behandelaar"].as_widget()
    assert 'value=""' not in html
    assert "Noor Jansen (" in html  # regie2, the behandelaar, chosen
    assert f'<option value="{behandeld.aanpakken.get().behandelaar_id}" selected>' in html


def test_lijst_is_een_query_hoeveel_mensen_ook(po, mensen, maak_lid, django_assert_num_queries):
    def render():
        form = CoordinatorForm(
            coordinatoren=mogelijke_coordinatoren(omgeving=po), omgeving=po, initial={}
        )
        return form["coordinator"].as_widget()

    with django_assert_num_queries(1):
        weinig = render()
    for n in range(6):
        maak_lid(po, "regierolhouder", voornaam=f"Extra{n}", achternaam="Hulp")
    with django_assert_num_queries(1):
        veel = render()
    assert veel.count("<option") == weinig.count("<option") + 6 == 9


def test_vervalste_coordinator_krijgt_nederlandse_melding(client, hulpvraag, ib, mensen):
    client.force_login(ib)

    response = client.post(
        reverse("hulpvragen:coordinator", args=[hulpvraag.pk]),
        {"coordinator": mensen["beheer"].pk},
    )

    assert response.status_code == 200
    assert (
        "Kies een schakelfunctionaris verbinding onderwijs/jeugdhulp of een regierolhouder uit "
        "de lijst." in response.content.decode()
    )
    hulpvraag.refresh_from_db()
    assert hulpvraag.coordinator.voornaam == "Sanne"


def zet_status(hulpvraag, status):
    Hulpvraag.objects.filter(pk=hulpvraag.pk).update(status=status)


def status_keuzes(client, hulpvraag):
    html = client.get(reverse("hulpvragen:detail", args=[hulpvraag.pk])).content.decode()
    if 'name="naar"' not in html:
        return None
    return html.split('<select name="naar"')[1].split("</select>")[0]


def test_na_tussentijdse_evaluatie_niets_voorgekozen_en_alleen_wat_mag(client, behandeld, regie):
    zet_status(behandeld, Status.TUSSENTIJDSE_EVALUATIE)
    client.force_login(regie)

    assert status_keuzes(client, behandeld) == (
        ' required aria-required="true" id="id_naar">'
        '\n  <option value="" selected>Kies de nieuwe status</option>\n'
        '\n  <option value="geagendeerd">GEAGENDEERD</option>\n'
        '\n  <option value="retour_naar_schakelteam">RETOUR NAAR SCHAKELTEAM</option>\n\n'
    )


def test_status_opslaan_zonder_keuze_verandert_niets(client, behandeld, regie):
    zet_status(behandeld, Status.TUSSENTIJDSE_EVALUATIE)
    client.force_login(regie)

    response = client.post(reverse("hulpvragen:status", args=[behandeld.pk]), {"naar": ""})

    assert response.status_code == 200
    assert "Kies de nieuwe status." in response.content.decode()
    behandeld.refresh_from_db()
    assert behandeld.status == Status.TUSSENTIJDSE_EVALUATIE
    assert StatusWijziging.objects.filter(hulpvraag=behandeld).count() == 1


@pytest.mark.parametrize(
    ("status", "keuzes"),
    [
        (Status.AANGEMELD, None),
        (Status.GEAGENDEERD, None),
        (Status.TUSSENTIJDSE_EVALUATIE, None),
        (
            Status.RETOUR_NAAR_SCHAKELTEAM,
            ' required aria-required="true" id="id_naar">'
            '\n  <option value="" selected>Kies de nieuwe status</option>\n'
            '\n  <option value="afgerond">AFGEROND</option>\n\n',
        ),
    ],
)
def test_ib_coo_krijgt_afgerond_pas_na_retour_naar_schakelteam(
    client, behandeld, ib, status, keuzes
):
    zet_status(behandeld, status)
    client.force_login(ib)

    assert status_keuzes(client, behandeld) == keuzes


def test_ib_coo_kan_geagendeerd_niet_afronden_ook_niet_met_een_eigen_post(client, behandeld, ib):
    zet_status(behandeld, Status.GEAGENDEERD)
    client.force_login(ib)

    client.post(reverse("hulpvragen:status", args=[behandeld.pk]), {"naar": "afgerond"})

    behandeld.refresh_from_db()
    assert behandeld.status == Status.GEAGENDEERD

"""Work instruction §2 step 2 and §4 steps 2-3 through the pages, with the rules around them:
which role fills which form, a definition that changes after filling, two people editing at
once, the history of changes."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from formulieren import selectors, services
from formulieren.models import Formulier, FormulierWijziging
from hulpvragen import services as hulpvraag_services
from hulpvragen.workflow import Status
from tests.factories import (
    FormulierDefinitieFactory,
    LeerlingFactory,
    OrganisatieFactory,
    VeldFactory,
)

from .conftest import TEAM_INGEVULD

pytestmark = pytest.mark.django_db


def _tabs(pagina):
    return pagina.split('aria-label="Tabbladen van de hulpvraag"')[1].split("</nav>")[0]


def _nieuw(hulpvraag, definitie):
    return reverse("formulieren:nieuw", args=[hulpvraag.pk]) + f"?definitie={definitie.pk}"


def test_ib_vult_team_schoolondersteuning_in(client, ib, hulpvraag, team):
    client.force_login(ib)

    # Ga naar het tabblad FORMULIER en selecteer het formulier 'Team Schoolondersteuning'.
    detail = client.get(reverse("hulpvragen:detail", args=[hulpvraag.pk])).content.decode()
    assert ">Formulieren</a>" in _tabs(detail)
    tab = client.get(reverse("formulieren:tab", args=[hulpvraag.pk])).content.decode()
    assert "Er is nog geen formulier bij deze hulpvraag." in tab
    assert f'<option value="{team.pk}">Team Schoolondersteuning</option>' in tab
    assert "Betrokkenheid SMW/CJG/BPO</option>" not in tab  # not the IB/COO's form
    pagina = client.get(_nieuw(hulpvraag, team)).content.decode()
    assert "<h2>Team Schoolondersteuning" in pagina
    assert "De gele velden zijn verplichte velden." in pagina

    # A required field left empty: the message at that field, the rest of the input kept.
    onvolledig = {**TEAM_INGEVULD, "aanleiding": "", "verzuim": "4"}
    response = client.post(_nieuw(hulpvraag, team), onvolledig)
    assert response.status_code == 200
    assert not Formulier.objects.exists()
    pagina = response.content.decode()
    aanleiding = pagina.split('<div class="kk-veld kk-veld--verplicht kk-veld--fout">')[1]
    assert aanleiding.split("</div>")[0].count("Aanleiding en hulpvraag") == 1
    assert "Dit veld is verplicht." in aanleiding.split('<div class="kk-veld')[0]
    assert "Zes weken extra instructie in een klein groepje." in pagina
    assert 'value="4"' in pagina

    # Klik op OPSLAAN.
    response = client.post(_nieuw(hulpvraag, team), {**TEAM_INGEVULD, "verzuim": "4"})
    formulier = Formulier.objects.get()
    assert response["Location"] == reverse(
        "formulieren:formulier", args=[hulpvraag.pk, formulier.pk]
    )
    assert formulier.auteur == ib and formulier.versie == 1
    assert formulier.waarden["aanleiding"] == "Sem kan zich slecht concentreren."
    assert formulier.waarden["toestemming-ouders"] is True
    assert formulier.waarden["verzuim"] == "4"
    assert [spec["sleutel"] for spec in formulier.veldenset][:2] == ["aanleiding", "wat-gedaan"]
    pagina = client.get(response["Location"]).content.decode()
    assert "Het formulier &#x27;Team Schoolondersteuning&#x27; is opgeslagen." in pagina
    assert "<dt>Toestemming ouders/verzorgers voor bespreking" in pagina
    assert "Ingevuld op" in pagina and "door Inge Bakker" in pagina

    # The tab lists it with its author and last change.
    tab = client.get(reverse("formulieren:tab", args=[hulpvraag.pk])).content.decode()
    assert "Team Schoolondersteuning</a>" in tab
    assert "Inge Bakker" in tab
    assert f"{reverse('formulieren:wijzigen', args=[hulpvraag.pk, formulier.pk])}" in tab


def test_later_aanvullen_en_elke_wijziging_bewaard(client, ib, hulpvraag, team):
    client.force_login(ib)
    client.post(_nieuw(hulpvraag, team), TEAM_INGEVULD)
    formulier = Formulier.objects.get()
    url = reverse("formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk])

    pagina = client.get(url).content.decode()
    assert "Sem kan zich slecht concentreren." in pagina  # the stored values are in the form
    response = client.post(
        url,
        {
            **TEAM_INGEVULD,
            "aanleiding": "Sem kan zich slecht concentreren, vooral 's middags.",
            "urgentie": "Met spoed (binnen twee weken)",
            "versie": "1",
        },
    )

    formulier.refresh_from_db()
    assert response.status_code == 302
    assert formulier.versie == 2
    assert formulier.waarden["urgentie"] == "Met spoed (binnen twee weken)"
    wijziging = formulier.wijzigingen.first()
    assert wijziging.versie == 2 and wijziging.door == ib
    assert wijziging.velden == [
        {
            "sleutel": "aanleiding",
            "label": "Aanleiding en hulpvraag",
            "oud": "Sem kan zich slecht concentreren.",
            "nieuw": "Sem kan zich slecht concentreren, vooral 's middags.",
        },
        {
            "sleutel": "urgentie",
            "label": "Urgentie",
            "oud": "—",
            "nieuw": "Met spoed (binnen twee weken)",
        },
    ]
    pagina = client.get(response["Location"]).content.decode()
    assert "Gewijzigd op" in pagina and "Ingevuld op" in pagina
    assert "Met spoed (binnen twee weken)</td>" in pagina

    # Opslaan without a change writes no version.
    opgeslagen = {k: v for k, v in formulier.waarden.items() if v is not None}
    response = client.post(url, {**opgeslagen, "versie": "2"})
    formulier.refresh_from_db()
    assert formulier.versie == 2
    assert FormulierWijziging.objects.count() == 2


def test_een_per_hulpvraag_opent_het_bestaande(client, ib, hulpvraag, team):
    client.force_login(ib)
    client.post(_nieuw(hulpvraag, team), TEAM_INGEVULD)
    formulier = Formulier.objects.get()

    response = client.get(_nieuw(hulpvraag, team))

    assert response["Location"] == reverse(
        "formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk]
    )
    # And a second one posted anyway (two tabs open) is refused, the input kept.
    response = client.post(_nieuw(hulpvraag, team), {**TEAM_INGEVULD, "aanleiding": "Tweede"})
    assert response.status_code == 200
    assert "is bij deze hulpvraag al ingevuld" in response.content.decode()
    assert "Tweede" in response.content.decode()
    assert Formulier.objects.count() == 1


def test_regierolhouder_vult_betrokkenheid_in_vanuit_het_overzicht(
    client, po, ib, regie, hulpvraag, betrokkenheid, leerling, maak_lid
):
    # Another hulpvraag of the school, with someone else as coördinator: not Rik's.
    niet_betrokken = hulpvraag_services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=LeerlingFactory(school=leerling.school, gecontroleerd_op=timezone.now()),
        titel="Niet van Rik",
        omschrijving="",
        coordinator=maak_lid(po, "regierolhouder"),
    )
    client.force_login(regie)

    overzicht = client.get(reverse("formulieren:overzicht")).content.decode()
    assert f'<option value="{betrokkenheid.pk}">Betrokkenheid SMW/CJG/BPO</option>' in overzicht
    assert "Team Schoolondersteuning</option>" not in overzicht
    url = reverse("formulieren:overzicht_nieuw") + f"?definitie={betrokkenheid.pk}"
    pagina = client.get(url).content.decode()
    # Selecteer bij 'hulpvraag' de hulpvraag waar jij bij betrokken bent.
    keuzes = pagina.split('name="hulpvraag"')[1].split("</select>")[0]
    assert f'value="{hulpvraag.pk}"' in keuzes
    assert f'value="{niet_betrokken.pk}"' not in keuzes
    # Voeg hier je eigen naam toe (op basis van selectie).
    assert f'<option value="{regie.pk}">Rik de Wit</option>' in pagina

    leeg = client.post(url, {"overig": "Wekelijks contact met de IB-er"})
    assert leeg.status_code == 200
    assert "Kies de hulpvraag waar dit formulier bij hoort." in leeg.content.decode()
    assert "Wekelijks contact met de IB-er" in leeg.content.decode()
    # A hulpvraag he is not involved in cannot be posted either.
    vreemd = client.post(
        url,
        {
            "hulpvraag": niet_betrokken.pk,
            "naam-betrokkene": regie.pk,
            "organisatie": "CJG",
            "start-betrokkenheid": "2026-12-01",
        },
    )
    assert "Selecteer een geldige keuze." in vreemd.content.decode()
    response = client.post(
        url,
        {
            "hulpvraag": hulpvraag.pk,
            "naam-betrokkene": regie.pk,
            "organisatie": "CJG",
            "start-betrokkenheid": "2026-12-01",
            "overig": "Wekelijks contact met de IB-er; verslag na zes weken.",
        },
    )

    formulier = Formulier.objects.get()
    assert response["Location"] == reverse(
        "formulieren:formulier", args=[hulpvraag.pk, formulier.pk]
    )
    assert formulier.hulpvraag == hulpvraag
    assert formulier.definitie == betrokkenheid
    assert formulier.waarden["naam-betrokkene"] == regie.pk

    # The IB/COO finds it on the tab of the hulpvraag and reads Overig, but does not change it.
    client.force_login(ib)
    tab = client.get(reverse("formulieren:tab", args=[hulpvraag.pk])).content.decode()
    assert "Betrokkenheid SMW/CJG/BPO</a>" in tab and "Rik de Wit" in tab
    assert reverse("formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk]) not in tab
    pagina = client.get(response["Location"]).content.decode()
    assert "<dt>Overig</dt><dd>Wekelijks contact met de IB-er; verslag na zes weken.</dd>" in pagina
    assert "<dt>Naam betrokkene</dt><dd>Rik de Wit</dd>" in pagina
    assert "<dt>Start betrokkenheid</dt><dd>1 december 2026</dd>" in pagina


def test_afgeronde_hulpvraag_staat_niet_in_de_keuze(client, ib, regie, hulpvraag, betrokkenheid):
    for naar in (Status.GEAGENDEERD, Status.RETOUR_NAAR_SCHAKELTEAM):
        hulpvraag_services.wijzig_status(
            door=regie, hulpvraag=hulpvraag, naar=naar, omschrijving=""
        )
    hulpvraag_services.wijzig_status(
        door=ib, hulpvraag=hulpvraag, naar=Status.AFGEROND, omschrijving=""
    )
    client.force_login(regie)

    url = reverse("formulieren:overzicht_nieuw") + f"?definitie={betrokkenheid.pk}"
    keuzes = client.get(url).content.decode().split('name="hulpvraag"')[1].split("</select>")[0]

    assert f'value="{hulpvraag.pk}"' not in keuzes


def test_rol_bepaalt_welk_formulier(client, po, vo, ib, regie, hulpvraag, team, betrokkenheid):
    vreemd = FormulierDefinitieFactory(omgeving=vo, rollen=["ib_coo"], naam="Van VO")
    uit = FormulierDefinitieFactory(omgeving=po, rollen=["ib_coo"], naam="Uitgezet", actief=False)
    client.force_login(ib)

    tab = client.get(reverse("formulieren:tab", args=[hulpvraag.pk])).content.decode()
    assert "Van VO" not in tab and "Uitgezet" not in tab
    for definitie in (betrokkenheid, vreemd, uit):
        pagina = client.get(_nieuw(hulpvraag, definitie)).content.decode()
        assert "Dit formulier kunt u hier niet invullen; kies een ander." in pagina
        assert client.post(_nieuw(hulpvraag, definitie), {}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.maak_formulier(door=ib, hulpvraag=hulpvraag, definitie=betrokkenheid, waarden={})

    # The regierolhouder reads the IB/COO's form but does not change it.
    formulier = services.maak_formulier(
        door=ib, hulpvraag=hulpvraag, definitie=team, waarden={"aanleiding": "x"}
    )
    client.force_login(regie)
    lezen = client.get(reverse("formulieren:formulier", args=[hulpvraag.pk, formulier.pk]))
    assert lezen.status_code == 200
    assert reverse("formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk]) not in (
        lezen.content.decode()
    )
    url = reverse("formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"aanleiding": "y", "versie": "1"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.wijzig_formulier(door=regie, formulier=formulier, waarden={}, versie=1)
    formulier.refresh_from_db()
    assert formulier.waarden["aanleiding"] == "x"


def test_definitie_wijzigen_na_invullen_houdt_het_formulier_leesbaar(client, ib, hulpvraag, team):
    client.force_login(ib)
    client.post(_nieuw(hulpvraag, team), {**TEAM_INGEVULD, "urgentie": "Regulier"})
    formulier = Formulier.objects.get()

    # The beheerder renames a field, removes one, changes the choices of another, adds two.
    team.velden.filter(sleutel="aanleiding").update(label="Aanleiding (nieuw label)", type="getal")
    team.velden.filter(sleutel="wat-gedaan").delete()
    team.velden.filter(sleutel="urgentie").update(keuzes="Laag\nHoog")
    VeldFactory(definitie=team, label="Leerjaar bij aanmelding", volgorde=15)
    VeldFactory(definitie=team, label="Ervaring ouders", type="lange_tekst", verplicht=True)

    pagina = client.get(
        reverse("formulieren:formulier", args=[hulpvraag.pk, formulier.pk])
    ).content.decode()
    # As it was filled: old label, the removed field with its value, the old choice …
    assert "<dt>Aanleiding en hulpvraag</dt><dd>Sem kan zich slecht concentreren.</dd>" in pagina
    assert "<dt>Wat heeft de school al gedaan?</dt><dd>Zes weken extra" in pagina
    assert "<dt>Urgentie</dt><dd>Regulier</dd>" in pagina
    assert "nieuw label" not in pagina
    # … and the fields added later, empty, in their place.
    assert "<dt>Leerjaar bij aanmelding</dt><dd>—</dd>" in pagina
    assert pagina.index("Leerjaar bij aanmelding") < pagina.index("Wat heeft de school al")
    assert "<dt>Ervaring ouders</dt><dd>—</dd>" in pagina

    # Completing it later: the new required field is asked for; the rest stays as it was.
    url = reverse("formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk])
    wijzigen = client.get(url).content.decode()
    assert "Zes weken extra instructie" in wijzigen
    assert '<option value="Regulier" selected>Regulier</option>' in wijzigen
    gegevens = {**TEAM_INGEVULD, "urgentie": "Regulier", "versie": "1"}
    response = client.post(url, gegevens)
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    response = client.post(url, {**gegevens, "ervaring-ouders": "Ouders zijn betrokken."})
    assert response.status_code == 302
    formulier.refresh_from_db()
    assert formulier.waarden["wat-gedaan"].startswith("Zes weken")
    assert formulier.waarden["ervaring-ouders"] == "Ouders zijn betrokken."
    assert "ervaring-ouders" in {spec["sleutel"] for spec in formulier.veldenset}


def test_twee_tegelijk_wijzigen_toont_beide_versies_en_houdt_de_invoer(
    client, ib, coo, hulpvraag, team
):
    formulier = services.maak_formulier(
        door=ib,
        hulpvraag=hulpvraag,
        definitie=team,
        waarden={**TEAM_INGEVULD, "ouders-geinformeerd": True, "toestemming-ouders": True},
    )
    url = reverse("formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk])
    # Both open the form at version 1.
    client.force_login(coo)
    assert 'name="versie" value="1"' in client.get(url).content.decode()
    services.wijzig_formulier(
        door=ib,
        formulier=formulier,
        waarden={**formulier.waarden, "aanleiding": "Versie van Inge"},
        versie=1,
    )

    response = client.post(
        url,
        {
            **TEAM_INGEVULD,
            "aanleiding": "Versie van Chris",
            "bereikbaar": "Maandag en dinsdag",
            "versie": "1",
        },
    )

    assert response.status_code == 200
    formulier.refresh_from_db()
    assert formulier.waarden["aanleiding"] == "Versie van Inge"  # nothing overwritten
    assert formulier.versie == 2
    pagina = response.content.decode()
    assert "Uw wijzigingen zijn nog niet opgeslagen." in pagina
    assert "Inge Bakker heeft dit formulier opgeslagen op" in pagina
    verschillen = pagina.split('id="verschillen"')[1].split("</table>")[0]
    assert "Opgeslagen door Inge Bakker" in verschillen
    assert "Versie van Inge" in verschillen and "Versie van Chris" in verschillen
    assert "Maandag en dinsdag" in verschillen
    # What Chris typed is still in the form, now on top of version 2.
    formulier_html = pagina.split('class="kk-form kk-form--breed"')[1]
    assert "Versie van Chris</textarea>" in formulier_html
    assert 'value="Maandag en dinsdag"' in formulier_html
    assert 'name="versie" value="2"' in formulier_html

    # Opslaan again is a deliberate choice: his version replaces hers, and both are in the
    # history.
    data = {**TEAM_INGEVULD, "aanleiding": "Versie van Chris", "versie": "2"}
    assert client.post(url, data).status_code == 302
    formulier.refresh_from_db()
    assert formulier.waarden["aanleiding"] == "Versie van Chris"
    assert [(w.versie, w.door) for w in formulier.wijzigingen.all()] == [
        (3, coo),
        (2, ib),
        (1, ib),
    ]


def test_conflict_in_de_service(ib, coo, hulpvraag, team):
    formulier = services.maak_formulier(
        door=ib, hulpvraag=hulpvraag, definitie=team, waarden={"aanleiding": "Eerste"}
    )
    services.wijzig_formulier(
        door=ib, formulier=formulier, waarden={"aanleiding": "Van Inge"}, versie=1
    )

    with pytest.raises(services.Conflict) as conflict:
        services.wijzig_formulier(
            door=coo, formulier=formulier, waarden={"aanleiding": "Van Chris"}, versie=1
        )

    assert conflict.value.formulier.waarden["aanleiding"] == "Van Inge"
    assert conflict.value.formulier.versie == 2
    formulier.refresh_from_db()
    assert formulier.waarden["aanleiding"] == "Van Inge"


def test_formulier_van_een_andere_hulpvraag_bestaat_hier_niet(
    client, po, ib, regie, hulpvraag, team, leerling
):
    andere = hulpvraag_services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Andere",
        omschrijving="",
        coordinator=regie,
        bevestig_tweede=True,  # a second one for the same leerling (issue 15)
    )
    formulier = services.maak_formulier(door=ib, hulpvraag=andere, definitie=team, waarden={})
    client.force_login(ib)

    for naam in ("formulier", "wijzigen"):
        assert (
            client.get(
                reverse(f"formulieren:{naam}", args=[hulpvraag.pk, formulier.pk])
            ).status_code
            == 404
        )


@pytest.fixture(params=["eigen hulpvragen", "pagina voor pagina"])
def leesweg(request, monkeypatch):
    """Both ways the overview reads: through the person's hulpvragen, and (for who sees very
    many) along the omgeving's forms with a check per row."""
    if request.param == "pagina voor pagina":
        monkeypatch.setattr(selectors, "VEEL_HULPVRAGEN", 0)
    return request.param


def test_overzicht_toont_de_formulieren_van_eigen_hulpvragen(
    client, po, ib, hulpvraag, team, maak_lid, leesweg
):
    formulier = services.maak_formulier(door=ib, hulpvraag=hulpvraag, definitie=team, waarden={})
    andere_ib = maak_lid(po, "ib_coo", organisatie=OrganisatieFactory(omgeving=po))
    client.force_login(ib)

    with CaptureQueriesContext(connection) as vragen:
        pagina = client.get(reverse("formulieren:overzicht")).content.decode()
    assert reverse("formulieren:formulier", args=[hulpvraag.pk, formulier.pk]) in pagina
    assert "Sem Bos" in pagina
    lijst = next(v["sql"] for v in vragen if 'FROM "formulieren_formulier"' in v["sql"])
    # The check per row is a subquery that stops at its first row.
    assert ("LIMIT 1)" in lijst) == (leesweg == "pagina voor pagina")

    client.force_login(andere_ib)
    pagina = client.get(reverse("formulieren:overzicht")).content.decode()
    assert reverse("formulieren:formulier", args=[hulpvraag.pk, formulier.pk]) not in pagina
    assert "Er zijn nog geen formulieren bij uw hulpvragen." in pagina


def formulieren_op_nieuwe_hulpvragen(aantal, *, po, ib, regie, school, team):
    """`aantal` hulpvragen of the IB/COO's school, each with a Team Schoolondersteuning."""
    formulieren = []
    for _ in range(aantal):
        hv = hulpvraag_services.maak_hulpvraag(
            door=ib,
            omgeving=po,
            leerling=LeerlingFactory(school=school, gecontroleerd_op=timezone.now()),
            titel="Leesproblemen",
            omschrijving="",
            coordinator=regie,
        )
        formulieren.append(
            services.maak_formulier(door=ib, hulpvraag=hv, definitie=team, waarden={})
        )
    return formulieren


def test_overzicht_evenveel_queries_bij_2_en_20_formulieren(
    client, po, ib, regie, team, betrokkenheid, school, django_assert_max_num_queries, leesweg
):
    def maak(aantal):
        formulieren_op_nieuwe_hulpvragen(
            aantal, po=po, ib=ib, regie=regie, school=school, team=team
        )

    client.force_login(ib)
    maak(2)
    with django_assert_max_num_queries(30) as weinig:
        client.get(reverse("formulieren:overzicht"))
    maak(18)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        pagina = client.get(reverse("formulieren:overzicht")).content.decode()
    assert pagina.count("Team Schoolondersteuning</a>") == 20


def test_overzicht_bladert_zonder_telling_en_kent_de_omgeving_van_elk_formulier(
    client, po, ib, regie, team, school, leesweg
):
    formulieren = formulieren_op_nieuwe_hulpvragen(
        26, po=po, ib=ib, regie=regie, school=school, team=team
    )
    assert {formulier.omgeving_id for formulier in formulieren} == {po.pk}  # from the hulpvraag
    client.force_login(ib)

    eerste = client.get(reverse("formulieren:overzicht")).content.decode()
    tweede = client.get(reverse("formulieren:overzicht") + "?page=2").content.decode()

    assert eerste.count("Team Schoolondersteuning</a>") == 25
    assert "<span>Pagina 1</span>" in eerste
    assert "page=2" in eerste
    assert tweede.count("Team Schoolondersteuning</a>") == 1
    assert "<span>Pagina 2</span>" in tweede
    assert "page=3" not in tweede
    assert client.get(reverse("formulieren:overzicht") + "?page=3").status_code == 404

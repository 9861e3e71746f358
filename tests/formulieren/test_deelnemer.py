"""§6: "Deze uitgenodigde persoon heeft geen inzage in de formulieren die er bij de hulpvraag
geplaatst zijn. Wel kan die persoon de hulpvraag en de bijlagen inzien." """

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from formulieren import services
from formulieren.models import Formulier
from hulpvragen import services as hulpvraag_services
from hulpvragen import toegang

from .conftest import TEAM_INGEVULD

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(po, ib, regie, hulpvraag, team, betrokkenheid, leerling, maak_deelnemer):
    formulier = services.maak_formulier(
        door=ib, hulpvraag=hulpvraag, definitie=team, waarden=TEAM_INGEVULD
    )
    andere = hulpvraag_services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Andere",
        omschrijving="",
        coordinator=regie,
        bevestig_tweede=True,  # a second one for the same leerling (issue 15)
    )
    ander_formulier = services.maak_formulier(
        door=ib, hulpvraag=andere, definitie=team, waarden=TEAM_INGEVULD
    )
    return {
        "deelnemer": maak_deelnemer(hulpvraag),
        "hulpvraag": hulpvraag,
        "formulier": formulier,
        "andere": andere,
        "ander_formulier": ander_formulier,
        "team": team,
        "betrokkenheid": betrokkenheid,
    }


def test_deelnemer_ziet_de_hulpvraag_maar_geen_formulieren(client, dossier):
    hulpvraag, deelnemer = dossier["hulpvraag"], dossier["deelnemer"]
    assert toegang.rechten_op(deelnemer, hulpvraag) == {toegang.ZIEN, toegang.REACTIE}
    client.force_login(deelnemer)

    detail = client.get(reverse("hulpvragen:detail", args=[hulpvraag.pk]))

    assert detail.status_code == 200
    html = detail.content.decode()
    tabs = html.split('aria-label="Tabbladen van de hulpvraag"')[1].split("</nav>")[0]
    assert "Formulieren" not in tabs
    assert reverse("formulieren:tab", args=[hulpvraag.pk]) not in html
    assert "Team Schoolondersteuning</a>" not in html


def test_deelnemer_krijgt_404_op_elke_formulieren_url_ook_geraden(client, dossier):
    hulpvraag, formulier = dossier["hulpvraag"], dossier["formulier"]
    andere, ander = dossier["andere"], dossier["ander_formulier"]
    client.force_login(dossier["deelnemer"])
    pk, fpk = hulpvraag.pk, formulier.pk
    nieuw = reverse("formulieren:nieuw", args=[pk])
    urls = [
        reverse("formulieren:tab", args=[pk]),
        nieuw,
        f"{nieuw}?definitie={dossier['team'].pk}",
        f"{nieuw}?definitie={dossier['betrokkenheid'].pk}",
        reverse("formulieren:formulier", args=[pk, fpk]),
        reverse("formulieren:wijzigen", args=[pk, fpk]),
        # guessed: the next id, a form of another hulpvraag, a hulpvraag that is not theirs
        reverse("formulieren:formulier", args=[pk, fpk + 100]),
        reverse("formulieren:formulier", args=[pk, ander.pk]),
        reverse("formulieren:formulier", args=[andere.pk, ander.pk]),
        reverse("formulieren:wijzigen", args=[andere.pk, ander.pk]),
        reverse("formulieren:tab", args=[andere.pk]),
        reverse("formulieren:overzicht"),
        reverse("formulieren:overzicht_nieuw"),
        reverse("formulieren:overzicht_nieuw") + f"?definitie={dossier['betrokkenheid'].pk}",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {**TEAM_INGEVULD, "versie": "1"}).status_code == 404, url
    formulier.refresh_from_db()
    assert formulier.versie == 1
    assert Formulier.objects.count() == 2


def test_deelnemer_met_een_rol_die_formulieren_invult_ziet_ze_ook_niet(
    client, po, maak_lid, maak_deelnemer, dossier
):
    """A regierolhouder invited to a round of someone else's hulpvraag: the overview exists for
    them (they fill their own forms), but lists nothing of this hulpvraag, and offers it not."""
    hulpvraag = dossier["hulpvraag"]
    collega = maak_deelnemer(hulpvraag, maak_lid(po, "regierolhouder"))
    client.force_login(collega)

    overzicht = client.get(reverse("formulieren:overzicht")).content.decode()
    nieuw = client.get(
        reverse("formulieren:overzicht_nieuw") + f"?definitie={dossier['betrokkenheid'].pk}"
    ).content.decode()

    assert "Team Schoolondersteuning</a>" not in overzicht
    assert hulpvraag.nummer not in overzicht
    keuzes = nieuw.split('name="hulpvraag"')[1].split("</select>")[0]
    assert f'<option value="{hulpvraag.pk}"' not in keuzes
    assert client.get(reverse("formulieren:tab", args=[hulpvraag.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.maak_formulier(
            door=collega,
            hulpvraag=hulpvraag,
            definitie=dossier["betrokkenheid"],
            waarden={},
        )
    with pytest.raises(PermissionDenied):
        services.wijzig_formulier(
            door=dossier["deelnemer"], formulier=dossier["formulier"], waarden={}, versie=1
        )

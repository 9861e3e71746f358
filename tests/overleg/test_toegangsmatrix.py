"""Every URL of the overleg app for every role; read from the URL patterns, so a new view
without a row fails. 404: the hulpvraag is hidden; 403: a forbidden action on a visible one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services as hulpvraag_services
from overleg import services
from overleg.urls import app_name, urlpatterns
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db

ROLLEN = [
    "ib_school",
    "ib_andere_school",
    "maker",
    "behandelaar",
    "deelnemer",
    "onbetrokken",
    "lid_andere_omgeving",
    "anoniem",
]

# url name → (method, data, expected per role in the order of ROLLEN)
MATRIX = {
    "tab": ("get", None, [200, 404, 200, 200, 200, 404, 404, 302]),
    "nieuw": ("get", None, [403, 404, 200, 200, 403, 404, 404, 302]),
    "reactie": ("post", {"tekst": "Ik kijk mee"}, [403, 404, 403, 403, 302, 404, 404, 302]),
    "einddatum": ("post", "einddatum", [403, 404, 302, 403, 403, 404, 404, 302]),
    "sluiten": ("post", {}, [403, 404, 302, 403, 403, 404, 404, 302]),
}


@pytest.fixture
def wereld(dossier, po, vo, maak_lid):
    behandelaar = maak_lid(po, "regierolhouder")
    hulpvraag_services.voeg_aanpak_toe(
        door=dossier["ib"],
        hulpvraag=dossier["hulpvraag"],
        titel="SMW",
        omschrijving="x",
        startdatum=timezone.localdate(),
        einddatum=None,
        behandelaar=behandelaar,
    )
    ronde = services.maak_overlegronde(
        door=dossier["regie"],
        hulpvraag=dossier["hulpvraag"],
        titel="Ronde",
        omschrijving="Kijk mee",
        einddatum=timezone.localdate() + datetime.timedelta(days=7),
        deelnemers=[dossier["extern"]],
    )
    mensen = {
        "ib_school": dossier["ib"],
        "ib_andere_school": maak_lid(po, "ib_coo", organisatie=OrganisatieFactory(omgeving=po)),
        "maker": dossier["regie"],
        "behandelaar": behandelaar,
        "deelnemer": dossier["extern"],
        "onbetrokken": maak_lid(po, "regierolhouder"),
        "lid_andere_omgeving": maak_lid(vo, "regierolhouder"),
    }
    return mensen, {"pk": dossier["hulpvraag"].pk, "rpk": ronde.pk}


def test_de_matrix_dekt_elke_url_van_de_app():
    assert {p.name for p in urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_toegang(client, wereld, naam, rol):
    mensen, alle_kwargs = wereld
    patroon = next(p for p in urlpatterns if p.name == naam)
    kwargs = {k: v for k, v in alle_kwargs.items() if k in patroon.pattern.converters}
    url = reverse(f"{app_name}:{naam}", kwargs=kwargs)
    methode, data, verwacht = MATRIX[naam]
    if data == "einddatum":
        data = {"einddatum": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()}
    if rol != "anoniem":
        client.force_login(mensen[rol])

    response = client.post(url, data) if methode == "post" else client.get(url)

    assert response.status_code == verwacht[ROLLEN.index(rol)], f"{rol} op {url}"

"""Every URL of the formulieren app for every role (DESIGN.md §4: "see formulieren").

The URLs are read from the app's URL patterns, so a new view without a row here fails.
404: the page does not exist for this person (a hidden hulpvraag, or formulieren they may not
see: an invited deelnemer); 403: a visible form they may not change; 302 for anonymous: login.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from formulieren import services
from formulieren.urls import app_name, urlpatterns
from hulpvragen import services as hulpvraag_services
from tests.factories import OrganisatieFactory

from .conftest import TEAM_INGEVULD

pytestmark = pytest.mark.django_db

ROLLEN = [
    "ib_school",
    "ib_andere_school",
    "coordinator",
    "behandelaar",
    "deelnemer",
    "regierolhouder_onbetrokken",
    "lid_andere_omgeving",
    "anoniem",
]

# url name → expected status of a GET per role, in the order of ROLLEN
MATRIX = {
    "tab": [200, 404, 200, 200, 404, 404, 404, 302],
    "nieuw": [200, 404, 200, 200, 404, 404, 404, 302],
    "formulier": [200, 404, 200, 200, 404, 404, 404, 302],
    # 'Team Schoolondersteuning' is the IB/COO's: the regierolhouders read it, not change it.
    "wijzigen": [200, 404, 403, 403, 404, 404, 404, 302],
    # Outside a hulpvraag: whoever fills a kind of form (and sees only their own hulpvragen'
    # forms there); the deelnemer fills none and sees none, so for them it does not exist.
    "overzicht": [200, 200, 200, 200, 404, 200, 200, 302],
    "overzicht_nieuw": [200, 200, 200, 200, 404, 200, 200, 302],
}


@pytest.fixture
def wereld(po, vo, maak_lid, school, ib, regie, hulpvraag, team, maak_deelnemer):
    behandelaar = maak_lid(po, "regierolhouder")
    hulpvraag_services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=hulpvraag,
        titel="Begeleiding",
        omschrijving="Gesprekken",
        startdatum=timezone.localdate(),
        einddatum=None,
        behandelaar=behandelaar,
    )
    formulier = services.maak_formulier(
        door=ib, hulpvraag=hulpvraag, definitie=team, waarden=TEAM_INGEVULD
    )
    mensen = {
        "ib_school": ib,
        "ib_andere_school": maak_lid(po, "ib_coo", organisatie=OrganisatieFactory(omgeving=po)),
        "coordinator": regie,
        "behandelaar": behandelaar,
        "deelnemer": maak_deelnemer(hulpvraag),
        "regierolhouder_onbetrokken": maak_lid(po, "regierolhouder"),
        "lid_andere_omgeving": maak_lid(vo, "regierolhouder"),
    }
    return mensen, {"pk": hulpvraag.pk, "fpk": formulier.pk}


def test_de_matrix_dekt_elke_url_van_de_app():
    assert {patroon.name for patroon in urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_toegang(client, wereld, naam, rol):
    mensen, alle_kwargs = wereld
    patroon = next(p for p in urlpatterns if p.name == naam)
    kwargs = {k: v for k, v in alle_kwargs.items() if k in patroon.pattern.converters}
    url = reverse(f"{app_name}:{naam}", kwargs=kwargs)
    if rol != "anoniem":
        client.force_login(mensen[rol])

    response = client.get(url)

    verwacht = MATRIX[naam][ROLLEN.index(rol)]
    assert response.status_code == verwacht, f"{rol} op {url}"
    if rol == "anoniem":
        assert response["Location"].startswith(reverse("accounts:login"))

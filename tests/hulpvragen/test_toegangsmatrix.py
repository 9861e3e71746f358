"""The access matrix: every URL of the hulpvragen app for every role (DESIGN.md §4).

The URLs are read from the app's URL patterns, so a new view without a row here fails.
A hidden hulpvraag answers 404; a forbidden action on a visible one 403; 200 or 302 means the
request got through the gate (a POST is sent empty, so it changes nothing but a deletion).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services
from hulpvragen.urls import app_name, urlpatterns
from overleg.services import maak_overlegronde
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

ROLLEN = [
    "ib_school",
    "ib_andere_school",
    "coordinator",
    "behandelaar",
    "oud_coordinator",
    "regierolhouder_onbetrokken",
    "lid_andere_omgeving",
    "deelnemer",
    "anoniem",
]
POST = {"status", "coordinator", "bijlage_verwijderen"}

# url name → expected status per role, in the order of ROLLEN
MATRIX = {
    "lijst": [200, 200, 200, 200, 200, 200, 200, 200, 302],
    "nieuw": [200, 200, 403, 403, 403, 403, 403, 403, 302],
    "detail": [200, 404, 200, 200, 404, 404, 404, 200, 302],
    "wijzigen": [200, 404, 200, 403, 404, 404, 404, 403, 302],
    "status": [200, 404, 200, 200, 404, 404, 404, 403, 302],
    "coordinator": [200, 404, 200, 403, 404, 404, 404, 403, 302],
    "aanpak": [200, 404, 200, 200, 404, 404, 404, 404, 302],
    "aanpak_nieuw": [200, 404, 200, 403, 404, 404, 404, 403, 302],
    "aanpak_wijzigen": [200, 404, 200, 403, 404, 404, 404, 403, 302],
    "bijlagen": [200, 404, 200, 200, 404, 404, 404, 200, 302],
    "bijlage": [200, 404, 200, 200, 404, 404, 404, 200, 302],
    # Only the uploader (here the IB/COO) removes a bijlage.
    "bijlage_verwijderen": [302, 404, 403, 403, 404, 404, 404, 403, 302],
    # The log only for the school's IB/COO and the coördinator; a hidden tab for the rest.
    "logboek": [200, 404, 200, 404, 404, 404, 404, 404, 302],
}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def wereld(po, vo, maak_lid, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    school = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")
    mensen = {
        "ib_school": maak_lid(po, "ib_coo", organisatie=school),
        "ib_andere_school": maak_lid(po, "ib_coo", organisatie=OrganisatieFactory(omgeving=po)),
        "coordinator": maak_lid(po, "regierolhouder"),
        "behandelaar": maak_lid(po, "regierolhouder"),
        "oud_coordinator": maak_lid(po, "schakelfunctionaris_verbinding"),
        "regierolhouder_onbetrokken": maak_lid(po, "regierolhouder"),
        "lid_andere_omgeving": maak_lid(vo, "regierolhouder"),
        "deelnemer": maak_lid(po, "externe_deelnemer"),
    }
    leerling = LeerlingFactory(school=school, gecontroleerd_op=timezone.now())
    ib = mensen["ib_school"]
    hulpvraag = services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Team Schoolondersteuning",
        omschrijving="",
        coordinator=mensen["oud_coordinator"],
    )
    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=mensen["coordinator"])
    aanpak = services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=hulpvraag,
        titel="Plan",
        omschrijving="Gesprekken",
        startdatum=datetime.date(2026, 12, 1),
        einddatum=None,
        behandelaar=mensen["behandelaar"],
    )
    bijlage = services.voeg_bijlage_toe(
        door=ib,
        hulpvraag=hulpvraag,
        bestand=SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf"),
    )
    maak_overlegronde(
        door=mensen["coordinator"],
        hulpvraag=hulpvraag,
        titel="Meekijken",
        omschrijving="x",
        einddatum=timezone.localdate() + datetime.timedelta(days=7),
        deelnemers=[mensen["deelnemer"]],
    )
    kwargs = {"pk": hulpvraag.pk, "apk": aanpak.pk, "bpk": bijlage.pk}
    return mensen, kwargs


def test_de_matrix_dekt_elke_url_van_de_app():
    namen = {patroon.name for patroon in urlpatterns}
    assert namen == set(MATRIX), "elke URL van hulpvragen heeft een regel in MATRIX nodig"


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_toegang(client, wereld, naam, rol):
    mensen, alle_kwargs = wereld
    patroon = next(p for p in urlpatterns if p.name == naam)
    kwargs = {k: v for k, v in alle_kwargs.items() if k in patroon.pattern.converters}
    url = reverse(f"{app_name}:{naam}", kwargs=kwargs)
    if rol != "anoniem":
        client.force_login(mensen[rol])

    response = client.post(url) if naam in POST else client.get(url)

    verwacht = MATRIX[naam][ROLLEN.index(rol)]
    assert response.status_code == verwacht, f"{rol} op {url}"
    if rol == "anoniem":
        assert response["Location"].startswith(reverse("accounts:login"))

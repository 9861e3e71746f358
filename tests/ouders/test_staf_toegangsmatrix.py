"""Every URL of the staff's pages of Ouders en leerling for every role; read from the URL
patterns, so a new view without a row fails. 404: hidden (the hulpvraag, the tab, or the
leerling); 403: a forbidden action on a visible page; 200: a form that comes back with errors."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ouders import services
from ouders.models import Toestemming, Uitnodiging
from ouders.urls import app_name, urlpatterns

from .staf import ronde, soort

pytestmark = pytest.mark.django_db

ROLLEN = ["ib", "regie", "deelnemer", "andere_ib", "lid_andere_omgeving", "anoniem"]

# url name → (method, expected per role in the order of ROLLEN); a POST sends nothing.
MATRIX = {
    "tab": ("get", [200, 200, 404, 404, 404, 302]),
    "toestemming_registreren": ("post", [200, 403, 404, 404, 404, 302]),
    "toestemming_intrekken": ("post", [200, 403, 404, 404, 404, 302]),
    "uitnodigen": ("post", [200, 200, 404, 404, 404, 302]),
    "uitnodiging_stoppen": ("post", [302, 302, 404, 404, 404, 302]),
    "stem": ("post", [200, 200, 404, 404, 404, 302]),
    "overleg_uitnodigen": ("post", [403, 200, 403, 404, 404, 302]),
    "ouder_nieuw": ("get", [200, 404, 404, 404, 404, 302]),
    "ouder_wijzigen": ("get", [200, 404, 404, 404, 404, 302]),
    "ouder_verwijderen": ("get", [200, 404, 404, 404, 404, 302]),
}


@pytest.fixture
def wereld(gezin, vo, maak_lid):
    r = ronde(gezin, [gezin["extern"]])
    toestemming = services.registreer_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soort=soort("aanmelding"),
        besluit=Toestemming.Besluit.GEGEVEN,
        wijze=Toestemming.Wijze.MONDELING,
        op=timezone.now(),
    )
    uitnodiging = services.nodig_uit_voor_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soorten=[soort("delen")],
    )
    mensen = {
        "ib": gezin["ib"],
        "regie": gezin["regie"],
        "deelnemer": gezin["extern"],
        "andere_ib": gezin["andere_ib"],
        "lid_andere_omgeving": maak_lid(vo, "regierolhouder"),
    }
    kwargs = {
        "pk": gezin["hulpvraag"].pk,
        "tpk": toestemming.pk,
        "upk": uitnodiging.pk,
        "rpk": r.pk,
        "opk": gezin["moeder"].pk,
    }
    return gezin, mensen, kwargs


def test_de_matrix_dekt_elke_url_van_de_app():
    assert {p.name for p in urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_toegang(client, wereld, naam, rol):
    gezin, mensen, alle_kwargs = wereld
    patroon = next(p for p in urlpatterns if p.name == naam)
    kwargs = {k: v for k, v in alle_kwargs.items() if k in patroon.pattern.converters}
    if naam.startswith("ouder_"):
        kwargs["pk"] = gezin["leerling"].pk  # under /leerlingen/<pk>/
    url = reverse(f"{app_name}:{naam}", kwargs=kwargs)
    methode, verwacht = MATRIX[naam]
    if rol != "anoniem":
        client.force_login(mensen[rol])

    response = client.post(url, {}) if methode == "post" else client.get(url)

    assert response.status_code == verwacht[ROLLEN.index(rol)], f"{rol} op {url}"


@pytest.mark.parametrize("rol", ["regie", "deelnemer", "andere_ib", "lid_andere_omgeving"])
def test_wie_niet_mag_verandert_niets(client, wereld, rol):
    gezin, mensen, kwargs = wereld
    client.force_login(mensen[rol])
    pk, tpk, upk = kwargs["pk"], kwargs["tpk"], kwargs["upk"]

    client.post(
        reverse("ouders:toestemming_intrekken", args=[pk, tpk]),
        {f"intrekken-{tpk}-wijze": "mondeling", f"intrekken-{tpk}-datum": "2026-03-16"},
    )
    if rol != "regie":  # the regierolhouder may stop an invitation (test_staf_uitnodigen)
        client.post(reverse("ouders:uitnodiging_stoppen", args=[pk, upk]))

    assert Toestemming.objects.get(pk=tpk).ingetrokken_op is None
    assert Uitnodiging.objects.get(pk=upk).ingetrokken_op is None

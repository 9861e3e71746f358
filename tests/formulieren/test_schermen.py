"""Issue 14 on the pages of a form: the tab and the menu item the page belongs to are marked,
the error summary does not double a label's punctuation, a table scrolls in its own region."""

import pytest
from django.urls import reverse

from formulieren.models import Formulier

from .conftest import TEAM_INGEVULD

pytestmark = pytest.mark.django_db


def _nieuw(hulpvraag, definitie):
    return reverse("formulieren:nieuw", args=[hulpvraag.pk]) + f"?definitie={definitie.pk}"


def _tabs(pagina):
    return pagina.split('<nav class="kk-tabs"')[1].split("</nav>")[0]


def _menu(pagina):
    return pagina.split('<nav class="kk-nav"')[1].split("</nav>")[0]


def test_formulier_en_wijzigen_horen_bij_het_tabblad_formulieren(client, ib, hulpvraag, team):
    client.force_login(ib)
    paginas = {"nieuw": client.get(_nieuw(hulpvraag, team)).content.decode()}
    client.post(_nieuw(hulpvraag, team), TEAM_INGEVULD)
    formulier = Formulier.objects.get()
    for naam, args in [
        ("tab", [hulpvraag.pk]),
        ("formulier", [hulpvraag.pk, formulier.pk]),
        ("wijzigen", [hulpvraag.pk, formulier.pk]),
    ]:
        paginas[naam] = client.get(reverse(f"formulieren:{naam}", args=args)).content.decode()
    tab = f'<a href="/hulpvragen/{hulpvraag.pk}/formulieren/" aria-current="page">Formulieren</a>'

    for url, pagina in paginas.items():
        assert tab in _tabs(pagina), url
        assert _tabs(pagina).count('aria-current="page"') == 1, url
        # In the menu the page is under Hulpvragen; Formulieren is the overview of all forms.
        assert '<a href="/hulpvragen/" aria-current="page">Hulpvragen</a>' in _menu(pagina), url
        assert '<a href="/formulieren/">Formulieren</a>' in _menu(pagina), url


def test_het_overzicht_is_het_menu_item_formulieren(client, ib, hulpvraag):
    client.force_login(ib)

    pagina = client.get(reverse("formulieren:overzicht")).content.decode()

    assert '<a href="/formulieren/" aria-current="page">Formulieren</a>' in _menu(pagina)
    assert '<a href="/hulpvragen/">Hulpvragen</a>' in _menu(pagina)


def test_foutmelding_zonder_dubbel_leesteken(client, ib, hulpvraag, team):
    client.force_login(ib)

    response = client.post(
        _nieuw(hulpvraag, team), {**TEAM_INGEVULD, "aanleiding": "", "wat-gedaan": ""}
    )

    samenvatting = response.content.decode().split('id="foutmeldingen"')[1].split("</div>")[0]
    assert (
        '<a href="#id_aanleiding">Aanleiding en hulpvraag: Dit veld is verplicht.</a>'
        in samenvatting
    )
    assert (
        '<a href="#id_wat-gedaan">Wat heeft de school al gedaan? Dit veld is verplicht.</a>'
        in samenvatting
    )
    assert "?:" not in samenvatting


def test_geschiedenis_schuift_in_een_eigen_vak(client, ib, hulpvraag, team):
    client.force_login(ib)
    client.post(_nieuw(hulpvraag, team), TEAM_INGEVULD)
    formulier = Formulier.objects.get()

    pagina = client.get(
        reverse("formulieren:formulier", args=[hulpvraag.pk, formulier.pk])
    ).content.decode()

    assert (
        '<div class="kk-tabelvak" role="region" aria-label="Wat er in versie 1 veranderde" '
        'tabindex="0">\n'
    ) in pagina

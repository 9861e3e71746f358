"""The helptekst of a form's Veld is written by a beheerder in the admin: it shows as text,
never as markup, on every page where the form is filled."""

import pytest
from django import forms
from django.urls import reverse
from django.utils.safestring import mark_safe

from formulieren.models import Formulier
from tests.factories import FormulierDefinitieFactory, VeldFactory

pytestmark = pytest.mark.django_db

HELPTEKST = "<b>vet</b><img src=x>"
ESCAPED = "&lt;b&gt;vet&lt;/b&gt;&lt;img src=x&gt;"


@pytest.fixture
def definitie(po):
    definitie = FormulierDefinitieFactory(omgeving=po, naam="Observatie")
    VeldFactory(definitie=definitie, label="Wat ziet u", helptekst=HELPTEKST, volgorde=10)
    VeldFactory(
        definitie=definitie, label="Gesproken", type="ja_nee", helptekst=HELPTEKST, volgorde=20
    )
    return definitie


def _nieuw(hulpvraag, definitie):
    return reverse("formulieren:nieuw", args=[hulpvraag.pk]) + f"?definitie={definitie.pk}"


def test_helptekst_is_tekst_bij_invullen(client, ib, hulpvraag, definitie):
    client.force_login(ib)

    pagina = client.get(_nieuw(hulpvraag, definitie)).content.decode()

    # Once for the text field, once for the ja/nee group, both escaped.
    assert pagina.count(f'<div class="helptext" id="id_wat-ziet-u_helptext">{ESCAPED}</div>') == 1
    assert pagina.count(f'<div class="helptext" id="id_gesproken_helptext">{ESCAPED}</div>') == 1
    assert "<b>vet</b>" not in pagina
    assert "<img src=x>" not in pagina


def test_helptekst_is_tekst_bij_wijzigen(client, ib, hulpvraag, definitie):
    client.force_login(ib)
    client.post(_nieuw(hulpvraag, definitie), {"wat-ziet-u": "Onrust", "gesproken": "True"})
    formulier = Formulier.objects.get()

    pagina = client.get(
        reverse("formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk])
    ).content.decode()

    assert 'value="Onrust"' in pagina
    assert pagina.count(ESCAPED) == 2
    assert "<b>vet</b>" not in pagina


class VoorbeeldForm(forms.Form):
    gewoon = forms.CharField(help_text="Eén keuze per regel, zoals \"ja\" & 'nee'.")
    opgemaakt = forms.CharField(help_text=mark_safe("<ul><li>Ten minste 12 tekens.</li></ul>"))


def test_helptekst_uit_de_code_leest_nog_goed():
    """Plain text reads as before; what code marks safe (Django's password rules) stays HTML."""
    form = VoorbeeldForm()

    gewoon = form["gewoon"].as_field_group()
    opgemaakt = form["opgemaakt"].as_field_group()

    assert (
        '<div class="helptext" id="id_gewoon_helptext">'
        "Eén keuze per regel, zoals &quot;ja&quot; &amp; &#x27;nee&#x27;.</div>"
    ) in gewoon
    assert (
        '<div class="helptext" id="id_opgemaakt_helptext">'
        "<ul><li>Ten minste 12 tekens.</li></ul></div>"
    ) in opgemaakt

"""A choice list is written without templates, with exactly the HTML of Django's own."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from kindkans.formulieren_weergave import KindkansRenderer, LangeKeuzelijst


class Keuzes(forms.Form):
    school = forms.ChoiceField(
        choices=[
            ("", "Alle scholen"),
            ("Primair", [("1", "OBS De Regenboog"), ("2", 'CBS "Het Anker" & co')]),
            ("3", "De Springplank"),
        ],
        required=False,
    )
    rollen = forms.MultipleChoiceField(
        choices=[("ib", "IB/COO"), ("regie", "Regierolhouder")], required=False
    )


def html(renderer):
    form = Keuzes(data={"school": "2", "rollen": ["regie"]}, renderer=renderer)
    return form["school"].as_widget(), form["rollen"].as_widget()


def test_zelfde_html_als_django():
    school, rollen = html(KindkansRenderer())

    assert (school, rollen) == html(DjangoTemplates())
    assert '<option value="2" selected>CBS &quot;Het Anker&quot; &amp; co</option>' in school
    assert '<optgroup label="Primair">' in school
    assert "multiple" in rollen


@pytest.fixture
def gebruikte_sjablonen(monkeypatch):
    """The names of the templates Django's form renderer renders from now on."""
    gebruikt = []
    origineel = DjangoTemplates.render

    def onthoud(self, template_name, context, request=None):
        gebruikt.append(template_name)
        return origineel(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", onthoud)
    return gebruikt


def test_geen_sjabloon_per_optie(gebruikte_sjablonen):
    school, _ = html(KindkansRenderer())

    assert "OBS De Regenboog" in school
    assert gebruikte_sjablonen == []


SCHOLEN = [("", "Alle scholen"), (1, "OBS De Regenboog"), (2, 'CBS "Het Anker" & co'), (3, "<b>")]


def lange_lijst(widget, waarde):
    veld = forms.ChoiceField(choices=SCHOLEN, required=False, widget=widget)
    return veld.widget.render("school", waarde, attrs={"id": "id_school"})


def test_lange_keuzelijst_zelfde_html_als_django():
    for waarde in ("2", "", None, "9"):
        assert lange_lijst(LangeKeuzelijst, waarde) == lange_lijst(forms.Select, waarde)
    gekozen = lange_lijst(LangeKeuzelijst, "2")
    assert '<option value="2" selected>CBS &quot;Het Anker&quot; &amp; co</option>' in gekozen
    assert '<option value="3">&lt;b&gt;</option>' in gekozen
    assert gekozen.count("selected") == 1


def test_lange_keuzelijst_zonder_create_option(monkeypatch):
    def niet(*args, **kwargs):
        raise AssertionError("create_option per optie")

    monkeypatch.setattr(forms.Select, "create_option", niet)
    assert "OBS De Regenboog" in lange_lijst(LangeKeuzelijst, "1")


# --- A plain <input>: the check box of every row of a beheer list, and every text field -------


class Velden(forms.Form):
    naam = forms.CharField(max_length=20)
    email = forms.EmailField(required=False)
    aantal = forms.IntegerField(min_value=0)
    datum = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    geheim = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    verborgen = forms.CharField(widget=forms.HiddenInput, required=False)
    akkoord = forms.BooleanField(required=False)
    zoek = forms.CharField(
        widget=forms.TextInput(attrs={"placeholder": 'Naam "of" <nummer>', "autofocus": True}),
        required=False,
    )


class AlleenSjablonen(KindkansRenderer):
    """The portal's renderer with every widget from Django's own templates again."""

    def render(self, template_name, context, request=None):
        return DjangoTemplates.render(self, template_name, context, request)


def velden(renderer, data):
    form = Velden(data=data, renderer=renderer)
    return [form[naam].as_widget() for naam in form.fields]


def test_invoervelden_zelfde_html_als_django():
    gevuld = {
        "naam": 'Sem "de" <Bos> & co',
        "email": "sem@voorbeeld.test",
        "aantal": "3",
        "datum": "2026-03-16",
        "geheim": "x&y",
        "verborgen": "42",
        "akkoord": "on",
        "zoek": "é",
    }
    for data in (gevuld, {}, None):
        assert velden(KindkansRenderer(), data) == velden(AlleenSjablonen(), data)
    naam, *_, akkoord, zoek = velden(KindkansRenderer(), gevuld)
    assert 'value="Sem &quot;de&quot; &lt;Bos&gt; &amp; co"' in naam
    assert 'aria-required="true"' in naam
    assert " checked" in akkoord
    assert ' placeholder="Naam &quot;of&quot; &lt;nummer&gt;" autofocus id="id_zoek">' in zoek


def test_actievinkje_van_een_beheerlijst_zonder_sjabloon(settings, request):
    from django.contrib import admin

    from accounts.models import Organisatie

    beheer = admin.site._registry[Organisatie]
    school = Organisatie(pk=17, naam='OBS "De Regenboog" & co')
    settings.FORM_RENDERER = "tests.kindkans.test_keuzelijst.AlleenSjablonen"
    uit_sjablonen = beheer.action_checkbox(school)
    settings.FORM_RENDERER = "kindkans.formulieren_weergave.KindkansRenderer"
    gebruikt = request.getfixturevalue("gebruikte_sjablonen")  # from here on
    vinkje = beheer.action_checkbox(school)

    assert vinkje == uit_sjablonen
    assert vinkje.startswith(
        '<input type="checkbox" name="_selected_action" value="17" class="action-select" '
    )
    assert "OBS &quot;De Regenboog&quot; &amp; co" in vinkje
    assert gebruikt == []

"""A choice list is written without templates, with exactly the HTML of Django's own."""

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


def test_geen_sjabloon_per_optie(monkeypatch):
    gebruikt = []
    origineel = DjangoTemplates.render

    def onthoud(self, template_name, context, request=None):
        gebruikt.append(template_name)
        return origineel(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", onthoud)
    school, _ = html(KindkansRenderer())

    assert "OBS De Regenboog" in school
    assert gebruikt == []


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

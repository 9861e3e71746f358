"""A choice list is written without templates, with exactly the HTML of Django's own."""

from django import forms
from django.forms.renderers import DjangoTemplates

from kindkans.formulieren_weergave import KindkansRenderer


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

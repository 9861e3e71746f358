"""A beheerder's own mail text: only tags and filters with bounded output, and a length cap."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from notificaties.catalogus import Soort
from notificaties.models import MailSjabloon
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db

TAGS = "{% if %}, {% comment %}, {% firstof %}, {% now %}, {% spaceless %}"


def weigering(po, *, onderwerp="Goed", tekst="Goed"):
    sjabloon = MailSjabloon(
        omgeving=po, soort=Soort.AANPAK_BEHANDELAAR, onderwerp=onderwerp, tekst=tekst
    )
    with pytest.raises(ValidationError) as fout:
        sjabloon.full_clean()
    return fout.value.message_dict


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        (
            "{% lorem 99999 w %}",
            "De tekst bevat een fout: {% lorem %} is in een eigen mailtekst niet toegestaan. "
            f"Toegestaan zijn: {TAGS}.",
        ),
        (
            "{% for letter in leerling_naam %}{{ letter }}{% endfor %}",
            "De tekst bevat een fout: {% for %} is in een eigen mailtekst niet toegestaan. "
            f"Toegestaan zijn: {TAGS}.",
        ),
        (
            "{% url 'bestaat-niet' %}",
            "De tekst bevat een fout: {% url %} is in een eigen mailtekst niet toegestaan. "
            f"Toegestaan zijn: {TAGS}.",
        ),
    ],
)
def test_tag_met_grote_uitvoer_wordt_geweigerd(po, tekst, melding):
    assert weigering(po, tekst=tekst) == {"tekst": [melding]}


@pytest.mark.parametrize(
    ("tekst", "filter_"),
    [
        ("{{ hulpvraag_nummer|stringformat:'99999999s' }}", "stringformat"),
        ("{{ leerling_naam|ljust:'99999999' }}", "ljust"),
        ("{% if leerling_naam|center:'99999999' %}ja{% endif %}", "center"),
        ("{{ leerling_naam|upper|rjust:'99999999' }}", "rjust"),
    ],
)
def test_filter_met_grote_uitvoer_wordt_geweigerd(po, tekst, filter_):
    melding = weigering(po, tekst=tekst)["tekst"][0]

    assert melding.startswith(
        f"De tekst bevat een fout: het filter |{filter_} is in een eigen mailtekst niet "
        "toegestaan. Toegestaan zijn: |capfirst, |cut, |date, "
    )


def test_toegestane_tags_en_filters_worden_opgeslagen(po):
    sjabloon = MailSjabloon(
        omgeving=po,
        soort=Soort.AANPAK_BEHANDELAAR,
        onderwerp="{{ leerling_naam|upper }}",
        tekst="{% if aanpak_titel %}{{ aanpak_titel|truncatechars:20 }}{% else %}-{% endif %}"
        "{# opmerking #}{% now 'Y' %}",
    )

    sjabloon.full_clean()


def test_tekst_van_precies_het_maximum_mag(po):
    MailSjabloon(
        omgeving=po, soort=Soort.AANPAK_BEHANDELAAR, onderwerp="Goed", tekst="a" * 20_000
    ).full_clean()


def test_te_lange_tekst_wordt_voor_het_opmaken_geweigerd(po):
    assert weigering(po, tekst="a" * 20_001) == {
        "tekst": ["De tekst is te lang: 20.001 tekens, ten hoogste 20.000 zijn toegestaan."]
    }


def test_tekst_die_opgemaakt_te_lang_wordt_wordt_geweigerd(po):
    # "r" is a whole date of 31 characters: 700 of them make 21,700.
    tekst = "{% now '" + "r" * 700 + "' %}"

    assert weigering(po, tekst=tekst) == {
        "tekst": ["De tekst wordt te lang: 21.700 tekens, ten hoogste 20.000 zijn toegestaan."]
    }


def test_onderwerp_dat_opgemaakt_te_lang_wordt_wordt_geweigerd(po):
    onderwerp = "{% now '" + "r" * 9 + "' %}"

    assert weigering(po, onderwerp=onderwerp) == {
        "onderwerp": ["De tekst wordt te lang: 279 tekens, ten hoogste 250 zijn toegestaan."]
    }


def test_beheerder_ziet_de_weigering_in_het_beheer(client, po, maak_lid):
    beheerder = maak_lid(po, "beheerder", organisatie=OrganisatieFactory(omgeving=po, soort="swv"))
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:notificaties_mailsjabloon_add"),
        {
            "omgeving": po.pk,
            "soort": Soort.AANPAK_BEHANDELAAR,
            "onderwerp": "Aanpak",
            "tekst": "{{ hulpvraag_nummer|stringformat:'99999999s' }}",
        },
    )

    assert response.status_code == 200
    assert (
        "De tekst bevat een fout: het filter |stringformat is in een eigen mailtekst niet "
        "toegestaan." in response.content.decode()
    )
    assert not MailSjabloon.objects.exists()

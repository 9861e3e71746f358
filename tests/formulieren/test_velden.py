"""Every field type through the page: a valid value is saved and reads back; an invalid one gets
a Dutch message at the field and the input stays."""

import pytest
from django.urls import reverse

from formulieren.models import Formulier
from hulpvragen import services as hulpvraag_services
from tests.factories import FormulierDefinitieFactory, VeldFactory

pytestmark = pytest.mark.django_db


def _een_veld(omgeving, **veld):
    definitie = FormulierDefinitieFactory(omgeving=omgeving, naam="Proef", rollen=["ib_coo"])
    VeldFactory(definitie=definitie, label="Het veld", verplicht=True, **veld)
    return definitie


def _url(hulpvraag, definitie):
    return reverse("formulieren:nieuw", args=[hulpvraag.pk]) + f"?definitie={definitie.pk}"


def _persoon(naam):
    return lambda mensen: mensen[naam].pk


# type, keuzes, posted (or a function of the people), stored, shown
GELDIG = [
    ("korte_tekst", "", "Eén regel", "Eén regel", "Eén regel"),
    ("lange_tekst", "", "Regel 1\nRegel 2", "Regel 1\nRegel 2", "Regel 1<br>Regel 2"),
    ("datum", "", "2026-12-01", "2026-12-01", "1 december 2026"),
    ("getal", "", "12.5", "12.5", "12,5"),
    ("ja_nee", "", "True", True, "Ja"),
    ("ja_nee", "", "False", False, "Nee"),
    ("een_keuze", "Regulier\nMet spoed", "Met spoed", "Met spoed", "Met spoed"),
    ("meer_keuzes", "CJG\nSMW\nTJG", ["CJG", "TJG"], ["CJG", "TJG"], "CJG, TJG"),
    ("persoon", "", _persoon("regie"), _persoon("regie"), "Rik de Wit"),
]


@pytest.mark.parametrize(("soort", "keuzes", "invoer", "opgeslagen", "getoond"), GELDIG)
def test_elk_veldtype_slaat_op_en_leest_terug(
    client, po, ib, regie, hulpvraag, soort, keuzes, invoer, opgeslagen, getoond
):
    mensen = {"regie": regie}
    invoer = invoer(mensen) if callable(invoer) else invoer
    opgeslagen = opgeslagen(mensen) if callable(opgeslagen) else opgeslagen
    definitie = _een_veld(po, type=soort, keuzes=keuzes)
    client.force_login(ib)

    response = client.post(_url(hulpvraag, definitie), {"het-veld": invoer})

    formulier = Formulier.objects.get(definitie=definitie)
    assert response.status_code == 302
    assert formulier.waarden == {"het-veld": opgeslagen}
    pagina = client.get(response["Location"]).content.decode()
    assert f"<dt>Het veld</dt><dd>{getoond}</dd>" in pagina
    # And it opens again with the value in place, ready to be changed.
    wijzigen = client.get(
        reverse("formulieren:wijzigen", args=[hulpvraag.pk, formulier.pk])
    ).content.decode()
    assert 'name="versie" value="1"' in wijzigen


ONGELDIG = [
    ("korte_tekst", "", "x" * 256, "niet meer dan 255 tekens"),
    ("lange_tekst", "", "", "Dit veld is verplicht."),
    ("datum", "", "2026-02-31", "Voer een geldige datum in."),
    ("getal", "", "twaalf", "Voer een getal in."),
    ("getal", "", "1.234", "niet meer dan 2 cijfers achter de komma"),
    ("ja_nee", "", "", "Dit veld is verplicht."),
    ("ja_nee", "", "Misschien", "Dit veld is verplicht."),
    ("een_keuze", "Regulier\nMet spoed", "Morgen", "Selecteer een geldige keuze."),
    ("meer_keuzes", "CJG\nSMW", ["XYZ"], "Selecteer een geldige keuze."),
    ("meer_keuzes", "CJG\nSMW", [], "Dit veld is verplicht."),
    ("persoon", "", "lid_andere_omgeving", "Selecteer een geldige keuze."),
]


@pytest.mark.parametrize(("soort", "keuzes", "invoer", "melding"), ONGELDIG)
def test_ongeldige_invoer_geeft_melding_bij_het_veld(
    client, po, vo, ib, hulpvraag, maak_lid, soort, keuzes, invoer, melding
):
    if invoer == "lid_andere_omgeving":
        invoer = maak_lid(vo, "regierolhouder").pk
    definitie = _een_veld(po, type=soort, keuzes=keuzes)
    VeldFactory(definitie=definitie, label="Toelichting", type="korte_tekst")
    client.force_login(ib)

    response = client.post(
        _url(hulpvraag, definitie), {"het-veld": invoer, "toelichting": "blijft staan"}
    )

    assert response.status_code == 200
    assert not Formulier.objects.exists()
    pagina = response.content.decode()
    veld = pagina.split('class="kk-veld', 2)[1]  # the first field's block
    assert melding in veld
    assert 'aria-invalid="true"' in veld
    assert '">Het veld: ' in pagina.split('id="foutmeldingen"')[1]  # the summary links to it
    assert 'value="blijft staan"' in pagina


def test_hulpvraagveld_bij_een_hulpvraag_staat_vast_op_die_hulpvraag(
    client, po, ib, hulpvraag, leerling
):
    andere = hulpvraag_services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Andere vraag",
        omschrijving="",
        coordinator=hulpvraag.coordinator,
        bevestig_tweede=True,  # a second one for the same leerling (issue 15)
    )
    definitie = _een_veld(po, type="hulpvraag")
    client.force_login(ib)

    pagina = client.get(_url(hulpvraag, definitie)).content.decode()
    assert "disabled" in pagina.split('name="het-veld"')[1].split(">")[0]
    # A posted other hulpvraag is ignored: the form belongs to the one it was started on.
    response = client.post(_url(hulpvraag, definitie), {"het-veld": andere.pk})

    formulier = Formulier.objects.get()
    assert response.status_code == 302
    assert formulier.hulpvraag == hulpvraag
    assert formulier.waarden == {"het-veld": hulpvraag.pk}
    pagina = client.get(response["Location"]).content.decode()
    assert f"{hulpvraag.nummer} Team Schoolondersteuning" in pagina


def test_verplichte_velden_zijn_geel_en_aria_required(client, po, ib, hulpvraag):
    definitie = FormulierDefinitieFactory(omgeving=po, rollen=["ib_coo"])
    VeldFactory(definitie=definitie, label="Verplicht", type="korte_tekst", verplicht=True)
    VeldFactory(definitie=definitie, label="Vrij", type="korte_tekst", verplicht=False)
    VeldFactory(
        definitie=definitie, label="Groep", type="meer_keuzes", keuzes="a\nb", verplicht=True
    )
    client.force_login(ib)

    pagina = client.get(_url(hulpvraag, definitie)).content.decode()

    verplicht, vrij, groep = pagina.split('<div class="kk-veld')[1:4]
    assert verplicht.startswith(" kk-veld--verplicht")
    assert 'aria-required="true"' in verplicht
    assert "kk-veld--verplicht" not in vrij and "aria-required" not in vrij
    # A group says it once, in its legend; no box claims it must be ticked itself.
    assert "<legend><strong>Groep:</strong> (verplicht)</legend>" in groep
    assert "aria-required" not in groep

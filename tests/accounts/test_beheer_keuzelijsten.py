"""Issue 14: the choice lists of the beheer say "Kies een …" instead of Django's "---------", a
beheerder of one omgeving finds it chosen, and every control of an inline row has a name
(accounts.admin.KeuzeTekstMixin, used by every admin and inline of the beheer)."""

import pytest
from django.urls import reverse

from tests.factories import FormulierDefinitieFactory, OrganisatieFactory, VeldFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(po, maak_lid):
    return maak_lid(po, "beheerder", organisatie=OrganisatieFactory(omgeving=po, soort="swv"))


def pagina(client, naam, *args):
    response = client.get(reverse(naam, args=args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "naam",
    [
        "admin:notificaties_mailsjabloon_add",
        "admin:werk_termijnen_add",
        "admin:accounts_lidmaatschap_add",
        "admin:accounts_organisatie_add",
        "admin:formulieren_formulierdefinitie_add",
    ],
)
def test_geen_streepjes_in_het_beheer(client, beheerder, naam):
    client.force_login(beheerder)

    assert "---------" not in pagina(client, naam)


def test_beheerder_van_een_omgeving_vindt_die_gekozen(client, beheerder, po, vo):
    client.force_login(beheerder)

    mail = pagina(client, "admin:notificaties_mailsjabloon_add")
    assert (
        '<select name="omgeving" data-context="available-source" required aria-required="true" '
        'id="id_omgeving">\n'
        f'  <option value="{po.pk}" selected>PO2811 Goeree-Overflakkee</option>\n'
        "\n</select>"
    ) in mail
    assert '<option value="" selected>Kies een soort</option>' in mail

    termijnen = pagina(client, "admin:werk_termijnen_add")
    assert f'<option value="{po.pk}" selected>PO2811 Goeree-Overflakkee</option>' in termijnen

    organisatie = pagina(client, "admin:accounts_organisatie_add")
    assert f'<option value="{po.pk}" selected>PO2811 Goeree-Overflakkee</option>' in organisatie
    assert '<option value="" selected>Kies een soort</option>' in organisatie


def test_lidmaatschap_kies_een_organisatie_rol_en_gebruiker(client, beheerder, po):
    client.force_login(beheerder)

    html = pagina(client, "admin:accounts_lidmaatschap_add")

    assert f'<option value="{po.pk}" selected>PO2811 Goeree-Overflakkee</option>' in html
    assert '<option value="" selected>Kies een organisatie</option>' in html
    assert '<option value="" selected>Kies een rol</option>' in html
    # The person picker (select2): our text as its placeholder, which also names it.
    assert 'data-placeholder="Kies een gebruiker"' in html


def test_beheerder_van_twee_omgevingen_kiest_zelf(client, beheerder, po, vo, maak_lid):
    maak_lid(
        vo,
        "beheerder",
        organisatie=OrganisatieFactory(omgeving=vo, soort="swv"),
        gebruiker=beheerder,
    )
    client.force_login(beheerder)

    html = pagina(client, "admin:notificaties_mailsjabloon_add")

    assert '<option value="" selected>Kies een omgeving</option>' in html
    assert f'<option value="{po.pk}">PO2811 Goeree-Overflakkee</option>' in html
    assert f'<option value="{vo.pk}">VO2805 Goeree-Overflakkee</option>' in html


def test_superuser_kiest_zelf(admin_client, po):
    html = pagina(admin_client, "admin:accounts_organisatie_add")

    assert '<option value="" selected>Kies een omgeving</option>' in html
    assert f'<option value="{po.pk}">PO2811 Goeree-Overflakkee</option>' in html


def test_een_bestaande_rij_houdt_haar_eigen_omgeving(client, beheerder, po):
    school = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog", soort="school")
    client.force_login(beheerder)

    html = pagina(client, "admin:accounts_organisatie_change", school.pk)

    assert f'<option value="{po.pk}" selected>PO2811 Goeree-Overflakkee</option>' in html
    assert '<option value="school" selected>School</option>' in html
    assert "Kies een soort" in html


def test_velden_van_een_formulier_hebben_elk_een_naam(client, beheerder, po):
    definitie = FormulierDefinitieFactory(omgeving=po, naam="Aanmelding")
    VeldFactory(definitie=definitie, label="Wat heeft de school al gedaan?", type="lange_tekst")
    client.force_login(beheerder)

    html = pagina(client, "admin:formulieren_formulierdefinitie_change", definitie.pk)

    assert "---------" not in html
    # In a table row the column heading is the only label: every control is named after it.
    assert (
        '<select name="velden-0-type" aria-label="Soort veld" aria-required="true" '
        'id="id_velden-0-type">\n  <option value="">Kies een soort veld</option>'
    ) in html
    assert '<option value="lange_tekst" selected>Lange tekst</option>' in html
    for veld, naam in [
        ("volgorde", "Volgorde"),
        ("label", "Label"),
        ("verplicht", "Verplicht"),
        ("helptekst", "Helptekst"),
        ("keuzes", "Keuzes"),
    ]:
        assert f'name="velden-0-{veld}"' in html
        assert f'aria-label="{naam}"' in html
    assert 'name="velden-0-DELETE" aria-label="Verwijderen"' in html
    # The empty row for "Nog een veld toevoegen" too.
    assert 'name="velden-__prefix__-type" aria-label="Soort veld"' in html

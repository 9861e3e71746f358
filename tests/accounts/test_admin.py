"""The SWV-beheerder works in the admin on the rows of their own omgeving only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Lidmaatschap, Organisatie
from tests.factories import GebruikerFactory, LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(po, maak_lid):
    return maak_lid(po, "beheerder", organisatie=OrganisatieFactory(omgeving=po, soort="swv"))


@pytest.fixture
def rijen(po, vo, maak_lid):
    po_school = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")
    vo_school = OrganisatieFactory(omgeving=vo, naam="CSG Het Eiland")
    return {
        "po_school": po_school,
        "vo_school": vo_school,
        "po_leerling": LeerlingFactory(school=po_school, achternaam="Willemsen"),
        "vo_leerling": LeerlingFactory(school=vo_school, achternaam="Koster"),
        "po_persoon": maak_lid(po, "ib_coo", organisatie=po_school, email="ib@po.test"),
        "vo_persoon": maak_lid(vo, "ib_coo", organisatie=vo_school, email="coo@vo.test"),
    }


def test_beheerlidmaatschap_geeft_en_neemt_toegang_tot_het_beheer(beheerder):
    assert beheerder.is_staff
    Lidmaatschap.objects.get(gebruiker=beheerder).delete()
    beheerder.refresh_from_db()
    assert not beheerder.is_staff


def test_beheerder_ziet_alleen_rijen_van_eigen_omgeving(client, beheerder, rijen):
    client.force_login(beheerder)

    lijsten = {
        "admin:leerlingen_leerling_changelist": ("Willemsen", "Koster"),
        "admin:accounts_organisatie_changelist": ("OBS De Regenboog", "CSG Het Eiland"),
        "admin:accounts_gebruiker_changelist": ("ib@po.test", "coo@vo.test"),
        "admin:accounts_lidmaatschap_changelist": ("ib@po.test", "coo@vo.test"),
        "admin:accounts_omgeving_changelist": ("PO2811", "VO2805"),
    }
    for url, (eigen, vreemd) in lijsten.items():
        html = client.get(reverse(url)).content.decode()
        assert eigen in html, url
        assert vreemd not in html, url


def test_beheerder_kan_rij_van_andere_omgeving_niet_openen_of_wijzigen(client, beheerder, rijen):
    client.force_login(beheerder)
    vo_leerling = rijen["vo_leerling"]

    url = reverse("admin:leerlingen_leerling_change", args=[vo_leerling.pk])
    response = client.get(url)
    assert response.status_code == 302  # the admin's "does not exist" redirect
    response = client.post(
        reverse("admin:leerlingen_leerling_delete", args=[vo_leerling.pk]), {"post": "yes"}
    )
    vo_leerling.refresh_from_db()
    persoon_url = reverse("admin:accounts_gebruiker_change", args=[rijen["vo_persoon"].pk])
    assert client.get(persoon_url).status_code == 302


def test_beheerder_kan_geen_organisatie_van_andere_omgeving_kiezen(client, beheerder, rijen, po):
    client.force_login(beheerder)

    po_leerling = reverse("admin:leerlingen_leerling_change", args=[rijen["po_leerling"].pk])
    formulier = client.get(po_leerling).content.decode()
    assert "OBS De Regenboog" in formulier
    assert "CSG Het Eiland" not in formulier

    response = client.post(
        reverse("admin:accounts_lidmaatschap_add"),
        {
            "gebruiker": rijen["po_persoon"].pk,
            "omgeving": po.pk,
            "organisatie": rijen["vo_school"].pk,
            "rol": "regierolhouder",
            "actief": "on",
        },
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Lidmaatschap.objects.filter(organisatie=rijen["vo_school"], rol="regierolhouder")


def test_beheerder_voegt_school_toe_met_brin_controle(client, beheerder, po, vo):
    client.force_login(beheerder)
    url = reverse("admin:accounts_organisatie_add")

    fout = client.post(url, {"omgeving": po.pk, "naam": "De Wilg", "soort": "school", "brin": "X"})
    assert "twee cijfers en twee letters" in fout.content.decode()

    client.post(url, {"omgeving": po.pk, "naam": "De Wilg", "soort": "school", "brin": "15gh"})
    assert Organisatie.objects.get(naam="De Wilg").brin == "15GH"

    client.post(url, {"omgeving": vo.pk, "naam": "Elders", "soort": "school", "brin": "16GH"})
    assert not Organisatie.objects.filter(naam="Elders").exists()


def test_beheerder_maakt_geen_superuser_en_ziet_geen_superuser(client, beheerder):
    superuser = GebruikerFactory(is_superuser=True, is_staff=True, email="root@voorbeeld.test")
    client.force_login(beheerder)

    assert (
        "root@voorbeeld.test"
        not in client.get(reverse("admin:accounts_gebruiker_changelist")).content.decode()
    )
    eigen = client.get(reverse("admin:accounts_gebruiker_change", args=[beheerder.pk]))
    assert 'name="is_superuser"' not in eigen.content.decode()
    assert (
        client.get(reverse("admin:accounts_gebruiker_change", args=[superuser.pk])).status_code
        == 302
    )


def nieuw_account(client, email, omgeving, school):
    """The beheerder's add form as the browser posts it: Nina with one IB/COO lidmaatschap."""
    return client.post(
        reverse("admin:accounts_gebruiker_add"),
        {
            "email": email,
            "voornaam": "Nina",
            "achternaam": "Nieuw",
            "lidmaatschappen-TOTAL_FORMS": "1",
            "lidmaatschappen-INITIAL_FORMS": "0",
            "lidmaatschappen-0-omgeving": omgeving.pk,
            "lidmaatschappen-0-organisatie": school.pk,
            "lidmaatschappen-0-rol": "ib_coo",
            "lidmaatschappen-0-actief": "on",
        },
    )


def test_beheerder_maakt_account_en_lidmaatschap_in_eigen_omgeving(client, beheerder, po, rijen):
    client.force_login(beheerder)

    response = nieuw_account(client, "Nieuw@Voorbeeld.test", po, rijen["po_school"])

    assert response.status_code == 302, response.content.decode()[:2000]
    lid = Lidmaatschap.objects.get(gebruiker__email="nieuw@voorbeeld.test")
    assert (lid.omgeving, lid.organisatie, lid.rol) == (po, rijen["po_school"], "ib_coo")
    assert not lid.gebruiker.has_usable_password()


def test_gewone_gebruiker_komt_niet_in_het_beheer(client, po, maak_lid):
    client.force_login(maak_lid(po, "regierolhouder"))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_superuser_ziet_alle_omgevingen(admin_client, rijen):
    html = admin_client.get(reverse("admin:leerlingen_leerling_changelist")).content.decode()

    assert "Willemsen" in html
    assert "Koster" in html


def test_filters_bieden_de_eigen_omgeving_zonder_de_lijst_te_lezen(client, beheerder, rijen):
    client.force_login(beheerder)

    with CaptureQueriesContext(connection) as vragen:
        html = client.get(reverse("admin:notificaties_notificatie_changelist")).content.decode()

    # Offered although no mail exists yet: the choices come from the beheer, not from the rows.
    assert "?omgeving__id__exact=" in html
    assert "PO2811" in html
    assert "VO2805" not in html
    # Neither the filter nor a date hierarchy reads the listed rows to build its choices.
    assert not [v for v in vragen if "DISTINCT" in v["sql"].upper()]


def test_superuser_krijgt_alle_omgevingen_als_filter(admin_client, rijen):
    html = admin_client.get(reverse("admin:notificaties_notificatie_changelist")).content.decode()

    assert "PO2811" in html
    assert "VO2805" in html


def emails_in_lijst(client):
    response = client.get(reverse("admin:accounts_gebruiker_changelist"))
    assert response.status_code == 200
    return sorted(
        e
        for e in GebruikerFactory._meta.model.objects.values_list("email", flat=True)
        if f">{e}<" in response.content.decode()
    )


def test_account_zonder_lidmaatschap_alleen_in_de_omgeving_waar_het_gemaakt_is(
    client, beheerder, po, vo, rijen, maak_lid, admin_client
):
    # Made by the PO beheerder, then its lidmaatschap removed: the PO beheerder still finds it
    # to give it a new one; the VO beheerder does not see it, nor does anyone an account without
    # lidmaatschap that was made elsewhere.
    client.force_login(beheerder)
    response = nieuw_account(client, "nina@voorbeeld.test", po, rijen["po_school"])
    assert response.status_code == 302
    nina = GebruikerFactory._meta.model.objects.get(email="nina@voorbeeld.test")
    assert nina.aangemaakt_in == po
    Lidmaatschap.objects.filter(gebruiker=nina).delete()
    GebruikerFactory(email="zwerver@elders.test")  # no lidmaatschap, made by nobody of PO

    assert "nina@voorbeeld.test" in emails_in_lijst(client)
    assert "zwerver@elders.test" not in emails_in_lijst(client)

    vo_beheerder = maak_lid(
        vo, "beheerder", organisatie=OrganisatieFactory(omgeving=vo, soort="swv")
    )
    client.force_login(vo_beheerder)
    assert "nina@voorbeeld.test" not in emails_in_lijst(client)

    assert {"nina@voorbeeld.test", "zwerver@elders.test"} <= set(emails_in_lijst(admin_client))


def test_met_een_lidmaatschap_verdwijnt_het_account_uit_de_omgeving_waar_het_gemaakt_is(
    client, beheerder, po, vo, maak_lid
):
    nina = GebruikerFactory(email="nina@voorbeeld.test", aangemaakt_in=po)
    school = OrganisatieFactory(omgeving=vo)
    Lidmaatschap.objects.create(gebruiker=nina, omgeving=vo, organisatie=school, rol="ib_coo")
    client.force_login(beheerder)

    assert "nina@voorbeeld.test" not in emails_in_lijst(client)

"""Beheer that stays in its omgeving: the account is shared, a lidmaatschap is not, and every
change is kept in the Beheerlogboek for the superuser."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from accounts.models import Gebruiker, Lidmaatschap
from accounts.regels import mag_account_wijzigen, mag_lidmaatschap_beheren
from tests.conftest import WACHTWOORD
from tests.factories import GebruikerFactory, LidmaatschapFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(po, vo):
    return {
        "po_swv": OrganisatieFactory(omgeving=po, soort="swv", naam="SWV PO"),
        "vo_swv": OrganisatieFactory(omgeving=vo, soort="swv", naam="SWV VO"),
        "po_cjg": OrganisatieFactory(omgeving=po, soort="cjg", naam="CJG Goeree-Overflakkee"),
        "po_school": OrganisatieFactory(omgeving=po, naam="OBS De Regenboog"),
    }


@pytest.fixture
def beheer_po(po, org, maak_lid):
    return maak_lid(
        po,
        "beheerder",
        org["po_swv"],
        email="beheer.po@voorbeeld.test",
        voornaam="Pim",
        achternaam="de Graaf",
    )


@pytest.fixture
def beheer_vo(vo, org, maak_lid):
    return maak_lid(
        vo,
        "beheerder",
        org["vo_swv"],
        email="beheer.vo@voorbeeld.test",
        voornaam="Vera",
        achternaam="Kok",
    )


@pytest.fixture
def beheer_beide(po, vo, org, maak_lid):
    gebruiker = maak_lid(po, "beheerder", org["po_swv"], email="beheer.beide@voorbeeld.test")
    return maak_lid(vo, "beheerder", org["vo_swv"], gebruiker=gebruiker)


@pytest.fixture
def bas(po, vo, org, maak_lid):
    """Works in both omgevingen: regierolhouder in PO2811, schakelfunctionaris in VO2805."""
    gebruiker = maak_lid(
        po,
        "regierolhouder",
        org["po_swv"],
        email="beide@voorbeeld.test",
        voornaam="Bas",
        achternaam="Dekker",
    )
    return maak_lid(vo, "schakelfunctionaris_verbinding", org["vo_swv"], gebruiker=gebruiker)


@pytest.fixture
def rik(po, org, maak_lid):
    """Works in PO2811 only."""
    return maak_lid(
        po,
        "regierolhouder",
        org["po_cjg"],
        email="rik@voorbeeld.test",
        voornaam="Rik",
        achternaam="de Wit",
    )


def wijzig_url(gebruiker):
    return reverse("admin:accounts_gebruiker_change", args=[gebruiker.pk])


def formulier(gebruiker, *, nieuw=(), **velden):
    """The POST of a person's page as the browser sends it, with the rows the beheerder sees."""
    rijen = list(gebruiker.lidmaatschappen.order_by("pk"))
    data = {
        "email": gebruiker.email,
        "voornaam": gebruiker.voornaam,
        "achternaam": gebruiker.achternaam,
        "is_active": "on",
        "lidmaatschappen-INITIAL_FORMS": str(len(rijen)),
        "lidmaatschappen-TOTAL_FORMS": str(len(rijen) + len(nieuw)),
        "lidmaatschappen-MIN_NUM_FORMS": "0",
        "lidmaatschappen-MAX_NUM_FORMS": "1000",
    }
    for i, lid in enumerate([*rijen, *nieuw]):
        if isinstance(lid, Lidmaatschap):
            lid = {
                "id": lid.pk,
                "omgeving": lid.omgeving_id,
                "organisatie": lid.organisatie_id,
                "rol": lid.rol,
                "actief": "on" if lid.actief else "",
            }
        data.update({f"lidmaatschappen-{i}-{k}": v for k, v in lid.items()})
        data[f"lidmaatschappen-{i}-gebruiker"] = gebruiker.pk
    data.update(velden)
    return {k: v for k, v in data.items() if v != ""}


def alleen_eigen_rijen(gebruiker, omgeving):
    """The POST a beheerder's browser sends: the inline only holds the rows of their omgeving."""
    data = formulier(gebruiker)
    rijen = [lid for lid in gebruiker.lidmaatschappen.order_by("pk") if lid.omgeving == omgeving]
    data = {k: v for k, v in data.items() if not k.startswith("lidmaatschappen-")}
    data.update(
        {
            "lidmaatschappen-INITIAL_FORMS": str(len(rijen)),
            "lidmaatschappen-TOTAL_FORMS": str(len(rijen)),
            "lidmaatschappen-MIN_NUM_FORMS": "0",
            "lidmaatschappen-MAX_NUM_FORMS": "1000",
        }
    )
    for i, lid in enumerate(rijen):
        data.update(
            {
                f"lidmaatschappen-{i}-id": lid.pk,
                f"lidmaatschappen-{i}-gebruiker": gebruiker.pk,
                f"lidmaatschappen-{i}-omgeving": lid.omgeving_id,
                f"lidmaatschappen-{i}-organisatie": lid.organisatie_id,
                f"lidmaatschappen-{i}-rol": lid.rol,
                f"lidmaatschappen-{i}-actief": "on",
            }
        )
    return data


# --- The rules --------------------------------------------------------------------------------


def test_regels_voor_het_account(po, vo, org, beheer_po, beheer_vo, beheer_beide, bas, rik):
    superuser = GebruikerFactory(is_superuser=True, is_staff=True)
    nog_zonder_lidmaatschap = GebruikerFactory()

    assert mag_account_wijzigen(door=beheer_po, gebruiker=rik)
    assert not mag_account_wijzigen(door=beheer_vo, gebruiker=rik)
    assert not mag_account_wijzigen(door=beheer_po, gebruiker=bas)
    assert not mag_account_wijzigen(door=beheer_vo, gebruiker=bas)
    assert mag_account_wijzigen(door=beheer_beide, gebruiker=bas)
    assert mag_account_wijzigen(door=superuser, gebruiker=bas)
    assert not mag_account_wijzigen(door=beheer_beide, gebruiker=superuser)
    assert mag_account_wijzigen(door=beheer_po, gebruiker=nog_zonder_lidmaatschap)
    assert not mag_account_wijzigen(door=rik, gebruiker=nog_zonder_lidmaatschap)
    # Only an active lidmaatschap ties the account to VO2805.
    Lidmaatschap.objects.filter(gebruiker=bas, omgeving=vo).update(actief=False)
    assert mag_account_wijzigen(door=beheer_po, gebruiker=bas)


def test_regels_voor_een_lidmaatschap(po, vo, beheer_po, beheer_beide, rik):
    superuser = GebruikerFactory(is_superuser=True, is_staff=True)

    assert mag_lidmaatschap_beheren(door=beheer_po, omgeving=po, gebruiker=rik)
    assert not mag_lidmaatschap_beheren(door=beheer_po, omgeving=vo, gebruiker=rik)
    assert not mag_lidmaatschap_beheren(door=beheer_po, omgeving=po, gebruiker=beheer_po)
    assert not mag_lidmaatschap_beheren(door=beheer_beide, omgeving=vo, gebruiker=beheer_beide)
    assert not mag_lidmaatschap_beheren(door=beheer_po, omgeving=po, gebruiker=superuser)
    assert mag_lidmaatschap_beheren(door=superuser, omgeving=vo, gebruiker=superuser)


# --- The account of a person who also works elsewhere -----------------------------------------


@pytest.mark.parametrize("wie", ["beheer_po", "beheer_vo"])
def test_beheerder_van_een_omgeving_ziet_gedeeld_account_alleen_lezen(client, request, wie, bas):
    beheerder = request.getfixturevalue(wie)
    client.force_login(beheerder)

    response = client.get(wijzig_url(bas))

    html = response.content.decode()
    assert response.status_code == 200
    assert "beide@voorbeeld.test" in html
    assert 'name="email"' not in html
    assert 'name="voornaam"' not in html
    assert 'name="is_active"' not in html
    assert "Deze persoon werkt ook in een omgeving die u niet beheert." in html
    # The lidmaatschap of the beheerder's own omgeving can be edited, the other is not shown.
    assert 'name="lidmaatschappen-0-rol"' in html
    assert 'name="lidmaatschappen-1-rol"' not in html
    eigen, ander = ("SWV PO", "SWV VO") if wie == "beheer_po" else ("SWV VO", "SWV PO")
    assert eigen in html
    assert ander not in html


@pytest.mark.parametrize("wie", ["beheer_po", "beheer_vo"])
def test_vervalste_post_wijzigt_gedeeld_account_niet(client, request, wie, po, vo, bas):
    client.force_login(request.getfixturevalue(wie))
    data = alleen_eigen_rijen(bas, po if wie == "beheer_po" else vo)
    data.update({"email": "overname@voorbeeld.test", "voornaam": "Overname"})
    del data["is_active"]

    response = client.post(wijzig_url(bas), data)

    assert response.status_code == 302
    bas.refresh_from_db()
    assert (bas.email, bas.voornaam, bas.is_active) == ("beide@voorbeeld.test", "Bas", True)
    assert bas.check_password(WACHTWOORD)


def test_beheerder_beheert_wel_het_lidmaatschap_in_eigen_omgeving(client, po, vo, beheer_po, bas):
    client.force_login(beheer_po)
    data = alleen_eigen_rijen(bas, po)
    del data["lidmaatschappen-0-actief"]

    response = client.post(wijzig_url(bas), data)

    assert response.status_code == 302
    assert not Lidmaatschap.objects.get(gebruiker=bas, omgeving=po).actief
    assert Lidmaatschap.objects.get(gebruiker=bas, omgeving=vo).actief


def test_beheerder_van_beide_omgevingen_wijzigt_het_account(client, beheer_beide, bas):
    client.force_login(beheer_beide)
    html = client.get(wijzig_url(bas)).content.decode()
    assert 'name="email"' in html
    assert "Deze persoon werkt ook in een omgeving" not in html

    response = client.post(wijzig_url(bas), formulier(bas, email="bas@voorbeeld.test"))

    assert response.status_code == 302
    bas.refresh_from_db()
    assert bas.email == "bas@voorbeeld.test"
    entry = LogEntry.objects.get(object_id=str(bas.pk))
    assert entry.user == beheer_beide
    assert entry.change_message == (
        "Gewijzigd: E-mailadres: beide@voorbeeld.test → bas@voorbeeld.test."
    )


def test_account_alleen_in_eigen_omgeving_mag_de_beheerder_wijzigen(client, beheer_po, rik):
    client.force_login(beheer_po)

    response = client.post(wijzig_url(rik), formulier(rik, voornaam="Rikkert", is_active=""))

    assert response.status_code == 302
    rik.refresh_from_db()
    assert (rik.voornaam, rik.is_active) == ("Rikkert", False)


def test_beheerder_verwijdert_geen_account(client, beheer_po, rik):
    client.force_login(beheer_po)
    url = reverse("admin:accounts_gebruiker_delete", args=[rik.pk])

    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Gebruiker.objects.filter(pk=rik.pk).exists()


# --- Passwords: never typed or seen in the beheer ---------------------------------------------


@pytest.fixture
def als(client, admin_user, beheer_po, beheer_beide):
    def log_in(wie):
        client.force_login(
            {"beheer_po": beheer_po, "beheer_beide": beheer_beide, "superuser": admin_user}[wie]
        )
        return client

    return log_in


@pytest.mark.parametrize("wie", ["beheer_po", "beheer_beide", "superuser"])
def test_geen_wachtwoordformulier_in_het_beheer(als, wie, bas):
    client = als(wie)
    url = f"{wijzig_url(bas)}password/"

    pagina = client.get(url, follow=True)
    client.post(
        url, {"password1": "overname-wachtwoord-123", "password2": "overname-wachtwoord-123"}
    )

    assert 'name="password1"' not in pagina.content.decode()
    bas.refresh_from_db()
    assert bas.check_password(WACHTWOORD)
    wijzig = client.get(wijzig_url(bas)).content.decode()
    assert "Beheerders stellen geen wachtwoorden in en zien ze niet." in wijzig
    assert "password/" not in wijzig


# --- No lidmaatschap for one's own account ----------------------------------------------------


def test_eigen_account_wordt_niet_aangeboden(client, beheer_po, rik):
    client.force_login(beheer_po)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "lidmaatschap", "field_name": "gebruiker"},
    )

    ids = {int(rij["id"]) for rij in response.json()["results"]}
    assert rik.pk in ids
    assert beheer_po.pk not in ids


def test_direct_posten_van_eigen_lidmaatschap_wordt_geweigerd(client, po, org, beheer_po):
    client.force_login(beheer_po)

    response = client.post(
        reverse("admin:accounts_lidmaatschap_add"),
        {
            "gebruiker": beheer_po.pk,
            "omgeving": po.pk,
            "organisatie": org["po_school"].pk,
            "rol": "ib_coo",
            "actief": "on",
        },
    )

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Lidmaatschap.objects.filter(gebruiker=beheer_po, rol="ib_coo").exists()


def test_eigen_lidmaatschap_wijzigen_wordt_geweigerd(client, po, org, beheer_po):
    client.force_login(beheer_po)
    eigen = Lidmaatschap.objects.get(gebruiker=beheer_po)
    url = reverse("admin:accounts_lidmaatschap_change", args=[eigen.pk])

    assert 'name="rol"' not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "gebruiker": beheer_po.pk,
            "omgeving": po.pk,
            "organisatie": org["po_school"].pk,
            "rol": "ib_coo",
            "actief": "on",
        },
    )

    assert response.status_code == 403
    eigen.refresh_from_db()
    assert (eigen.rol, eigen.organisatie) == ("beheerder", org["po_swv"])


def test_lidmaatschap_van_ander_in_eigen_omgeving_mag_wel(client, po, org, beheer_po, rik):
    client.force_login(beheer_po)
    lid = Lidmaatschap.objects.get(gebruiker=rik)

    response = client.post(
        reverse("admin:accounts_lidmaatschap_change", args=[lid.pk]),
        {
            "gebruiker": rik.pk,
            "omgeving": po.pk,
            "organisatie": org["po_cjg"].pk,
            "rol": "externe_deelnemer",
            "actief": "on",
        },
    )

    assert response.status_code == 302
    lid.refresh_from_db()
    assert lid.rol == "externe_deelnemer"
    entry = LogEntry.objects.get(object_id=str(lid.pk), content_type__model="lidmaatschap")
    assert entry.change_message == "Gewijzigd: Rol: Regierolhouder → Externe deelnemer."


def test_eigen_pagina_toont_lidmaatschappen_alleen_lezen(client, beheer_po):
    client.force_login(beheer_po)

    html = client.get(wijzig_url(beheer_po)).content.decode()

    assert "SWV PO" in html
    assert 'name="lidmaatschappen-0-rol"' not in html


def test_lidmaatschap_via_eigen_pagina_wordt_geweigerd(client, po, org, beheer_po):
    client.force_login(beheer_po)
    data = alleen_eigen_rijen(beheer_po, po)
    data.update(
        {
            "lidmaatschappen-TOTAL_FORMS": "2",
            "lidmaatschappen-1-gebruiker": beheer_po.pk,
            "lidmaatschappen-1-omgeving": po.pk,
            "lidmaatschappen-1-organisatie": org["po_school"].pk,
            "lidmaatschappen-1-rol": "ib_coo",
            "lidmaatschappen-1-actief": "on",
        }
    )

    response = client.post(wijzig_url(beheer_po), data)

    assert response.status_code == 200
    assert (
        "U kunt geen lidmaatschap voor uw eigen account toevoegen of wijzigen."
        in response.content.decode()
    )
    assert list(Lidmaatschap.objects.filter(gebruiker=beheer_po).values_list("rol", flat=True)) == [
        "beheerder"
    ]


def test_eigen_pagina_opslaan_zonder_lidmaatschap_te_wijzigen_kan(client, po, beheer_po):
    client.force_login(beheer_po)
    # The browser sends the read-only rows without their fields.
    data = {
        k: v
        for k, v in alleen_eigen_rijen(beheer_po, po).items()
        if not k.startswith("lidmaatschappen-0-") or k.endswith(("-id", "-gebruiker"))
    }
    data["achternaam"] = "de Graaf-Bos"

    response = client.post(wijzig_url(beheer_po), data)

    assert response.status_code == 302
    beheer_po.refresh_from_db()
    assert beheer_po.achternaam == "de Graaf-Bos"


def test_eigen_lidmaatschap_verwijderen_via_actie_wordt_geweigerd(client, beheer_po, rik):
    client.force_login(beheer_po)
    ids = Lidmaatschap.objects.filter(gebruiker__in=[beheer_po, rik]).values_list("pk", flat=True)

    response = client.post(
        reverse("admin:accounts_lidmaatschap_changelist"),
        {"action": "delete_selected", "_selected_action": list(ids), "post": "yes"},
    )

    assert response.status_code == 403
    assert Lidmaatschap.objects.filter(gebruiker__in=[beheer_po, rik]).count() == 2


def test_superuser_geeft_iedereen_een_lidmaatschap(admin_client, vo, org, beheer_po):
    response = admin_client.post(
        reverse("admin:accounts_lidmaatschap_add"),
        {
            "gebruiker": beheer_po.pk,
            "omgeving": vo.pk,
            "organisatie": org["vo_swv"].pk,
            "rol": "beheerder",
            "actief": "on",
        },
    )

    assert response.status_code == 302
    assert Lidmaatschap.objects.filter(gebruiker=beheer_po, omgeving=vo).exists()


# --- The Beheerlogboek ------------------------------------------------------------------------


def test_wijziging_met_oude_en_nieuwe_waarde_in_het_logboek(client, po, beheer_po, rik):
    client.force_login(beheer_po)
    data = formulier(rik, voornaam="Rikkert")
    del data["lidmaatschappen-0-actief"]

    client.post(wijzig_url(rik), data)

    entry = LogEntry.objects.get(object_id=str(rik.pk), content_type__model="gebruiker")
    assert entry.user == beheer_po
    assert entry.change_message == (
        "Gewijzigd: Voornaam: Rik → Rikkert. Lidmaatschap Rikkert de Wit — Regierolhouder bij "
        "CJG Goeree-Overflakkee (PO2811) gewijzigd: Actief: ja → nee."
    )


def test_alleen_de_superuser_ziet_het_beheerlogboek(client, admin_client, beheer_po, rik):
    client.force_login(beheer_po)
    client.post(wijzig_url(rik), formulier(rik, voornaam="Rikkert"))
    lijst = reverse("admin:accountbeheer_beheeractie_changelist")
    geschiedenis = reverse("admin:accounts_gebruiker_history", args=[rik.pk])

    assert client.get(lijst).status_code == 403
    assert client.get(geschiedenis).status_code == 403
    assert "Beheerlogboek" not in client.get(reverse("admin:index")).content.decode()

    html = admin_client.get(lijst).content.decode()
    assert "Gewijzigd: Voornaam: Rik → Rikkert." in html
    assert "beheer.po@voorbeeld.test" in html
    assert "Beheerlogboek" in admin_client.get(reverse("admin:index")).content.decode()
    assert admin_client.get(geschiedenis).status_code == 200
    gefilterd = admin_client.get(lijst, {"user__id__exact": beheer_po.pk, "actie": "2"})
    assert "Gewijzigd: Voornaam: Rik → Rikkert." in gefilterd.content.decode()


def test_beheerlogboek_wordt_niet_bewerkt(admin_client, beheer_po, rik):
    entry = LogEntry.objects.create(
        user=beheer_po,
        object_id=str(rik.pk),
        object_repr=str(rik),
        action_flag=2,
        change_message="Gewijzigd: Voornaam: Rik → Rikkert.",
    )

    assert admin_client.get(reverse("admin:accountbeheer_beheeractie_add")).status_code == 403
    verwijder = reverse("admin:accountbeheer_beheeractie_delete", args=[entry.pk])
    assert admin_client.post(verwijder, {"post": "yes"}).status_code == 403
    wijzig = reverse("admin:accountbeheer_beheeractie_change", args=[entry.pk])
    assert "Gewijzigd: Voornaam: Rik → Rikkert." in admin_client.get(wijzig).content.decode()
    admin_client.post(wijzig, {"change_message": "weg"})
    entry.refresh_from_db()
    assert entry.change_message == "Gewijzigd: Voornaam: Rik → Rikkert."


def test_log_beheeractie_voor_services(beheer_po, rik):
    from accounts.services import log_beheeractie

    log_beheeractie(door=beheer_po, obj=rik, bericht="Tweestapsverificatie gereset.")

    entry = LogEntry.objects.get()

    assert (entry.user, entry.object_id, entry.object_repr, entry.change_message) == (
        beheer_po,
        str(rik.pk),
        "Rik de Wit",
        "Tweestapsverificatie gereset.",
    )
    assert entry.content_type.model == "gebruiker"


def test_lidmaatschap_van_superuser_niet_door_beheerder(client, po, org, beheer_po):
    superuser = GebruikerFactory(is_superuser=True, is_staff=True)
    lid = LidmaatschapFactory(gebruiker=superuser, omgeving=po, organisatie=org["po_cjg"])
    client.force_login(beheer_po)

    response = client.post(
        reverse("admin:accounts_lidmaatschap_change", args=[lid.pk]),
        {
            "gebruiker": superuser.pk,
            "omgeving": po.pk,
            "organisatie": org["po_cjg"].pk,
            "rol": "regierolhouder",
        },
    )

    assert response.status_code == 403
    lid.refresh_from_db()
    assert lid.actief


def _reset_actie(client, *gebruikers):
    return client.post(
        reverse("admin:accounts_gebruiker_changelist"),
        {
            "action": "tweede_factor_opnieuw_instellen",
            "_selected_action": [g.pk for g in gebruikers],
        },
        follow=True,
    )


def test_beheerder_laat_de_tweede_factor_opnieuw_instellen(client, beheer_po, rik):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import tweestaps
    from tests.conftest import TweeStapsClient

    rik_elders = TweeStapsClient()
    rik_elders.force_login(rik)
    tweestaps.maak_reservecodes(gebruiker=rik)
    client.force_login(beheer_po)

    response = _reset_actie(client, rik)

    assert (
        "Rik de Wit stelt bij de volgende keer inloggen de tweestapsverificatie opnieuw in"
        in response.content.decode()
    )
    assert not TOTPDevice.objects.filter(user=rik).exists()
    assert tweestaps.aantal_reservecodes(gebruiker=rik) == 0
    # Rik's open session has ended; his next login with the password leads to enrolment.
    assert rik_elders.get(reverse("start"))["Location"].startswith(reverse("accounts:login"))
    nieuw = Client()
    nieuw.post(
        reverse("accounts:login"),
        {
            "inlog_view-current_step": "auth",
            "auth-username": "rik@voorbeeld.test",
            "auth-password": "geheim-wachtwoord-123",
        },
    )
    assert nieuw.get(reverse("start"))["Location"].startswith(reverse("two_factor:setup"))
    entry = LogEntry.objects.get(object_id=str(rik.pk), user=beheer_po)
    assert entry.change_message.startswith("Tweestapsverificatie gereset")


@pytest.mark.parametrize("wie", ["beheer_po", "beheer_vo"])
def test_tweede_factor_van_gedeeld_account_niet_door_een_omgeving(client, request, wie, bas):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import TweeStapsClient

    bas_elders = TweeStapsClient()
    bas_elders.force_login(bas)  # gives Bas his app
    client.force_login(request.getfixturevalue(wie))

    response = _reset_actie(client, bas)

    assert "Niet gereset: Bas Dekker." in response.content.decode()
    assert TOTPDevice.objects.filter(user=bas).exists()
    # Bas works in two omgevingen: still logged in, he is asked which one.
    assert bas_elders.get(reverse("start"))["Location"] == "/omgeving/?next=%2F"
    assert not LogEntry.objects.filter(change_message__startswith="Tweestapsverificatie").exists()


def test_beheerder_van_beide_omgevingen_reset_gedeeld_account(client, beheer_beide, bas):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=bas, name="default", confirmed=True)
    client.force_login(beheer_beide)

    _reset_actie(client, bas)

    assert not TOTPDevice.objects.filter(user=bas).exists()


@pytest.mark.parametrize("wie", ["beheer_po", "beheer_beide", "superuser"])
def test_django_wachtwoord_url_van_een_account_bestaat_niet(als, wie, bas):
    client = als(wie)
    url = f"/beheer/accounts/gebruiker/{bas.pk}/password/"

    client.post(
        url, {"password1": "overname-wachtwoord-123", "password2": "overname-wachtwoord-123"}
    )
    pagina = client.get(url, follow=True)

    assert 'name="password1"' not in pagina.content.decode()
    bas.refresh_from_db()
    assert bas.check_password(WACHTWOORD)

"""Accounts by invitation: no password typed by the beheerder, a link that works once, for a while,
and that nobody who reads the outbox can use."""

import datetime
import re

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlsafe_base64_encode

from accountbeheer.services import nodig_uit
from accounts.models import Gebruiker, Lidmaatschap
from notificaties.models import MailSjabloon, Notificatie
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db

PLAATSHOUDER = "[persoonlijke link: staat alleen in de verstuurde mail]"


@pytest.fixture
def school(po):
    return OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")


@pytest.fixture
def beheerder(po, maak_lid):
    return maak_lid(
        po,
        "beheerder",
        OrganisatieFactory(omgeving=po, soort="swv", naam="SWV PO"),
        email="beheer.po@voorbeeld.test",
        voornaam="Pim",
        achternaam="de Graaf",
    )


@pytest.fixture
def maak_account(client, beheerder, po, school, mailoutbox, django_capture_on_commit_callbacks):
    """The beheerder adds Nina Nieuw with a lidmaatschap in the admin; returns her and the mail."""

    def maak():
        client.force_login(beheerder)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("admin:accounts_gebruiker_add"),
                {
                    "email": "Nina@Voorbeeld.test",
                    "voornaam": "Nina",
                    "achternaam": "Nieuw",
                    "lidmaatschappen-TOTAL_FORMS": "1",
                    "lidmaatschappen-INITIAL_FORMS": "0",
                    "lidmaatschappen-0-omgeving": po.pk,
                    "lidmaatschappen-0-organisatie": school.pk,
                    "lidmaatschappen-0-rol": "ib_coo",
                    "lidmaatschappen-0-actief": "on",
                },
            )
        assert response.status_code == 302, response.content.decode()[:3000]
        client.logout()
        return Gebruiker.objects.get(email="nina@voorbeeld.test"), mailoutbox[-1]

    return maak


def link_uit(mail):
    return re.search(r"http://127\.0\.0\.1:8000(/uitnodiging/\S+/)", mail.body).group(1)


def test_nieuw_account_zonder_wachtwoord_krijgt_uitnodiging(maak_account, po):
    nina, mail = maak_account()

    assert not nina.has_usable_password()
    assert Lidmaatschap.objects.get(gebruiker=nina).rol == "ib_coo"
    assert mail.to == ["nina@voorbeeld.test"]
    assert mail.subject == "Uitnodiging voor Kindkans"
    assert mail.body.startswith(
        "Beste Nina Nieuw,\n\nPim de Graaf heeft een account voor u gemaakt in Kindkans, in de "
        "omgeving PO2811 Goeree-Overflakkee."
    )
    assert "De link werkt één keer en is 7 dagen geldig." in mail.body
    assert "na uw wachtwoord vraagt Kindkans om een code uit een app op uw telefoon" in mail.body
    assert f'href="http://127.0.0.1:8000{link_uit(mail)}"' in mail.alternatives[0][0]
    notificatie = Notificatie.objects.get(ontvanger=nina)
    assert (notificatie.soort, notificatie.omgeving, notificatie.status) == (
        "uitnodiging",
        po,
        "verstuurd",
    )


def test_de_link_staat_nergens_waar_een_beheerder_hem_kan_lezen(
    maak_account, client, admin_client, beheerder
):
    nina, mail = maak_account()
    link = link_uit(mail)
    token = link.rstrip("/").rsplit("/", 1)[1]

    notificatie = Notificatie.objects.get(ontvanger=nina)
    for veld in (notificatie.tekst, notificatie.html, notificatie.link, notificatie.onderwerp):
        assert "/uitnodiging/" not in veld
        assert token not in veld
    assert PLAATSHOUDER in notificatie.tekst
    assert notificatie.link == PLAATSHOUDER
    client.force_login(beheerder)
    for url in (
        reverse("admin:notificaties_notificatie_change", args=[notificatie.pk]),
        reverse("admin:notificaties_notificatie_changelist"),
        reverse("admin:accounts_gebruiker_change", args=[nina.pk]),
    ):
        html = client.get(url).content.decode()
        assert token not in html, url
    # Only the superuser reads the text of a mail in the beheer: the placeholder, not the link.
    html = admin_client.get(
        reverse("admin:notificaties_notificatie_change", args=[notificatie.pk])
    ).content.decode()
    assert PLAATSHOUDER in html
    assert token not in html


def test_aanmaken_en_uitnodigen_staan_in_het_beheerlogboek(maak_account, beheerder):
    nina, _ = maak_account()

    berichten = list(
        LogEntry.objects.filter(object_id=str(nina.pk), user=beheerder)
        .order_by("pk")
        .values_list("change_message", flat=True)
    )
    assert berichten == [
        "Uitnodiging verstuurd naar nina@voorbeeld.test.",
        "Aangemaakt (E-mailadres: nina@voorbeeld.test; Voornaam: Nina; Achternaam: Nieuw). "
        "Lidmaatschap toegevoegd: Nina Nieuw — IB/COO (schakelfunctionaris onderwijs) bij "
        "OBS De Regenboog (PO2811).",
    ]


def test_de_link_werkt_een_keer(maak_account, client):
    nina, mail = maak_account()
    link = link_uit(mail)

    formulier = client.get(link, follow=True)
    html = formulier.content.decode()
    assert "Welkom bij Kindkans" in html
    assert "nina@voorbeeld.test" in html
    response = client.post(
        formulier.request["PATH_INFO"],
        {"new_password1": "zomer-aan-zee-2026", "new_password2": "zomer-aan-zee-2026"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    nina.refresh_from_db()
    assert nina.check_password("zomer-aan-zee-2026")
    assert LogEntry.objects.filter(
        user=nina, change_message="Wachtwoord ingesteld met de link uit de uitnodiging."
    ).exists()
    nog_eens = client.get(link, follow=True).content.decode()
    assert "Deze link is niet geldig" in nog_eens
    assert "verlopen" not in nog_eens


def test_wachtwoord_wordt_gecontroleerd(maak_account, client):
    _, mail = maak_account()
    formulier = client.get(link_uit(mail), follow=True)

    response = client.post(
        formulier.request["PATH_INFO"], {"new_password1": "kort", "new_password2": "kort"}
    )

    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()


def test_link_is_zeven_dagen_geldig(maak_account, client):
    _, mail = maak_account()
    link = link_uit(mail)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        assert "Welkom bij Kindkans" in client.get(link, follow=True).content.decode()


def test_verlopen_link_noemt_de_beheerder(maak_account, client):
    nina, mail = maak_account()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, hours=1)):
        response = client.get(link_uit(mail), follow=True)

    html = response.content.decode()
    assert "Deze uitnodiging is verlopen" in html
    assert "Pim de Graaf" in html
    assert "beheer.po@voorbeeld.test" in html
    assert 'name="new_password1"' not in html
    nina.refresh_from_db()
    assert not nina.has_usable_password()


def test_geldigheid_volgt_de_instelling(maak_account, client, settings):
    settings.UITNODIGING_GELDIG_DAGEN = 2
    _, mail = maak_account()

    assert "De link werkt één keer en is 2 dagen geldig." in mail.body
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, hours=1)):
        html = client.get(link_uit(mail), follow=True).content.decode()
    assert "Deze uitnodiging is verlopen" in html


def _token_veranderd(link):
    return link[:-3] + "00/"


def _ander_account(link):
    _, pad, uid, token, _ = link.split("/")
    return f"/{pad}/{urlsafe_base64_encode(b'999999')}/{token}/"


def _als_wachtwoordlink(link):
    return link.replace("/uitnodiging/", "/wachtwoord-instellen/")


@pytest.mark.parametrize("kapot", [_token_veranderd, _ander_account, _als_wachtwoordlink])
def test_kapotte_link_is_niet_geldig(maak_account, client, kapot):
    nina, mail = maak_account()

    html = client.get(kapot(link_uit(mail)), follow=True).content.decode()

    assert "Pim de Graaf" not in html
    assert 'name="new_password1"' not in html
    assert "niet" in html and "geldig" in html
    nina.refresh_from_db()
    assert not nina.has_usable_password()


def test_uitnodiging_opnieuw_versturen(
    maak_account, client, beheerder, mailoutbox, django_capture_on_commit_callbacks, po, maak_lid
):
    nina, _ = maak_account()
    rik = maak_lid(po, "regierolhouder", email="rik@voorbeeld.test")
    client.force_login(beheerder)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_gebruiker_changelist"),
            {"action": "uitnodiging_opnieuw_versturen", "_selected_action": [nina.pk, rik.pk]},
            follow=True,
        )

    html = response.content.decode()
    nog_niet = client.get(
        reverse("admin:accounts_gebruiker_changelist"), {"wachtwoord": "nee"}
    ).content.decode()
    assert "nina@voorbeeld.test" in nog_niet
    assert "rik@voorbeeld.test" not in nog_niet
    assert "Uitnodiging opnieuw verstuurd aan Nina Nieuw." in html
    assert f"Geen uitnodiging verstuurd aan {rik}" in html
    assert [m.to for m in mailoutbox] == [["nina@voorbeeld.test"], ["nina@voorbeeld.test"]]
    assert Notificatie.objects.filter(ontvanger=nina, soort="uitnodiging").count() == 2
    assert not Notificatie.objects.filter(ontvanger=rik).exists()
    # A new link works as well.
    assert (
        "Welkom bij Kindkans" in client.get(link_uit(mailoutbox[-1]), follow=True).content.decode()
    )


def test_geen_uitnodiging_voor_account_dat_de_beheerder_niet_helemaal_beheert(
    po, vo, maak_lid, beheerder
):
    bas = maak_lid(po, "regierolhouder", email="beide@voorbeeld.test")
    maak_lid(vo, "regierolhouder", gebruiker=bas)
    bas.set_unusable_password()
    bas.save()

    with pytest.raises(PermissionDenied):
        nodig_uit(door=beheerder, gebruiker=bas)
    assert not Notificatie.objects.exists()


def test_beheerder_moet_een_lidmaatschap_geven(client, beheerder):
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:accounts_gebruiker_add"),
        {
            "email": "zonder@voorbeeld.test",
            "voornaam": "Zonder",
            "achternaam": "Lid",
            "lidmaatschappen-TOTAL_FORMS": "0",
            "lidmaatschappen-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Geef de persoon een lidmaatschap in uw omgeving" in response.content.decode()
    assert not Gebruiker.objects.filter(email="zonder@voorbeeld.test").exists()


def test_eigen_mailtekst_voor_uitnodiging_kan_niet(po):
    sjabloon = MailSjabloon(
        omgeving=po, soort="uitnodiging", onderwerp="Welkom", tekst="Klik: {{ link }}"
    )

    with pytest.raises(ValidationError) as fout:
        sjabloon.full_clean()

    assert "persoonlijke link" in str(fout.value)


def test_aanmaakpagina_vraagt_geen_wachtwoord(client, beheerder):
    client.force_login(beheerder)

    html = client.get(reverse("admin:accounts_gebruiker_add")).content.decode()

    assert 'name="email"' in html
    assert 'name="password1"' not in html
    assert 'name="password2"' not in html
    assert "Na het opslaan krijgt de persoon een uitnodiging per mail" in html


def test_uitnodiging_niet_te_kiezen_als_eigen_mailtekst(client, beheerder):
    client.force_login(beheerder)

    html = client.get(reverse("admin:notificaties_mailsjabloon_add")).content.decode()

    assert 'value="aanpak_behandelaar"' in html
    assert 'value="uitnodiging"' not in html
    assert 'value="wachtwoord_vergeten"' not in html

"""The beheer without case content: an SWV-beheerder manages accounts and settings, not cases.

What a mail says and a leerling's address and telephone numbers stay out of the beheerder's
view (lists, pages, search, filters in the URL); nobody deletes a mail; an id outside one's reach
answers as a missing one; every look at case content in the beheer is in the access log.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from leerlingen.models import Leerling
from logboek.models import Actie, Logregel
from notificaties.models import Notificatie
from overleg.models import Overlegronde
from tests.factories import (
    GebruikerFactory,
    HulpvraagFactory,
    LeerlingFactory,
    OrganisatieFactory,
)

pytestmark = pytest.mark.django_db

ONDERWERP = "Zorgen om Xylofoonkind Kwartelkoning"
TEKST = "Vertrouwelijk: Xylofoonkind slaapt slecht sinds de scheiding."
PAD = "/hulpvragen/424242/"
LINK = "https://kindkans.test/meldingen/424242/"
ADRES = ("Zeekraalstraat 17", "3241 ZX", "Goedereedeplaats")
TELEFOON = ("0187 654321", "06 98765432")
GEBOORTEDATUM = ("9 maart 2013", "09-03-2013", "2013-03-09")
GEHEIM = (ONDERWERP, "Xylofoonkind", TEKST, "slaapt slecht", PAD, LINK, "424242")
GEHEIM_LEERLING = (*ADRES, *TELEFOON, *GEBOORTEDATUM)
# A search page repeats the words searched for; the whole texts it must not show.
GEHEIM_VOLLEDIG = (ONDERWERP, TEKST, PAD, LINK)
ONBEKEND_ID = 987654


@pytest.fixture
def beheerder(po, maak_lid):
    return maak_lid(po, "beheerder", organisatie=OrganisatieFactory(omgeving=po, soort="swv"))


@pytest.fixture
def school(po):
    return OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")


def mail(omgeving, ontvanger, **velden):
    return Notificatie.objects.create(
        ontvanger=ontvanger,
        omgeving=omgeving,
        soort="status_gewijzigd",
        onderwerp=ONDERWERP,
        tekst=TEKST,
        html=f"<p>{TEKST}</p>",
        pad=PAD,
        link=LINK,
        **velden,
    )


@pytest.fixture
def notificatie(po):
    ontvanger = GebruikerFactory(voornaam="Inge", achternaam="Bakker")
    return mail(po, ontvanger, status="mislukt", pogingen=5, laatste_fout="SMTP 451 bezet")


@pytest.fixture
def leerling(school):
    return LeerlingFactory(
        school=school,
        voornaam="Daan",
        achternaam="Willemsen",
        geboortedatum=datetime.date(2013, 3, 9),
        groep_leerjaar="groep 6",
        straat_huisnummer=ADRES[0],
        postcode=ADRES[1],
        woonplaats=ADRES[2],
        telefoon_ouder_1=TELEFOON[0],
        telefoon_ouder_2=TELEFOON[1],
    )


def afwezig(html, geheimen):
    return [geheim for geheim in geheimen if geheim in html]


# --- Mails: only soort, ontvanger, omgeving and how the sending went -------------------------


def test_beheerder_leest_nergens_de_inhoud_van_een_mail(client, beheerder, notificatie):
    client.force_login(beheerder)
    lijst = reverse("admin:notificaties_notificatie_changelist")
    detail = reverse("admin:notificaties_notificatie_change", args=[notificatie.pk])

    pagina = client.get(detail).content.decode()
    assert "Inge Bakker" in pagina
    assert "SMTP 451 bezet" in pagina
    assert "Status van de hulpvraag aangepast (aan IB/COO)" in pagina
    assert afwezig(pagina, GEHEIM) == []
    html = client.get(lijst).content.decode()
    assert detail in html
    assert afwezig(html, GEHEIM) == []
    for zoek in ("Xylofoonkind", "424242", "slaapt"):
        gevonden = client.get(lijst, {"q": zoek}).content.decode()
        assert detail not in gevonden, zoek
        assert afwezig(gevonden, GEHEIM_VOLLEDIG) == [], zoek
    assert detail in client.get(lijst, {"q": "Bakker"}).content.decode()


@pytest.mark.parametrize(
    "filter_",
    [
        {"onderwerp__icontains": "Xylofoon"},
        {"tekst__contains": "slaapt"},
        {"html__icontains": "slaapt"},
        {"pad__startswith": "/hulpvragen/4"},
        {"link__icontains": "424242"},
    ],
)
def test_ook_geen_filter_in_de_url_op_de_inhoud(
    client, admin_client, beheerder, notificatie, filter_
):
    """Counting the rows a filter leaves would reveal the text letter by letter."""
    client.force_login(beheerder)
    lijst = reverse("admin:notificaties_notificatie_changelist")

    assert client.get(lijst, filter_).status_code == 400
    assert admin_client.get(lijst, filter_).status_code == 400
    assert client.get(lijst, {"status__exact": "mislukt"}).status_code == 200


def test_opnieuw_versturen_meldt_geen_inhoud(client, beheerder, notificatie, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:notificaties_notificatie_changelist"),
        {"action": "opnieuw_versturen", "_selected_action": [notificatie.pk]},
        follow=True,
    )

    html = response.content.decode()
    assert "1 notificatie(s) staan opnieuw klaar om te versturen." in html
    assert afwezig(html, GEHEIM) == []


def test_superuser_leest_de_inhoud_op_de_pagina_niet_in_de_lijst(admin_client, notificatie):
    detail = reverse("admin:notificaties_notificatie_change", args=[notificatie.pk])

    pagina = admin_client.get(detail).content.decode()
    lijst = admin_client.get(reverse("admin:notificaties_notificatie_changelist")).content.decode()

    assert ONDERWERP in pagina
    assert TEKST in pagina
    assert PAD in pagina
    assert detail in lijst
    assert afwezig(lijst, GEHEIM) == []


@pytest.mark.parametrize("wie", ["beheerder", "superuser"])
def test_niemand_verwijdert_een_notificatie(client, beheerder, admin_user, notificatie, wie):
    client.force_login(beheerder if wie == "beheerder" else admin_user)
    verwijder = reverse("admin:notificaties_notificatie_delete", args=[notificatie.pk])
    lijst = reverse("admin:notificaties_notificatie_changelist")

    assert client.get(verwijder).status_code == 403
    assert client.post(verwijder, {"post": "yes"}).status_code == 403
    assert 'value="delete_selected"' not in client.get(lijst).content.decode()
    client.post(
        lijst,
        {"action": "delete_selected", "_selected_action": [notificatie.pk], "post": "yes"},
    )

    assert Notificatie.objects.filter(pk=notificatie.pk).exists()


def test_daarom_verwijdert_ook_de_superuser_geen_account_dat_mail_kreeg(admin_client, notificatie):
    verwijder = reverse("admin:accounts_gebruiker_delete", args=[notificatie.ontvanger_id])

    assert admin_client.post(verwijder, {"post": "yes"}).status_code == 403
    assert Notificatie.objects.filter(pk=notificatie.pk).exists()


# --- Leerlingen: name, school and groep; no birth date, address or telephone ------------------


def test_beheerder_ziet_naam_school_en_groep_maar_geen_adres_of_telefoon(
    client, beheerder, leerling
):
    client.force_login(beheerder)
    lijst = reverse("admin:leerlingen_leerling_changelist")
    detail = reverse("admin:leerlingen_leerling_change", args=[leerling.pk])

    pagina = client.get(detail).content.decode()
    assert "Daan Willemsen" in pagina
    assert "OBS De Regenboog" in pagina
    assert "groep 6" in pagina
    assert afwezig(pagina, GEHEIM_LEERLING) == []
    html = client.get(lijst).content.decode()
    assert detail in html
    assert afwezig(html, GEHEIM_LEERLING) == []
    for zoek in ("Zeekraalstraat", "3241", "654321", "Goedereedeplaats"):
        gevonden = client.get(lijst, {"q": zoek}).content.decode()
        assert detail not in gevonden, zoek
    assert detail in client.get(lijst, {"q": "Willemsen"}).content.decode()


@pytest.mark.parametrize(
    "filter_",
    [
        {"straat_huisnummer__icontains": "Zeekraal"},
        {"postcode__startswith": "3241"},
        {"woonplaats__exact": "Goedereedeplaats"},
        {"telefoon_ouder_1__startswith": "0187"},
        {"telefoon_ouder_2__contains": "987"},
        {"geboortedatum__year": "2013"},
        {"hulpvragen__titel__icontains": "a"},
    ],
)
def test_geen_filter_in_de_url_op_verborgen_gegevens(client, beheerder, leerling, filter_):
    client.force_login(beheerder)
    lijst = reverse("admin:leerlingen_leerling_changelist")

    assert client.get(lijst, filter_).status_code == 400
    assert client.get(lijst, {"groep_leerjaar": "groep 6"}).status_code == 200


def test_beheerder_verhuist_leerling_naar_andere_school_en_dat_staat_in_het_logboek(
    client, beheerder, leerling, po
):
    andere = OrganisatieFactory(omgeving=po, naam="CBS Het Anker")
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:leerlingen_leerling_change", args=[leerling.pk]),
        {"school": andere.pk, "groep_leerjaar": "groep 7", "telefoon_ouder_1": "0612345678"},
    )

    assert response.status_code == 302
    leerling.refresh_from_db()
    assert (leerling.school, leerling.groep_leerjaar) == (andere, "groep 7")
    assert (leerling.straat_huisnummer, leerling.telefoon_ouder_1) == (ADRES[0], TELEFOON[0])
    assert list(Logregel.objects.values_list("actie", "leerling_id", "gebruiker_id")) == [
        (Actie.BEHEER_GEWIJZIGD, leerling.pk, beheerder.pk)
    ]


def test_beheerder_voegt_geen_leerling_toe_en_verwijdert_er_geen(client, beheerder, leerling):
    client.force_login(beheerder)

    assert client.get(reverse("admin:leerlingen_leerling_add")).status_code == 403
    verwijder = reverse("admin:leerlingen_leerling_delete", args=[leerling.pk])
    assert client.post(verwijder, {"post": "yes"}).status_code == 403
    assert Leerling.objects.filter(pk=leerling.pk).exists()


# --- An id outside one's reach answers as a missing id -----------------------------------------


@pytest.fixture
def buiten_bereik(vo):
    """A hulpvraag with its leerling, a mail and a round, all in VO2805."""
    hulpvraag = HulpvraagFactory(leerling__school=OrganisatieFactory(omgeving=vo))
    return {
        "hulpvragen_hulpvraag": hulpvraag,
        "leerlingen_leerling": hulpvraag.leerling,
        "notificaties_notificatie": mail(vo, hulpvraag.coordinator),
        "overleg_overlegronde": Overlegronde.objects.create(
            hulpvraag=hulpvraag,
            titel="Meekijken",
            omschrijving="Graag uw blik",
            einddatum=datetime.date(2026, 12, 1),
            aangemaakt_door=hulpvraag.coordinator,
        ),
    }


def antwoord(response):
    return response.status_code, response.get("Location")


@pytest.mark.parametrize(
    "model",
    [
        "hulpvragen_hulpvraag",
        "leerlingen_leerling",
        "notificaties_notificatie",
        "overleg_overlegronde",
    ],
)
@pytest.mark.parametrize("pagina", ["change", "history", "delete"])
@pytest.mark.parametrize("methode", ["get", "post"])
def test_bestaand_id_buiten_bereik_antwoordt_als_ontbrekend_id(
    client, beheerder, buiten_bereik, model, pagina, methode
):
    client.force_login(beheerder)
    bestaand = buiten_bereik[model].pk
    assert bestaand != ONBEKEND_ID

    def vraag(pk):
        url = reverse(f"admin:{model}_{pagina}", args=[pk])
        return antwoord(getattr(client, methode)(url, {"post": "yes"} if methode == "post" else {}))

    assert vraag(bestaand) == vraag(ONBEKEND_ID)
    assert vraag(bestaand)[0] in (302, 403)


@pytest.mark.parametrize(
    "model", ["hulpvragen_hulpvraag", "leerlingen_leerling", "notificaties_notificatie"]
)
def test_ook_de_bekijk_op_site_route_verraadt_niets(client, beheerder, buiten_bereik, model):
    client.force_login(beheerder)
    obj = buiten_bereik[model]
    soort = ContentType.objects.get_for_model(obj).pk

    bestaand = client.get(reverse("admin:view_on_site", args=[soort, obj.pk]))
    ontbrekend = client.get(reverse("admin:view_on_site", args=[soort, ONBEKEND_ID]))

    assert antwoord(bestaand) == antwoord(ontbrekend) == (404, None)


def test_geschiedenis_van_een_hulpvraag_zoals_de_tester_hem_vond(client, beheerder, buiten_bereik):
    client.force_login(beheerder)
    hulpvraag = buiten_bereik["hulpvragen_hulpvraag"]

    bestaand = client.get(f"/beheer/hulpvragen/hulpvraag/{hulpvraag.pk}/history/")
    ontbrekend = client.get(f"/beheer/hulpvragen/hulpvraag/{ONBEKEND_ID}/history/")

    assert antwoord(bestaand) == antwoord(ontbrekend) == (302, "/beheer/")


# --- Every look at case content in the beheer is logged ----------------------------------------


@pytest.mark.parametrize(
    ("model", "verwacht"),
    [
        ("hulpvragen_hulpvraag", lambda o: (o.pk, o.leerling_id, "", None)),
        ("leerlingen_leerling", lambda o: (None, o.pk, "", None)),
        ("notificaties_notificatie", lambda o: (None, None, "notificatie", o.pk)),
        (
            "overleg_overlegronde",
            lambda o: (o.hulpvraag_id, o.hulpvraag.leerling_id, "overlegronde", o.pk),
        ),
    ],
)
def test_superuser_bekijkt_een_pagina_en_dat_is_een_regel_in_het_logboek(
    admin_client, admin_user, buiten_bereik, model, verwacht
):
    obj = buiten_bereik[model]
    admin_client.get(reverse(f"admin:{model}_changelist"))
    assert not Logregel.objects.exists()  # a list shows no content

    response = admin_client.get(reverse(f"admin:{model}_change", args=[obj.pk]))

    assert response.status_code == 200
    regel = Logregel.objects.get()
    assert regel.actie == Actie.BEHEER_BEKEKEN
    assert (regel.hulpvraag_id, regel.leerling_id, regel.onderwerp_soort, regel.onderwerp_id) == (
        verwacht(obj)
    )
    assert (regel.gebruiker_id, regel.rol) == (admin_user.pk, "superuser")


def test_beheerder_die_een_mail_opent_staat_ook_in_het_logboek(client, beheerder, notificatie):
    client.force_login(beheerder)

    client.get(reverse("admin:notificaties_notificatie_change", args=[notificatie.pk]))

    assert list(
        Logregel.objects.values_list("actie", "onderwerp_soort", "onderwerp_id", "gebruiker_id")
    ) == [(Actie.BEHEER_BEKEKEN, "notificatie", notificatie.pk, beheerder.pk)]


def test_superuser_zoekt_hulpvraag_op_nummer_zonder_titel_in_de_lijst(admin_client, buiten_bereik):
    hulpvraag = buiten_bereik["hulpvragen_hulpvraag"]
    detail = reverse("admin:hulpvragen_hulpvraag_change", args=[hulpvraag.pk])
    lijst = reverse("admin:hulpvragen_hulpvraag_changelist")

    html = admin_client.get(lijst, {"q": f"HV-{hulpvraag.pk:05d}"}).content.decode()

    assert detail in html
    assert hulpvraag.titel not in html
    assert hulpvraag.leerling.achternaam not in html
    assert detail not in admin_client.get(lijst, {"q": hulpvraag.titel}).content.decode()


def test_toegang_herberekenen_in_het_beheer_is_een_wijziging_in_het_logboek(
    admin_client, buiten_bereik
):
    hulpvraag = buiten_bereik["hulpvragen_hulpvraag"]

    admin_client.post(
        reverse("admin:hulpvragen_hulpvraag_changelist"),
        {"action": "toegang_opnieuw_berekenen", "_selected_action": [hulpvraag.pk]},
    )

    assert list(Logregel.objects.values_list("actie", "hulpvraag_id", "leerling_id")) == [
        (Actie.BEHEER_GEWIJZIGD, hulpvraag.pk, hulpvraag.leerling_id)
    ]

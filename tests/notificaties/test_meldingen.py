"""The Meldingen page and the link in a mail."""

import pytest
from django.db import connection, transaction
from django.urls import reverse

from notificaties.catalogus import Soort, voorbeeld_context
from notificaties.models import Notificatie
from notificaties.services import maak_notificatie
from tests.inloggen import log_in

pytestmark = pytest.mark.django_db


def melding(ontvanger, omgeving, pad="/leerlingen/", soort=Soort.COORDINATOR_GEWIJZIGD, **ctx):
    with transaction.atomic():
        return maak_notificatie(
            ontvanger=ontvanger,
            omgeving=omgeving,
            soort=soort,
            context={**voorbeeld_context(soort), **ctx},
            pad=pad,
        )


def test_meldingen_nieuwste_bovenaan_ongelezen_gemarkeerd(client, ib, po):
    oud = melding(ib, po, leerling_naam="Sem Bos")
    nieuw = melding(ib, po, leerling_naam="Lotte van Dijk")
    oud.gelezen_op = oud.aangemaakt_op
    oud.save()
    client.force_login(ib)

    html = client.get(reverse("notificaties:meldingen")).content.decode()

    assert html.index("Lotte van Dijk") < html.index("Sem Bos")
    assert html.count("kk-ongelezen") == 1
    assert f'href="/meldingen/{nieuw.pk}/"' in html
    assert '1<span class="kk-visueel-verborgen"> ongelezen</span>' in html


def test_meldingen_van_een_ander_of_andere_omgeving_niet_zichtbaar(client, ib, po, vo, maak_lid):
    ander = maak_lid(po, "regierolhouder")
    melding(ander, po, leerling_naam="Geheim Kind")
    maak_lid(vo, "ib_coo", gebruiker=ib)
    melding(ib, vo, leerling_naam="Emma Koster")
    client.force_login(ib)
    client.post(reverse("accounts:kies_omgeving"), {"omgeving": po.pk})

    html = client.get(reverse("notificaties:meldingen")).content.decode()

    assert "Geheim Kind" not in html
    assert "Emma Koster" not in html


def test_link_uit_de_mail_via_inloggen_naar_de_pagina(client, ib, po):
    notificatie = melding(ib, po, pad="/leerlingen/")
    pad = notificatie.link.removeprefix("http://127.0.0.1:8000")

    response = client.get(pad)
    assert response.status_code == 302
    login = response["Location"]
    assert login == f"{reverse('accounts:login')}?next={pad}"

    response = log_in(client, ib, "geheim-wachtwoord-123", next=pad, url=login)
    assert response["Location"] == pad
    response = client.get(pad)
    assert response["Location"] == "/leerlingen/"
    notificatie.refresh_from_db()
    assert notificatie.gelezen_op is not None


def test_link_wisselt_naar_de_omgeving_van_de_melding(client, ib, po, vo, maak_lid):
    maak_lid(vo, "ib_coo", gebruiker=ib)
    notificatie = melding(ib, vo, pad="/")
    client.force_login(ib)
    client.post(reverse("accounts:kies_omgeving"), {"omgeving": po.pk})

    client.get(reverse("notificaties:open", args=[notificatie.pk]))

    assert client.session["omgeving_id"] == vo.pk


def test_link_van_een_ander_geeft_404(client, ib, po, maak_lid):
    notificatie = melding(ib, po)
    client.force_login(maak_lid(po, "regierolhouder"))

    assert client.get(reverse("notificaties:open", args=[notificatie.pk])).status_code == 404
    notificatie.refresh_from_db()
    assert notificatie.gelezen_op is None


def test_alles_gelezen(client, ib, po):
    melding(ib, po)
    melding(ib, po)
    client.force_login(ib)

    client.post(reverse("notificaties:alles_gelezen"))

    assert not Notificatie.objects.ongelezen().filter(ontvanger=ib).exists()


def test_meldingenpagina_kost_evenveel_queries_bij_weinig_en_veel(client, ib, po):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(ib)
    melding(ib, po)
    client.get(reverse("notificaties:meldingen"))
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("notificaties:meldingen"))
    for _ in range(30):
        melding(ib, po)
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("notificaties:meldingen"))

    assert len(veel) == len(weinig)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own catalogue")
def test_ongelezen_meldingen_per_soort_uit_een_gedeeltelijke_index():
    # The menu's unread count and Mijn acties' unread reacties read only the unread rows, by
    # person, omgeving and soort (a schakelfunctionaris has thousands of unread meldingen).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'notificatie_ongelezen_soort'"
        )
        (definitie,) = cursor.fetchone()

    assert "(ontvanger_id, omgeving_id, soort) WHERE (gelezen_op IS NULL)" in definitie

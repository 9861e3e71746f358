"""The parents of a leerling, kept current by the IB/COO of its school: add, correct, remove
(not when an answer of theirs is on record); nobody else reaches these pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from logboek.models import Logregel
from ouders import services
from ouders.models import Ouder, Toestemming
from tests.factories import LeerlingFactory

from .staf import soort, tekst

pytestmark = pytest.mark.django_db


def nieuw(gezin):
    return reverse("ouders:ouder_nieuw", args=[gezin["leerling"].pk])


def wijzigen(gezin, ouder):
    return reverse("ouders:ouder_wijzigen", args=[gezin["leerling"].pk, ouder.pk])


def verwijderen(gezin, ouder):
    return reverse("ouders:ouder_verwijderen", args=[gezin["leerling"].pk, ouder.pk])


def leerling_pagina(gezin):
    return reverse("leerlingen:detail", args=[gezin["leerling"].pk])


def test_de_leerlingpagina_toont_de_ouders_met_wat_de_ib_kan_doen(client, gezin):
    client.force_login(gezin["ib"])

    html = tekst(client.get(leerling_pagina(gezin)))

    assert '<h2 id="kop-leerling-ouders">Ouders/verzorgers</h2>' in html
    assert (
        '<td class="utrecht-table__cell">Fatima Bos</td> <td class="utrecht-table__cell">moeder'
        '</td> <td class="utrecht-table__cell">ja</td> <td class="utrecht-table__cell">'
        "fatima@thuis.test</td>"
    ) in html
    assert f'href="{wijzigen(gezin, gezin["moeder"])}"' in html
    assert f'href="{verwijderen(gezin, gezin["stiefvader"])}"' in html
    assert f'href="{nieuw(gezin)}"' in html


def test_de_ib_voegt_een_ouder_toe(client, gezin):
    client.force_login(gezin["ib"])
    assert client.get(nieuw(gezin)).status_code == 200

    response = client.post(
        nieuw(gezin),
        {"naam": "Ahmed Bos", "relatie": "vader", "email": "ahmed@thuis.test", "gezag": "on"},
    )

    assert response["Location"] == leerling_pagina(gezin) + "#ouders"
    ouder = Ouder.objects.get(naam="Ahmed Bos")
    assert (ouder.leerling, ouder.relatie, ouder.email, ouder.gezag, ouder.gewijzigd_door) == (
        gezin["leerling"],
        "vader",
        "ahmed@thuis.test",
        True,
        gezin["ib"],
    )
    assert [
        (r.actie, r.leerling_id, r.hulpvraag_id, r.onderwerp_soort, r.onderwerp_id)
        for r in Logregel.objects.order_by("pk")
    ] == [
        ("ouders_bekeken", gezin["leerling"].pk, None, "", None),
        ("ouders_gewijzigd", gezin["leerling"].pk, None, "ouder", ouder.pk),
    ]
    html = tekst(client.get(leerling_pagina(gezin)))
    assert "Ahmed Bos is toegevoegd als ouder/verzorger van Sem Bos." in html


def test_een_fout_zegt_wat_er_mist_en_houdt_wat_getypt_is(client, gezin):
    client.force_login(gezin["ib"])

    response = client.post(
        nieuw(gezin), {"naam": "Ahmed Bos", "relatie": "", "email": "ahmed@", "gezag": "on"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies de relatie tot de leerling." in html
    assert "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl." in html
    assert 'value="Ahmed Bos"' in html and 'value="ahmed@"' in html
    assert not Ouder.objects.filter(naam="Ahmed Bos").exists()
    assert not Logregel.objects.filter(actie="ouders_gewijzigd")


def test_de_ib_corrigeert_een_ouder(client, gezin):
    client.force_login(gezin["ib"])
    html = client.get(wijzigen(gezin, gezin["stiefvader"])).content.decode()
    assert 'value="kees@thuis.test"' in html

    client.post(
        wijzigen(gezin, gezin["stiefvader"]),
        {"naam": "Kees Dekker", "relatie": "pleegouder", "email": "kees@nieuw.test"},
    )

    gezin["stiefvader"].refresh_from_db()
    assert (gezin["stiefvader"].relatie, gezin["stiefvader"].email, gezin["stiefvader"].gezag) == (
        "pleegouder",
        "kees@nieuw.test",
        False,
    )
    regel = Logregel.objects.get(actie="ouders_gewijzigd")
    assert (regel.leerling_id, regel.onderwerp_id) == (gezin["leerling"].pk, gezin["stiefvader"].pk)
    bekeken = Logregel.objects.get(actie="ouders_bekeken")
    assert (bekeken.onderwerp_soort, bekeken.onderwerp_id) == ("ouder", gezin["stiefvader"].pk)


def test_de_ib_verwijdert_een_ouder_zonder_antwoorden(client, gezin):
    client.force_login(gezin["ib"])
    assert "Weet u zeker dat u Kees Dekker (verzorger) wilt verwijderen" in tekst(
        client.get(verwijderen(gezin, gezin["stiefvader"]))
    )

    response = client.post(verwijderen(gezin, gezin["stiefvader"]))

    assert response["Location"] == leerling_pagina(gezin) + "#ouders"
    assert not Ouder.objects.filter(pk=gezin["stiefvader"].pk).exists()
    regel = Logregel.objects.get(actie="ouders_gewijzigd")
    assert (regel.leerling_id, regel.onderwerp_id) == (gezin["leerling"].pk, gezin["stiefvader"].pk)
    assert "Kees Dekker is verwijderd als ouder/verzorger." in tekst(
        client.get(leerling_pagina(gezin))
    )


def test_een_ouder_met_een_antwoord_blijft_bewaard(client, gezin):
    services.registreer_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soort=soort("aanmelding"),
        besluit=Toestemming.Besluit.GEGEVEN,
        wijze=Toestemming.Wijze.MONDELING,
        op=timezone.now(),
    )
    client.force_login(gezin["ib"])

    response = client.post(verwijderen(gezin, gezin["moeder"]), follow=True)

    assert Ouder.objects.filter(pk=gezin["moeder"].pk).exists()
    assert (
        "Deze ouder/verzorger heeft een toestemming of zienswijze in een dossier en blijft daarom "
        "bewaard. Pas de gegevens aan als ze niet meer kloppen."
    ) in tekst(response)
    assert not Logregel.objects.filter(actie="ouders_gewijzigd")


@pytest.mark.parametrize("wie", ["regie", "olga", "andere_ib"])
def test_alleen_de_ib_van_de_school(client, gezin, wie):
    client.force_login(gezin[wie])
    moeder = gezin["moeder"]

    assert client.get(leerling_pagina(gezin)).status_code == 404
    assert client.get(nieuw(gezin)).status_code == 404
    assert client.post(nieuw(gezin), {"naam": "X", "relatie": "vader"}).status_code == 404
    assert client.get(wijzigen(gezin, moeder)).status_code == 404
    assert (
        client.post(wijzigen(gezin, moeder), {"naam": "X", "relatie": "vader"}).status_code == 404
    )
    assert client.post(verwijderen(gezin, moeder)).status_code == 404
    moeder.refresh_from_db()
    assert moeder.naam == "Fatima Bos"
    assert Ouder.objects.count() == 2
    assert not Logregel.objects.filter(gebruiker_id=gezin[wie].pk)


def test_een_ouder_van_een_ander_kind_via_deze_leerling_is_er_niet(client, gezin):
    ander = LeerlingFactory(school=gezin["school"], gecontroleerd_op=timezone.now())
    vreemde = Ouder.objects.create(leerling=ander, naam="Anna Vos", relatie="moeder")
    client.force_login(gezin["ib"])

    assert client.get(wijzigen(gezin, vreemde)).status_code == 404
    assert client.post(verwijderen(gezin, vreemde)).status_code == 404
    assert Ouder.objects.filter(pk=vreemde.pk).exists()


def test_de_controle_van_de_gegevens_bij_een_nieuwe_hulpvraag_toont_de_ouders(client, gezin):
    leerling = gezin["leerling"]
    leerling.gecontroleerd_op = None
    leerling.save()
    client.force_login(gezin["ib"])
    stap = reverse("hulpvragen:nieuw") + f"?leerling={leerling.pk}"

    html = tekst(client.get(stap))

    assert "Stap 2 van 3" in html
    assert "Fatima Bos" in html and "Kees Dekker" in html
    terug = f"?next=/hulpvragen/nieuw/%3Fleerling%3D{leerling.pk}"
    assert f'href="{nieuw(gezin)}{terug}"' in html
    # Adding a parent from there leads back to the check.
    response = client.post(
        nieuw(gezin),
        {
            "naam": "Ahmed Bos",
            "relatie": "vader",
            "next": f"/hulpvragen/nieuw/?leerling={leerling.pk}",
        },
    )
    assert response["Location"] == f"/hulpvragen/nieuw/?leerling={leerling.pk}"


def test_een_terugadres_buiten_de_site_wordt_genegeerd(client, gezin):
    client.force_login(gezin["ib"])

    response = client.post(
        nieuw(gezin), {"naam": "Ahmed Bos", "relatie": "vader", "next": "https://kwaad.test/"}
    )

    assert response["Location"] == leerling_pagina(gezin) + "#ouders"

"""The tab Ouders en leerling: for who sees the formulieren (the IB/COO, the coördinator, a
behandelaar), not for a deelnemer or anyone else; and the section Toestemming van ouders on the
tab Algemeen for everyone who sees the hulpvraag."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from logboek.models import Logregel
from ouders import services
from ouders.models import Toestemming, Toestemmingssoort

from .staf import NU, algemeen, ronde, soort, tab, tekst

pytestmark = pytest.mark.django_db


def test_de_ib_ziet_de_ouders_en_het_bezoek_staat_in_het_logboek(client, gezin):
    client.force_login(gezin["ib"])

    response = client.get(tab(gezin))

    assert response.status_code == 200
    html = tekst(response)
    assert (
        '<a href="/hulpvragen/{}/ouders/" aria-current="page">Ouders en leerling</a>'.format(
            gezin["hulpvraag"].pk
        )
        in html
    )
    assert (
        '<td class="utrecht-table__cell">Fatima Bos</td> <td class="utrecht-table__cell">moeder'
        '</td> <td class="utrecht-table__cell">ja</td> <td class="utrecht-table__cell">'
        "fatima@thuis.test</td>"
    ) in html
    assert (
        '<td class="utrecht-table__cell">Kees Dekker</td> <td class="utrecht-table__cell">'
        'verzorger</td> <td class="utrecht-table__cell">nee</td>'
    ) in html
    regel = Logregel.objects.get(hulpvraag_id=gezin["hulpvraag"].pk, actie="tab_bekeken")
    assert (regel.gebruiker_id, regel.leerling_id, regel.onderwerp_soort) == (
        gezin["ib"].pk,
        gezin["leerling"].pk,
        "tabblad:Ouders en leerling",
    )


def test_de_coordinator_ziet_de_tab_maar_registreert_niet(client, gezin):
    client.force_login(gezin["regie"])

    html = tekst(client.get(tab(gezin)))

    assert "Fatima Bos" in html
    assert "Toestemming registreren" not in html
    assert "Ouder uitnodigen voor toestemming" in html
    assert "De stem van de leerling vastleggen" in html


def test_een_deelnemer_krijgt_404_en_ziet_het_tabblad_niet(client, gezin):
    ronde(gezin, [gezin["extern"]])
    client.force_login(gezin["extern"])

    assert client.get(algemeen(gezin)).status_code == 200
    assert "Ouders en leerling" not in client.get(algemeen(gezin)).content.decode()
    assert client.get(tab(gezin)).status_code == 404
    assert not Logregel.objects.filter(actie="tab_bekeken", gebruiker_id=gezin["extern"].pk)


def test_wie_geen_toegang_heeft_krijgt_404(client, gezin):
    client.force_login(gezin["andere_ib"])

    assert client.get(tab(gezin)).status_code == 404
    assert client.get(algemeen(gezin)).status_code == 404
    assert not Logregel.objects.filter(gebruiker_id=gezin["andere_ib"].pk)


def test_een_andere_hulpvraag_toont_alleen_zijn_eigen_toestemmingen(client, gezin):
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

    html = tekst(client.get(reverse("ouders:tab", args=[gezin["andere_hulpvraag"].pk])))

    assert "Er is nog geen toestemming vastgelegd." in html
    assert "Fatima Bos" not in html  # Lotte's parents are not Sem's


# --- The tab Algemeen ------------------------------------------------------------------------


@pytest.fixture
def gegeven(gezin):
    """Fatima gave consent for the aanmelding on paper, registered by Inge on 13 March."""
    with time_machine.travel(NU, tick=False):
        return services.registreer_toestemming(
            door=gezin["ib"],
            hulpvraag=gezin["hulpvraag"],
            ouder=gezin["moeder"],
            soort=soort("aanmelding"),
            besluit=Toestemming.Besluit.GEGEVEN,
            wijze=Toestemming.Wijze.OP_PAPIER,
            op=NU.replace(day=13),
        )


@pytest.mark.parametrize("wie", ["ib", "regie", "extern"])
def test_algemeen_toont_de_toestemming_aan_wie_de_hulpvraag_ziet(client, gezin, gegeven, wie):
    ronde(gezin, [gezin["extern"]])
    client.force_login(gezin[wie])

    html = tekst(client.get(algemeen(gezin)))

    assert '<h2 id="kop-toestemming-ouders">Toestemming van ouders</h2>' in html
    assert (
        "<h3>Aanmelding bij het Team Schoolondersteuning</h3> "
        "<p>Toestemming gegeven door Fatima Bos.</p>"
    ) in html
    assert (
        "Fatima Bos (moeder): <strong>toestemming gegeven</strong> op 13 maart 2026, op papier, "
        "geregistreerd door de school (Inge Bakker)."
    ) in html
    assert (
        "<h3>Delen van het dossier met deelnemers van een overlegronde</h3> "
        "<p>Nog geen antwoord van een ouder/verzorger met gezag.</p>"
    ) in html
    naar_tab = "Toestemming vragen of registreren op het tabblad Ouders en leerling"
    assert (naar_tab in html) is (wie != "extern")


def test_algemeen_noemt_een_ingetrokken_toestemming_met_datum(client, gezin, gegeven):
    with time_machine.travel(NU.replace(day=17), tick=False):
        services.trek_in(toestemming=gegeven, door=gezin["ib"], wijze=Toestemming.Wijze.MONDELING)
    client.force_login(gezin["regie"])

    html = tekst(client.get(algemeen(gezin)))

    assert "<p>Geen toestemming: Fatima Bos heeft de toestemming ingetrokken.</p>" in html
    assert (
        "Fatima Bos (moeder): <strong>toestemming gegeven</strong> op 13 maart 2026, op papier, "
        "geregistreerd door de school (Inge Bakker); <strong>ingetrokken</strong> op 17 maart "
        "2026, mondeling, geregistreerd door de school (Inge Bakker)."
    ) in html


def test_algemeen_toont_ook_de_eigen_soorten_van_de_omgeving(client, gezin):
    Toestemmingssoort.objects.create(
        omgeving=gezin["omgeving"],
        code="foto",
        naam="Foto's in het dossier",
        uitleg="Foto's van het werk van uw kind.",
        volgorde=30,
    )
    Toestemmingssoort.objects.create(
        omgeving=gezin["omgeving"],
        code="uit",
        naam="Een soort die uit staat",
        uitleg="—",
        actief=False,
    )
    client.force_login(gezin["ib"])

    html = tekst(client.get(algemeen(gezin)))

    assert "<h3>Foto&#x27;s in het dossier</h3>" in html
    assert "Een soort die uit staat" not in html


def test_de_pagina_algemeen_blijft_bij_een_paar_queries(
    client, gezin, gegeven, django_assert_max_num_queries
):
    client.force_login(gezin["ib"])
    client.get(algemeen(gezin))  # the session and the omgeving are settled

    with django_assert_max_num_queries(40) as zonder:
        client.get(algemeen(gezin))
    for _ in range(5):
        services.registreer_toestemming(
            door=gezin["ib"],
            hulpvraag=gezin["hulpvraag"],
            ouder=gezin["moeder"],
            soort=soort("delen"),
            besluit=Toestemming.Besluit.GEWEIGERD,
            wijze=Toestemming.Wijze.MONDELING,
            op=timezone.now(),
        )

    # More records cost no query more: the section reads the soorten and the records once.
    with django_assert_max_num_queries(len(zonder.captured_queries)):
        client.get(algemeen(gezin))

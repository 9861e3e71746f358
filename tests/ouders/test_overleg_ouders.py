"""Overlegrondes and parents: with the omgeving's setting on, no round with a deelnemer from
outside the school and the SWV without the parents' consent for sharing (the page says what is
missing); and a parent invited into an open round, as the tab Overlegronde shows it."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from logboek.models import Logregel
from ouders import services
from ouders.models import Toestemming, Uitnodiging
from overleg.models import Overlegronde

from .staf import NU, ronde, soort, tekst

pytestmark = pytest.mark.django_db

UITLEG = (
    "Voor deelnemers van buiten de school en het samenwerkingsverband is toestemming van de "
    "ouders nodig voor het delen van het dossier. Die is er nog niet: vraag die aan via het "
    "tabblad Ouders en leerling."
)
GEWEIGERD = (
    "Eva Smit werkt niet bij de school of het samenwerkingsverband. Daarvoor is toestemming van "
    "de ouders nodig voor het delen van het dossier, en die is er niet. Vraag die aan via het "
    "tabblad Ouders en leerling, of kies alleen deelnemers van de school of het "
    "samenwerkingsverband."
)


@pytest.fixture(autouse=True)
def _op_maandag_16_maart():
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def verplicht(gezin):
    gezin["omgeving"].toestemming_voor_delen_verplicht = True
    gezin["omgeving"].save()


def nieuw(gezin):
    return reverse("overleg:nieuw", args=[gezin["hulpvraag"].pk])


def opslaan(client, gezin, *deelnemers):
    return client.post(
        nieuw(gezin),
        {
            "actie": "opslaan",
            "titel": "Meekijken thuis",
            "omschrijving": "Kijk mee",
            "einddatum": "2026-03-23",
            "deelnemers": [d.pk for d in deelnemers],
        },
    )


def delen(gezin, besluit=Toestemming.Besluit.GEGEVEN):
    return services.registreer_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soort=soort("delen"),
        besluit=besluit,
        wijze=Toestemming.Wijze.OP_PAPIER,
        op=timezone.now(),
    )


def test_zonder_toestemming_geweigerd_en_de_pagina_zegt_wat_er_mist(client, gezin, verplicht):
    client.force_login(gezin["regie"])

    assert UITLEG in tekst(client.get(nieuw(gezin)))
    response = opslaan(client, gezin, gezin["extern"])

    assert response.status_code == 200
    html = tekst(response)
    assert UITLEG in html
    assert f'<ul class="errorlist" id="deelnemers-fout"><li>{GEWEIGERD}</li></ul>' in html
    assert 'value="Meekijken thuis"' in html  # nothing typed is lost
    assert not Overlegronde.objects.exists()


def test_met_toestemming_voor_delen_mag_het(client, gezin, verplicht, mailoutbox):
    delen(gezin)
    client.force_login(gezin["regie"])

    assert UITLEG not in tekst(client.get(nieuw(gezin)))
    response = opslaan(client, gezin, gezin["extern"])

    assert response.status_code == 302
    assert [d.deelnemer for d in Overlegronde.objects.get().deelnames.all()] == [gezin["extern"]]


def test_geweigerd_of_ingetrokken_telt_niet(client, gezin, verplicht):
    toestemming = delen(gezin)
    services.trek_in(toestemming=toestemming, door=gezin["ib"], wijze="mondeling")
    client.force_login(gezin["regie"])

    assert GEWEIGERD in tekst(opslaan(client, gezin, gezin["extern"]))
    delen(gezin, besluit=Toestemming.Besluit.GEWEIGERD)
    assert GEWEIGERD in tekst(opslaan(client, gezin, gezin["extern"]))
    assert not Overlegronde.objects.exists()


def test_zonder_de_instelling_mag_het_zonder_toestemming(client, gezin):
    client.force_login(gezin["regie"])

    assert UITLEG not in tekst(client.get(nieuw(gezin)))
    assert opslaan(client, gezin, gezin["extern"]).status_code == 302
    assert Overlegronde.objects.count() == 1


def test_school_en_swv_mogen_zonder_toestemming(client, gezin, verplicht):
    client.force_login(gezin["regie"])

    response = opslaan(client, gezin, gezin["olga"], gezin["ib"])

    assert response.status_code == 302
    assert {d.deelnemer for d in Overlegronde.objects.get().deelnames.all()} == {
        gezin["olga"],
        gezin["ib"],
    }


# --- A parent in an overlegronde ---------------------------------------------------------------


def ouder_in(gezin, ronde_):
    return reverse("ouders:overleg_uitnodigen", args=[gezin["hulpvraag"].pk, ronde_.pk])


def overleg_tab(gezin):
    return reverse("overleg:tab", args=[gezin["hulpvraag"].pk])


def test_de_maker_nodigt_de_moeder_uit_voor_de_overlegronde(
    client, gezin, mailoutbox, django_capture_on_commit_callbacks
):
    r = ronde(gezin, [gezin["extern"]])
    mailoutbox.clear()
    client.force_login(gezin["regie"])
    assert "Ouder uitnodigen" in client.get(overleg_tab(gezin)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ouder_in(gezin, r),
            {f"ouder-{r.pk}-ouder": gezin["moeder"].pk, f"ouder-{r.pk}-bericht": "Welkom"},
        )

    assert response["Location"] == overleg_tab(gezin) + f"#ronde-{r.pk}"
    uitnodiging = Uitnodiging.objects.get()
    assert (uitnodiging.doel, uitnodiging.overlegronde, uitnodiging.geldig_tot) == (
        "overleg",
        r,
        datetime.date(2026, 3, 23),
    )
    (mail,) = mailoutbox
    assert mail.to == ["fatima@thuis.test"]
    assert mail.subject == "Lees mee over Sem: Meekijken thuis"
    assert "Welkom" in mail.body
    regel = Logregel.objects.get(actie="ouder_uitgenodigd")
    assert (regel.onderwerp_soort, regel.onderwerp_id) == ("uitnodiging", uitnodiging.pk)
    html = tekst(client.get(overleg_tab(gezin)))
    assert (
        "De uitnodiging is gemaild aan Fatima Bos (fatima@thuis.test). De ouder kan meelezen en "
        "reageren tot en met 23 maart 2026."
    ) in html
    assert (
        "<h4>Ouders/verzorgers</h4> <ul> <li>Fatima Bos (moeder) — loopt tot en met 23 maart 2026 "
        "· link nog niet gebruikt </li>"
    ) in html


def test_twee_keer_uitnodigen_zegt_dat_het_al_gebeurd_is(client, gezin):
    r = ronde(gezin, [gezin["extern"]])
    client.force_login(gezin["regie"])
    data = {f"ouder-{r.pk}-ouder": gezin["moeder"].pk, f"ouder-{r.pk}-bericht": "Nog eens"}
    client.post(ouder_in(gezin, r), data)

    response = client.post(ouder_in(gezin, r), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze ouder is al uitgenodigd voor deze overlegronde." in html
    assert "Nog eens</textarea>" in html
    assert Uitnodiging.objects.count() == 1
    assert Logregel.objects.filter(actie="overlegronde_bekeken").count() == 1


def test_wie_geen_rondes_opent_nodigt_geen_ouder_uit(client, gezin):
    r = ronde(gezin, [gezin["extern"]])
    data = {f"ouder-{r.pk}-ouder": gezin["moeder"].pk}
    for wie in ("ib", "extern"):
        client.force_login(gezin[wie])
        assert "Ouder uitnodigen" not in client.get(overleg_tab(gezin)).content.decode()
        assert client.post(ouder_in(gezin, r), data).status_code == 403
    client.force_login(gezin["andere_ib"])
    assert client.post(ouder_in(gezin, r), data).status_code == 404
    assert not Uitnodiging.objects.exists()


def test_in_een_gesloten_ronde_geen_ouder_meer(client, gezin):
    r = ronde(gezin, [gezin["extern"]])
    client.force_login(gezin["regie"])
    client.post(reverse("overleg:sluiten", args=[gezin["hulpvraag"].pk, r.pk]))

    assert "Ouder uitnodigen" not in client.get(overleg_tab(gezin)).content.decode()
    response = client.post(ouder_in(gezin, r), {f"ouder-{r.pk}-ouder": gezin["moeder"].pk})
    assert response.status_code == 403


def test_de_zienswijze_van_de_ouder_in_de_ronde(client, gezin):
    r = ronde(gezin, [gezin["extern"]])
    uitnodiging = services.nodig_uit_voor_overleg(
        door=gezin["regie"], overlegronde=r, ouder=gezin["moeder"]
    )
    services.plaats_zienswijze(uitnodiging=uitnodiging, tekst="Thuis gaat het beter.")

    client.force_login(gezin["regie"])  # maker and coördinator: reads all reacties
    html = tekst(client.get(overleg_tab(gezin)))
    assert "<h4>Zienswijzen van ouders</h4>" in html
    assert "<p>Thuis gaat het beter.</p> <footer>Fatima Bos (moeder), 16 maart 2026 12:00" in html
    assert (
        "Thuis gaat het beter."
        in client.get(reverse("ouders:tab", args=[gezin["hulpvraag"].pk])).content.decode()
    )

    client.force_login(gezin["extern"])  # a deelnemer: neither the parents nor what they wrote
    html = tekst(client.get(overleg_tab(gezin)))
    assert "Thuis gaat het beter." not in html
    assert "Fatima Bos" not in html

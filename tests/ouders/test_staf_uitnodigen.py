"""The IB/COO or the regierolhouder asks a parent by mail for consent: the mail goes to the
parent's address, its link is nowhere stored; the invitation's state is on the tab, and it can
be stopped."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from logboek.models import Logregel
from notificaties.models import Notificatie
from ouders import links
from ouders.models import Toestemming, Uitnodiging

from .staf import NU, soort, tab, tekst

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _op_maandag_16_maart(settings):
    settings.OUDER_UITNODIGING_DAGEN = 14
    with time_machine.travel(NU, tick=False):
        yield


def uitnodigen(gezin):
    return reverse("ouders:uitnodigen", args=[gezin["hulpvraag"].pk])


def gegevens(gezin, **anders):
    data = {
        "uitnodiging-ouder": gezin["moeder"].pk,
        "uitnodiging-soorten": [soort("aanmelding").pk, soort("delen").pk],
        "uitnodiging-bericht": "Zoals besproken op school.",
    }
    data.update({f"uitnodiging-{k}": v for k, v in anders.items()})
    return data


def test_de_ib_mailt_de_moeder_een_uitnodiging(
    client, gezin, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(gezin["ib"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(uitnodigen(gezin), gegevens(gezin))

    assert response["Location"] == tab(gezin) + "#uitnodigingen"
    uitnodiging = Uitnodiging.objects.get()
    assert (uitnodiging.ouder, uitnodiging.aangemaakt_door, uitnodiging.geldig_tot) == (
        gezin["moeder"],
        gezin["ib"],
        datetime.date(2026, 3, 30),
    )
    (mail,) = mailoutbox
    assert mail.to == ["fatima@thuis.test"]
    assert mail.subject == "Wij vragen uw toestemming: hulp voor Sem"
    assert "- Aanmelding bij het Team Schoolondersteuning\n" in mail.body
    assert "- Delen van het dossier met deelnemers van een overlegronde\n" in mail.body
    assert "Zoals besproken op school." in mail.body
    assert links.link(uitnodiging) in mail.body
    # The outbox holds the mail without its secret.
    rij = Notificatie.objects.get(soort="ouder_toestemming")
    assert (rij.ontvanger, rij.adres, rij.naam) == (None, "fatima@thuis.test", "Fatima Bos")
    for veld in (rij.tekst, rij.html, rij.link, rij.pad, rij.onderwerp):
        assert links.token(uitnodiging) not in veld
    regel = Logregel.objects.get(actie="ouder_uitgenodigd")
    assert (regel.hulpvraag_id, regel.onderwerp_soort, regel.onderwerp_id) == (
        gezin["hulpvraag"].pk,
        "uitnodiging",
        uitnodiging.pk,
    )

    html = tekst(client.get(tab(gezin)))
    assert (
        "De uitnodiging is gemaild aan Fatima Bos (fatima@thuis.test). De link in de mail werkt "
        "tot en met 30 maart 2026."
    ) in html
    assert (
        "Fatima Bos — toestemming voor Aanmelding bij het Team Schoolondersteuning, Delen van het "
        "dossier met deelnemers van een overlegronde — uitgenodigd op 16 maart 2026 door Inge "
        "Bakker — loopt tot en met 30 maart 2026 · link nog niet gebruikt"
    ) in html


def test_de_regierolhouder_mag_ook_uitnodigen(client, gezin, mailoutbox):
    client.force_login(gezin["regie"])

    response = client.post(uitnodigen(gezin), gegevens(gezin, soorten=[soort("delen").pk]))

    assert response.status_code == 302
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.aangemaakt_door == gezin["regie"]
    assert [s.code for s in uitnodiging.soorten.all()] == ["delen"]


@pytest.mark.parametrize(
    ("anders", "melding"),
    [
        # The stepfather has no gezag: he is not offered.
        ({"ouder": "stiefvader"}, "Kies een ouder/verzorger met gezag en een e-mailadres."),
        ({"soorten": []}, "Kies waarvoor u toestemming vraagt."),
        ({"bericht": "x" * 5001}, "Gebruik hoogstens 5.000 tekens (u gebruikte 5.001)."),
    ],
)
def test_een_fout_zegt_wat_er_mist(client, gezin, mailoutbox, anders, melding):
    if anders.get("ouder") == "stiefvader":
        anders["ouder"] = gezin["stiefvader"].pk
    client.force_login(gezin["ib"])

    response = client.post(uitnodigen(gezin), gegevens(gezin, **anders))

    assert response.status_code == 200
    html = response.content.decode()
    assert melding in html
    if "bericht" not in anders:
        assert "Zoals besproken op school.</textarea>" in html
    assert not Uitnodiging.objects.exists()
    assert mailoutbox == []


def test_zonder_e_mailadres_geen_uitnodiging(client, gezin):
    gezin["moeder"].email = ""
    gezin["moeder"].save()
    client.force_login(gezin["ib"])

    html = tekst(client.get(tab(gezin)))

    assert (
        "Er is geen ouder/verzorger met gezag en een e-mailadres. De IB/COO van de school vult "
        "die in op de pagina van de leerling."
    ) in html
    response = client.post(uitnodigen(gezin), gegevens(gezin))
    assert "Kies een ouder/verzorger met gezag en een e-mailadres." in response.content.decode()


def test_stoppen_maakt_de_link_ongeldig(client, gezin):
    client.force_login(gezin["ib"])
    client.post(uitnodigen(gezin), gegevens(gezin))
    uitnodiging = Uitnodiging.objects.get()
    client.force_login(gezin["regie"])

    response = client.post(
        reverse("ouders:uitnodiging_stoppen", args=[gezin["hulpvraag"].pk, uitnodiging.pk])
    )

    assert response["Location"] == tab(gezin) + "#uitnodigingen"
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op == NU
    assert not uitnodiging.loopt()
    regel = Logregel.objects.get(actie="uitnodiging_gestopt")
    assert (regel.gebruiker_id, regel.onderwerp_soort, regel.onderwerp_id) == (
        gezin["regie"].pk,
        "uitnodiging",
        uitnodiging.pk,
    )
    html = tekst(client.get(tab(gezin)))
    assert "De uitnodiging aan Fatima Bos is gestopt: de link werkt niet meer." in html
    assert "— gestopt op 16 maart 2026" in html
    assert "Stoppen" not in html


def test_de_stand_van_een_uitnodiging(client, gezin):
    client.force_login(gezin["ib"])
    client.post(uitnodigen(gezin), gegevens(gezin))
    uitnodiging = Uitnodiging.objects.get()
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
        link_gebruikt_op=NU + datetime.timedelta(hours=3)
    )

    html = tekst(client.get(tab(gezin)))
    assert "loopt tot en met 30 maart 2026 · link gebruikt op 16 maart 2026 15:00" in html

    with time_machine.travel(NU + datetime.timedelta(days=15), tick=False):
        client.force_login(gezin["ib"])
        html = tekst(client.get(tab(gezin)))
    assert "— verlopen na 30 maart 2026 · link gebruikt op 16 maart 2026 15:00" in html
    assert "Stoppen" not in html


def test_een_uitnodiging_van_een_andere_hulpvraag_is_er_niet(client, gezin):
    client.force_login(gezin["ib"])
    client.post(uitnodigen(gezin), gegevens(gezin))
    uitnodiging = Uitnodiging.objects.get()

    response = client.post(
        reverse("ouders:uitnodiging_stoppen", args=[gezin["andere_hulpvraag"].pk, uitnodiging.pk])
    )

    assert response.status_code == 404
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op is None


def test_twee_keer_versturen_mailt_de_ouder_een_keer(
    client, gezin, mailoutbox, django_capture_on_commit_callbacks
):
    # A double click (or the browser sending the form again) sends the page's one token twice.
    client.force_login(gezin["ib"])
    token = re.search(r'name="eenmalig" value="(\w+)"', client.get(tab(gezin)).content.decode())
    data = {**gegevens(gezin), "eenmalig": token.group(1)}

    with django_capture_on_commit_callbacks(execute=True):
        eerste = client.post(uitnodigen(gezin), data)
        tweede = client.post(uitnodigen(gezin), data)

    assert eerste["Location"] == tweede["Location"] == tab(gezin) + "#uitnodigingen"
    assert Uitnodiging.objects.count() == 1
    assert len(mailoutbox) == 1


def test_een_toestemming_twee_keer_versturen_legt_hem_een_keer_vast(client, gezin):
    client.force_login(gezin["ib"])
    token = re.search(r'name="eenmalig" value="(\w+)"', client.get(tab(gezin)).content.decode())
    data = {
        "toestemming-ouder": gezin["moeder"].pk,
        "toestemming-soort": soort("aanmelding").pk,
        "toestemming-besluit": "gegeven",
        "toestemming-wijze": "mondeling",
        "toestemming-datum": "2026-03-16",
        "eenmalig": token.group(1),
    }
    url = reverse("ouders:toestemming_registreren", args=[gezin["hulpvraag"].pk])

    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Toestemming.objects.filter(hulpvraag=gezin["hulpvraag"]).count() == 1

"""The inzage (AVG) of a leerling holds its parents, their consent, their zienswijzen and de stem
van de leerling; nothing of another child's parents."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from ouders import services
from ouders.models import Ouder, Toestemming, Toestemmingssoort

pytestmark = pytest.mark.django_db


def test_inzage_bevat_ouders_toestemming_zienswijze_en_stem(client, gezin):
    delen = Toestemmingssoort.objects.get(code="delen")
    moment = timezone.make_aware(datetime.datetime(2026, 11, 20, 14, 30))
    services.registreer_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soort=delen,
        besluit=Toestemming.Besluit.GEGEVEN,
        wijze=Toestemming.Wijze.MONDELING,
        op=moment,
        toelichting="Besproken bij het oudergesprek",
    )
    uitnodiging = services.nodig_uit_voor_toestemming(
        door=gezin["ib"], hulpvraag=gezin["hulpvraag"], ouder=gezin["moeder"], soorten=[delen]
    )
    services.plaats_zienswijze(uitnodiging=uitnodiging, tekst="Thuis gaat het beter met Sem.")
    services.leg_stem_vast(
        door=gezin["regie"],
        hulpvraag=gezin["hulpvraag"],
        gehoord_op=datetime.date(2026, 11, 18),
        hoe="tekening",
        wat="Sem wil graag bij zijn vriend in de klas blijven.",
    )
    Ouder.objects.create(
        leerling=gezin["andere_hulpvraag"].leerling,
        naam="Wouter Vos",
        email="wouter@thuis.test",
        relatie=Ouder.Relatie.VADER,
    )

    client.force_login(gezin["ib"])
    response = client.get(reverse("inzage:download", args=[gezin["leerling"].pk]))
    assert response.status_code == 200
    html = (
        zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        .read("index.html")
        .decode()
    )

    for tekst in [
        "<td>Fatima Bos</td><td>moeder</td><td>ja</td><td>fatima@thuis.test</td>",
        "<td>Kees Dekker</td><td>verzorger</td><td>nee</td>",
        "Delen van het dossier met deelnemers van een overlegronde",
        "20 november 2026 14:30, mondeling, geregistreerd door de school (door Inge Bakker)",
        "Besproken bij het oudergesprek",
        "Thuis gaat het beter met Sem.",
        "18 november 2026, met een tekening of opdracht",
        "Sem wil graag bij zijn vriend in de klas blijven.",
    ]:
        assert tekst in html, tekst
    assert "Wouter Vos" not in html

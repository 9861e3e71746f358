"""A new overlegronde sent twice (double click, browser resubmit) is one round and one mail."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from overleg.models import Overlegronde

pytestmark = pytest.mark.django_db


def test_overlegronde_tweemaal_verstuurd_is_een_ronde_en_een_mail(
    client, dossier, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(dossier["regie"])
    url = reverse("overleg:nieuw", args=[dossier["hulpvraag"].pk])
    pagina = client.get(url).content.decode()
    gegevens = {
        "actie": "opslaan",
        "titel": "Ronde",
        "omschrijving": "Kijk mee",
        "einddatum": timezone.localdate().isoformat(),
        "deelnemers": [dossier["extern"].pk],
        "eenmalig": re.search(r'name="eenmalig" value="([0-9a-f]{32})"', pagina)[1],
    }
    mailoutbox.clear()

    antwoorden = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            antwoorden.append(client.post(url, gegevens))

    ronde = Overlegronde.objects.get()
    resultaat = reverse("overleg:tab", args=[dossier["hulpvraag"].pk]) + f"#ronde-{ronde.pk}"
    assert [antwoord["Location"] for antwoord in antwoorden] == [resultaat, resultaat]
    assert "Dit formulier was al verstuurd; hier is het resultaat." in (
        client.get(resultaat).content.decode()
    )
    assert [mail.to for mail in mailoutbox] == [["eva@voorbeeld.test"]]

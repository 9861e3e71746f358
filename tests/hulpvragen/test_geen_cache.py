"""A shared school computer keeps no page of a dossier and no downloaded bijlage in its cache."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hulpvragen import services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_hulpvraagpagina_no_store(client, ib, hulpvraag):
    client.force_login(ib)

    response = client.get(reverse("hulpvragen:detail", args=[hulpvraag.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_download_van_een_bijlage_no_store(client, ib, hulpvraag, media):
    bijlage = services.voeg_bijlage_toe(
        door=ib, hulpvraag=hulpvraag, bestand=SimpleUploadedFile("verslag.pdf", PDF)
    )
    client.force_login(ib)

    response = client.get(reverse("hulpvragen:bijlage", args=[hulpvraag.pk, bijlage.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]

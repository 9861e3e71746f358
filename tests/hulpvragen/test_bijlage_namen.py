"""The name a bijlage is stored and downloaded with: it matches the content, and a name that
can disguise itself is refused at the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hulpvragen import services
from hulpvragen.models import Bijlage
from tests.conftest import TweeStapsClient

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
VERMOMD = (
    "De bestandsnaam bevat een onzichtbaar teken dat de naam kan vermommen; "
    "geef het bestand een gewone naam."
)


@pytest.fixture
def hulpvraag(maak, regie):
    return maak(coordinator=regie)


def _upload(client, hulpvraag, naam, inhoud, **extra):
    return client.post(
        reverse("hulpvragen:bijlagen", args=[hulpvraag.pk]),
        {"bestand": SimpleUploadedFile(naam, inhoud)},
        **extra,
    )


def test_pdf_met_naam_exe_heet_pdf_bij_opslaan_en_downloaden(client, ib, hulpvraag, media):
    client.force_login(ib)

    response = _upload(client, hulpvraag, "rapport.exe", PDF, follow=True)

    bijlage = Bijlage.objects.get()
    assert bijlage.naam == "rapport.pdf"
    pagina = response.content.decode()
    assert "Bijlage rapport.pdf is toegevoegd." in pagina
    assert "De naam is aangepast naar rapport.pdf, omdat het bestand een PDF-bestand is." in pagina
    download = client.get(reverse("hulpvragen:bijlage", args=[hulpvraag.pk, bijlage.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="rapport.pdf"'
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("naam", "inhoud", "opgeslagen"),
    [
        ("rapport", PDF, "rapport.pdf"),
        ("foto.png", JPEG, "foto.jpg"),
        (".pdf", PDF, ".pdf.pdf"),
    ],
)
def test_extensie_volgt_de_inhoud(client, ib, hulpvraag, media, naam, inhoud, opgeslagen):
    client.force_login(ib)

    _upload(client, hulpvraag, naam, inhoud)

    assert Bijlage.objects.get().naam == opgeslagen


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [("verslag.pdf", PDF), ("Verslag.PDF", PDF), ("foto.jpeg", JPEG), ("foto.JPG", JPEG)],
)
def test_gewone_naam_blijft_zoals_hij_is(client, ib, hulpvraag, media, naam, inhoud):
    client.force_login(ib)

    response = _upload(client, hulpvraag, naam, inhoud, follow=True)

    assert Bijlage.objects.get().naam == naam
    assert "De naam is aangepast" not in response.content.decode()


def test_lange_naam_houdt_zijn_nieuwe_extensie(ib, hulpvraag, media):
    bijlage = services.voeg_bijlage_toe(
        door=ib, hulpvraag=hulpvraag, bestand=SimpleUploadedFile("a" * 251 + ".exe", PDF)
    )

    assert bijlage.naam == "a" * 251 + ".pdf"


@pytest.mark.parametrize(
    "teken", ["\u202a", "\u202e", "\u2066", "\u2069", "\u200e", "\u200f", "\x1b", "\x7f"]
)
def test_vermomde_naam_geweigerd_en_niets_opgeslagen(client, ib, hulpvraag, media, teken):
    client.force_login(ib)

    response = _upload(client, hulpvraag, f"rapport{teken}fdp.exe", PDF)

    assert response.status_code == 200
    pagina = response.content.decode()
    assert f'<ul class="errorlist" id="id_bestand_error"><li>{VERMOMD}</li></ul>' in pagina
    assert not Bijlage.objects.exists()
    assert not any(media.rglob("*"))


def test_upload_blijft_achter_de_csrf_controle(ib, hulpvraag, media):
    """The upload form reads the name as sent before the CSRF check: that check still runs."""
    client = TweeStapsClient(enforce_csrf_checks=True)
    client.force_login(ib)
    url = reverse("hulpvragen:bijlagen", args=[hulpvraag.pk])

    zonder = _upload(client, hulpvraag, "verslag.pdf", PDF)
    assert zonder.status_code == 403
    assert not Bijlage.objects.exists()

    client.get(url)
    token = client.cookies["csrftoken"].value
    bestand = SimpleUploadedFile("verslag.pdf", PDF)
    met = client.post(url, {"bestand": bestand, "csrfmiddlewaretoken": token})
    assert met.status_code == 302
    assert Bijlage.objects.get().naam == "verslag.pdf"

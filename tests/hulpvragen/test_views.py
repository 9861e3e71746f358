"""Sections 2-4 and 7 of the work instruction through the views, as the users click them."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services
from hulpvragen.models import Aanpak, Bijlage, Hulpvraag
from hulpvragen.workflow import Status
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def sem(school):
    """A leerling whose data was never confirmed: the actuality check comes first."""
    return LeerlingFactory(school=school, voornaam="Sem", achternaam="Bos", gecontroleerd_op=None)


def test_werkinstructie_secties_2_tot_4_en_7(
    client,
    ib,
    schakel,
    regie,
    sem,
    mailoutbox,
    django_capture_on_commit_callbacks,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(ib)

    # 2.1 The IB/COO picks the leerling; never checked, so the data is shown first.
    pagina = client.get(reverse("hulpvragen:nieuw"), {"leerling": sem.pk}).content.decode()
    assert "zijn de gegevens van Sem Bos nog actueel?" in pagina
    assert 'name="titel"' not in pagina
    terug = f"{reverse('hulpvragen:nieuw')}?leerling={sem.pk}"
    response = client.post(reverse("leerlingen:bevestigen", args=[sem.pk]), {"next": terug})
    assert response["Location"] == terug
    pagina = client.get(terug).content.decode()
    assert 'value="Team Schoolondersteuning"' in pagina

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            terug,
            {
                "leerling": sem.pk,
                "titel": "Team Schoolondersteuning",
                "omschrijving": "Concentratie",
                "coordinator": schakel.pk,
            },
        )
    hulpvraag = Hulpvraag.objects.get()
    assert response["Location"] == reverse("hulpvragen:detail", args=[hulpvraag.pk])
    assert hulpvraag.status == Status.AANGEMELD
    assert mailoutbox[-1].to == [schakel.email]

    # 2.1 after the talk: the coördinator becomes the regierolhouder.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("hulpvragen:coordinator", args=[hulpvraag.pk]), {"coordinator": regie.pk}
        )
    hulpvraag.refresh_from_db()
    assert hulpvraag.coordinator == regie
    assert mailoutbox[-1].to == [regie.email]

    # 3. Aanpak with the regierolhouder as behandelaar: mail 1 of the catalogue.
    leeg = client.post(reverse("hulpvragen:aanpak_nieuw", args=[hulpvraag.pk]), {"titel": "Plan"})
    assert "Dit veld is verplicht." in leeg.content.decode()
    assert 'value="Plan"' in leeg.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("hulpvragen:aanpak_nieuw", args=[hulpvraag.pk]),
            {
                "titel": "Begeleiding CJG",
                "omschrijving": "Gesprekken",
                "startdatum": "2026-12-01",
                "behandelaar": regie.pk,
            },
        )
    assert Aanpak.objects.get().behandelaar == regie
    assert (
        "Er is in Kindkans een nieuwe aanpak toegevoegd voor u als behandelaar van Sem Bos."
        in mailoutbox[-1].body
    )

    # 4.1 The regierolhouder finds the hulpvraag on the Hulpvragen tab with the search.
    client.force_login(regie)
    lijst = client.get(reverse("hulpvragen:lijst"), {"zoek": "bos"}).content.decode()
    assert "Team Schoolondersteuning" in lijst and "Sem Bos" in lijst

    # 4.4 GEAGENDEERD with an omschrijving: the IB/COO is told.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("hulpvragen:status", args=[hulpvraag.pk]),
            {"naar": "geagendeerd", "omschrijving": "Eerste gesprek 3 december"},
        )
    assert mailoutbox[-1].to == [ib.email]
    assert "Rik de Wit heeft deze taak in behandeling genomen" in mailoutbox[-1].body
    assert "Eerste gesprek 3 december" in mailoutbox[-1].body

    # 5 NB: a bijlage, with the privacy warning at the upload.
    bijlagen = client.get(reverse("hulpvragen:bijlagen", args=[hulpvraag.pk])).content.decode()
    assert "Wees terughoudend met het delen van leerlingspecifieke informatie." in bijlagen
    client.post(
        reverse("hulpvragen:bijlagen", args=[hulpvraag.pk]),
        {"bestand": SimpleUploadedFile("verslag.pdf", PDF)},
    )
    bijlage = Bijlage.objects.get()
    download = client.get(reverse("hulpvragen:bijlage", args=[hulpvraag.pk, bijlage.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="verslag.pdf"'
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF

    # 7 RETOUR NAAR SCHAKELTEAM; the IB/COO gets the mail and sets AFGEROND.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("hulpvragen:status", args=[hulpvraag.pk]),
            {"naar": "retour_naar_schakelteam", "omschrijving": "Taak afgerond"},
        )
    assert mailoutbox[-1].to == [ib.email]
    assert "aangepast naar RETOUR NAAR SCHAKELTEAM" in mailoutbox[-1].body
    geweigerd = client.post(reverse("hulpvragen:status", args=[hulpvraag.pk]), {"naar": "afgerond"})
    assert "Deze status kan nu niet worden gekozen." in geweigerd.content.decode()

    client.force_login(ib)
    client.post(reverse("hulpvragen:status", args=[hulpvraag.pk]), {"naar": "afgerond"})
    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Status.AFGEROND
    assert "Sem Bos" not in client.get(reverse("hulpvragen:lijst")).content.decode()
    afgerond = client.get(reverse("hulpvragen:lijst"), {"weergave": "afgerond"}).content.decode()
    assert "Sem Bos" in afgerond
    historie = client.get(reverse("hulpvragen:detail", args=[hulpvraag.pk])).content.decode()
    for stap in (
        "AANGEMELD",
        "GEAGENDEERD",
        "RETOUR NAAR SCHAKELTEAM",
        "AFGEROND",
        "Eerste gesprek 3 december",
        "Taak afgerond",
    ):
        assert stap in historie


def test_verplichte_velden_zijn_aria_required(client, ib, school, leerling, schakel):
    client.force_login(ib)

    pagina = client.get(reverse("hulpvragen:nieuw"), {"leerling": leerling.pk}).content.decode()

    titel = re.search(r'<input[^>]*name="titel"[^>]*>', pagina).group()
    coordinator = re.search(r'<select[^>]*name="coordinator"[^>]*>', pagina).group()
    omschrijving = re.search(r'<textarea[^>]*name="omschrijving"[^>]*>', pagina).group()
    assert 'aria-required="true"' in titel
    assert 'aria-required="true"' in coordinator
    assert "aria-required" not in omschrijving
    assert "kk-veld--verplicht" in pagina  # yellow, as in Kindkans


def test_overgang_die_niet_in_de_tabel_staat_geeft_duidelijke_melding(client, maak, regie):
    hulpvraag = maak(coordinator=regie)
    client.force_login(regie)

    response = client.post(
        reverse("hulpvragen:status", args=[hulpvraag.pk]), {"naar": "retour_naar_schakelteam"}
    )

    assert "Deze status kan nu niet worden gekozen." in response.content.decode()
    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Status.AANGEMELD


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        (
            "verslag.pdf",
            b"MZ\x90\x00\x03" + b"\x00" * 200,
            "Dit soort bestand kan niet worden toegevoegd",
        ),
        ("leeg.pdf", b"", "Het bestand is leeg."),
        ("groot.pdf", PDF + b"0" * (1024 * 1024), "Het bestand is groter dan 1 MB"),
    ],
)
def test_verkeerde_bijlage_geweigerd_met_melding_en_niets_opgeslagen(
    client, ib, regie, maak, settings, tmp_path, naam, inhoud, melding
):
    settings.MEDIA_ROOT = tmp_path
    settings.BIJLAGE_MAX_MB = 1
    hulpvraag = maak(coordinator=regie)
    client.force_login(ib)

    response = client.post(
        reverse("hulpvragen:bijlagen", args=[hulpvraag.pk]),
        {"bestand": SimpleUploadedFile(naam, inhoud)},
    )

    assert response.status_code == 200
    assert melding in response.content.decode()
    assert not Bijlage.objects.exists()
    assert not any(tmp_path.rglob("*"))


def test_hulpvragenlijst_evenveel_queries_bij_5_en_100(client, po, ib, regie, school):
    client.force_login(ib)

    def maak(aantal):
        for _ in range(aantal):
            leerling = LeerlingFactory(school=school, gecontroleerd_op=timezone.now())
            services.maak_hulpvraag(
                door=ib,
                omgeving=po,
                leerling=leerling,
                titel="T",
                omschrijving="",
                coordinator=regie,
            )

    maak(5)
    client.get(reverse("hulpvragen:lijst"))
    with CaptureQueriesContext(connection) as vijf:
        response = client.get(reverse("hulpvragen:lijst"))
    assert "5 hulpvragen open" in response.content.decode()
    maak(95)
    with CaptureQueriesContext(connection) as honderd:
        response = client.get(reverse("hulpvragen:lijst"), {"page": 2})
    assert "100 hulpvragen open" in response.content.decode()

    assert len(honderd) == len(vijf)


def test_filters_en_sorteren(client, po, ib, regie, school):
    anders = OrganisatieFactory(omgeving=po, naam="CBS Het Anker")
    client.force_login(ib)
    a = services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        titel="Team Schoolondersteuning",
        omschrijving="",
        coordinator=regie,
        leerling=LeerlingFactory(
            school=school, achternaam="Aalders", gecontroleerd_op=timezone.now()
        ),
    )
    services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        titel="Anders",
        omschrijving="",
        coordinator=regie,
        leerling=LeerlingFactory(
            school=school, achternaam="Zwart", gecontroleerd_op=timezone.now()
        ),
    )
    services.wijzig_status(door=regie, hulpvraag=a, naar=Status.GEAGENDEERD)

    op_status = client.get(reverse("hulpvragen:lijst"), {"status": "geagendeerd"}).content.decode()
    assert "Aalders" in op_status and "Zwart" not in op_status
    op_nummer = client.get(reverse("hulpvragen:lijst"), {"zoek": a.nummer}).content.decode()
    assert "Aalders" in op_nummer and "Zwart" not in op_nummer
    op_school = client.get(reverse("hulpvragen:lijst"), {"school": anders.pk}).content.decode()
    assert "Aalders" not in op_school
    gesorteerd = client.get(reverse("hulpvragen:lijst"), {"sorteer": "leerling"}).content.decode()
    assert gesorteerd.index("Aalders") < gesorteerd.index("Zwart")
    omgekeerd = client.get(reverse("hulpvragen:lijst"), {"sorteer": "-leerling"}).content.decode()
    assert omgekeerd.index("Zwart") < omgekeerd.index("Aalders")


def test_nieuwe_leerling_vanuit_de_hulpvraag(client, ib, school):
    client.force_login(ib)
    nieuw = reverse("hulpvragen:nieuw")

    response = client.post(
        f"{reverse('leerlingen:nieuw')}?next={nieuw}",
        {
            "next": nieuw,
            "voornaam": "Finn",
            "achternaam": "Meijer",
            "geboortedatum": "2015-02-01",
            "school": school.pk,
            "groep_leerjaar": "groep 6",
        },
    )

    leerling = school.leerlingen.get(voornaam="Finn")
    assert response["Location"] == f"{nieuw}?leerling={leerling.pk}"
    pagina = client.get(response["Location"]).content.decode()
    assert 'value="Team Schoolondersteuning"' in pagina  # just entered, so no check needed


def test_datum_in_verleden_einddatum_voor_start_geweigerd(client, ib, regie, maak):
    hulpvraag = maak(coordinator=regie)
    client.force_login(ib)

    response = client.post(
        reverse("hulpvragen:aanpak_nieuw", args=[hulpvraag.pk]),
        {
            "titel": "Plan",
            "omschrijving": "x",
            "startdatum": "2026-12-10",
            "einddatum": str(datetime.date(2026, 12, 1)),
            "behandelaar": regie.pk,
        },
    )

    assert "De einddatum ligt vóór de startdatum." in response.content.decode()
    assert not Aanpak.objects.exists()


def test_alleen_wie_de_bijlage_toevoegde_ziet_de_verwijderknop(
    client, ib, regie, maak, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    hulpvraag = maak(coordinator=regie)
    services.voeg_bijlage_toe(
        door=regie, hulpvraag=hulpvraag, bestand=SimpleUploadedFile("verslag.pdf", PDF)
    )
    url = reverse("hulpvragen:bijlagen", args=[hulpvraag.pk])

    client.force_login(regie)
    assert "Verwijder verslag.pdf" in client.get(url).content.decode()
    client.force_login(ib)
    pagina = client.get(url).content.decode()
    assert "verslag.pdf" in pagina and "Verwijder verslag.pdf" not in pagina
    bijlage = Bijlage.objects.get()
    response = client.post(
        reverse("hulpvragen:bijlage_verwijderen", args=[hulpvraag.pk, bijlage.pk])
    )
    assert response.status_code == 403
    assert Bijlage.objects.exists()


def test_andere_behandelaar_via_het_scherm_verhuist_toegang_en_mailt(
    client, ib, regie, regie2, schakel, maak, mailoutbox, django_capture_on_commit_callbacks
):
    from hulpvragen import toegang

    hulpvraag = maak(coordinator=regie)
    aanpak = services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=hulpvraag,
        titel="Plan",
        omschrijving="x",
        startdatum=datetime.date(2026, 12, 1),
        einddatum=None,
        behandelaar=regie,
    )
    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=schakel)
    client.force_login(ib)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("hulpvragen:aanpak_wijzigen", args=[hulpvraag.pk, aanpak.pk]),
            {
                "titel": "Plan",
                "omschrijving": "x",
                "startdatum": "2026-12-01",
                "behandelaar": regie2.pk,
            },
        )

    assert response.status_code == 302
    assert mailoutbox[-1].to == [regie2.email]
    assert "nieuwe aanpak toegevoegd voor u als behandelaar" in mailoutbox[-1].body
    assert toegang.ZIEN in toegang.rechten_op(regie2, hulpvraag)
    assert toegang.rechten_op(regie, hulpvraag) == frozenset()


def test_alleen_de_ib_coo_krijgt_de_knop_en_de_pagina_nieuwe_hulpvraag(client, ib, regie):
    client.force_login(ib)
    assert "Nieuwe hulpvraag</a>" in client.get(reverse("hulpvragen:lijst")).content.decode()
    assert client.get(reverse("hulpvragen:nieuw")).status_code == 200

    client.force_login(regie)
    assert "Nieuwe hulpvraag</a>" not in client.get(reverse("hulpvragen:lijst")).content.decode()
    assert client.get(reverse("hulpvragen:nieuw")).status_code == 403

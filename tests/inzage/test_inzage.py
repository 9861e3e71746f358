"""Inzage (AVG art. 15): everything the portal holds about one leerling as one ZIP, for the
IB/COO of its school only, and never anything of another child."""

import datetime
import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from formulieren.services import maak_formulier
from hulpvragen import services
from hulpvragen.workflow import Status
from logboek.models import Actie, Logregel
from overleg.services import maak_overlegronde, plaats_reactie
from tests.factories import (
    FormulierDefinitieFactory,
    LeerlingFactory,
    OrganisatieFactory,
    VeldFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def pdf(tekst):
    return b"%PDF-1.4\n% " + tekst + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def vul_dossier(wie, leerling, *, woord, definitie, bestand):
    """One hulpvraag with every part, each text carrying `woord` so it can be found back."""
    hv = services.maak_hulpvraag(
        door=wie.ib,
        omgeving=wie.po,
        leerling=leerling,
        titel=f"{woord} hulpvraag",
        omschrijving=f"{woord} omschrijving",
        coordinator=wie.regie,
    )
    services.wijzig_status(
        door=wie.regie, hulpvraag=hv, naar=Status.GEAGENDEERD, omschrijving=f"{woord} intake"
    )
    services.voeg_aanpak_toe(
        door=wie.ib,
        hulpvraag=hv,
        titel=f"{woord} aanpak",
        omschrijving=f"{woord} plan",
        startdatum=datetime.date(2026, 1, 5),
        einddatum=None,
        behandelaar=wie.regie,
    )
    maak_formulier(
        door=wie.ib,
        hulpvraag=hv,
        definitie=definitie,
        waarden={"aanleiding": f"{woord} aanleiding", "contactpersoon": wie.regie.pk},
    )
    ronde = maak_overlegronde(
        door=wie.regie,
        hulpvraag=hv,
        titel=f"{woord} overleg",
        omschrijving=f"{woord} verwachting",
        einddatum=timezone.localdate() + datetime.timedelta(days=7),
        deelnemers=[wie.extern],
    )
    plaats_reactie(door=wie.extern, overlegronde=ronde, tekst=f"{woord} reactie")
    bijlage = services.voeg_bijlage_toe(door=wie.ib, hulpvraag=hv, bestand=bestand)
    return hv, bijlage


@pytest.fixture
def wereld(po, maak_lid, settings, tmp_path):
    """Fenna de Vries with a full dossier; Joris Zwaanswijk at the same school with his own,
    every text of his carrying "Zwaanswijk"."""
    settings.MEDIA_ROOT = tmp_path
    school = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")
    wie = SimpleNamespace(
        po=po,
        ib=maak_lid(po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker"),
        ib_andere_school=maak_lid(po, "ib_coo", voornaam="Anne", achternaam="Kok"),
        regie=maak_lid(po, "regierolhouder", voornaam="Rik", achternaam="de Wit"),
        extern=maak_lid(po, "externe_deelnemer", voornaam="Eva", achternaam="Smit"),
    )
    definitie = FormulierDefinitieFactory(omgeving=po, naam="Aanmelding rekenen")
    VeldFactory(definitie=definitie, label="Aanleiding", type="lange_tekst")
    VeldFactory(definitie=definitie, label="Contactpersoon", type="persoon")
    VeldFactory(definitie=definitie, label="Bij hulpvraag", type="hulpvraag")
    fenna = LeerlingFactory(
        school=school,
        voornaam="Fenna",
        tussenvoegsel="de",
        achternaam="Vries",
        geboortedatum=datetime.date(2016, 4, 12),
        straat_huisnummer="Molendijk 7",
        postcode="3241 AB",
        woonplaats="Middelharnis",
        telefoon_ouder_1="0187 123456",
        gecontroleerd_op=timezone.now(),
    )
    joris = LeerlingFactory(
        school=school,
        voornaam="Joris",
        achternaam="Zwaanswijk",
        straat_huisnummer="Zwaanswijkstraat 1",
        gecontroleerd_op=timezone.now(),
    )
    hv1, bijlage1 = vul_dossier(
        wie,
        fenna,
        woord="Rekenen",
        definitie=definitie,
        bestand=SimpleUploadedFile("verslag mei.pdf", pdf(b"FENNA-VERSLAG")),
    )
    hv2 = services.maak_hulpvraag(
        door=wie.ib,
        omgeving=po,
        leerling=fenna,
        titel="Lezen hulpvraag",
        omschrijving="Lezen omschrijving",
        coordinator=wie.regie,
        bevestig_tweede=True,  # a second one for the same leerling (issue 15)
    )
    bijlage2 = services.voeg_bijlage_toe(
        door=wie.ib, hulpvraag=hv2, bestand=SimpleUploadedFile("toets.pdf", pdf(b"FENNA-TOETS"))
    )
    vul_dossier(
        wie,
        joris,
        woord="Zwaanswijk",
        definitie=definitie,
        bestand=SimpleUploadedFile("zwaanswijk.pdf", pdf(b"ZWAANSWIJK-BIJLAGE")),
    )
    Logregel.objects.create(
        tijdstip=datetime.datetime(2025, 6, 1, 10, 0, tzinfo=UTC),
        leerling_id=fenna.pk,
        actie=Actie.LEERLING_BEKEKEN,
        gebruiker_id=9001,
        gebruiker_naam="Lotte Leerlingkijker",
        rol="IB/COO (schakelfunctionaris onderwijs)",
    )
    Logregel.objects.create(
        tijdstip=datetime.datetime(2025, 6, 2, 10, 0, tzinfo=UTC),
        hulpvraag_id=hv1.pk,
        actie=Actie.FORMULIER_BEKEKEN,
        gebruiker_id=9002,
        gebruiker_naam="Hugo Hulpvraagkijker",
        rol="Regierolhouder",
    )
    Logregel.objects.create(
        tijdstip=datetime.datetime(2025, 6, 3, 10, 0, tzinfo=UTC),
        leerling_id=joris.pk,
        actie=Actie.LEERLING_BEKEKEN,
        gebruiker_id=9003,
        gebruiker_naam="Zwaanswijk Kijker",
    )
    return SimpleNamespace(
        **vars(wie),
        fenna=fenna,
        joris=joris,
        hv1=hv1,
        hv2=hv2,
        bijlage1=bijlage1,
        bijlage2=bijlage2,
    )


def download(client, wereld, persoon=None):
    client.force_login(persoon or wereld.ib)
    return client.get(reverse("inzage:download", args=[wereld.fenna.pk]))


def open_zip(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_inzage_is_een_zip_met_een_overzicht_en_de_bijlagen(client, wereld):
    response = download(client, wereld)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    vandaag = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="inzage-{wereld.fenna.pk}-{vandaag}.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    zip_ = open_zip(response)
    pad1 = f"bijlagen/{wereld.hv1.nummer}/{wereld.bijlage1.pk}-verslag_mei.pdf"
    pad2 = f"bijlagen/{wereld.hv2.nummer}/{wereld.bijlage2.pk}-toets.pdf"
    assert sorted(zip_.namelist()) == sorted(["index.html", pad1, pad2])
    assert zip_.read(pad1) == pdf(b"FENNA-VERSLAG")
    assert zip_.read(pad2) == pdf(b"FENNA-TOETS")
    html = zip_.read("index.html").decode()
    assert f'<a href="{pad1}">verslag mei.pdf</a>' in html
    assert f'<a href="{pad2}">toets.pdf</a>' in html


def test_het_overzicht_bevat_elk_deel_van_het_dossier(client, wereld):
    html = open_zip(download(client, wereld)).read("index.html").decode()

    assert f"<dt>Bij hulpvraag</dt><dd>{wereld.hv1.nummer} Rekenen hulpvraag</dd>" in html
    for tekst in [
        # basisgegevens
        "Fenna de Vries",
        "12 april 2016",
        "Molendijk 7",
        "3241 AB",
        "Middelharnis",
        "0187 123456",
        "OBS De Regenboog",
        # hulpvragen with their statuses
        "Rekenen hulpvraag",
        "Rekenen omschrijving",
        "Lezen hulpvraag",
        "GEAGENDEERD",
        "AANGEMELD",
        "Rekenen intake",
        # formulier: the definition's label and the value
        "Aanmelding rekenen",
        "<dt>Aanleiding</dt><dd>Rekenen aanleiding</dd>",
        "<dt>Contactpersoon</dt><dd>Rik de Wit</dd>",
        # aanpak
        "Rekenen aanpak",
        "Rekenen plan",
        # overlegronde with deelnemers and reacties
        "Rekenen overleg",
        "Rekenen verwachting",
        "Eva Smit",
        "Rekenen reactie",
        # the log, the leerling's own rows and those of its hulpvragen
        "Lotte Leerlingkijker",
        "leerling bekeken",
        "Hugo Hulpvraagkijker",
        "formulier bekeken",
        "inzage (AVG) gedownload",
    ]:
        assert tekst in html, tekst


def test_het_overzicht_is_op_zichzelf_leesbaar(client, wereld):
    html = open_zip(download(client, wereld)).read("index.html").decode()

    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in html
    assert '<meta charset="utf-8">' in html
    for extern in ["<script", "<link", "src=", "http:", "https:", "//", "@import", "url("]:
        assert extern not in html, extern


def test_niets_van_een_ander_kind_in_de_zip(client, wereld):
    zip_ = open_zip(download(client, wereld))

    for naam in zip_.namelist():
        assert "zwaanswijk" not in naam.casefold()
        inhoud = zip_.read(naam).lower()
        assert b"zwaanswijk" not in inhoud, naam
        assert b"joris" not in inhoud, naam


def test_download_schrijft_precies_een_regel(client, wereld):
    download(client, wereld)

    regels = Logregel.objects.filter(actie=Actie.INZAGE_GEDOWNLOAD)
    assert regels.count() == 1
    regel = regels.get()
    assert regel.leerling_id == wereld.fenna.pk
    assert regel.hulpvraag_id is None
    assert regel.gebruiker_id == wereld.ib.pk


@pytest.mark.parametrize("wie", ["ib_andere_school", "regie", "extern"])
def test_inzage_alleen_voor_de_ib_coo_van_de_school(client, wereld, wie):
    response = download(client, wereld, getattr(wereld, wie))

    assert response.status_code == 404
    assert not Logregel.objects.filter(actie=Actie.INZAGE_GEDOWNLOAD).exists()


def test_een_verdwenen_bestand_staat_in_het_overzicht(client, wereld):
    wereld.bijlage2.bestand.storage.delete(wereld.bijlage2.bestand.name)

    zip_ = open_zip(download(client, wereld))

    assert f"bijlagen/{wereld.hv2.nummer}/{wereld.bijlage2.pk}-toets.pdf" not in zip_.namelist()
    html = zip_.read("index.html").decode()
    assert "toets.pdf (het bestand zelf kon niet worden gevonden)" in html


def test_knop_op_de_leerlingpagina_en_het_logboek(client, wereld):
    client.force_login(wereld.ib)
    knop = f'href="/leerlingen/{wereld.fenna.pk}/inzage/">Inzage downloaden (AVG)</a>'

    for naam in ["leerlingen:detail", "leerlingen:logboek"]:
        html = client.get(reverse(naam, args=[wereld.fenna.pk])).content.decode()
        assert knop in html, naam

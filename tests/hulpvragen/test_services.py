"""The business actions on a hulpvraag (work instruction §2-4 and 7), through hulpvragen.services:
who may do them, what they write, which mails they send and what access follows."""

import datetime
import struct
import zlib
from zoneinfo import ZoneInfo

import filetype
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from hulpvragen import services, toegang
from hulpvragen.models import Aanpak, Bijlage, Hulpvraag, StatusWijziging
from hulpvragen.selectors import zichtbare_hulpvragen
from hulpvragen.workflow import Status
from notificaties.catalogus import Soort
from notificaties.models import Notificatie
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png():
    """The smallest PNG header that is one: the signature and an IHDR chunk of 1×1 pixels."""
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


PNG = _png()
# A Windows program: the "MZ" of a DOS header, then the PE offset; renamed to .pdf by the sender.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def bestand(naam, inhoud, content_type="application/pdf"):
    # The browser's content type is a claim of the sender; only the content counts.
    return SimpleUploadedFile(naam, inhoud, content_type=content_type)


def opgeslagen_bestanden(map_):
    return sorted(p for p in map_.rglob("*") if p.is_file())


def gisteren():
    return timezone.localdate() - datetime.timedelta(days=1)


def aanpak_velden(**velden):
    start = timezone.localdate()
    return {
        "titel": "Begeleiding in de klas",
        "omschrijving": "Wekelijks gesprek met leerkracht en ouders.",
        "startdatum": start,
        "einddatum": start + datetime.timedelta(days=60),
        **velden,
    }


# --- maak_hulpvraag -----------------------------------------------------------------------------


def test_ib_coo_zet_de_hulpvraag_in_kindkans(
    maak, ib, coo, schakel, regie, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hulpvraag = maak()

    hulpvraag.refresh_from_db()
    assert hulpvraag.status == Status.AANGEMELD
    assert hulpvraag.aangemaakt_door == ib
    assert hulpvraag.coordinator == schakel

    [wijziging] = hulpvraag.statuswijzigingen.all()
    assert (wijziging.van, wijziging.naar, wijziging.door) == ("", Status.AANGEMELD, ib)
    assert wijziging.omschrijving == ""

    [notificatie] = Notificatie.objects.all()
    assert notificatie.ontvanger == schakel
    assert notificatie.soort == Soort.COORDINATOR_GEWIJZIGD
    assert notificatie.status == Notificatie.Status.VERSTUURD
    [mail] = mailoutbox
    assert mail.to == ["schakel@voorbeeld.test"]
    assert mail.subject == "U bent coördinator van de hulpvraag van Daan Willemsen"
    assert "Inge Bakker heeft u in Kindkans als coördinator gekozen" in mail.body
    assert "Daan Willemsen" in mail.body
    assert hulpvraag.nummer in mail.body

    # Both IB/COO's of the school and the coördinator, nobody else.
    assert toegang.rechten_op(ib, hulpvraag) == toegang.RECHTEN["school"]
    assert toegang.rechten_op(coo, hulpvraag) == toegang.RECHTEN["school"]
    assert toegang.rechten_op(schakel, hulpvraag) == toegang.RECHTEN["coordinator"]
    assert toegang.rechten_op(regie, hulpvraag) == frozenset()


def test_ib_coo_van_een_andere_school_mag_het_niet(maak, ib_andere_school, mailoutbox):
    with pytest.raises(PermissionDenied, match="Alleen de IB/COO van de school"):
        maak(door=ib_andere_school)

    assert not Hulpvraag.objects.exists()
    assert not Notificatie.objects.exists()


def test_regierolhouder_zet_geen_hulpvraag_in(maak, regie):
    with pytest.raises(PermissionDenied):
        maak(door=regie)

    assert not Hulpvraag.objects.exists()


def test_leerling_van_een_andere_omgeving_geweigerd(maak, vo):
    # The IB/COO works in PO2811; the same leerling "in" VO2805 is not theirs.
    with pytest.raises(PermissionDenied):
        maak(omgeving=vo)

    assert not Hulpvraag.objects.exists()


def test_nooit_gecontroleerde_leerling_geweigerd(maak, school):
    leerling = LeerlingFactory(school=school, gecontroleerd_op=None)

    with pytest.raises(ValidationError) as fout:
        maak(leerling=leerling)

    assert fout.value.messages == [
        "Controleer eerst of de basis- en schoolgegevens van de leerling actueel zijn."
    ]
    assert not Hulpvraag.objects.exists()
    assert not StatusWijziging.objects.exists()


@pytest.mark.parametrize(("dagen_later", "toegestaan"), [(0, True), (30, True), (31, False)])
def test_controle_van_de_leerling_telt_de_ingestelde_termijn(
    maak, school, settings, dagen_later, toegestaan
):
    settings.LEERLING_CONTROLE_TERMIJN_DAGEN = 30
    gecontroleerd = datetime.datetime(2026, 1, 5, 10, tzinfo=AMSTERDAM)
    leerling = LeerlingFactory(school=school, gecontroleerd_op=gecontroleerd)

    with time_machine.travel(gecontroleerd + datetime.timedelta(days=dagen_later), tick=False):
        if toegestaan:
            assert maak(leerling=leerling).status == Status.AANGEMELD
        else:
            with pytest.raises(ValidationError, match="actueel"):
                maak(leerling=leerling)
            assert not Hulpvraag.objects.exists()


@pytest.mark.parametrize(
    "wie", ["coo", "ib_andere_school", "regie_vo", "externe_deelnemer", "inactieve_regie"]
)
def test_coordinator_moet_schakelfunctionaris_of_regierolhouder_van_de_omgeving_zijn(
    request, po, maak, maak_lid, wie
):
    if wie == "externe_deelnemer":
        coordinator = maak_lid(po, "externe_deelnemer")
    elif wie == "inactieve_regie":
        coordinator = maak_lid(po, "regierolhouder")
        coordinator.lidmaatschappen.update(actief=False)
    else:
        coordinator = request.getfixturevalue(wie)

    with pytest.raises(ValidationError) as fout:
        maak(coordinator=coordinator)

    assert "regierolhouder van deze omgeving" in fout.value.message_dict["coordinator"][0]
    assert not Hulpvraag.objects.exists()
    assert not Notificatie.objects.exists()


def test_regierolhouder_direct_als_coordinator(maak, regie, schakel):
    hulpvraag = maak(coordinator=regie)

    assert toegang.rechten_op(regie, hulpvraag) == toegang.RECHTEN["coordinator"]
    assert toegang.rechten_op(schakel, hulpvraag) == frozenset()


# --- wijzig_coordinator -------------------------------------------------------------------------


def test_nieuwe_coordinator_krijgt_rechten_en_mail_de_oude_verliest_alles(
    po, hulpvraag, ib, schakel, regie, mailoutbox, django_capture_on_commit_callbacks
):
    assert toegang.rechten_op(schakel, hulpvraag) == toegang.RECHTEN["coordinator"]

    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie)

    hulpvraag.refresh_from_db()
    assert hulpvraag.coordinator == regie
    assert toegang.rechten_op(regie, hulpvraag) == toegang.RECHTEN["coordinator"]
    assert toegang.rechten_op(schakel, hulpvraag) == frozenset()
    assert not zichtbare_hulpvragen(gebruiker=schakel, omgeving=po).exists()
    assert list(zichtbare_hulpvragen(gebruiker=regie, omgeving=po)) == [hulpvraag]

    [mail] = mailoutbox
    assert mail.to == ["rik@voorbeeld.test"]
    assert "Inge Bakker heeft u in Kindkans als coördinator gekozen" in mail.body
    assert "Daan Willemsen" in mail.body
    assert Notificatie.objects.get(ontvanger=regie).soort == Soort.COORDINATOR_GEWIJZIGD


def test_oude_coordinator_die_behandelaar_is_houdt_bekijken_en_status(
    hulpvraag, ib, schakel, regie
):
    services.voeg_aanpak_toe(door=ib, hulpvraag=hulpvraag, behandelaar=schakel, **aanpak_velden())

    services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie)

    rechten = toegang.rechten_op(schakel, hulpvraag)
    assert rechten == toegang.RECHTEN["behandelaar"]
    assert {toegang.ZIEN, toegang.STATUS} <= rechten
    assert toegang.WIJZIGEN not in rechten


def test_coordinator_geeft_de_hulpvraag_zelf_door(
    hulpvraag, ib, schakel, regie, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_coordinator(door=schakel, hulpvraag=hulpvraag, coordinator=regie)

    assert toegang.rechten_op(regie, hulpvraag) == toegang.RECHTEN["coordinator"]
    assert toegang.rechten_op(schakel, hulpvraag) == frozenset()
    assert [m.to for m in mailoutbox] == [["rik@voorbeeld.test"]]
    assert "Sanne Visser heeft u" in mailoutbox[0].body


def test_coordinator_wijzigen_geweigerd_voor_wie_niet_wijzigen_mag(behandeld, regie2, schakel):
    for persoon in (regie2, schakel):  # the behandelaar; the former coördinator
        with pytest.raises(PermissionDenied):
            services.wijzig_coordinator(door=persoon, hulpvraag=behandeld, coordinator=schakel)

    behandeld.refresh_from_db()
    assert behandeld.coordinator.email == "rik@voorbeeld.test"


def test_coordinator_wordt_geen_ib_coo(hulpvraag, ib, coo, schakel):
    with pytest.raises(ValidationError) as fout:
        services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=coo)

    assert "coordinator" in fout.value.message_dict
    hulpvraag.refresh_from_db()
    assert hulpvraag.coordinator == schakel
    assert toegang.rechten_op(schakel, hulpvraag) == toegang.RECHTEN["coordinator"]


def test_dezelfde_coordinator_opnieuw_kiezen_stuurt_niets(
    hulpvraag, ib, schakel, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=schakel)

    assert mailoutbox == []
    assert Notificatie.objects.count() == 1  # only the one of maak_hulpvraag


# --- wijzig_hulpvraag ---------------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["ib", "coo", "regie"])
def test_ib_coo_en_coordinator_wijzigen_de_hulpvraag(request, behandeld, wie):
    services.wijzig_hulpvraag(
        door=request.getfixturevalue(wie),
        hulpvraag=behandeld,
        titel="Team Schoolondersteuning (bijgesteld)",
        omschrijving="Ook thuis onrustig.",
    )

    behandeld.refresh_from_db()
    assert behandeld.titel == "Team Schoolondersteuning (bijgesteld)"
    assert behandeld.omschrijving == "Ook thuis onrustig."


@pytest.mark.parametrize("wie", ["regie2", "schakel", "ib_andere_school"])
def test_behandelaar_en_wie_niet_betrokken_is_wijzigen_de_hulpvraag_niet(request, behandeld, wie):
    with pytest.raises(PermissionDenied):
        services.wijzig_hulpvraag(
            door=request.getfixturevalue(wie), hulpvraag=behandeld, titel="Anders", omschrijving=""
        )

    behandeld.refresh_from_db()
    assert behandeld.titel == "Team Schoolondersteuning"


def test_hulpvraag_zonder_titel_geweigerd(behandeld, ib):
    with pytest.raises(ValidationError) as fout:
        services.wijzig_hulpvraag(door=ib, hulpvraag=behandeld, titel="", omschrijving="")

    assert "titel" in fout.value.message_dict
    behandeld.refresh_from_db()
    assert behandeld.titel == "Team Schoolondersteuning"


# --- voeg_aanpak_toe / wijzig_aanpak ------------------------------------------------------------


def test_aanpak_geeft_de_behandelaar_rechten_en_de_mail(
    hulpvraag, ib, regie, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        aanpak = services.voeg_aanpak_toe(
            door=ib, hulpvraag=hulpvraag, behandelaar=regie, **aanpak_velden()
        )

    assert aanpak.aangemaakt_door == ib
    assert toegang.rechten_op(regie, hulpvraag) == toegang.RECHTEN["behandelaar"]
    [mail] = mailoutbox
    assert mail.to == ["rik@voorbeeld.test"]
    assert (
        "Er is in Kindkans een nieuwe aanpak toegevoegd voor u als behandelaar van "
        "Daan Willemsen." in mail.body
    )
    assert "Aanpak: Begeleiding in de klas" in mail.body
    notificatie = Notificatie.objects.get(ontvanger=regie)
    assert notificatie.soort == Soort.AANPAK_BEHANDELAAR
    assert notificatie.pad.endswith(f"#aanpak-{aanpak.pk}")


def test_einddatum_voor_startdatum_geweigerd(hulpvraag, ib, regie, mailoutbox):
    with pytest.raises(ValidationError) as fout:
        services.voeg_aanpak_toe(
            door=ib,
            hulpvraag=hulpvraag,
            behandelaar=regie,
            **aanpak_velden(einddatum=gisteren()),
        )

    assert fout.value.message_dict["einddatum"] == ["De einddatum ligt vóór de startdatum."]
    assert not Aanpak.objects.exists()
    assert toegang.rechten_op(regie, hulpvraag) == frozenset()
    assert not Notificatie.objects.filter(ontvanger=regie).exists()


def test_aanpak_zonder_einddatum_mag(hulpvraag, ib, regie):
    aanpak = services.voeg_aanpak_toe(
        door=ib, hulpvraag=hulpvraag, behandelaar=regie, **aanpak_velden(einddatum=None)
    )

    assert aanpak.einddatum is None


@pytest.mark.parametrize("wie", ["coo", "regie_vo", "ib_andere_school"])
def test_behandelaar_moet_schakelfunctionaris_of_regierolhouder_zijn(request, hulpvraag, ib, wie):
    with pytest.raises(ValidationError) as fout:
        services.voeg_aanpak_toe(
            door=ib,
            hulpvraag=hulpvraag,
            behandelaar=request.getfixturevalue(wie),
            **aanpak_velden(),
        )

    assert "behandelaar" in fout.value.message_dict
    assert not Aanpak.objects.exists()


def test_behandelaar_voegt_geen_aanpak_toe(behandeld, regie2, schakel):
    with pytest.raises(PermissionDenied):
        services.voeg_aanpak_toe(
            door=regie2, hulpvraag=behandeld, behandelaar=schakel, **aanpak_velden()
        )

    assert behandeld.aanpakken.count() == 1


def test_andere_behandelaar_neemt_toegang_en_mail_over(
    behandeld, ib, regie, regie2, schakel, mailoutbox, django_capture_on_commit_callbacks
):
    aanpak = behandeld.aanpakken.get()

    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_aanpak(
            door=ib, aanpak=aanpak, behandelaar=schakel, **aanpak_velden(titel="Nieuw plan")
        )

    aanpak.refresh_from_db()
    assert aanpak.behandelaar == schakel
    assert aanpak.titel == "Nieuw plan"
    assert toegang.rechten_op(schakel, behandeld) == toegang.RECHTEN["behandelaar"]
    assert toegang.rechten_op(regie2, behandeld) == frozenset()
    assert toegang.rechten_op(regie, behandeld) == toegang.RECHTEN["coordinator"]
    [mail] = mailoutbox
    assert mail.to == ["schakel@voorbeeld.test"]
    assert "nieuwe aanpak toegevoegd voor u als behandelaar van Daan Willemsen" in mail.body


def test_aanpak_wijzigen_zonder_andere_behandelaar_stuurt_niets(
    behandeld, ib, regie2, mailoutbox, django_capture_on_commit_callbacks
):
    aanpak = behandeld.aanpakken.get()
    voor = set(behandeld.rechten.values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_aanpak(
            door=ib, aanpak=aanpak, behandelaar=regie2, **aanpak_velden(titel="Bijgesteld")
        )

    assert mailoutbox == []
    assert set(behandeld.rechten.values_list("pk", flat=True)) == voor


def test_aanpak_wijzigen_met_einddatum_voor_start_verandert_niets(behandeld, ib, regie2):
    aanpak = behandeld.aanpakken.get()

    with pytest.raises(ValidationError):
        services.wijzig_aanpak(
            door=ib,
            aanpak=aanpak,
            behandelaar=regie2,
            **aanpak_velden(titel="Fout", einddatum=gisteren()),
        )

    assert Aanpak.objects.get().titel == "Begeleiding in de klas"


def test_behandelaar_wijzigt_de_aanpak_niet(behandeld, regie2, schakel):
    aanpak = behandeld.aanpakken.get()

    with pytest.raises(PermissionDenied):
        services.wijzig_aanpak(door=regie2, aanpak=aanpak, behandelaar=schakel, **aanpak_velden())

    assert Aanpak.objects.get().behandelaar == regie2


# --- Bijlagen -----------------------------------------------------------------------------------


def test_de_testbestanden_zijn_wat_ze_zeggen():
    assert filetype.guess(PDF).mime == "application/pdf"
    assert filetype.guess(PNG).mime == "image/png"
    assert filetype.guess(EXE).mime == "application/x-msdownload"


@pytest.mark.parametrize(
    ("naam", "inhoud", "soort"),
    [("verslag.pdf", PDF, "application/pdf"), ("tekening.png", PNG, "image/png")],
)
def test_bijlage_toegevoegd(media, po, behandeld, ib, naam, inhoud, soort):
    # The browser claims nothing useful; the content decides.
    bijlage = services.voeg_bijlage_toe(
        door=ib,
        hulpvraag=behandeld,
        bestand=bestand(naam, inhoud, content_type="application/octet-stream"),
    )

    bijlage.refresh_from_db()
    assert (bijlage.naam, bijlage.content_type, bijlage.grootte) == (naam, soort, len(inhoud))
    assert bijlage.geupload_door == ib
    [pad] = opgeslagen_bestanden(media)
    assert pad.read_bytes() == inhoud
    assert pad.relative_to(media).parts[:2] == ("bijlagen", str(po.pk))
    # No name of a child, nor the uploaded name, in the stored path.
    assert "Daan" not in str(pad) and "Willemsen" not in str(pad)
    assert naam not in str(pad)


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("verslag.pdf", EXE, "Dit soort bestand kan niet worden toegevoegd."),
        ("verslag.pdf", b"", "Het bestand is leeg."),
        ("notitie.txt", b"Gewoon een tekst zonder kop.\n", "de inhoud telt, niet de naam"),
    ],
)
def test_bijlage_geweigerd_met_melding_en_zonder_bestand(
    media, behandeld, ib, naam, inhoud, melding
):
    with pytest.raises(ValidationError) as fout:
        services.voeg_bijlage_toe(door=ib, hulpvraag=behandeld, bestand=bestand(naam, inhoud))

    assert melding in fout.value.messages[0]
    assert not Bijlage.objects.exists()
    assert opgeslagen_bestanden(media) == []


def test_bijlage_groter_dan_het_maximum_geweigerd(media, settings, behandeld, ib):
    settings.BIJLAGE_MAX_MB = 1
    te_groot = PDF + b"0" * (1024 * 1024 + 1 - len(PDF))
    assert len(te_groot) == 1024 * 1024 + 1

    with pytest.raises(ValidationError) as fout:
        services.voeg_bijlage_toe(
            door=ib, hulpvraag=behandeld, bestand=bestand("scan.pdf", te_groot)
        )

    assert fout.value.messages == ["Het bestand is groter dan 1 MB. Verklein het of deel het op."]
    assert not Bijlage.objects.exists()
    assert opgeslagen_bestanden(media) == []


def test_bijlage_van_precies_het_maximum_mag(media, settings, behandeld, ib):
    settings.BIJLAGE_MAX_MB = 1
    precies = PDF + b"0" * (1024 * 1024 - len(PDF))

    bijlage = services.voeg_bijlage_toe(
        door=ib, hulpvraag=behandeld, bestand=bestand("scan.pdf", precies)
    )

    assert bijlage.grootte == 1024 * 1024


def test_wie_niet_betrokken_is_voegt_geen_bijlage_toe(media, behandeld, ib_andere_school, schakel):
    for persoon in (ib_andere_school, schakel):
        with pytest.raises(PermissionDenied):
            services.voeg_bijlage_toe(
                door=persoon, hulpvraag=behandeld, bestand=bestand("verslag.pdf", PDF)
            )

    assert not Bijlage.objects.exists()
    assert opgeslagen_bestanden(media) == []


def test_alleen_wie_de_bijlage_toevoegde_verwijdert_hem(
    media, behandeld, ib, coo, regie, regie2, django_capture_on_commit_callbacks
):
    bijlage = services.voeg_bijlage_toe(
        door=regie2, hulpvraag=behandeld, bestand=bestand("verslag.pdf", PDF)
    )
    pk = bijlage.pk
    [pad] = opgeslagen_bestanden(media)

    for persoon in (ib, coo, regie):  # all see it and may add bijlagen, none removes this one
        with pytest.raises(PermissionDenied, match="Alleen wie de bijlage toevoegde"):
            services.verwijder_bijlage(door=persoon, bijlage=bijlage)
    assert Bijlage.objects.filter(pk=pk).exists()
    assert pad.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.verwijder_bijlage(door=regie2, bijlage=bijlage)
        assert not Bijlage.objects.filter(pk=pk).exists()
        assert pad.exists()  # the file goes only once the removal is committed

    assert not pad.exists()
    assert opgeslagen_bestanden(media) == []


def test_teruggedraaide_verwijdering_laat_het_bestand_staan(
    media, behandeld, ib, django_capture_on_commit_callbacks
):
    bijlage = services.voeg_bijlage_toe(
        door=ib, hulpvraag=behandeld, bestand=bestand("verslag.pdf", PDF)
    )
    pk = bijlage.pk
    [pad] = opgeslagen_bestanden(media)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.verwijder_bijlage(door=ib, bijlage=bijlage)
        raise RuntimeError("de rest van de actie mislukt")

    assert callbacks == []
    assert Bijlage.objects.filter(pk=pk).exists()
    assert pad.exists()


def test_uploader_die_niet_meer_betrokken_is_verwijdert_niets(media, behandeld, ib, regie, regie2):
    bijlage = services.voeg_bijlage_toe(
        door=regie, hulpvraag=behandeld, bestand=bestand("verslag.pdf", PDF)
    )
    services.wijzig_coordinator(door=ib, hulpvraag=behandeld, coordinator=regie2)
    assert toegang.rechten_op(regie, behandeld) == frozenset()

    with pytest.raises(PermissionDenied):
        services.verwijder_bijlage(door=regie, bijlage=bijlage)

    assert Bijlage.objects.filter(pk=bijlage.pk).exists()

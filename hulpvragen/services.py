"""Business actions on a hulpvraag: each checks its recht, runs in one transaction, recomputes
access when a relation changes, and queues its mails."""

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F, ProtectedError, RestrictedError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Rol
from kindkans.grenzen import controleer_velden
from leerlingen.selectors import leerlingen_voor
from notificaties.catalogus import Soort
from notificaties.services import maak_notificatie

from . import toegang, workflow
from .bijlagen import vermomt_naam
from .models import Aanpak, Bijlage, Hulpvraag, StatusWijziging, aanpak_gewijzigd
from .selectors import ib_coo_van_school, lopende_hulpvragen_van, mogelijke_coordinatoren
from .workflow import Status


class Conflict(Exception):
    """Someone else saved this hulpvraag or aanpak after the person opened it; `opgeslagen` is
    the row as stored now."""

    def __init__(self, opgeslagen):
        super().__init__("Iemand anders heeft dit intussen gewijzigd.")
        self.opgeslagen = opgeslagen


def mag_hulpvraag_inzetten(lidmaatschappen):
    """Only the IB/COO of a school zet een hulpvraag in: one of the person's active
    lidmaatschappen in this omgeving (request.lidmaatschappen) is IB/COO."""
    return any(lid.rol == Rol.IB_COO for lid in lidmaatschappen)


def _bewaar_als_versie(rijen, pk, versie, **velden):
    """Write `velden` and raise the versie in one UPDATE ... WHERE versie = x, so the check and
    the write are one step (also where select_for_update does not lock, SQLite). Without a
    versie (no form started from one) there is nothing to compare."""
    rij = rijen.filter(pk=pk)
    if versie is not None:
        rij = rij.filter(versie=versie)
    if not rij.update(**velden, versie=F("versie") + 1, gewijzigd_op=timezone.now()):
        raise Conflict(rijen.get(pk=pk))
    return rijen.values_list("versie", "gewijzigd_op").get(pk=pk)


def _eis(gebruiker, hulpvraag, recht, bericht):
    if recht not in toegang.rechten_op(gebruiker, hulpvraag):
        raise PermissionDenied(bericht)


def mail_over_hulpvraag(*, ontvanger, hulpvraag, soort, pad, **context):
    """Queue a mail about this hulpvraag, with the names every mail of the catalogue uses;
    returns the Notificatie."""
    return maak_notificatie(
        ontvanger=ontvanger,
        omgeving=hulpvraag.omgeving,
        soort=soort,
        pad=pad,
        context={
            "ontvanger_naam": ontvanger.get_full_name(),
            "leerling_naam": hulpvraag.leerling.volledige_naam,
            "hulpvraag_titel": hulpvraag.titel,
            "hulpvraag_nummer": hulpvraag.nummer,
            **context,
        },
    )


def _mail_coordinator(hulpvraag, door):
    if hulpvraag.coordinator != door:
        mail_over_hulpvraag(
            ontvanger=hulpvraag.coordinator,
            hulpvraag=hulpvraag,
            soort=Soort.COORDINATOR_GEWIJZIGD,
            pad=reverse("hulpvragen:detail", args=[hulpvraag.pk]),
            door_naam=door.get_full_name(),
        )


def _controleer_coordinator(hulpvraag, coordinator, veld="coordinator"):
    if not mogelijke_coordinatoren(omgeving=hulpvraag.omgeving).filter(pk=coordinator.pk).exists():
        raise ValidationError(
            {
                veld: "Kies een schakelfunctionaris verbinding onderwijs/jeugdhulp of een "
                "regierolhouder van deze omgeving."
            }
        )


TWEEDE_NIET_BEVESTIGD = (
    "Er loopt al een hulpvraag voor deze leerling. Overleg met de coördinator, of vink aan dat "
    "u toch een nieuwe hulpvraag wilt inzetten."
)


def _een_tegelijk_voor_dit_kind(leerling, omgeving):
    """Two IB/COOs (or two tabs) starting a hulpvraag for the same child at the same moment:
    on PostgreSQL the second waits here until the first has committed, so its check for an
    open hulpvraag sees the first. The key is the omgeving and the geboortedatum, which the
    same child has at every school (selectors._lopend_voor_zelfde_kind); a lock until the end
    of the transaction. SQLite, the embedded default, has no such lock."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)",
            [omgeving.pk, leerling.geboortedatum.toordinal()],
        )


def maak_hulpvraag(
    *, door, omgeving, leerling, titel, omschrijving, coordinator, bevestig_tweede=False
):
    """IB/COO zet de hulpvraag in Kindkans, with the schakelfunctionaris as first coördinator.

    When the child (at this or another school of the omgeving, selectors.lopende_hulpvragen_van)
    already has an open hulpvraag, a new one is only made with `bevestig_tweede`: the person
    has seen the warning and starts a second one on purpose."""
    if not leerlingen_voor(gebruiker=door, omgeving=omgeving).filter(pk=leerling.pk).exists():
        raise PermissionDenied(
            "Alleen de IB/COO van de school zet een hulpvraag voor deze leerling."
        )
    if leerling.controle_nodig():
        raise ValidationError(
            "Controleer eerst of de basis- en schoolgegevens van de leerling actueel zijn."
        )
    hulpvraag = Hulpvraag(
        omgeving=omgeving,
        leerling=leerling,
        titel=titel,
        omschrijving=omschrijving,
        coordinator=coordinator,
        aangemaakt_door=door,
    )
    controleer_velden(hulpvraag, "titel", "omschrijving")
    _controleer_coordinator(hulpvraag, coordinator)
    with transaction.atomic():
        _een_tegelijk_voor_dit_kind(leerling, omgeving)
        if (
            not bevestig_tweede
            and lopende_hulpvragen_van(leerling=leerling, omgeving=omgeving).exists()
        ):
            raise ValidationError({"bevestig_tweede": TWEEDE_NIET_BEVESTIGD})
        hulpvraag.save()
        StatusWijziging.objects.create(hulpvraag=hulpvraag, naar=Status.AANGEMELD, door=door)
        toegang.synchroniseer_toegang(hulpvraag)
        _mail_coordinator(hulpvraag, door)
    return hulpvraag


@transaction.atomic
def wijzig_hulpvraag(*, door, hulpvraag, titel, omschrijving, versie=None):
    """IB/COO or coördinator changes titel and omschrijving. `versie` is the version the person
    opened; if someone saved after that, Conflict is raised and nothing is written."""
    _eis(door, hulpvraag, toegang.WIJZIGEN, "U mag deze hulpvraag niet wijzigen.")
    hulpvraag.titel = titel
    hulpvraag.omschrijving = omschrijving
    hulpvraag.full_clean()
    with transaction.atomic():
        hulpvraag.versie, hulpvraag.gewijzigd_op = _bewaar_als_versie(
            Hulpvraag.objects,
            hulpvraag.pk,
            versie,
            titel=titel,
            omschrijving=omschrijving,
            zoektekst=hulpvraag.bereken_zoektekst(),
        )
    return hulpvraag


def wijzig_coordinator(*, door, hulpvraag, coordinator):
    """IB/COO wijzigt de coördinator (e.g. into the regierolhouder); access and mail follow."""
    _eis(
        door, hulpvraag, toegang.WIJZIGEN, "U mag de coördinator van deze hulpvraag niet wijzigen."
    )
    if coordinator == hulpvraag.coordinator:
        return hulpvraag
    _controleer_coordinator(hulpvraag, coordinator)
    with transaction.atomic():
        hulpvraag.coordinator = coordinator
        hulpvraag.save(update_fields=["coordinator", "gewijzigd_op"])
        toegang.synchroniseer_toegang(hulpvraag)
        _mail_coordinator(hulpvraag, door)
    return hulpvraag


def _mail_behandelaar(aanpak):
    mail_over_hulpvraag(
        ontvanger=aanpak.behandelaar,
        hulpvraag=aanpak.hulpvraag,
        soort=Soort.AANPAK_BEHANDELAAR,
        pad=reverse("hulpvragen:aanpak", args=[aanpak.hulpvraag_id]) + f"#aanpak-{aanpak.pk}",
        aanpak_titel=aanpak.titel,
    )


def voeg_aanpak_toe(*, door, hulpvraag, titel, omschrijving, startdatum, einddatum, behandelaar):
    """IB/COO maakt een aanpak aan and so invites the regierolhouder as behandelaar."""
    _eis(door, hulpvraag, toegang.WIJZIGEN, "U mag bij deze hulpvraag geen aanpak toevoegen.")
    _controleer_coordinator(hulpvraag, behandelaar, veld="behandelaar")
    aanpak = Aanpak(
        hulpvraag=hulpvraag,
        titel=titel,
        omschrijving=omschrijving,
        startdatum=startdatum,
        einddatum=einddatum,
        behandelaar=behandelaar,
        aangemaakt_door=door,
    )
    aanpak.full_clean()
    with transaction.atomic():
        aanpak.save()
        toegang.synchroniseer_toegang(hulpvraag)
        if behandelaar != door:
            _mail_behandelaar(aanpak)
    return aanpak


def wijzig_aanpak(
    *, door, aanpak, titel, omschrijving, startdatum, einddatum, behandelaar, versie=None
):
    """Change an aanpak; a new behandelaar gets access and the mail, the old one loses access
    unless another relation keeps it. `versie` is the version the person opened; if someone
    saved after that, Conflict is raised and nothing is written."""
    hulpvraag = aanpak.hulpvraag
    _eis(door, hulpvraag, toegang.WIJZIGEN, "U mag deze aanpak niet wijzigen.")
    # Compare with what is stored: a ModelForm has already put the new values on `aanpak`.
    opgeslagen = Aanpak.objects.values_list("behandelaar_id", flat=True).get(pk=aanpak.pk)
    nieuwe_behandelaar = behandelaar.pk != opgeslagen
    if nieuwe_behandelaar:
        _controleer_coordinator(hulpvraag, behandelaar, veld="behandelaar")
    aanpak.titel = titel
    aanpak.omschrijving = omschrijving
    aanpak.startdatum = startdatum
    aanpak.einddatum = einddatum
    aanpak.behandelaar = behandelaar
    aanpak.full_clean()
    with transaction.atomic():
        aanpak.versie, aanpak.gewijzigd_op = _bewaar_als_versie(
            Aanpak.objects.select_related("behandelaar"),
            aanpak.pk,
            versie,
            titel=titel,
            omschrijving=omschrijving,
            startdatum=startdatum,
            einddatum=einddatum,
            behandelaar=behandelaar,
        )
        if nieuwe_behandelaar:
            toegang.synchroniseer_toegang(hulpvraag)
            if behandelaar != door:
                _mail_behandelaar(aanpak)
        aanpak_gewijzigd.send(sender=Aanpak, aanpak=aanpak)
    return aanpak


def wijzig_status(*, door, hulpvraag, naar, omschrijving=""):
    """Pas de status van de hulpvraag aan, as the transition table allows; the IB/COO is told."""
    overgang = workflow.overgang(hulpvraag.status, naar)
    if overgang is None:
        raise ValidationError(
            f"Van {Status(hulpvraag.status).label} kan de status niet naar {Status(naar).label}."
        )
    if overgang.recht == workflow.AFRONDEN:
        bericht = "Alleen de IB/COO van de school rondt een hulpvraag af of heropent hem."
    else:
        bericht = "Alleen de coördinator of een behandelaar past deze status aan."
    _eis(door, hulpvraag, overgang.recht, bericht)
    controleer_velden(StatusWijziging(omschrijving=omschrijving), "omschrijving")
    with transaction.atomic():
        # Lock the row: two people changing the status at once must not skip a step.
        vergrendeld = Hulpvraag.objects.select_for_update().get(pk=hulpvraag.pk)
        if vergrendeld.status != hulpvraag.status:
            raise ValidationError(
                "De status is intussen door iemand anders gewijzigd. Kijk opnieuw."
            )
        wijziging = StatusWijziging.objects.create(
            hulpvraag=hulpvraag,
            van=hulpvraag.status,
            naar=naar,
            omschrijving=omschrijving,
            door=door,
        )
        hulpvraag.status = naar
        hulpvraag.save(update_fields=["status", "gewijzigd_op"])
        if overgang.mail:
            for ontvanger in ib_coo_van_school(hulpvraag):
                if ontvanger == door:
                    continue
                mail_over_hulpvraag(
                    ontvanger=ontvanger,
                    hulpvraag=hulpvraag,
                    soort=overgang.mail,
                    pad=reverse("hulpvragen:detail", args=[hulpvraag.pk]),
                    door_naam=door.get_full_name(),
                    status=Status(naar).label,
                    omschrijving=omschrijving,
                )
    return wijziging


# --- Termijnen ---------------------------------------------------------------------------------


def zet_termijnen(*, termijnen):
    """Store the termijn of hulpvragen as werk.termijnen computed them: {hulpvraag_id: None, or
    (date, id of who is aan zet or None, the step in words)}. A derived column, not an edit:
    neither versie nor gewijzigd_op moves (an open form must not meet a Conflict, the list's
    "Laatst gewijzigd" stays what people did), and no signal fires. One UPDATE per distinct
    value, so a batch costs a handful of statements; a row that already holds it is left
    alone. Returns the number of rows changed."""
    per_waarde = {}
    for hulpvraag_id, waarde in termijnen.items():
        per_waarde.setdefault(waarde or (None, None, ""), []).append(hulpvraag_id)
    geschreven = 0
    with transaction.atomic():
        for (datum, aan_zet, stap), ids in per_waarde.items():
            rijen = Hulpvraag.objects.filter(pk__in=ids).exclude(
                termijn=datum, termijn_aan_zet_id=aan_zet, termijn_stap=stap
            )
            if datum is None:
                rijen = Hulpvraag.objects.filter(pk__in=ids).exclude(
                    termijn__isnull=True, termijn_aan_zet__isnull=True, termijn_stap=""
                )
            geschreven += rijen.update(termijn=datum, termijn_aan_zet_id=aan_zet, termijn_stap=stap)
    return geschreven


# --- Bijlagen -----------------------------------------------------------------------------------

TOEGESTANE_BESTANDEN = {
    "application/pdf": "PDF",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.oasis.opendocument.text": "OpenDocument-tekst",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument-rekenblad",
    "image/jpeg": "afbeelding",
    "image/png": "afbeelding",
    "image/gif": "afbeelding",
    "image/webp": "afbeelding",
    "image/heic": "afbeelding",
}

# The extensions a name may have for each type, the usual one first: a stored name always ends
# in one of them, so that the file opens as what its content is (a PDF named .exe does not).
EXTENSIES = {
    "application/pdf": ["pdf"],
    "application/msword": ["doc"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
    "application/vnd.ms-excel": ["xls"],
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
    "application/vnd.oasis.opendocument.text": ["odt"],
    "application/vnd.oasis.opendocument.spreadsheet": ["ods"],
    "image/jpeg": ["jpg", "jpeg"],
    "image/png": ["png"],
    "image/gif": ["gif"],
    "image/webp": ["webp"],
    "image/heic": ["heic"],
}


def soort_bestand(bestand):
    """The MIME type read from the file's first bytes, never from its name."""
    bestand.seek(0)
    kop = bestand.read(8192)
    bestand.seek(0)
    gevonden = filetype.guess(kop)
    return gevonden.mime if gevonden else None


def controleer_bestand(bestand):
    """Refuse a disguised name, and what is empty, too large, or not a PDF, Word, Excel or image
    by its content."""
    if vermomt_naam(bestand.name):
        raise ValidationError(
            "De bestandsnaam bevat een onzichtbaar teken dat de naam kan vermommen; geef het "
            "bestand een gewone naam."
        )
    maximum = settings.BIJLAGE_MAX_MB * 1024 * 1024
    if not bestand.size:
        raise ValidationError("Het bestand is leeg.")
    if bestand.size > maximum:
        raise ValidationError(
            f"Het bestand is groter dan {settings.BIJLAGE_MAX_MB} MB. Verklein het of deel het op."
        )
    soort = soort_bestand(bestand)
    if soort not in TOEGESTANE_BESTANDEN:
        raise ValidationError(
            "Dit soort bestand kan niet worden toegevoegd. Voeg een PDF, Word- of Excel-bestand "
            "of een afbeelding (JPG, PNG, GIF) toe. Let op: de inhoud telt, niet de naam."
        )
    return soort


def naam_bij_soort(naam, soort):
    """The name with the extension of the type its content has: rapport.exe of a PDF becomes
    rapport.pdf; a name that already fits stays as it is."""
    stam, punt, extensie = naam.rpartition(".")
    if not (punt and stam):
        stam, extensie = naam, ""
    if extensie.lower() not in EXTENSIES[soort]:
        extensie = EXTENSIES[soort][0]
    ruimte = Bijlage._meta.get_field("naam").max_length - len(extensie) - 1
    return f"{stam[:ruimte]}.{extensie}"


def voeg_bijlage_toe(*, door, hulpvraag, bestand):
    """Add a bijlage; everyone involved in the hulpvraag can see it."""
    _eis(
        door,
        hulpvraag,
        toegang.BIJLAGE_TOEVOEGEN,
        "U mag bij deze hulpvraag geen bijlage toevoegen.",
    )
    soort = controleer_bestand(bestand)
    bijlage = Bijlage(
        hulpvraag=hulpvraag,
        naam=naam_bij_soort(bestand.name, soort),
        content_type=soort,
        grootte=bestand.size,
        geupload_door=door,
    )
    with transaction.atomic():
        bijlage.bestand.save("bijlage", bestand, save=False)
        bijlage.save()
    return bijlage


def mag_bijlage_verwijderen(gebruiker, bijlage, rechten):
    """Only who added a bijlage removes it, and only while they may still add bijlagen here."""
    return bijlage.geupload_door_id == gebruiker.pk and toegang.BIJLAGE_TOEVOEGEN in rechten


def verwijder_bijlage(*, door, bijlage):
    """The uploader removes their own bijlage (file included)."""
    if not mag_bijlage_verwijderen(door, bijlage, toegang.rechten_op(door, bijlage.hulpvraag)):
        raise PermissionDenied("Alleen wie de bijlage toevoegde, kan hem verwijderen.")
    bestand = bijlage.bestand
    try:
        with transaction.atomic():
            bijlage.delete()
            transaction.on_commit(lambda: bestand.storage.delete(bestand.name))
    except (ProtectedError, RestrictedError):
        # Kept as the proof of a record elsewhere (ouders: the signed form of a toestemming).
        raise ValidationError(
            "Deze bijlage blijft bewaard: het is het ondertekende formulier bij een toestemming."
        ) from None

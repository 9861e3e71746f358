"""The rules of Ouders en leerling: who keeps the parents, who records or asks consent, what a
parent may answer, and when an overlegronde needs the parents' consent. Views, the parents'
pages and the overlegronde check call these; they hold no rules of their own.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap, Organisatie, Rol
from hulpvragen import toegang
from hulpvragen.services import mail_over_hulpvraag, voeg_bijlage_toe
from kindkans.grenzen import controleer_velden
from leerlingen.selectors import scholen_van_ib_coo
from notificaties.catalogus import Soort
from notificaties.geheime_links import CODE_PLAATSHOUDER, PLAATSHOUDER
from notificaties.services import maak_notificatie

from . import links
from .models import (
    StemVanDeLeerling,
    Toestemming,
    Toestemmingssoort,
    Uitnodiging,
    Zienswijze,
)

# --- Who may -----------------------------------------------------------------------------------


def is_ib_coo_van(gebruiker, leerling, lidmaatschappen=None):
    """The IB/COO of the leerling's school (in its omgeving): keeps the parents, registers
    consent on paper. `lidmaatschappen`: the person's active ones in the current omgeving,
    when the request has them already (request.lidmaatschappen), read instead of the database."""
    if lidmaatschappen is not None:
        return any(
            lid.gebruiker_id == gebruiker.pk
            and lid.omgeving_id == leerling.omgeving_id
            and lid.organisatie_id == leerling.school_id
            and lid.rol == Rol.IB_COO
            for lid in lidmaatschappen
        )
    return (
        scholen_van_ib_coo(gebruiker=gebruiker, omgeving=leerling.omgeving_id)
        .filter(organisatie_id=leerling.school_id)
        .exists()
    )


def is_betrokken(rechten):
    """IB/COO, coördinator or behandelaar: who sees the formulieren (DESIGN.md §4). They read
    the tab Ouders en leerling, invite a parent and record de stem van de leerling."""
    return toegang.FORMULIEREN in rechten


def mag_toestemming_registreren(gebruiker, hulpvraag, rechten, lidmaatschappen=None):
    return is_betrokken(rechten) and is_ib_coo_van(gebruiker, hulpvraag.leerling, lidmaatschappen)


def mag_ouder_uitnodigen(rechten):
    return is_betrokken(rechten)


def mag_ouder_bij_overleg_uitnodigen(gebruiker, overlegronde, rechten):
    """Who may open a round (coördinator or behandelaar) invites a parent into an open one."""
    return toegang.OVERLEGRONDE in rechten and overlegronde.is_open()


def soorten_voor(omgeving):
    """The kinds of consent of this omgeving: the two fixed ones and the omgeving's own."""
    return Toestemmingssoort.objects.filter(
        Q(omgeving__isnull=True) | Q(omgeving=omgeving), actief=True
    )


def lees_soorten(omgeving):
    """soorten_voor as a list for a page, in one query. Should a fixed kind have gone missing
    (a database emptied and filled anew), it is made again first (`objects.vaste()`)."""
    # (A fixed kind a superuser switched off costs the check on every page: it stays off.)
    soorten = list(soorten_voor(omgeving))
    vast = {soort.code for soort in soorten if soort.omgeving_id is None}
    if not vast >= {Toestemmingssoort.AANMELDING, Toestemmingssoort.DELEN}:
        Toestemmingssoort.objects.vaste()
        soorten = list(soorten_voor(omgeving))
    return soorten


def stemmen_voor(rechten, hulpvraag):
    """De stem van de leerling as this person may read it: all of it for the involved, what was
    shared for a deelnemer, nothing for anyone else."""
    if is_betrokken(rechten):
        return hulpvraag.stemmen.all()
    if toegang.ZIEN in rechten:
        return hulpvraag.stemmen.filter(gedeeld_met_deelnemers=True)
    return StemVanDeLeerling.objects.none()


# --- Ouders/verzorgers -------------------------------------------------------------------------


def _eis_ib_coo(door, leerling):
    if not is_ib_coo_van(door, leerling):
        raise PermissionDenied("Alleen de IB/COO van de school beheert de ouders/verzorgers.")


@transaction.atomic
def bewaar_ouder(*, door, ouder):
    """IB/COO adds or corrects a parent of a leerling of their school."""
    _eis_ib_coo(door, ouder.leerling)
    ouder.full_clean()
    ouder.gewijzigd_door = door
    ouder.save()
    return ouder


@transaction.atomic
def verwijder_ouder(*, door, ouder):
    """IB/COO removes a parent who has no answer on record (those stay, as evidence)."""
    _eis_ib_coo(door, ouder.leerling)
    if ouder.toestemmingen.exists() or ouder.zienswijzen.exists():
        raise ValidationError(
            "Deze ouder/verzorger heeft een toestemming of zienswijze in een dossier en blijft "
            "daarom bewaard. Pas de gegevens aan als ze niet meer kloppen."
        )
    ouder.delete()


# --- Toestemming -------------------------------------------------------------------------------


def _eis_eigen_ouder(ouder, hulpvraag):
    if ouder.leerling_id != hulpvraag.leerling_id:
        raise ValidationError({"ouder": "Kies een ouder/verzorger van deze leerling."})


def _eis_soort(soort, hulpvraag):
    if not soorten_voor(hulpvraag.omgeving).filter(pk=soort.pk).exists():
        raise ValidationError({"soort": "Kies een soort toestemming van deze omgeving."})


def _eis_gezag(ouder):
    if not ouder.gezag:
        raise ValidationError(
            {"ouder": "Alleen een ouder/verzorger met ouderlijk gezag geeft toestemming."}
        )


@transaction.atomic
def registreer_toestemming(
    *, door, hulpvraag, ouder, soort, besluit, wijze, op, bestand=None, toelichting=""
):
    """The IB/COO records a parent's answer given on paper or in a conversation, with the
    signed form as a bijlage when there is one."""
    if not mag_toestemming_registreren(door, hulpvraag, toegang.rechten_op(door, hulpvraag)):
        raise PermissionDenied("Alleen de IB/COO van de school registreert een toestemming.")
    _eis_eigen_ouder(ouder, hulpvraag)
    _eis_soort(soort, hulpvraag)
    _eis_gezag(ouder)
    if wijze == Toestemming.Wijze.DIGITAAL:
        raise ValidationError({"wijze": "Digitaal geeft de ouder zelf toestemming."})
    if op > timezone.now():
        raise ValidationError({"op": "De datum ligt in de toekomst."})
    toestemming = Toestemming(
        hulpvraag=hulpvraag,
        soort=soort,
        ouder=ouder,
        besluit=besluit,
        wijze=wijze,
        op=op,
        vastgelegd_door=door,
        toelichting=toelichting,
    )
    toestemming.full_clean(exclude=["bijlage"])
    if bestand is not None:
        toestemming.bijlage = voeg_bijlage_toe(door=door, hulpvraag=hulpvraag, bestand=bestand)
    toestemming.save()
    return toestemming


@transaction.atomic
def trek_in(*, toestemming, door=None, uitnodiging=None, wijze=None, op=None):
    """A given consent is withdrawn: registered by the IB/COO (`door`, on paper or in a
    conversation, `op` the moment the parent withdrew it, now when not given), or digitally by
    the parent during their visit (`uitnodiging`, now)."""
    toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    if uitnodiging is not None:
        if toestemming.ouder_id != uitnodiging.ouder_id or (
            toestemming.hulpvraag_id != uitnodiging.hulpvraag_id
        ):
            raise PermissionDenied("Alleen de ouder die toestemming gaf, trekt die digitaal in.")
        # As for an answer: only while the invitation runs (the visit checks it too).
        if not uitnodiging.loopt():
            raise ValidationError("Deze uitnodiging is verlopen.")
        wijze = Toestemming.Wijze.DIGITAAL
    else:
        hulpvraag = toestemming.hulpvraag
        if not mag_toestemming_registreren(door, hulpvraag, toegang.rechten_op(door, hulpvraag)):
            raise PermissionDenied("Alleen de IB/COO van de school registreert een intrekking.")
        if wijze not in (Toestemming.Wijze.OP_PAPIER, Toestemming.Wijze.MONDELING):
            raise ValidationError({"wijze": "Kies hoe de ouder de toestemming introk."})
    if not toestemming.geldig:
        raise ValidationError("Deze toestemming is niet (meer) van kracht.")
    nu = timezone.now()
    if uitnodiging is not None or op is None:
        op = nu
    elif op > nu:
        raise ValidationError({"op": "De datum ligt in de toekomst."})
    elif op < toestemming.op:
        raise ValidationError(
            {"op": "De datum ligt vóór de dag waarop de toestemming werd gegeven."}
        )
    toestemming.ingetrokken_op = op
    toestemming.ingetrokken_wijze = wijze
    toestemming.ingetrokken_door = door
    toestemming.save(update_fields=["ingetrokken_op", "ingetrokken_wijze", "ingetrokken_door"])
    if uitnodiging is not None:
        _mail_antwoord(
            uitnodiging, f"heeft de toestemming ingetrokken voor: {toestemming.soort.naam}"
        )
    return toestemming


def laatste_antwoorden(toestemmingen):
    """Per kind, per parent with gezag, their latest answer, from records of one hulpvraag in
    any order (with their ouder loaded): {soort_id: {ouder_id: toestemming}}. The pages that
    show every record work this out from the rows they already have."""
    laatste = {}
    for toestemming in sorted(toestemmingen, key=lambda t: (t.op, t.pk), reverse=True):
        if toestemming.ouder.gezag:
            laatste.setdefault(toestemming.soort_id, {}).setdefault(
                toestemming.ouder_id, toestemming
            )
    return laatste


def telt_als_gegeven(laatste):
    """On one kind's latest answers ({ouder_id: toestemming}): a parent with gezag gave it, and
    no parent with gezag declined or withdrew it since."""
    antwoorden = list(laatste.values())
    return any(t.geldig for t in antwoorden) and all(t.geldig for t in antwoorden)


def stand_van_toestemming(hulpvraag, soort):
    """Per parent with gezag of the leerling, their latest answer to this kind (or None)."""
    toestemmingen = Toestemming.objects.filter(
        hulpvraag=hulpvraag, soort=soort, ouder__gezag=True
    ).select_related("ouder")
    return laatste_antwoorden(toestemmingen).get(soort.pk, {})


def heeft_toestemming(hulpvraag, code):
    """A parent with gezag gave this consent, and no parent with gezag declined or withdrew it
    since (each parent's latest answer counts)."""
    soort = Toestemmingssoort.objects.vaste().get(code)
    if soort is None:
        return False
    return telt_als_gegeven(stand_van_toestemming(hulpvraag, soort))


# --- The overlegronde check ----------------------------------------------------------------------


def van_buiten(hulpvraag, deelnemers):
    """The deelnemers who work neither at the leerling's school nor at an SWV organisatie."""
    binnen = set(
        Lidmaatschap.objects.actief()
        .filter(omgeving_id=hulpvraag.omgeving_id, gebruiker__in=deelnemers)
        .filter(
            Q(organisatie_id=hulpvraag.leerling.school_id)
            | Q(organisatie__soort=Organisatie.Soort.SWV)
        )
        .values_list("gebruiker_id", flat=True)
    )
    return [d for d in deelnemers if d.pk not in binnen]


def _delen_verplicht(hulpvraag):
    return hulpvraag.omgeving.toestemming_voor_delen_verplicht and not heeft_toestemming(
        hulpvraag, Toestemmingssoort.DELEN
    )


def controleer_toestemming_voor_overleg(*, hulpvraag, deelnemers):
    """overleg.controles: with the omgeving's setting on, no round with deelnemers from outside
    the school and the SWV without the parents' consent for sharing."""
    if not _delen_verplicht(hulpvraag):
        return
    buiten = van_buiten(hulpvraag, deelnemers)
    if buiten:
        namen = ", ".join(d.get_full_name() for d in buiten)
        raise ValidationError(
            {
                "deelnemers": f"{namen} werkt niet bij de school of het samenwerkingsverband. "
                "Daarvoor is toestemming van de ouders nodig voor het delen van het dossier, en "
                "die is er niet. Vraag die aan via het tabblad Ouders en leerling, of kies "
                "alleen deelnemers van de school of het samenwerkingsverband."
            }
        )


def _uitleg(hulpvraag):
    if _delen_verplicht(hulpvraag):
        return (
            "Voor deelnemers van buiten de school en het samenwerkingsverband is toestemming "
            "van de ouders nodig voor het delen van het dossier. Die is er nog niet: vraag die "
            "aan via het tabblad Ouders en leerling."
        )
    return None


controleer_toestemming_voor_overleg.uitleg = _uitleg


# --- Inviting a parent ---------------------------------------------------------------------------


def _ouder_context(uitnodiging):
    hulpvraag = uitnodiging.hulpvraag
    door = uitnodiging.aangemaakt_door
    return {
        "ouder_naam": uitnodiging.ouder.naam,
        "leerling_voornaam": hulpvraag.leerling.voornaam,
        "school_naam": hulpvraag.leerling.school.naam,
        "door_naam": door.get_full_name(),
        "door_email": door.email,
        "geldig_tot": uitnodiging.geldig_tot,
        "bericht": uitnodiging.bericht,
        "link": PLAATSHOUDER,
    }


def _mail_aan_ouder(uitnodiging, soort, **context):
    maak_notificatie(
        ontvanger=None,
        adres=uitnodiging.ouder.email,
        naam=uitnodiging.ouder.naam,
        omgeving=uitnodiging.hulpvraag.omgeving,
        soort=soort,
        pad=links.pad(uitnodiging),
        context={**_ouder_context(uitnodiging), **context},
    )


def uitnodigbaar(ouders):
    """Of these parents (read already), who can be invited by mail, to give consent or to read
    along in a round: what _eis_gezag and _eis_adres let through."""
    return [ouder for ouder in ouders if ouder.gezag and ouder.email]


def _eis_adres(ouder):
    if not ouder.email:
        raise ValidationError(
            {"ouder": "Van deze ouder/verzorger is geen e-mailadres bekend. Vul dat eerst in."}
        )


@transaction.atomic
def nodig_uit_voor_toestemming(*, door, hulpvraag, ouder, soorten, bericht=""):
    """The IB/COO or the regierolhouder asks a parent for consent; the mail carries the link."""
    if not mag_ouder_uitnodigen(toegang.rechten_op(door, hulpvraag)):
        raise PermissionDenied("Alleen wie bij de hulpvraag betrokken is, nodigt een ouder uit.")
    _eis_eigen_ouder(ouder, hulpvraag)
    _eis_adres(ouder)
    _eis_gezag(ouder)
    soorten = list(soorten)
    if not soorten:
        raise ValidationError({"soorten": "Kies waarvoor u toestemming vraagt."})
    for soort in soorten:
        _eis_soort(soort, hulpvraag)
    uitnodiging = Uitnodiging(
        ouder=ouder,
        hulpvraag=hulpvraag,
        doel=Uitnodiging.Doel.TOESTEMMING,
        bericht=bericht,
        aangemaakt_door=door,
        geldig_tot=timezone.localdate() + timedelta(days=settings.OUDER_UITNODIGING_DAGEN),
    )
    controleer_velden(uitnodiging, "bericht")
    uitnodiging.save()
    uitnodiging.soorten.set(soorten)
    _mail_aan_ouder(
        uitnodiging,
        Soort.OUDER_TOESTEMMING,
        vragen="\n".join(f"- {soort.naam}" for soort in soorten),
    )
    return uitnodiging


@transaction.atomic
def nodig_uit_voor_overleg(*, door, overlegronde, ouder, bericht=""):
    """Who opens rounds invites a parent to read along and react, until the round's einddatum."""
    hulpvraag = overlegronde.hulpvraag
    if not mag_ouder_bij_overleg_uitnodigen(
        door, overlegronde, toegang.rechten_op(door, hulpvraag)
    ):
        raise PermissionDenied(
            "Alleen de coördinator of een behandelaar nodigt een ouder uit, in een open "
            "overlegronde."
        )
    _eis_eigen_ouder(ouder, hulpvraag)
    _eis_adres(ouder)
    # Reading the dossier along is for who holds parental authority, as consent is.
    if not ouder.gezag:
        raise ValidationError(
            {
                "ouder": "Alleen een ouder/verzorger met ouderlijk gezag leest mee in een "
                "overlegronde."
            }
        )
    if Uitnodiging.objects.filter(
        overlegronde=overlegronde, ouder=ouder, ingetrokken_op__isnull=True
    ).exists():
        raise ValidationError({"ouder": "Deze ouder is al uitgenodigd voor deze overlegronde."})
    uitnodiging = Uitnodiging(
        ouder=ouder,
        hulpvraag=hulpvraag,
        doel=Uitnodiging.Doel.OVERLEG,
        overlegronde=overlegronde,
        bericht=bericht,
        aangemaakt_door=door,
        geldig_tot=overlegronde.einddatum,
    )
    controleer_velden(uitnodiging, "bericht")
    uitnodiging.save()
    _mail_aan_ouder(
        uitnodiging,
        Soort.OUDER_OVERLEGRONDE,
        overlegronde_titel=overlegronde.titel,
        overlegronde_omschrijving=overlegronde.omschrijving,
    )
    return uitnodiging


@transaction.atomic
def trek_uitnodiging_in(*, door, uitnodiging):
    """Whoever may invite stops an invitation: its link and any visit end at once."""
    if not mag_ouder_uitnodigen(toegang.rechten_op(door, uitnodiging.hulpvraag)):
        raise PermissionDenied("Alleen wie bij de hulpvraag betrokken is, stopt een uitnodiging.")
    if uitnodiging.ingetrokken_op is None:
        uitnodiging.ingetrokken_op = timezone.now()
        uitnodiging.save(update_fields=["ingetrokken_op"])
    return uitnodiging


# --- The parent, during a visit or on the way in -----------------------------------------------


def stuur_code(uitnodiging):
    """The parent asks for the code: a mail with a fresh one (made as it leaves)."""
    if not uitnodiging.loopt() or uitnodiging.link_gebruikt_op is not None:
        raise ValidationError("Deze link werkt niet meer.")
    uitnodiging.code_gevraagd_op = timezone.now()
    uitnodiging.save(update_fields=["code_gevraagd_op"])
    maak_notificatie(
        ontvanger=None,
        adres=uitnodiging.ouder.email,
        naam=uitnodiging.ouder.naam,
        omgeving=uitnodiging.hulpvraag.omgeving,
        soort=Soort.OUDER_CODE,
        pad=links.pad(uitnodiging),
        context={
            "ouder_naam": uitnodiging.ouder.naam,
            "code": CODE_PLAATSHOUDER,
            "geldig_minuten": settings.OUDER_CODE_MINUTEN,
        },
    )


@transaction.atomic
def stuur_nieuwe_link(uitnodiging):
    """The parent's link was used or lost while the invitation runs: a new one, to the same
    address; the old link stops working."""
    if not uitnodiging.loopt():
        raise ValidationError("Deze uitnodiging is verlopen.")
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
        linkversie=uitnodiging.linkversie + 1,
        link_gebruikt_op=None,
        nieuwe_link_op=timezone.now(),
        code_hash="",
        code_geldig_tot=None,
        foute_codes=0,
    )
    uitnodiging.refresh_from_db()
    _mail_aan_ouder(uitnodiging, Soort.OUDER_NIEUWE_LINK)
    return uitnodiging


def gevraagde_soorten(uitnodiging):
    if uitnodiging.doel != Uitnodiging.Doel.TOESTEMMING:
        return Toestemmingssoort.objects.none()
    return uitnodiging.soorten.filter(actief=True)


@transaction.atomic
def antwoord_van_ouder(*, uitnodiging, soort, besluit):
    """The parent agrees or declines, digitally, to a kind they were asked about."""
    if not uitnodiging.loopt():
        raise ValidationError("Deze uitnodiging is verlopen.")
    if not gevraagde_soorten(uitnodiging).filter(pk=soort.pk).exists():
        raise PermissionDenied("Hierover is deze ouder geen toestemming gevraagd.")
    _eis_gezag(uitnodiging.ouder)
    if besluit not in Toestemming.Besluit.values:
        raise ValidationError("Kies ja of nee.")
    toestemming = Toestemming.objects.create(
        hulpvraag=uitnodiging.hulpvraag,
        soort=soort,
        ouder=uitnodiging.ouder,
        besluit=besluit,
        wijze=Toestemming.Wijze.DIGITAAL,
    )
    woorden = (
        "heeft toestemming gegeven"
        if besluit == Toestemming.Besluit.GEGEVEN
        else "heeft geen toestemming gegeven"
    )
    _mail_antwoord(uitnodiging, f"{woorden} voor: {soort.naam}")
    return toestemming


@transaction.atomic
def plaats_zienswijze(*, uitnodiging, tekst):
    """The parent writes their view (in a round: their reactie there)."""
    if not uitnodiging.loopt():
        raise ValidationError("Deze uitnodiging is verlopen.")
    zienswijze = Zienswijze(
        hulpvraag=uitnodiging.hulpvraag,
        ouder=uitnodiging.ouder,
        overlegronde=uitnodiging.overlegronde,
        tekst=tekst,
    )
    controleer_velden(zienswijze, "tekst")
    zienswijze.save()
    _mail_antwoord(uitnodiging, "heeft een zienswijze geschreven")
    return zienswijze


def _mail_antwoord(uitnodiging, antwoord):
    """Tell who invited the parent (and, for a round, the coördinator) that the parent answered."""
    hulpvraag = uitnodiging.hulpvraag
    ontvangers = {uitnodiging.aangemaakt_door}
    if uitnodiging.overlegronde_id is not None:
        ontvangers.add(hulpvraag.coordinator)
    for ontvanger in ontvangers:
        if not ontvanger.is_active:
            continue
        mail_over_hulpvraag(
            ontvanger=ontvanger,
            hulpvraag=hulpvraag,
            soort=Soort.OUDER_ANTWOORD,
            pad=reverse("ouders:tab", args=[hulpvraag.pk]),
            ouder_naam=uitnodiging.ouder.naam,
            antwoord=antwoord,
        )


# --- De stem van de leerling ---------------------------------------------------------------------


@transaction.atomic
def leg_stem_vast(*, door, hulpvraag, gehoord_op, hoe, wat, gedeeld_met_deelnemers=False):
    """The IB/COO or the regierolhouder records how and when the pupil was heard, and what the
    pupil said or wants."""
    if not is_betrokken(toegang.rechten_op(door, hulpvraag)):
        raise PermissionDenied("Alleen wie bij de hulpvraag betrokken is, legt dit vast.")
    if gehoord_op > timezone.localdate():
        raise ValidationError({"gehoord_op": "De datum ligt in de toekomst."})
    stem = StemVanDeLeerling(
        hulpvraag=hulpvraag,
        gehoord_op=gehoord_op,
        hoe=hoe,
        wat=wat,
        gedeeld_met_deelnemers=gedeeld_met_deelnemers,
        vastgelegd_door=door,
    )
    stem.full_clean()
    stem.save()
    return stem

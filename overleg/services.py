"""Overlegrondes: inviting others to look into the dossier for at most two weeks."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from hulpvragen import toegang
from hulpvragen.services import Conflict, mail_over_hulpvraag
from kindkans.grenzen import controleer_velden
from notificaties.catalogus import Soort

from . import controles
from .models import Deelname, Overlegronde, Reactie, controleer_einddatum, datum
from .selectors import uitnodigbare_leden


def _pad(overlegronde):
    return reverse("overleg:tab", args=[overlegronde.hulpvraag_id]) + f"#ronde-{overlegronde.pk}"


def maak_overlegronde(*, door, hulpvraag, titel, omschrijving, einddatum, deelnemers):
    """The regierolhouder maakt een OVERLEGRONDE aan; each deelnemer gets access and the mail."""
    if toegang.OVERLEGRONDE not in toegang.rechten_op(door, hulpvraag):
        raise PermissionDenied("Alleen de coördinator of een behandelaar opent een overlegronde.")
    controleer_einddatum(einddatum)
    deelnemers = list(dict.fromkeys(deelnemers))
    if not deelnemers:
        raise ValidationError({"deelnemers": "Kies ten minste één deelnemer."})
    toegestaan = set(
        uitnodigbare_leden(hulpvraag)
        .filter(gebruiker__in=deelnemers)
        .values_list("gebruiker_id", flat=True)
    )
    if any(d.pk not in toegestaan for d in deelnemers):
        raise ValidationError(
            {
                "deelnemers": "Kies alleen deelnemers uit de lijst Mogelijke deelnemers: "
                "betrokkenen en externe deelnemers van deze omgeving, of de IB/COO van de "
                "school van de leerling."
            }
        )
    # What the apps above add (ouders: the parents' consent for sharing, where required).
    controles.controleer(hulpvraag=hulpvraag, deelnemers=deelnemers)
    ronde = Overlegronde(
        hulpvraag=hulpvraag,
        titel=titel,
        omschrijving=omschrijving,
        einddatum=einddatum,
        aangemaakt_door=door,
    )
    ronde.full_clean()
    with transaction.atomic():
        ronde.save()
        Deelname.objects.bulk_create(Deelname(overlegronde=ronde, deelnemer=d) for d in deelnemers)
        toegang.synchroniseer_toegang(hulpvraag)
        for deelnemer in deelnemers:
            mail_over_hulpvraag(
                ontvanger=deelnemer,
                hulpvraag=hulpvraag,
                soort=Soort.OVERLEGRONDE_UITNODIGING,
                pad=_pad(ronde),
                regierolhouder_naam=door.get_full_name(),
                overlegronde_titel=ronde.titel,
                overlegronde_omschrijving=ronde.omschrijving,
                einddatum=ronde.einddatum,
            )
    return ronde


def _eis_maker(door, ronde):
    if ronde.aangemaakt_door_id != door.pk:
        raise PermissionDenied("Alleen wie de overlegronde aanmaakte, kan hem wijzigen.")
    if toegang.OVERLEGRONDE not in toegang.rechten_op(door, ronde.hulpvraag):
        raise PermissionDenied("U bent niet meer betrokken bij deze hulpvraag.")


@transaction.atomic
def wijzig_einddatum(*, door, overlegronde, einddatum, versie=None):
    """The maker moves the einddatum, within the two-week rule; access follows. `versie` is
    the version the form was opened with; if it was saved since, Conflict is raised."""
    _eis_maker(door, overlegronde)
    if overlegronde.gesloten_op is not None:
        raise ValidationError("Deze overlegronde is gesloten.")
    controleer_einddatum(einddatum)
    # Check and write in one UPDATE ... WHERE versie = x, as hulpvragen.services does.
    rij = Overlegronde.objects.filter(pk=overlegronde.pk)
    if versie is not None:
        rij = rij.filter(versie=versie)
    if not rij.update(einddatum=einddatum, versie=F("versie") + 1):
        raise Conflict(Overlegronde.objects.get(pk=overlegronde.pk))
    overlegronde.refresh_from_db(fields=["einddatum", "versie"])
    toegang.synchroniseer_toegang(overlegronde.hulpvraag)
    return overlegronde


@transaction.atomic
def sluit_overlegronde(*, door, overlegronde):
    """The maker closes the round early: the deelnemers' inzage stops now."""
    _eis_maker(door, overlegronde)
    if overlegronde.gesloten_op is None:
        overlegronde.gesloten_op = timezone.now()
        overlegronde.save(update_fields=["gesloten_op"])
        toegang.synchroniseer_toegang(overlegronde.hulpvraag)
    return overlegronde


def plaats_reactie(*, door, overlegronde, tekst):
    """A deelnemer posts (or changes) their reactie, until the end of the einddatum.

    A new reactie is mailed to the maker of the round and to the coördinator.
    """
    hulpvraag = overlegronde.hulpvraag
    if not overlegronde.deelnames.filter(deelnemer=door).exists():
        raise PermissionDenied("Alleen een deelnemer van deze overlegronde plaatst een reactie.")
    if not overlegronde.is_open() or toegang.REACTIE not in toegang.rechten_op(door, hulpvraag):
        raise ValidationError(
            f"Reageren kon tot en met {datum(overlegronde.einddatum)}; deze overlegronde is "
            "afgelopen."
        )
    controleer_velden(Reactie(tekst=tekst), "tekst")
    with transaction.atomic():
        reactie, nieuw = Reactie.objects.update_or_create(
            overlegronde=overlegronde, auteur=door, defaults={"tekst": tekst}
        )
        if nieuw:
            ontvangers = {overlegronde.aangemaakt_door, hulpvraag.coordinator} - {door}
            for ontvanger in ontvangers:
                mail_over_hulpvraag(
                    ontvanger=ontvanger,
                    hulpvraag=hulpvraag,
                    soort=Soort.REACTIE_GEPLAATST,
                    pad=_pad(overlegronde),
                    deelnemer_naam=door.get_full_name(),
                    overlegronde_titel=overlegronde.titel,
                )
    return reactie


def mag_reacties_lezen(gebruiker, overlegronde):
    """The maker of the round and the coördinator read all reacties; a deelnemer their own."""
    return gebruiker.pk in (overlegronde.aangemaakt_door_id, overlegronde.hulpvraag.coordinator_id)


def mag_reacties_lezen_filter(gebruiker):
    """The rounds whose reacties this person reads all of (mag_reacties_lezen), as a filter."""
    return Q(aangemaakt_door=gebruiker) | Q(hulpvraag__coordinator=gebruiker)

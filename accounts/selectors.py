from .models import Gebruiker, Lidmaatschap, Rol


def beheerde_omgeving_ids(gebruiker):
    """Ids of the omgevingen where this person is an active SWV-beheerder."""
    return set(
        Lidmaatschap.objects.actief()
        .filter(gebruiker=gebruiker, rol=Rol.BEHEERDER)
        .values_list("omgeving_id", flat=True)
    )


def leden_met_rol(*, omgeving, rollen):
    """People with an active lidmaatschap in this omgeving in one of these rollen."""
    return (
        Gebruiker.objects.filter(
            is_active=True,
            lidmaatschappen__in=Lidmaatschap.objects.actief().filter(
                omgeving=omgeving, rol__in=rollen
            ),
        )
        .distinct()
        .order_by("voornaam", "achternaam")
    )


def keuzes_per_rol(leden, rollen):
    """The people of these lidmaatschappen as a choice list grouped by rol, in the order of
    `rollen`: [(rol label, [(gebruiker_id, "Naam (Organisatie)"), ...]), ...], so the one who
    chooses sees who is the schakelfunctionaris and who works for SMW. One query; a person
    with the rol at two organisaties is one choice naming both."""
    rijen = (
        leden.filter(rol__in=rollen)
        .order_by(
            "gebruiker__voornaam", "gebruiker__achternaam", "gebruiker_id", "organisatie__naam"
        )
        .values_list(
            "rol",
            "gebruiker_id",
            "gebruiker__voornaam",
            "gebruiker__achternaam",
            "organisatie__naam",
        )
    )
    per_rol = {rol: {} for rol in rollen}
    for rol, pk, voornaam, achternaam, organisatie in rijen:
        naam, organisaties = per_rol[rol].setdefault(
            pk, (Gebruiker.naam_van(voornaam, achternaam), [])
        )
        if organisatie not in organisaties:
            organisaties.append(organisatie)
    return [
        (Rol(rol).label, [(pk, f"{naam} ({', '.join(org)})") for pk, (naam, org) in mensen.items()])
        for rol, mensen in per_rol.items()
        if mensen
    ]


def keuzes_met_rol(*, omgeving, rollen):
    """leden_met_rol as a choice list grouped by rol (keuzes_per_rol)."""
    return keuzes_per_rol(Lidmaatschap.objects.actief().filter(omgeving=omgeving), rollen)


def beheerders_van(*, gebruiker):
    """The SWV-beheerders of the omgevingen where this person has an active lidmaatschap."""
    omgevingen = Lidmaatschap.objects.filter(gebruiker=gebruiker, actief=True).values("omgeving")
    return (
        Gebruiker.objects.filter(
            is_active=True,
            lidmaatschappen__in=Lidmaatschap.objects.actief().filter(
                omgeving__in=omgevingen, rol=Rol.BEHEERDER
            ),
        )
        .exclude(pk=gebruiker.pk)
        .distinct()
        .order_by("voornaam", "achternaam")
    )

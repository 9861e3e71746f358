import datetime

import factory

from accounts.models import Gebruiker, Lidmaatschap, Omgeving, Organisatie, Rol
from leerlingen.models import Leerling


class OmgevingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Omgeving
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"PO{2900 + n}")
    naam = factory.Sequence(lambda n: f"Regio {n}")
    sector = "PO"


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    omgeving = factory.SubFactory(OmgevingFactory)
    soort = Organisatie.Soort.SCHOOL
    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    brin = factory.LazyAttributeSequence(
        lambda o, n: (
            f"{10 + n % 90:02d}{chr(65 + n // 90 % 26)}{chr(65 + n % 26)}"
            if o.soort == Organisatie.Soort.SCHOOL
            else ""
        )
    )


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.test")
    # Made-up names that can never collide with a name a test looks for (or for its absence).
    voornaam = factory.Sequence(lambda n: f"Voornaam{n}")
    achternaam = factory.Sequence(lambda n: f"Achternaam{n}")
    password = factory.django.Password("geheim-wachtwoord-123")


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    gebruiker = factory.SubFactory(GebruikerFactory)
    omgeving = factory.SubFactory(OmgevingFactory)
    organisatie = factory.SubFactory(
        OrganisatieFactory, omgeving=factory.SelfAttribute("..omgeving")
    )
    rol = Rol.REGIEROLHOUDER


class LeerlingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leerling

    voornaam = factory.Sequence(lambda n: f"Kind{n}")
    achternaam = factory.Sequence(lambda n: f"Leerling{n}")
    geboortedatum = datetime.date(2015, 5, 1)
    school = factory.SubFactory(OrganisatieFactory)
    groep_leerjaar = "groep 5"


class FormulierDefinitieFactory(factory.django.DjangoModelFactory):
    """A form definition; add fields with VeldFactory(definitie=…)."""

    class Meta:
        model = "formulieren.FormulierDefinitie"

    omgeving = factory.SubFactory(OmgevingFactory)
    naam = factory.Sequence(lambda n: f"Formulier {n}")
    rollen = factory.LazyFunction(lambda: [Rol.IB_COO])


class VeldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "formulieren.Veld"

    definitie = factory.SubFactory(FormulierDefinitieFactory)
    label = factory.Sequence(lambda n: f"Veld {n}")
    type = "korte_tekst"
    volgorde = factory.Sequence(lambda n: n * 10)


class HulpvraagFactory(factory.django.DjangoModelFactory):
    """A hulpvraag written straight to the table, for reads (selectors, lists).

    It has no rechten yet: the relations are the truth, so a test that needs access calls
    toegang.synchroniseer_toegang, and a test of an action goes through hulpvragen.services.
    """

    class Meta:
        model = "hulpvragen.Hulpvraag"

    leerling = factory.SubFactory(
        LeerlingFactory,
        gecontroleerd_op=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
    )
    omgeving = factory.SelfAttribute("leerling.school.omgeving")
    titel = factory.Sequence(lambda n: f"Hulpvraag {n}")
    omschrijving = "Concentratie in de klas"
    coordinator = factory.SubFactory(GebruikerFactory)
    aangemaakt_door = factory.SubFactory(GebruikerFactory)

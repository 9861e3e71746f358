"""Demo data for both Goeree-Overflakkee omgevingen, with one account per role.

Idempotent: every row is looked up by its natural key first, so running it twice changes
nothing. A password is only set when an account is created.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import tweestaps
from accounts.models import Gebruiker, Lidmaatschap, Omgeving, Organisatie, Rol, Sector
from hulpvragen import services as hulpvraag_services
from hulpvragen.models import Hulpvraag
from hulpvragen.workflow import Status
from leerlingen.models import Leerling

DEMO_WACHTWOORD = "kindkans-demo"

OMGEVINGEN = [
    ("PO2811", "Goeree-Overflakkee", Sector.PO),
    ("VO2805", "Goeree-Overflakkee", Sector.VO),
]

ORGANISATIES = {
    "PO2811": [
        ("OBS De Regenboog", Organisatie.Soort.SCHOOL, "12AB"),
        ("CBS Het Anker", Organisatie.Soort.SCHOOL, "13CD"),
        ("De Springplank", Organisatie.Soort.SCHOOL, "14EF"),
        ("CJG Goeree-Overflakkee", Organisatie.Soort.CJG, ""),
        ("SMW Goeree-Overflakkee", Organisatie.Soort.SMW, ""),
        ("TJG Goeree-Overflakkee", Organisatie.Soort.TJG, ""),
        ("SWV PO Goeree-Overflakkee", Organisatie.Soort.SWV, ""),
    ],
    "VO2805": [
        ("CSG Het Eiland", Organisatie.Soort.SCHOOL, "21GH"),
        ("Scholengemeenschap De Haven", Organisatie.Soort.SCHOOL, "22JK"),
        ("CJG Goeree-Overflakkee", Organisatie.Soort.CJG, ""),
        ("SMW Goeree-Overflakkee", Organisatie.Soort.SMW, ""),
        ("TJG Goeree-Overflakkee", Organisatie.Soort.TJG, ""),
        ("SWV VO Goeree-Overflakkee", Organisatie.Soort.SWV, ""),
    ],
}

# e-mail, voornaam, achternaam, [(omgeving, organisatie, rol)]
ACCOUNTS = [
    ("ib@demo.test", "Inge", "Bakker", [("PO2811", "OBS De Regenboog", Rol.IB_COO)]),
    ("coo@demo.test", "Chris", "Mulder", [("VO2805", "CSG Het Eiland", Rol.IB_COO)]),
    (
        "schakel@demo.test",
        "Sanne",
        "Visser",
        [("PO2811", "SWV PO Goeree-Overflakkee", Rol.SCHAKELFUNCTIONARIS_VERBINDING)],
    ),
    ("cjg@demo.test", "Rik", "de Wit", [("PO2811", "CJG Goeree-Overflakkee", Rol.REGIEROLHOUDER)]),
    ("smw@demo.test", "Mila", "Jansen", [("PO2811", "SMW Goeree-Overflakkee", Rol.REGIEROLHOUDER)]),
    (
        "extern@demo.test",
        "Eva",
        "Smit",
        [("PO2811", "TJG Goeree-Overflakkee", Rol.EXTERNE_DEELNEMER)],
    ),
    (
        "beide@demo.test",
        "Bas",
        "Dekker",
        [
            ("PO2811", "SWV PO Goeree-Overflakkee", Rol.REGIEROLHOUDER),
            ("VO2805", "SWV VO Goeree-Overflakkee", Rol.SCHAKELFUNCTIONARIS_VERBINDING),
        ],
    ),
    (
        "smw.vo@demo.test",
        "Noor",
        "Hendriks",
        [("VO2805", "SMW Goeree-Overflakkee", Rol.REGIEROLHOUDER)],
    ),
    (
        "beheer.po@demo.test",
        "Pim",
        "de Graaf",
        [("PO2811", "SWV PO Goeree-Overflakkee", Rol.BEHEERDER)],
    ),
    (
        "beheer.vo@demo.test",
        "Vera",
        "Kok",
        [("VO2805", "SWV VO Goeree-Overflakkee", Rol.BEHEERDER)],
    ),
]
SUPERUSER = ("admin@demo.test", "Ada", "Admin")

# omgeving, school, voornaam, tussenvoegsel, achternaam, geboortedatum, groep,
# dagen geleden gecontroleerd (None: nooit)
LEERLINGEN = [
    ("PO2811", "OBS De Regenboog", "Daan", "", "Willemsen", date(2017, 3, 14), "groep 4", 20),
    ("PO2811", "OBS De Regenboog", "Lotte", "van", "Dijk", date(2016, 9, 2), "groep 5", None),
    ("PO2811", "OBS De Regenboog", "Sem", "", "Bos", date(2015, 1, 23), "groep 6", 400),
    ("PO2811", "CBS Het Anker", "Julia", "de", "Vries", date(2016, 6, 30), "groep 5", 10),
    ("PO2811", "De Springplank", "Finn", "", "Meijer", date(2014, 11, 5), "groep 7", None),
    ("VO2805", "CSG Het Eiland", "Emma", "", "Koster", date(2011, 4, 18), "leerjaar 2", 30),
    ("VO2805", "CSG Het Eiland", "Noah", "van der", "Berg", date(2012, 8, 9), "leerjaar 1", None),
    (
        "VO2805",
        "Scholengemeenschap De Haven",
        "Tess",
        "",
        "Vermeulen",
        date(2010, 2, 27),
        "leerjaar 3",
        5,
    ),
]


class Command(BaseCommand):
    help = "Maakt de demo-omgevingen PO2811 en VO2805 met een account per rol (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ook-in-productie",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat (alleen voor een demo-installatie).",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG and not options["ook_in_productie"]:
            raise CommandError(
                "Demodata hoort niet in productie; gebruik --ook-in-productie voor een demo."
            )

        omgevingen = {}
        for code, naam, sector in OMGEVINGEN:
            omgevingen[code], _ = Omgeving.objects.get_or_create(
                code=code, defaults={"naam": naam, "sector": sector}
            )

        organisaties = {}
        for code, rijen in ORGANISATIES.items():
            for naam, soort, brin in rijen:
                organisaties[code, naam], _ = Organisatie.objects.get_or_create(
                    omgeving=omgevingen[code], naam=naam, defaults={"soort": soort, "brin": brin}
                )

        for email, voornaam, achternaam, lidmaatschappen in ACCOUNTS:
            gebruiker = self._account(email, voornaam, achternaam)
            for code, organisatie, rol in lidmaatschappen:
                Lidmaatschap.objects.get_or_create(
                    gebruiker=gebruiker,
                    omgeving=omgevingen[code],
                    organisatie=organisaties[code, organisatie],
                    rol=rol,
                )
        self._account(*SUPERUSER, superuser=True)

        nu = timezone.now()
        for code, school, voornaam, tussenvoegsel, achternaam, geboren, groep, dagen in LEERLINGEN:
            Leerling.objects.get_or_create(
                school=organisaties[code, school],
                voornaam=voornaam,
                achternaam=achternaam,
                geboortedatum=geboren,
                defaults={
                    "tussenvoegsel": tussenvoegsel,
                    "groep_leerjaar": groep,
                    "straat_huisnummer": "Voorstraat 1",
                    "postcode": "3241 AA",
                    "woonplaats": "Middelharnis",
                    "telefoon_ouder_1": "0187 123456",
                    "gecontroleerd_op": None if dagen is None else nu - timedelta(days=dagen),
                },
            )

        self._hulpvragen(omgevingen)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata staat klaar: {Omgeving.objects.count()} omgevingen, "
                f"{Gebruiker.objects.count()} accounts (wachtwoord: {DEMO_WACHTWOORD}; de code "
                "voor de tweede stap geeft: python manage.py democode <e-mailadres>), "
                f"{Leerling.objects.count()} leerlingen."
            )
        )

    def _hulpvragen(self, omgevingen):
        """Two cases to look at, made the way users make them (through the services)."""
        ib = Gebruiker.objects.get(email="ib@demo.test")
        coo = Gebruiker.objects.get(email="coo@demo.test")
        rik = Gebruiker.objects.get(email="cjg@demo.test")
        bas = Gebruiker.objects.get(email="beide@demo.test")
        daan = Leerling.objects.get(voornaam="Daan", achternaam="Willemsen")
        if not Hulpvraag.objects.filter(leerling=daan).exists():
            hulpvraag = hulpvraag_services.maak_hulpvraag(
                door=ib,
                omgeving=omgevingen["PO2811"],
                leerling=daan,
                titel="Team Schoolondersteuning",
                omschrijving="Daan kan zich in de klas slecht concentreren, vooral 's middags.",
                coordinator=rik,
            )
            hulpvraag_services.voeg_aanpak_toe(
                door=ib,
                hulpvraag=hulpvraag,
                titel="Begeleiding door het CJG",
                omschrijving="Gesprekken met ouders en Daan; observatie in de klas.",
                startdatum=timezone.localdate(),
                einddatum=None,
                behandelaar=rik,
            )
            hulpvraag_services.wijzig_status(
                door=rik,
                hulpvraag=hulpvraag,
                naar=Status.GEAGENDEERD,
                omschrijving="Eerste gesprek met de ouders staat gepland.",
            )
        emma = Leerling.objects.get(voornaam="Emma", achternaam="Koster")
        if not Hulpvraag.objects.filter(leerling=emma).exists():
            hulpvraag_services.maak_hulpvraag(
                door=coo,
                omgeving=omgevingen["VO2805"],
                leerling=emma,
                titel="Team Schoolondersteuning",
                omschrijving="Veel verzuim sinds de herfst.",
                coordinator=bas,
            )

    def _account(self, email, voornaam, achternaam, superuser=False):
        gebruiker = Gebruiker.objects.filter(email__iexact=email).first()
        if gebruiker is None:
            maak = (
                Gebruiker.objects.create_superuser if superuser else Gebruiker.objects.create_user
            )
            gebruiker = maak(email, DEMO_WACHTWOORD, voornaam=voornaam, achternaam=achternaam)
        # The published demo secret, so `manage.py democode` can give the second factor.
        tweestaps.zet_demo_app(gebruiker=gebruiker)
        return gebruiker

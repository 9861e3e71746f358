"""Demo data for both Goeree-Overflakkee omgevingen, with one account per role.

Idempotent: every row is looked up by its natural key first, so running it twice changes
nothing. A password is only set when an account is created.

Besides two cases to look at (Daan Willemsen, Emma Koster) it fills the screens of Mijn werk
(issue 15) for every role: a history of hulpvragen over this and the previous schooljaar for
the Overzicht, an aanpak that waits too long for GEAGENDEERD, a hulpvraag in RETOUR NAAR
SCHAKELTEAM to close, and an overlegronde that ends tomorrow. Everything is made through the
services, as the users make it; afterwards the moments are moved into the past with UPDATEs
(only dates: who may see what does not depend on them) and the termijnen are computed again.
All dates are counted back from today, in school days where a termijn counts them.

Some leerlingen have their parents (issue 16, OUDERS): Daan Willemsen's mother has the address
ouder@demo.test to try the parents' pages with, and Isa Koning's mother agreed to sharing her
dossier. The omgevingen keep `toestemming_voor_delen_verplicht` off: the browser walk through
the work instruction opens a round with Eva Smit (TJG) without asking the parents first.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts import tweestaps
from accounts.models import Gebruiker, Lidmaatschap, Omgeving, Organisatie, Rol, Sector
from formulieren import services as formulier_services
from formulieren.models import Formulier, FormulierDefinitie, FormulierWijziging
from formulieren.standaard import TEAM_SCHOOLONDERSTEUNING
from hulpvragen import services as hulpvraag_services
from hulpvragen.models import Aanpak, Hulpvraag, StatusWijziging
from hulpvragen.workflow import OPEN, Status
from leerlingen import services as leerling_services
from leerlingen.models import Leerling
from notificaties.models import Notificatie
from ouders import services as ouder_services
from ouders.models import Ouder, Toestemming, Toestemmingssoort
from overleg import services as overleg_services
from overleg.models import Overlegronde, Reactie
from werk.models import termijnen_van
from werk.schooldagen import schooldagen_voor
from werk.termijnen import herbereken_termijnen

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
    # The IB-ers of the two other PO schools, so that their hulpvragen are made by their own
    # IB/COO (the Overzicht counts per school).
    ("ib.anker@demo.test", "Joost", "van Leeuwen", [("PO2811", "CBS Het Anker", Rol.IB_COO)]),
    (
        "ib.springplank@demo.test",
        "Anouk",
        "Verhoeven",
        [("PO2811", "De Springplank", Rol.IB_COO)],
    ),
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


# Ouders/verzorgers (issue 16), kept by the IB/COO of the school: (omgeving, school, voornaam,
# achternaam of the leerling) → [(naam, e-mail, relatie, gezag)]. Daan's mother has the address
# to try the parents' pages with (the mails go to the console on the embedded default); his
# father has gezag but no e-mail address on file. Isa Koning's mother agreed in a conversation
# to sharing the dossier (her round has Eva Smit of the TJG in it).
OUDERS = {
    ("PO2811", "OBS De Regenboog", "Daan", "Willemsen"): [
        ("Mirjam Willemsen", "ouder@demo.test", Ouder.Relatie.MOEDER, True),
        ("Erik Willemsen", "", Ouder.Relatie.VADER, True),
    ],
    ("PO2811", "OBS De Regenboog", "Isa", "Koning"): [
        ("Hanneke Koning", "ouder.koning@demo.test", Ouder.Relatie.MOEDER, True),
        ("Peter Hoek", "", Ouder.Relatie.VERZORGER, False),
    ],
    ("VO2805", "CSG Het Eiland", "Emma", "Koster"): [
        ("Linda Koster", "ouder.koster@demo.test", Ouder.Relatie.MOEDER, True),
    ],
}


# --- Mijn werk: the history and the open work ------------------------------------------------
#
# A casus is one hulpvraag for a new leerling, made by the IB/COO of the school with the
# schakelfunctionaris (PO) or Bas Dekker (VO) as first coördinator and the form 'Team
# Schoolondersteuning' filled in. Its steps follow as in the work instruction: AANPAK (the IB/COO
# makes the regierolhouder coördinator and adds the aanpak with them as behandelaar), then the
# statuses; the regierolhouder moves the middle ones, the IB/COO sets AFGEROND. Each step lies
# a number of school days after the one before it; the last one `klaar` school days before
# today, so the whole casus lies in the past on any day it is made.

AANMELDING = "aanmelding"
AANPAK = "aanpak"
GEAGENDEERD = Status.GEAGENDEERD
EVALUATIE = Status.TUSSENTIJDSE_EVALUATIE
RETOUR = Status.RETOUR_NAAR_SCHAKELTEAM
AFGEROND = Status.AFGEROND

IB_VAN_SCHOOL = {
    ("PO2811", "OBS De Regenboog"): "ib@demo.test",
    ("PO2811", "CBS Het Anker"): "ib.anker@demo.test",
    ("PO2811", "De Springplank"): "ib.springplank@demo.test",
    ("VO2805", "CSG Het Eiland"): "coo@demo.test",
}
EERSTE_COORDINATOR = {"PO2811": "schakel@demo.test", "VO2805": "beide@demo.test"}
RIK, MILA, BAS, NOOR = "cjg@demo.test", "smw@demo.test", "beide@demo.test", "smw.vo@demo.test"
AANPAK_TITEL = {
    RIK: "Begeleiding door het CJG",
    MILA: "Schoolmaatschappelijk werk",
    BAS: "Begeleiding Passend Onderwijs",
    NOOR: "Schoolmaatschappelijk werk",
}


@dataclass(frozen=True)
class Casus:
    school: tuple  # (omgeving, school)
    leerling: tuple  # (voornaam, tussenvoegsel, achternaam, geboortedatum, groep)
    regie: str | None  # e-mail of the behandelaar of the aanpak (None: no aanpak yet)
    stappen: tuple  # ((stap, school days after the step before), ...) after the aanmelding
    klaar: int  # the last step lies this many school days before today
    # With te_laat the last step (the aanpak) lies the omgeving's termijn aanpak_bevestigen
    # further back: its termijn passed `klaar` school days ago.
    te_laat: bool = False
    regie_wordt_coordinator: bool = True
    aanpak_eindigt: int | None = None  # the aanpak ends so many school days before today


def geagendeerd(tot_geagendeerd):
    return ((AANPAK, 2), (GEAGENDEERD, tot_geagendeerd))


def evaluatie(tot_geagendeerd, tot_evaluatie):
    return (*geagendeerd(tot_geagendeerd), (EVALUATIE, tot_evaluatie))


def afgerond(tot_geagendeerd, looptijd, *, evaluatie=None, afronden=2):
    stappen = geagendeerd(tot_geagendeerd)
    if evaluatie:
        stappen += ((EVALUATIE, evaluatie), (GEAGENDEERD, 5))
    return (*stappen, (RETOUR, looptijd), (AFGEROND, afronden))


REGENBOOG = ("PO2811", "OBS De Regenboog")
ANKER = ("PO2811", "CBS Het Anker")
SPRINGPLANK = ("PO2811", "De Springplank")

# The cases Mijn acties is about; the keys are used below and in the tests.
TE_LAAT = Casus(
    REGENBOOG,
    ("Olivia", "", "Postma", date(2017, 12, 1), "groep 4"),
    RIK,
    ((AANPAK, 1),),
    klaar=3,
    te_laat=True,
)
TERUG = Casus(
    REGENBOOG,
    ("Thijs", "de", "Ruiter", date(2015, 8, 14), "groep 8"),
    MILA,
    (*evaluatie(4, 30), (GEAGENDEERD, 5), (RETOUR, 20)),
    klaar=2,
)
MET_RONDE = Casus(
    REGENBOOG, ("Isa", "", "Koning", date(2018, 4, 23), "groep 4"), MILA, geagendeerd(3), klaar=15
)
EVALUATIE_VOORBIJ = Casus(
    SPRINGPLANK,
    ("Guus", "", "Timmermans", date(2015, 11, 30), "groep 8"),
    BAS,
    evaluatie(4, 35),
    klaar=10,
    aanpak_eindigt=3,
)
NIEUW_VO = Casus(
    ("VO2805", "CSG Het Eiland"),
    ("Milou", "", "Claassen", date(2013, 2, 14), "leerjaar 1"),
    NOOR,
    ((AANPAK, 1),),
    klaar=1,
    regie_wordt_coordinator=False,
)

# The history for the Overzicht: about 16 months of aanmeldingen over the three PO schools.
HISTORIE = [
    Casus(
        REGENBOOG,
        ("Sophie", "van den", "Heuvel", date(2016, 5, 12), "groep 6"),
        RIK,
        afgerond(3, 45, evaluatie=30),
        klaar=100,
    ),
    Casus(
        REGENBOOG, ("Liam", "de", "Boer", date(2018, 2, 3), "groep 3"), MILA, afgerond(2, 40), 260
    ),
    Casus(
        REGENBOOG, ("Saar", "", "Peters", date(2015, 10, 21), "groep 8"), BAS, afgerond(6, 35), 215
    ),
    Casus(
        REGENBOOG, ("Jesse", "", "Kramer", date(2017, 7, 30), "groep 5"), RIK, afgerond(4, 50), 170
    ),
    Casus(
        REGENBOOG,
        ("Nina", "van", "Vliet", date(2019, 1, 15), "groep 2"),
        MILA,
        afgerond(1, 30),
        120,
    ),
    Casus(
        REGENBOOG,
        ("Milan", "", "Schouten", date(2016, 11, 2), "groep 6"),
        BAS,
        evaluatie(3, 40),
        100,
    ),
    Casus(
        REGENBOOG, ("Fenna", "", "Brouwer", date(2018, 9, 9), "groep 4"), RIK, afgerond(8, 25), 60
    ),
    Casus(
        REGENBOOG,
        ("Luuk", "van der", "Linden", date(2015, 4, 27), "groep 8"),
        MILA,
        geagendeerd(3),
        40,
    ),
    Casus(REGENBOOG, ("Zoë", "", "Vos", date(2017, 3, 8), "groep 5"), RIK, geagendeerd(5), 12),
    Casus(REGENBOOG, ("Bram", "", "Hoekstra", date(2019, 6, 19), "groep 2"), None, (), 2),
    Casus(
        ANKER,
        ("Lucas", "", "Bosman", date(2016, 1, 19), "groep 7"),
        MILA,
        afgerond(2, 40, evaluatie=25),
        klaar=186,
    ),
    Casus(ANKER, ("Mees", "van", "Dam", date(2017, 9, 5), "groep 5"), BAS, afgerond(5, 30), 290),
    Casus(ANKER, ("Evi", "", "Huisman", date(2018, 12, 11), "groep 3"), RIK, afgerond(3, 55), 240),
    Casus(ANKER, ("Jayden", "", "Maas", date(2015, 6, 2), "groep 8"), MILA, afgerond(9, 35), 190),
    Casus(ANKER, ("Roos", "", "Dijkstra", date(2016, 8, 25), "groep 6"), BAS, afgerond(2, 45), 150),
    Casus(ANKER, ("Siem", "van", "Wijk", date(2019, 3, 30), "groep 2"), RIK, afgerond(4, 28), 105),
    Casus(ANKER, ("Yara", "El", "Amrani", date(2017, 5, 16), "groep 5"), MILA, afgerond(1, 22), 70),
    Casus(
        ANKER,
        ("Femke", "", "Willems", date(2018, 7, 7), "groep 4"),
        RIK,
        afgerond(3, 20, afronden=1),
        klaar=35,
    ),
    Casus(ANKER, ("Stijn", "", "Prins", date(2015, 12, 13), "groep 7"), MILA, geagendeerd(7), 25),
    Casus(ANKER, ("Gijs", "", "Vermeer", date(2016, 2, 28), "groep 7"), BAS, evaluatie(4, 30), 20),
    Casus(ANKER, ("Hanna", "de", "Lange", date(2019, 10, 4), "groep 1"), BAS, geagendeerd(2), 6),
    Casus(ANKER, ("Ruben", "van", "Doorn", date(2017, 1, 22), "groep 5"), None, (), 1),
    Casus(
        SPRINGPLANK,
        ("Tijn", "", "Kuipers", date(2015, 3, 17), "groep 8"),
        RIK,
        afgerond(4, 50),
        230,
    ),
    Casus(
        SPRINGPLANK,
        ("Lieke", "", "Sanders", date(2016, 10, 9), "groep 6"),
        MILA,
        afgerond(2, 35, evaluatie=30),
        klaar=255,
    ),
    Casus(
        SPRINGPLANK, ("Ravi", "", "Ramdin", date(2017, 4, 4), "groep 5"), BAS, afgerond(12, 40), 230
    ),
    Casus(
        SPRINGPLANK,
        ("Jasmijn", "", "Molenaar", date(2018, 1, 26), "groep 4"),
        RIK,
        afgerond(3, 30),
        200,
    ),
    Casus(
        SPRINGPLANK, ("Niek", "", "Blom", date(2015, 9, 11), "groep 8"), MILA, afgerond(5, 45), 160
    ),
    Casus(
        SPRINGPLANK, ("Elin", "de", "Haan", date(2019, 5, 5), "groep 2"), BAS, afgerond(2, 25), 125
    ),
    Casus(
        SPRINGPLANK, ("Hugo", "", "Verbeek", date(2016, 6, 29), "groep 6"), RIK, afgerond(6, 35), 85
    ),
    Casus(
        SPRINGPLANK,
        ("Maud", "van", "Beek", date(2017, 11, 18), "groep 4"),
        MILA,
        afgerond(3, 22),
        50,
    ),
    Casus(SPRINGPLANK, ("Teun", "", "Groen", date(2018, 3, 3), "groep 4"), RIK, geagendeerd(4), 30),
    Casus(
        SPRINGPLANK,
        ("Amira", "", "Bouzid", date(2016, 12, 24), "groep 6"),
        MILA,
        evaluatie(2, 25),
        8,
    ),
    Casus(SPRINGPLANK, ("Sara", "van", "Rijn", date(2019, 8, 8), "groep 2"), None, (), 3),
]

CASUSSEN = [*HISTORIE, TE_LAAT, TERUG, MET_RONDE, EVALUATIE_VOORBIJ, NIEUW_VO]

RONDE_TITEL = "Meekijken thuissituatie"

ZORGEN = [
    "{v} kan zich in de klas slecht concentreren en raakt snel achter.",
    "{v} verzuimt veel sinds de zomervakantie; de ouders zijn moeilijk bereikbaar.",
    "{v} trekt zich terug in de klas en heeft weinig contact met klasgenoten.",
    "Ondanks extra instructie blijft {v} achter bij rekenen en begrijpend lezen.",
    "Het gedrag van {v} escaleert regelmatig in de pauzes; de ouders maken zich zorgen.",
    "{v} komt vaak moe en prikkelbaar op school; er spelen zorgen thuis.",
    "Vermoeden van dyslexie bij {v}; de school wil advies over onderzoek.",
    "{v} heeft faalangst bij toetsen en klaagt vaak over buikpijn.",
]
OMSCHRIJVINGEN = {
    GEAGENDEERD: [
        "Eerste gesprek met de ouders en de leerkracht staat gepland.",
        "Intake met de ouders gepland; daarna een observatie in de klas.",
        "Taak opgepakt; contact gelegd met de IB-er en de ouders.",
    ],
    EVALUATIE: [
        "Evaluatie met ouders en school gepland; de doelen zijn deels bereikt.",
        "Tussentijdse evaluatie: het gaat beter in de klas, thuis nog niet.",
    ],
    RETOUR: [
        "Mijn taak is afgerond; de doelen zijn bereikt.",
        "De ondersteuning loopt nu via de school zelf; terug naar het schakelteam.",
        "Traject afgerond; de ouders weten waar ze terechtkunnen.",
    ],
    AFGEROND: ["Besproken in het schakelteam; de hulpvraag is afgerond.", ""],
}
NA_EVALUATIE = "Na de tussentijdse evaluatie gaan we verder met de aanpak."
ADRESSEN = [
    ("Voorstraat 12", "3241 EG", "Middelharnis"),
    ("Kerkstraat 5", "3245 AB", "Sommelsdijk"),
    ("Molendijk 31", "3247 BC", "Dirksland"),
    ("Dorpsweg 8", "3253 AE", "Ouddorp"),
    ("Havenweg 17", "3255 AR", "Oude-Tonge"),
    ("Julianastraat 22", "3251 BN", "Stellendam"),
    ("Ring 40", "3252 BB", "Goedereede"),
    ("Zandpad 3", "3248 AK", "Melissant"),
    ("Achterweg 14", "3244 AJ", "Nieuwe-Tonge"),
    ("Oostdijk 9", "3257 AC", "Ooltgensplaat"),
]


def plan_casus(casus, vandaag, aanpak_bevestigen):
    """[(stap, date)] of a casus made today, the aanmelding first: counted back from its last
    step, so every step lies before `vandaag` on any day of the week, holidays included."""
    klaar = casus.klaar + (aanpak_bevestigen if casus.te_laat else 0)
    dag = schooldagen_voor(vandaag, klaar)
    terug = []
    for stap, schooldagen in reversed(casus.stappen):
        terug.append((stap, dag))
        dag = schooldagen_voor(dag, schooldagen)
    return [(AANMELDING, dag), *reversed(terug)]


def _moment(dag, minuten):
    """A moment in the working day (from 8.30) of a date in the past."""
    begin = datetime.combine(dag, time(8, 30), tzinfo=timezone.get_current_timezone())
    return begin + timedelta(minutes=minuten)


class Command(BaseCommand):
    help = "Maakt de demo-omgevingen PO2811 en VO2805 met een account per rol (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ook-in-productie",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat (alleen voor een demo-installatie).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["ook_in_productie"]:
            raise CommandError(
                "Demodata hoort niet in productie; gebruik --ook-in-productie voor een demo."
            )
        # The history writes some 180 mails that went out "in the past" (see _op). Their send
        # tasks still run after the commit (eagerly on the embedded default) and find nothing to
        # send; they are not logged one by one, so the lines below stay readable.
        trace = logging.getLogger("celery.app.trace")
        niveau = trace.level
        trace.setLevel(max(niveau, logging.WARNING))
        try:
            with transaction.atomic():
                self._maak()
        finally:
            trace.setLevel(niveau)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata staat klaar: {Omgeving.objects.count()} omgevingen, "
                f"{Gebruiker.objects.count()} accounts (wachtwoord: {DEMO_WACHTWOORD}; de code "
                "voor de tweede stap geeft: python manage.py democode <e-mailadres>), "
                f"{Leerling.objects.count()} leerlingen, {Hulpvraag.objects.count()} hulpvragen."
            )
        )

    def _maak(self):
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
        self._werk(omgevingen, organisaties)
        self._ouders(organisaties)

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

    # --- Mijn werk -------------------------------------------------------------------------------

    def _werk(self, omgevingen, organisaties):
        """The CASUSSEN and the overlegronde, then the stored termijnen for the moved dates."""
        self.nu = timezone.now()
        vandaag = timezone.localdate(self.nu)
        self.personen = {}
        definities = {
            code: FormulierDefinitie.objects.filter(
                omgeving=omgeving, naam=TEAM_SCHOOLONDERSTEUNING, actief=True
            ).first()
            for code, omgeving in omgevingen.items()
        }
        for i, casus in enumerate(CASUSSEN):
            code, school = casus.school
            self._casus(
                i,
                casus,
                omgeving=omgevingen[code],
                school=organisaties[code, school],
                definitie=definities[code],
                vandaag=vandaag,
            )
        self._overlegronde(organisaties, vandaag)
        # The signals recompute each changed hulpvraag after the commit as well; this makes the
        # stored termijn right at once, from the moved dates.
        herbereken_termijnen(Hulpvraag.objects.filter(omgeving__in=omgevingen.values()))

    def _persoon(self, email):
        if email not in self.personen:
            self.personen[email] = Gebruiker.objects.get(email=email)
        return self.personen[email]

    def _op(self, tijdstip, actie, /, **kwargs):
        """Run a service as if at `tijdstip`: the mails it wrote went out then, and were read
        when that is more than a week ago. They are history, not news to send again now."""
        voor = Notificatie.objects.aggregate(laatste=Max("pk"))["laatste"] or 0
        uitkomst = actie(**kwargs)
        mails = Notificatie.objects.filter(pk__gt=voor)
        mails.update(aangemaakt_op=tijdstip, volgende_poging_op=tijdstip)
        mails.filter(status=Notificatie.Status.TE_VERSTUREN).update(
            status=Notificatie.Status.VERSTUURD,
            pogingen=1,
            verstuurd_op=tijdstip + timedelta(minutes=1),
        )
        if tijdstip < self.nu - timedelta(days=7):
            mails.update(gelezen_op=tijdstip + timedelta(hours=2))
        return uitkomst

    def _casus(self, i, casus, *, omgeving, school, definitie, vandaag):
        voornaam, tussenvoegsel, achternaam, geboren, groep = casus.leerling
        leerling = Leerling.objects.filter(
            school=school, voornaam=voornaam, achternaam=achternaam, geboortedatum=geboren
        ).first()
        if leerling is not None and Hulpvraag.objects.filter(leerling=leerling).exists():
            return
        ib = self._persoon(IB_VAN_SCHOOL[casus.school])
        regie = self._persoon(casus.regie) if casus.regie else None
        stappen = plan_casus(casus, vandaag, termijnen_van(omgeving.pk).aanpak_bevestigen)
        aangemeld = _moment(stappen[0][1], (i * 47) % 420)

        if leerling is None:
            straat, postcode, woonplaats = ADRESSEN[i % len(ADRESSEN)]
            leerling = leerling_services.maak_leerling(
                door=ib,
                omgeving=omgeving,
                leerling=Leerling(
                    school=school,
                    voornaam=voornaam,
                    tussenvoegsel=tussenvoegsel,
                    achternaam=achternaam,
                    geboortedatum=geboren,
                    groep_leerjaar=groep,
                    straat_huisnummer=straat,
                    postcode=postcode,
                    woonplaats=woonplaats,
                    telefoon_ouder_1=f"0187 {600000 + i * 1379}",
                ),
            )
        zorg = ZORGEN[i % len(ZORGEN)].format(v=voornaam)
        hulpvraag = self._op(
            aangemeld,
            hulpvraag_services.maak_hulpvraag,
            door=ib,
            omgeving=omgeving,
            leerling=leerling,
            titel="Team Schoolondersteuning",
            omschrijving=zorg,
            coordinator=self._persoon(EERSTE_COORDINATOR[omgeving.code]),
        )
        StatusWijziging.objects.filter(hulpvraag=hulpvraag).update(op=aangemeld)
        # Registered (and so checked) by the IB/COO just before the aanmelding.
        geregistreerd = aangemeld - timedelta(minutes=40)
        Leerling.objects.filter(pk=leerling.pk, aangemaakt_op__gt=geregistreerd).update(
            aangemaakt_op=geregistreerd, gewijzigd_op=geregistreerd, gecontroleerd_op=geregistreerd
        )
        laatste = aangemeld

        if definitie is not None:
            laatste = aangemeld + timedelta(minutes=25)
            formulier = self._op(
                laatste,
                formulier_services.maak_formulier,
                door=ib,
                hulpvraag=hulpvraag,
                definitie=definitie,
                waarden=self._formulierwaarden(i, ib=ib, voornaam=voornaam, zorg=zorg, op=laatste),
            )
            Formulier.objects.filter(pk=formulier.pk).update(
                aangemaakt_op=laatste, gewijzigd_op=laatste
            )
            FormulierWijziging.objects.filter(formulier=formulier).update(op=laatste)

        vorige = AANMELDING
        for k, (stap, dag) in enumerate(stappen[1:], start=1):
            laatste = _moment(dag, (i * 47 + k * 71) % 420)
            if stap == AANPAK:
                self._op(
                    laatste,
                    self._aanpak,
                    casus=casus,
                    ib=ib,
                    regie=regie,
                    hulpvraag=hulpvraag,
                    startdatum=dag,
                    vandaag=vandaag,
                    moment=laatste,
                )
            else:
                if stap == GEAGENDEERD and vorige == EVALUATIE:
                    omschrijving = NA_EVALUATIE
                else:
                    keuzes = OMSCHRIJVINGEN[stap]
                    omschrijving = keuzes[(i + k) % len(keuzes)]
                wijziging = self._op(
                    laatste,
                    hulpvraag_services.wijzig_status,
                    door=ib if stap == AFGEROND else regie,
                    hulpvraag=hulpvraag,
                    naar=stap,
                    omschrijving=omschrijving,
                )
                StatusWijziging.objects.filter(pk=wijziging.pk).update(op=laatste)
            vorige = stap
        Hulpvraag.objects.filter(pk=hulpvraag.pk).update(
            aangemaakt_op=aangemeld, gewijzigd_op=laatste
        )

    def _aanpak(self, *, casus, ib, regie, hulpvraag, startdatum, vandaag, moment):
        """Work instruction §2–3: after talking it over with the schakelfunctionaris the IB/COO
        makes the regierolhouder coördinator, and invites them as behandelaar of an aanpak."""
        if casus.regie_wordt_coordinator:
            hulpvraag_services.wijzig_coordinator(door=ib, hulpvraag=hulpvraag, coordinator=regie)
        einddatum = None
        if casus.aanpak_eindigt is not None:
            einddatum = schooldagen_voor(vandaag, casus.aanpak_eindigt)
        aanpak = hulpvraag_services.voeg_aanpak_toe(
            door=ib,
            hulpvraag=hulpvraag,
            titel=AANPAK_TITEL[casus.regie],
            omschrijving=f"Gesprekken met de ouders en {hulpvraag.leerling.voornaam}; observatie "
            "in de klas en advies aan de leerkracht.",
            startdatum=startdatum,
            einddatum=einddatum,
            behandelaar=regie,
        )
        Aanpak.objects.filter(pk=aanpak.pk).update(aangemaakt_op=moment, gewijzigd_op=moment)
        return aanpak

    def _formulierwaarden(self, i, *, ib, voornaam, zorg, op):
        """'Team Schoolondersteuning' as the IB/COO fills it in (values as the form stores
        them; a field the beheerder removed is left out by the service)."""
        return {
            "aanleiding": zorg,
            "wat-gedaan": "Zes weken extra instructie in een klein groepje; gesprekken met de "
            "ouders.",
            "wat-gaat-goed": f"{voornaam} is behulpzaam en sportief; de ouders zijn betrokken.",
            "verzuim": str(i * 3 % 11),
            "betrokken-partijen": [["CJG"], ["SMW"], ["Huisarts of jeugdarts"], []][i % 4],
            "toelichting-partijen": "",
            "ouders-geinformeerd": True,
            "toestemming-ouders": True,
            "datum-toestemming": (timezone.localdate(op) - timedelta(days=3)).isoformat(),
            "gewenste-ondersteuning": "Observatie in de klas en advies aan de leerkracht en "
            "de ouders.",
            "urgentie": "Met spoed (binnen twee weken)" if i % 5 == 0 else "Regulier",
            "contactpersoon": ib.pk,
            "bereikbaar": "Maandag tot en met donderdag, 0187 480000",
        }

    def _overlegronde(self, organisaties, vandaag):
        """Mila Jansen's overlegronde on the hulpvraag of MET_RONDE: made yesterday, ending
        tomorrow, with Eva Smit invited (no reactie yet) and the IB-er, who reacted. Made again
        once the last one has ended, so that a demo used for days keeps an open round."""
        code, school = MET_RONDE.school
        voornaam, _, achternaam, geboren, _ = MET_RONDE.leerling
        hulpvraag = Hulpvraag.objects.filter(
            leerling__school=organisaties[code, school],
            leerling__voornaam=voornaam,
            leerling__achternaam=achternaam,
            leerling__geboortedatum=geboren,
            status__in=OPEN,
        ).first()
        open_ronde = Overlegronde.objects.filter(
            hulpvraag=hulpvraag, titel=RONDE_TITEL, gesloten_op__isnull=True, einddatum__gte=vandaag
        )
        if hulpvraag is None or open_ronde.exists():
            return
        gemaakt = _moment(vandaag - timedelta(days=1), 330)  # yesterday at 14.00
        gereageerd = gemaakt + timedelta(hours=2, minutes=15)
        try:
            with transaction.atomic():
                ronde = self._op(
                    gemaakt,
                    overleg_services.maak_overlegronde,
                    door=self._persoon(MILA),
                    hulpvraag=hulpvraag,
                    titel=RONDE_TITEL,
                    omschrijving=f"Wil je meekijken naar de thuissituatie van {voornaam}? Ik hoor "
                    "graag wat je ziet en wat je adviseert voor het gesprek met de ouders.",
                    einddatum=vandaag + timedelta(days=1),
                    deelnemers=[self._persoon("extern@demo.test"), self._persoon("ib@demo.test")],
                )
                Overlegronde.objects.filter(pk=ronde.pk).update(aangemaakt_op=gemaakt)
                reactie = self._op(
                    gereageerd,
                    overleg_services.plaats_reactie,
                    door=self._persoon("ib@demo.test"),
                    overlegronde=ronde,
                    tekst=f"{voornaam} is de laatste weken stiller in de klas en vaak moe. Ik "
                    "sluit graag aan bij het gesprek met de ouders.",
                )
                Reactie.objects.filter(pk=reactie.pk).update(
                    geplaatst_op=gereageerd, gewijzigd_op=gereageerd
                )
        except (PermissionDenied, ValidationError) as fout:
            # Someone changed the case in the demo (closed it, another behandelaar): leave it.
            self.stdout.write(
                self.style.WARNING(f"Geen nieuwe overlegronde bij {hulpvraag.nummer}: {fout}")
            )

    def _ouders(self, organisaties):
        """The parents of some leerlingen, as the IB/COO enters them (ouders.services), and
        the consent Isa Koning's mother gave for sharing her dossier."""
        for (code, school, voornaam, achternaam), ouders in OUDERS.items():
            leerling = Leerling.objects.filter(
                school=organisaties[code, school], voornaam=voornaam, achternaam=achternaam
            ).first()
            if leerling is None:
                continue
            ib = self._persoon(IB_VAN_SCHOOL[code, school])
            for naam, email, relatie, gezag in ouders:
                if not leerling.ouders.filter(naam=naam).exists():
                    ouder_services.bewaar_ouder(
                        door=ib,
                        ouder=Ouder(
                            leerling=leerling, naam=naam, email=email, relatie=relatie, gezag=gezag
                        ),
                    )
        # Isa's (MET_RONDE) open hulpvraag: her mother said yes in a conversation at school,
        # the day after the aanmelding; the IB/COO registered it.
        voornaam, _, achternaam, geboren, _ = MET_RONDE.leerling
        hulpvraag = Hulpvraag.objects.filter(
            leerling__school=organisaties[MET_RONDE.school],
            leerling__voornaam=voornaam,
            leerling__achternaam=achternaam,
            leerling__geboortedatum=geboren,
            status__in=OPEN,
        ).first()
        delen = Toestemmingssoort.objects.vaste()[Toestemmingssoort.DELEN]
        if hulpvraag is None or Toestemming.objects.filter(hulpvraag=hulpvraag).exists():
            return
        try:
            with transaction.atomic():
                ouder_services.registreer_toestemming(
                    door=self._persoon(IB_VAN_SCHOOL[MET_RONDE.school]),
                    hulpvraag=hulpvraag,
                    ouder=hulpvraag.leerling.ouders.get(naam="Hanneke Koning"),
                    soort=delen,
                    besluit=Toestemming.Besluit.GEGEVEN,
                    wijze=Toestemming.Wijze.MONDELING,
                    op=min(hulpvraag.aangemaakt_op + timedelta(days=1), timezone.now()),
                    toelichting="Besproken in het gesprek met moeder en de leerkracht.",
                )
        except (PermissionDenied, ValidationError, Ouder.DoesNotExist) as fout:
            # Someone changed the case or the parents in the demo: leave it.
            self.stdout.write(
                self.style.WARNING(f"Geen toestemming vastgelegd bij {hulpvraag.nummer}: {fout}")
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

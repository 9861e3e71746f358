"""Benchmark: does the start page (Mijn acties) stay fast for a regierolhouder with many cases?

Renders the start page for a regierolhouder who is coördinator and behandelaar of N hulpvragen,
for a small and a large N, in one run, and prints the median times, the query counts and their
ratio. Of every kind of item there are many (aanpakken to confirm, TUSSENTIJDSE EVALUATIE past
its date, rounds of theirs that end tomorrow with an unread reactie, rounds of a colleague they
were invited to): the page reads one query per kind and shows at most werk.acties.PER_SOORT
of each, so the query count stays the same and the time grows only with the counting.

    .venv/bin/python bench/mijn_acties.py [klein] [groot]
    DATABASE_URL=postgres://…/kindkans_bench .venv/bin/python bench/mijn_acties.py  # empty db
"""

import datetime
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindkans.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Gebruiker, Lidmaatschap, Omgeving, Organisatie  # noqa: E402
from bench.inloggen import log_in  # noqa: E402
from bench.meten import druk_verhouding, mediaan_en_queries  # noqa: E402
from hulpvragen.models import Aanpak, Hulpvraag, StatusWijziging, zoektekst_van  # noqa: E402
from hulpvragen.toegang import synchroniseer_toegang_van  # noqa: E402
from leerlingen.models import Leerling  # noqa: E402
from notificaties.catalogus import Soort  # noqa: E402
from notificaties.models import Notificatie  # noqa: E402
from overleg.models import Deelname, Overlegronde, Reactie  # noqa: E402

# What each hulpvraag is, by its number modulo 4.
STATUSSEN = ["aangemeld", "geagendeerd", "tussentijdse_evaluatie", "retour_naar_schakelteam"]


def wereld(aantal, code):
    """An omgeving where one regierolhouder is coördinator and behandelaar of `aantal` cases."""
    vandaag = timezone.localdate()
    omgeving = Omgeving.objects.create(code=code, naam="Bench", sector="PO")
    school = Organisatie.objects.create(
        omgeving=omgeving, naam="School", soort="school", brin=f"{len(code):02d}{code[-2:]}"
    )
    cjg = Organisatie.objects.create(omgeving=omgeving, naam="CJG", soort="cjg")
    ib = Gebruiker.objects.create_user(f"ib-{code}@bench.test", "x", voornaam="I", achternaam="B")
    regie, collega, extern = (
        Gebruiker.objects.create_user(
            f"{naam}-{code}@bench.test", "x", voornaam=naam, achternaam="W"
        )
        for naam in ("regie", "collega", "extern")
    )
    Lidmaatschap.objects.create(gebruiker=ib, omgeving=omgeving, organisatie=school, rol="ib_coo")
    rollen = {regie: "regierolhouder", collega: "regierolhouder", extern: "externe_deelnemer"}
    for persoon, rol in rollen.items():
        Lidmaatschap.objects.create(gebruiker=persoon, omgeving=omgeving, organisatie=cjg, rol=rol)
    leerlingen = Leerling.objects.bulk_create(
        Leerling(
            voornaam=f"Kind{i}",
            achternaam=f"Achter{i}",
            geboortedatum="2015-01-01",
            school=school,
            omgeving=omgeving,
            groep_leerjaar="groep 5",
            gecontroleerd_op=timezone.now(),
        )
        for i in range(aantal)
    )
    hulpvragen = Hulpvraag.objects.bulk_create(
        Hulpvraag(
            omgeving=omgeving,
            leerling=leerling,
            titel="Team Schoolondersteuning",
            zoektekst=zoektekst_van("Team Schoolondersteuning", leerling),
            coordinator=regie,
            aangemaakt_door=ib,
            status=STATUSSEN[i % 4],
        )
        for i, leerling in enumerate(leerlingen)
    )
    # Every case has an aanpak of the regierolhouder that ended last week: AANGEMELD ones wait
    # for GEAGENDEERD, TUSSENTIJDSE EVALUATIE ones are past their evaluatiedatum.
    Aanpak.objects.bulk_create(
        Aanpak(
            hulpvraag=h,
            titel="Begeleiding",
            omschrijving="Gesprekken.",
            startdatum=vandaag - datetime.timedelta(days=60),
            einddatum=vandaag - datetime.timedelta(days=7),
            behandelaar=regie,
            aangemaakt_door=ib,
        )
        for h in hulpvragen
    )
    StatusWijziging.objects.bulk_create(
        StatusWijziging(hulpvraag=h, naar=h.status, door=regie) for h in hulpvragen
    )
    # A round of theirs on every GEAGENDEERD case, ending tomorrow, with an unread reactie; and
    # a round of a colleague on every other one, to which they were invited.
    geagendeerd = [h for h in hulpvragen if h.status == "geagendeerd"]
    eigen = Overlegronde.objects.bulk_create(
        Overlegronde(
            hulpvraag=h,
            titel="Meekijken",
            omschrijving="Wil je meekijken?",
            einddatum=vandaag + datetime.timedelta(days=1),
            aangemaakt_door=regie,
            omgeving_id=h.omgeving_id,
        )
        for h in geagendeerd
    )
    van_collega = Overlegronde.objects.bulk_create(
        Overlegronde(
            hulpvraag=h,
            titel="Graag uw blik",
            omschrijving="Wil je meekijken?",
            einddatum=vandaag + datetime.timedelta(days=10),
            aangemaakt_door=collega,
            omgeving_id=h.omgeving_id,
        )
        for h in geagendeerd[::2]
    )
    Deelname.objects.bulk_create(
        [Deelname(overlegronde=r, deelnemer=extern) for r in eigen]
        + [Deelname(overlegronde=r, deelnemer=regie) for r in van_collega]
    )
    Reactie.objects.bulk_create(
        Reactie(overlegronde=r, auteur=extern, tekst="Gezien.") for r in eigen
    )
    Notificatie.objects.bulk_create(
        Notificatie(
            ontvanger=regie,
            omgeving=omgeving,
            soort=Soort.REACTIE_GEPLAATST,
            onderwerp="Nieuwe reactie",
            tekst="Er is een nieuwe reactie.",
            pad=reverse("overleg:tab", args=[r.hulpvraag_id]) + f"#ronde-{r.pk}",
            link="https://kindkans.example/meldingen/1/",
            status=Notificatie.Status.VERSTUURD,
        )
        for r in eigen
    )
    synchroniseer_toegang_van(Hulpvraag.objects.filter(omgeving=omgeving))
    if connection.vendor == "postgresql":
        # What autovacuum does soon after such a load; without it PostgreSQL plans every
        # table as if it held one row.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return regie, omgeving


def meet(persoon, omgeving):
    client = Client()
    log_in(client, persoon, omgeving)
    assert "Mijn acties" in client.get("/").content.decode()
    return mediaan_en_queries(client, "/")


def main():
    klein = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    groot = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    call_command("migrate", verbosity=0)
    uitkomsten = {}
    for aantal, code in ((klein, "BA0001"), (groot, "BA0002")):
        persoon, omgeving = wereld(aantal, code)
        uitkomsten[aantal] = meet(persoon, omgeving)
    druk_verhouding(uitkomsten, klein, groot, "casussen")


if __name__ == "__main__":
    main()

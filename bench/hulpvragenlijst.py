"""Benchmark: does the Hulpvragen tab stay fast when a person sees many hulpvragen?

Renders page 1 of the list for an IB/COO who sees N hulpvragen, for a small and a large N, in
one run, and prints the ratio of the median times and of the query counts. The page is
paginated, so a healthy ratio stays near 1 (it grows only with the COUNT and the index scans).

    make bench            # or: .venv/bin/python bench/hulpvragenlijst.py [klein] [groot]
"""

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
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Gebruiker, Lidmaatschap, Omgeving, Organisatie  # noqa: E402
from bench.inloggen import log_in  # noqa: E402
from bench.meten import druk_verhouding, mediaan_en_queries  # noqa: E402
from hulpvragen.models import Hulpvraag, StatusWijziging, zoektekst_van  # noqa: E402
from hulpvragen.toegang import synchroniseer_toegang  # noqa: E402
from leerlingen.models import Leerling  # noqa: E402


def wereld(aantal, code):
    omgeving = Omgeving.objects.create(code=code, naam="Bench", sector="PO")
    school = Organisatie.objects.create(
        omgeving=omgeving, naam="School", soort="school", brin=f"{len(code):02d}{code[-2:]}"
    )
    cjg = Organisatie.objects.create(omgeving=omgeving, naam="CJG", soort="cjg")
    ib = Gebruiker.objects.create_user(f"ib-{code}@bench.test", "x", voornaam="I", achternaam="B")
    regie = Gebruiker.objects.create_user(
        f"rr-{code}@bench.test", "x", voornaam="R", achternaam="W"
    )
    Lidmaatschap.objects.create(gebruiker=ib, omgeving=omgeving, organisatie=school, rol="ib_coo")
    Lidmaatschap.objects.create(
        gebruiker=regie, omgeving=omgeving, organisatie=cjg, rol="regierolhouder"
    )
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
        )
        for leerling in leerlingen
    )
    StatusWijziging.objects.bulk_create(
        StatusWijziging(hulpvraag=h, naar="aangemeld", door=ib) for h in hulpvragen
    )
    for hulpvraag in Hulpvraag.objects.filter(omgeving=omgeving).select_related("leerling"):
        synchroniseer_toegang(hulpvraag)
    return ib, omgeving


def meet(ib, omgeving):
    client = Client()
    log_in(client, ib, omgeving)
    return mediaan_en_queries(client, "/hulpvragen/")


def main():
    klein = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    groot = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    call_command("migrate", verbosity=0)
    uitkomsten = {}
    for aantal, code in ((klein, "BK0001"), (groot, "BK0002")):
        ib, omgeving = wereld(aantal, code)
        uitkomsten[aantal] = meet(ib, omgeving)
    druk_verhouding(uitkomsten, klein, groot, "zichtbare hulpvragen")


if __name__ == "__main__":
    main()

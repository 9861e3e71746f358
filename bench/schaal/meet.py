"""Scale bench, part 2: do the personas' pages, the throughput and the beheer actions stay flat
from a small to a large database (both made by genereer.py)?

1. Pages, in process (django.test.Client, DEBUG off): for every persona every page it can open
   (start, Hulpvragen page 1 / search / status filter / last page, every tab of one of its
   hulpvragen, a formulier, Formulieren, Meldingen, Leerlingen; for the beheerder the beheer
   index and every changelist it may open). Each request runs on the small and then on the
   large database, interleaved, `--herhalingen` times; the table shows the median ms, the ratio
   large/small and the queries of one more run. Flagged: ratio > 1.3, more than 15 queries, or
   a status other than 200.
2. Throughput on the large database: gunicorn (2 workers, CONN_MAX_AGE=60, DEBUG off, Redis
   cache) hammered by a small keep-alive client on /hulpvragen/ as the IB persona and on the
   bare /gezond/; req/s of both and their ratio.
3. Beheer actions on the large database, through the admin's change forms as a browser posts
   them, with a real Celery worker: time of the request, then the time until the access rows
   agree with the relations again (polled on a sample). Every action is undone afterwards.
   Also the overlegronde expiry sweep with nothing expired, on both databases.

Before measuring it checks that each persona sees exactly its own hulpvragen (the IB persona
300 of her own school, …) and stops if not.

    .venv/bin/python bench/schaal/meet.py --klein kindkans_schaal_klein \
        --groot kindkans_schaal_groot [--herhalingen 20] \
        [--alleen paginas,opruimen,doorvoer,beheer]

Uses Redis databases 13 (cache) and 14 (Celery broker) on 127.0.0.1:6379, and
/tmp/schaal-static for the collected static files; logs of gunicorn and the worker go to
/tmp/schaal-gunicorn.log and /tmp/schaal-worker.log.
"""

import argparse
import http.client
import logging
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
TMP = Path(tempfile.gettempdir())
sys.path.insert(0, str(ROOT))

SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379"
LABELS = ("klein", "groot")


def lees_argumenten():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--klein", required=True)
    parser.add_argument("--groot", required=True)
    parser.add_argument("--herhalingen", type=int, default=20)
    parser.add_argument("--server", default=SERVER)
    parser.add_argument("--alleen", default="paginas,opruimen,doorvoer,beheer")
    parser.add_argument("--doorvoer-seconden", type=float, default=10)
    parser.add_argument("--gelijktijdig", type=int, default=6)
    parser.add_argument("--wacht-maximaal", type=float, default=1800, help="seconden per actie")
    return parser.parse_args()


ARGUMENTEN = lees_argumenten()

# Production-like settings, read by kindkans/settings.py at import and handed on to gunicorn
# and the worker (with the large database).
OMGEVING = {
    "DATABASE_URL": f"{ARGUMENTEN.server}/{ARGUMENTEN.klein}",
    "CONN_MAX_AGE": "60",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "CACHE_URL": f"{REDIS}/13",
    "CELERY_BROKER_URL": f"{REDIS}/14",
    "REDIS_URL": f"{REDIS}/14",
    "CELERY_TASK_ALWAYS_EAGER": "false",
    # Plain http on 127.0.0.1: no secure-only cookies, no redirect to https.
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_ROOT": str(TMP / "schaal-static"),
    # A long run must not be logged out for being idle.
    "SESSIE_INACTIEF_MINUTEN": "600",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "kindkans.settings",
}
os.environ.update(OMGEVING)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache, caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Gebruiker, Lidmaatschap, Omgeving, Organisatie, Rol  # noqa: E402
from bench.inloggen import log_in  # noqa: E402
from bench.schaal.personas import (  # noqa: E402
    BEHEER,
    DEELNEMER,
    DEELNEMER_RONDES,
    GROOT_CODE,
    IB,
    IB_HULPVRAGEN,
    REGIE,
    REGIE_BEHANDELAAR,
    REGIE_COORDINATOR,
    SCHAKEL,
    SUPERUSER,
    VERHUIS_HULPVRAGEN,
    toegang_klopt,
)
from formulieren.models import Formulier  # noqa: E402
from hulpvragen import tabs, toegang  # noqa: E402
from hulpvragen.models import Hulpvraag, HulpvraagRecht  # noqa: E402
from hulpvragen.selectors import zichtbare_hulpvragen  # noqa: E402
from leerlingen.models import Leerling  # noqa: E402
from overleg.models import Overlegronde  # noqa: E402
from overleg.tasks import beeindig_verlopen_overlegrondes  # noqa: E402

# A 404 of a page that exists for other personas only is expected; a 500 is still logged.
logging.getLogger("django.request").setLevel(logging.ERROR)

PERSONAS = [IB, REGIE, DEELNEMER, SCHAKEL, BEHEER]
# Pages that exist for some personas only; anything else must answer 200.
VERWACHT_NIET = {(DEELNEMER, "Formulieren"): 404, (BEHEER, "Formulieren"): 404}
MAX_VERHOUDING = 1.3
MAX_QUERIES = 15


# --- Two databases in one process -----------------------------------------------------------


class Wisselaar:
    """Point the default connection at the small or the large database.

    What the process keeps between requests and that holds ids is kept per database instead
    of being shared: ContentType's cache and toegang's permission ids are set aside and put
    back, the Django cache gets a key prefix per database (and is cleared once at the start),
    and any lru_cache in hulpvragen.toegang is cleared on every switch. A request therefore
    never sees an id of the other database, and a warm request stays warm.
    """

    MODULE_CACHES = [(toegang, "_ids")]

    def __init__(self, namen):
        self.namen = namen
        self.huidig = None
        self.bewaard = {label: {} for label in namen}
        cache.clear()

    def gebruik(self, label):
        if label == self.huidig:
            return
        if self.huidig is not None:
            self._zet_opzij(self.huidig)
        connection.close()
        connection.settings_dict["NAME"] = self.namen[label]
        self._zet_terug(label)
        caches["default"].key_prefix = f"schaal-{label}"
        for waarde in vars(toegang).values():
            if callable(getattr(waarde, "cache_clear", None)):
                waarde.cache_clear()
        connection.ensure_connection()
        self.huidig = label

    def _zet_opzij(self, label):
        bewaard = self.bewaard[label]
        bewaard["contenttypes"] = ContentType.objects._cache.pop(connection.alias, None)
        for module, naam in self.MODULE_CACHES:
            if hasattr(module, naam):
                bewaard[(module.__name__, naam)] = getattr(module, naam)

    def _zet_terug(self, label):
        bewaard = self.bewaard[label]
        if bewaard.get("contenttypes") is not None:
            ContentType.objects._cache[connection.alias] = bewaard["contenttypes"]
        for module, naam in self.MODULE_CACHES:
            if hasattr(module, naam):
                setattr(module, naam, bewaard.get((module.__name__, naam)))


# --- Personas and their pages ---------------------------------------------------------------


@dataclass
class Persona:
    email: str
    gebruiker: Gebruiker
    omgeving: Omgeving
    client: Client
    hulpvraag: Hulpvraag | None


@dataclass
class Pagina:
    naam: str
    persona: str
    urls: dict = field(default_factory=dict)  # label → url
    ms: dict = field(default_factory=dict)
    queries: dict = field(default_factory=dict)
    statussen: dict = field(default_factory=dict)  # label → set of statuses
    fout: str = ""


def nieuwe_client(**kwargs):
    # A 500 is reported in the table, not raised in the middle of the bench.
    return Client(raise_request_exception=False, **kwargs)


def voorbeeld_hulpvraag(gebruiker, omgeving):
    """The persona's hulpvraag whose tabs are measured: the first (by id) with an aanpak and an
    overlegronde, so every tab has content. The same one at both sizes (same ids)."""
    zichtbaar = zichtbare_hulpvragen(gebruiker=gebruiker, omgeving=omgeving)
    return (
        zichtbaar.filter(overlegrondes__isnull=False, aanpakken__isnull=False)
        .order_by("pk")
        .first()
        or zichtbaar.filter(overlegrondes__isnull=False).order_by("pk").first()
        or zichtbaar.order_by("pk").first()
    )


def maak_persona(email):
    gebruiker = Gebruiker.objects.get(email=email)
    omgeving = Omgeving.objects.get(code=GROOT_CODE)
    client = nieuwe_client()
    log_in(client, gebruiker, omgeving)
    hulpvraag = None if email == BEHEER else voorbeeld_hulpvraag(gebruiker, omgeving)
    return Persona(email, gebruiker, omgeving, client, hulpvraag)


def paginas_van(persona):
    """(naam, url) of every page this persona opens, on the current database."""
    hv = persona.hulpvraag
    zoekwoord = hv.leerling.achternaam if hv else "Jansen"
    paginas = [
        ("Start", "/"),
        ("Hulpvragen", "/hulpvragen/"),
        ("Hulpvragen zoeken", f"/hulpvragen/?zoek={zoekwoord}"),
        ("Hulpvragen status", "/hulpvragen/?status=geagendeerd"),
        ("Hulpvragen laatste pagina", "/hulpvragen/?page=last"),
        ("Formulieren", "/formulieren/"),
        ("Meldingen", "/meldingen/"),
        ("Leerlingen", "/leerlingen/"),
    ]
    if hv is not None:
        rechten = toegang.rechten_op(persona.gebruiker, hv)
        paginas += [(f"Tab {naam}", url) for naam, url, _ in tabs.tabs_voor(hv, rechten)]
        formulier = Formulier.objects.filter(hulpvraag=hv).order_by("pk").first()
        if formulier is not None and toegang.FORMULIEREN in rechten:
            paginas.append(("Formulier", f"/hulpvragen/{hv.pk}/formulieren/{formulier.pk}/"))
    if persona.email in (SCHAKEL, BEHEER):
        paginas.append(("Overzicht", "/overzicht/"))
    if persona.email == BEHEER:
        paginas.append(("Beheer", "/beheer/"))
        index = persona.client.get("/beheer/").content.decode()
        for app, model in sorted(set(re.findall(r'href="/beheer/(\w+)/(\w+)/"', index))):
            paginas.append((f"Beheer {app}.{model}", f"/beheer/{app}/{model}/"))
    return paginas


# --- Sanity: every persona sees exactly its own hulpvragen ----------------------------------


def aantal_in_lijst(persona, weergave):
    """The count the list shows; a list cut off at its maximum ("Meer dan 1000 hulpvragen")
    shows none, and then the list's own queryset is counted in full."""
    html = persona.client.get(f"/hulpvragen/?weergave={weergave}").content.decode()
    gevonden = re.search(r'<p role="status">(\d+) hulpvra', html)
    if gevonden is not None:
        return int(gevonden.group(1))
    if re.search(r'<p role="status">Meer dan \d+ hulpvragen', html) is None:
        raise SystemExit(f"Geen aantal op /hulpvragen/?weergave={weergave}")
    lijst = zichtbare_hulpvragen(gebruiker=persona.gebruiker, omgeving=persona.omgeving)
    if weergave == "afgerond":
        return lijst.filter(status="afgerond").count()
    return lijst.exclude(status="afgerond").count()


def verwacht_aantal(persona):
    groot = persona.omgeving
    vast = {
        IB: len(IB_HULPVRAGEN),
        REGIE: len(REGIE_COORDINATOR) + len(REGIE_BEHANDELAAR),
        DEELNEMER: len(DEELNEMER_RONDES),
        BEHEER: 0,
    }
    if persona.email in vast:
        return vast[persona.email]
    gebruiker = persona.gebruiker
    return (
        Hulpvraag.objects.filter(omgeving=groot)
        .filter(Q(coordinator=gebruiker) | Q(aanpakken__behandelaar=gebruiker))
        .distinct()
        .count()
    )


def controleer_zicht(label, personas):
    """Stop when a persona sees more or less than its own hulpvragen, in the list as shown."""
    for persona in personas.values():
        gezien = sum(aantal_in_lijst(persona, w) for w in ("open", "afgerond"))
        verwacht = verwacht_aantal(persona)
        if gezien != verwacht:
            raise SystemExit(
                f"FOUT ({label}): {persona.email} ziet {gezien} hulpvragen, verwacht {verwacht}"
            )
    ib = personas[IB]
    scholen = set(
        Lidmaatschap.objects.filter(gebruiker=ib.gebruiker, rol=Rol.IB_COO).values_list(
            "organisatie_id", flat=True
        )
    )
    vreemd = (
        zichtbare_hulpvragen(gebruiker=ib.gebruiker, omgeving=ib.omgeving)
        .exclude(leerling__school_id__in=scholen)
        .count()
    )
    if vreemd:
        raise SystemExit(f"FOUT ({label}): de IB ziet {vreemd} hulpvragen van een andere school")
    deelnemer = personas[DEELNEMER]
    tab = deelnemer.client.get(f"/hulpvragen/{deelnemer.hulpvraag.pk}/formulieren/")
    if tab.status_code != 404:
        raise SystemExit(f"FOUT ({label}): de deelnemer opent de formulieren ({tab.status_code})")
    print(f"  {label}: iedere persona ziet precies de eigen hulpvragen")


# --- 1. Pages -------------------------------------------------------------------------------


def vraag(client, url):
    begin = time.perf_counter()
    response = client.get(url)
    return time.perf_counter() - begin, response


def reden(response):
    exc = getattr(response, "exc_info", None)
    if exc and exc[1] is not None:
        return f"{type(exc[1]).__name__}: {str(exc[1])[:120]}"
    return ""


def meet_pagina(pagina, clients, wisselaar, herhalingen):
    tijden = {label: [] for label in LABELS}
    for label in LABELS:
        wisselaar.gebruik(label)
        _, response = vraag(clients[label], pagina.urls[label])  # warm-up
        pagina.statussen[label] = {response.status_code}
        if response.status_code != 200:
            pagina.fout = pagina.fout or reden(response)
    if any(200 not in s for s in pagina.statussen.values()):
        return
    for _ in range(herhalingen):
        for label in LABELS:
            wisselaar.gebruik(label)
            duur, response = vraag(clients[label], pagina.urls[label])
            tijden[label].append(duur)
            pagina.statussen[label].add(response.status_code)
    for label in LABELS:
        wisselaar.gebruik(label)
        with CaptureQueriesContext(connection) as queries:
            clients[label].get(pagina.urls[label])
        pagina.ms[label] = statistics.median(tijden[label]) * 1000
        pagina.queries[label] = len(queries)


def meet_paginas(wisselaar, herhalingen):
    personas, paginas = {}, {}
    for label in LABELS:
        wisselaar.gebruik(label)
        controleer_rondes_open(label)
        personas[label] = {email: maak_persona(email) for email in PERSONAS}
        controleer_zicht(label, personas[label])
        for email, persona in personas[label].items():
            for naam, url in paginas_van(persona):
                pagina = paginas.setdefault((email, naam), Pagina(naam, email))
                pagina.urls[label] = url
    for (email, _), pagina in paginas.items():
        if len(pagina.urls) != len(LABELS):
            pagina.fout = "bestaat maar op één van beide databases"
            continue
        clients = {label: personas[label][email].client for label in LABELS}
        meet_pagina(pagina, clients, wisselaar, herhalingen)
    return list(paginas.values())


def controleer_rondes_open(label):
    vandaag = timezone.localdate()
    deelnemer = Gebruiker.objects.get(email=DEELNEMER)
    open_ = Overlegronde.objects.filter(
        deelnames__deelnemer=deelnemer, einddatum__gte=vandaag, gesloten_op__isnull=True
    ).count()
    if open_ != len(DEELNEMER_RONDES):
        raise SystemExit(
            f"{label}: de deelnemer heeft {open_} open rondes in plaats van "
            f"{len(DEELNEMER_RONDES)}; de rondes lopen 14 dagen na het genereren af: genereer "
            "de database opnieuw."
        )


def let_op(pagina):
    """Why this page is flagged ('' when it is not)."""
    verwacht = VERWACHT_NIET.get((pagina.persona, pagina.naam))
    if not pagina.ms:
        if verwacht and all(s == {verwacht} for s in pagina.statussen.values()):
            return ""
        return f"status {pagina.statussen} {pagina.fout}".strip()
    redenen = []
    if pagina.ms["groot"] / pagina.ms["klein"] > MAX_VERHOUDING:
        redenen.append(f"groot/klein > {MAX_VERHOUDING}")
    if max(pagina.queries.values()) > MAX_QUERIES:
        redenen.append(f"> {MAX_QUERIES} queries")
    if any(s != {200} for s in pagina.statussen.values()):
        redenen.append(f"status {pagina.statussen}")
    return ", ".join(redenen)


def druk_paginas_af(paginas, herhalingen):
    print(f"\nPagina's (mediaan van {herhalingen}, klein ⇄ groot afgewisseld; * = let op)")
    kop = f"{'pagina':<38} {'persona':<22} {'ms klein':>9} {'ms groot':>9} {'×':>5}"
    print(f"{kop} {'q klein':>7} {'q groot':>7}  status")
    for p in paginas:
        status = "/".join(
            ",".join(map(str, sorted(p.statussen.get(label, [])))) for label in LABELS
        )
        ster = " *" if let_op(p) else ""
        if not p.ms:
            print(f"{p.naam:<38} {p.persona:<22} {'(niet te openen)':>49}  {status}{ster}")
            continue
        print(
            f"{p.naam:<38} {p.persona:<22} {p.ms['klein']:>9.1f} {p.ms['groot']:>9.1f} "
            f"{p.ms['groot'] / p.ms['klein']:>5.2f} {p.queries['klein']:>7} "
            f"{p.queries['groot']:>7}  {status}{ster}"
        )
    gemarkeerd = [p for p in paginas if let_op(p)]
    print(f"\n{len(gemarkeerd)} van {len(paginas)} pagina's gemarkeerd:")
    for p in gemarkeerd:
        print(f"  * {p.naam} ({p.persona}): {let_op(p)}")


# --- The expiry sweep -----------------------------------------------------------------------


def meet_opruimen(wisselaar, keer=5):
    uitkomst = {}
    for label in LABELS:
        wisselaar.gebruik(label)
        tijden = []
        for _ in range(keer):
            begin = time.perf_counter()
            verwijderd = beeindig_verlopen_overlegrondes()
            tijden.append(time.perf_counter() - begin)
            if verwijderd:
                print(f"  let op ({label}): de sweep verwijderde {verwijderd} verlopen rechten")
        uitkomst[label] = statistics.median(tijden) * 1000
    print(
        f"\nOpruimen verlopen rechten (overleg.tasks.beeindig_verlopen_overlegrondes, niets "
        f"verlopen): {uitkomst['klein']:.1f} ms klein, {uitkomst['groot']:.1f} ms groot, "
        f"{uitkomst['groot'] / uitkomst['klein']:.2f}×"
    )


# --- 2. Throughput --------------------------------------------------------------------------


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def omgeving_groot():
    return {
        **os.environ,
        **OMGEVING,
        "DATABASE_URL": f"{ARGUMENTEN.server}/{ARGUMENTEN.groot}",
    }


def start(argumenten, log):
    bestand = open(log, "w")  # noqa: SIM115 (closed in stop())
    proces = subprocess.Popen(  # noqa: S603 (our own venv's programs)
        argumenten, cwd=ROOT, env=omgeving_groot(), stdout=bestand, stderr=subprocess.STDOUT
    )
    proces.logbestand = bestand
    return proces


def stop(proces):
    proces.terminate()
    try:
        proces.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()
    proces.logbestand.close()


def get(poort, pad, cookie=None):
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
    verbinding.request("GET", pad, headers={"Cookie": cookie} if cookie else {})
    response = verbinding.getresponse()
    response.read()
    verbinding.close()
    return response.status


def hamer(poort, pad, cookie, seconden, gelijktijdig):
    """Requests per second of `gelijktijdig` keep-alive clients during `seconden`."""
    tellers, fouten = [0] * gelijktijdig, [0] * gelijktijdig
    einde = time.perf_counter() + seconden

    def werk(i):
        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
        while time.perf_counter() < einde:
            verbinding.request("GET", pad, headers={"Cookie": cookie})
            response = verbinding.getresponse()
            response.read()
            if response.status == 200:
                tellers[i] += 1
            else:
                fouten[i] += 1
            if response.will_close:
                verbinding.close()  # gunicorn's sync workers close; reconnect on the next one
        verbinding.close()

    draden = [threading.Thread(target=werk, args=(i,)) for i in range(gelijktijdig)]
    begin = time.perf_counter()
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    return sum(tellers) / (time.perf_counter() - begin), sum(fouten)


def meet_doorvoer(wisselaar):
    wisselaar.gebruik("groot")
    ib = Gebruiker.objects.get(email=IB)
    client = nieuwe_client()
    log_in(client, ib, Omgeving.objects.get(code=GROOT_CODE))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    poort = vrije_poort()
    gunicorn = start(
        [BIN / "gunicorn", "kindkans.wsgi", "-w", "2", "--bind", f"127.0.0.1:{poort}"],
        TMP / "schaal-gunicorn.log",
    )
    try:
        wacht_op_gunicorn(poort)
        status = get(poort, "/hulpvragen/", cookie)
        if status != 200:
            raise SystemExit(f"gunicorn: /hulpvragen/ met de sessie van de IB gaf {status}")
        uitkomst = {}
        for pad in ("/hulpvragen/", "/gezond/"):
            hamer(poort, pad, cookie, 1, ARGUMENTEN.gelijktijdig)  # warm-up
            uitkomst[pad] = hamer(
                poort, pad, cookie, ARGUMENTEN.doorvoer_seconden, ARGUMENTEN.gelijktijdig
            )
    finally:
        stop(gunicorn)
    print(
        f"\nDoorvoer op {ARGUMENTEN.groot} (gunicorn -w 2, {ARGUMENTEN.gelijktijdig} "
        f"gelijktijdige clients, {ARGUMENTEN.doorvoer_seconden:.0f} s):"
    )
    for pad, (per_seconde, fouten) in uitkomst.items():
        print(f"  {pad:<14} {per_seconde:8.1f} req/s  ({fouten} fouten)")
    verhouding = uitkomst["/hulpvragen/"][0] / uitkomst["/gezond/"][0]
    print(f"  verhouding /hulpvragen/ ÷ /gezond/: {verhouding:.2f}")


def wacht_op_gunicorn(poort, maximaal=60):
    einde = time.perf_counter() + maximaal
    while time.perf_counter() < einde:
        try:
            if get(poort, "/gezond/") == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn start niet; zie /tmp/schaal-gunicorn.log")


# --- 3. Beheer actions ----------------------------------------------------------------------


class FormulierLezer(HTMLParser):
    """The fields a browser would post from the form with this id: every enabled input,
    checked boxes only, the selected options, textareas, and the "_save" button."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.binnen = False
        self.velden = {}
        self.select = None  # [name, multiple, selected values, first value]
        self.textarea = None  # [name, text parts]

    def voeg_toe(self, naam, waarde):
        self.velden.setdefault(naam, []).append(waarde)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.binnen = a.get("id") == self.form_id
        if not self.binnen or "disabled" in a:
            return
        if tag == "input" and a.get("name"):
            self._input(a)
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], "multiple" in a, [], None]
        elif tag == "option" and self.select is not None:
            waarde = a.get("value", "")
            if self.select[3] is None:
                self.select[3] = waarde
            if "selected" in a:
                self.select[2].append(waarde)
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], []]

    def _input(self, a):
        soort = a.get("type", "text").lower()
        if soort in ("checkbox", "radio"):
            if "checked" in a:
                self.voeg_toe(a["name"], a.get("value", "on"))
        elif soort == "submit":
            if a["name"] == "_save":
                self.voeg_toe(a["name"], a.get("value", ""))
        elif soort not in ("button", "image", "reset", "file"):
            self.voeg_toe(a["name"], a.get("value", ""))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.binnen = False
        elif tag == "select" and self.select is not None:
            naam, meerdere, gekozen, eerste = self.select
            for waarde in gekozen or ([] if meerdere or eerste is None else [eerste]):
                self.voeg_toe(naam, waarde)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.voeg_toe(self.textarea[0], "".join(self.textarea[1]))
            self.textarea = None


@dataclass
class Actie:
    naam: str
    client: Client
    model: type
    pk: int
    wijzig: dict  # field → value; None unticks a checkbox
    steekproef: list  # hulpvragen whose access must agree afterwards


def post_wijzigformulier(actie):
    """GET the admin change form, change the fields, POST it as a browser does; ms."""
    meta = actie.model._meta
    url = f"/beheer/{meta.app_label}/{meta.model_name}/{actie.pk}/change/"
    pagina = actie.client.get(url)
    if pagina.status_code != 200:
        raise SystemExit(f"{actie.naam}: {url} gaf {pagina.status_code} {reden(pagina)}")
    lezer = FormulierLezer(f"{meta.model_name}_form")
    lezer.feed(pagina.content.decode())
    if not lezer.velden:
        raise SystemExit(f"{actie.naam}: geen formulier op {url}")
    for veld, waarde in actie.wijzig.items():
        lezer.velden.pop(veld, None)
        if waarde is not None:
            lezer.velden[veld] = [str(waarde)]
    begin = time.perf_counter()
    response = actie.client.post(url, lezer.velden)
    duur = (time.perf_counter() - begin) * 1000
    if response.status_code != 302:
        fouten = re.findall(
            r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode()
        )
        raise SystemExit(
            f"{actie.naam}: POST {url} gaf {response.status_code} {reden(response)} {fouten[:3]}"
        )
    return duur


def wacht_tot_toegang_klopt(steekproef, maximaal):
    """Seconds until toegang_klopt() holds for every hulpvraag of the sample, counted to the
    start of the round of checks that found the last one right; 0 when the first round found
    them all right (the request did the work itself)."""
    begin = time.perf_counter()
    open_, ronde_begon = list(steekproef), 0.0
    eerste = True
    while open_:
        if not eerste:
            time.sleep(0.2)
        ronde_begon = time.perf_counter() - begin
        open_ = [hv for hv in open_ if not toegang_klopt(hv)]
        if open_ and ronde_begon > maximaal:
            raise SystemExit(f"toegang klopt na {maximaal:.0f} s nog niet voor {open_[:5]}")
        eerste = False
    return ronde_begon


def beheeracties():
    """The actions and their undoing, in pairs; with ids of the large database."""
    omgeving = Omgeving.objects.get(code=GROOT_CODE)
    schakel = Gebruiker.objects.get(email=SCHAKEL)
    lid = Lidmaatschap.objects.get(gebruiker=schakel, omgeving=omgeving)
    beheer = nieuwe_client(enforce_csrf_checks=True)
    log_in(beheer, Gebruiker.objects.get(email=BEHEER), omgeving)
    superuser = nieuwe_client(enforce_csrf_checks=True)
    log_in(superuser, Gebruiker.objects.get(email=SUPERUSER), omgeving)
    ids = list(Hulpvraag.objects.filter(coordinator=schakel).values_list("pk", flat=True))
    haar = list(Hulpvraag.objects.filter(pk__in=random.Random(3).sample(ids, min(40, len(ids)))))
    verhuizer = (
        Leerling.objects.filter(school__omgeving=omgeving)
        .annotate(n=Count("hulpvragen"))
        .filter(n__gte=VERHUIS_HULPVRAGEN)
        .order_by("pk")
        .first()
    )
    if verhuizer is None:
        raise SystemExit(f"geen leerling met {VERHUIS_HULPVRAGEN} hulpvragen in {GROOT_CODE}")
    andere_school = (
        Organisatie.objects.scholen()
        .filter(omgeving=omgeving)
        .exclude(pk=verhuizer.school_id)
        .order_by("-pk")
        .first()
    )
    zijn = list(verhuizer.hulpvragen.all())

    def heen_en_terug(naam, model, pk, veld, nieuw, oud, steekproef, terug_door=beheer):
        return [
            Actie(naam, beheer, model, pk, {veld: nieuw}, steekproef),
            Actie(f"{naam}: terug", terug_door, model, pk, {veld: oud}, steekproef),
        ]

    acties = [
        *heen_en_terug(
            "lidmaatschap schakel uit", Lidmaatschap, lid.pk, "actief", None, "on", haar
        ),
        *heen_en_terug(
            "naam schakel", Gebruiker, schakel.pk, "voornaam", "Bench", schakel.voornaam, haar
        ),
        *heen_en_terug(
            "omgeving hernoemen", Omgeving, omgeving.pk, "naam", "Nieuw", omgeving.naam, haar
        ),
        *heen_en_terug(
            f"leerling ({len(zijn)} hv) van school",
            Leerling,
            verhuizer.pk,
            "school",
            andere_school.pk,
            verhuizer.school_id,
            zijn,
        ),
        # The beheerder no longer manages a switched-off omgeving: a superuser switches it on.
        *heen_en_terug(
            "omgeving uit", Omgeving, omgeving.pk, "actief", None, "on", haar, terug_door=superuser
        ),
    ]
    return acties, schakel


def meet_beheer(wisselaar):
    wisselaar.gebruik("groot")
    from kindkans.celery import app

    app.control.purge()
    naam = f"schaal-{os.getpid()}@{socket.gethostname()}"
    worker = start(
        [BIN / "celery", "-A", "kindkans", "worker", "-l", "warning", "-n", naam]
        + ["--without-gossip", "--without-mingle"],
        TMP / "schaal-worker.log",
    )
    try:
        wacht_op_worker(app, naam)
        acties, schakel = beheeracties()
        print(f"\nBeheeracties op {ARGUMENTEN.groot} (Celery-worker {naam}):")
        print(
            f"{'actie':<34} {'verzoek ms':>11} {'toegang klopt na s':>19} {'rechten schakel':>16}"
        )
        for actie in acties:
            duur = post_wijzigformulier(actie)
            wacht = wacht_tot_toegang_klopt(actie.steekproef, ARGUMENTEN.wacht_maximaal)
            rechten = HulpvraagRecht.objects.filter(user=schakel).count()
            print(f"{actie.naam:<34} {duur:>11.0f} {wacht:>19.1f} {rechten:>16,}")
    finally:
        stop(worker)


def wacht_op_worker(app, naam, maximaal=60):
    einde = time.perf_counter() + maximaal
    while time.perf_counter() < einde:
        if app.control.ping(destination=[naam], timeout=0.5):
            return
    raise SystemExit("de Celery-worker start niet; zie /tmp/schaal-worker.log")


def main():
    onderdelen = set(ARGUMENTEN.alleen.split(","))
    print(f"collectstatic naar {settings.STATIC_ROOT} …", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    wisselaar = Wisselaar({"klein": ARGUMENTEN.klein, "groot": ARGUMENTEN.groot})
    if "paginas" in onderdelen:
        paginas = meet_paginas(wisselaar, ARGUMENTEN.herhalingen)
        druk_paginas_af(paginas, ARGUMENTEN.herhalingen)
    if "opruimen" in onderdelen:
        meet_opruimen(wisselaar)
    if "doorvoer" in onderdelen:
        meet_doorvoer(wisselaar)
    if "beheer" in onderdelen:
        meet_beheer(wisselaar)


if __name__ == "__main__":
    main()

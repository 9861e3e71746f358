"""Every access to a child's dossier through the portal writes exactly one logboek row, in the
same request: each look, each write; a refused request writes none; a request whose row cannot
be written fails and leaves nothing behind."""

import datetime
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.shortcuts import redirect
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from formulieren import services as formulier_services
from formulieren.models import Formulier, FormulierDefinitie
from formulieren.standaard import BETROKKENHEID, TEAM_SCHOOLONDERSTEUNING
from hulpvragen import services as hulpvraag_services
from hulpvragen.models import Aanpak, Bijlage, Hulpvraag, StatusWijziging
from hulpvragen.views import HulpvraagMixin
from leerlingen.models import Leerling
from logboek.models import Logregel
from overleg import services as overleg_services
from overleg.models import Overlegronde
from tests.factories import LeerlingFactory, OrganisatieFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The person as a row copies them: (naam, rol).
PERSONEN = {
    "ib": ("Inge Bakker", "IB/COO (schakelfunctionaris onderwijs)"),
    "regie": ("Rik de Wit", "Regierolhouder"),
    "extern": ("Eva Smit", "Externe deelnemer"),
}


@pytest.fixture
def d(po, maak_lid, settings, tmp_path):
    """A dossier with one of everything: aanpak, bijlage, formulier, overlegronde, reactie.

    Rik de Wit is coördinator and behandelaar, Eva Smit deelnemer of the open round, Anne Kok
    the IB/COO of another school (she may see none of it).
    """
    settings.MEDIA_ROOT = tmp_path
    school = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")
    ib = maak_lid(po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker")
    regie = maak_lid(po, "regierolhouder", voornaam="Rik", achternaam="de Wit")
    regie2 = maak_lid(po, "regierolhouder", voornaam="Noor", achternaam="Jansen")
    extern = maak_lid(po, "externe_deelnemer", voornaam="Eva", achternaam="Smit")
    andere_ib = maak_lid(
        po,
        "ib_coo",
        organisatie=OrganisatieFactory(omgeving=po, naam="CBS Het Anker"),
        voornaam="Anne",
        achternaam="Kok",
    )
    leerling = LeerlingFactory(
        school=school, voornaam="Sem", achternaam="Bos", gecontroleerd_op=timezone.now()
    )
    hulpvraag = hulpvraag_services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Team Schoolondersteuning",
        omschrijving="Sem kan zich slecht concentreren.",
        coordinator=regie,
    )
    aanpak = hulpvraag_services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=hulpvraag,
        titel="Begeleiding in de klas",
        omschrijving="Wekelijks gesprek",
        startdatum=timezone.localdate(),
        einddatum=None,
        behandelaar=regie,
    )
    bijlage = hulpvraag_services.voeg_bijlage_toe(
        door=regie, hulpvraag=hulpvraag, bestand=SimpleUploadedFile("verslag.pdf", PDF)
    )
    team = FormulierDefinitie.objects.get(omgeving=po, naam=TEAM_SCHOOLONDERSTEUNING)
    formulier = formulier_services.maak_formulier(
        door=ib, hulpvraag=hulpvraag, definitie=team, waarden={}
    )
    ronde = overleg_services.maak_overlegronde(
        door=regie,
        hulpvraag=hulpvraag,
        titel="Overleg school en TJG",
        omschrijving="Uw advies over de aanpak.",
        einddatum=timezone.localdate() + datetime.timedelta(days=7),
        deelnemers=[extern],
    )
    reactie = overleg_services.plaats_reactie(
        door=extern, overlegronde=ronde, tekst="Ik zie Sem graag een keer."
    )
    return SimpleNamespace(
        ib=ib,
        regie=regie,
        regie2=regie2,
        extern=extern,
        andere_ib=andere_ib,
        school=school,
        leerling=leerling,
        hulpvraag=hulpvraag,
        aanpak=aanpak,
        bijlage=bijlage,
        formulier=formulier,
        betrokkenheid=FormulierDefinitie.objects.get(omgeving=po, naam=BETROKKENHEID),
        ronde=ronde,
        reactie=reactie,
    )


def _hv(naam, *extra):
    """The url `naam` of the dossier's hulpvraag, with the ids `extra` names on the dossier."""
    return lambda d: reverse(naam, args=[d.hulpvraag.pk, *(getattr(d, e).pk for e in extra)])


def _dossier_hulpvraag(d):
    return d.hulpvraag.pk


def _dossier_leerling(d):
    return d.leerling.pk


@dataclass
class Geval:
    """One access: who, where (GET, or POST with `data`), and the row it must write."""

    naam: str  # the test id
    persoon: str
    url: Callable
    actie: str
    soort: str = ""  # onderwerp_soort, literally
    onderwerp: Callable = lambda d: None
    data: Callable | None = None
    hulpvraag: Callable = _dossier_hulpvraag
    leerling: Callable = _dossier_leerling


def _betrokkenheid(d, **extra):
    return {
        "naam-betrokkene": d.regie.pk,
        "organisatie": "CJG",
        "start-betrokkenheid": "2026-12-01",
        "overig": "Wekelijks contact met de IB-er.",
        **extra,
    }


def _aanpak(d):
    return {
        "titel": "Gesprekken thuis",
        "omschrijving": "Om de week",
        "startdatum": timezone.localdate().isoformat(),
        "einddatum": "",
        "behandelaar": d.regie2.pk,
    }


def _leerling(d, **extra):
    return {
        "voornaam": "Sem",
        "achternaam": "Bos",
        "geboortedatum": "2016-03-14",
        "postcode": "3241aa",
        "woonplaats": "Middelharnis",
        "telefoon_ouder_1": "0187 123456",
        "school": d.school.pk,
        "groep_leerjaar": "groep 6",
        **extra,
    }


BEKEKEN = [
    Geval("algemeen", "ib", _hv("hulpvragen:detail"), "hulpvraag_bekeken"),
    Geval("algemeen deelnemer", "extern", _hv("hulpvragen:detail"), "hulpvraag_bekeken"),
    Geval("hulpvraag wijzigen openen", "ib", _hv("hulpvragen:wijzigen"), "hulpvraag_bekeken"),
    Geval("tab aanpak", "ib", _hv("hulpvragen:aanpak"), "tab_bekeken", "tabblad:Aanpak"),
    Geval("aanpak toevoegen openen", "ib", _hv("hulpvragen:aanpak_nieuw"), "tab_bekeken"),
    Geval(
        "aanpak wijzigen openen",
        "ib",
        _hv("hulpvragen:aanpak_wijzigen", "aanpak"),
        "aanpak_bekeken",
        "aanpak",
        lambda d: d.aanpak,
    ),
    Geval("tab bijlagen", "regie", _hv("hulpvragen:bijlagen"), "tab_bekeken", "tabblad:Bijlagen"),
    Geval(
        "bijlage downloaden",
        "extern",
        _hv("hulpvragen:bijlage", "bijlage"),
        "bijlage_gedownload",
        "bijlage",
        lambda d: d.bijlage,
    ),
    Geval("tab formulieren", "ib", _hv("formulieren:tab"), "tab_bekeken", "tabblad:Formulieren"),
    Geval("formulier kiezen", "ib", _hv("formulieren:nieuw"), "tab_bekeken"),
    Geval(
        "formulier lezen",
        "ib",
        _hv("formulieren:formulier", "formulier"),
        "formulier_bekeken",
        "formulier",
        lambda d: d.formulier,
    ),
    Geval(
        "formulier wijzigen openen",
        "ib",
        _hv("formulieren:wijzigen", "formulier"),
        "formulier_bekeken",
        "formulier",
        lambda d: d.formulier,
    ),
    Geval("tab overlegronde", "regie", _hv("overleg:tab"), "tab_bekeken", "tabblad:Overlegronde"),
    Geval(
        "tab overlegronde deelnemer",
        "extern",
        _hv("overleg:tab"),
        "tab_bekeken",
        "tabblad:Overlegronde",
    ),
    Geval("overlegronde openen", "regie", _hv("overleg:nieuw"), "tab_bekeken"),
    Geval(
        "leerling",
        "ib",
        lambda d: reverse("leerlingen:detail", args=[d.leerling.pk]),
        "leerling_bekeken",
        hulpvraag=lambda d: None,
    ),
    Geval(
        "leerling wijzigen openen",
        "ib",
        lambda d: reverse("leerlingen:wijzigen", args=[d.leerling.pk]),
        "leerling_bekeken",
        hulpvraag=lambda d: None,
    ),
    Geval(
        "hulpvraag voor leerling openen",
        "ib",
        lambda d: reverse("hulpvragen:nieuw") + f"?leerling={d.leerling.pk}",
        "leerling_bekeken",
        hulpvraag=lambda d: None,
    ),
    # A POST that comes back with its errors shows the dossier again: it is that look, no write.
    Geval(
        "hulpvraag wijzigen met fout",
        "ib",
        _hv("hulpvragen:wijzigen"),
        "hulpvraag_bekeken",
        data=lambda d: {"titel": "", "omschrijving": "Lezen"},
    ),
    Geval(
        "status met fout",
        "regie",
        _hv("hulpvragen:status"),
        "hulpvraag_bekeken",
        data=lambda d: {"naar": "afgerond"},
    ),
    Geval(
        "formulier wijzigen met fout",
        "ib",
        _hv("formulieren:wijzigen", "formulier"),
        "formulier_bekeken",
        "formulier",
        lambda d: d.formulier,
        data=lambda d: {"aanleiding": "", "versie": "1"},
    ),
    Geval(
        "reactie met fout",
        "extern",
        _hv("overleg:reactie", "ronde"),
        "overlegronde_bekeken",
        "overlegronde",
        lambda d: d.ronde,
        data=lambda d: {"tekst": ""},
    ),
    Geval(
        "deelnemer toevoegen in nieuwe ronde",
        "regie",
        _hv("overleg:nieuw"),
        "tab_bekeken",
        data=lambda d: {"titel": "Tweede ronde", "actie": "toevoegen", "mogelijk": [d.extern.pk]},
    ),
    Geval(
        "leerling wijzigen met fout",
        "ib",
        lambda d: reverse("leerlingen:wijzigen", args=[d.leerling.pk]),
        "leerling_bekeken",
        data=lambda d: _leerling(d, voornaam=""),
        hulpvraag=lambda d: None,
    ),
]

GESCHREVEN = [
    Geval(
        "hulpvraag aanmaken",
        "ib",
        lambda d: reverse("hulpvragen:nieuw"),
        "hulpvraag_aangemaakt",
        data=lambda d: {
            "leerling": d.leerling.pk,
            "titel": "Lezen",
            "omschrijving": "Sem leest traag.",
            "coordinator": d.regie.pk,
            # Sem already has an open hulpvraag (d.hulpvraag): a second one is confirmed.
            "bevestig_tweede": "on",
        },
        hulpvraag=lambda d: Hulpvraag.objects.exclude(pk=d.hulpvraag.pk).get().pk,
    ),
    Geval(
        "hulpvraag wijzigen",
        "ib",
        _hv("hulpvragen:wijzigen"),
        "hulpvraag_gewijzigd",
        data=lambda d: {"titel": "Lezen en rekenen", "omschrijving": "Sem leest traag."},
    ),
    Geval(
        "status",
        "regie",
        _hv("hulpvragen:status"),
        "status_gewijzigd",
        "statuswijziging",
        lambda d: StatusWijziging.objects.get(naar="geagendeerd"),
        data=lambda d: {"naar": "geagendeerd", "omschrijving": "In behandeling genomen."},
    ),
    Geval(
        "coordinator",
        "ib",
        _hv("hulpvragen:coordinator"),
        "coordinator_gewijzigd",
        data=lambda d: {"coordinator": d.regie2.pk},
    ),
    Geval(
        "aanpak toevoegen",
        "ib",
        _hv("hulpvragen:aanpak_nieuw"),
        "aanpak_toegevoegd",
        "aanpak",
        lambda d: Aanpak.objects.exclude(pk=d.aanpak.pk).get(),
        data=_aanpak,
    ),
    Geval(
        "aanpak wijzigen",
        "ib",
        _hv("hulpvragen:aanpak_wijzigen", "aanpak"),
        "aanpak_gewijzigd",
        "aanpak",
        lambda d: d.aanpak,
        data=_aanpak,
    ),
    Geval(
        "bijlage toevoegen",
        "regie",
        _hv("hulpvragen:bijlagen"),
        "bijlage_toegevoegd",
        "bijlage",
        lambda d: Bijlage.objects.get(naam="plan.pdf"),
        data=lambda d: {"bestand": SimpleUploadedFile("plan.pdf", PDF)},
    ),
    Geval(
        "bijlage verwijderen",
        "regie",
        _hv("hulpvragen:bijlage_verwijderen", "bijlage"),
        "bijlage_verwijderd",
        "bijlage",
        lambda d: d.bijlage,  # its id, as it was before it went
        data=lambda d: {},
    ),
    Geval(
        "formulier invullen",
        "regie",
        lambda d: (
            reverse("formulieren:nieuw", args=[d.hulpvraag.pk]) + f"?definitie={d.betrokkenheid.pk}"
        ),
        "formulier_opgeslagen",
        "formulier",
        lambda d: Formulier.objects.get(definitie=d.betrokkenheid),
        data=_betrokkenheid,
    ),
    Geval(
        "formulier vanuit overzicht",
        "regie",
        lambda d: reverse("formulieren:overzicht_nieuw") + f"?definitie={d.betrokkenheid.pk}",
        "formulier_opgeslagen",
        "formulier",
        lambda d: Formulier.objects.get(definitie=d.betrokkenheid),
        data=lambda d: _betrokkenheid(d, hulpvraag=d.hulpvraag.pk),
    ),
    Geval(
        "formulier wijzigen",
        "ib",
        _hv("formulieren:wijzigen", "formulier"),
        "formulier_opgeslagen",
        "formulier",
        lambda d: d.formulier,
        data=lambda d: {
            "aanleiding": "Sem kan zich slecht concentreren.",
            "wat-gedaan": "Extra instructie.",
            "ouders-geinformeerd": "True",
            "toestemming-ouders": "True",
            "gewenste-ondersteuning": "Observatie in de klas.",
            "versie": "1",
        },
    ),
    Geval(
        "overlegronde aanmaken",
        "regie",
        _hv("overleg:nieuw"),
        "overlegronde_aangemaakt",
        "overlegronde",
        lambda d: Overlegronde.objects.get(titel="Tweede ronde"),
        data=lambda d: {
            "titel": "Tweede ronde",
            "omschrijving": "Graag uw blik op het plan.",
            "einddatum": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
            "deelnemers": [d.regie2.pk],
            "actie": "opslaan",
        },
    ),
    Geval(
        "einddatum",
        "regie",
        _hv("overleg:einddatum", "ronde"),
        "overlegronde_gewijzigd",
        "overlegronde",
        lambda d: d.ronde,
        data=lambda d: {
            "einddatum": (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
        },
    ),
    Geval(
        "overlegronde sluiten",
        "regie",
        _hv("overleg:sluiten", "ronde"),
        "overlegronde_gewijzigd",
        "overlegronde",
        lambda d: d.ronde,
        data=lambda d: {},
    ),
    Geval(
        "reactie",
        "extern",
        _hv("overleg:reactie", "ronde"),
        "reactie_geplaatst",
        "reactie",
        lambda d: d.reactie,
        data=lambda d: {"tekst": "Liever na de vakantie."},
    ),
    Geval(
        "leerling toevoegen",
        "ib",
        lambda d: reverse("leerlingen:nieuw"),
        "leerling_aangemaakt",
        data=lambda d: _leerling(d, voornaam="Lotte", achternaam="van Dijk"),
        hulpvraag=lambda d: None,
        leerling=lambda d: Leerling.objects.get(voornaam="Lotte").pk,
    ),
    Geval(
        "leerling wijzigen",
        "ib",
        lambda d: reverse("leerlingen:wijzigen", args=[d.leerling.pk]),
        "leerling_gewijzigd",
        data=_leerling,
        hulpvraag=lambda d: None,
    ),
    Geval(
        "leerling bevestigen",
        "ib",
        lambda d: reverse("leerlingen:bevestigen", args=[d.leerling.pk]),
        "leerling_gewijzigd",
        data=lambda d: {},
        hulpvraag=lambda d: None,
    ),
]


def _vraag(client, d, geval):
    client.force_login(getattr(d, geval.persoon))
    url = geval.url(d)
    if geval.data is None:
        return client.get(url)
    return client.post(url, geval.data(d))


def _controleer_regel(d, geval, voor):
    assert Logregel.objects.count() == voor + 1
    regel = Logregel.objects.order_by("-pk").first()
    naam, rol = PERSONEN[geval.persoon]
    onderwerp = geval.onderwerp(d)
    assert (
        regel.gebruiker_id,
        regel.gebruiker_naam,
        regel.rol,
        regel.omgeving_code,
        regel.actie,
        regel.hulpvraag_id,
        regel.leerling_id,
        regel.onderwerp_soort,
        regel.onderwerp_id,
    ) == (
        getattr(d, geval.persoon).pk,
        naam,
        rol,
        "PO2811",
        geval.actie,
        geval.hulpvraag(d),
        geval.leerling(d),
        geval.soort,
        onderwerp.pk if onderwerp is not None else None,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("geval", BEKEKEN, ids=lambda g: g.naam)
def test_elke_blik_in_het_dossier_is_een_regel(client, d, geval):
    voor = Logregel.objects.count()

    response = _vraag(client, d, geval)

    assert response.status_code == 200
    _controleer_regel(d, geval, voor)


@pytest.mark.django_db
@pytest.mark.parametrize("geval", GESCHREVEN, ids=lambda g: g.naam)
def test_elke_wijziging_is_een_regel(client, d, geval):
    voor = Logregel.objects.count()

    response = _vraag(client, d, geval)

    assert response.status_code == 302, response.content.decode()[:2000]
    _controleer_regel(d, geval, voor)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "geval",
    [g for g in BEKEKEN + GESCHREVEN if g.naam in ("algemeen", "bijlage downloaden", "status")],
    ids=lambda g: g.naam,
)
def test_de_regel_kost_een_insert_en_geen_lezen(client, d, geval):
    client.force_login(getattr(d, geval.persoon))

    with CaptureQueriesContext(connection) as queries:
        _vraag(client, d, geval)

    logboek = [q["sql"] for q in queries.captured_queries if "logboek_logregel" in q["sql"]]
    assert len(logboek) == 1
    assert logboek[0].startswith("INSERT INTO")


@pytest.mark.django_db
def test_de_verwijderde_bijlage_is_echt_weg(client, d):
    """The row of a removal is written before the delete; the delete still happens."""
    client.force_login(d.regie)

    client.post(reverse("hulpvragen:bijlage_verwijderen", args=[d.hulpvraag.pk, d.bijlage.pk]))

    assert not Bijlage.objects.filter(pk=d.bijlage.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persoon, url",
    [
        ("andere_ib", _hv("hulpvragen:detail")),
        ("andere_ib", _hv("hulpvragen:bijlage", "bijlage")),
        ("andere_ib", _hv("formulieren:formulier", "formulier")),
        ("andere_ib", _hv("overleg:tab")),
        ("andere_ib", lambda d: reverse("leerlingen:detail", args=[d.leerling.pk])),
        ("andere_ib", lambda d: reverse("leerlingen:wijzigen", args=[d.leerling.pk])),
        ("andere_ib", lambda d: reverse("hulpvragen:nieuw") + f"?leerling={d.leerling.pk}"),
        # A tab hidden from a deelnemer does not exist for her.
        ("extern", _hv("formulieren:formulier", "formulier")),
        ("extern", _hv("hulpvragen:aanpak")),
    ],
)
def test_een_404_schrijft_niets(client, d, persoon, url):
    voor = Logregel.objects.count()
    client.force_login(getattr(d, persoon))

    response = client.get(url(d))

    assert response.status_code == 404
    assert Logregel.objects.count() == voor


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persoon, url, data",
    [
        # A deelnemer may see the hulpvraag but not change its status.
        ("extern", _hv("hulpvragen:status"), {"naar": "geagendeerd"}),
        # The IB/COO may add bijlagen, but only who added one removes it: the service refuses
        # after the view wrote its row, which goes back with the refusal.
        ("ib", _hv("hulpvragen:bijlage_verwijderen", "bijlage"), {}),
        ("extern", _hv("hulpvragen:wijzigen"), {"titel": "Anders", "omschrijving": ""}),
    ],
)
def test_een_403_schrijft_niets(client, d, persoon, url, data):
    voor = Logregel.objects.count()
    client.force_login(getattr(d, persoon))

    response = client.post(url(d), data)

    assert response.status_code == 403
    assert Logregel.objects.count() == voor
    assert Bijlage.objects.filter(pk=d.bijlage.pk).exists()


# --- When the row cannot be written --------------------------------------------------------------


@contextmanager
def logboek_onbereikbaar():
    """For a moment the table is not there: every INSERT of leg_vast fails in the database."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE logboek_logregel RENAME TO logboek_logregel_weg")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE logboek_logregel_weg RENAME TO logboek_logregel")


@pytest.fixture
def client_zonder_raise(client):
    # The test sees the 500 the person would get, instead of the exception itself.
    client.raise_request_exception = False
    return client


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "persoon, url",
    [
        ("ib", _hv("hulpvragen:detail")),
        ("ib", _hv("formulieren:formulier", "formulier")),
        ("extern", _hv("hulpvragen:bijlage", "bijlage")),
        ("ib", lambda d: reverse("leerlingen:detail", args=[d.leerling.pk])),
    ],
)
def test_zonder_regel_geen_pagina(client_zonder_raise, d, persoon, url):
    client_zonder_raise.force_login(getattr(d, persoon))

    with logboek_onbereikbaar():
        response = client_zonder_raise.get(url(d))

    assert response.status_code == 500
    inhoud = b"".join(response) if response.streaming else response.content
    assert b"Sem" not in inhoud
    assert PDF not in inhoud
    assert Logregel.objects.count() == 0


def _stand(d):
    """What the writes below could change."""
    d.hulpvraag.refresh_from_db()
    d.leerling.refresh_from_db()
    return (
        d.hulpvraag.titel,
        d.hulpvraag.coordinator_id,
        d.leerling.groep_leerjaar,
        Hulpvraag.objects.count(),
        Aanpak.objects.count(),
        Formulier.objects.count(),
        Leerling.objects.count(),
        Bijlage.objects.count(),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "geval",
    [
        g
        for g in GESCHREVEN
        if g.naam
        in (
            # Through HulpvraagMixin, which runs a POST in one transaction with its row …
            "hulpvraag wijzigen",
            "coordinator",
            "aanpak toevoegen",
            "bijlage verwijderen",
            # … and through the views that wrap the service and the row themselves.
            "hulpvraag aanmaken",
            "formulier vanuit overzicht",
            "leerling toevoegen",
            "leerling wijzigen",
        )
    ],
    ids=lambda g: g.naam,
)
def test_zonder_regel_geen_wijziging(client_zonder_raise, d, geval):
    voor = _stand(d)
    client_zonder_raise.force_login(getattr(d, geval.persoon))

    with logboek_onbereikbaar():
        response = _vraag(client_zonder_raise, d, geval)

    assert response.status_code == 500
    assert _stand(d) == voor
    assert Logregel.objects.count() == 0


# --- A view that forgets the logboek --------------------------------------------------------------


class VergeetTitel(HulpvraagMixin, View):
    """A change made without its row, as a new view might forget it."""

    def post(self, request, *args, **kwargs):
        hulpvraag_services.wijzig_hulpvraag(
            door=request.user, hulpvraag=self.hulpvraag, titel="Vergeten", omschrijving=""
        )
        return redirect("hulpvragen:detail", pk=self.hulpvraag.pk)


class ZonderLogActie(HulpvraagMixin, TemplateView):
    """A page that forgot to say which look it is."""

    template_name = "hulpvragen/detail.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response({})


def _verzoek(rf, d, methode):
    request = getattr(rf, methode)("/")
    request.user = d.ib
    request.omgeving = d.hulpvraag.omgeving
    request.lidmaatschappen = list(d.ib.lidmaatschappen.all())
    return request


@pytest.mark.django_db
def test_een_wijziging_zonder_regel_wordt_teruggedraaid(rf, d):
    with pytest.raises(ImproperlyConfigured, match="VergeetTitel answered POST without"):
        VergeetTitel.as_view()(_verzoek(rf, d, "post"), pk=d.hulpvraag.pk)

    d.hulpvraag.refresh_from_db()
    assert d.hulpvraag.titel == "Team Schoolondersteuning"


@pytest.mark.django_db
def test_een_pagina_zonder_log_actie_wordt_niet_getoond(rf, d):
    with pytest.raises(ImproperlyConfigured, match="ZonderLogActie declares no log_actie"):
        ZonderLogActie.as_view()(_verzoek(rf, d, "get"), pk=d.hulpvraag.pk)

    assert Logregel.objects.count() == 0

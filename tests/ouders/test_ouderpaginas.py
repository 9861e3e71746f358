"""The parents' own pages, without an account: the link works once and only while the invitation
runs, the code by mail opens one visit bound to one hulpvraag, asking and trying are limited,
the parent reads no formulier and no aanpak, and every visit and answer is in the logboek."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from formulieren import services as formulier_services
from formulieren.models import FormulierDefinitie
from formulieren.standaard import TEAM_SCHOOLONDERSTEUNING
from logboek.models import Actie, Logregel
from notificaties.models import Notificatie
from ouders import services
from ouders.models import Ouder, Toestemming, Toestemmingssoort, Uitnodiging, Zienswijze
from overleg import services as overleg_services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LINK = re.compile(r"https?://\S+/ouder/\d+/[0-9a-f]+/")
CODE = re.compile(r"Uw code is: (\d{6})")


def soort(code):
    return Toestemmingssoort.objects.get(code=code, omgeving__isnull=True)


def pad_uit(bericht):
    """The path of the parent's link in a mail."""
    return urlsplit(LINK.search(bericht.body).group(0)).path


def nodig_uit(gezin, vangen, codes=("aanmelding",)):
    with vangen(execute=True):
        uitnodiging = services.nodig_uit_voor_toestemming(
            door=gezin["ib"],
            hulpvraag=gezin["hulpvraag"],
            ouder=gezin["moeder"],
            soorten=[soort(code) for code in codes],
        )
    return uitnodiging, pad_uit(mail.outbox[-1])


def vraag_code(client, pad, vangen):
    with vangen(execute=True):
        return client.post(pad, {"action": "code"})


def laatste_code():
    return CODE.search(mail.outbox[-1].body).group(1)


def kom_binnen(client, pad, vangen):
    """Ask the code, type it in: the visit is open."""
    vraag_code(client, pad, vangen)
    antwoord = client.post(pad, {"action": "controleer", "code": laatste_code()})
    assert antwoord.status_code == 302
    return antwoord


def fout_code(code):
    return "000000" if code != "000000" else "111111"


def hulpvraag_pad(hulpvraag):
    return f"/ouder/hulpvraag/{hulpvraag.pk}/"


# --- The way in --------------------------------------------------------------------------------


def test_de_link_opent_zonder_mail_of_wijziging(gezin, client, django_capture_on_commit_callbacks):
    """A mail scanner that opens the link sends no code and uses nothing up."""
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    mails, rijen = len(mail.outbox), Notificatie.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.get(pad)
        client.get(pad)

    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Goedendag Fatima Bos" in tekst
    assert "f•••@thuis.test" in tekst and "fatima@thuis.test" not in tekst
    assert "Stuur mij de code" in tekst
    assert 'lang="nl"' in tekst
    assert "no-store" in antwoord["Cache-Control"]
    assert len(mail.outbox) == mails and Notificatie.objects.count() == rijen
    uitnodiging.refresh_from_db()
    assert uitnodiging.code_gevraagd_op is None and uitnodiging.code_hash == ""
    assert uitnodiging.link_gebruikt_op is None
    assert not Logregel.objects.filter(gebruiker_id__isnull=True).exists()


def test_de_pagina_van_de_uitnodiging_zegt_niets(gezin, client, django_capture_on_commit_callbacks):
    uitnodiging, _ = nodig_uit(gezin, django_capture_on_commit_callbacks)
    antwoord = client.get(f"/ouder/{uitnodiging.pk}/")
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Open de link uit uw e-mail" in tekst
    for geheim in ("Fatima", "Sem", "Regenboog", "Inge", "Team Schoolondersteuning"):
        assert geheim not in tekst
    # The same for an invitation that does not exist.
    assert client.get("/ouder/999999/").content.decode().count("Open de link uit uw e-mail")


def test_een_verkeerd_token_is_een_nederlandse_404(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    antwoord = client.get(f"/ouder/{uitnodiging.pk}/{'a' * 40}/")
    assert antwoord.status_code == 404
    tekst = antwoord.content.decode()
    assert "Deze link klopt niet" in tekst
    assert "Fatima" not in tekst and "Regenboog" not in tekst
    assert client.get(f"/ouder/999999/{'a' * 40}/").status_code == 404


def test_code_en_binnen(gezin, client, django_capture_on_commit_callbacks):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)

    antwoord = vraag_code(client, pad, django_capture_on_commit_callbacks)
    assert antwoord.status_code == 302 and antwoord["Location"] == pad
    bericht = mail.outbox[-1]
    assert bericht.to == ["fatima@thuis.test"]
    pagina = client.get(pad).content.decode()
    assert "We hebben een e-mail met de code gestuurd naar f•••@thuis.test" in pagina
    assert "Code uit de e-mail" in pagina

    antwoord = client.post(pad, {"action": "controleer", "code": laatste_code()})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == hulpvraag_pad(gezin["hulpvraag"])
    pagina = client.get(antwoord["Location"])
    assert pagina.status_code == 200
    assert "Hulp voor Sem" in pagina.content.decode()
    assert "no-store" in pagina["Cache-Control"]


def test_de_link_werkt_een_keer(gezin, client, django_capture_on_commit_callbacks):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    vraag_code(client, pad, django_capture_on_commit_callbacks)
    code = laatste_code()
    assert client.post(pad, {"action": "controleer", "code": code}).status_code == 302
    uitnodiging.refresh_from_db()
    gebruikt_op = uitnodiging.link_gebruikt_op
    assert gebruikt_op is not None

    # Someone else with the link and the code gets no visit of their own.
    ander = Client()
    mails = len(mail.outbox)
    for antwoord in (
        ander.get(pad),
        ander.post(pad, {"action": "controleer", "code": code}),
        ander.post(pad, {"action": "code"}),
    ):
        assert antwoord.status_code == 200
        tekst = antwoord.content.decode()
        assert "Deze link is al gebruikt" in tekst
        assert "Stuur mij een nieuwe link" in tekst
        assert "Hulp voor Sem" not in tekst
    assert len(mail.outbox) == mails
    assert ander.get(hulpvraag_pad(gezin["hulpvraag"])).status_code == 404
    assert Logregel.objects.filter(actie=Actie.OUDER_BINNEN).count() == 1
    uitnodiging.refresh_from_db()
    assert uitnodiging.link_gebruikt_op == gebruikt_op


def test_een_verlopen_uitnodiging_zegt_bij_wie_u_terecht_kunt(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    ander = Client()

    with time_machine.travel(timezone.now() + timedelta(days=15), tick=False):
        antwoord = ander.get(pad)
        assert antwoord.status_code == 410
        tekst = antwoord.content.decode()
        assert "Deze link werkt niet meer" in tekst
        assert "Inge Bakker" in tekst
        assert gezin["ib"].email in tekst
        assert "OBS De Regenboog" in tekst
        assert "Stuur mij de code" not in tekst
        # The visit still open in the parent's own browser ends as well.
        antwoord = client.get(hulpvraag_pad(gezin["hulpvraag"]))
        assert antwoord.status_code == 404
        assert "Sem kan zich moeilijk concentreren" not in antwoord.content.decode()
        # Asking a code or a new link is refused too, without mail.
        mails = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            assert ander.post(pad, {"action": "code"}).status_code == 410
            assert ander.post(pad + "nieuwe-link/").status_code == 410
        assert len(mail.outbox) == mails


def test_een_gestopte_uitnodiging_stopt_link_en_bezoek(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    ouder_client = Client()
    kom_binnen(ouder_client, pad, django_capture_on_commit_callbacks)
    assert ouder_client.get(hulpvraag_pad(gezin["hulpvraag"])).status_code == 200

    services.trek_uitnodiging_in(door=gezin["ib"], uitnodiging=uitnodiging)

    antwoord = ouder_client.get(hulpvraag_pad(gezin["hulpvraag"]))
    assert antwoord.status_code == 404
    tekst = antwoord.content.decode()
    assert "Deze pagina is gesloten" in tekst and "Open de e-mail" in tekst
    assert "Team Schoolondersteuning" not in tekst
    antwoord = Client().get(pad)
    assert antwoord.status_code == 410
    assert "Inge Bakker" in antwoord.content.decode()


def test_een_gestopte_uitnodiging_voordat_de_code_er_is(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    vraag_code(client, pad, django_capture_on_commit_callbacks)
    services.trek_uitnodiging_in(door=gezin["ib"], uitnodiging=uitnodiging)
    antwoord = client.post(pad, {"action": "controleer", "code": laatste_code()})
    assert antwoord.status_code == 410
    assert client.get(hulpvraag_pad(gezin["hulpvraag"])).status_code == 404


def test_een_nieuwe_link_vervangt_de_oude(gezin, client, django_capture_on_commit_callbacks):
    uitnodiging, oud = nodig_uit(gezin, django_capture_on_commit_callbacks)
    kom_binnen(client, oud, django_capture_on_commit_callbacks)
    assert client.post("/ouder/klaar/").status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(oud + "nieuwe-link/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"/ouder/{uitnodiging.pk}/"
    bericht = mail.outbox[-1]
    assert bericht.to == ["fatima@thuis.test"]
    nieuw = pad_uit(bericht)
    assert nieuw != oud
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "We hebben een nieuwe link gestuurd naar f•••@thuis.test" in pagina

    # The old link is void, the new one works once.
    antwoord = client.get(oud)
    assert antwoord.status_code == 404
    assert "Deze link klopt niet" in antwoord.content.decode()
    assert "Goedendag Fatima Bos" in client.get(nieuw).content.decode()
    regel = Logregel.objects.get(actie=Actie.OUDER_NIEUWE_LINK)
    assert regel.gebruiker_id is None and regel.gebruiker_naam == "Fatima Bos"
    kom_binnen(client, nieuw, django_capture_on_commit_callbacks)
    client.post("/ouder/klaar/")

    # At most one new link per 10 minutes for this invitation.
    mails = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(nieuw + "nieuwe-link/")
    assert antwoord.status_code == 429
    assert "U heeft net al een nieuwe link gevraagd" in antwoord.content.decode()
    assert len(mail.outbox) == mails
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=11), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client.post(nieuw + "nieuwe-link/").status_code == 302
    assert len(mail.outbox) == mails + 1


def test_een_nieuwe_link_voor_een_ongebruikte_link_is_niet_nodig(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    mails = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(pad + "nieuwe-link/")
    assert antwoord.status_code == 302 and antwoord["Location"] == pad
    assert len(mail.outbox) == mails
    assert client.get(pad + "nieuwe-link/").status_code == 405


# --- Limits --------------------------------------------------------------------------------------


def test_de_vierde_code_binnen_15_minuten_wordt_geweigerd(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    for _ in range(3):
        assert vraag_code(client, pad, django_capture_on_commit_callbacks).status_code == 302
    mails = len(mail.outbox)

    antwoord = vraag_code(client, pad, django_capture_on_commit_callbacks)

    assert antwoord.status_code == 429
    tekst = antwoord.content.decode()
    assert "U heeft al 3 keer een code gevraagd. Er is geen nieuwe code gestuurd." in tekst
    assert len(mail.outbox) == mails
    assert Notificatie.objects.filter(soort="ouder_code").count() == 3
    assert Logregel.objects.filter(actie=Actie.OUDER_CODE_GEVRAAGD).count() == 3

    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        assert vraag_code(client, pad, django_capture_on_commit_callbacks).status_code == 302
    assert len(mail.outbox) == mails + 1


def test_te_vaak_een_verkeerde_code(gezin, client, django_capture_on_commit_callbacks):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    vraag_code(client, pad, django_capture_on_commit_callbacks)
    code = laatste_code()
    fout = fout_code(code)

    antwoord = client.post(pad, {"action": "controleer", "code": fout})
    assert antwoord.status_code == 200
    assert "Deze code klopt niet. Kijk goed in de e-mail. U kunt het nog 4 keer proberen." in (
        antwoord.content.decode()
    )
    for _ in range(3):
        antwoord = client.post(pad, {"action": "controleer", "code": fout})
    assert "U kunt het nog 1 keer proberen." in antwoord.content.decode()
    antwoord = client.post(pad, {"action": "controleer", "code": fout})
    assert "U heeft te vaak een verkeerde code ingevuld" in antwoord.content.decode()

    # Now even the right code no longer works: a new one is needed.
    antwoord = client.post(pad, {"action": "controleer", "code": code})
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Vraag een nieuwe code." in tekst
    assert client.get(hulpvraag_pad(gezin["hulpvraag"])).status_code == 404
    assert not Logregel.objects.filter(actie=Actie.OUDER_BINNEN).exists()

    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    assert client.get(hulpvraag_pad(gezin["hulpvraag"])).status_code == 200


def test_een_code_in_de_verkeerde_vorm_en_een_verlopen_code(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    antwoord = client.post(pad, {"action": "controleer", "code": "123456"})
    assert "Er is nog geen code die u kunt gebruiken" in antwoord.content.decode()

    vraag_code(client, pad, django_capture_on_commit_callbacks)
    antwoord = client.post(pad, {"action": "controleer", "code": "12 34a"})
    tekst = antwoord.content.decode()
    assert "Een code heeft 6 cijfers, zonder letters." in tekst
    assert 'value="12 34a"' in tekst  # kept as typed
    uitnodiging.refresh_from_db()
    assert uitnodiging.foute_codes == 0  # not a try

    code = laatste_code()
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        antwoord = client.post(pad, {"action": "controleer", "code": code})
    assert "Deze code is verlopen. Een code werkt 15 minuten." in antwoord.content.decode()
    # Spaces in a right code are fine.
    vraag_code(client, pad, django_capture_on_commit_callbacks)
    code = laatste_code()
    antwoord = client.post(pad, {"action": "controleer", "code": f"{code[:3]} {code[3:]}"})
    assert antwoord.status_code == 302


@pytest.fixture
def stilstaande_klok():
    """The counters per client address count in windows of an hour: a test that fills one
    must not cross into the next."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.mark.usefixtures("stilstaande_klok")
def test_limiet_op_codes_per_clientadres(gezin, django_capture_on_commit_callbacks):
    """10 codes an hour from one address, whichever invitations; another address goes on."""
    paden = [nodig_uit(gezin, django_capture_on_commit_callbacks)[1] for _ in range(4)]
    thuis = Client(REMOTE_ADDR="192.0.2.10")
    for pad in paden[:3]:
        for _ in range(3):
            assert vraag_code(thuis, pad, django_capture_on_commit_callbacks).status_code == 302
    assert vraag_code(thuis, paden[3], django_capture_on_commit_callbacks).status_code == 302
    mails = len(mail.outbox)

    antwoord = vraag_code(thuis, paden[3], django_capture_on_commit_callbacks)

    assert antwoord.status_code == 429
    assert "Vanaf deze internetverbinding is te vaak een code gevraagd." in (
        antwoord.content.decode()
    )
    assert len(mail.outbox) == mails
    elders = Client(REMOTE_ADDR="198.51.100.7")
    assert vraag_code(elders, paden[3], django_capture_on_commit_callbacks).status_code == 302


@pytest.mark.usefixtures("stilstaande_klok")
def test_limiet_op_codepogingen_per_clientadres(gezin, django_capture_on_commit_callbacks):
    """30 tries an hour from one address: after that even the right code waits."""
    paden = [nodig_uit(gezin, django_capture_on_commit_callbacks)[1] for _ in range(3)]
    thuis = Client(REMOTE_ADDR="192.0.2.10")
    pogingen = 0
    for pad in paden[:2]:
        for _ in range(3):
            vraag_code(thuis, pad, django_capture_on_commit_callbacks)
            fout = fout_code(laatste_code())
            for _ in range(5):
                thuis.post(pad, {"action": "controleer", "code": fout})
                pogingen += 1
    assert pogingen == 30
    vraag_code(thuis, paden[2], django_capture_on_commit_callbacks)

    antwoord = thuis.post(paden[2], {"action": "controleer", "code": laatste_code()})

    assert antwoord.status_code == 429
    assert "Vanaf deze internetverbinding is te vaak een code geprobeerd." in (
        antwoord.content.decode()
    )
    assert not Logregel.objects.filter(actie=Actie.OUDER_BINNEN).exists()


# --- During the visit ----------------------------------------------------------------------------


def test_een_andere_hulpvraag_is_een_404(gezin, client, django_capture_on_commit_callbacks):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    andere = gezin["andere_hulpvraag"]

    for antwoord in (
        client.get(hulpvraag_pad(andere)),
        client.post(f"/ouder/hulpvraag/{andere.pk}/toestemming/", {"besluit": "gegeven"}),
        client.post(f"/ouder/hulpvraag/{andere.pk}/zienswijze/", {"tekst": "Hallo"}),
        client.get(f"/ouder/hulpvraag/{andere.pk}/bijlagen/{gezin['bijlage'].pk}/"),
        client.get("/ouder/hulpvraag/999999/"),
    ):
        assert antwoord.status_code == 404
        tekst = antwoord.content.decode()
        assert "Lezen gaat moeizaam" not in tekst and "Lotte" not in tekst
        assert ">Lezen<" not in tekst and "Lezen —" not in tekst
        assert "Deze pagina bestaat niet" in tekst
    assert not Zienswijze.objects.exists()
    assert not Toestemming.objects.exists()
    assert not Logregel.objects.filter(hulpvraag_id=andere.pk).exists()
    # The own page still works.
    assert client.get(hulpvraag_pad(gezin["hulpvraag"])).status_code == 200


def test_zonder_bezoek_geen_pagina(gezin, client):
    antwoord = client.get(hulpvraag_pad(gezin["hulpvraag"]))
    assert antwoord.status_code == 404
    tekst = antwoord.content.decode()
    assert "Deze pagina is gesloten" in tekst
    assert "Open de e-mail die u van ons kreeg en klik op de link." in tekst
    assert "Team Schoolondersteuning" not in tekst
    assert "no-store" in antwoord["Cache-Control"]


def test_het_bezoek_verloopt(gezin, client, django_capture_on_commit_callbacks):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(minutes=61), tick=False):
        antwoord = client.get(hulpvraag_pad(gezin["hulpvraag"]))
        assert antwoord.status_code == 404
        assert "Hoe komt u weer terug?" in antwoord.content.decode()
        # Back in through the used link: it offers a new one.
        assert "Stuur mij een nieuwe link" in client.get(pad).content.decode()


def test_klaar_sluit_het_bezoek(gezin, client, django_capture_on_commit_callbacks):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    antwoord = client.post("/ouder/klaar/")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/ouder/klaar/"
    assert "U bent klaar" in client.get("/ouder/klaar/").content.decode()
    assert client.get(hulpvraag_pad(gezin["hulpvraag"])).status_code == 404


def test_de_ouder_ziet_waar_het_over_gaat_en_wie_meedoen(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks, ("aanmelding", "delen"))
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    tekst = client.get(hulpvraag_pad(gezin["hulpvraag"])).content.decode()

    assert "Team Schoolondersteuning" in tekst
    assert "Sem kan zich moeilijk concentreren." in tekst
    assert "OBS De Regenboog" in tekst
    assert "Inge Bakker</strong> (OBS De Regenboog)" in tekst
    assert "Rik de Wit</strong>" in tekst and "coördinator" in tekst and "behandelaar" in tekst
    assert "Er wordt nu gekeken wie de hulp gaat regelen." in tekst
    assert "Aanmelding bij het Team Schoolondersteuning" in tekst
    assert "Samen zoeken zij uit welke hulp of ondersteuning past." in tekst
    assert "Delen van het dossier met deelnemers van een overlegronde" in tekst
    assert tekst.count("Ja, ik geef toestemming") == 2
    assert tekst.count("Nee, ik geef geen toestemming") == 2
    # Only the first name of the child; no other family member.
    assert "Sem Bos" not in tekst and "Kees Dekker" not in tekst


def test_de_ouder_ziet_geen_formulier_en_geen_aanpak(
    gezin, client, django_capture_on_commit_callbacks
):
    definitie = FormulierDefinitie.objects.get(
        omgeving=gezin["omgeving"], naam=TEAM_SCHOOLONDERSTEUNING
    )
    formulier_services.maak_formulier(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        definitie=definitie,
        waarden={
            "aanleiding": "Sem raakt in de pauze vaak in paniek.",
            "wat-gedaan": "Zes weken extra instructie in een klein groepje.",
            "ouders-geinformeerd": "True",
            "toestemming-ouders": "True",
            "gewenste-ondersteuning": "Observatie in de klas en advies aan de leerkracht.",
        },
    )
    aanpak = gezin["aanpak"]
    aanpak.titel = "Weerbaarheidstraining"
    aanpak.omschrijving = "Wekelijkse gesprekken over thuis met de jeugdhulpverlener."
    aanpak.save()
    geheim = [
        "Sem raakt in de pauze vaak in paniek.",
        "Zes weken extra instructie",
        "Observatie in de klas",
        "Weerbaarheidstraining",
        "Wekelijkse gesprekken over thuis",
    ]

    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    tekst = client.get(hulpvraag_pad(gezin["hulpvraag"])).content.decode()
    assert "Rik de Wit" in tekst  # the behandelaar is named, the aanpak is not shown
    for zin in geheim:
        assert zin not in tekst

    # Nor in a round the parent reads along in.
    ronde = maak_ronde(gezin)
    with django_capture_on_commit_callbacks(execute=True):
        services.nodig_uit_voor_overleg(
            door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
        )
    meelezer = Client()
    kom_binnen(meelezer, pad_uit(mail.outbox[-1]), django_capture_on_commit_callbacks)
    tekst = meelezer.get(hulpvraag_pad(gezin["hulpvraag"])).content.decode()
    assert "Evaluatie na zes weken" in tekst
    for zin in geheim:
        assert zin not in tekst


# --- Answers, and the logboek --------------------------------------------------------------------


def test_toestemming_digitaal_gegeven_geweigerd_en_ingetrokken(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks, ("aanmelding", "delen"))
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    hulpvraag = gezin["hulpvraag"]
    aanmelding, delen = soort("aanmelding"), soort("delen")
    url = f"/ouder/hulpvraag/{hulpvraag.pk}/toestemming/"

    with django_capture_on_commit_callbacks(execute=True):
        ja = client.post(url, {"soort": aanmelding.pk, "besluit": "gegeven"})
        nee = client.post(url, {"soort": delen.pk, "besluit": "geweigerd"})
    assert ja.status_code == nee.status_code == 302
    assert mail.outbox[-2].to == [gezin["ib"].email]
    assert (
        "Fatima Bos heeft toestemming gegeven voor: Aanmelding bij het Team "
        "Schoolondersteuning" in mail.outbox[-2].body
    )
    assert "Fatima Bos heeft geen toestemming gegeven voor: Delen" in mail.outbox[-1].body

    gegeven = Toestemming.objects.get(soort=aanmelding)
    geweigerd = Toestemming.objects.get(soort=delen)
    for toestemming, besluit in ((gegeven, "gegeven"), (geweigerd, "geweigerd")):
        assert toestemming.besluit == besluit
        assert toestemming.wijze == Toestemming.Wijze.DIGITAAL
        assert toestemming.vastgelegd_door is None
        assert toestemming.ouder == gezin["moeder"] and toestemming.hulpvraag == hulpvraag
        assert abs(toestemming.op - timezone.now()) < timedelta(minutes=1)
    assert services.heeft_toestemming(hulpvraag, "aanmelding")
    assert not services.heeft_toestemming(hulpvraag, "delen")

    pagina = client.get(hulpvraag_pad(hulpvraag)).content.decode()
    assert "Dank u wel. U heeft toestemming gegeven voor: Aanmelding" in pagina
    assert "ja, u heeft toestemming gegeven op" in pagina
    assert "nee, u heeft geen toestemming gegeven" in pagina
    assert "Toestemming intrekken" in pagina

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            f"/ouder/hulpvraag/{hulpvraag.pk}/toestemming/{gegeven.pk}/intrekken/"
        )
    assert antwoord.status_code == 302
    gegeven.refresh_from_db()
    assert gegeven.ingetrokken_op is not None
    assert gegeven.ingetrokken_wijze == Toestemming.Wijze.DIGITAAL
    assert gegeven.ingetrokken_door is None
    assert not services.heeft_toestemming(hulpvraag, "aanmelding")
    assert "heeft de toestemming ingetrokken voor: Aanmelding" in mail.outbox[-1].body
    pagina = client.get(hulpvraag_pad(hulpvraag)).content.decode()
    assert "en heeft die ingetrokken op" in pagina

    # A declined consent cannot be withdrawn, and only the parent's own records count.
    antwoord = client.post(f"/ouder/hulpvraag/{hulpvraag.pk}/toestemming/{geweigerd.pk}/intrekken/")
    assert antwoord.status_code == 302
    assert "niet (meer) van kracht" in client.get(hulpvraag_pad(hulpvraag)).content.decode()


def test_alleen_gevraagde_soorten_en_eigen_toestemmingen(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks, ("aanmelding",))
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    hulpvraag = gezin["hulpvraag"]
    antwoord = client.post(
        f"/ouder/hulpvraag/{hulpvraag.pk}/toestemming/",
        {"soort": soort("delen").pk, "besluit": "gegeven"},
    )
    assert antwoord.status_code == 302
    assert not Toestemming.objects.exists()
    assert (
        "Kies bij een vraag op deze pagina ja of nee."
        in client.get(hulpvraag_pad(hulpvraag)).content.decode()
    )

    # Another parent's consent (registered by the school) is not this parent's to withdraw.
    andere_ouder = Ouder.objects.create(
        leerling=gezin["leerling"], naam="Ahmed Bos", relatie="vader", gezag=True
    )
    van_een_ander = Toestemming.objects.create(
        hulpvraag=hulpvraag,
        soort=soort("aanmelding"),
        ouder=andere_ouder,
        besluit="gegeven",
        wijze="op_papier",
        vastgelegd_door=gezin["ib"],
    )
    antwoord = client.post(
        f"/ouder/hulpvraag/{hulpvraag.pk}/toestemming/{van_een_ander.pk}/intrekken/"
    )
    assert antwoord.status_code == 404
    van_een_ander.refresh_from_db()
    assert van_een_ander.ingetrokken_op is None
    assert "Ahmed" not in client.get(hulpvraag_pad(hulpvraag)).content.decode()


def test_zienswijze(gezin, client, django_capture_on_commit_callbacks):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    hulpvraag = gezin["hulpvraag"]
    url = f"/ouder/hulpvraag/{hulpvraag.pk}/zienswijze/"

    antwoord = client.post(url, {"tekst": ""})
    assert antwoord.status_code == 200
    assert "U heeft nog niets geschreven." in antwoord.content.decode()
    te_lang = "a" * 5001
    antwoord = client.post(url, {"tekst": te_lang})
    assert "Gebruik hoogstens 5.000 tekens (u gebruikte 5.001)." in antwoord.content.decode()
    assert te_lang in antwoord.content.decode()  # nothing lost
    assert not Zienswijze.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, {"tekst": "Sem vindt de extra hulp in de klas fijn."})
    assert antwoord.status_code == 302
    zienswijze = Zienswijze.objects.get()
    assert zienswijze.ouder == gezin["moeder"] and zienswijze.overlegronde is None
    assert "Fatima Bos heeft een zienswijze geschreven" in mail.outbox[-1].body
    pagina = client.get(hulpvraag_pad(hulpvraag)).content.decode()
    assert "Wat u eerder schreef" in pagina
    assert "Sem vindt de extra hulp in de klas fijn." in pagina


def test_elk_bezoek_en_antwoord_staat_in_het_logboek(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    hulpvraag = gezin["hulpvraag"]
    client.get(hulpvraag_pad(hulpvraag))
    client.get(hulpvraag_pad(hulpvraag))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/ouder/hulpvraag/{hulpvraag.pk}/toestemming/",
            {"soort": soort("aanmelding").pk, "besluit": "gegeven"},
        )
        client.post(f"/ouder/hulpvraag/{hulpvraag.pk}/zienswijze/", {"tekst": "Goed plan."})
        toestemming = Toestemming.objects.get()
        client.post(f"/ouder/hulpvraag/{hulpvraag.pk}/toestemming/{toestemming.pk}/intrekken/")

    regels = Logregel.objects.filter(gebruiker_id__isnull=True).order_by("tijdstip", "pk")
    assert [r.actie for r in regels] == [
        "ouder_code_gevraagd",
        "ouder_binnen",
        "ouder_bekeken",
        "ouder_bekeken",
        "toestemming_vastgelegd",
        "zienswijze_geplaatst",
        "toestemming_ingetrokken",
    ]
    for regel in regels:
        assert regel.gebruiker_naam == "Fatima Bos"
        assert regel.rol == "ouder/verzorger (moeder)"
        assert regel.hulpvraag_id == hulpvraag.pk
        assert regel.leerling_id == gezin["leerling"].pk
        assert regel.omgeving_code == "PO2811"
        assert regel.clientadres == "127.0.0.1"
    assert regels[4].onderwerp_soort == "toestemming" and regels[4].onderwerp_id == toestemming.pk
    assert regels[5].onderwerp_soort == "zienswijze"


# --- Reading along in an overlegronde ------------------------------------------------------------


def maak_ronde(gezin, einddatum=None):
    return overleg_services.maak_overlegronde(
        door=gezin["regie"],
        hulpvraag=gezin["hulpvraag"],
        titel="Evaluatie na zes weken",
        omschrijving="Lees het verslag en laat weten wat u ervan vindt.",
        einddatum=einddatum or timezone.localdate() + timedelta(days=7),
        deelnemers=[gezin["olga"]],
    )


def test_de_meelezende_ouder_leest_de_ronde_en_de_bijlagen(
    gezin, client, django_capture_on_commit_callbacks
):
    ronde = maak_ronde(gezin)
    # Only a parent with gezag reads along; here the stepfather has it.
    gezin["stiefvader"].gezag = True
    gezin["stiefvader"].save()
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = services.nodig_uit_voor_overleg(
            door=gezin["regie"], overlegronde=ronde, ouder=gezin["stiefvader"]
        )
    kom_binnen(client, pad_uit(mail.outbox[-1]), django_capture_on_commit_callbacks)
    hulpvraag = gezin["hulpvraag"]

    antwoord = client.get(hulpvraag_pad(hulpvraag))
    tekst = antwoord.content.decode()
    assert "Goedendag Kees Dekker" in tekst
    assert "Overleg: Evaluatie na zes weken" in tekst
    assert "Lees het verslag en laat weten wat u ervan vindt." in tekst
    einde = timezone.localdate() + timedelta(days=7)
    assert f"tot en met {einde.day} " in tekst
    assert "AANGEMELD" in tekst  # the status history
    assert "verslag.pdf" in tekst
    assert "Ja, ik geef toestemming" not in tekst

    bijlage = gezin["bijlage"]
    download = client.get(f"/ouder/hulpvraag/{hulpvraag.pk}/bijlagen/{bijlage.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert "no-store" in download["Cache-Control"]
    regel = Logregel.objects.get(actie=Actie.BIJLAGE_GEDOWNLOAD)
    assert regel.gebruiker_id is None and regel.gebruiker_naam == "Kees Dekker"
    assert regel.rol == "ouder/verzorger (verzorger)"
    assert regel.onderwerp_soort == "bijlage" and regel.onderwerp_id == bijlage.pk

    mails = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            f"/ouder/hulpvraag/{hulpvraag.pk}/zienswijze/", {"tekst": "Ik kom graag praten."}
        )
    assert antwoord.status_code == 302
    reactie = Zienswijze.objects.get()
    assert reactie.overlegronde == ronde and reactie.ouder == gezin["stiefvader"]
    # Who invited is the coördinator: one mail.
    assert [m.to for m in mail.outbox[mails:]] == [["rik@voorbeeld.test"]]
    assert "Kees Dekker heeft een zienswijze geschreven" in mail.outbox[-1].body
    assert "Ik kom graag praten." in client.get(hulpvraag_pad(hulpvraag)).content.decode()

    # The round is closed early: the visit ends, the bijlage too.
    overleg_services.sluit_overlegronde(door=gezin["regie"], overlegronde=ronde)
    antwoord = client.get(hulpvraag_pad(hulpvraag))
    assert antwoord.status_code == 404
    assert "Deze pagina is gesloten" in antwoord.content.decode()
    assert client.get(f"/ouder/hulpvraag/{hulpvraag.pk}/bijlagen/{bijlage.pk}/").status_code == 404
    uitnodiging.refresh_from_db()
    assert not uitnodiging.loopt()


def test_een_ouder_die_toestemming_geeft_leest_geen_bijlagen(
    gezin, client, django_capture_on_commit_callbacks
):
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    hulpvraag = gezin["hulpvraag"]
    assert "verslag.pdf" not in client.get(hulpvraag_pad(hulpvraag)).content.decode()
    antwoord = client.get(f"/ouder/hulpvraag/{hulpvraag.pk}/bijlagen/{gezin['bijlage'].pk}/")
    assert antwoord.status_code == 404
    assert not Logregel.objects.filter(actie=Actie.BIJLAGE_GEDOWNLOAD).exists()


def test_na_de_einddatum_van_de_ronde_is_de_link_verlopen(
    gezin, client, django_capture_on_commit_callbacks
):
    ronde = maak_ronde(gezin, einddatum=timezone.localdate() + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = services.nodig_uit_voor_overleg(
            door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
        )
    pad = pad_uit(mail.outbox[-1])
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
        assert client.get(hulpvraag_pad(gezin["hulpvraag"])).status_code == 404
        antwoord = Client().get(pad)
        assert antwoord.status_code == 410
        assert "Rik de Wit" in antwoord.content.decode()
    assert uitnodiging.geldig_tot == ronde.einddatum


# --- The gates of the portal ---------------------------------------------------------------------


def test_een_ingelogde_medewerker_zonder_tweede_stap_kan_de_link_openen(
    gezin, client, django_capture_on_commit_callbacks
):
    """The parents' pages pass the login, second-factor and omgeving gates of the portal."""
    uitnodiging, pad = nodig_uit(gezin, django_capture_on_commit_callbacks)
    client.force_login(gezin["extern"], tweede_factor=False)
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    assert "Goedendag Fatima Bos" in antwoord.content.decode()
    kom_binnen(client, pad, django_capture_on_commit_callbacks)
    assert client.get(hulpvraag_pad(gezin["hulpvraag"])).status_code == 200
    assert Uitnodiging.objects.get().link_gebruikt_op is not None

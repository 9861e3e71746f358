"""Mails to a parent, who has no account: the outbox keeps a placeholder where the personal link
or the code goes, the sent mail carries them; a beheerder's own text must hold the link; the
code mail keeps its fixed text; a parent's mail is nobody's melding."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import resolve, reverse
from django.utils import timezone

from notificaties.catalogus import Soort
from notificaties.models import MailSjabloon, Notificatie
from notificaties.services import maak_notificatie, verstuur_opnieuw
from ouders import links, services
from ouders.models import Toestemmingssoort
from overleg import services as overleg_services
from tests.factories import OrganisatieFactory
from tests.ouders.conftest import gezin  # noqa: F401 - the family of Sem Bos

pytestmark = pytest.mark.django_db

PLAATSHOUDER = "[persoonlijke link: staat alleen in de verstuurde mail]"
CODE_PLAATSHOUDER = "[code: staat alleen in de verstuurde mail]"
# A parent's link: https://kindkans.test/ouder/<invitation id>/<40 hex characters>/
LINK = re.compile(r"https://kindkans\.test/ouder/(\d+)/([0-9a-f]{40})/")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://kindkans.test"
    settings.KINDKANS_MERKNAAM = "Kindkans"


@pytest.fixture
def beheerder(gezin, maak_lid):  # noqa: F811
    return maak_lid(
        gezin["omgeving"],
        "beheerder",
        organisatie=OrganisatieFactory(omgeving=gezin["omgeving"], soort="swv"),
        voornaam="Pim",
        achternaam="de Graaf",
    )


def aanmelding():
    return Toestemmingssoort.objects.get(omgeving__isnull=True, code="aanmelding")


def vraag_toestemming(gezin):  # noqa: F811
    return services.nodig_uit_voor_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soorten=[aanmelding()],
        bericht="Zoals besproken in het gesprek van dinsdag.",
    )


def nodig_uit_voor_overleg(gezin):  # noqa: F811
    ronde = overleg_services.maak_overlegronde(
        door=gezin["regie"],
        hulpvraag=gezin["hulpvraag"],
        titel="Meekijken thuis",
        omschrijving="Wilt u vertellen hoe het thuis gaat?",
        einddatum=timezone.localdate() + datetime.timedelta(days=7),
        deelnemers=[gezin["olga"]],
    )
    return services.nodig_uit_voor_overleg(
        door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
    )


def nieuwe_link(gezin):  # noqa: F811
    return services.stuur_nieuwe_link(vraag_toestemming(gezin))


def link_uit(tekst):
    """(invitation id, token) of the one parent's link in a text."""
    gevonden = LINK.findall(tekst)
    assert len(gevonden) == 1, tekst
    return int(gevonden[0][0]), gevonden[0][1]


def aan_ouder(mailoutbox):
    return [bericht for bericht in mailoutbox if bericht.to == ["fatima@thuis.test"]]


def html_van(bericht):
    ((html, soort),) = bericht.alternatives
    assert soort == "text/html"
    return html


# --- Stored without, sent with --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maak", "soort", "onderwerp"),
    [
        (vraag_toestemming, "ouder_toestemming", "Wij vragen uw toestemming: hulp voor Sem"),
        (nodig_uit_voor_overleg, "ouder_overlegronde", "Lees mee over Sem: Meekijken thuis"),
        (nieuwe_link, "ouder_nieuwe_link", "Uw nieuwe link over Sem"),
    ],
)
def test_de_link_staat_niet_in_de_uitgaande_post_maar_wel_in_de_mail(
    gezin,  # noqa: F811
    mailoutbox,
    django_capture_on_commit_callbacks,
    maak,
    soort,
    onderwerp,
):
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = maak(gezin)

    rij = Notificatie.objects.filter(soort=soort).get()
    assert rij.ontvanger is None
    assert (rij.adres, rij.naam, rij.omgeving) == (
        "fatima@thuis.test",
        "Fatima Bos",
        gezin["omgeving"],
    )
    assert rij.status == Notificatie.Status.VERSTUURD
    assert rij.onderwerp == onderwerp
    assert rij.link == PLAATSHOUDER
    assert rij.pad == f"/ouder/{uitnodiging.pk}/"
    assert PLAATSHOUDER in rij.tekst
    for opgeslagen in (rij.tekst, rij.html, rij.link, rij.pad):
        assert not LINK.search(opgeslagen)
        assert links.token(uitnodiging) not in opgeslagen

    bericht = aan_ouder(mailoutbox)[-1]
    assert bericht.subject == onderwerp
    assert PLAATSHOUDER not in bericht.body
    pk, token = link_uit(bericht.body)
    assert pk == uitnodiging.pk
    assert links.token_klopt(uitnodiging, token)
    link = f"https://kindkans.test/ouder/{pk}/{token}/"
    assert f'href="{link}"' in html_van(bericht)
    assert "Openen in Kindkans" in html_van(bericht)
    assert PLAATSHOUDER not in html_van(bericht)


def test_de_nieuwe_link_vervangt_de_oude(
    gezin,  # noqa: F811
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = vraag_toestemming(gezin)
    _, oud = link_uit(aan_ouder(mailoutbox)[0].body)

    with django_capture_on_commit_callbacks(execute=True):
        services.stuur_nieuwe_link(uitnodiging)

    _, nieuw = link_uit(aan_ouder(mailoutbox)[1].body)
    uitnodiging.refresh_from_db()
    assert nieuw != oud
    assert links.token_klopt(uitnodiging, nieuw)
    assert not links.token_klopt(uitnodiging, oud)


def test_de_code_staat_niet_in_de_uitgaande_post_maar_wel_in_de_mail(
    gezin,  # noqa: F811
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    uitnodiging = vraag_toestemming(gezin)

    with django_capture_on_commit_callbacks(execute=True):
        services.stuur_code(uitnodiging)

    rij = Notificatie.objects.get(soort="ouder_code")
    assert (rij.ontvanger, rij.adres, rij.status) == (None, "fatima@thuis.test", "verstuurd")
    assert "Uw code is: " + CODE_PLAATSHOUDER in rij.tekst
    (bericht,) = aan_ouder(mailoutbox)
    assert bericht.subject == "Uw code voor Kindkans"
    code = re.search(r"Uw code is: (\d{6})\n", bericht.body).group(1)
    assert code not in rij.tekst and code not in rij.html
    assert CODE_PLAATSHOUDER not in bericht.body
    assert code in html_van(bericht)
    # The code mail has no link: on its own it opens nothing.
    assert "/ouder/" not in bericht.body
    assert "Openen in" not in html_van(bericht) and "<a " not in html_van(bericht)
    uitnodiging.refresh_from_db()
    assert code not in uitnodiging.code_hash
    assert links.code_klopt(uitnodiging, code)


# --- Sent again from the beheer -------------------------------------------------------------------


def test_opnieuw_versturen_geeft_de_ouder_een_werkende_link(
    gezin,  # noqa: F811
    beheerder,
    client,
    settings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.notificaties.backends.KapotBackend"
    settings.NOTIFICATIE_MAX_POGINGEN = 1
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = vraag_toestemming(gezin)
    rij = Notificatie.objects.get(soort="ouder_toestemming")
    assert rij.status == Notificatie.Status.MISLUKT
    assert "SMTPServerDisconnected" in rij.laatste_fout

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        opnieuw = verstuur_opnieuw(
            door=beheerder, notificaties=Notificatie.objects.filter(pk=rij.pk)
        )

    assert [n.pk for n in opnieuw] == [rij.pk]
    rij.refresh_from_db()
    assert rij.status == Notificatie.Status.VERSTUURD
    assert PLAATSHOUDER in rij.tekst  # still no secret in the row
    (bericht,) = aan_ouder(mailoutbox)
    pk, token = link_uit(bericht.body)
    pad = f"/ouder/{pk}/{token}/"
    assert resolve(pad).url_name == "link"
    assert links.token_klopt(uitnodiging, token)
    pagina = client.get(pad)
    assert pagina.status_code == 200
    assert "Stuur mij de code" in pagina.content.decode()


# --- A beheerder's own text -----------------------------------------------------------------------


def test_de_eigen_tekst_van_de_beheerder_gaat_met_de_link_naar_de_ouder(
    gezin,  # noqa: F811
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    sjabloon = MailSjabloon(
        omgeving=gezin["omgeving"],
        soort=Soort.OUDER_TOESTEMMING,
        onderwerp="Toestemming voor {{ leerling_voornaam }} ({{ school_naam }})",
        tekst="Beste {{ ouder_naam }},\n\n{{ door_naam }} vraagt:\n{{ vragen }}\n\n"
        "Antwoorden kan hier: {{ link }}\nTot en met {{ geldig_tot|date:'j F Y' }}.",
    )
    sjabloon.full_clean()
    sjabloon.save()

    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = vraag_toestemming(gezin)

    (bericht,) = aan_ouder(mailoutbox)
    assert bericht.subject == "Toestemming voor Sem (OBS De Regenboog)"
    pk, token = link_uit(bericht.body)
    geldig_tot = uitnodiging.geldig_tot
    maanden = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ]  # fmt: skip
    assert bericht.body == (
        "Beste Fatima Bos,\n\nInge Bakker vraagt:\n"
        "- Aanmelding bij het Team Schoolondersteuning\n\n"
        f"Antwoorden kan hier: https://kindkans.test/ouder/{pk}/{token}/\n"
        f"Tot en met {geldig_tot.day} {maanden[geldig_tot.month - 1]} {geldig_tot.year}.\n"
    )
    rij = Notificatie.objects.get(soort="ouder_toestemming")
    assert rij.tekst == bericht.body.replace(
        f"https://kindkans.test/ouder/{pk}/{token}/", PLAATSHOUDER
    )


def test_een_eigen_tekst_zonder_link_wordt_geweigerd(gezin):  # noqa: F811
    for soort in (Soort.OUDER_TOESTEMMING, Soort.OUDER_OVERLEGRONDE, Soort.OUDER_NIEUWE_LINK):
        sjabloon = MailSjabloon(
            omgeving=gezin["omgeving"],
            soort=soort,
            onderwerp="Over {{ leerling_voornaam }}",
            tekst="Beste {{ ouder_naam }}, bel de school maar.",
        )

        with pytest.raises(ValidationError) as fout:
            sjabloon.full_clean()

        assert fout.value.message_dict == {
            "tekst": ["Deze mail heeft een persoonlijke link: zet {{ link }} in de tekst."]
        }


def test_de_codemail_heeft_een_vaste_tekst(gezin):  # noqa: F811
    sjabloon = MailSjabloon(
        omgeving=gezin["omgeving"],
        soort=Soort.OUDER_CODE,
        onderwerp="Code",
        tekst="Uw code: {{ code }} {{ link }}",
    )

    with pytest.raises(ValidationError) as fout:
        sjabloon.full_clean()

    assert fout.value.message_dict == {
        "soort": [
            "De tekst van deze mail staat vast, omdat hij een persoonlijke link of code bevat."
        ]
    }


def test_de_codemail_staat_niet_in_de_keuzelijst_van_de_beheerder(client, beheerder):
    client.force_login(beheerder)

    pagina = client.get(reverse("admin:notificaties_mailsjabloon_add")).content.decode()

    keuzes = set(re.findall(r'<option value="([a-z_]+)"', pagina))
    assert {"ouder_toestemming", "ouder_overlegronde", "ouder_nieuwe_link", "ouder_antwoord"} <= (
        keuzes
    )
    assert not keuzes & {"ouder_code", "uitnodiging", "wachtwoord_vergeten"}


def test_een_eigen_codetekst_die_toch_in_de_database_staat_wordt_niet_gebruikt(
    gezin,  # noqa: F811
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    MailSjabloon.objects.create(
        omgeving=gezin["omgeving"],
        soort=Soort.OUDER_CODE,
        onderwerp="Andere code",
        tekst="Stuur uw code door naar de helpdesk: {{ code }}",
    )
    uitnodiging = vraag_toestemming(gezin)

    with django_capture_on_commit_callbacks(execute=True):
        services.stuur_code(uitnodiging)

    (bericht,) = aan_ouder(mailoutbox)
    assert bericht.subject == "Uw code voor Kindkans"
    assert re.search(r"Uw code is: \d{6}\n", bericht.body)
    assert "helpdesk" not in bericht.body


# --- A recipient without an account ---------------------------------------------------------------


def test_zonder_ontvanger_en_zonder_adres_geen_notificatie(gezin):  # noqa: F811
    with pytest.raises(ValueError, match="een ontvanger of een e-mailadres nodig"):
        maak_notificatie(
            ontvanger=None,
            omgeving=gezin["omgeving"],
            soort=Soort.OUDER_ANTWOORD,
            context={},
            pad="/",
            naam="Fatima Bos",
        )
    assert not Notificatie.objects.filter(ontvanger__isnull=True).exists()

    with pytest.raises(IntegrityError), transaction.atomic():
        Notificatie.objects.create(
            ontvanger=None,
            adres="",
            naam="Fatima Bos",
            omgeving=gezin["omgeving"],
            soort=Soort.OUDER_TOESTEMMING,
            onderwerp="Zonder adres",
            tekst="Zonder adres",
            pad="/",
            link="",
        )


def test_een_ouder_mail_is_van_niemand_een_melding_en_wacht_nooit_op_een_overzicht(
    gezin,  # noqa: F811
    client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    # Inge, who invites, chose one mail a day for her meldingen.
    ib = gezin["ib"]
    ib.meldingen_per_mail = ib.MeldingenPerMail.DAGELIJKS
    ib.save()

    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = vraag_toestemming(gezin)
        services.stuur_code(uitnodiging)
        services.antwoord_van_ouder(uitnodiging=uitnodiging, soort=aanmelding(), besluit="gegeven")

    aan_de_ouder = Notificatie.objects.filter(adres="fatima@thuis.test")
    assert sorted(aan_de_ouder.values_list("soort", "status")) == [
        ("ouder_code", "verstuurd"),
        ("ouder_toestemming", "verstuurd"),
    ]
    assert len(aan_ouder(mailoutbox)) == 2
    # Her own melding (the parent answered) does wait for her overview.
    antwoord = Notificatie.objects.get(soort="ouder_antwoord")
    assert (antwoord.ontvanger, antwoord.status) == (ib, "wacht_op_overzicht")

    for wie in ("ib", "regie"):
        client.force_login(gezin[wie])
        pagina = client.get(reverse("notificaties:meldingen")).content.decode()
        assert "Wij vragen uw toestemming" not in pagina
        assert "Uw code" not in pagina
        assert ("Fatima Bos heeft gereageerd bij de hulpvraag van Sem Bos" in pagina) == (
            wie == "ib"
        )


def test_het_beheer_toont_aan_wie_de_mail_ging_maar_niet_wat_erin_staat(
    gezin,  # noqa: F811
    beheerder,
    client,
):
    vraag_toestemming(gezin)
    client.force_login(beheerder)

    lijst = client.get(reverse("admin:notificaties_notificatie_changelist")).content.decode()
    gezocht = client.get(
        reverse("admin:notificaties_notificatie_changelist"), {"q": "fatima@thuis.test"}
    ).content.decode()

    assert "Fatima Bos &lt;fatima@thuis.test&gt;" in lijst
    assert "Wij vragen uw toestemming" not in lijst
    rij = Notificatie.objects.get(soort="ouder_toestemming")
    detail = reverse("admin:notificaties_notificatie_change", args=[rij.pk])
    assert detail in gezocht

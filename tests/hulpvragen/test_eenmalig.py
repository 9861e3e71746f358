"""A create form sent twice (double click, browser resubmit) makes one thing and one set of mails:
the hulpvraag, the aanpak and the leerling (the overlegronde is in tests/overleg)."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from hulpvragen.models import Aanpak, Hulpvraag
from leerlingen.models import Leerling

pytestmark = pytest.mark.django_db

AL_VERSTUURD = "Dit formulier was al verstuurd; hier is het resultaat."


def token_van(pagina):
    return re.search(r'name="eenmalig" value="([0-9a-f]{32})"', pagina.content.decode())[1]


def tweemaal(client, url, gegevens, capture):
    """POST the same form twice, each with its on-commit work (the mails) run."""
    antwoorden = []
    for _ in range(2):
        with capture(execute=True):
            antwoorden.append(client.post(url, gegevens))
    return antwoorden


def test_hulpvraag_tweemaal_verstuurd_is_een_hulpvraag(
    client, ib, schakel, leerling, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(ib)
    url = f"{reverse('hulpvragen:nieuw')}?leerling={leerling.pk}"
    gegevens = {
        "leerling": leerling.pk,
        "titel": "Team Schoolondersteuning",
        "omschrijving": "Concentratie",
        "coordinator": schakel.pk,
        "eenmalig": token_van(client.get(url)),
    }

    eerste, tweede = tweemaal(client, url, gegevens, django_capture_on_commit_callbacks)

    hulpvraag = Hulpvraag.objects.get()
    assert eerste["Location"] == reverse("hulpvragen:detail", args=[hulpvraag.pk])
    assert tweede["Location"] == reverse("hulpvragen:detail", args=[hulpvraag.pk])
    assert AL_VERSTUURD in client.get(tweede["Location"]).content.decode()
    assert [mail.to for mail in mailoutbox] == [["schakel@voorbeeld.test"]]


def test_aanpak_tweemaal_verstuurd_is_een_aanpak_en_een_mail(
    client, ib, regie, maak, mailoutbox, django_capture_on_commit_callbacks
):
    hulpvraag = maak(coordinator=regie)
    mailoutbox.clear()
    client.force_login(ib)
    url = reverse("hulpvragen:aanpak_nieuw", args=[hulpvraag.pk])
    gegevens = {
        "titel": "Begeleiding CJG",
        "omschrijving": "Gesprekken",
        "startdatum": "2026-12-01",
        "behandelaar": regie.pk,
        "eenmalig": token_van(client.get(url)),
    }

    eerste, tweede = tweemaal(client, url, gegevens, django_capture_on_commit_callbacks)

    aanpak = Aanpak.objects.get()
    resultaat = reverse("hulpvragen:aanpak", args=[hulpvraag.pk]) + f"#aanpak-{aanpak.pk}"
    assert eerste["Location"] == resultaat
    assert tweede["Location"] == resultaat
    assert AL_VERSTUURD in client.get(tweede["Location"]).content.decode()
    assert [mail.to for mail in mailoutbox] == [["rik@voorbeeld.test"]]


def test_aanpak_wijzigen_draagt_geen_token(client, ib, behandeld):
    client.force_login(ib)
    aanpak = Aanpak.objects.get()

    pagina = client.get(reverse("hulpvragen:aanpak_wijzigen", args=[behandeld.pk, aanpak.pk]))

    assert 'name="eenmalig"' not in pagina.content.decode()


def test_fout_en_dan_verbeterd_met_hetzelfde_token_slaat_een_keer_op(
    client, ib, regie, maak, mailoutbox, django_capture_on_commit_callbacks
):
    hulpvraag = maak(coordinator=regie)
    mailoutbox.clear()
    client.force_login(ib)
    url = reverse("hulpvragen:aanpak_nieuw", args=[hulpvraag.pk])
    token = token_van(client.get(url))

    fout = client.post(url, {"titel": "Plan", "eenmalig": token})
    assert "Dit veld is verplicht." in fout.content.decode()
    assert token_van(fout) == token  # the form that comes back keeps its token
    gegevens = {
        "titel": "Plan",
        "omschrijving": "Gesprekken",
        "startdatum": "2026-12-01",
        "behandelaar": regie.pk,
        "eenmalig": token,
    }
    eerste, tweede = tweemaal(client, url, gegevens, django_capture_on_commit_callbacks)

    aanpak = Aanpak.objects.get()
    assert eerste["Location"] == tweede["Location"]
    assert tweede["Location"].endswith(f"#aanpak-{aanpak.pk}")
    assert len(mailoutbox) == 1


def test_tweede_terwijl_de_eerste_nog_loopt_krijgt_een_wachtpagina(client, ib, regie, maak):
    hulpvraag = maak(coordinator=regie)
    client.force_login(ib)
    url = reverse("hulpvragen:aanpak_nieuw", args=[hulpvraag.pk])
    token = token_van(client.get(url))
    # The first POST of this token is still at work: it has claimed the token, no result yet.
    cache.add(f"eenmalig:{ib.pk}:{token}", "bezig")

    response = client.post(
        url,
        {
            "titel": "Plan",
            "omschrijving": "Gesprekken",
            "startdatum": "2026-12-01",
            "behandelaar": regie.pk,
            "eenmalig": token,
        },
    )

    assert response.status_code == 409
    assert "Dit formulier wordt nog verwerkt" in response.content.decode()
    assert not Aanpak.objects.exists()


def test_leerling_tweemaal_verstuurd_is_een_leerling(
    client, ib, school, django_capture_on_commit_callbacks
):
    client.force_login(ib)
    url = reverse("leerlingen:nieuw")
    gegevens = {
        "voornaam": "Finn",
        "achternaam": "Meijer",
        "geboortedatum": "2015-02-01",
        "school": school.pk,
        "groep_leerjaar": "groep 6",
        "eenmalig": token_van(client.get(url)),
    }

    eerste, tweede = tweemaal(client, url, gegevens, django_capture_on_commit_callbacks)

    leerling = Leerling.objects.get()
    assert eerste["Location"] == reverse("leerlingen:detail", args=[leerling.pk])
    assert tweede["Location"] == reverse("leerlingen:detail", args=[leerling.pk])
    assert AL_VERSTUURD in client.get(tweede["Location"]).content.decode()


def test_met_de_cache_onbereikbaar_wordt_de_hulpvraag_toch_aangemaakt(
    client, ib, schakel, leerling, mailoutbox, django_capture_on_commit_callbacks, settings
):
    # Redis down (nothing listens on port 1): the form is handled without the once-only check
    # rather than refused with a 500.
    client.force_login(ib)
    url = f"{reverse('hulpvragen:nieuw')}?leerling={leerling.pk}"
    gegevens = {
        "leerling": leerling.pk,
        "titel": "Team Schoolondersteuning",
        "omschrijving": "Concentratie",
        "coordinator": schakel.pk,
        "eenmalig": token_van(client.get(url)),
    }
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, gegevens)

    hulpvraag = Hulpvraag.objects.get()
    assert antwoord["Location"] == reverse("hulpvragen:detail", args=[hulpvraag.pk])
    assert [mail.to for mail in mailoutbox] == [["schakel@voorbeeld.test"]]

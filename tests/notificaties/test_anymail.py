"""Production mail through django-anymail (Postmark), with only the ESP's HTTP API faked."""

import json
from unittest import mock

import pytest
import requests
from django.db import transaction

from notificaties.catalogus import Soort, voorbeeld_context
from notificaties.models import Notificatie
from notificaties.services import maak_notificatie

pytestmark = pytest.mark.django_db


def postmark_antwoord(status=200, body=None):
    antwoord = requests.Response()
    antwoord.status_code = status
    antwoord._content = json.dumps(
        body
        or {
            "To": "ib@voorbeeld.test",
            "SubmittedAt": "2026-11-29T10:00:00Z",
            "MessageID": "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
            "ErrorCode": 0,
            "Message": "OK",
        }
    ).encode()
    antwoord.encoding = "utf-8"
    return antwoord


@pytest.fixture
def postmark(settings):
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "test-token"}
    with mock.patch("requests.Session.request", return_value=postmark_antwoord()) as request:
        yield request


def test_notificatie_gaat_via_de_postmark_api(ib, po, postmark, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notificatie = maak_notificatie(
            ontvanger=ib,
            omgeving=po,
            soort=Soort.AANPAK_BEHANDELAAR,
            context=voorbeeld_context(Soort.AANPAK_BEHANDELAAR),
            pad="/",
        )

    verzoek = postmark.call_args.kwargs
    assert (verzoek["method"], verzoek["url"]) == ("POST", "https://api.postmarkapp.com/email")
    verstuurd = json.loads(postmark.call_args.kwargs["data"])
    assert verstuurd["To"] == "ib@voorbeeld.test"
    assert verstuurd["Subject"] == "Nieuwe aanpak voor u als behandelaar van Daan Willemsen"
    assert "Er is in Kindkans een nieuwe aanpak toegevoegd" in verstuurd["TextBody"]
    assert notificatie.link in verstuurd["HtmlBody"]
    assert postmark.call_args.kwargs["headers"]["X-Postmark-Server-Token"] == "test-token"
    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.VERSTUURD


def test_postmark_fout_wordt_een_nieuwe_poging(ib, po, settings, postmark):
    postmark.return_value = postmark_antwoord(500, {"ErrorCode": 100, "Message": "Server error"})
    from notificaties import verzending

    notificatie = Notificatie.objects.create(
        ontvanger=ib,
        omgeving=po,
        soort=Soort.AANPAK_BEHANDELAAR,
        onderwerp="Onderwerp",
        tekst="Tekst",
        pad="/",
        link="http://127.0.0.1:8000/meldingen/1/",
    )

    verzending.verstuur(notificatie.pk)

    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.TE_VERSTUREN
    assert notificatie.pogingen == 1
    assert "AnymailRequestsAPIError" in notificatie.laatste_fout

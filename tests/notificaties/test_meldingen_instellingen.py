"""Meldingen per mail: the page where a person chooses a mail per melding or one a day."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from notificaties.catalogus import Soort, voorbeeld_context
from notificaties.models import Notificatie
from notificaties.services import maak_notificatie, stel_meldingen_per_mail_in

pytestmark = pytest.mark.django_db

PAGINA = "/meldingen/instellingen/"


def test_link_vanaf_meldingen_en_standaard_meteen_een_mail(client, ib):
    client.force_login(ib)

    meldingen = client.get(reverse("notificaties:meldingen")).content.decode()
    pagina = client.get(PAGINA).content.decode()

    assert reverse("notificaties:instellingen") == PAGINA
    assert f'<a href="{PAGINA}">Meldingen per mail instellen</a>' in meldingen
    assert "U krijgt meteen een mail per melding." in meldingen
    assert "<h1>Meldingen per mail</h1>" in pagina
    assert 'value="direct" required aria-required="true" id="id_meldingen_per_mail_0" checked>' in (
        pagina
    )
    assert "Meteen een mail per melding" in pagina
    assert "Eén mail per dag met een overzicht" in pagina
    assert '<option value="7" selected>07:00</option>' in pagina


def test_link_in_de_kop_naast_de_naam(client, ib):
    client.force_login(ib)

    start = client.get("/").content.decode()

    assert f'<a href="{PAGINA}">Meldingen per mail</a>' in start


def test_kiezen_voor_een_mail_per_dag_wordt_opgeslagen(client, ib):
    client.force_login(ib)

    response = client.post(PAGINA, {"meldingen_per_mail": "dagelijks", "overzicht_uur": "16"})

    assert response.status_code == 302
    assert response["Location"] == reverse("notificaties:meldingen")
    ib.refresh_from_db()
    assert ib.meldingen_per_mail == "dagelijks"
    assert ib.overzicht_uur == 16
    html = client.get(response["Location"]).content.decode()
    assert "Opgeslagen. U krijgt voortaan één mail per dag met een overzicht, kort na 16:00." in (
        html
    )
    assert "U krijgt één mail per dag met een overzicht, kort na 16:00." in html
    assert '<option value="16" selected>16:00</option>' in client.get(PAGINA).content.decode()


@pytest.mark.parametrize("uur", ["24", "-1", "7:30", "zeven", ""])
def test_een_ongeldig_uur_krijgt_een_nederlandse_melding_en_niets_wordt_opgeslagen(client, ib, uur):
    client.force_login(ib)

    response = client.post(PAGINA, {"meldingen_per_mail": "dagelijks", "overzicht_uur": uur})

    assert response.status_code == 200
    html = response.content.decode()
    verwacht = (
        "Kies een tijdstip voor het dagelijks overzicht."
        if uur == ""
        else "Kies een heel uur tussen 00:00 en 23:00."
    )
    assert verwacht in html
    assert "Controleer de gemarkeerde velden." in html
    # The rest of the input is kept.
    assert (
        'value="dagelijks" required aria-required="true" id="id_meldingen_per_mail_1" checked>'
        in (html)
    )
    ib.refresh_from_db()
    assert ib.meldingen_per_mail == "direct"
    assert ib.overzicht_uur == 7


def test_een_onbekende_keuze_wordt_geweigerd(client, ib):
    client.force_login(ib)

    response = client.post(PAGINA, {"meldingen_per_mail": "wekelijks", "overzicht_uur": "7"})

    assert "Kies hoe u meldingen per mail wilt krijgen." in response.content.decode()
    ib.refresh_from_db()
    assert ib.meldingen_per_mail == "direct"


def test_terug_naar_meteen_stuurt_wat_nog_wachtte_alsnog(
    client, ib, po, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(ib)
    client.post(PAGINA, {"meldingen_per_mail": "dagelijks", "overzicht_uur": "7"})
    ib.refresh_from_db()
    soort = Soort.COORDINATOR_GEWIJZIGD
    for naam in ("Sem Bos", "Lotte van Dijk"):
        with transaction.atomic():
            maak_notificatie(
                ontvanger=ib,
                omgeving=po,
                soort=soort,
                context={**voorbeeld_context(soort), "leerling_naam": naam},
                pad="/",
            )
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGINA, {"meldingen_per_mail": "direct", "overzicht_uur": "7"})

    assert sorted(mail.subject for mail in mailoutbox) == [
        "U bent coördinator van de hulpvraag van Lotte van Dijk",
        "U bent coördinator van de hulpvraag van Sem Bos",
    ]
    assert set(Notificatie.objects.values_list("status", flat=True)) == {"verstuurd"}
    html = client.get(response["Location"]).content.decode()
    assert (
        "Opgeslagen. U krijgt voortaan meteen een mail per melding. De 2 meldingen die nog op "
        "uw dagelijks overzicht wachtten, krijgt u nu alsnog per mail." in html
    )


def test_alleen_de_eigen_keuze(client, ib, po, maak_lid):
    ander = maak_lid(po, "regierolhouder")
    client.force_login(ib)

    client.post(PAGINA, {"meldingen_per_mail": "dagelijks", "overzicht_uur": "9"})

    ander.refresh_from_db()
    assert ander.meldingen_per_mail == "direct"
    assert client.get(PAGINA).status_code == 200
    client.logout()
    assert client.get(PAGINA).status_code == 302


def test_de_service_weigert_een_uur_buiten_de_keuzes(ib):
    with pytest.raises(ValidationError):
        stel_meldingen_per_mail_in(door=ib, meldingen_per_mail="dagelijks", overzicht_uur=24)

    ib.refresh_from_db()
    assert (ib.meldingen_per_mail, ib.overzicht_uur) == ("direct", 7)

"""What the SWV-beheerder does with mails in the admin: own texts, sending again."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from notificaties.catalogus import Soort, voorbeeld_context
from notificaties.models import MailSjabloon, Notificatie
from notificaties.services import maak_notificatie
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(po, maak_lid):
    return maak_lid(po, "beheerder", organisatie=OrganisatieFactory(omgeving=po, soort="swv"))


def stuur(ib, omgeving, soort=Soort.AANPAK_BEHANDELAAR):
    with transaction.atomic():
        return maak_notificatie(
            ontvanger=ib, omgeving=omgeving, soort=soort, context=voorbeeld_context(soort), pad="/"
        )


def test_eigen_tekst_van_de_omgeving_wordt_gebruikt(ib, po, vo):
    MailSjabloon.objects.create(
        omgeving=po,
        soort=Soort.AANPAK_BEHANDELAAR,
        onderwerp="Aanpak voor {{ leerling_naam }}",
        tekst="Hallo {{ ontvanger_naam }}, zie {{ link }}",
    )

    eigen = stuur(ib, po)
    standaard = stuur(ib, vo)

    assert eigen.onderwerp == "Aanpak voor Daan Willemsen"
    assert eigen.tekst == f"Hallo Inge Bakker, zie {eigen.link}\n"
    assert standaard.onderwerp == "Nieuwe aanpak voor u als behandelaar van Daan Willemsen"


@pytest.mark.parametrize(
    ("veld", "onderwerp", "tekst", "melding"),
    [
        ("tekst", "Goed", "{% if %}", "De tekst bevat een fout"),
        ("tekst", "Goed", "{{ naam|bestaatniet }}", "De tekst bevat een fout"),
        ("onderwerp", "{{ leerling_nam }}", "Goed", "onbekende variabele"),
        ("tekst", "Goed", "{{ hulpvraag_nummer|first }}", "kan niet worden opgemaakt"),
    ],
)
def test_kapotte_eigen_tekst_wordt_bij_opslaan_geweigerd(po, veld, onderwerp, tekst, melding):
    sjabloon = MailSjabloon(
        omgeving=po, soort=Soort.AANPAK_BEHANDELAAR, onderwerp=onderwerp, tekst=tekst
    )

    with pytest.raises(ValidationError) as fout:
        sjabloon.full_clean()

    assert melding in " ".join(fout.value.message_dict[veld])


def test_beheerder_ziet_de_fout_in_het_beheer_en_er_wordt_niets_opgeslagen(client, beheerder, po):
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:notificaties_mailsjabloon_add"),
        {
            "omgeving": po.pk,
            "soort": Soort.OVERLEGRONDE_UITNODIGING,
            "onderwerp": "Uitnodiging",
            "tekst": "Reageren kan tot {{ einddatum|date:'j F Y' }{% endif %}",
        },
    )

    assert response.status_code == 200
    assert "De tekst bevat een fout" in response.content.decode()
    assert not MailSjabloon.objects.exists()


def test_mislukte_mail_opnieuw_versturen_uit_het_beheer(
    client, beheerder, ib, po, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notificaties.backends.KapotBackend"
    settings.NOTIFICATIE_MAX_POGINGEN = 1
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = stuur(ib, po)
    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.MISLUKT
    client.force_login(beheerder)
    lijst = client.get(reverse("admin:notificaties_notificatie_changelist"), {"status": "mislukt"})
    detail = reverse("admin:notificaties_notificatie_change", args=[notificatie.pk])
    assert detail in lijst.content.decode()
    assert notificatie.onderwerp not in lijst.content.decode()  # content is not for the beheerder

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:notificaties_notificatie_changelist"),
            {"action": "opnieuw_versturen", "_selected_action": [notificatie.pk]},
        )

    assert response.status_code == 302
    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.VERSTUURD
    assert len(mailoutbox) == 1


def test_beheerder_ziet_geen_notificaties_van_andere_omgeving(client, beheerder, ib, vo):
    notificatie = stuur(ib, vo)
    client.force_login(beheerder)

    lijst = client.get(reverse("admin:notificaties_notificatie_changelist")).content.decode()

    detail = reverse("admin:notificaties_notificatie_change", args=[notificatie.pk])
    assert detail not in lijst
    assert client.get(detail).status_code == 302

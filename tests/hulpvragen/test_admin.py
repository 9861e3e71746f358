import pytest
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services
from hulpvragen.models import HulpvraagRecht
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hulpvraag(po, maak_lid):
    school = OrganisatieFactory(omgeving=po)
    ib = maak_lid(po, "ib_coo", organisatie=school)
    return services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        titel="Team Schoolondersteuning",
        omschrijving="",
        leerling=LeerlingFactory(school=school, achternaam="Bos", gecontroleerd_op=timezone.now()),
        coordinator=maak_lid(po, "regierolhouder"),
    )


def test_beheerder_ziet_geen_hulpvragen_in_het_beheer(client, po, maak_lid, hulpvraag):
    beheerder = maak_lid(po, "beheerder", organisatie=OrganisatieFactory(omgeving=po, soort="swv"))
    client.force_login(beheerder)

    assert client.get(reverse("admin:hulpvragen_hulpvraag_changelist")).status_code == 403
    assert "Hulpvragen" not in client.get(reverse("admin:index")).content.decode()


def test_superuser_ziet_rechten_en_berekent_toegang_opnieuw(admin_client, hulpvraag):
    aantal = HulpvraagRecht.objects.filter(content_object=hulpvraag).count()
    HulpvraagRecht.objects.filter(content_object=hulpvraag).first().delete()

    detail = admin_client.get(reverse("admin:hulpvragen_hulpvraag_change", args=[hulpvraag.pk]))
    assert "rechten (afgeleid uit de relaties)" in detail.content.decode().lower()
    admin_client.post(
        reverse("admin:hulpvragen_hulpvraag_changelist"),
        {"action": "toegang_opnieuw_berekenen", "_selected_action": [hulpvraag.pk]},
    )

    assert HulpvraagRecht.objects.filter(content_object=hulpvraag).count() == aantal

"""The admin's own permission check (OmgevingScopeMixin._mag), not only its scoped querysets."""

import pytest
from django.urls import reverse

from accounts.models import Organisatie
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheer_po(po, maak_lid):
    swv = OrganisatieFactory(omgeving=po, soort="swv", naam="SWV PO")
    return maak_lid(po, "beheerder", swv, email="beheer.po@voorbeeld.test")


@pytest.fixture
def vo_school(vo):
    return OrganisatieFactory(omgeving=vo, naam="CSG Het Eiland", brin="12AB")


def test_wijzigen_en_verwijderen_in_een_andere_omgeving_verandert_niets(
    client, beheer_po, vo_school
):
    client.force_login(beheer_po)
    wijzig = reverse("admin:accounts_organisatie_change", args=[vo_school.pk])
    verwijder = reverse("admin:accounts_organisatie_delete", args=[vo_school.pk])

    client.post(
        wijzig,
        {
            "naam": "Overgenomen",
            "soort": "school",
            "brin": "12AB",
            "omgeving": vo_school.omgeving_id,
        },
    )
    client.post(verwijder, {"post": "yes"})
    client.post(
        reverse("admin:accounts_organisatie_changelist"),
        {"action": "delete_selected", "_selected_action": [vo_school.pk], "post": "yes"},
    )

    vo_school.refresh_from_db()
    assert vo_school.naam == "CSG Het Eiland"
    assert Organisatie.objects.filter(pk=vo_school.pk).exists()


def test_beheerder_van_een_uitgezette_omgeving_komt_niet_in_het_beheer(client, po, beheer_po):
    # The account still has is_staff (nothing recomputed it), but no active beheerder
    # lidmaatschap: only the admin's own check keeps it out.
    po.actief = False
    po.save()
    beheer_po.refresh_from_db()
    assert beheer_po.is_staff
    client.force_login(beheer_po)

    for url in (
        reverse("admin:accounts_organisatie_changelist"),
        reverse("admin:accounts_organisatie_add"),
        reverse("admin:accounts_lidmaatschap_changelist"),
    ):
        assert client.get(url).status_code == 403, url
    assert "Organisaties" not in client.get(reverse("admin:index")).content.decode()

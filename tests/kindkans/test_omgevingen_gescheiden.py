"""Data of one omgeving is never visible from another (DESIGN.md §1)."""

import pytest
from django.urls import reverse

from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vo_leerling(vo):
    return LeerlingFactory(
        school=OrganisatieFactory(omgeving=vo, naam="CSG Het Eiland"),
        voornaam="Emma",
        achternaam="Koster",
    )


def test_gebruiker_van_po_krijgt_404_op_leerling_van_vo(client, po, vo_leerling, maak_lid):
    ib = maak_lid(po, "ib_coo", organisatie=OrganisatieFactory(omgeving=po))
    client.force_login(ib)

    for naam in ("detail", "wijzigen"):
        response = client.get(reverse(f"leerlingen:{naam}", args=[vo_leerling.pk]))
        assert response.status_code == 404
    response = client.post(reverse("leerlingen:bevestigen", args=[vo_leerling.pk]))
    assert response.status_code == 404
    vo_leerling.refresh_from_db()
    assert vo_leerling.gecontroleerd_op is None


def test_ib_coo_in_beide_ziet_vo_leerling_alleen_in_vo(client, po, vo, vo_leerling, maak_lid):
    # The same person is IB/COO of the VO school too: while working in PO, VO stays closed.
    persoon = maak_lid(po, "ib_coo", organisatie=OrganisatieFactory(omgeving=po))
    maak_lid(vo, "ib_coo", organisatie=vo_leerling.school, gebruiker=persoon)
    client.force_login(persoon)
    client.post(reverse("accounts:kies_omgeving"), {"omgeving": po.pk})

    assert client.get(reverse("leerlingen:detail", args=[vo_leerling.pk])).status_code == 404
    assert "Koster" not in client.get(reverse("leerlingen:lijst")).content.decode()

    client.post(reverse("accounts:kies_omgeving"), {"omgeving": vo.pk})
    assert client.get(reverse("leerlingen:detail", args=[vo_leerling.pk])).status_code == 200
    assert "Koster" in client.get(reverse("leerlingen:lijst")).content.decode()


def test_geen_rij_van_vo_in_enige_lijst_van_po(client, po, vo, vo_leerling, maak_lid):
    ib = maak_lid(po, "ib_coo", organisatie=OrganisatieFactory(omgeving=po))
    client.force_login(ib)

    for url in (reverse("start"), reverse("leerlingen:lijst"), reverse("accounts:kies_omgeving")):
        html = client.get(url, follow=True).content.decode()
        assert "Koster" not in html
        assert "CSG Het Eiland" not in html
        assert "VO2805" not in html

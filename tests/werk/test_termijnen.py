"""The termijn of a hulpvraag (werk.termijnen): while AANGEMELD, the earliest of "may stay
AANGEMELD for n school days" and "the behandelaar confirms an aanpak with GEAGENDEERD within m
school days"; stored on the hulpvraag after every change, and again when the beheerder changes
the omgeving's Termijnen."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from hulpvragen import services
from hulpvragen.models import Hulpvraag
from hulpvragen.workflow import Status
from tests.factories import HulpvraagFactory, LeerlingFactory, OrganisatieFactory
from tests.werk.conftest import reis
from werk import termijnen as termijnen_module
from werk.models import Termijnen, termijnen_van
from werk.termijnen import (
    AANPAK_BEVESTIGEN,
    BEHANDELAAR,
    COORDINATOR,
    NOG_AANGEMELD,
    Termijn,
    herbereken_termijnen,
    termijn_van,
)

pytestmark = pytest.mark.django_db


def opgeslagen(hulpvraag):
    return Hulpvraag.objects.values_list("termijn", flat=True).get(pk=hulpvraag.pk)


def test_standaardtermijnen_zonder_rij_in_een_query_en_zonder_schrijven(
    po, django_assert_num_queries
):
    with django_assert_num_queries(1):
        termijnen = termijnen_van(po.pk)
    assert (termijnen.aanpak_bevestigen, termijnen.aangemeld, termijnen.overleg_herinnering) == (
        5,
        10,
        2,
    )
    assert termijnen.pk is None
    assert not Termijnen.objects.exists()


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("aanpak_bevestigen", 0),
        ("aanpak_bevestigen", 41),
        ("aangemeld", 0),
        ("aangemeld", 61),
        ("overleg_herinnering", 0),
        ("overleg_herinnering", 11),
    ],
)
def test_termijnen_buiten_de_grenzen_geweigerd(po, veld, waarde):
    with pytest.raises(ValidationError) as fout:
        Termijnen(omgeving=po, **{veld: waarde}).full_clean()
    assert veld in fout.value.message_dict


def test_aangemeld_over_een_weekend(maak, schakel):
    # Made on Friday 4 December 2026: ten school days are 7–11 and 14–18 December.
    with reis(date(2026, 12, 4)):
        hulpvraag = maak()
        assert termijn_van(hulpvraag) == Termijn(
            NOG_AANGEMELD, COORDINATOR, schakel.pk, date(2026, 12, 18), False
        )
    assert opgeslagen(hulpvraag) == date(2026, 12, 18)
    with reis(date(2026, 12, 18), 23):
        assert termijn_van(hulpvraag).te_laat is False
    with reis(date(2026, 12, 19), 0):
        assert termijn_van(hulpvraag).te_laat is True


def test_aanpak_bevestigen_telt_als_die_eerder_is(maak, aanpak, regie):
    with reis(date(2026, 12, 4)):
        hulpvraag = maak()
    # Aanpak on Monday 7 December: five school days are 8–11 and Monday 14 December.
    with reis(date(2026, 12, 7)):
        aanpak(hulpvraag)
        assert termijn_van(hulpvraag) == Termijn(
            AANPAK_BEVESTIGEN, BEHANDELAAR, regie.pk, date(2026, 12, 14), False
        )
    assert opgeslagen(hulpvraag) == date(2026, 12, 14)
    # Who is aan zet is stored with it (the Overzicht counts on it).
    assert Hulpvraag.objects.values_list("termijn_aan_zet", "termijn_stap").get(
        pk=hulpvraag.pk
    ) == (regie.pk, "Aanpak bevestigen met GEAGENDEERD")
    with reis(date(2026, 12, 15)):
        assert termijn_van(hulpvraag).te_laat is True


def test_een_latere_aanpak_verschuift_de_termijn_niet(maak, aanpak, schakel):
    with reis(date(2026, 12, 4)):
        hulpvraag = maak()
    # Aanpak on Wednesday 16 December: due 23 December, after the 18th it may stay AANGEMELD.
    with reis(date(2026, 12, 16)):
        aanpak(hulpvraag)
        assert termijn_van(hulpvraag) == Termijn(
            NOG_AANGEMELD, COORDINATOR, schakel.pk, date(2026, 12, 18), False
        )
    assert opgeslagen(hulpvraag) == date(2026, 12, 18)


def test_over_kerstmis_en_nieuwjaar(maak, aanpak, regie):
    # Thursday 17 December 2026: ten school days end on Monday 4 January 2027 (Christmas on
    # Friday 25 and Saturday 26, New Year on Friday 1 January).
    with reis(date(2026, 12, 17)):
        hulpvraag = maak()
    assert opgeslagen(hulpvraag) == date(2027, 1, 4)
    # The aanpak on Friday 18 December: 21, 22, 23, 24 and Monday 28 December.
    with reis(date(2026, 12, 18)):
        aanpak(hulpvraag)
    assert opgeslagen(hulpvraag) == date(2026, 12, 28)
    with reis(date(2026, 12, 28), 17):
        assert termijn_van(hulpvraag).te_laat is False
    with reis(date(2026, 12, 29)):
        assert termijn_van(hulpvraag) == Termijn(
            AANPAK_BEVESTIGEN, BEHANDELAAR, regie.pk, date(2026, 12, 28), True
        )


def test_telt_vanaf_de_datum_in_nederland(maak, aanpak):
    with reis(date(2026, 12, 17)):
        hulpvraag = maak()
    # 00:30 on Friday 18 December in Amsterdam is still Thursday in UTC: Friday counts.
    with reis(date(2026, 12, 18), 0):
        aanpak(hulpvraag)
    assert opgeslagen(hulpvraag) == date(2026, 12, 28)


def test_geagendeerd_haalt_de_termijn_weg(maak, aanpak, regie, django_capture_on_commit_callbacks):
    with reis(date(2026, 12, 4)):
        hulpvraag = maak()
        aanpak(hulpvraag)
        with django_capture_on_commit_callbacks(execute=True):
            services.wijzig_status(door=regie, hulpvraag=hulpvraag, naar=Status.GEAGENDEERD)
        assert termijn_van(hulpvraag) is None
    assert Hulpvraag.objects.values_list("termijn", "termijn_aan_zet", "termijn_stap").get(
        pk=hulpvraag.pk
    ) == (None, None, "")


def test_termijn_schrijven_is_geen_wijziging_van_de_hulpvraag(maak, aanpak):
    with reis(date(2026, 12, 4)):
        hulpvraag = maak()
    voor = Hulpvraag.objects.values_list("versie", "gewijzigd_op").get(pk=hulpvraag.pk)
    with reis(date(2026, 12, 7)):
        aanpak(hulpvraag)
    assert opgeslagen(hulpvraag) == date(2026, 12, 14)
    assert Hulpvraag.objects.values_list("versie", "gewijzigd_op").get(pk=hulpvraag.pk) == voor


def test_andere_termijnen_van_de_beheerder_rekenen_alles_opnieuw(
    client, po, vo, maak, aanpak, beheer_po, django_capture_on_commit_callbacks
):
    with reis(date(2026, 12, 17)):
        zonder_aanpak = maak("Zonder aanpak")
    with reis(date(2026, 12, 18)):
        met_aanpak = maak("Met aanpak")
        aanpak(met_aanpak)
        # A hulpvraag of the other omgeving keeps the defaults.
        vo_hulpvraag = HulpvraagFactory(
            leerling=LeerlingFactory(school=OrganisatieFactory(omgeving=vo))
        )
        call_command("bereken_termijnen", "--omgeving", "VO2805", stdout=StringIO())
    assert opgeslagen(zonder_aanpak) == date(2027, 1, 4)
    assert opgeslagen(met_aanpak) == date(2026, 12, 28)
    assert opgeslagen(vo_hulpvraag) == date(2027, 1, 5)

    client.force_login(beheer_po)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("admin:werk_termijnen_add"),
            {
                "omgeving": po.pk,
                "aanpak_bevestigen": 2,
                "aangemeld": 3,
                "overleg_herinnering": 2,
            },
        )
    assert antwoord.status_code == 302

    # Aanpak on Friday 18 December + 2: Tuesday 22 December. Made on Thursday 17 + 3: 18, 21, 22.
    assert opgeslagen(met_aanpak) == date(2026, 12, 22)
    assert opgeslagen(zonder_aanpak) == date(2026, 12, 22)
    assert opgeslagen(vo_hulpvraag) == date(2027, 1, 5)

    termijnen = Termijnen.objects.get(omgeving=po)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:werk_termijnen_change", args=[termijnen.pk]),
            {"aanpak_bevestigen": 40, "aangemeld": 1, "overleg_herinnering": 2},
        )
    # Made on Friday 18 December + 1: Monday 21 December, before the aanpak's termijn.
    assert opgeslagen(met_aanpak) == date(2026, 12, 21)
    assert opgeslagen(zonder_aanpak) == date(2026, 12, 18)

    # Without a row the defaults count again.
    with django_capture_on_commit_callbacks(execute=True):
        termijnen.delete()
    assert opgeslagen(met_aanpak) == date(2026, 12, 28)
    assert opgeslagen(zonder_aanpak) == date(2027, 1, 4)


def test_in_delen_en_alleen_wat_verandert(po, school, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(termijnen_module, "BATCH", 2)
    with reis(date(2026, 12, 4)):
        rijen = [HulpvraagFactory(leerling=LeerlingFactory(school=school)) for _ in range(5)]
    assert herbereken_termijnen(Hulpvraag.objects.filter(omgeving=po)) == 5
    assert {opgeslagen(rij) for rij in rijen} == {date(2026, 12, 18)}
    # Nothing changed: three batches (2, 2, 1) of two reads each, one empty read, no write.
    with django_assert_num_queries(7):
        assert herbereken_termijnen(Hulpvraag.objects.filter(omgeving=po)) == 0


def test_bereken_termijnen_vult_bestaande_hulpvragen(po, school):
    with reis(date(2026, 12, 4)):
        open_ = HulpvraagFactory(leerling=LeerlingFactory(school=school))
        # A stale date on one that no longer waits is cleared.
        verder = HulpvraagFactory(
            leerling=LeerlingFactory(school=school),
            status=Status.GEAGENDEERD,
            termijn=date(2026, 12, 1),
        )
    assert opgeslagen(open_) is None

    uitvoer = StringIO()
    call_command("bereken_termijnen", stdout=uitvoer)

    assert opgeslagen(open_) == date(2026, 12, 18)
    assert opgeslagen(verder) is None
    assert "PO2811: 2 termijn(en) bijgewerkt." in uitvoer.getvalue()


def test_bereken_termijnen_kent_de_omgeving_niet(po):
    with pytest.raises(CommandError, match="XX0000"):
        call_command("bereken_termijnen", "--omgeving", "XX0000")


# --- The beheer --------------------------------------------------------------------------------


def test_beheerder_ziet_alleen_de_termijnen_van_de_eigen_omgeving(client, po, vo, beheer_po):
    eigen = Termijnen.objects.create(omgeving=po, aanpak_bevestigen=4)
    ander = Termijnen.objects.create(omgeving=vo, aanpak_bevestigen=7)
    client.force_login(beheer_po)

    lijst = client.get(reverse("admin:werk_termijnen_changelist"))
    assert lijst.status_code == 200
    assert list(lijst.context["cl"].result_list) == [eigen]
    assert client.get(reverse("admin:werk_termijnen_change", args=[eigen.pk])).status_code == 200

    # The other omgeving's row does not exist for this beheerder: Django's admin answers a
    # row outside its queryset by sending to the index, and a forged POST changes nothing.
    andere = reverse("admin:werk_termijnen_change", args=[ander.pk])
    assert client.get(andere).status_code == 302
    client.post(andere, {"aanpak_bevestigen": 1, "aangemeld": 1, "overleg_herinnering": 1})
    ander.refresh_from_db()
    assert ander.aanpak_bevestigen == 7

    # Adding one offers only the own omgeving.
    toevoegen = client.get(reverse("admin:werk_termijnen_add"))
    keuzes = [str(k) for k, _ in toevoegen.context["adminform"].form.fields["omgeving"].choices]
    assert str(po.pk) in keuzes and str(vo.pk) not in keuzes


def test_beheerder_kan_geen_termijnen_voor_een_andere_omgeving_toevoegen(client, vo, beheer_po):
    client.force_login(beheer_po)
    antwoord = client.post(
        reverse("admin:werk_termijnen_add"),
        {"omgeving": vo.pk, "aanpak_bevestigen": 2, "aangemeld": 3, "overleg_herinnering": 2},
    )
    assert antwoord.status_code == 200
    assert not Termijnen.objects.exists()


def test_ongeldige_termijn_in_het_beheer_met_melding(client, po, beheer_po):
    client.force_login(beheer_po)
    antwoord = client.post(
        reverse("admin:werk_termijnen_add"),
        {"omgeving": po.pk, "aanpak_bevestigen": 0, "aangemeld": 10, "overleg_herinnering": 2},
    )
    assert antwoord.status_code == 200
    assert "Zorg ervoor dat deze waarde minstens 1 is." in antwoord.content.decode()
    assert not Termijnen.objects.exists()


def test_wachtrij_onbereikbaar_rekent_de_omgeving_meteen(
    maak, aanpak, monkeypatch, django_capture_on_commit_callbacks
):
    from werk import tasks

    with reis(date(2026, 12, 7)):
        hulpvraag = maak()
        aanpak(hulpvraag)
    assert opgeslagen(hulpvraag) == date(2026, 12, 14)

    def onbereikbaar(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(tasks.herbereken_termijnen_van_omgeving, "delay", onbereikbaar)
    with django_capture_on_commit_callbacks(execute=True):
        Termijnen.objects.create(omgeving=hulpvraag.omgeving, aanpak_bevestigen=2)
    # Aanpak on Monday 7 December + 2 school days, without a queue.
    assert opgeslagen(hulpvraag) == date(2026, 12, 9)


def test_een_andere_behandelaar_is_aan_zet_met_dezelfde_termijn(
    maak, aanpak, ib, po, maak_lid, django_capture_on_commit_callbacks
):
    with reis(date(2026, 12, 7)):
        hulpvraag = maak()
        eerste = aanpak(hulpvraag)
    andere = maak_lid(po, "regierolhouder", voornaam="Mila", achternaam="Jansen")
    with reis(date(2026, 12, 8)), django_capture_on_commit_callbacks(execute=True):
        services.wijzig_aanpak(
            door=ib,
            aanpak=eerste,
            titel=eerste.titel,
            omschrijving=eerste.omschrijving,
            startdatum=eerste.startdatum,
            einddatum=None,
            behandelaar=andere,
        )

    assert Hulpvraag.objects.values_list("termijn", "termijn_aan_zet").get(pk=hulpvraag.pk) == (
        date(2026, 12, 14),
        andere.pk,
    )

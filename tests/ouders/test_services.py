"""The rules of ouders.services around the parents themselves: keeping them, inviting them,
their answers, and de stem van de leerling."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Lidmaatschap
from hulpvragen import toegang
from notificaties.models import Notificatie
from ouders import services
from ouders.models import Ouder, Toestemming, Toestemmingssoort, Uitnodiging, Zienswijze
from overleg import services as overleg_services

pytestmark = pytest.mark.django_db

AMSTERDAM = timezone.get_current_timezone()
MAANDAG = datetime.datetime(2026, 11, 2, 10, 30, tzinfo=AMSTERDAM)


def soort(code):
    return Toestemmingssoort.objects.get(omgeving__isnull=True, code=code)


def nodig_uit(gezin, *, door=None, ouder=None, soorten=("aanmelding",), **velden):
    return services.nodig_uit_voor_toestemming(
        door=door or gezin["ib"],
        hulpvraag=velden.pop("hulpvraag", gezin["hulpvraag"]),
        ouder=ouder or gezin["moeder"],
        soorten=[soort(code) for code in soorten],
        **velden,
    )


def ronde_van(gezin, *deelnemers, dagen=7):
    return overleg_services.maak_overlegronde(
        door=gezin["regie"],
        hulpvraag=gezin["hulpvraag"],
        titel="Meekijken thuis",
        omschrijving="Hoe gaat het thuis?",
        einddatum=timezone.localdate() + datetime.timedelta(days=dagen),
        deelnemers=list(deelnemers) or [gezin["olga"]],
    )


# --- Keeping the parents --------------------------------------------------------------------------


def test_de_ib_coo_van_de_school_bewaart_een_ouder(gezin):
    ouder = services.bewaar_ouder(
        door=gezin["ib"],
        ouder=Ouder(
            leerling=gezin["leerling"],
            naam="Johan Bos",
            email="johan@thuis.test",
            relatie=Ouder.Relatie.VADER,
            gezag=True,
        ),
    )

    ouder.refresh_from_db()
    assert ouder.gewijzigd_door == gezin["ib"]
    assert list(gezin["leerling"].ouders.values_list("naam", flat=True)) == [
        "Fatima Bos",
        "Johan Bos",
        "Kees Dekker",
    ]


@pytest.mark.parametrize("wie", ["regie", "andere_ib", "olga"])
def test_alleen_de_ib_coo_van_de_school_bewaart_of_verwijdert_een_ouder(gezin, wie):
    moeder = gezin["moeder"]
    moeder.naam = "Iemand anders"

    with pytest.raises(PermissionDenied):
        services.bewaar_ouder(door=gezin[wie], ouder=moeder)
    with pytest.raises(PermissionDenied):
        services.verwijder_ouder(door=gezin[wie], ouder=gezin["stiefvader"])

    assert Ouder.objects.get(pk=moeder.pk).naam == "Fatima Bos"
    assert Ouder.objects.filter(pk=gezin["stiefvader"].pk).exists()


def test_een_ouder_zonder_antwoord_kan_weg(gezin):
    services.verwijder_ouder(door=gezin["ib"], ouder=gezin["stiefvader"])

    assert not Ouder.objects.filter(naam="Kees Dekker").exists()


def test_een_ouder_met_een_toestemming_blijft_bewaard(gezin):
    services.registreer_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soort=soort("aanmelding"),
        besluit=Toestemming.Besluit.GEWEIGERD,
        wijze=Toestemming.Wijze.MONDELING,
        op=MAANDAG,
    )

    with pytest.raises(ValidationError) as fout:
        services.verwijder_ouder(door=gezin["ib"], ouder=gezin["moeder"])

    assert fout.value.messages == [
        "Deze ouder/verzorger heeft een toestemming of zienswijze in een dossier en blijft daarom "
        "bewaard. Pas de gegevens aan als ze niet meer kloppen."
    ]
    assert Ouder.objects.filter(pk=gezin["moeder"].pk).exists()


def test_een_ouder_met_een_zienswijze_blijft_bewaard(gezin):
    ronde = ronde_van(gezin)
    uitnodiging = services.nodig_uit_voor_overleg(
        door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
    )
    services.plaats_zienswijze(uitnodiging=uitnodiging, tekst="Thuis gaat het goed.")

    with pytest.raises(ValidationError):
        services.verwijder_ouder(door=gezin["ib"], ouder=gezin["moeder"])

    assert Zienswijze.objects.get().ouder == gezin["moeder"]


# --- Asking consent -------------------------------------------------------------------------------


def test_de_uitnodiging_voor_toestemming_loopt_de_ingestelde_dagen(gezin, settings):
    settings.OUDER_UITNODIGING_DAGEN = 14

    with time_machine.travel(MAANDAG, tick=False):
        uitnodiging = nodig_uit(
            gezin, soorten=("aanmelding", "delen"), bericht="Zoals besproken in het gesprek."
        )

    uitnodiging.refresh_from_db()
    assert uitnodiging.doel == "toestemming"
    assert uitnodiging.geldig_tot == datetime.date(2026, 11, 16)
    assert uitnodiging.aangemaakt_door == gezin["ib"]
    assert uitnodiging.bericht == "Zoals besproken in het gesprek."
    assert set(uitnodiging.soorten.values_list("code", flat=True)) == {"aanmelding", "delen"}
    assert uitnodiging.linkversie == 1 and uitnodiging.link_gebruikt_op is None
    assert uitnodiging.code_hash == ""
    with time_machine.travel(datetime.datetime(2026, 11, 16, 23, 59, tzinfo=AMSTERDAM)):
        assert uitnodiging.loopt()
    with time_machine.travel(datetime.datetime(2026, 11, 17, 0, 1, tzinfo=AMSTERDAM)):
        assert not uitnodiging.loopt()


def test_ook_de_regierolhouder_vraagt_toestemming(gezin):
    uitnodiging = nodig_uit(gezin, door=gezin["regie"])

    assert uitnodiging.aangemaakt_door == gezin["regie"]
    rij = Notificatie.objects.get(adres="fatima@thuis.test")
    assert "Rik de Wit" in rij.tekst


def test_geen_uitnodiging_zonder_e_mailadres(gezin):
    zonder = Ouder.objects.create(
        leerling=gezin["leerling"], naam="Johan Bos", relatie=Ouder.Relatie.VADER, gezag=True
    )

    with pytest.raises(ValidationError) as fout:
        nodig_uit(gezin, ouder=zonder)

    assert fout.value.message_dict == {
        "ouder": ["Van deze ouder/verzorger is geen e-mailadres bekend. Vul dat eerst in."]
    }
    assert not Uitnodiging.objects.exists()
    assert not Notificatie.objects.filter(ontvanger__isnull=True).exists()


def test_geen_uitnodiging_voor_toestemming_zonder_gezag(gezin):
    with pytest.raises(ValidationError) as fout:
        nodig_uit(gezin, ouder=gezin["stiefvader"])

    assert fout.value.message_dict == {
        "ouder": ["Alleen een ouder/verzorger met ouderlijk gezag geeft toestemming."]
    }
    assert not Uitnodiging.objects.exists()


def test_geen_uitnodiging_zonder_soorten(gezin):
    with pytest.raises(ValidationError) as fout:
        nodig_uit(gezin, soorten=())

    assert fout.value.message_dict == {"soorten": ["Kies waarvoor u toestemming vraagt."]}
    assert not Uitnodiging.objects.exists()


def test_geen_uitnodiging_voor_een_ouder_van_een_ander_kind(gezin):
    with pytest.raises(ValidationError) as fout:
        nodig_uit(gezin, hulpvraag=gezin["andere_hulpvraag"])

    assert fout.value.message_dict == {"ouder": ["Kies een ouder/verzorger van deze leerling."]}


def test_een_deelnemer_nodigt_geen_ouder_uit(gezin):
    ronde_van(gezin, gezin["extern"])
    assert toegang.ZIEN in toegang.rechten_op(gezin["extern"], gezin["hulpvraag"])

    for wie in ("extern", "andere_ib"):
        with pytest.raises(PermissionDenied):
            nodig_uit(gezin, door=gezin[wie])
    assert not Uitnodiging.objects.exists()


def test_wie_uitnodigde_stopt_de_uitnodiging_een_deelnemer_niet(gezin):
    uitnodiging = nodig_uit(gezin)
    ronde_van(gezin, gezin["extern"])

    with pytest.raises(PermissionDenied):
        services.trek_uitnodiging_in(door=gezin["extern"], uitnodiging=uitnodiging)
    assert uitnodiging.loopt()

    services.trek_uitnodiging_in(door=gezin["regie"], uitnodiging=uitnodiging)

    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op is not None
    assert not uitnodiging.loopt()


# --- Reading along in an overlegronde -------------------------------------------------------------


def test_de_uitnodiging_voor_overleg_loopt_tot_de_einddatum_van_de_ronde(gezin):
    ronde = ronde_van(gezin, dagen=10)

    uitnodiging = services.nodig_uit_voor_overleg(
        door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"], bericht="Lees gerust mee."
    )

    uitnodiging.refresh_from_db()
    assert uitnodiging.doel == "overleg"
    assert uitnodiging.overlegronde == ronde
    assert uitnodiging.geldig_tot == timezone.localdate() + datetime.timedelta(days=10)
    assert uitnodiging.geldig_tot == ronde.einddatum
    assert not uitnodiging.soorten.exists()
    assert not services.gevraagde_soorten(uitnodiging).exists()
    rij = Notificatie.objects.get(adres="fatima@thuis.test")
    assert rij.soort == "ouder_overlegronde"


def test_een_ouder_zonder_gezag_leest_niet_mee(gezin):
    with pytest.raises(ValidationError) as fout:
        services.nodig_uit_voor_overleg(
            door=gezin["regie"], overlegronde=ronde_van(gezin), ouder=gezin["stiefvader"]
        )

    assert fout.value.message_dict == {
        "ouder": ["Alleen een ouder/verzorger met ouderlijk gezag leest mee in een overlegronde."]
    }
    assert not Uitnodiging.objects.exists()


def test_geen_uitnodiging_voor_een_gesloten_ronde(gezin):
    ronde = ronde_van(gezin)
    overleg_services.sluit_overlegronde(door=gezin["regie"], overlegronde=ronde)

    with pytest.raises(PermissionDenied):
        services.nodig_uit_voor_overleg(
            door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
        )
    assert not Uitnodiging.objects.exists()


def test_geen_uitnodiging_voor_een_ronde_na_de_einddatum(gezin):
    ronde = ronde_van(gezin, dagen=2)

    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=3)),
        pytest.raises(PermissionDenied),
    ):
        services.nodig_uit_voor_overleg(
            door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
        )


def test_geen_tweede_uitnodiging_voor_dezelfde_ronde(gezin):
    ronde = ronde_van(gezin)
    eerste = services.nodig_uit_voor_overleg(
        door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
    )

    with pytest.raises(ValidationError) as fout:
        services.nodig_uit_voor_overleg(
            door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
        )

    assert fout.value.message_dict == {
        "ouder": ["Deze ouder is al uitgenodigd voor deze overlegronde."]
    }
    # Once that invitation is stopped, a new one may go out.
    services.trek_uitnodiging_in(door=gezin["regie"], uitnodiging=eerste)
    tweede = services.nodig_uit_voor_overleg(
        door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
    )
    assert tweede.pk != eerste.pk


def test_alleen_wie_rondes_opent_nodigt_een_ouder_uit_voor_overleg(gezin):
    ronde = ronde_van(gezin, gezin["extern"])

    for wie in ("ib", "extern", "olga"):
        with pytest.raises(PermissionDenied):
            services.nodig_uit_voor_overleg(
                door=gezin[wie], overlegronde=ronde, ouder=gezin["moeder"]
            )
    assert not Uitnodiging.objects.exists()


def test_de_uitnodiging_voor_overleg_stopt_als_de_ronde_sluit(gezin):
    ronde = ronde_van(gezin)
    uitnodiging = services.nodig_uit_voor_overleg(
        door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
    )
    assert uitnodiging.loopt()

    overleg_services.sluit_overlegronde(door=gezin["regie"], overlegronde=ronde)

    uitnodiging.refresh_from_db()
    assert not uitnodiging.loopt()
    with pytest.raises(ValidationError, match="Deze uitnodiging is verlopen."):
        services.plaats_zienswijze(uitnodiging=uitnodiging, tekst="Te laat.")


def test_de_zienswijze_in_een_ronde_hoort_bij_die_ronde(gezin):
    ronde = ronde_van(gezin)
    uitnodiging = services.nodig_uit_voor_overleg(
        door=gezin["regie"], overlegronde=ronde, ouder=gezin["moeder"]
    )

    zienswijze = services.plaats_zienswijze(uitnodiging=uitnodiging, tekst="Thuis is hij rustig.")

    assert (zienswijze.hulpvraag, zienswijze.overlegronde, zienswijze.ouder) == (
        gezin["hulpvraag"],
        ronde,
        gezin["moeder"],
    )
    # A parent in a round is asked nothing: there is no consent to give there.
    with pytest.raises(PermissionDenied):
        services.antwoord_van_ouder(
            uitnodiging=uitnodiging,
            soort=soort("delen"),
            besluit=Toestemming.Besluit.GEGEVEN,
        )


# --- The parent's answer --------------------------------------------------------------------------


def test_de_ouder_antwoordt_alleen_op_wat_gevraagd_is(gezin):
    uitnodiging = nodig_uit(gezin, soorten=("aanmelding",))

    with pytest.raises(PermissionDenied) as fout:
        services.antwoord_van_ouder(
            uitnodiging=uitnodiging, soort=soort("delen"), besluit=Toestemming.Besluit.GEGEVEN
        )

    assert str(fout.value) == "Hierover is deze ouder geen toestemming gevraagd."
    assert not Toestemming.objects.exists()


def test_een_uitgeschakelde_soort_is_niet_meer_te_beantwoorden(gezin):
    uitnodiging = nodig_uit(gezin, soorten=("aanmelding",))
    Toestemmingssoort.objects.filter(code="aanmelding").update(actief=False)

    with pytest.raises(PermissionDenied):
        services.antwoord_van_ouder(
            uitnodiging=uitnodiging, soort=soort("aanmelding"), besluit="gegeven"
        )


def test_de_ouder_antwoordt_niet_na_de_laatste_dag(gezin, settings):
    settings.OUDER_UITNODIGING_DAGEN = 14
    with time_machine.travel(MAANDAG, tick=False):
        uitnodiging = nodig_uit(gezin)

    with time_machine.travel(datetime.datetime(2026, 11, 17, 8, 0, tzinfo=AMSTERDAM)):
        with pytest.raises(ValidationError, match="Deze uitnodiging is verlopen."):
            services.antwoord_van_ouder(
                uitnodiging=uitnodiging,
                soort=soort("aanmelding"),
                besluit=Toestemming.Besluit.GEGEVEN,
            )
        with pytest.raises(ValidationError, match="Deze uitnodiging is verlopen."):
            services.plaats_zienswijze(uitnodiging=uitnodiging, tekst="Te laat.")
    assert not Toestemming.objects.exists() and not Zienswijze.objects.exists()


def test_de_ouder_antwoordt_niet_na_het_stoppen_van_de_uitnodiging(gezin):
    uitnodiging = nodig_uit(gezin)
    services.trek_uitnodiging_in(door=gezin["ib"], uitnodiging=uitnodiging)

    with pytest.raises(ValidationError, match="Deze uitnodiging is verlopen."):
        services.antwoord_van_ouder(
            uitnodiging=uitnodiging, soort=soort("aanmelding"), besluit="gegeven"
        )


def test_de_ouder_die_het_gezag_verloor_antwoordt_niet_meer(gezin):
    uitnodiging = nodig_uit(gezin)
    Ouder.objects.filter(pk=gezin["moeder"].pk).update(gezag=False)
    uitnodiging.ouder.refresh_from_db()

    with pytest.raises(ValidationError):
        services.antwoord_van_ouder(
            uitnodiging=uitnodiging, soort=soort("aanmelding"), besluit="gegeven"
        )


def test_alleen_ja_of_nee(gezin):
    uitnodiging = nodig_uit(gezin)

    with pytest.raises(ValidationError, match="Kies ja of nee."):
        services.antwoord_van_ouder(
            uitnodiging=uitnodiging, soort=soort("aanmelding"), besluit="misschien"
        )


# --- De stem van de leerling ----------------------------------------------------------------------


@pytest.fixture
def stemmen(gezin):
    alleen_team = services.leg_stem_vast(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        gehoord_op=datetime.date(2026, 10, 1),
        hoe="gesprek",
        wat="Sem wil graag in zijn eigen klas blijven.",
    )
    gedeeld = services.leg_stem_vast(
        door=gezin["regie"],
        hulpvraag=gezin["hulpvraag"],
        gehoord_op=datetime.date(2026, 10, 8),
        hoe="tekening",
        wat="Sem tekende zichzelf met een koptelefoon op.",
        gedeeld_met_deelnemers=True,
    )
    ronde_van(gezin, gezin["extern"])
    return alleen_team, gedeeld


def stemmen_van(gezin, wie):
    rechten = toegang.rechten_op(gezin[wie], gezin["hulpvraag"])
    return list(services.stemmen_voor(rechten, gezin["hulpvraag"]))


@pytest.mark.parametrize("wie", ["ib", "regie"])
def test_de_betrokkenen_lezen_de_hele_stem_van_de_leerling(gezin, stemmen, wie):
    alleen_team, gedeeld = stemmen

    assert stemmen_van(gezin, wie) == [gedeeld, alleen_team]  # newest first


def test_een_deelnemer_leest_alleen_wat_gedeeld_is(gezin, stemmen):
    _, gedeeld = stemmen

    assert stemmen_van(gezin, "extern") == [gedeeld]


@pytest.mark.parametrize("wie", ["andere_ib", "olga"])
def test_wie_niet_betrokken_is_leest_niets(gezin, stemmen, wie):
    assert stemmen_van(gezin, wie) == []


def test_de_stem_wordt_vastgelegd_met_wie_en_wanneer(gezin):
    with time_machine.travel(MAANDAG, tick=False):
        stem = services.leg_stem_vast(
            door=gezin["regie"],
            hulpvraag=gezin["hulpvraag"],
            gehoord_op=datetime.date(2026, 10, 30),
            hoe="gesprek_ouders",
            wat="Sem wil minder huiswerk.",
        )

    stem.refresh_from_db()
    assert (stem.vastgelegd_door, stem.vastgelegd_op, stem.gehoord_op) == (
        gezin["regie"],
        MAANDAG,
        datetime.date(2026, 10, 30),
    )
    assert not stem.gedeeld_met_deelnemers


def test_de_stem_niet_in_de_toekomst_en_niet_door_een_deelnemer(gezin):
    ronde_van(gezin, gezin["extern"])
    morgen = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as fout:
        services.leg_stem_vast(
            door=gezin["ib"],
            hulpvraag=gezin["hulpvraag"],
            gehoord_op=morgen,
            hoe="gesprek",
            wat="Nog niet gehoord.",
        )
    assert fout.value.message_dict == {"gehoord_op": ["De datum ligt in de toekomst."]}
    with pytest.raises(PermissionDenied):
        services.leg_stem_vast(
            door=gezin["extern"],
            hulpvraag=gezin["hulpvraag"],
            gehoord_op=timezone.localdate(),
            hoe="gesprek",
            wat="Sem vertelde het mij.",
        )


def test_de_vaste_soorten_komen_terug_als_ze_ontbreken(gezin):
    # A database emptied between browser tests loses what migration 0002 made.
    Toestemmingssoort.objects.filter(omgeving__isnull=True).delete()

    namen = [(s.code, s.naam) for s in services.lees_soorten(gezin["omgeving"])]

    assert namen == [
        ("aanmelding", "Aanmelding bij het Team Schoolondersteuning"),
        ("delen", "Delen van het dossier met deelnemers van een overlegronde"),
    ]


def test_de_soorten_van_een_pagina_zijn_een_query_als_de_vaste_er_zijn(
    gezin, django_assert_num_queries
):
    with django_assert_num_queries(1):
        codes = [s.code for s in services.lees_soorten(gezin["omgeving"])]

    assert codes == ["aanmelding", "delen"]


@pytest.mark.parametrize(
    ("persoon", "verwacht"),
    [("ib", True), ("andere_ib", False), ("regie", False), ("extern", False)],
)
def test_ib_coo_van_de_school_uit_de_lidmaatschappen_van_het_verzoek(gezin, persoon, verwacht):
    # A page passes the request's lidmaatschappen instead of reading them: the same answer.
    gebruiker = gezin[persoon]
    van_het_verzoek = list(Lidmaatschap.objects.actief().filter(gebruiker=gebruiker))

    uit_de_database = services.is_ib_coo_van(gebruiker, gezin["leerling"])
    uit_het_verzoek = services.is_ib_coo_van(gebruiker, gezin["leerling"], van_het_verzoek)

    assert uit_de_database is verwacht
    assert uit_het_verzoek is verwacht


def test_ib_coo_van_de_school_niet_met_andermans_of_een_uitgezet_lidmaatschap(gezin):
    lid = Lidmaatschap.objects.get(gebruiker=gezin["ib"])

    assert not services.is_ib_coo_van(gezin["regie"], gezin["leerling"], [lid])
    lid.actief = False
    lid.save()
    assert not services.is_ib_coo_van(gezin["ib"], gezin["leerling"])
    assert not services.is_ib_coo_van(
        gezin["ib"], gezin["leerling"], list(Lidmaatschap.objects.actief().filter(pk=lid.pk))
    )

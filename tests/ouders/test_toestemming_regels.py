"""The rules of consent (ouders.services): given, declined and withdrawn, each with who, when and
how; who may register it; when it counts; and the overlegronde that needs it."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hulpvragen.models import Bijlage
from ouders import services
from ouders.models import Ouder, Toestemming, Toestemmingssoort
from overleg import services as overleg_services
from overleg.models import Overlegronde
from tests.factories import OmgevingFactory
from tests.ouders.conftest import PDF

pytestmark = pytest.mark.django_db

GEGEVEN = Toestemming.Besluit.GEGEVEN
GEWEIGERD = Toestemming.Besluit.GEWEIGERD
OP_PAPIER = Toestemming.Wijze.OP_PAPIER
MONDELING = Toestemming.Wijze.MONDELING
DIGITAAL = Toestemming.Wijze.DIGITAAL

AMSTERDAM = timezone.get_current_timezone()
MAANDAG = datetime.datetime(2026, 11, 2, 10, 30, tzinfo=AMSTERDAM)
DINSDAG = datetime.datetime(2026, 11, 3, 14, 15, tzinfo=AMSTERDAM)
WOENSDAG = datetime.datetime(2026, 11, 4, 9, 0, tzinfo=AMSTERDAM)


def soort(code):
    return Toestemmingssoort.objects.get(omgeving__isnull=True, code=code)


def registreer(gezin, *, ouder=None, besluit=GEGEVEN, code=Toestemmingssoort.DELEN, **velden):
    return services.registreer_toestemming(
        door=velden.pop("door", gezin["ib"]),
        hulpvraag=velden.pop("hulpvraag", gezin["hulpvraag"]),
        ouder=ouder or gezin["moeder"],
        soort=soort(code),
        besluit=besluit,
        wijze=velden.pop("wijze", OP_PAPIER),
        op=velden.pop("op", MAANDAG),
        **velden,
    )


def uitnodiging_voor(gezin, ouder=None, code=Toestemmingssoort.DELEN):
    return services.nodig_uit_voor_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=ouder or gezin["moeder"],
        soorten=[soort(code)],
    )


def vader_met_gezag(gezin):
    return Ouder.objects.create(
        leerling=gezin["leerling"],
        naam="Johan Bos",
        email="johan@thuis.test",
        relatie=Ouder.Relatie.VADER,
        gezag=True,
    )


# --- Given, declined, withdrawn: who, when, how --------------------------------------------------


def test_de_ib_coo_registreert_een_toestemming_op_papier_met_het_ondertekende_formulier(gezin):
    with time_machine.travel(DINSDAG, tick=False):
        toestemming = registreer(
            gezin,
            op=MAANDAG,
            bestand=SimpleUploadedFile("toestemming.pdf", PDF),
            toelichting="Getekend bij het oudergesprek.",
        )

    toestemming.refresh_from_db()
    assert toestemming.besluit == "gegeven"
    assert toestemming.wijze == "op_papier"
    assert toestemming.vastgelegd_door == gezin["ib"]
    assert toestemming.ouder == gezin["moeder"]
    assert toestemming.op == MAANDAG  # when the parent signed, not when it was typed in
    assert toestemming.soort.naam == "Delen van het dossier met deelnemers van een overlegronde"
    assert toestemming.toelichting == "Getekend bij het oudergesprek."
    assert (toestemming.bijlage.hulpvraag, toestemming.bijlage.naam) == (
        gezin["hulpvraag"],
        "toestemming.pdf",
    )
    assert toestemming.bijlage.geupload_door == gezin["ib"]
    assert Bijlage.objects.filter(hulpvraag=gezin["hulpvraag"]).count() == 2  # and verslag.pdf
    assert toestemming.ingetrokken_op is None
    assert toestemming.geldig


def test_de_ib_coo_registreert_een_mondelinge_weigering(gezin):
    toestemming = registreer(gezin, besluit=GEWEIGERD, wijze=MONDELING, op=DINSDAG)

    toestemming.refresh_from_db()
    assert (toestemming.besluit, toestemming.wijze, toestemming.op) == (
        "geweigerd",
        "mondeling",
        DINSDAG,
    )
    assert toestemming.vastgelegd_door == gezin["ib"]
    assert toestemming.bijlage is None
    assert not toestemming.geldig


def test_de_ouder_geeft_en_weigert_digitaal_zonder_dat_iemand_het_vastlegt(gezin):
    uitnodiging = services.nodig_uit_voor_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soorten=[soort("aanmelding"), soort("delen")],
    )

    with time_machine.travel(DINSDAG, tick=False):
        ja = services.antwoord_van_ouder(
            uitnodiging=uitnodiging, soort=soort("aanmelding"), besluit=GEGEVEN
        )
        nee = services.antwoord_van_ouder(
            uitnodiging=uitnodiging, soort=soort("delen"), besluit=GEWEIGERD
        )

    for toestemming, besluit in ((ja, "gegeven"), (nee, "geweigerd")):
        toestemming.refresh_from_db()
        assert toestemming.besluit == besluit
        assert toestemming.wijze == "digitaal"
        assert toestemming.op == DINSDAG
        assert toestemming.ouder == gezin["moeder"]
        assert toestemming.vastgelegd_door is None
    assert services.heeft_toestemming(gezin["hulpvraag"], "aanmelding")
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")


def test_de_ib_coo_registreert_een_intrekking_met_wanneer_en_hoe(gezin):
    toestemming = registreer(gezin, op=MAANDAG)

    with time_machine.travel(WOENSDAG, tick=False):
        services.trek_in(toestemming=toestemming, door=gezin["ib"], wijze=MONDELING)

    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op == WOENSDAG
    assert toestemming.ingetrokken_wijze == "mondeling"
    assert toestemming.ingetrokken_door == gezin["ib"]
    # The record itself stays as it was given.
    assert (toestemming.besluit, toestemming.op, toestemming.vastgelegd_door) == (
        "gegeven",
        MAANDAG,
        gezin["ib"],
    )
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")


def test_de_ouder_trekt_digitaal_in_en_wie_uitnodigde_krijgt_een_mail(
    gezin, mailoutbox, django_capture_on_commit_callbacks
):
    uitnodiging = uitnodiging_voor(gezin)
    toestemming = services.antwoord_van_ouder(
        uitnodiging=uitnodiging, soort=soort("delen"), besluit=GEGEVEN
    )
    mailoutbox.clear()

    with (
        time_machine.travel(WOENSDAG, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.trek_in(toestemming=toestemming, uitnodiging=uitnodiging)

    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op == WOENSDAG
    assert toestemming.ingetrokken_wijze == "digitaal"
    assert toestemming.ingetrokken_door is None
    (bericht,) = mailoutbox
    assert bericht.to == [gezin["ib"].email]
    assert (
        "Fatima Bos heeft de toestemming ingetrokken voor: Delen van het dossier met deelnemers "
        "van een overlegronde." in bericht.body
    )


def test_intrekken_kan_alleen_bij_een_toestemming_die_van_kracht_is(gezin):
    weigering = registreer(gezin, besluit=GEWEIGERD)
    toestemming = registreer(gezin)
    services.trek_in(toestemming=toestemming, door=gezin["ib"], wijze=OP_PAPIER)

    for record in (weigering, toestemming):
        with pytest.raises(ValidationError, match="niet \\(meer\\) van kracht"):
            services.trek_in(toestemming=record, door=gezin["ib"], wijze=OP_PAPIER)


def test_intrekken_door_de_school_vraagt_hoe_en_niet_digitaal(gezin):
    toestemming = registreer(gezin)

    for wijze in (DIGITAAL, None, ""):
        with pytest.raises(ValidationError) as fout:
            services.trek_in(toestemming=toestemming, door=gezin["ib"], wijze=wijze)
        assert fout.value.message_dict == {"wijze": ["Kies hoe de ouder de toestemming introk."]}


def test_alleen_de_ib_coo_van_de_school_registreert_een_intrekking(gezin):
    toestemming = registreer(gezin)

    for door in (gezin["regie"], gezin["andere_ib"]):
        with pytest.raises(PermissionDenied):
            services.trek_in(toestemming=toestemming, door=door, wijze=OP_PAPIER)
    assert Toestemming.objects.get().geldig


def test_de_ouder_trekt_niet_meer_digitaal_in_na_het_stoppen_van_de_uitnodiging(gezin):
    uitnodiging = uitnodiging_voor(gezin)
    toestemming = services.antwoord_van_ouder(
        uitnodiging=uitnodiging, soort=soort("delen"), besluit=GEGEVEN
    )
    services.trek_uitnodiging_in(door=gezin["ib"], uitnodiging=uitnodiging)

    with pytest.raises(ValidationError, match="Deze uitnodiging is verlopen."):
        services.trek_in(toestemming=toestemming, uitnodiging=uitnodiging)
    toestemming.refresh_from_db()
    assert toestemming.geldig
    # The school still registers it when the parent says so.
    services.trek_in(toestemming=toestemming, door=gezin["ib"], wijze=MONDELING)
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")


def test_een_andere_ouder_trekt_niet_digitaal_in(gezin):
    vader = vader_met_gezag(gezin)
    toestemming = services.antwoord_van_ouder(
        uitnodiging=uitnodiging_voor(gezin), soort=soort("delen"), besluit=GEGEVEN
    )

    with pytest.raises(PermissionDenied):
        services.trek_in(toestemming=toestemming, uitnodiging=uitnodiging_voor(gezin, vader))
    toestemming.refresh_from_db()
    assert toestemming.geldig


# --- Who may register, and what ------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["regie", "andere_ib", "olga"])
def test_alleen_de_ib_coo_van_de_school_registreert(gezin, wie):
    with pytest.raises(PermissionDenied) as fout:
        registreer(gezin, door=gezin[wie])

    assert str(fout.value) == "Alleen de IB/COO van de school registreert een toestemming."
    assert not Toestemming.objects.exists()


def test_een_ouder_van_een_andere_leerling_wordt_geweigerd(gezin):
    andere_ouder = Ouder.objects.create(
        leerling=gezin["andere_hulpvraag"].leerling,
        naam="Petra Vos",
        email="petra@thuis.test",
        relatie=Ouder.Relatie.MOEDER,
    )

    with pytest.raises(ValidationError) as fout:
        registreer(gezin, ouder=andere_ouder)

    assert fout.value.message_dict == {"ouder": ["Kies een ouder/verzorger van deze leerling."]}


def test_een_ouder_zonder_gezag_geeft_geen_toestemming(gezin):
    with pytest.raises(ValidationError) as fout:
        registreer(gezin, ouder=gezin["stiefvader"])

    assert fout.value.message_dict == {
        "ouder": ["Alleen een ouder/verzorger met ouderlijk gezag geeft toestemming."]
    }


def test_een_datum_in_de_toekomst_wordt_geweigerd(gezin):
    with time_machine.travel(MAANDAG, tick=False), pytest.raises(ValidationError) as fout:
        registreer(gezin, op=MAANDAG + datetime.timedelta(minutes=1))

    assert fout.value.message_dict == {"op": ["De datum ligt in de toekomst."]}


def test_digitaal_registreert_de_school_niet(gezin):
    with pytest.raises(ValidationError) as fout:
        registreer(gezin, wijze=DIGITAAL)

    assert fout.value.message_dict == {"wijze": ["Digitaal geeft de ouder zelf toestemming."]}
    assert not Toestemming.objects.exists()


def test_een_soort_van_een_andere_omgeving_wordt_geweigerd(gezin):
    elders = Toestemmingssoort.objects.create(
        omgeving=OmgevingFactory(code="VO2805"), code="foto", naam="Foto's", uitleg="Foto's."
    )

    with pytest.raises(ValidationError) as fout:
        services.registreer_toestemming(
            door=gezin["ib"],
            hulpvraag=gezin["hulpvraag"],
            ouder=gezin["moeder"],
            soort=elders,
            besluit=GEGEVEN,
            wijze=OP_PAPIER,
            op=MAANDAG,
        )

    assert fout.value.message_dict == {"soort": ["Kies een soort toestemming van deze omgeving."]}


def test_een_eigen_soort_van_de_omgeving_kan_wel(gezin):
    eigen = Toestemmingssoort.objects.create(
        omgeving=gezin["omgeving"], code="foto", naam="Foto's in de klas", uitleg="Foto's."
    )

    toestemming = services.registreer_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soort=eigen,
        besluit=GEGEVEN,
        wijze=OP_PAPIER,
        op=MAANDAG,
    )

    assert toestemming.soort == eigen
    assert list(services.soorten_voor(gezin["omgeving"]).values_list("code", flat=True)) == [
        "aanmelding",
        "delen",
        "foto",
    ]


# --- When it counts ------------------------------------------------------------------------------


def test_zonder_antwoord_geen_toestemming(gezin):
    assert not services.heeft_toestemming(gezin["hulpvraag"], "aanmelding")
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")
    assert not services.heeft_toestemming(gezin["hulpvraag"], "bestaat-niet")


def test_een_ouder_met_gezag_gaf_toestemming(gezin):
    vader_met_gezag(gezin)  # who did not answer

    registreer(gezin, code="aanmelding")

    assert services.heeft_toestemming(gezin["hulpvraag"], "aanmelding")
    # Per kind and per hulpvraag.
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")
    assert not services.heeft_toestemming(gezin["andere_hulpvraag"], "aanmelding")


def test_een_latere_weigering_van_de_andere_ouder_met_gezag(gezin):
    vader = vader_met_gezag(gezin)
    registreer(gezin, op=MAANDAG)

    registreer(gezin, ouder=vader, besluit=GEWEIGERD, wijze=MONDELING, op=DINSDAG)

    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")


def test_het_laatste_antwoord_van_elke_ouder_telt(gezin):
    vader = vader_met_gezag(gezin)
    registreer(gezin, ouder=vader, besluit=GEWEIGERD, wijze=MONDELING, op=MAANDAG)
    registreer(gezin, op=DINSDAG)
    # The father's decline is still his latest answer.
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")

    registreer(gezin, ouder=vader, op=WOENSDAG)

    assert services.heeft_toestemming(gezin["hulpvraag"], "delen")
    # The mother changes her mind: her latest answer is now a decline.
    with time_machine.travel(WOENSDAG + datetime.timedelta(hours=1), tick=False):
        services.antwoord_van_ouder(
            uitnodiging=uitnodiging_voor(gezin), soort=soort("delen"), besluit=GEWEIGERD
        )
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")


def test_ingetrokken_telt_niet_meer_en_opnieuw_gegeven_weer_wel(gezin):
    toestemming = registreer(gezin, op=MAANDAG)
    services.trek_in(toestemming=toestemming, door=gezin["ib"], wijze=OP_PAPIER)
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")

    registreer(gezin, op=timezone.now())

    assert services.heeft_toestemming(gezin["hulpvraag"], "delen")
    assert Toestemming.objects.count() == 2  # nothing is overwritten


def test_een_ouder_zonder_gezag_telt_niet_voor_en_niet_tegen(gezin):
    stiefvader = gezin["stiefvader"]
    stiefvader.gezag = True
    stiefvader.save()
    registreer(gezin, ouder=stiefvader, op=MAANDAG)
    assert services.heeft_toestemming(gezin["hulpvraag"], "delen")

    # The school learns he has no gezag: his consent no longer counts.
    stiefvader.gezag = False
    stiefvader.save()
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")

    # Nor does his decline, once the mother gave hers.
    registreer(gezin, op=DINSDAG)
    stiefvader.gezag = True
    stiefvader.save()
    registreer(gezin, ouder=stiefvader, besluit=GEWEIGERD, wijze=MONDELING, op=WOENSDAG)
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")
    stiefvader.gezag = False
    stiefvader.save()
    assert services.heeft_toestemming(gezin["hulpvraag"], "delen")


# --- The overlegronde with deelnemers from outside ----------------------------------------------


def maak_ronde(gezin, *deelnemers):
    return overleg_services.maak_overlegronde(
        door=gezin["regie"],
        hulpvraag=gezin["hulpvraag"],
        titel="Meekijken",
        omschrijving="Wil je meekijken naar het plan?",
        einddatum=timezone.localdate() + datetime.timedelta(days=7),
        deelnemers=list(deelnemers),
    )


@pytest.fixture
def verplicht(gezin):
    omgeving = gezin["omgeving"]
    omgeving.toestemming_voor_delen_verplicht = True
    omgeving.save()
    gezin["hulpvraag"].refresh_from_db()
    return gezin


def test_met_de_instelling_geen_ronde_met_het_cjg_zonder_toestemming(verplicht):
    gezin = verplicht

    with pytest.raises(ValidationError) as fout:
        maak_ronde(gezin, gezin["olga"], gezin["extern"])

    assert fout.value.message_dict == {
        "deelnemers": [
            "Eva Smit werkt niet bij de school of het samenwerkingsverband. Daarvoor is "
            "toestemming van de ouders nodig voor het delen van het dossier, en die is er niet. "
            "Vraag die aan via het tabblad Ouders en leerling, of kies alleen deelnemers van de "
            "school of het samenwerkingsverband."
        ]
    }
    assert not Overlegronde.objects.exists()
    assert services.controleer_toestemming_voor_overleg.uitleg(gezin["hulpvraag"]) == (
        "Voor deelnemers van buiten de school en het samenwerkingsverband is toestemming van de "
        "ouders nodig voor het delen van het dossier. Die is er nog niet: vraag die aan via het "
        "tabblad Ouders en leerling."
    )


def test_met_de_instelling_en_toestemming_voor_delen_mag_het_cjg_meelezen(verplicht):
    gezin = verplicht
    registreer(gezin, code="delen")

    ronde = maak_ronde(gezin, gezin["extern"])

    assert list(ronde.deelnames.values_list("deelnemer__email", flat=True)) == [
        "eva@voorbeeld.test"
    ]
    assert services.controleer_toestemming_voor_overleg.uitleg(gezin["hulpvraag"]) is None


def test_toestemming_voor_aanmelding_is_niet_genoeg_om_te_delen(verplicht):
    gezin = verplicht
    registreer(gezin, code="aanmelding")

    with pytest.raises(ValidationError):
        maak_ronde(gezin, gezin["extern"])


def test_ingetrokken_toestemming_voor_delen_weigert_de_volgende_ronde(verplicht):
    gezin = verplicht
    toestemming = registreer(gezin, code="delen")
    maak_ronde(gezin, gezin["extern"])

    services.trek_in(toestemming=toestemming, door=gezin["ib"], wijze=MONDELING)

    with pytest.raises(ValidationError):
        maak_ronde(gezin, gezin["extern"])


@pytest.mark.parametrize("wie", [("olga",), ("ib",), ("olga", "ib")])
def test_met_de_instelling_mogen_swv_en_de_ib_coo_van_de_school_zonder_toestemming(verplicht, wie):
    gezin = verplicht

    ronde = maak_ronde(gezin, *(gezin[naam] for naam in wie))

    assert ronde.deelnames.count() == len(wie)


def test_zonder_de_instelling_mag_elke_ronde(gezin):
    assert not gezin["omgeving"].toestemming_voor_delen_verplicht

    ronde = maak_ronde(gezin, gezin["extern"], gezin["olga"])

    assert ronde.deelnames.count() == 2
    assert services.controleer_toestemming_voor_overleg.uitleg(gezin["hulpvraag"]) is None


def test_zonder_de_instelling_ook_na_een_weigering(gezin):
    registreer(gezin, besluit=GEWEIGERD, wijze=MONDELING)

    assert maak_ronde(gezin, gezin["extern"]).deelnames.count() == 1

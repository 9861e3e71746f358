"""The IB/COO registers a parent's answer given on paper (with the signed form) or in a
conversation, and its withdrawal: each with who, when and how, in the record and on the page.
The regierolhouder may not (403)."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hulpvragen.models import Bijlage
from logboek.models import Logregel
from ouders import services
from ouders.models import Toestemming

from .conftest import PDF
from .staf import AMSTERDAM, NU, algemeen, soort, tab, tekst

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _op_maandag_16_maart():
    with time_machine.travel(NU, tick=False):
        yield


def registreren(gezin):
    return reverse("ouders:toestemming_registreren", args=[gezin["hulpvraag"].pk])


def intrekken(gezin, toestemming):
    return reverse("ouders:toestemming_intrekken", args=[gezin["hulpvraag"].pk, toestemming.pk])


def gegevens(gezin, **anders):
    data = {
        "toestemming-ouder": gezin["moeder"].pk,
        "toestemming-soort": soort("aanmelding").pk,
        "toestemming-besluit": "gegeven",
        "toestemming-wijze": "op_papier",
        "toestemming-datum": "2026-03-13",
        "toestemming-toelichting": "",
    }
    data.update({f"toestemming-{k}": v for k, v in anders.items()})
    return data


def test_op_papier_met_het_ondertekende_formulier(client, gezin):
    client.force_login(gezin["ib"])

    response = client.post(
        registreren(gezin),
        gegevens(
            gezin,
            bestand=SimpleUploadedFile("toestemming getekend.pdf", PDF),
            toelichting="Getekend bij het oudergesprek.",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == tab(gezin) + "#toestemmingen"
    toestemming = Toestemming.objects.get()
    assert (
        toestemming.hulpvraag,
        toestemming.ouder,
        toestemming.soort.code,
        toestemming.besluit,
        toestemming.wijze,
        toestemming.vastgelegd_door,
        toestemming.toelichting,
        toestemming.op,
    ) == (
        gezin["hulpvraag"],
        gezin["moeder"],
        "aanmelding",
        "gegeven",
        "op_papier",
        gezin["ib"],
        "Getekend bij het oudergesprek.",
        datetime.datetime(2026, 3, 13, 12, 0, tzinfo=AMSTERDAM),
    )
    bijlage = toestemming.bijlage
    assert (bijlage.naam, bijlage.hulpvraag, bijlage.geupload_door) == (
        "toestemming getekend.pdf",
        gezin["hulpvraag"],
        gezin["ib"],
    )
    regel = Logregel.objects.get(actie="toestemming_vastgelegd")
    assert (regel.hulpvraag_id, regel.onderwerp_soort, regel.onderwerp_id, regel.gebruiker_id) == (
        gezin["hulpvraag"].pk,
        "toestemming",
        toestemming.pk,
        gezin["ib"].pk,
    )

    pagina = client.get(tab(gezin))
    html = tekst(pagina)
    assert (
        "Geregistreerd: Fatima Bos, Aanmelding bij het Team Schoolondersteuning: toestemming "
        "gegeven (op papier, geregistreerd door de school)."
    ) in html
    download = reverse("hulpvragen:bijlage", args=[gezin["hulpvraag"].pk, bijlage.pk])
    assert (
        '<td class="utrecht-table__cell">Aanmelding bij het Team Schoolondersteuning</td> '
        '<td class="utrecht-table__cell">Fatima Bos (moeder)</td> '
        '<td class="utrecht-table__cell">toestemming gegeven<br><small>Getekend bij het '
        "oudergesprek.</small></td> "
        '<td class="utrecht-table__cell">13 maart 2026</td> '
        '<td class="utrecht-table__cell">op papier, geregistreerd door de school</td> '
        '<td class="utrecht-table__cell">Inge Bakker</td> '
        f'<td class="utrecht-table__cell"><a href="{download}" download>toestemming '
        "getekend.pdf</a></td>"
    ) in html
    assert "<dd>Toestemming gegeven door Fatima Bos.</dd>" in html
    # The signed form is a bijlage like any other, for whoever sees the hulpvraag.
    assert client.get(download).getvalue() == PDF


def test_mondeling_vandaag_zonder_formulier(client, gezin):
    client.force_login(gezin["ib"])

    client.post(registreren(gezin), gegevens(gezin, wijze="mondeling", datum="2026-03-16"))

    toestemming = Toestemming.objects.get()
    assert (toestemming.wijze, toestemming.bijlage, toestemming.op) == ("mondeling", None, NU)
    assert Bijlage.objects.filter(hulpvraag=gezin["hulpvraag"]).count() == 1  # the fixture's
    html = tekst(client.get(tab(gezin)))
    assert (
        '<td class="utrecht-table__cell">16 maart 2026</td> '
        '<td class="utrecht-table__cell">mondeling, geregistreerd door de school</td> '
        '<td class="utrecht-table__cell">Inge Bakker</td> '
        '<td class="utrecht-table__cell">—</td>'
    ) in html
    assert services.heeft_toestemming(gezin["hulpvraag"], "aanmelding")


def test_geen_toestemming_geregistreerd(client, gezin):
    client.force_login(gezin["ib"])

    client.post(
        registreren(gezin),
        gegevens(gezin, besluit="geweigerd", soort=soort("delen").pk, wijze="mondeling"),
    )

    toestemming = Toestemming.objects.get()
    assert (toestemming.besluit, toestemming.soort.code, toestemming.vastgelegd_door) == (
        "geweigerd",
        "delen",
        gezin["ib"],
    )
    html = tekst(client.get(tab(gezin)))
    assert (
        "<dt>Delen van het dossier met deelnemers van een overlegronde</dt><dd>Geen toestemming: "
        "Fatima Bos heeft geen toestemming gegeven.</dd>"
    ) in html
    assert "Intrekking registreren" not in html  # only what was given is withdrawn
    assert (
        "Fatima Bos (moeder): <strong>geen toestemming</strong> op 13 maart 2026, mondeling, "
        "geregistreerd door de school (Inge Bakker)."
    ) in tekst(client.get(algemeen(gezin)))
    assert not services.heeft_toestemming(gezin["hulpvraag"], "delen")


def test_intrekken_met_datum_en_hoe(client, gezin):
    client.force_login(gezin["ib"])
    client.post(registreren(gezin), gegevens(gezin))
    toestemming = Toestemming.objects.get()

    with time_machine.travel(NU + datetime.timedelta(days=2), tick=False):
        client.force_login(gezin["ib"])  # a new day, a new session
        response = client.post(
            intrekken(gezin, toestemming),
            {
                f"intrekken-{toestemming.pk}-wijze": "op_papier",
                f"intrekken-{toestemming.pk}-datum": "2026-03-18",
            },
        )
        html = tekst(client.get(tab(gezin)))

    assert response["Location"] == tab(gezin) + "#toestemmingen"
    toestemming.refresh_from_db()
    assert (
        toestemming.ingetrokken_op,
        toestemming.ingetrokken_wijze,
        toestemming.ingetrokken_door,
    ) == (NU + datetime.timedelta(days=2), "op_papier", gezin["ib"])
    assert Logregel.objects.get(actie="toestemming_ingetrokken").onderwerp_id == toestemming.pk
    assert (
        "Geregistreerd: Fatima Bos heeft de toestemming voor Aanmelding bij het Team "
        "Schoolondersteuning ingetrokken op 18 maart 2026."
    ) in html
    assert (
        '<td class="utrecht-table__cell"> 18 maart 2026, op papier, geregistreerd door de school '
        "(Inge Bakker) </td>"
    ) in html
    assert "Geen toestemming: Fatima Bos heeft de toestemming ingetrokken." in html
    assert not services.heeft_toestemming(gezin["hulpvraag"], "aanmelding")


def test_intrekken_zonder_hoe_zegt_wat_er_mist(client, gezin):
    client.force_login(gezin["ib"])
    client.post(registreren(gezin), gegevens(gezin))
    toestemming = Toestemming.objects.get()

    response = client.post(intrekken(gezin, toestemming), {})

    assert response.status_code == 200
    assert "Kies hoe de ouder de toestemming introk." in response.content.decode()
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is None


def test_wat_al_ingetrokken_is_blijft_zoals_het_was(client, gezin):
    client.force_login(gezin["ib"])
    client.post(registreren(gezin), gegevens(gezin))
    toestemming = Toestemming.objects.get()
    data = {
        f"intrekken-{toestemming.pk}-wijze": "mondeling",
        f"intrekken-{toestemming.pk}-datum": timezone.localdate().isoformat(),
    }
    client.post(intrekken(gezin, toestemming), data)

    response = client.post(intrekken(gezin, toestemming), data)  # sent twice

    assert response.status_code == 200
    assert "Deze toestemming is niet (meer) van kracht." in response.content.decode()
    assert Logregel.objects.filter(actie="toestemming_ingetrokken").count() == 1


def test_de_regierolhouder_registreert_niet(client, gezin):
    client.force_login(gezin["ib"])
    client.post(registreren(gezin), gegevens(gezin))
    toestemming = Toestemming.objects.get()
    client.force_login(gezin["regie"])

    assert client.post(registreren(gezin), gegevens(gezin, besluit="geweigerd")).status_code == 403
    assert (
        client.post(
            intrekken(gezin, toestemming), {f"intrekken-{toestemming.pk}-wijze": "mondeling"}
        ).status_code
        == 403
    )
    assert Toestemming.objects.count() == 1
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is None
    assert "Intrekking registreren" not in client.get(tab(gezin)).content.decode()


@pytest.mark.parametrize(
    ("anders", "melding"),
    [
        (
            {"ouder": "stiefvader"},
            "Alleen een ouder/verzorger met ouderlijk gezag geeft toestemming.",
        ),
        ({"datum": "2026-03-17"}, "Datum: De datum ligt in de toekomst."),
        ({"besluit": ""}, "Kies of de ouder toestemming gaf."),
        ({"wijze": "digitaal"}, "Kies hoe de ouder het antwoord gaf."),
        ({"ouder": ""}, "Kies de ouder/verzorger die het antwoord gaf."),
        (
            {"bestand": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 geen pdf")},
            "Dit soort bestand kan niet worden toegevoegd.",
        ),
    ],
)
def test_een_fout_zegt_wat_er_mist_en_houdt_wat_getypt_is(client, gezin, anders, melding):
    client.force_login(gezin["ib"])
    if anders.get("ouder") == "stiefvader":
        anders["ouder"] = gezin["stiefvader"].pk

    response = client.post(registreren(gezin), gegevens(gezin, toelichting="Zie gesprek", **anders))

    assert response.status_code == 200
    html = response.content.decode()
    assert melding in html
    assert "Zie gesprek</textarea>" in html
    assert '<details class="kk-details" open>' in html
    assert not Toestemming.objects.exists()
    # The page came back with the dossier: a look, not a write.
    assert not Logregel.objects.filter(actie="toestemming_vastgelegd")
    assert Logregel.objects.filter(actie="tab_bekeken", gebruiker_id=gezin["ib"].pk).count() == 1


def test_een_ouder_van_een_ander_kind_kan_niet(client, gezin):
    from ouders.models import Ouder

    vreemde = Ouder.objects.create(
        leerling=gezin["andere_hulpvraag"].leerling,
        naam="Anna Vos",
        relatie=Ouder.Relatie.MOEDER,
        email="anna@thuis.test",
    )
    client.force_login(gezin["ib"])

    response = client.post(registreren(gezin), gegevens(gezin, ouder=vreemde.pk))

    assert "Kies een ouder/verzorger van deze leerling." in response.content.decode()
    assert not Toestemming.objects.exists()


def test_geregistreerd_door_de_ib_en_digitaal_door_de_ouder_staan_naast_elkaar(client, gezin):
    services.registreer_toestemming(
        door=gezin["ib"],
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soort=soort("delen"),
        besluit=Toestemming.Besluit.GEWEIGERD,
        wijze=Toestemming.Wijze.MONDELING,
        op=NU - datetime.timedelta(days=3),
    )
    Toestemming.objects.create(
        hulpvraag=gezin["hulpvraag"],
        ouder=gezin["moeder"],
        soort=soort("delen"),
        besluit=Toestemming.Besluit.GEGEVEN,
        wijze=Toestemming.Wijze.DIGITAAL,
        op=timezone.now(),
    )
    client.force_login(gezin["regie"])

    html = tekst(client.get(tab(gezin)))

    # The latest answer counts.
    assert (
        "<dt>Delen van het dossier met deelnemers van een overlegronde</dt><dd>Toestemming "
        "gegeven door Fatima Bos.</dd>"
    ) in html
    assert (
        '<td class="utrecht-table__cell">16 maart 2026 12:00</td> '
        '<td class="utrecht-table__cell">digitaal door de ouder</td> '
        '<td class="utrecht-table__cell">de ouder zelf</td>'
    ) in html


def test_intrekken_op_een_eerdere_dag_en_foute_datums(client, gezin):
    """A withdrawal on paper arrives later: the IB/COO records the day the parent withdrew it;
    not a day ahead, not before the consent itself (given on 13 March)."""
    client.force_login(gezin["ib"])
    client.post(registreren(gezin), gegevens(gezin))
    toestemming = Toestemming.objects.get()
    veld = f"intrekken-{toestemming.pk}"

    with time_machine.travel(NU + datetime.timedelta(days=5), tick=False):
        client.force_login(gezin["ib"])
        te_vroeg = client.post(
            intrekken(gezin, toestemming),
            {f"{veld}-wijze": "op_papier", f"{veld}-datum": "2026-03-12"},
        )
        te_laat = client.post(
            intrekken(gezin, toestemming),
            {f"{veld}-wijze": "op_papier", f"{veld}-datum": "2026-03-22"},
        )
        goed = client.post(
            intrekken(gezin, toestemming),
            {f"{veld}-wijze": "op_papier", f"{veld}-datum": "2026-03-19"},
        )

    assert "De datum ligt vóór de dag waarop de toestemming werd gegeven." in tekst(te_vroeg)
    assert "De datum ligt in de toekomst." in tekst(te_laat)
    assert goed.status_code == 302
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op == datetime.datetime(2026, 3, 19, 12, tzinfo=AMSTERDAM)
    assert Logregel.objects.filter(actie="toestemming_ingetrokken").count() == 1

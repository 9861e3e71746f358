"""Sections 5 and 6 of the work instruction: overlegrondes, reacties, access that ends."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from hulpvragen import services as hulpvraag_services
from hulpvragen import toegang
from hulpvragen.models import HulpvraagRecht
from overleg import services, tasks
from overleg.models import Reactie

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def op(dag, uur=12):
    """A moment on a given date in Europe/Amsterdam."""
    return datetime.datetime.combine(dag, datetime.time(uur), tzinfo=AMSTERDAM)


def ronde(dossier, einddatum=None, deelnemers=None):
    return services.maak_overlegronde(
        door=dossier["regie"],
        hulpvraag=dossier["hulpvraag"],
        titel="Meekijken gedrag",
        omschrijving="Wil je meekijken naar het plan?",
        einddatum=einddatum or timezone.localdate() + datetime.timedelta(days=14),
        deelnemers=deelnemers or [dossier["extern"]],
    )


@pytest.mark.parametrize(
    ("dagen", "goed"),
    [(-1, False), (0, True), (13, True), (14, True), (15, False)],
)
def test_einddatum_regels(dossier, dagen, goed):
    einddatum = timezone.localdate() + datetime.timedelta(days=dagen)

    if goed:
        assert ronde(dossier, einddatum).einddatum == einddatum
    else:
        with pytest.raises(ValidationError) as fout:
            ronde(dossier, einddatum)
        assert "einddatum" in fout.value.message_dict


def test_einddatum_te_ver_geeft_melding_in_het_formulier(client, dossier):
    client.force_login(dossier["regie"])
    te_ver = timezone.localdate() + datetime.timedelta(days=15)

    response = client.post(
        reverse("overleg:nieuw", args=[dossier["hulpvraag"].pk]),
        {
            "actie": "opslaan",
            "titel": "Ronde",
            "omschrijving": "Kijk mee",
            "einddatum": te_ver.isoformat(),
            "deelnemers": [dossier["extern"].pk],
        },
    )

    html = response.content.decode()
    assert "Een overlegronde duurt maximaal 2 weken" in html
    assert 'value="Ronde"' in html
    assert "Eva Smit" in html  # the chosen deelnemer is kept


def test_minstens_een_deelnemer(client, dossier):
    client.force_login(dossier["regie"])

    response = client.post(
        reverse("overleg:nieuw", args=[dossier["hulpvraag"].pk]),
        {
            "actie": "opslaan",
            "titel": "Ronde",
            "omschrijving": "Kijk mee",
            "einddatum": timezone.localdate().isoformat(),
        },
    )

    assert "Kies ten minste één deelnemer." in response.content.decode()


def test_zonder_javascript_toevoegen_en_verwijderen_via_de_server(client, dossier, maak_lid, po):
    mila = maak_lid(po, "regierolhouder", voornaam="Mila", achternaam="Jansen")
    client.force_login(dossier["regie"])
    url = reverse("overleg:nieuw", args=[dossier["hulpvraag"].pk])
    basis = {"titel": "Ronde", "omschrijving": "Kijk mee", "einddatum": "2026-12-01"}

    stap = client.post(
        url, {**basis, "actie": "toevoegen", "mogelijk": [dossier["extern"].pk, mila.pk]}
    )
    html = stap.content.decode()
    assert f'<input type="hidden" name="deelnemers" value="{mila.pk}">' in html
    assert 'value="Ronde"' in html and "Kijk mee" in html
    stap = client.post(
        url,
        {
            **basis,
            "actie": "verwijderen",
            "deelnemers": [dossier["extern"].pk, mila.pk],
            "geselecteerd": [mila.pk],
        },
    )
    html = stap.content.decode()
    assert f'name="deelnemers" value="{mila.pk}"' not in html
    assert f'name="deelnemers" value="{dossier["extern"].pk}"' in html
    gezocht = client.post(url, {**basis, "actie": "zoeken", "zoek": "jansen"}).content.decode()
    mogelijk = gezocht.split('id="mogelijk"')[1].split("</select>")[0]
    assert "Mila Jansen" in mogelijk and "Eva Smit" not in mogelijk


def test_mail_aan_elke_deelnemer_met_einddatum(
    dossier, maak_lid, po, mailoutbox, django_capture_on_commit_callbacks
):
    mila = maak_lid(po, "regierolhouder", voornaam="Mila", achternaam="Jansen")
    einddatum = timezone.localdate() + datetime.timedelta(days=10)

    with django_capture_on_commit_callbacks(execute=True):
        ronde(dossier, einddatum, [dossier["extern"], mila])

    uitnodigingen = [m for m in mailoutbox if "overlegronde" in m.subject]
    assert sorted(m.to[0] for m in uitnodigingen) == sorted([dossier["extern"].email, mila.email])
    for mail in uitnodigingen:
        assert mail.subject == (
            "Rik de Wit heeft een overlegronde Meekijken gedrag aangemaakt bij het dossier "
            "van Sem Bos"
        )
        datum = (
            f"{einddatum.day} "
            + [
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ][einddatum.month - 1]
            + f" {einddatum.year}"
        )
        assert f"Als u een reactie wilt plaatsen, dan is dit mogelijk tot en met {datum}." in (
            mail.body
        )


def test_deelnemer_ziet_hulpvraag_en_bijlagen_niet_aanpak(client, dossier):
    ronde(dossier)
    hv = dossier["hulpvraag"]
    client.force_login(dossier["extern"])

    assert client.get(reverse("hulpvragen:detail", args=[hv.pk])).status_code == 200
    bijlagen = client.get(reverse("hulpvragen:bijlagen", args=[hv.pk]))
    assert "verslag.pdf" in bijlagen.content.decode()
    download = client.get(reverse("hulpvragen:bijlage", args=[hv.pk, dossier["bijlage"].pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")
    assert client.get(reverse("hulpvragen:aanpak", args=[hv.pk])).status_code == 404
    detail = client.get(reverse("hulpvragen:detail", args=[hv.pk])).content.decode()
    assert (
        "Aanpak"
        not in detail.split('aria-label="Tabbladen van de hulpvraag"')[1].split("</nav>")[0]
    )
    assert "Voorstraat" not in detail and "Telefoon ouder" not in detail
    tab = client.get(reverse("overleg:tab", args=[hv.pk])).content.decode()
    assert "Wil je meekijken naar het plan?" in tab
    assert "Reactie opslaan" in tab
    lijst = client.get(reverse("hulpvragen:lijst")).content.decode()
    assert "Sem Bos" in lijst
    assert toegang.FORMULIEREN not in toegang.rechten_op(dossier["extern"], hv)


def test_reactie_op_de_laatste_dag_wel_de_dag_erna_niet(
    client, dossier, mailoutbox, django_capture_on_commit_callbacks
):
    vandaag = timezone.localdate()
    r = ronde(dossier, vandaag + datetime.timedelta(days=3))
    url = reverse("overleg:reactie", args=[dossier["hulpvraag"].pk, r.pk])

    with time_machine.travel(op(r.einddatum, 23), tick=False):
        client.force_login(dossier["extern"])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"tekst": "Ik bel de ouders."})
        assert response.status_code == 302
    assert Reactie.objects.get().tekst == "Ik bel de ouders."
    reactiemail = mailoutbox[-1]
    assert reactiemail.to == [dossier["regie"].email]
    assert "Eva Smit heeft een reactie geplaatst" in reactiemail.body

    with time_machine.travel(op(r.einddatum + datetime.timedelta(days=1), 0), tick=False):
        client.force_login(dossier["extern"])
        response = client.post(url, {"tekst": "Nog iets."})
        assert response.status_code == 404  # the dossier itself is closed to her now
        with pytest.raises(ValidationError, match="deze overlegronde is afgelopen"):
            services.plaats_reactie(door=dossier["extern"], overlegronde=r, tekst="Nog iets.")
    assert Reactie.objects.get().tekst == "Ik bel de ouders."


def test_na_de_einddatum_404_zonder_beat_en_na_beat_geen_rijen(client, dossier):
    r = ronde(dossier, timezone.localdate() + datetime.timedelta(days=2))
    hv = dossier["hulpvraag"]
    extern = dossier["extern"]
    assert HulpvraagRecht.objects.filter(user=extern, content_object=hv).exists()

    with time_machine.travel(
        op(
            r.einddatum + datetime.timedelta(days=1),
            0,
        ),
        tick=False,
    ):
        client.force_login(extern)
        assert client.get(reverse("hulpvragen:detail", args=[hv.pk])).status_code == 404
        assert client.get(reverse("overleg:tab", args=[hv.pk])).status_code == 404
        assert "Sem Bos" not in client.get(reverse("hulpvragen:lijst")).content.decode()
        assert HulpvraagRecht.objects.filter(
            user=extern, content_object=hv
        ).exists()  # beat not run

        tasks.beeindig_verlopen_overlegrondes.apply()

        assert not HulpvraagRecht.objects.filter(user=extern, content_object=hv).exists()
    assert HulpvraagRecht.objects.filter(user=dossier["regie"], content_object=hv).exists()


def test_deelnemer_die_ook_behandelaar_is_houdt_toegang(client, dossier, maak_lid, po):
    mila = maak_lid(po, "regierolhouder", voornaam="Mila", achternaam="Jansen")
    hv = dossier["hulpvraag"]
    r = ronde(dossier, timezone.localdate() + datetime.timedelta(days=1), [mila])
    hulpvraag_services.voeg_aanpak_toe(
        door=dossier["ib"],
        hulpvraag=hv,
        titel="SMW",
        omschrijving="x",
        startdatum=timezone.localdate(),
        einddatum=None,
        behandelaar=mila,
    )

    with time_machine.travel(op(r.einddatum + datetime.timedelta(days=5)), tick=False):
        tasks.beeindig_verlopen_overlegrondes.apply()
        client.force_login(mila)
        assert client.get(reverse("hulpvragen:detail", args=[hv.pk])).status_code == 200
        rechten = toegang.rechten_op(mila, hv)
    assert toegang.ZIEN in rechten and toegang.REACTIE not in rechten


def test_maker_sluit_eerder_en_de_inzage_stopt(client, dossier):
    r = ronde(dossier)
    hv = dossier["hulpvraag"]
    client.force_login(dossier["regie"])

    client.post(reverse("overleg:sluiten", args=[hv.pk, r.pk]))

    client.force_login(dossier["extern"])
    assert client.get(reverse("hulpvragen:detail", args=[hv.pk])).status_code == 404


def test_maker_verschuift_einddatum_binnen_de_regel(client, dossier):
    r = ronde(dossier, timezone.localdate() + datetime.timedelta(days=2))
    hv = dossier["hulpvraag"]
    client.force_login(dossier["regie"])
    nieuw = timezone.localdate() + datetime.timedelta(days=9)

    client.post(reverse("overleg:einddatum", args=[hv.pk, r.pk]), {"einddatum": nieuw.isoformat()})
    te_ver = client.post(
        reverse("overleg:einddatum", args=[hv.pk, r.pk]),
        {"einddatum": (timezone.localdate() + datetime.timedelta(days=20)).isoformat()},
    )

    r.refresh_from_db()
    assert r.einddatum == nieuw
    assert "maximaal 2 weken" in te_ver.content.decode()
    assert '<details class="kk-details" open>' in te_ver.content.decode()  # the message shows
    assert HulpvraagRecht.objects.filter(user=dossier["extern"], geldig_tot=nieuw).exists()


def test_alleen_maker_wijzigt_en_alleen_deelnemer_reageert(dossier, maak_lid, po):
    r = ronde(dossier)
    with pytest.raises(PermissionDenied):
        services.sluit_overlegronde(door=dossier["ib"], overlegronde=r)
    with pytest.raises(PermissionDenied):
        services.plaats_reactie(door=dossier["ib"], overlegronde=r, tekst="Ik ook")


def test_reacties_zichtbaar_voor_maker_en_coordinator_niet_voor_ib(client, dossier):
    r = ronde(dossier)
    services.plaats_reactie(door=dossier["extern"], overlegronde=r, tekst="Geheime inhoud")
    url = reverse("overleg:tab", args=[dossier["hulpvraag"].pk])

    client.force_login(dossier["regie"])
    assert "Geheime inhoud" in client.get(url).content.decode()
    client.force_login(dossier["ib"])
    pagina = client.get(url).content.decode()
    assert "Geheime inhoud" not in pagina
    assert "Eva Smit — heeft gereageerd" in pagina  # that there is an answer, not what


def test_ib_coo_en_buitenstaander_kunnen_geen_ronde_openen(client, dossier, maak_lid, po):
    hv = dossier["hulpvraag"]
    client.force_login(dossier["ib"])
    assert client.get(reverse("overleg:nieuw", args=[hv.pk])).status_code == 403
    client.force_login(maak_lid(po, "regierolhouder"))
    assert client.get(reverse("overleg:nieuw", args=[hv.pk])).status_code == 404


def test_deelnemer_lidmaatschap_uit_en_weer_aan_geeft_de_inzage_terug(client, dossier):
    from accounts.models import Lidmaatschap

    ronde(dossier)
    hv = dossier["hulpvraag"]
    lid = Lidmaatschap.objects.get(gebruiker=dossier["extern"])
    lid.actief = False
    lid.save()
    assert toegang.rechten_op(dossier["extern"], hv) == frozenset()

    lid.actief = True
    lid.save()

    assert toegang.rechten_op(dossier["extern"], hv) == toegang.RECHTEN["deelnemer"]


def test_deelnemer_ziet_alleen_de_eigen_ronde(client, dossier, maak_lid, po):
    mila = maak_lid(po, "regierolhouder", voornaam="Mila", achternaam="Jansen")
    ronde(dossier)
    services.maak_overlegronde(
        door=dossier["regie"],
        hulpvraag=dossier["hulpvraag"],
        titel="Andere ronde",
        omschrijving="Alleen voor Mila",
        einddatum=timezone.localdate(),
        deelnemers=[mila],
    )
    client.force_login(dossier["extern"])

    tab = client.get(reverse("overleg:tab", args=[dossier["hulpvraag"].pk])).content.decode()

    assert "Meekijken gedrag" in tab
    assert "Andere ronde" not in tab and "Alleen voor Mila" not in tab
    assert "Mila Jansen" not in tab

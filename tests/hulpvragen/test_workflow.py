"""The statuses of a hulpvraag (DESIGN.md §3): the one table of allowed changes, who may make
each, the history it writes and the mail the school gets."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hulpvragen import services, toegang, workflow
from hulpvragen.models import Hulpvraag, StatusWijziging
from hulpvragen.workflow import OVERGANGEN, Status
from notificaties.catalogus import Soort
from notificaties.models import Notificatie

pytestmark = pytest.mark.django_db

S = Status
# Who holds the recht a change asks for, and who does not (the people of `behandeld`).
WIE_MAG = {workflow.BEHANDELEN: ["regie", "regie2"], workflow.AFRONDEN: ["ib", "coo"]}
WIE_NIET = {
    workflow.BEHANDELEN: ["ib", "coo", "schakel", "ib_andere_school", "regie_vo"],
    workflow.AFRONDEN: ["regie", "regie2", "schakel", "ib_andere_school", "regie_vo"],
}

TOEGESTAAN = sorted(OVERGANGEN)
NIET_IN_DE_TABEL = sorted(
    (van, naar) for van, naar in itertools.product(Status, Status) if (van, naar) not in OVERGANGEN
)


def zet_status(hulpvraag, status):
    """Put a hulpvraag in a state without a history row: the arrangement, not the action."""
    Hulpvraag.objects.filter(pk=hulpvraag.pk).update(status=status)
    hulpvraag.refresh_from_db()
    return hulpvraag


def test_de_tabel_is_die_van_het_ontwerp():
    midden = workflow.BEHANDELEN
    af = workflow.AFRONDEN
    verwacht = {
        (S.AANGEMELD, S.GEAGENDEERD): midden,
        (S.GEAGENDEERD, S.TUSSENTIJDSE_EVALUATIE): midden,
        (S.GEAGENDEERD, S.RETOUR_NAAR_SCHAKELTEAM): midden,
        (S.TUSSENTIJDSE_EVALUATIE, S.GEAGENDEERD): midden,
        (S.TUSSENTIJDSE_EVALUATIE, S.RETOUR_NAAR_SCHAKELTEAM): midden,
        (S.RETOUR_NAAR_SCHAKELTEAM, S.GEAGENDEERD): midden,
        # Work instruction §7: the regierolhouder gives it back, then the school closes it.
        (S.RETOUR_NAAR_SCHAKELTEAM, S.AFGEROND): af,
        (S.AFGEROND, S.RETOUR_NAAR_SCHAKELTEAM): af,
    }

    assert {paar: o.recht for paar, o in OVERGANGEN.items()} == verwacht
    assert len(TOEGESTAAN) + len(NIET_IN_DE_TABEL) == len(Status) ** 2


def test_de_rechten_van_de_tabel_liggen_bij_de_juiste_relaties():
    assert workflow.BEHANDELEN == toegang.STATUS
    assert workflow.AFRONDEN == toegang.AFRONDEN
    assert workflow.BEHANDELEN in toegang.RECHTEN["coordinator"]
    assert workflow.BEHANDELEN in toegang.RECHTEN["behandelaar"]
    assert workflow.BEHANDELEN not in toegang.RECHTEN["school"]
    assert workflow.AFRONDEN in toegang.RECHTEN["school"]
    assert workflow.AFRONDEN not in toegang.RECHTEN["coordinator"] | toegang.RECHTEN["behandelaar"]
    assert not {workflow.BEHANDELEN, workflow.AFRONDEN} & toegang.RECHTEN["deelnemer"]


@pytest.mark.parametrize(
    ("van", "naar", "wie"),
    [(van, naar, wie) for van, naar in TOEGESTAAN for wie in WIE_MAG[OVERGANGEN[van, naar].recht]],
)
def test_toegestane_overgang_door_wie_hem_mag_maken(request, behandeld, van, naar, wie):
    persoon = request.getfixturevalue(wie)
    zet_status(behandeld, van)
    voor = StatusWijziging.objects.count()

    wijziging = services.wijzig_status(
        door=persoon, hulpvraag=behandeld, naar=naar, omschrijving="Besproken in het overleg."
    )

    behandeld.refresh_from_db()
    assert behandeld.status == naar
    assert StatusWijziging.objects.count() == voor + 1
    wijziging.refresh_from_db()
    assert wijziging.hulpvraag == behandeld
    assert (wijziging.van, wijziging.naar) == (van, naar)
    assert wijziging.omschrijving == "Besproken in het overleg."
    assert wijziging.door == persoon


@pytest.mark.parametrize(
    ("van", "naar", "wie"),
    [(van, naar, wie) for van, naar in TOEGESTAAN for wie in WIE_NIET[OVERGANGEN[van, naar].recht]],
)
def test_toegestane_overgang_geweigerd_voor_wie_het_recht_niet_heeft(
    request, behandeld, van, naar, wie
):
    persoon = request.getfixturevalue(wie)
    zet_status(behandeld, van)
    voor = StatusWijziging.objects.count()

    with pytest.raises(PermissionDenied):
        services.wijzig_status(door=persoon, hulpvraag=behandeld, naar=naar)

    behandeld.refresh_from_db()
    assert behandeld.status == van
    assert StatusWijziging.objects.count() == voor


@pytest.mark.parametrize(("van", "naar"), NIET_IN_DE_TABEL)
def test_overgang_buiten_de_tabel_bestaat_niet(request, behandeld, van, naar):
    zet_status(behandeld, van)
    voor = StatusWijziging.objects.count()

    for wie in ("ib", "regie", "regie2"):  # whatever recht a person holds
        with pytest.raises(ValidationError) as fout:
            services.wijzig_status(
                door=request.getfixturevalue(wie), hulpvraag=behandeld, naar=naar
            )
        assert fout.value.messages == [
            f"Van {Status(van).label} kan de status niet naar {Status(naar).label}."
        ]

    behandeld.refresh_from_db()
    assert behandeld.status == van
    assert StatusWijziging.objects.count() == voor
    assert not Notificatie.objects.filter(
        soort__in=[Soort.STATUS_GEAGENDEERD, Soort.STATUS_GEWIJZIGD]
    ).exists()


@pytest.mark.parametrize("wie", ["regie", "regie2"])
def test_geagendeerd_mailt_de_ib_coo_met_de_omschrijving(
    request, behandeld, wie, mailoutbox, django_capture_on_commit_callbacks
):
    persoon = request.getfixturevalue(wie)

    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_status(
            door=persoon,
            hulpvraag=behandeld,
            naar=Status.GEAGENDEERD,
            omschrijving="Eerste gesprek staat op 3 december.",
        )

    # Both IB/COO's of the school, nobody else.
    assert sorted(m.to[0] for m in mailoutbox) == ["coo@voorbeeld.test", "ib@voorbeeld.test"]
    notificaties = Notificatie.objects.filter(soort=Soort.STATUS_GEAGENDEERD)
    assert notificaties.count() == 2
    for mail in mailoutbox:
        assert mail.subject == "Hulpvraag van Daan Willemsen is in behandeling genomen"
        assert f"{persoon.get_full_name()} heeft deze taak in behandeling genomen" in mail.body
        assert "status GEAGENDEERD" in mail.body
        assert "Omschrijving: Eerste gesprek staat op 3 december." in mail.body


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (S.GEAGENDEERD, S.TUSSENTIJDSE_EVALUATIE),
        (S.GEAGENDEERD, S.RETOUR_NAAR_SCHAKELTEAM),
        (S.TUSSENTIJDSE_EVALUATIE, S.RETOUR_NAAR_SCHAKELTEAM),
    ],
)
def test_tussentijdse_evaluatie_en_retour_mailen_de_ib_coo(
    behandeld, regie, van, naar, mailoutbox, django_capture_on_commit_callbacks
):
    zet_status(behandeld, van)

    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_status(
            door=regie, hulpvraag=behandeld, naar=naar, omschrijving="Graag afstemming."
        )

    label = Status(naar).label
    assert sorted(m.to[0] for m in mailoutbox) == ["coo@voorbeeld.test", "ib@voorbeeld.test"]
    assert Notificatie.objects.filter(soort=Soort.STATUS_GEWIJZIGD).count() == 2
    assert not Notificatie.objects.filter(soort=Soort.STATUS_GEAGENDEERD).exists()
    for mail in mailoutbox:
        assert mail.subject == (
            f"De status van de hulpvraag van Daan Willemsen is aangepast: {label}"
        )
        assert f"is aangepast naar {label} door Rik de Wit." in mail.body
        assert "Omschrijving: Graag afstemming." in mail.body


def test_alleen_de_ib_coo_rondt_af_en_dat_mailt_niemand(
    behandeld, ib, regie, regie2, mailoutbox, django_capture_on_commit_callbacks
):
    zet_status(behandeld, S.RETOUR_NAAR_SCHAKELTEAM)

    for persoon in (regie, regie2):
        with pytest.raises(
            PermissionDenied, match="Alleen de IB/COO van de school rondt een hulpvraag af"
        ):
            services.wijzig_status(door=persoon, hulpvraag=behandeld, naar=S.AFGEROND)

    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_status(
            door=ib, hulpvraag=behandeld, naar=S.AFGEROND, omschrijving="Doel bereikt."
        )

    behandeld.refresh_from_db()
    assert behandeld.is_afgerond
    assert mailoutbox == []


def test_ib_coo_heropent_een_afgeronde_hulpvraag(behandeld, ib, coo, regie):
    zet_status(behandeld, S.AFGEROND)

    with pytest.raises(PermissionDenied):
        services.wijzig_status(door=regie, hulpvraag=behandeld, naar=S.RETOUR_NAAR_SCHAKELTEAM)
    services.wijzig_status(
        door=coo, hulpvraag=behandeld, naar=S.RETOUR_NAAR_SCHAKELTEAM, omschrijving="Terugval."
    )

    behandeld.refresh_from_db()
    assert behandeld.status == S.RETOUR_NAAR_SCHAKELTEAM
    wijziging = behandeld.statuswijzigingen.last()
    assert (wijziging.van, wijziging.naar, wijziging.door) == (
        S.AFGEROND,
        S.RETOUR_NAAR_SCHAKELTEAM,
        coo,
    )
    # Reopened, the regierolhouder takes it up again.
    services.wijzig_status(door=regie, hulpvraag=behandeld, naar=S.GEAGENDEERD)


def test_ib_coo_zet_niet_op_geagendeerd(behandeld, ib):
    with pytest.raises(PermissionDenied) as fout:
        services.wijzig_status(door=ib, hulpvraag=behandeld, naar=S.GEAGENDEERD)

    assert str(fout.value) == "Alleen de coördinator of een behandelaar past deze status aan."
    behandeld.refresh_from_db()
    assert behandeld.status == S.AANGEMELD


def test_elke_wijziging_komt_in_de_geschiedenis(behandeld, ib, regie, regie2):
    stappen = [
        (regie, S.GEAGENDEERD, "Opgepakt."),
        (regie2, S.TUSSENTIJDSE_EVALUATIE, "Halverwege."),
        (regie, S.GEAGENDEERD, ""),
        (regie2, S.RETOUR_NAAR_SCHAKELTEAM, "Past niet bij ons."),
        (ib, S.AFGEROND, "Elders geholpen."),
    ]
    for door, naar, omschrijving in stappen:
        services.wijzig_status(door=door, hulpvraag=behandeld, naar=naar, omschrijving=omschrijving)

    geschiedenis = [
        (w.van, w.naar, w.omschrijving, w.door)
        for w in StatusWijziging.objects.filter(hulpvraag=behandeld)
    ]
    assert geschiedenis == [
        ("", S.AANGEMELD, "", ib),
        (S.AANGEMELD, S.GEAGENDEERD, "Opgepakt.", regie),
        (S.GEAGENDEERD, S.TUSSENTIJDSE_EVALUATIE, "Halverwege.", regie2),
        (S.TUSSENTIJDSE_EVALUATIE, S.GEAGENDEERD, "", regie),
        (S.GEAGENDEERD, S.RETOUR_NAAR_SCHAKELTEAM, "Past niet bij ons.", regie2),
        (S.RETOUR_NAAR_SCHAKELTEAM, S.AFGEROND, "Elders geholpen.", ib),
    ]


def test_wie_een_verouderde_status_ziet_slaat_geen_stap_over(behandeld, regie, regie2):
    verouderd = Hulpvraag.objects.get(pk=behandeld.pk)
    services.wijzig_status(door=regie, hulpvraag=behandeld, naar=S.GEAGENDEERD)

    # regie2 still sees AANGEMELD on the page and chooses GEAGENDEERD as well.
    with pytest.raises(ValidationError, match="intussen door iemand anders gewijzigd"):
        services.wijzig_status(door=regie2, hulpvraag=verouderd, naar=S.GEAGENDEERD)

    assert StatusWijziging.objects.filter(hulpvraag=behandeld).count() == 2


class _Terugdraaien(Exception):
    pass


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("wie", ["ib", "regie", "regie2", "schakel"])
def test_de_keuzes_op_het_scherm_zijn_wat_de_service_aanneemt(request, behandeld, status, wie):
    persoon = request.getfixturevalue(wie)
    zet_status(behandeld, status)
    keuzes = {
        naar
        for naar, _ in workflow.mogelijke_overgangen(status, toegang.rechten_op(persoon, behandeld))
    }

    aangenomen = set()
    for naar in Status:
        zet_status(behandeld, status)
        try:
            with transaction.atomic():
                services.wijzig_status(door=persoon, hulpvraag=behandeld, naar=naar)
                raise _Terugdraaien
        except _Terugdraaien:
            aangenomen.add(naar)
        except (PermissionDenied, ValidationError):
            pass

    assert keuzes == aangenomen
    if wie == "schakel":  # the former coördinator: no choice at all
        assert keuzes == set()

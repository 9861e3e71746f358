"""A relation from outside the hulpvragen app, as overleg registers its deelnemers: one person
on one hulpvraag, which a test can move (`geldig_tot`) or end (`actief = False`)."""

from types import SimpleNamespace

from django.db.models import DateField, IntegerField, Value
from django.db.models.functions import Cast

from hulpvragen import toegang
from hulpvragen.models import Hulpvraag


def registreer(hulpvraag, persoon, soort="deelnemer", geldig_tot=None):
    """Register the relation; returns (relatie, afmelden)."""
    relatie = SimpleNamespace(geldig_tot=geldig_tot, actief=True)

    def relaties(hulpvragen, gebruiker_id=None):
        rijen = Hulpvraag.objects.filter(pk__in=hulpvragen.values("pk")).filter(pk=hulpvraag.pk)
        if not relatie.actief or gebruiker_id not in (None, persoon.pk):
            rijen = rijen.none()
        return rijen.annotate(
            _gebruiker=Value(persoon.pk, output_field=IntegerField()),
            _tot=Cast(Value(relatie.geldig_tot), output_field=DateField()),
        ).values_list("pk", "_gebruiker", "_tot")

    toegang.registreer_bron(soort, relaties)
    return relatie, lambda: toegang._bronnen.remove((soort, relaties))

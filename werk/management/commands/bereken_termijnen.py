"""Fill Hulpvraag.termijn for existing hulpvragen (after migrating, for the demo, or after a
holiday list changed): per omgeving, in batches, writing only what changed. Safe to repeat."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Omgeving
from hulpvragen.models import Hulpvraag
from werk.termijnen import herbereken_termijnen


class Command(BaseCommand):
    help = "Berekent de termijn van alle hulpvragen opnieuw (per omgeving, in delen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--omgeving", action="append", metavar="CODE", help="Alleen deze omgeving(en)."
        )

    def handle(self, *args, omgeving=None, **options):
        omgevingen = Omgeving.objects.order_by("code")
        if omgeving:
            omgevingen = omgevingen.filter(code__in=omgeving)
            onbekend = set(omgeving) - set(omgevingen.values_list("code", flat=True))
            if onbekend:
                raise CommandError(f"Onbekende omgeving: {', '.join(sorted(onbekend))}")
        for rij in omgevingen:
            aantal = herbereken_termijnen(Hulpvraag.objects.filter(omgeving=rij))
            self.stdout.write(f"{rij.code}: {aantal} termijn(en) bijgewerkt.")

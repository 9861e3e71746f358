"""Print the current second-factor code of a demo account (the published demo secret only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import tweestaps


class Command(BaseCommand):
    help = "Toont de code voor de tweede stap van een demo-account (alleen in de demo)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="e-mailadres van het demo-account")
        parser.add_argument(
            "--ook-in-productie",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat (alleen voor een demo-installatie).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["ook_in_productie"]:
            raise CommandError("Democodes horen niet in productie.")
        # Only a device holding the published demo secret: never a real person's code.
        apparaat = TOTPDevice.objects.filter(
            user__email__iexact=options["email"].strip(),
            key=tweestaps.DEMO_TOTP_SLEUTEL,
            confirmed=True,
        ).first()
        if apparaat is None:
            raise CommandError(
                f"{options['email']} is geen demo-account met de demosleutel "
                "(python manage.py demodata maakt ze)."
            )
        self.stdout.write(tweestaps.volgende_code(apparaat))

import gzip
import string
from pathlib import Path

from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
)
from django.core.exceptions import ValidationError

# Dutch words and names people pick as a password (wachtwoord, welkom, zomer, feyenoord, …),
# one a line, lowercase; Django's own list is mostly English.
NEDERLANDSE_LIJST = Path(__file__).resolve().parent / "veelgebruikte_wachtwoorden.txt.gz"

# What people put around a word to pass a rule: "Welkom2024!" is "welkom".
_OPVULLING = string.digits + string.punctuation + string.whitespace


class MinimaleLengte(MinimumLengthValidator):
    """Django's check, with the message in Dutch: Django 5.2's reworded English message has no
    Dutch translation yet, so users saw "This password is too short"."""

    def get_error_message(self):
        return f"Dit wachtwoord is te kort: gebruik minstens {self.min_length} tekens."


class VeelGebruikt(CommonPasswordValidator):
    """Refuses a password from Django's list of common passwords or our Dutch list, also when
    only digits or punctuation were put before or after it ("Welkom2024!", "zomer2025")."""

    def __init__(self):
        super().__init__()  # Django's list
        with gzip.open(NEDERLANDSE_LIJST, "rt", encoding="utf-8") as lijst:
            self.passwords |= {regel.strip() for regel in lijst if regel.strip()}

    def validate(self, password, user=None):
        gewoon = password.lower().strip()
        kern = gewoon.strip(_OPVULLING)
        if gewoon in self.passwords or (kern and kern in self.passwords):
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self):
        return (
            "Dit wachtwoord is te makkelijk te raden: het is een veelgebruikt wachtwoord of "
            "woord, eventueel met cijfers of tekens ervoor of erachter. Kies bijvoorbeeld een "
            "zin van een paar losse woorden."
        )

    def get_help_text(self):
        return "Uw wachtwoord mag geen veelgebruikt wachtwoord of woord zijn."

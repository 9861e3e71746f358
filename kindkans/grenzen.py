"""The limits on what a person may type: free texts and the search fields of the lists.

One place for the numbers and the Dutch messages, so the model (and so every service), the
forms and the search of the Hulpvragen and Leerlingen lists say the same thing.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible

OMSCHRIJVING_MAX = 5_000
STATUS_OMSCHRIJVING_MAX = 2_000
REACTIE_MAX = 5_000

# A search is one filter per word over a few columns: without a bound, thousands of words
# made one query that ran for minutes (any logged-in person could start it).
ZOEK_MAX_WOORDEN = 8
ZOEK_MAX_TEKENS = 100


def _getal(getal):
    """5000 → '5.000', as the users write a number."""
    return f"{getal:,}".replace(",", ".")


@deconstructible
class MaxTekens(MaxLengthValidator):
    """At most `limit_value` characters, said in Dutch with the number the person used."""

    def __call__(self, value):
        if len(value) > self.limit_value:
            raise ValidationError(
                "Gebruik hoogstens %(max)s tekens (u gebruikte %(gebruikt)s).",
                code="max_length",
                params={"max": _getal(self.limit_value), "gebruikt": _getal(len(value))},
            )


class BegrensdeTekst(forms.CharField):
    """A free text field with our Dutch message instead of Django's when it is too long.

    The browser gets the maxlength too; the server checks again, as a browser may not.
    """

    def __init__(self, *, max_length, **kwargs):
        # Not passed on: CharField would add Django's own validator with its own message.
        super().__init__(**kwargs)
        self.max_length = max_length
        self.validators.append(MaxTekens(max_length))
        self.widget.attrs["maxlength"] = str(max_length)


def controleer_zoekterm(waarde):
    """Refuse a search that is too long before it reaches the database."""
    if len(waarde) > ZOEK_MAX_TEKENS:
        raise ValidationError(
            f"Zoek met hoogstens {ZOEK_MAX_TEKENS} tekens (u gebruikte {_getal(len(waarde))}).",
            code="max_length",
        )
    if len(waarde.split()) > ZOEK_MAX_WOORDEN:
        raise ValidationError(
            f"Zoek met hoogstens {ZOEK_MAX_WOORDEN} woorden (u gebruikte "
            f"{_getal(len(waarde.split()))}).",
            code="max_woorden",
        )


class ZoekForm(forms.Form):
    """The search field of a list: a few words, each must occur."""

    zoek = forms.CharField(
        label="Zoek op naam",
        required=False,
        validators=[controleer_zoekterm],
        widget=forms.SearchInput,
    )


def controleer_velden(rij, *velden):
    """Check these fields of a row against its model (length, required) before it is saved.

    For a service that saves without full_clean(): it raises the same ValidationError per
    field as the form shows.
    """
    rij.clean_fields(exclude={veld.name for veld in rij._meta.fields} - set(velden))

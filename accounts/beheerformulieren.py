"""The forms of the beheer (Django admin) for people and their lidmaatschappen.

The admin sets `door` (the beheerder of the request) on the form class it builds per request;
the rules themselves are in accounts.regels.
"""

from django import forms
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet

from . import regels
from .models import Gebruiker, Lidmaatschap

EIGEN_LIDMAATSCHAP = (
    "U kunt geen lidmaatschap voor uw eigen account toevoegen of wijzigen. Vraag dit aan een "
    "andere beheerder van uw samenwerkingsverband."
)
ZONDER_LIDMAATSCHAP = (
    "Geef de persoon een lidmaatschap in uw omgeving: zonder lidmaatschap kan de persoon nergens "
    "mee werken."
)
ANDERE_OMGEVING = "U kunt alleen lidmaatschappen beheren in een omgeving waar u beheerder bent."


def _normaliseer_email(email):
    return Gebruiker.objects.normalize_email(email).lower()


class GebruikerAanmaakForm(forms.ModelForm):
    """A new person: name and e-mailadres only. There is no password to type: the account
    gets an unusable one, and the person sets their own through the invitation."""

    class Meta:
        model = Gebruiker
        fields = ["email", "voornaam", "achternaam"]

    def clean_email(self):
        email = _normaliseer_email(self.cleaned_data["email"])
        if Gebruiker.objects.filter(email__iexact=email).exists():
            raise ValidationError("Er bestaat al een account met dit e-mailadres.")
        return email

    def save(self, commit=True):
        gebruiker = super().save(commit=False)
        gebruiker.set_unusable_password()
        if commit:
            gebruiker.save()
        return gebruiker


class GebruikerWijzigForm(UserChangeForm):
    # Beheerders never see or set a password; the admin shows an explanation instead.
    password = None

    class Meta:
        model = Gebruiker
        fields = "__all__"

    def clean_email(self):
        email = _normaliseer_email(self.cleaned_data["email"])
        if Gebruiker.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError("Er bestaat al een account met dit e-mailadres.")
        return email


class LidmaatschapBeheerForm(forms.ModelForm):
    """A lidmaatschap, checked against accounts.regels for the beheerder who saves it.

    The choices are already limited to the beheerder's omgevingen and never offer their own
    account; this check also holds for a POST that was made up by hand.
    """

    door = None

    class Meta:
        model = Lidmaatschap
        fields = ["gebruiker", "omgeving", "organisatie", "rol", "actief"]

    def clean(self):
        cleaned_data = super().clean()
        gebruiker = cleaned_data.get("gebruiker")
        omgeving = cleaned_data.get("omgeving")
        if self.door is None or gebruiker is None or omgeving is None:
            return cleaned_data
        if not regels.mag_lidmaatschap_beheren(
            door=self.door, omgeving=omgeving, gebruiker=gebruiker
        ):
            eigen = regels.is_eigen_account(door=self.door, gebruiker=gebruiker)
            raise ValidationError(EIGEN_LIDMAATSCHAP if eigen else ANDERE_OMGEVING)
        return cleaned_data


class LidmaatschapInlineFormSet(BaseInlineFormSet):
    """The lidmaatschappen on a person's page.

    On their own page a beheerder sees their lidmaatschappen read-only, and the admin then
    ignores posted changes; a POST that still tries to add, change or remove one is refused
    with a message instead of being dropped without a word.
    """

    door = None

    def clean(self):
        super().clean()
        if self.door is None or self.door.is_superuser:
            return
        if regels.is_eigen_account(door=self.door, gebruiker=self.instance) and any(
            self._probeert_te_wijzigen(form) for form in self.forms
        ):
            raise ValidationError(EIGEN_LIDMAATSCHAP)
        if self.instance._state.adding and not any(
            form.has_changed() and not self._should_delete_form(form) for form in self.forms
        ):
            # Without one the person can do nothing, and every beheerder would see them.
            raise ValidationError(ZONDER_LIDMAATSCHAP)

    @staticmethod
    def _probeert_te_wijzigen(form):
        # Only what was actually posted counts: a read-only row posts no field of its own.
        if form.data.get(form.add_prefix(DELETION_FIELD_NAME)):
            return True
        return any(form.add_prefix(naam) in form.data for naam in form.changed_data)

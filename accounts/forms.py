from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, UserChangeForm

from .models import Gebruiker


class InlogForm(AuthenticationForm):
    """Django's login form, asking for the e-mailadres in the users' words."""

    username = forms.EmailField(
        label="E-mailadres",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Deze combinatie van e-mailadres en wachtwoord is onbekend. Let op: "
        "het wachtwoord is hoofdlettergevoelig.",
        "inactive": "Dit account is niet actief. Neem contact op met de beheerder van uw SWV.",
    }


class KiesOmgevingForm(forms.Form):
    omgeving = forms.TypedChoiceField(label="Omgeving", coerce=int, choices=())

    def __init__(self, *args, omgevingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["omgeving"].choices = [(o.pk, str(o)) for o in omgevingen]
        self.fields["omgeving"].error_messages["invalid_choice"] = (
            "U heeft geen toegang tot deze omgeving."
        )


class GebruikerAanmaakForm(BaseUserCreationForm):
    class Meta:
        model = Gebruiker
        fields = ["email", "voornaam", "achternaam"]

    def clean_email(self):
        email = Gebruiker.objects.normalize_email(self.cleaned_data["email"]).lower()
        if Gebruiker.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Er bestaat al een account met dit e-mailadres.")
        return email


class GebruikerWijzigForm(UserChangeForm):
    class Meta:
        model = Gebruiker
        fields = "__all__"

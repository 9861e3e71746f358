from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django_otp.forms import OTPAuthenticationFormMixin
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm, TOTPDeviceForm


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


# django-otp has no Dutch translation: its messages in the users' words.
CODE_FOUTMELDINGEN = {
    **OTPAuthenticationFormMixin.otp_error_messages,
    "token_required": "Vul de code in.",
    "invalid_token": "Deze code klopt niet. Let op: een code uit de app is 30 seconden geldig, "
    "een reservecode werkt maar één keer.",
    "n_failed_attempts": "Er is te vaak een verkeerde code ingevuld. Wacht even en probeer het "
    "dan opnieuw.",
    "verification_not_allowed": "Er is te vaak een verkeerde code ingevuld. Wacht even en "
    "probeer het dan opnieuw.",
}


class LeegBijFoutMixin:
    """A wrong code is not shown again: the field is empty for the next try."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            self.data = self.data.copy()
            self.data[self.add_prefix("otp_token")] = ""
            raise


class CodeForm(LeegBijFoutMixin, AuthenticationTokenForm):
    """Second step of the login: the six-digit code from the authenticator app."""

    otp_error_messages = CODE_FOUTMELDINGEN

    def __init__(self, user, initial_device, **kwargs):
        super().__init__(user, initial_device, **kwargs)
        veld = self.fields["otp_token"]
        veld.label = "Code uit de app"
        veld.help_text = "De zes cijfers die uw authenticator-app nu toont."
        veld.error_messages.update(
            {
                "invalid": "Een code bestaat uit zes cijfers.",
                "min_length": "Een code bestaat uit zes cijfers.",
                "max_length": "Een code bestaat uit zes cijfers.",
                "required": "Vul de code in.",
            }
        )
        veld.widget.attrs["inputmode"] = "numeric"


class ReservecodeForm(LeegBijFoutMixin, BackupTokenForm):
    """Instead of the app: one of the ten reservecodes, each works once."""

    otp_error_messages = CODE_FOUTMELDINGEN

    def __init__(self, user, initial_device, **kwargs):
        super().__init__(user, initial_device, **kwargs)
        veld = self.fields["otp_token"]
        veld.label = "Reservecode"
        veld.help_text = "Een van de tien codes die u bij het instellen heeft bewaard."
        veld.error_messages["required"] = "Vul een reservecode in."
        veld.widget.attrs.update({"autocomplete": "off", "autofocus": True})


class AppKoppelenForm(TOTPDeviceForm):
    """Enrolment: the first code from the app proves it holds the secret of the QR code."""

    error_messages = {
        "invalid_token": "Deze code klopt niet. Scan de QR-code opnieuw en vul de "
        "code in die de app nu toont."
    }

    def __init__(self, key, user, metadata=None, **kwargs):
        super().__init__(key, user, metadata=metadata, **kwargs)
        veld = self.fields["token"]
        veld.label = "Code uit de app"
        veld.help_text = "De zes cijfers die de app toont nadat u de QR-code heeft gescand."
        veld.error_messages.update(
            {"required": "Vul de code uit de app in.", "invalid": "Een code bestaat uit cijfers."}
        )
        # A text field, not a number spinner: a code is six digits, also with a leading zero.
        veld.widget = forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autofocus": True,
            }
        )


class KiesOmgevingForm(forms.Form):
    omgeving = forms.TypedChoiceField(label="Omgeving", coerce=int, choices=())

    def __init__(self, *args, omgevingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["omgeving"].choices = [(o.pk, str(o)) for o in omgevingen]
        self.fields["omgeving"].error_messages["invalid_choice"] = (
            "U heeft geen toegang tot deze omgeving."
        )

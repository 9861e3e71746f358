from django import forms


class WachtwoordVergetenForm(forms.Form):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": "Vul uw e-mailadres in.",
            "invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.",
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

from django import forms

from accounts.models import Organisatie

from .models import Leerling
from .selectors import scholen_van_ib_coo


class LeerlingForm(forms.ModelForm):
    class Meta:
        model = Leerling
        fields = [
            "voornaam",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "straat_huisnummer",
            "postcode",
            "woonplaats",
            "telefoon_ouder_1",
            "telefoon_ouder_2",
            "school",
            "groep_leerjaar",
        ]
        widgets = {"geboortedatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, gebruiker, omgeving, **kwargs):
        super().__init__(*args, **kwargs)
        scholen = Organisatie.objects.filter(
            pk__in=scholen_van_ib_coo(gebruiker=gebruiker, omgeving=omgeving)
        )
        self.fields["school"].queryset = scholen
        if len(scholen) == 1 and not self.instance.pk:
            self.fields["school"].initial = scholen[0].pk
        self.fields["school"].empty_label = None

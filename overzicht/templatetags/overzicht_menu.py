from django import template

from overzicht.rechten import weergave_van

register = template.Library()


@register.filter
def mag_overzicht(lidmaatschappen):
    """Whether the menu shows "Overzicht" for these lidmaatschappen (current omgeving)."""
    return weergave_van(lidmaatschappen) is not None

from django import template

from werk.acties import als_tekst

register = template.Library()


@register.filter
def teller(aantal):
    """A count of Mijn acties as the menu shows it: "99+" above werk.acties.GETELD_TOT."""
    return als_tekst(aantal)

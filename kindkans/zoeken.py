"""The form in which text is searched: lower case without accents, so that "Zoë", "ZOE" and
"zoe" find each other. The stored search columns and the words typed into a search field both
pass through `zoekvorm`, in Python, so the database's collation plays no part."""

import unicodedata


def zoekvorm(tekst):
    ontleed = unicodedata.normalize("NFKD", tekst)
    return "".join(teken for teken in ontleed if not unicodedata.combining(teken)).casefold()

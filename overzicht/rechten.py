"""Who may open the Overzicht, and what they see: the schakelfunctionaris verbinding the real
numbers, the SWV-beheerder the numbers with small counts per school hidden; nobody else."""

from accounts.models import Rol

VOLLEDIG = "volledig"
BEPERKT = "beperkt"


def weergave_van(lidmaatschappen):
    """VOLLEDIG, BEPERKT or None, from the lidmaatschappen in the current omgeving."""
    rollen = {lid.rol for lid in lidmaatschappen}
    if Rol.SCHAKELFUNCTIONARIS_VERBINDING in rollen:
        return VOLLEDIG
    if Rol.BEHEERDER in rollen:
        return BEPERKT
    return None

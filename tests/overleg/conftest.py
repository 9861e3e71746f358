import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hulpvragen import services as hulpvraag_services
from tests.factories import LeerlingFactory, OrganisatieFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def dossier(po, maak_lid, settings, tmp_path):
    """A hulpvraag worked by a regierolhouder, with a bijlage and an aanpak; and an outsider."""
    settings.MEDIA_ROOT = tmp_path
    school = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")
    ib = maak_lid(po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker")
    regie = maak_lid(
        po, "regierolhouder", voornaam="Rik", achternaam="de Wit", email="rik@voorbeeld.test"
    )
    extern = maak_lid(
        po, "externe_deelnemer", voornaam="Eva", achternaam="Smit", email="eva@voorbeeld.test"
    )
    leerling = LeerlingFactory(
        school=school, voornaam="Sem", achternaam="Bos", gecontroleerd_op=timezone.now()
    )
    hulpvraag = hulpvraag_services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Team Schoolondersteuning",
        omschrijving="Concentratie",
        coordinator=regie,
    )
    aanpak = hulpvraag_services.voeg_aanpak_toe(
        door=ib,
        hulpvraag=hulpvraag,
        titel="Begeleiding",
        omschrijving="Gesprekken",
        startdatum=timezone.localdate(),
        einddatum=None,
        behandelaar=regie,
    )
    bijlage = hulpvraag_services.voeg_bijlage_toe(
        door=regie, hulpvraag=hulpvraag, bestand=SimpleUploadedFile("verslag.pdf", PDF)
    )
    return {
        "ib": ib,
        "regie": regie,
        "extern": extern,
        "hulpvraag": hulpvraag,
        "aanpak": aanpak,
        "bijlage": bijlage,
    }

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hulpvragen import services as hulpvraag_services
from ouders.models import Ouder, Toestemmingssoort
from tests.factories import LeerlingFactory, OrganisatieFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def gezin(po, maak_lid, settings, tmp_path):
    """A hulpvraag of Sem Bos (school De Regenboog): the IB/COO Inge, the coördinator and
    behandelaar Rik, a colleague of the SWV (Olga), an outsider of the CJG (Eva), an IB/COO of
    another school (Ilse), and Sem's parents: his mother (gezag, with e-mail) and his
    stepfather (no gezag). A second hulpvraag of another leerling of the same school."""
    settings.MEDIA_ROOT = tmp_path
    # Made by a migration; a browser test that ran before may have emptied the database.
    Toestemmingssoort.objects.vaste()
    school = OrganisatieFactory(omgeving=po, naam="OBS De Regenboog")
    swv = OrganisatieFactory(omgeving=po, soort="swv", naam="SWV Goeree-Overflakkee")
    ib = maak_lid(po, "ib_coo", organisatie=school, voornaam="Inge", achternaam="Bakker")
    regie = maak_lid(
        po, "regierolhouder", voornaam="Rik", achternaam="de Wit", email="rik@voorbeeld.test"
    )
    olga = maak_lid(po, "externe_deelnemer", organisatie=swv, voornaam="Olga", achternaam="Visser")
    extern = maak_lid(
        po, "externe_deelnemer", voornaam="Eva", achternaam="Smit", email="eva@voorbeeld.test"
    )
    andere_ib = maak_lid(po, "ib_coo", voornaam="Ilse", achternaam="Jong")
    leerling = LeerlingFactory(
        school=school, voornaam="Sem", achternaam="Bos", gecontroleerd_op=timezone.now()
    )
    hulpvraag = hulpvraag_services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=leerling,
        titel="Team Schoolondersteuning",
        omschrijving="Sem kan zich moeilijk concentreren.",
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
    moeder = Ouder.objects.create(
        leerling=leerling,
        naam="Fatima Bos",
        email="fatima@thuis.test",
        relatie=Ouder.Relatie.MOEDER,
        gezag=True,
    )
    stiefvader = Ouder.objects.create(
        leerling=leerling,
        naam="Kees Dekker",
        email="kees@thuis.test",
        relatie=Ouder.Relatie.VERZORGER,
        gezag=False,
    )
    ander_kind = LeerlingFactory(
        school=school, voornaam="Lotte", achternaam="Vos", gecontroleerd_op=timezone.now()
    )
    andere_hulpvraag = hulpvraag_services.maak_hulpvraag(
        door=ib,
        omgeving=po,
        leerling=ander_kind,
        titel="Lezen",
        omschrijving="Lezen gaat moeizaam.",
        coordinator=regie,
    )
    return {
        "omgeving": po,
        "school": school,
        "ib": ib,
        "regie": regie,
        "olga": olga,
        "extern": extern,
        "andere_ib": andere_ib,
        "leerling": leerling,
        "hulpvraag": hulpvraag,
        "aanpak": aanpak,
        "bijlage": bijlage,
        "moeder": moeder,
        "stiefvader": stiefvader,
        "andere_hulpvraag": andere_hulpvraag,
    }

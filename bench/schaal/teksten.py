"""Names and texts the generator picks from (in SQL, by a hash of the row's id).

Plain Dutch as schools and regierolhouders write it; long enough that a formulier holds about
2 KB of values and a notificatie reads like the real mail.
"""

VOORNAMEN = [
    "Daan", "Sem", "Lucas", "Milan", "Levi", "Noah", "Finn", "Liam", "Jesse", "Bram",
    "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Eva", "Anna",
    "Lotte", "Fleur", "Saar", "Isa", "Yara", "Noor", "Liv", "Luuk", "Thijs", "Ruben",
    "Mohamed", "Ayoub", "Fatima", "Amira", "Sven", "Jens", "Femke", "Roos", "Britt", "Mees",
]  # fmt: skip

TUSSENVOEGSELS = ["", "", "", "", "", "", "de", "van", "van der", "van den", "ter", "in 't"]

ACHTERNAMEN = [
    "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters",
    "Hendriks", "Dekker", "Brouwer", "Dijkstra", "Kok", "Jacobs", "Vermeulen", "Schouten",
    "Willems", "Hoekstra", "Koster", "Prins", "Kuipers", "Postma", "Huisman", "Kramer",
    "Verbeek", "Kuiper", "Wolters", "Groen", "Bosman", "Mol", "Verhoeven", "Koning",
    "Timmermans", "Goossens", "Lambregts", "Maas", "Verschoor", "Boer", "Leeuwen", "Berg",
    "Wit", "Graaf", "Vries", "Heuvel", "Ridder", "Jong", "Groot", "Beek", "Lange",
]  # fmt: skip

WOONPLAATSEN = [
    "Middelharnis", "Sommelsdijk", "Dirksland", "Ouddorp", "Oude-Tonge", "Stellendam",
    "Den Bommel", "Herkingen", "Goedereede", "Nieuwe-Tonge", "Melissant", "Achthuizen",
]  # fmt: skip

STRATEN = [
    "Dorpsstraat", "Kerkstraat", "Molenweg", "Zandweg", "Havenstraat", "Ring",
    "Julianastraat", "Wilhelminalaan", "Voorstraat", "Langeweg", "Zuiddijk", "Nieuwstraat",
]  # fmt: skip

SCHOOLNAMEN = [
    "De Linde", "De Regenboog", "Het Kompas", "De Wegwijzer", "De Fontein", "Het Anker",
    "De Bron", "De Springplank", "Het Palet", "De Vlinder", "De Zeester", "Prins Willem",
]  # fmt: skip

TITELS = [
    "Team Schoolondersteuning", "Team Schoolondersteuning", "Team Schoolondersteuning",
    "Team Schoolondersteuning", "Team Schoolondersteuning - gedrag",
    "Team Schoolondersteuning - leren", "Team Schoolondersteuning - thuissituatie",
    "Team Schoolondersteuning - verzuim", "TSO werkhouding en concentratie",
]  # fmt: skip

AANLEIDINGEN = [
    "Sinds de herfstvakantie trekt de leerling zich in de klas steeds meer terug. Hij maakt "
    "weinig contact met klasgenoten en reageert fel wanneer hij wordt aangesproken op zijn "
    "werkhouding. De leerkracht maakt zich zorgen over de sociaal-emotionele ontwikkeling.",
    "De leerling laat bij rekenen en begrijpend lezen al twee toetsperiodes een dalende lijn "
    "zien. Ondanks extra instructie in de kleine groep blijft de achterstand groeien. Moeder "
    "geeft aan dat huiswerk thuis veel strijd oplevert.",
    "Er is sprake van oplopend verzuim, vaak op maandag en vrijdag. De ouders melden "
    "buikpijn en hoofdpijn; de huisarts vindt geen lichamelijke oorzaak. De school vraagt "
    "zich af wat er achter het verzuim zit en hoe zij de leerling kan helpen.",
    "In de pauzes ontstaan regelmatig conflicten die uitlopen op duwen en schoppen. De "
    "leerling lijkt de situatie verkeerd in te schatten en voelt zich snel aangevallen. De "
    "groep en de pleinwacht hebben behoefte aan handelingsadviezen.",
    "Vader en moeder zijn recent gescheiden en de leerling woont afwisselend bij beiden. "
    "Sindsdien is zij vermoeid, huilt zij vaker en lukt het haar niet om zich te "
    "concentreren. De school wil weten welke hulp het gezin nodig heeft.",
]

GEDAAN = [
    "De leerkracht heeft zes weken lang dagelijks een kort gesprek aan het begin van de dag "
    "gevoerd en werkt met een beloningssysteem. Dit gaf in de eerste weken rust, maar het "
    "effect nam daarna weer af.",
    "De intern begeleider heeft geobserveerd in de klas en op het plein en heeft met de "
    "ouders een gesprek gevoerd. Er is een groepsplan opgesteld met extra instructie en een "
    "aangepaste planning van het werk.",
    "De leerling heeft twee blokken remedial teaching gehad voor technisch lezen. De "
    "vorderingen zijn beperkt. Ook is een leerlingbespreking gehouden met het team en is "
    "een time-out plek in de klas ingericht.",
    "Met de ouders zijn afspraken gemaakt over bedtijden en schermgebruik. De school heeft "
    "contact gehad met de jeugdverpleegkundige, die het gezin eenmalig heeft gezien en een "
    "vervolg in overleg met school adviseert.",
]

GOED = [
    "De leerling is behulpzaam, zorgt goed voor jongere kinderen en is creatief in "
    "tekenen en knutselen. Ouders zijn betrokken en komen afspraken na.",
    "Sterk in sport en bewegen; is geliefd bij een paar vaste vriendjes. Thuis is er een "
    "warme band met opa en oma, die veel opvangen.",
    "Werkt goed wanneer de opdracht kort en duidelijk is en er vaak wordt teruggekoppeld. "
    "Heeft een grote woordenschat en vertelt graag over dieren.",
]

GEWENST = [
    "De school vraagt om een observatie door de orthopedagoog en om handelingsadviezen voor "
    "de leerkracht, zodat de leerling in de eigen groep kan blijven functioneren.",
    "Graag ondersteuning voor het gezin vanuit het CJG of het schoolmaatschappelijk werk, "
    "met een vaste contactpersoon die ook met de school afstemt.",
    "De school wil samen met ouders en jeugdhulp een plan opstellen voor de komende periode, "
    "met een tussentijdse evaluatie na zes weken en duidelijke afspraken over wie wat doet.",
    "Een onderzoek naar de leer- en ontwikkelingsmogelijkheden zodat duidelijk wordt welke "
    "onderwijsbehoeften er zijn en of een arrangement nodig is.",
]

TOELICHTING_PARTIJEN = [
    "Het CJG was twee jaar geleden kort betrokken in verband met opvoedvragen; dat traject "
    "is afgesloten.",
    "Schoolmaatschappelijk werk heeft dit schooljaar drie gesprekken met moeder gevoerd.",
    "Geen eerdere hulpverlening bekend. De huisarts is op de hoogte van de klachten.",
]

BEREIKBAAR = [
    "Maandag, dinsdag en donderdag, 0187 123456.",
    "Dinsdag en vrijdag, liefst na 14.30 uur.",
    "Elke ochtend op school, of per mail.",
]

PARTIJEN = ["CJG", "SMW", "TJG", "BPO SWV", "Orthopedagoog SWV", "Huisarts of jeugdarts"]

ORGANISATIES = ["SMW", "CJG", "BPO SWV", "TJG", "Orthopedagoog SWV"]

OVERIG = [
    "Afgesproken is dat ik elke twee weken met moeder bel en na zes weken met de IB-er "
    "evalueer. Het eerste gesprek met de leerling is gepland.",
    "Werkafspraak: de IB/COO informeert mij over incidenten op school, ik stem af met de "
    "huisarts. Evaluatie in het volgende schakelteamoverleg.",
]

OMSCHRIJVINGEN = [
    "Zorgen over gedrag en welbevinden in de klas; de school vraagt advies en mogelijk "
    "ondersteuning voor het gezin.",
    "Leerachterstand bij rekenen en lezen die ondanks extra hulp toeneemt; vraag om "
    "onderzoek en advies.",
    "Oplopend verzuim met lichamelijke klachten; de school wil samen met ouders en jeugdhulp "
    "kijken wat nodig is.",
    "Spanningen thuis na een scheiding; de leerling is vermoeid en verdrietig. Vraag om "
    "ondersteuning van het gezin.",
]

STATUS_OMSCHRIJVINGEN = [
    "",
    "",
    "Eerste gesprek met ouders en school is gepland.",
    "Voortgang besproken; de aanpak loopt volgens plan.",
    "Terug naar het schakelteam voor een nieuwe regierolhouder.",
]

AANPAK_TITELS = [
    "Gesprek met ouders en leerling",
    "Observatie in de klas",
    "Ondersteuning gezin vanuit het CJG",
    "Begeleiding schoolmaatschappelijk werk",
    "Handelingsadviezen voor de leerkracht",
]

RONDE_OMSCHRIJVINGEN = [
    "Wil je meekijken naar het plan van aanpak en aangeven of je vanuit jouw rol "
    "aanvullingen hebt?",
    "Graag jullie reactie op de vraag of een onderzoek door de orthopedagoog nu de juiste "
    "volgende stap is.",
    "Kun je aangeven of jullie het gezin kennen en wat jullie eventueel kunnen bieden?",
]

REACTIES = [
    "Wij kennen het gezin van een eerder traject. Ik sluit graag aan bij het volgende "
    "overleg en kan binnen twee weken een eerste gesprek met moeder plannen.",
    "Het plan ziet er goed uit. Mijn advies is om de leerkracht eerst twee weken te laten "
    "observeren met de kijkwijzer voordat we verder gaan.",
    "Vanuit de jeugdgezondheidszorg geen bijzonderheden; wel raad ik aan de slaapproblemen "
    "mee te nemen in het gesprek met ouders.",
]

# Parents are a generation older than the leerlingen: their own first names.
VOORNAMEN_MOEDERS = [
    "Linda", "Sandra", "Marieke", "Esther", "Monique", "Anouk", "Kim", "Iris", "Petra",
    "Miranda", "Wendy", "Saskia", "Nicole", "Ilse", "Jolanda", "Mirjam", "Yvonne", "Naima",
    "Samira", "Hanneke", "Femke", "Judith", "Karin", "Leonie", "Nadia", "Rianne",
]  # fmt: skip

VOORNAMEN_VADERS = [
    "Mark", "Dennis", "Jeroen", "Martijn", "Bas", "Erik", "Sander", "Patrick", "Michel",
    "Rob", "Arjan", "Richard", "Vincent", "Jasper", "Wouter", "Niels", "Youssef", "Karim",
    "Johan", "Marco", "Remco", "Tim", "Ronald", "Pieter", "Hakan", "Edwin",
]  # fmt: skip

UITNODIGING_BERICHTEN = [
    "Zoals besproken in ons gesprek van vorige week vragen wij u hier om toestemming. Heeft u "
    "vragen, bel of mail mij gerust.",
    "Wij willen de zorgen over uw kind graag bespreken met het Team Schoolondersteuning. "
    "Daarvoor hebben wij uw toestemming nodig.",
    "U kunt via deze link meelezen en uw mening geven. Uw reactie helpt ons om samen de "
    "juiste hulp te vinden.",
]

TOESTEMMING_TOELICHTINGEN = [
    "Formulier ondertekend tijdens het oudergesprek op school.",
    "Telefonisch besproken; moeder stuurt het getekende formulier na.",
    "Vader wil eerst meer weten over wie het dossier leest.",
    "Besproken bij het tienminutengesprek, beide ouders aanwezig.",
]

ZIENSWIJZEN = [
    "Wij herkennen de zorgen van school. Thuis merken wij ook dat hij snel boos wordt en slecht "
    "slaapt. Wij staan open voor hulp, het liefst iemand die ook thuis een keer langskomt.",
    "Ik vind dat de school het wat zwaarder maakt dan het is. Thuis gaat het goed. Wel vind ik "
    "het fijn als er gekeken wordt naar het rekenen, daar heeft ze echt moeite mee.",
    "Sinds de scheiding is het voor onze dochter een onrustige tijd. Wij willen graag dat er "
    "iemand is met wie zij kan praten, los van ons allebei.",
    "Het verzuim komt door de buikpijn, niet omdat hij niet wil. Graag denk ik mee over een "
    "plan, maar ik wil wel dat de huisarts erbij betrokken blijft.",
    "Dank voor het overleg. Wij zijn het eens met het plan en willen graag op de hoogte "
    "blijven van wat er besproken wordt.",
]

STEMMEN = [
    "Hij zegt dat hij het in de klas te druk vindt en dat hij zich beter kan concentreren aan "
    "een tafel achterin. Hij wil graag vaker met de gymleraar praten.",
    "Ze vertelt dat ze 's avonds moeilijk in slaap komt omdat ze aan school denkt. Ze wil dat "
    "juf haar niet meer voor de klas laat voorlezen.",
    "Hij geeft aan dat hij in de pauze vaak alleen staat en dat de andere kinderen hem "
    "uitlachen. Hij wil graag bij een vriend uit groep 6 in de buurt zitten.",
    "Ze heeft een tekening gemaakt van haar twee huizen. Ze zegt dat ze het fijn vindt bij "
    "allebei, maar dat het wisselen op woensdag moeilijk is.",
    "Hij wil geen gesprekken meer met 'al die mensen'. Met de IB-er wil hij wel praten, als "
    "zijn moeder er ook bij is.",
    "Ze zegt dat rekenen haar niet lukt en dat ze zich dom voelt. Ze wil graag extra uitleg, "
    "maar niet buiten de klas.",
]

"""Our own word lists and sentence templates for the synthetic press site, in French and English."""

from __future__ import annotations

import random

FR = {
    "sections": ["Région", "Économie", "Société", "Sport", "Culture", "Politique", "Faits divers", "Agriculture",
                 "Éducation", "Santé", "Environnement", "Loisirs"],
    "towns": ["Valence", "Romans-sur-Isère", "Montélimar", "Crest", "Die", "Tain-l'Hermitage", "Nyons",
              "Bourg-de-Péage", "Portes-lès-Valence", "Livron", "Loriol", "Saint-Vallier", "Pierrelatte",
              "Dieulefit", "Chabeuil", "Étoile-sur-Rhône", "Saillans", "Buis-les-Baronnies"],
    "subjects": ["le conseil municipal", "la communauté d'agglomération", "le département", "la préfecture",
                 "l'association des commerçants", "le club local", "la chambre d'agriculture", "le maire",
                 "les parents d'élèves", "le syndicat des eaux", "une coopérative viticole", "le collège",
                 "les pompiers", "la gendarmerie", "le comité des fêtes", "l'office de tourisme",
                 "une entreprise de transport", "le centre hospitalier", "la médiathèque", "les riverains"],
    "verbs": ["a présenté", "a voté", "prépare", "annonce", "a inauguré", "défend", "conteste", "a reporté",
              "étudie", "finance", "relance", "a détaillé", "soutient", "a lancé", "organise", "attend", "critique",
              "a validé", "examine", "refuse", "promet", "a amendé", "redoute", "a chiffré", "accompagne", "ajourne",
              "a dévoilé", "met en avant", "a suspendu", "revendique", "a confirmé", "négocie", "présente", "a évoqué",
              "relativise", "a rejeté", "privilégie", "a salué", "envisage", "a obtenu"],
    "adjs": ["ambitieux", "modeste", "inédit", "attendu", "contesté", "coûteux", "provisoire", "définitif", "discret",
             "remanié", "chiffré", "partiel", "global", "expérimental", "prioritaire", "symbolique", "tardif",
             "rapide", "simplifié", "complet", "intercommunal", "saisonnier", "pluriannuel", "participatif", "local",
             "collectif", "départemental", "novateur", "urgent", "révisé", "allégé", "renforcé", "durable",
             "pragmatique", "ambigu", "officiel", "nouveau", "prudent", "audacieux", "solidaire"],
    "complements": ["du quartier nord", "de la vieille ville", "des berges du Rhône", "du lycée agricole",
                    "de la zone commerciale", "des hameaux", "du plateau", "de la gare routière", "des écoles",
                    "du centre aquatique", "de la place du marché", "des jardins familiaux", "du stade municipal",
                    "de la rue principale", "des vignerons", "des anciens ateliers", "du bassin de vie", "des aînés",
                    "de la piscine", "du conservatoire", "des associations sportives", "de la caserne",
                    "du parking souterrain", "des commerces de proximité", "de l'église romane", "des quais",
                    "du haut débit", "des transports scolaires", "de la cantine", "des chemins de randonnée",
                    "du festival de jazz", "de la foire aux vins", "des lotissements", "de la déchetterie",
                    "du pont suspendu", "des logements sociaux", "de la halle", "du musée", "des vergers",
                    "de la maison de retraite"],
    "objects": ["un nouveau budget", "la rénovation de la salle des fêtes", "un plan de circulation",
                "la réouverture du marché couvert", "un projet de piste cyclable", "la fusion de deux écoles",
                "une campagne de vaccination", "le festival d'été", "un programme de logements",
                "la création d'une maison de santé", "des travaux sur le pont", "une collecte de jouets",
                "l'extension de la zone artisanale", "une étude sur la qualité de l'air", "le tournoi régional",
                "la modernisation de l'éclairage public", "un concours de photographie", "la saison culturelle"],
    "times": ["Lundi soir", "Ce mardi", "Mercredi matin", "Jeudi dernier", "Vendredi", "Ce week-end",
              "Depuis le début de l'année", "À la fin du mois", "Pour la troisième année consécutive",
              "Après plusieurs mois de discussions", "Dans la soirée", "Le mois prochain"],
    "tails": ["devant une centaine de personnes", "malgré une météo capricieuse", "avec le soutien de l'État",
              "sans susciter de véritable débat", "à la satisfaction générale", "après un long vote",
              "pour un montant encore inconnu", "en présence de nombreux élus", "au grand dam de l'opposition",
              "dans une ambiance détendue", "avant l'été", "au centre-ville"],
    "roles": ["adjointe aux finances", "président du club", "directrice de l'école", "conseiller départemental",
              "porte-parole de l'association", "agriculteur", "commerçante", "responsable du service technique"],
    "numbers": ["pour un coût de {n} 000 euros", "avec {n} participants", "sur {n} hectares", "pour {n} familles",
                "en {n} semaines", "avec {n} bénévoles", "pour {n} élèves", "sur {n} kilomètres"],
    "people": ["Claire Bonnet", "Marc Rivière", "Sophie Garnier", "Julien Fabre", "Nadia Benali", "Thomas Roux",
               "Élodie Martin", "Karim Haddad", "Isabelle Perrin", "Lucas Morel", "Amandine Blanc", "Paul Girard"],
    "quotes": ["Nous avons pris le temps d'écouter tout le monde", "C'est une étape importante pour la commune",
               "Le calendrier sera tenu, j'en suis convaincu", "Il reste beaucoup de questions sans réponse",
               "Les habitants attendaient cela depuis longtemps", "Nous ne lâcherons rien",
               "La priorité reste la sécurité des enfants", "Le coût final sera connu à l'automne"],
    "says": ["explique", "confie", "assure", "résume", "regrette", "souligne"],
    "comments": ["Encore des dépenses inutiles.", "Bravo pour cette initiative !", "Et les transports, on en parle ?",
                 "Il était temps.", "Qui va payer au final ?", "Très bonne nouvelle pour le quartier.",
                 "Article intéressant, merci.", "On attend de voir les résultats.", "Toujours les mêmes promesses.",
                 "J'y étais, c'était une belle soirée."],
    "menu": ["Accueil", "Actualités", "Mon compte", "Newsletters", "Abonnez-vous", "Petites annonces", "Météo",
             "Programme TV", "Horoscope", "Avis de décès", "Jeux", "Annonces légales", "Contact", "Mentions légales",
             "Plan du site", "Gérer les cookies", "Charte de modération", "Nous rejoindre"],
    "cookie": ("Nous et nos partenaires utilisons des cookies pour stocker et accéder à des données personnelles "
               "vous concernant, comme votre navigation, afin de mesurer l'audience et de personnaliser les contenus."),
    "related": "À lire aussi", "comments_title": "Commentaires", "share": "Partager", "by": "Par",
}

EN = {
    "sections": ["Business", "Politics", "Sport", "Culture", "Science", "World", "Local", "Health", "Opinion",
                 "Travel"],
    "towns": ["Lyon", "Grenoble", "Valence", "Avignon", "Geneva", "Turin", "Montpellier", "Clermont-Ferrand"],
    "subjects": ["the city council", "the regional authority", "a local charity", "the football club",
                 "the university", "the chamber of commerce", "a group of residents", "the mayor",
                 "the transport operator", "the hospital trust", "a family business", "the school board",
                 "the museum", "the farmers' union", "the fire service", "the tourist office"],
    "verbs": ["has approved", "unveiled", "is preparing", "announced", "opened", "is defending", "challenged",
              "postponed", "is studying", "funded", "relaunched", "set out", "backed", "launched", "criticised",
              "signed off", "is reviewing", "turned down", "promised", "amended", "fears", "costed", "is supporting",
              "delayed", "revealed", "highlighted", "suspended", "claimed", "confirmed", "is negotiating",
              "presented", "mentioned", "played down", "rejected", "favoured", "welcomed", "is considering", "won"],
    "adjs": ["ambitious", "modest", "unprecedented", "long-awaited", "disputed", "costly", "temporary", "final",
             "discreet", "reworked", "partial", "overall", "experimental", "priority", "symbolic", "belated", "rapid",
             "simplified", "complete", "joint", "seasonal", "multi-year", "participatory", "local", "collective",
             "county-wide", "innovative", "urgent", "revised", "scaled-down", "reinforced", "lasting", "pragmatic",
             "ambiguous", "official", "new", "cautious", "bold", "community"],
    "complements": ["for the north side", "in the old town", "along the river", "at the agricultural college",
                    "in the retail park", "for the outlying villages", "on the plateau", "at the coach station",
                    "for the primary schools", "at the leisure centre", "on the market square", "for the allotments",
                    "at the stadium", "on the high street", "for local winemakers", "in the old workshops",
                    "for older residents", "at the swimming pool", "at the music school", "for the sports clubs",
                    "at the fire station", "in the underground car park", "for corner shops", "near the church",
                    "along the quays", "for broadband", "for school buses", "at the canteen", "for hiking trails",
                    "at the jazz festival", "at the wine fair", "on the new estates", "at the recycling centre",
                    "on the suspension bridge", "for social housing", "at the covered hall", "at the museum",
                    "in the orchards", "at the care home"],
    "objects": ["a new budget", "the renovation of the town hall", "a traffic plan", "a covered market",
                "a cycle lane project", "the merger of two schools", "a vaccination drive", "the summer festival",
                "an affordable housing scheme", "a health centre", "repairs to the old bridge", "a toy collection",
                "an extension of the business park", "an air quality study", "the regional tournament",
                "new street lighting", "a photography competition", "the autumn season of concerts"],
    "times": ["On Monday evening", "This Tuesday", "On Wednesday morning", "Last Thursday", "On Friday",
              "This weekend", "Since January", "At the end of the month", "For the third year running",
              "After months of talks", "Late in the evening", "Next month"],
    "tails": ["in front of about a hundred people", "despite the rain", "with government support",
              "without much debate", "to general approval", "after a long vote", "for an undisclosed sum",
              "with many officials present", "to the dismay of the opposition", "in a relaxed mood",
              "before the summer", "in the town centre"],
    "roles": ["deputy mayor", "club chairman", "head teacher", "county councillor", "spokeswoman for the group",
              "farmer", "shop owner", "head of the technical department"],
    "numbers": ["at a cost of {n},000 euros", "with {n} participants", "over {n} hectares", "for {n} families",
                "within {n} weeks", "with {n} volunteers", "for {n} pupils", "over {n} kilometres"],
    "people": ["Emma Clarke", "James Hall", "Olivia Grant", "Daniel Price", "Aisha Khan", "Ben Walker",
               "Sarah Mills", "Tom Fletcher", "Hannah Moore", "Ryan Ellis"],
    "quotes": ["We took the time to listen to everyone", "This is an important step for the town",
               "The timetable will be met, I am sure of it", "Many questions remain unanswered",
               "People have been waiting for this for years", "We will not give up",
               "Children's safety remains the priority", "The final cost will be known in the autumn"],
    "says": ["said", "explained", "insisted", "added", "regretted", "noted"],
    "comments": ["What a waste of money.", "Great initiative!", "What about public transport?", "About time.",
                 "Who pays in the end?", "Good news for the neighbourhood.", "Interesting piece, thanks.",
                 "Let's wait and see.", "Same old promises.", "I was there, lovely evening."],
    "menu": ["Home", "News", "My account", "Newsletters", "Subscribe", "Classifieds", "Weather", "TV guide",
             "Horoscopes", "Obituaries", "Puzzles", "Public notices", "Contact us", "Terms", "Site map",
             "Cookie settings", "Community rules", "Careers"],
    "cookie": ("We and our partners use cookies to store and access personal data such as browsing behaviour, "
               "to measure audiences and to personalise content and ads."),
    "related": "Read more", "comments_title": "Comments", "share": "Share", "by": "By",
}

# Sentences that make an article match a topic (each names Rovaltain, Alixan, Ecotox or a data center).
PLANTED = {
    "fr": ["La société marseillaise Sesterce veut installer des milliers de GPU dans l'ancien bâtiment Ecotox, "
           "sur le parc de Rovaltain.",
           "Le futur centre de données d'Alixan consommerait autant d'électricité qu'une ville moyenne, selon "
           "un collectif d'habitants.",
           "Un recours contre le permis de construire du data center a été déposé au tribunal administratif.",
           "À Rovaltain, les élus promettent que la chaleur des serveurs alimentera un réseau de chauffage.",
           "Sesterce affirme que son datacenter drômois fonctionnera avec un refroidissement en circuit fermé.",
           "Les centres de données se multiplient dans la vallée du Rhône, portés par l'essor de l'IA."],
    "en": ["Sesterce plans to fill the former Ecotox building at Rovaltain with tens of thousands of GPUs.",
           "The data centre near Valence would use closed-loop water cooling, the company says.",
           "Residents have challenged the building permit for the Alixan data center in court.",
           "France is courting hyperscalers, and the Rovaltain park wants its share of the data centers.",
           "A datacenter of this size needs a dedicated connection to the high-voltage grid."],
}
PLANTED_TITLES = {
    "fr": ["Alixan : le projet de data center de Sesterce contesté", "Rovaltain mise sur les centres de données",
           "Ecotox : le bâtiment change de vocation", "Sesterce dévoile son calendrier à Alixan"],
    "en": ["Alixan data center plan faces legal challenge", "Rovaltain bets on data centres",
           "Sesterce sets out its timetable in the Drome"],
}
# A near-miss: the French word "sesterce" with no company context (the Roman coin).
NEAR_MISS = {
    "fr": "Le musée expose un sesterce en bronze frappé sous Hadrien, retrouvé lors de fouilles près du Rhône.",
    "en": "The museum shows a bronze sesterce struck under Hadrian, found during a dig near the Rhone.",
}


# Single-word pools, combined word by word: two unrelated articles share few three-word shingles (as real ones).
_FR_NOUNS = ("m:projet m:budget m:chantier m:plan m:dossier m:contrat m:marché m:programme m:festival m:tournoi "
             "m:gymnase m:parking m:lotissement m:collège m:lycée m:quartier m:hameau m:carrefour m:rond-point "
             "m:verger m:vignoble m:moulin m:lavoir m:sentier m:pont m:canal m:barrage m:stade m:musée m:théâtre "
             "m:cinéma m:hôpital m:cabinet m:commerce m:atelier m:entrepôt m:réseau m:service m:bureau m:conseil "
             "m:comité m:syndicat m:club m:jardin m:square m:boulevard m:rempart m:clocher m:château m:domaine "
             "f:commune f:mairie f:école f:piscine f:médiathèque f:bibliothèque f:route f:avenue f:place f:halle "
             "f:gare f:caserne f:crèche f:cantine f:salle f:église f:chapelle f:ferme f:cave f:coopérative "
             "f:association f:entreprise f:usine f:zone f:friche f:digue f:rivière f:forêt f:colline f:vallée "
             "f:enquête f:étude f:réunion f:concertation f:pétition f:subvention f:taxe f:facture f:rénovation "
             "f:extension f:fermeture f:ouverture f:fusion f:campagne f:collecte f:exposition f:fête f:foire "
             "f:course f:randonnée f:brocante f:kermesse f:navette f:ligne f:piste f:passerelle f:fontaine").split()
_FR_ADJS = ("neuf/neuve ancien/ancienne petit/petite grand/grande nouveau/nouvelle vieux/vieille public/publique "
            "privé/privée municipal/municipale communal/communale régional/régionale provisoire/provisoire "
            "coûteux/coûteuse discret/discrète complet/complète partiel/partielle rapide/rapide modeste/modeste "
            "ambitieux/ambitieuse attendu/attendue contesté/contestée fragile/fragile solide/solide "
            "saisonnier/saisonnière symbolique/symbolique prioritaire/prioritaire durable/durable "
            "expérimental/expérimentale collectif/collective officiel/officielle prudent/prudente "
            "audacieux/audacieuse inédit/inédite tardif/tardive rural/rurale urbain/urbaine voisin/voisine "
            "historique/historique moderne/moderne sportif/sportive culturel/culturelle agricole/agricole").split()
_FR_VERBS = ("présente vote prépare annonce inaugure défend conteste reporte étudie finance relance détaille "
             "soutient lance organise attend critique valide examine refuse promet amende redoute chiffre "
             "accompagne ajourne dévoile suspend revendique confirme négocie évoque rejette privilégie salue "
             "envisage obtient rénove ferme ouvre agrandit déplace sécurise réaménage équipe").split()
_FR_TIMES = ("Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Hier Aujourd'hui Désormais Finalement "
             "Cette-semaine Ce-matin Ce-soir Depuis-janvier Bientôt Officiellement Récemment Enfin Cet-été").split()
_EN_NOUNS = ("project budget building plan file contract market programme festival tournament gym car-park estate "
             "school college district village junction roundabout orchard vineyard mill footpath bridge canal dam "
             "stadium museum theatre cinema hospital surgery shop workshop warehouse network service office council "
             "committee union club garden square avenue wall tower castle estate town-hall library pool road station "
             "barracks nursery canteen hall church chapel farm cellar cooperative charity company factory zone site "
             "dyke river forest hill valley inquiry study meeting consultation petition grant tax bill renovation "
             "extension closure opening merger campaign collection exhibition fair race walk shuttle line track "
             "footbridge fountain").split()
_EN_ADJS = ("new old small large public private municipal provisional costly discreet complete partial rapid modest "
            "ambitious long-awaited disputed fragile solid seasonal symbolic priority lasting experimental joint "
            "official cautious bold unprecedented belated rural urban nearby historic modern sports cultural "
            "farming community regional").split()
_EN_VERBS = ("presents approves prepares announces opens defends challenges postpones studies funds relaunches "
             "details backs launches organises awaits criticises validates examines refuses promises amends fears "
             "costs supports delays unveils suspends claims confirms negotiates mentions rejects favours welcomes "
             "considers wins renovates closes extends moves secures refits equips").split()
_EN_TIMES = ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Yesterday Today Now Finally This-week "
             "This-morning Tonight Since-January Soon Officially Recently At-last This-summer").split()


def _fr_group(rng: random.Random) -> str:
    gender, noun = rng.choice(_FR_NOUNS).split(":")
    adj = rng.choice(_FR_ADJS).split("/")[gender == "f"]
    det = rng.choice(("le ", "un ", "ce ") if gender == "m" else ("la ", "une ", "cette "))
    if noun[0] in "aeéèêhiouâ":
        det = {"le ": "l'", "la ": "l'", "ce ": "cet "}.get(det, det)
    return f"{det}{noun} {adj}"


def _en_group(rng: random.Random) -> str:
    return f"{rng.choice(('the', 'a', 'this', 'their'))} {rng.choice(_EN_ADJS)} {rng.choice(_EN_NOUNS).replace('-', ' ')}"


def sentence(rng: random.Random, words: dict) -> str:
    """One news-like sentence, word by word from large pools; sometimes a quote."""
    fr = words is FR
    if rng.random() < 0.06:
        quote, says = rng.choice(words["quotes"]), rng.choice(words["says"])
        who, role = rng.choice(words["people"]), rng.choice(words["roles"])
        return f"« {quote} », {says} {who}, {role}." if fr else f"\u201c{quote},\u201d {says} {who}, {role}."
    group, verbs, times = (_fr_group, _FR_VERBS, _FR_TIMES) if fr else (_en_group, _EN_VERBS, _EN_TIMES)
    number = " " + rng.choice(words["numbers"]).format(n=rng.randint(2, 950)) if rng.random() < 0.4 else ""
    place = rng.choice(words["towns"])
    link = rng.choice(("près de", "à", "pour", "avec", "contre", "sans")) if fr else rng.choice(
        ("near", "in", "for", "with", "against", "without"))
    text = (f"{rng.choice(times).replace('-', ' ')}, {group(rng)} {rng.choice(verbs)} {group(rng)} {link} "
            f"{group(rng)} ({place}){number}.")
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random, words: dict) -> str:
    return " ".join(sentence(rng, words) for _ in range(rng.randint(3, 6)))


def title(rng: random.Random, words: dict) -> str:
    town, obj = rng.choice(words["towns"]), rng.choice(words["objects"])
    return f"{town} : {obj}" if words is FR else f"{town}: {obj}"

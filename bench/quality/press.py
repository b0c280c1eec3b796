"""Evaluation pages, our own words: French regional and national press, trade press, agency wires."""

from bench.quality.spec import Page

RV = "Le Réveil drômois"
RV_URL = "https://www.reveil-dromois.example"
MOST_FR = ["Un incendie ravage un entrepôt à Portes-lès-Valence", "Les horaires du marché de Noël de Romans",
           "Foot : l'ASVD s'impose à domicile", "La RN7 fermée une nuit pour travaux"]
COMMENTS_FR = [("Pierrot26", "Encore un projet qui va pomper notre eau, on nous prend pour des idiots."),
               ("Marie-Claude", "Il faudrait surtout parler des emplois, c'est une chance pour la région."),
               ("jlb", "Qui paiera l'électricité quand les prix monteront ? Toujours les mêmes.")]

REGIONAL = [
    Page("regional-annonce-sesterce", "regional", "regional", "fr",
         f"{RV_URL}/drome/alixan/2025/02/11/un-centre-de-calcul-geant-annonce-a-rovaltain", RV,
         "Un centre de calcul géant annoncé à Rovaltain", "2025-02-11T17:45:00+01:00", [
             "L'annonce est tombée en marge du sommet parisien sur l'intelligence artificielle : la société "
             "marseillaise Sesterce va installer un centre de calcul dans l'ancien bâtiment Ecotox, sur le parc de "
             "Rovaltain, à Alixan.",
             "Le maire de Valence, Nicolas Daragon, a salué « un projet structurant pour tout le territoire ». "
             "Les premiers chiffres évoquent quarante mille cartes graphiques et plusieurs centaines d'emplois à terme.",
             "Le bâtiment, construit entre 2014 et 2016 avec de l'argent public, avait été revendu à l'Institut "
             "Mérieux en 2021. Il retrouverait ainsi une vocation scientifique, même si l'activité n'a plus grand-chose "
             "à voir avec l'écotoxicologie.",
             "Reste à connaître le calendrier précis et la consommation électrique du site, que l'entreprise promet "
             "de détailler lors d'une présentation publique prévue au mois de mars.",
         ], author="Julien Farge", section="Drôme", og_suffix=f" | {RV}", modified="2025-02-12T08:10:00+01:00",
         inline_related="Rovaltain : le parc d'activités affiche complet", most_read=MOST_FR, comments=COMMENTS_FR,
         footer_note="Tous droits réservés"),
    Page("regional-presentation-site", "regional", "regional", "fr",
         f"{RV_URL}/drome/alixan/2025/03/13/sesterce-presente-son-projet-aux-elus", RV,
         "Sesterce présente son projet aux élus drômois", "2025-03-13T19:02:00+01:00", [
             "Casques de chantier sur la tête, une cinquantaine d'élus et de chefs d'entreprise ont visité jeudi "
             "l'ancien bâtiment Ecotox, où Sesterce prévoit d'installer ses premières baies de serveurs dès la fin 2026.",
             "Les dirigeants ont détaillé un investissement de 450 millions d'euros pour une première phase, et près "
             "de 1,8 milliard à terme. Le refroidissement se fera en circuit fermé, assurent-ils, pour limiter les "
             "prélèvements d'eau.",
             ("h2", "La chaleur récupérée ?"),
             "La chaleur dégagée par les machines pourrait alimenter un réseau de chauffage local. Aucune collectivité "
             "ne s'est encore engagée à le construire, a reconnu un adjoint présent.",
             "Un partenariat avec bioMérieux a également été évoqué, sans plus de précisions sur son contenu.",
         ], author="Julien Farge", section="Drôme", og_suffix=f" | {RV}", inline_related="Alixan : la zone "
         "d'activités s'étend vers la gare", most_read=MOST_FR, comments=COMMENTS_FR[:2],
         feed_date="2025-03-13T18:02:00+00:00"),
    Page("regional-permis-depose", "regional", "regional", "fr",
         f"{RV_URL}/drome/alixan/permis-de-construire-depose-pour-le-data-center", RV,
         "Permis de construire déposé pour le data center", "2025-07-01T11:20:00+02:00", [
             "Le dossier a été déposé en mairie d'Alixan le 28 juin. Il porte sur la transformation des laboratoires "
             "en salles informatiques et sur l'ajout de groupes électrogènes de secours.",
             "Le maire indique que l'instruction prendra plusieurs mois, le projet devant être examiné par les "
             "services de l'État au titre des installations classées.",
             "Des riverains ont déjà demandé à consulter les plans. Ils s'interrogent sur le bruit des "
             "groupes froids, installés sur le toit selon les premiers documents.",
         ], author="Sandrine Tavel", section="Alixan", og_suffix=f" | {RV}", most_read=MOST_FR,
         sitemap_date="2025-07-01T09:20:00+00:00"),
    Page("regional-recours-collectif", "regional", "regional", "fr",
         "https://www.tele-rhone-alpes.example/auvergne-rhone-alpes/drome/data-center-d-alixan-un-collectif-depose-un-recours",
         "Télé Rhône-Alpes Auvergne", "Data center d'Alixan : un collectif dépose un recours",
         "2026-02-19T12:30:00+01:00", [
             "Un collectif d'habitants a déposé mercredi un recours devant le tribunal administratif de Grenoble "
             "contre le permis de construire accordé fin décembre par la mairie d'Alixan.",
             "Ses membres contestent l'étude d'impact, qu'ils jugent trop légère sur la consommation d'électricité. "
             "« On parle d'une puissance comparable à celle d'une ville moyenne », estime l'une de leurs porte-parole.",
             "L'entreprise n'a pas souhaité réagir. Le recours n'est pas suspensif : les travaux peuvent "
             "théoriquement se poursuivre en attendant le jugement.",
             ("quote", "Nous ne sommes pas contre le numérique, nous voulons simplement savoir ce que cela coûtera "
                       "au territoire."),
             "Une réunion publique doit être organisée par le collectif à Alixan dans les prochaines semaines.",
         ], author="Rédaction Drôme", section="Drôme", og_suffix=" - Télé Rhône-Alpes Auvergne",
         modified="2026-02-19T18:05:00+01:00", most_read=MOST_FR,
         related=["Le conseil municipal d'Alixan valide le permis", "Les data centers, nouveaux gloutons d'électricité"]),
    Page("regional-radio-brief", "regional", "national", "fr",
         "https://www.radio-valence.example/infos/2025/11/18/le-centre-de-calcul-de-rovaltain-doublera-sa-puissance-1234567",
         "Radio Valence Info", "Le centre de calcul de Rovaltain doublera sa puissance",
         "2025-11-18T07:30:00+01:00", [
             "Sesterce revoit ses ambitions à la hausse. L'entreprise a annoncé ce mardi que son centre de calcul "
             "d'Alixan verrait sa puissance doubler par rapport au projet initial.",
             "Aucun nouveau bâtiment n'est prévu à ce stade : les machines seraient plus denses. Le raccordement "
             "électrique devra en revanche être renforcé, une question qui relève du gestionnaire du réseau.",
             "Les opposants au projet y voient la confirmation de leurs craintes et demandent une nouvelle étude.",
         ], section="Infos locales", og_suffix=" - Radio Valence Info", lead_class="chapo teaser", most_read=MOST_FR,
         feed_date="2025-11-18T06:30:00+00:00"),
    Page("regional-conseil-agglo", "regional", "regional", "fr",
         f"{RV_URL}/drome/valence/2025/10/02/l-agglo-vote-une-convention-avec-sesterce", RV,
         "L'Agglo vote une convention avec Sesterce", "2025-10-02T21:15:00+02:00", [
             "Le conseil communautaire de Valence Romans Agglo a adopté jeudi soir une convention d'objectifs avec "
             "Sesterce, par 78 voix pour, 9 contre et 6 abstentions.",
             "Le texte prévoit des rencontres régulières sur l'emploi local et sur la formation, en lien avec "
             "l'IUT de Valence. Il ne comporte aucun engagement chiffré.",
             "L'opposition a dénoncé « un chèque en blanc » et réclamé que la question de l'eau soit inscrite "
             "noir sur blanc. Le président a renvoyé au dossier d'autorisation environnementale.",
             "La séance, très suivie, s'est prolongée tard dans la soirée sur d'autres dossiers, dont le budget "
             "des transports.",
         ], author="Sandrine Tavel", section="Valence", og_suffix=f" | {RV}", split_body=True, inline_related="Budget : l'Agglo "
         "serre la vis", comments=COMMENTS_FR, most_read=MOST_FR),
    Page("regional-emploi-formation", "regional", "regional", "fr",
         f"{RV_URL}/drome/romans/2026/01/15/une-formation-aux-metiers-du-data-center-a-romans", RV,
         "Une formation aux métiers du data center à Romans", "2026-01-15T10:00:00+01:00", [
             "Le lycée professionnel de Romans-sur-Isère ouvrira à la rentrée une mention complémentaire consacrée "
             "à la maintenance des centres de données.",
             "Douze places sont prévues la première année. Les élèves effectueront leurs stages dans des "
             "entreprises de la région, dont l'opérateur installé à Rovaltain.",
             "Les enseignants ont suivi une formation spécifique sur les systèmes de refroidissement et la "
             "distribution électrique en courant continu.",
         ], author="Élodie Brun", section="Romans", og_suffix=f" | {RV}", modified="2026-01-16T09:00:00+01:00",
         most_read=MOST_FR),
    Page("regional-eau-syndicat", "regional", "regional", "fr",
         f"{RV_URL}/drome/2025/09/08/eau-le-syndicat-demande-des-garanties", RV,
         "Eau : le syndicat demande des garanties", "2025-09-08T16:40:00+02:00", [
             "Le syndicat intercommunal des eaux de la plaine de Valence a adressé un courrier au préfet pour obtenir "
             "des garanties sur les volumes prélevés par le futur centre de calcul.",
             "Le circuit fermé annoncé ne nécessiterait qu'un remplissage initial et des appoints, selon "
             "l'exploitant. Le syndicat veut des chiffres mensuels et un compteur dédié.",
             "L'été 2025, marqué par des restrictions dans plusieurs communes du département, a rendu le sujet "
             "particulièrement sensible.",
         ], author="Julien Farge", section="Drôme", og_suffix=f" | {RV}", most_read=MOST_FR, comments=COMMENTS_FR[:1]),
]

JS = "Le Journal du Soir"
JS_URL = "https://www.journal-du-soir.example"
NATIONAL = [
    Page("national-enquete-datacenters", "national", "national", "fr",
         f"{JS_URL}/economie/article/2025/04/22/la-france-terre-promise-des-centres-de-donnees_6543210_3234.html", JS,
         "La France, terre promise des centres de données", "2025-04-22T06:00:00+02:00", [
             "Électricité décarbonée, foncier disponible, aides publiques : les arguments de la France séduisent les "
             "géants du calcul. Depuis le début de l'année, les annonces se succèdent à un rythme inédit.",
             ("h2", "Des projets partout sur le territoire"),
             "De Marseille, carrefour des câbles sous-marins, au Grand Est, en passant par la Drôme, les porteurs de "
             "projets promettent des milliards. Une partie seulement verra le jour, préviennent les spécialistes du "
             "secteur.",
             "Le raccordement au réseau électrique est devenu le premier goulet d'étranglement. Certains sites "
             "attendent plusieurs années avant d'obtenir la puissance demandée.",
             ("h2", "Des élus partagés"),
             "Les maires voient arriver des recettes fiscales, mais peu d'emplois directs. « Un centre de données, "
             "c'est beaucoup de béton et peu de salariés », résume un urbaniste.",
             "Le gouvernement a promis de simplifier les procédures pour les projets jugés stratégiques, au risque "
             "de raccourcir la consultation du public.",
         ], author="Hélène Marchal", section="Économie", og_suffix=" - Le Journal du Soir", split_body=True, inline_related="Le "
         "numérique pèse de plus en plus lourd dans la consommation d'électricité",
         most_read=["Retraites : ce qui change au 1er mai", "Le prix du gaz en baisse", "Ligue 1 : le classement"],
         related=["Marseille, porte d'entrée des câbles sous-marins", "Les aides fiscales au numérique en débat"]),
    Page("national-tribune-sobriete", "national", "national", "fr",
         f"{JS_URL}/idees/article/2025/06/03/le-numerique-doit-apprendre-la-sobriete_6543999_3232.html", JS,
         "« Le numérique doit apprendre la sobriété »", "2025-06-03T14:00:00+02:00", [
             "Chaque mois apporte son lot d'annonces de centres de calcul géants, présentés comme la condition de "
             "notre souveraineté. Personne ne semble se demander combien de temps nos réseaux électriques suivront.",
             "Nous, chercheurs en énergie et en informatique, appelons à un moratoire sur les projets de plus de "
             "cent mégawatts tant qu'un schéma national n'a pas été débattu au Parlement.",
             "La question n'est pas d'être pour ou contre l'intelligence artificielle. Elle est de savoir quelles "
             "ressources nous acceptons de lui consacrer, et qui en décide.",
             "Les territoires qui accueillent ces installations doivent être associés aux choix, et pas seulement "
             "consultés une fois les permis signés.",
         ], author="Collectif", section="Idées", og_suffix=" - Le Journal du Soir",
         most_read=["Retraites : ce qui change au 1er mai", "Le prix du gaz en baisse"]),
    Page("national-echos-plan", "national", "national", "fr",
         "https://www.les-affaires.example/tech-medias/hightech/sesterce-vise-52-milliards-d-euros-d-investissements-2134567",
         "Les Affaires", "Sesterce vise 52 milliards d'euros d'investissements",
         "2025-05-20T18:30:00+02:00", [
             "La jeune pousse marseillaise voit grand. Sesterce affirme vouloir investir 52 milliards d'euros d'ici à "
             "2030 pour déployer 1,2 million de processeurs graphiques en France.",
             "Le plan repose sur plusieurs sites, dont deux dans le Grand Est et un supercalculateur dans le Sud "
             "d'une puissance de 250 mégawatts. Le financement reste à boucler.",
             "Fondée en 2018 par Anthony Tchakerian et Youssef El Manssouri, l'entreprise s'est d'abord fait "
             "connaître dans le minage de cryptomonnaies avant de se tourner vers le cloud.",
             "Plusieurs investisseurs institutionnels seraient en discussion, selon nos informations, pour une "
             "première levée de fonds au second semestre.",
         ], author="Thomas Lacombe", section="Tech", og_suffix=" | Les Affaires", lead_class="article-teaser",
         feed_date="2025-05-20T16:30:00+00:00",
         related=["Nvidia, la pénurie de puces continue", "Le cloud souverain cherche ses clients"]),
    Page("national-reporterre-eau", "national", "national", "fr",
         "https://reporterre.example/Data-centers-la-bataille-de-l-eau-commence-dans-la-Drome", "Reporterre fictif",
         "Data centers : la bataille de l'eau commence dans la Drôme", "2025-09-25T09:00:00+02:00", [
             "Dans la plaine de Valence, les agriculteurs ont vu leurs forages limités trois étés de suite. Alors "
             "quand un centre de calcul s'annonce, la première question est celle de l'eau.",
             "L'exploitant jure que son circuit fermé ne consommera presque rien. Les hydrogéologues rencontrés "
             "rappellent que tout dépend des pics de chaleur, quand les systèmes d'appoint prennent le relais.",
             "À Marseille, le collectif Le nuage était sous nos pieds documente depuis des années l'emprise des "
             "centres de données sur la ville. Ses membres sont venus partager leur expérience à Alixan.",
             ("ul", ["Consommation électrique annoncée : non communiquée",
                     "Refroidissement : circuit fermé, appoint en période chaude",
                     "Récupération de chaleur : promise, sans réseau existant"]),
             "Une enquête publique devrait permettre d'obtenir des chiffres précis. Sa date n'est pas encore connue.",
         ], author="Camille Roux", section="Enquête", og_suffix=" - Reporterre fictif", date_markup="none",
         metas=[("name", "date", "2025-09-25")], most_read=["Glyphosate : le vote reporté", "La sécheresse s'installe"]),
    Page("national-usine-chantier", "national", "national", "fr",
         "https://www.usine-et-industrie.example/article/a-alixan-le-chantier-du-centre-de-calcul-demarre.N2234567",
         "Usine & Industrie", "À Alixan, le chantier du centre de calcul démarre", "2026-01-08T08:00:00+01:00", [
             "Les premières entreprises de gros œuvre sont arrivées sur le site de l'ancien laboratoire Ecotox. "
             "Le chantier doit durer une dizaine de mois.",
             "Les transformateurs, commandés il y a un an, seront livrés au printemps. Leur délai de fabrication "
             "est devenu l'un des principaux risques des projets de ce type en Europe.",
             "Une trentaine d'entreprises locales ont répondu aux appels d'offres pour les lots secondaires, "
             "selon la chambre de commerce.",
         ], author="Nadia Benali", section="Industrie", og_suffix=" - Usine & Industrie",
         modified="2026-01-09T10:00:00+01:00", sitemap_lastmod="2026-01-12T07:00:00+00:00"),
    Page("national-tribunal-analyse", "national", "national", "fr",
         f"{JS_URL}/planete/article/2026/02/27/devant-les-tribunaux-les-data-centers-sous-pression_6600001_3244.html",
         JS, "Devant les tribunaux, les data centers sous pression", "2026-02-27T11:45:00+01:00", [
             "Les recours se multiplient contre les centres de données. À Grenoble, à Marseille ou dans la Drôme, "
             "des collectifs contestent les permis et les autorisations environnementales.",
             "Les avocats des opposants s'appuient sur la jurisprudence en matière d'étude d'impact : un projet ne "
             "peut pas être découpé en tranches pour échapper à une évaluation d'ensemble.",
             "Les industriels, eux, dénoncent une insécurité juridique qui ferait fuir les investisseurs vers "
             "d'autres pays européens.",
             ("h2", "Des délais de jugement longs"),
             "Un tribunal administratif met en moyenne plus d'un an à statuer. D'ici là, les chantiers continuent, "
             "faute de référé-suspension.",
         ], author="Hélène Marchal", section="Planète", og_suffix=" - Le Journal du Soir",
         inline_related="Ce que contient le permis contesté d'Alixan",
         most_read=["Retraites : ce qui change au 1er mai", "Ligue 1 : le classement"]),
]

TRADE = [
    Page("trade-lemagit-gpu", "trade", "trade", "fr",
         "https://www.serveurs-reseaux.example/actualites/252512345/Sesterce-detaille-l-architecture-de-son-site-drome",
         "Serveurs & Réseaux", "Sesterce détaille l'architecture de son site drômois", "2025-03-17T15:20:00+01:00", [
             "L'opérateur prévoit des baies à très haute densité, refroidies par liquide directement au niveau des "
             "processeurs. Chaque baie pourrait dépasser 100 kW.",
             "Le réseau interne s'appuiera sur de l'InfiniBand pour relier les nœuds de calcul, avec une "
             "architecture non bloquante par grappes de 1 024 processeurs graphiques.",
             ("table", [["Élément", "Valeur annoncée"], ["Processeurs graphiques", "40 000"],
                        ["PUE visé", "1,1"], ["Surface du bâtiment", "13 650 m²"], ["Mise en service", "fin 2026"]]),
             "Le stockage reposera sur des baies 100 % flash, mutualisées entre les clients. L'offre visera d'abord "
             "l'entraînement de modèles pour des laboratoires et des start-up.",
             "Aucun détail n'a été donné sur les fournisseurs retenus pour les serveurs, un choix qui dépendra des "
             "délais de livraison.",
         ], author="Olivier Kern", section="Datacenter", author_bio="Olivier Kern couvre les infrastructures "
         "depuis quinze ans. Il a auparavant travaillé chez un intégrateur.",
         promo="Téléchargez notre guide du refroidissement liquide", related=["Refroidissement liquide : le guide",
                                                                               "Les prix des GPU en baisse ?"]),
    Page("trade-jdn-marche", "trade", "trade", "fr",
         "https://www.journal-du-net.example/cloud/1534567-le-marche-francais-du-gpu-as-a-service/",
         "Le Journal du Net fictif", "Le marché français du GPU as a service", "2025-06-12T10:30:00+02:00", [
             "Une dizaine d'acteurs se disputent désormais les clients qui veulent louer de la puissance de calcul "
             "pour l'intelligence artificielle sans acheter leurs propres machines.",
             "Les tarifs à l'heure ont baissé de près de moitié en un an sur les cartes de génération précédente. "
             "Les modèles les plus récents restent rares et chers.",
             "Les clients recherchent avant tout de la disponibilité et une localisation des données en Europe, "
             "plus que le prix affiché.",
             ("ul", ["Location à l'heure pour les tests", "Réservation de grappes sur plusieurs mois",
                     "Offres dédiées pour les acteurs publics"]),
             "Les nouveaux entrants misent sur de grands sites hors de la région parisienne, où le foncier et "
             "l'électricité sont plus accessibles.",
         ], author="Léa Morin", section="Cloud", author_bio="Léa Morin suit le cloud et les semi-conducteurs.",
         related=["Qui sont les hyperscalers français ?"]),
    Page("trade-dcd-english", "trade", "trade", "en",
         "https://www.datacentre-weekly.example/en/news/french-ai-cloud-firm-files-permit-for-drome-site/",
         "DataCentre Weekly", "French AI cloud firm files permit for Drôme site", "2025-07-03T13:00:00+00:00", [
             "Sesterce has filed a building permit for its planned AI compute facility in Alixan, in south-eastern "
             "France, according to documents seen by DataCentre Weekly.",
             "The company plans to convert a former ecotoxicology research building into a facility housing up to "
             "40,000 GPUs, with a first phase budgeted at 450 million euros.",
             "The filing covers backup generators and rooftop chillers. A closed-loop liquid cooling system is "
             "expected to keep water use low, the company said.",
             "Sesterce has announced plans for 1.5GW of capacity across France by 2030, including two sites in the "
             "Grand Est region.",
         ], author="Sam Whitfield", section="News", og_suffix=" - DataCentre Weekly",
         author_bio="Sam Whitfield reports on European data center markets.", chrome_lang="en",
         related=["Europe's grid queues lengthen", "Liquid cooling goes mainstream"], feed_date="2025-07-03T13:00:00+00:00"),
    Page("trade-itforbiz-interview", "trade", "trade", "fr",
         "https://www.it-entreprise.example/interview-notre-priorite-est-le-raccordement-electrique",
         "IT & Entreprise", "« Notre priorité est le raccordement électrique »", "2025-10-21T09:15:00+02:00", [
             "Le directeur des opérations de l'opérateur répond à nos questions sur le calendrier du site drômois.",
             ("h2", "Où en est le projet ?"),
             "Les études sont terminées et le permis est en cours d'instruction. Nous avons commandé les équipements "
             "électriques dont les délais sont les plus longs.",
             ("h2", "Qu'est-ce qui pourrait retarder la mise en service ?"),
             "Le raccordement au réseau de transport d'électricité. Nous travaillons avec le gestionnaire pour "
             "obtenir une première tranche de puissance dès la fin 2026.",
             ("h2", "Et la chaleur fatale ?"),
             "Nous sommes prêts à la fournir gratuitement. Il faut qu'un réseau de chaleur soit construit, ce qui "
             "ne dépend pas de nous.",
         ], author="Marc Delorme", section="Infrastructure", author_bio="Marc Delorme est rédacteur en chef adjoint.",
         date_markup="jsonld", modified="2025-10-22T08:00:00+02:00"),
    Page("trade-filiere3e-energie", "trade", "trade", "fr",
         "https://www.filiere-energie.example/2025/12/05/data-centers-et-reseaux-de-chaleur-le-grand-ecart/",
         "Filière Énergie", "Data centers et réseaux de chaleur : le grand écart", "2025-12-05T08:00:00+01:00", [
             "Sur le papier, récupérer la chaleur des serveurs pour chauffer des logements coule de source. Dans les "
             "faits, très peu de projets aboutissent en France.",
             "La température de l'eau en sortie des salles, souvent inférieure à 40 °C, impose des pompes à chaleur "
             "pour remonter le niveau, avec un coût d'investissement élevé.",
             ("table", [["Projet", "Puissance récupérable", "État"], ["Paris Nord", "8 MW", "en service"],
                        ["Lyon Gerland", "3 MW", "en travaux"], ["Alixan", "non précisée", "à l'étude"]]),
             "Les collectivités hésitent à porter seules ces réseaux, dont la rentabilité dépend de la durée de vie "
             "du centre de données voisin.",
         ], author="Anne Salomon", section="Chaleur", date_markup="none",
         metas=[("name", "dc.date", "2025-12-05")], related=["Le fonds chaleur augmente en 2026"]),
    Page("trade-solutions-numeriques-brief", "trade", "trade", "fr",
         "https://www.solutions-num.example/actualites/sesterce-signe-avec-un-laboratoire-lyonnais-45678",
         "Solutions Num", "Sesterce signe avec un laboratoire lyonnais", "2026-03-02T16:00:00+01:00", [
             "Un laboratoire lyonnais spécialisé dans le diagnostic a réservé une partie de la capacité du futur "
             "site d'Alixan pour entraîner ses modèles d'analyse d'images.",
             "Le contrat porte sur trois ans. Son montant n'a pas été communiqué.",
             "Il s'agit du premier client nommément cité par l'opérateur depuis l'annonce du projet.",
         ], author="Rédaction", section="Brèves", og_suffix=" - Solutions Num", sitemap_date="2026-03-02T15:00:00+00:00"),
    Page("trade-heise-german-trade", "trade", "trade", "de",
         "https://www.rechenzentrum-praxis.example/news/franzoesischer-gpu-anbieter-plant-grossanlage-98765.html",
         "Rechenzentrum Praxis", "Französischer GPU-Anbieter plant Großanlage", "2025-03-20T11:00:00+01:00", [
             "Der französische Cloud-Anbieter Sesterce will in einem ehemaligen Forschungsgebäude bei Valence ein "
             "Rechenzentrum mit bis zu 40.000 Grafikprozessoren einrichten.",
             "Die erste Ausbaustufe soll 450 Millionen Euro kosten. Gekühlt wird mit einem geschlossenen "
             "Flüssigkeitskreislauf, der Wasserverbrauch soll gering bleiben.",
             "Der Betrieb ist ab Ende 2026 geplant. Die Abwärme könnte ein örtliches Fernwärmenetz speisen, sofern "
             "die Gemeinden eines bauen.",
         ], author="Karin Vogt", section="Rechenzentren", og_suffix=" | Rechenzentrum Praxis", lead_class="teaser",
         author_bio="Karin Vogt schreibt über Infrastruktur und Energie."),
]

AFD = "Agence France Dépêches"
WIRES = [
    Page("wire-afd-annonce", "wire", "wire", "fr",
         "https://www.portail-infos.example/depeches/2025-02-10/une-societe-marseillaise-va-installer-40-000-gpu-dans-la-drome",
         "Portail Infos", "Une société marseillaise va installer 40.000 GPU dans la Drôme", "2025-02-10T15:42:00+01:00", [
             ("br", ["Valence, 10 fév 2025 (AFD) - La société marseillaise Sesterce a annoncé lundi son intention "
                     "d'installer un centre de calcul de 40.000 processeurs graphiques près de Valence, dans la Drôme.",
                     "Le projet, présenté en marge du sommet sur l'intelligence artificielle, représente un "
                     "investissement initial de 450 millions d'euros, selon un communiqué de l'entreprise.",
                     "Le site, un ancien centre de recherche en écotoxicologie, doit entrer en service fin 2026.",
                     "L'entreprise revendique plusieurs centaines d'emplois à terme, sans préciser de calendrier."]),
         ], section="Dépêches", og_suffix=" - Portail Infos", footer_note=f"© {AFD} — reproduction interdite",
         date_markup="none", related=["Bourse de Paris : le CAC 40 en hausse", "Météo : vigilance orange"]),
    Page("wire-afd-recours", "wire", "wire", "fr",
         "https://www.portail-infos.example/depeches/2026-02-18/drome-recours-contre-un-centre-de-donnees",
         "Portail Infos", "Drôme : recours contre un centre de données", "2026-02-18T17:05:00+01:00", [
             "Grenoble, 18 fév 2026 (AFD) - Un collectif de riverains a saisi mercredi le tribunal administratif de "
             "Grenoble pour obtenir l'annulation du permis de construire d'un centre de calcul à Alixan (Drôme).",
             "Les requérants estiment que l'étude d'impact sous-évalue la consommation électrique du site, a indiqué "
             "leur avocate à l'AFD.",
             "Le permis avait été délivré fin décembre par la commune. L'entreprise n'a pas donné suite aux "
             "sollicitations de l'AFD.",
         ], section="Dépêches", og_suffix=" - Portail Infos", footer_note=f"© {AFD} — reproduction interdite",
         date_markup="none", show_modified=False, feed_date="2026-02-18T16:05:00+00:00"),
    Page("wire-reuters-style-en", "wire", "wire", "en",
         "https://www.market-wire.example/technology/french-startup-plans-52-billion-euro-ai-build-out-2025-05-20/",
         "Market Wire", "French startup plans 52 billion euro AI build-out", "2025-05-20T10:12:00+00:00", [
             "PARIS, May 20 (Market Wire) - French AI cloud provider Sesterce said on Tuesday it planned to invest "
             "52 billion euros by 2030 to deploy 1.2 million graphics processors across several sites in France.",
             "The company, founded in 2018 in Marseille, said the plan would require about 1.5 gigawatts of power "
             "capacity, a figure comparable to a large nuclear reactor.",
             "\"France has the low-carbon electricity that this industry needs,\" a company spokesperson said.",
             "Analysts said financing such a plan would require partners. The company did not name any investors.",
             "(Reporting by Market Wire staff; Editing by the Paris desk)",
         ], section="Technology", og_suffix=" | Market Wire", chrome_lang="en", split_body=True,
         modified="2025-05-20T14:30:00+00:00", related=["Oil steadies", "Euro zone inflation eases"]),
    Page("wire-dpa-german", "wire", "wire", "de",
         "https://www.nachrichten-portal.example/wirtschaft/frankreich-ki-rechenzentrum-bei-valence-geplant-id98765.html",
         "Nachrichten Portal", "Frankreich: KI-Rechenzentrum bei Valence geplant", "2025-02-11T09:30:00+01:00", [
             "Paris (dpn) - Ein französisches Start-up will im Südosten des Landes ein großes Rechenzentrum für "
             "künstliche Intelligenz bauen.",
             "Das Unternehmen Sesterce kündigte am Rande des KI-Gipfels in Paris an, in einem früheren "
             "Forschungsgebäude bei Valence bis zu 40.000 Grafikprozessoren zu installieren.",
             "Präsident Macron hatte zuvor Investitionen von mehr als 100 Milliarden Euro in die KI-Infrastruktur "
             "angekündigt. Kritiker verweisen auf den hohen Strombedarf solcher Anlagen.",
         ], section="Wirtschaft", og_suffix=" | Nachrichten Portal", footer_note="© dpn", lead_class="teaser-text",
         related=["DAX schließt fester", "Bahnstreik angekündigt"]),
    Page("wire-efe-spanish", "wire", "wire", "es",
         "https://www.noticias-hoy.example/economia/20250211/francia-centro-datos-inteligencia-artificial-drome",
         "Noticias Hoy", "Francia atrae un gran centro de datos para la inteligencia artificial",
         "2025-02-11T12:20:00+01:00", [
             "París, 11 feb (Efa).- Una empresa francesa instalará un centro de datos con 40.000 procesadores "
             "gráficos en la región de Valence, en el sureste de Francia, según anunció este martes.",
             "La inversión inicial asciende a 450 millones de euros y la puesta en marcha está prevista para finales "
             "de 2026.",
             "El anuncio se produjo durante la cumbre sobre inteligencia artificial celebrada en París, donde el "
             "Gobierno francés presentó numerosos proyectos de infraestructura.",
         ], section="Economía", og_suffix=" | Noticias Hoy", footer_note="© Efa",
         related=["El Ibex cierra en positivo"]),
    Page("wire-afd-breve-chiffres", "wire", "wire", "fr",
         "https://www.portail-infos.example/depeches/2025-11-18/sesterce-double-la-puissance-de-son-site-drome",
         "Portail Infos", "Sesterce double la puissance de son site drômois", "2025-11-18T11:00:00+01:00", [
             "Valence, 18 nov 2025 (AFD) - Le fournisseur de calcul Sesterce a annoncé mardi qu'il doublerait la "
             "puissance de son futur site d'Alixan, sans préciser le nouveau chiffre.",
             "L'opérateur a également indiqué avoir sécurisé une première tranche de raccordement électrique.",
         ], section="Dépêches", og_suffix=" - Portail Infos", footer_note=f"© {AFD} — reproduction interdite",
         metas=[("name", "pubdate", "2025-11-19")], date_markup="none", show_published=True),
]

PAGES = REGIONAL + NATIONAL + TRADE + WIRES

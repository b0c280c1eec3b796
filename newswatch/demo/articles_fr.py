"""French near-misses and general data-center articles."""

from newswatch.demo.model import DemoArticle

FR_ARTICLES = (
    DemoArticle(
        slug="un-tresor-de-sesterces-romains-mis-au-jour-pres-de-crest",
        outlet="courrier",
        lang="fr",
        kind="near-miss",
        topics=frozenset(),
        author="Julien Mathieu-Roux",
        age_days=6,
        title="Un trésor de sesterces romains mis au jour dans un champ près de Crest",
        paragraphs=(
            "Il pensait avoir heurté une pierre. En labourant une parcelle en bordure de la Drôme, "
            "au sud de Crest, un agriculteur a fait remonter à la surface les fragments d'un vase "
            "en céramique, puis une poignée de pièces vertes et noircies. Quelques semaines plus "
            "tard, les archéologues confirment l'importance de la découverte : il s'agit d'un "
            "dépôt de plus de trois cents sesterces romains.",
            "Le sesterce était une grosse pièce de bronze, ou plus exactement d'orichalque, un "
            "alliage de cuivre et de zinc à l'aspect doré lorsqu'il était neuf. Sous le "
            "Haut-Empire, il servait aux paiements du quotidien : un repas modeste, un salaire "
            "journalier, l'achat de quelques outils. Quatre sesterces valaient un denier d'argent.",
            "Les premières pièces nettoyées portent les effigies de plusieurs empereurs du IIe "
            "siècle, d'Hadrien à Marc Aurèle. La plus récente permet de situer l'enfouissement "
            "vers la fin du règne de ce dernier. Les spécialistes y voient l'épargne d'une famille "
            "aisée, peut-être des exploitants d'une villa agricole dont les vestiges restent à "
            "localiser dans les environs.",
            "Pourquoi enterrer ses économies ? Les hypothèses ne manquent pas. Les périodes "
            "d'insécurité, d'épidémie ou de troubles politiques poussaient souvent les "
            "propriétaires à dissimuler leurs biens, avec l'intention de les récupérer plus tard. "
            "Si ce trésor est resté en terre pendant près de dix-huit siècles, c'est que son "
            "propriétaire n'est jamais revenu le chercher.",
            "Le lot a été confié au service régional de l'archéologie, qui coordonne son étude "
            "avec des numismates. Chaque sesterce sera photographié, pesé et décrit. Certains "
            "revers, qui représentent des divinités, des scènes militaires ou des monuments, "
            "pourraient apporter des informations nouvelles sur la circulation monétaire dans la "
            "vallée du Rhône.",
            "L'agriculteur, qui a immédiatement déclaré sa trouvaille comme l'exige la loi, sera "
            "associé à la suite des opérations. Une partie des pièces pourrait être présentée au "
            "public au musée de Valence, à l'issue de leur restauration, dans une exposition "
            "consacrée à la vie quotidienne dans la région à l'époque romaine.",
            "Les archéologues lancent au passage un appel : toute personne qui trouverait des "
            "monnaies anciennes en travaillant son terrain doit le signaler en mairie, et surtout "
            "ne pas les nettoyer elle-même, au risque d'effacer des détails précieux.",
        ),
        comments=(
            "Quelle belle découverte, j'espère qu'on pourra voir les pièces au musée.",
            "Mon grand-père trouvait des tessons dans ce secteur, il y a sûrement d'autres "
            "vestiges.",
            "Bravo à l'agriculteur pour son honnêteté.",
        ),
    ),
    DemoArticle(
        slug="gare-de-valence-tgv-le-parking-de-rovaltain-s-agrandit",
        outlet="courrier",
        lang="fr",
        kind="near-miss",
        topics=frozenset({"rovaltain"}),
        author="Sophie Arnaud",
        age_days=9,
        title="Gare de Valence TGV : le parking de Rovaltain s'agrandit de 400 places",
        paragraphs=(
            "Les usagers de la gare de Valence TGV le savent bien : trouver une place de "
            "stationnement un lundi matin relève parfois de l'exploit. Le syndicat mixte qui gère "
            "le parc de Rovaltain a lancé les travaux d'un nouveau parking de 400 places, qui doit "
            "ouvrir avant la fin de l'année et soulager un secteur saturé aux heures de pointe.",
            "Le futur parc de stationnement sera aménagé sur une parcelle située au nord des "
            "parkings existants, à quelques minutes à pied du bâtiment voyageurs. Il comportera "
            "des ombrières photovoltaïques, une trentaine de bornes de recharge pour véhicules "
            "électriques et un abri sécurisé pour les vélos, de plus en plus nombreux à rejoindre "
            "la gare depuis Alixan, Châteauneuf-sur-Isère ou Bourg-de-Péage.",
            "La gare, située sur la ligne à grande vitesse, voit passer chaque jour plusieurs "
            "milliers de voyageurs, dont beaucoup de navetteurs travaillant à Lyon, Marseille ou "
            "Paris. La fréquentation a fortement augmenté depuis la crise sanitaire, avec l'essor "
            "du travail hybride qui permet à des salariés de s'installer dans la Drôme tout en se "
            "rendant au bureau quelques jours par semaine.",
            "Le chantier entraînera quelques perturbations. Une partie du parking longue durée "
            "sera fermée pendant environ trois mois, et un itinéraire provisoire sera mis en place "
            "pour les cars régionaux. Les responsables du site recommandent aux voyageurs de "
            "privilégier le covoiturage ou la navette de bus depuis Valence pendant cette période.",
            "Le projet a un coût d'environ six millions d'euros, financés par les collectivités "
            "membres du syndicat et par la revente de l'électricité produite par les ombrières. "
            "Les tarifs du stationnement ne devraient pas évoluer dans l'immédiat, mais une "
            "réflexion est engagée sur une tarification plus avantageuse pour les abonnés "
            "réguliers.",
            "Les entreprises installées sur le parc de Rovaltain, qui réclamaient depuis longtemps "
            "davantage de places pour leurs salariés et leurs visiteurs, saluent une amélioration "
            "attendue. Certaines demandent aussi un renforcement des lignes de bus, afin que la "
            "voiture ne reste pas le seul moyen pratique de rejoindre la zone.",
        ),
        comments=(
            "Enfin ! Tourner vingt minutes pour se garer, c'était devenu infernal.",
            "Ce serait mieux de renforcer les bus plutôt que de bétonner encore.",
            "Les ombrières, bonne idée, les voitures ne seront plus des fours l'été.",
        ),
    ),
    DemoArticle(
        slug="les-pme-dromoises-se-convertissent-a-l-ia-et-au-cloud",
        outlet="echo",
        lang="fr",
        kind="near-miss",
        topics=frozenset(),
        author="Thomas Bériot",
        age_days=4,
        title="Les PME drômoises se convertissent à l'IA et au cloud, avec prudence",
        paragraphs=(
            "Logiciels de gestion hébergés dans le cloud, assistants d'IA pour rédiger des devis, "
            "outils de traduction automatique : les petites et moyennes entreprises de la Drôme "
            "adoptent les nouveaux outils numériques à un rythme plus soutenu qu'on ne l'imagine. "
            "C'est ce que montre une enquête menée par la chambre de commerce auprès de plusieurs "
            "centaines de dirigeants.",
            "Près de six entreprises interrogées sur dix déclarent utiliser au moins un service de "
            "cloud pour leur comptabilité, leur messagerie ou le partage de fichiers. Une sur "
            "trois a déjà testé un outil d'IA générative, le plus souvent pour des tâches de "
            "rédaction ou de synthèse de documents. Les usages plus avancés, comme la prévision "
            "des ventes, restent rares.",
            "Les dirigeants citent en premier lieu le gain de temps. Une entreprise de menuiserie "
            "de Romans explique préparer ses réponses aux appels d'offres deux fois plus vite "
            "qu'auparavant. Un cabinet d'expertise comptable de Montélimar utilise un assistant "
            "pour trier les pièces justificatives envoyées par ses clients.",
            "Mais l'enthousiasme s'accompagne de réserves. Beaucoup de chefs d'entreprise disent "
            "ne pas savoir précisément où sont stockées leurs informations, ni ce que les "
            "fournisseurs en font. La question de la confidentialité des données clients revient "
            "dans la majorité des entretiens, tout comme la crainte de dépendre d'un prestataire "
            "unique dont les tarifs peuvent augmenter du jour au lendemain.",
            "La formation constitue l'autre frein. Les salariés apprennent souvent seuls, par "
            "tâtonnements, et les erreurs produites par les outils d'IA ne sont pas toujours "
            "repérées. La chambre de commerce prévoit une série d'ateliers gratuits au printemps "
            "pour aider les dirigeants à choisir leurs outils, à rédiger une charte d'utilisation "
            "et à vérifier les contrats.",
            "Pour les auteurs de l'enquête, la Drôme ne se distingue pas fondamentalement du reste "
            "du pays. Le territoire compte cependant une forte proportion de très petites "
            "entreprises, pour lesquelles chaque abonnement supplémentaire pèse dans le budget, ce "
            "qui explique une adoption plus progressive que dans les grandes agglomérations.",
        ),
        comments=(
            "Dans ma petite boîte, on utilise l'IA pour les mails, ça aide vraiment.",
            "Attention aux abonnements qui s'empilent, la facture grimpe vite.",
        ),
    ),
    DemoArticle(
        slug="repair-cafe-de-romans-redonner-vie-aux-vieux-ordinateurs",
        outlet="nuages",
        lang="fr",
        kind="near-miss",
        topics=frozenset(),
        author="Margot L.",
        age_days=13,
        title="Repair café de Romans : redonner vie à nos vieux ordinateurs",
        paragraphs=(
            "Samedi dernier, la salle associative du quartier de la Monnaie, à Romans, ressemblait "
            "à un atelier d'horloger. Sur les tables, des ordinateurs portables ouverts, des "
            "tournevis minuscules, des barrettes de mémoire et des tasses de café. Une quinzaine "
            "de bénévoles ont accueilli une soixantaine de personnes venues avec des machines "
            "jugées trop lentes ou en panne.",
            "Le constat des réparateurs est presque toujours le même : la plupart de ces "
            "ordinateurs ne sont pas morts. Un disque dur fatigué remplacé par un modèle récent, "
            "un peu de mémoire en plus, un ventilateur dépoussiéré, un système d'exploitation "
            "léger, et une machine de dix ans redevient parfaitement utilisable pour le courrier "
            "électronique, le traitement de texte ou les démarches administratives.",
            "La fabrication d'un ordinateur représente l'essentiel de son impact environnemental : "
            "extraction de métaux, énergie, transport. Prolonger sa durée de vie de quelques "
            "années est donc l'un des gestes les plus efficaces que l'on puisse faire. C'est aussi "
            "une question d'argent, à l'heure où beaucoup de familles peinent à remplacer un "
            "équipement.",
            "Les bénévoles ne se contentent pas de réparer. Ils expliquent, montrent, encouragent "
            "les visiteurs à mettre eux-mêmes la main dans la machine. Une retraitée est repartie "
            "fière d'avoir changé seule la batterie de son portable. Un lycéen a appris à "
            "installer un système libre sur l'ancien ordinateur familial.",
            "Tout ne se répare pas, évidemment. Certaines marques rendent l'ouverture des "
            "appareils presque impossible, avec des composants soudés et des vis propriétaires. "
            "Les bénévoles tiennent une liste des modèles les plus difficiles à réparer, et la "
            "partagent volontiers avec ceux qui s'apprêtent à acheter un nouvel équipement.",
            "Prochain rendez-vous le premier samedi du mois prochain, de 9 heures à midi. Apportez "
            "vos appareils, vos chargeurs et votre curiosité. Les pièces détachées sont vendues à "
            "prix coûtant et les conseils sont gratuits.",
        ),
        comments=(
            "Merci pour l'accueil samedi, mon portable revit !",
            "Réparer nos ordis c'est bien, mais pendant ce temps on laisse construire un data "
            "center géant à Rovaltain pour Sesterce, et là c'est des milliers de serveurs neufs "
            "d'un coup.",
            "Super initiative, il en faudrait dans chaque ville.",
        ),
    ),
    DemoArticle(
        slug="une-start-up-de-drones-agricoles-s-installe-a-rolvaltain",
        outlet="echo",
        lang="fr",
        kind="near-miss",
        topics=frozenset({"rovaltain"}),
        author="Pierre-Antoine Lemoine",
        age_days=17,
        title="Une start-up de drones agricoles choisit Rolvaltain pour son siège",
        paragraphs=(
            "La jeune entreprise Agrivol, spécialisée dans les drones d'observation pour "
            "l'agriculture, a choisi le parc d'activités de Rolvaltain, près de la gare de Valence "
            "TGV, pour installer son siège et son atelier d'assemblage. Elle y occupera dès le "
            "mois prochain un plateau de huit cents mètres carrés dans un immeuble de bureaux "
            "récemment rénové.",
            "Fondée il y a quatre ans par deux ingénieurs agronomes, la société conçoit des drones "
            "capables de survoler les vergers et les vignes pour repérer les zones de stress "
            "hydrique, les attaques de ravageurs ou les carences en azote. Les images sont "
            "analysées et transmises aux exploitants sous forme de cartes, qui leur permettent de "
            "ne traiter ou d'irriguer que les parcelles qui en ont besoin.",
            "Le choix de Rolvaltain tient à plusieurs raisons, explique l'un des fondateurs. La "
            "proximité de la gare permet de recevoir facilement des clients et des partenaires "
            "venus de Lyon ou de Paris. Le bassin agricole drômois, avec ses arboriculteurs et ses "
            "viticulteurs, offre un terrain d'essai idéal. Et les loyers restent raisonnables par "
            "rapport à ceux des grandes métropoles.",
            "L'entreprise emploie aujourd'hui une vingtaine de personnes et prévoit d'en recruter "
            "une dizaine d'autres d'ici à la fin de l'année, principalement des techniciens de "
            "maintenance, des pilotes de drones certifiés et des développeurs. Elle vient de "
            "boucler une levée de fonds de plusieurs millions d'euros auprès d'investisseurs "
            "régionaux.",
            "Son modèle économique repose sur un abonnement saisonnier : l'agriculteur paie pour "
            "un nombre de survols et reçoit ses cartes dans les quarante-huit heures. Plusieurs "
            "coopératives fruitières de la vallée du Rhône ont déjà signé des contrats, et des "
            "discussions sont engagées avec des domaines viticoles du Diois.",
            "Pour les gestionnaires du parc, l'arrivée d'Agrivol confirme l'attractivité du site "
            "pour les entreprises innovantes liées à l'agriculture et à l'environnement. Plusieurs "
            "autres implantations seraient à l'étude, dans des secteurs allant de la logistique à "
            "l'agroalimentaire.",
        ),
        comments=(
            "Très bonne nouvelle pour nos arboriculteurs.",
            "Des drones au-dessus des vergers, il faudra quand même encadrer ça.",
        ),
    ),
    DemoArticle(
        slug="marseille-carrefour-des-cables-sous-marins-et-des-data-centers",
        outlet="echo",
        lang="fr",
        kind="general",
        topics=frozenset({"datacenters"}),
        author="Nadia Kessler",
        age_days=6,
        title="Marseille, carrefour des câbles sous-marins et des data centers",
        paragraphs=(
            "Il suffit de longer le port autonome pour apercevoir les signes d'une transformation "
            "discrète. Derrière les quais et les anciens bâtiments portuaires, Marseille est "
            "devenue en une décennie l'un des principaux points d'arrivée de câbles sous-marins au "
            "monde. Une quinzaine de ces câbles relient la cité phocéenne à l'Afrique, au "
            "Moyen-Orient et à l'Asie, et plusieurs autres sont en projet.",
            "Cette position stratégique a attiré les exploitants de data centers. Héberger des "
            "serveurs au plus près de l'arrivée des câbles permet de réduire les délais de "
            "transmission, un critère essentiel pour les opérateurs de télécommunications et les "
            "grandes plateformes. Plusieurs campus ont ainsi vu le jour dans les quartiers nord et "
            "sur le port, parfois dans d'anciens bâtiments industriels.",
            "Digital Realty, l'un des principaux acteurs du secteur, met en avant un système dit "
            "de « river cooling » : l'eau d'une ancienne galerie minière, qui s'écoule à "
            "température fraîche toute l'année, sert à refroidir une partie de ses installations "
            "avant de rejoindre la mer. L'exploitant y voit un moyen de limiter sa consommation "
            "d'électricité pour la climatisation.",
            "L'essor du secteur ne fait pas l'unanimité. Des habitants et des associations "
            "dénoncent l'emprise foncière des data centers sur des terrains portuaires qui "
            "pourraient accueillir d'autres activités, leur consommation d'électricité, qui "
            "mobilise des capacités du réseau local, et le faible nombre d'emplois créés au regard "
            "des surfaces occupées.",
            "La métropole tente de trouver un équilibre. Elle souhaite conserver son rôle de hub "
            "numérique tout en imposant davantage de contreparties, comme la récupération de "
            "chaleur au profit de bâtiments voisins. Plusieurs projets de réseaux de chaleur "
            "alimentés par des salles de serveurs sont à l'étude, avec des résultats encore "
            "modestes.",
            "Pour les spécialistes du secteur, la croissance n'est pas près de s'arrêter. "
            "L'intelligence artificielle multiplie les besoins de calcul et de stockage, et la "
            "position de Marseille en fait une porte d'entrée naturelle pour les flux de données "
            "entre l'Europe et le reste du monde.",
        ),
        comments=(
            "On a surtout vendu le port aux géants du numérique.",
            "Le river cooling est une idée intéressante, encore faut-il mesurer l'impact sur la "
            "mer.",
        ),
    ),
    DemoArticle(
        slug="stopmicro-a-grenoble-l-eau-des-puces-et-des-datacenters",
        outlet="nuages",
        lang="fr",
        kind="general",
        topics=frozenset({"datacenters"}),
        author="Yann B.",
        age_days=19,
        title="StopMicro : à Grenoble, l'eau des puces et celle des datacenters",
        paragraphs=(
            "Nous sommes allés à Grenoble rencontrer le collectif StopMicro, qui s'oppose depuis "
            "plusieurs années à l'extension des usines de semi-conducteurs de la cuvette "
            "grenobloise. Leur combat peut sembler éloigné du nôtre. Il ne l'est pas du tout.",
            "Les usines de puces consomment des quantités d'eau considérables, de l'ordre de "
            "plusieurs milliers de mètres cubes par heure pour les plus grandes, afin de rincer "
            "les plaquettes de silicium avec une eau d'une pureté extrême. Le collectif a "
            "documenté, chiffres publics à l'appui, la part croissante de l'industrie dans les "
            "prélèvements locaux, alors même que les habitants sont appelés à économiser l'eau.",
            "Ces puces, où finissent-elles ? En partie dans les téléphones et les voitures, mais "
            "de plus en plus dans les serveurs des datacenters. La course à l'intelligence "
            "artificielle tire toute la chaîne : davantage de processeurs, donc davantage "
            "d'usines, donc davantage d'eau, puis des bâtiments entiers pour faire tourner ces "
            "processeurs, qui eux-mêmes consomment électricité et eau pour leur refroidissement.",
            "Ce qui nous a frappés, c'est la méthode du collectif. Des réunions publiques "
            "régulières, des brochures très documentées, un travail patient de lecture des arrêtés "
            "préfectoraux et des rapports d'entreprise. Pas de slogan sans chiffre. C'est une "
            "inspiration pour tous les collectifs qui, comme nous, font face à des projets "
            "présentés comme inévitables.",
            "Nous avons aussi parlé de stratégie. Les membres de StopMicro insistent sur "
            "l'importance de relier les luttes : ceux qui s'opposent aux usines, aux mines, aux "
            "data-centres et aux lignes à haute tension parlent en réalité du même système. "
            "Isolés, chacun de ces combats est facile à caricaturer comme un refus du progrès.",
            "Nous repartons avec une pile de documents et l'envie de travailler ensemble. Une "
            "rencontre entre collectifs de la région est envisagée pour l'automne, à mi-chemin "
            "entre Grenoble et la Drôme.",
        ),
        comments=(
            "Merci pour ce compte rendu, le lien entre puces et serveurs est essentiel.",
            "StopMicro fait un travail remarquable, leurs brochures sont une mine d'or.",
        ),
    ),
    DemoArticle(
        slug="electricite-l-avantage-fiscal-des-centres-de-donnees-en-debat",
        outlet="echo",
        lang="fr",
        kind="general",
        topics=frozenset({"datacenters"}),
        author="Pierre-Antoine Lemoine",
        age_days=24,
        title="Électricité : l'avantage fiscal des centres de données en débat",
        paragraphs=(
            "C'est une niche fiscale peu connue du grand public, mais très surveillée par le "
            "secteur numérique. Les centres de données bénéficient en France d'un taux réduit de "
            "taxe sur l'électricité dès lors que leur consommation dépasse un certain seuil. Un "
            "avantage qui se chiffre en dizaines de millions d'euros par an pour l'ensemble de la "
            "filière, et dont plusieurs parlementaires demandent aujourd'hui la révision.",
            "Le dispositif avait été introduit pour renforcer l'attractivité du pays face à ses "
            "voisins européens, dans un contexte de concurrence féroce pour attirer les "
            "investissements. Les exploitants soulignent qu'il a largement atteint son but : la "
            "France s'est imposée comme l'une des principales destinations des nouveaux projets en "
            "Europe, portée aussi par une électricité peu carbonée.",
            "Ses détracteurs estiment que la situation a changé. Avec l'essor de l'intelligence "
            "artificielle, les projets se multiplient et atteignent des tailles inédites, de "
            "plusieurs centaines de mégawatts. Faut-il encore subventionner, même indirectement, "
            "une activité qui ne manque pas de candidats ? D'autant que ces nouveaux consommateurs "
            "mobilisent des capacités du réseau dont l'industrie a aussi besoin pour se "
            "décarboner.",
            "Plusieurs amendements ont proposé de conditionner le taux réduit à des engagements "
            "environnementaux : récupération de la chaleur, performance énergétique mesurée, "
            "transparence sur la consommation d'eau. D'autres suggèrent de le réserver aux sites "
            "qui hébergent des services essentiels, comme la santé ou les administrations.",
            "Les représentants de la filière mettent en garde contre un signal négatif envoyé aux "
            "investisseurs. Ils rappellent que les décisions d'implantation se prennent sur des "
            "horizons de dix à vingt ans et que la stabilité des règles fiscales est un critère "
            "déterminant.",
            "Le gouvernement, qui multiplie les annonces en faveur de l'intelligence artificielle, "
            "se montre prudent. Une mission d'évaluation pourrait être lancée avant toute "
            "modification, ce qui repousserait le débat à la prochaine loi de finances.",
        ),
        comments=(
            "Subventionner des géants du numérique pendant que les PME paient plein tarif, c'est "
            "choquant.",
            "La stabilité fiscale compte, sinon les projets iront ailleurs.",
        ),
    ),
    DemoArticle(
        slug="les-data-centres-pesent-de-plus-en-plus-sur-le-reseau-electrique",
        outlet="courrier",
        lang="fr",
        kind="general",
        topics=frozenset({"datacenters"}),
        author="Marc Deléage",
        age_days=12,
        title="Les data-centres pèsent de plus en plus lourd sur le réseau électrique",
        paragraphs=(
            "La consommation d'électricité des data-centres progresse plus vite que prévu en "
            "France. Selon les dernières projections du gestionnaire du réseau de transport, ces "
            "installations pourraient représenter plusieurs pour cent de la consommation nationale "
            "d'ici à la fin de la décennie, contre environ deux pour cent aujourd'hui.",
            "Cette accélération s'explique par l'essor du calcul pour l'intelligence artificielle. "
            "Une salle équipée de processeurs graphiques récents consomme plusieurs fois plus "
            "qu'une salle de serveurs classique de même surface. Les demandes de raccordement "
            "déposées par les porteurs de projets représentent désormais des milliers de "
            "mégawatts, bien au-delà de ce qui sera effectivement construit.",
            "Pour le réseau, le défi est surtout local. Un grand site concentre une puissance "
            "considérable en un seul point, qu'il faut acheminer par des lignes à haute tension et "
            "des postes de transformation. Ces équipements demandent des années d'études et de "
            "travaux, et entrent parfois en concurrence avec les besoins de l'industrie ou des "
            "nouveaux quartiers.",
            "Dans la vallée du Rhône, bien dotée en production électrique grâce aux centrales "
            "nucléaires et aux barrages, plusieurs territoires se disent sollicités. Les élus y "
            "voient une opportunité économique, mais certains s'inquiètent de voir les capacités "
            "de raccordement absorbées par un petit nombre d'acteurs au détriment d'autres "
            "projets.",
            "Les exploitants font valoir des efforts d'efficacité. Les installations récentes "
            "affichent de bien meilleurs rendements que celles d'il y a dix ans, et certaines "
            "acceptent de réduire leur consommation lors des pics de demande, en échange d'une "
            "rémunération. Reste que l'efficacité par machine ne compense pas la croissance du "
            "nombre de machines.",
            "Les pouvoirs publics envisagent de mieux encadrer la file d'attente des "
            "raccordements, pour donner la priorité aux projets les plus avancés et décourager les "
            "demandes spéculatives.",
        ),
        comments=(
            "Et après on nous demande de débrancher nos box la nuit...",
            "Les barrages du Rhône ne sont pas extensibles, il faudra faire des choix.",
        ),
    ),
    DemoArticle(
        slug="le-nuage-etait-sous-nos-pieds-marseille-la-bataille-des-datacenters",
        outlet="nuages",
        lang="fr",
        kind="general",
        topics=frozenset({"datacenters"}),
        author="Collectif Nuages Bas",
        age_days=21,
        title="« Le nuage était sous nos pieds » : à Marseille, la bataille des datacenters",
        paragraphs=(
            "Le nom du collectif marseillais dit tout : Le nuage était sous nos pieds. Derrière "
            "l'image vaporeuse du cloud, il y a des bâtiments, des câbles, des groupes "
            "électrogènes et des transformateurs, bien réels, installés dans des quartiers où "
            "vivent des gens. Nous avons passé une journée avec ses membres, dans les quartiers "
            "nord de la ville.",
            "Première étape : une balade le long des clôtures. Nos guides montrent les datacenters "
            "installés dans d'anciens entrepôts, les cuves de fioul des générateurs de secours, "
            "les postes électriques flambant neufs. Ils racontent la surprise des riverains qui "
            "ont découvert, souvent par hasard, ce que contenaient ces bâtiments sans fenêtres.",
            "Le collectif a mené un long travail d'enquête sur les autorisations, la consommation "
            "électrique et l'usage du foncier portuaire. Il a montré comment l'installation de ces "
            "sites avait mobilisé des capacités du réseau qui auraient pu servir à électrifier les "
            "quais, où les navires de croisière font tourner leurs moteurs pendant les escales, au "
            "détriment de l'air respiré par les habitants.",
            "Ce que nous retenons, c'est la démarche : rendre visible ce que l'industrie numérique "
            "préfère garder invisible. Les membres du collectif organisent des visites, publient "
            "des cartes, interpellent les élus lors des conseils municipaux. Ils refusent qu'on "
            "les enferme dans le rôle d'adversaires du progrès.",
            "Leur expérience nous est précieuse. Les promesses faites aux Marseillais ressemblent "
            "à celles que l'on entend ailleurs : des emplois, de la chaleur récupérée, une "
            "consommation maîtrisée. Une décennie plus tard, le bilan qu'ils dressent est "
            "nettement plus sombre, avec peu d'emplois locaux et des projets de récupération de "
            "chaleur encore très limités.",
            "Nous avons convenu de partager nos documents et de nous retrouver bientôt. Les "
            "questions que pose l'expansion des datacenters ne s'arrêtent pas aux limites d'une "
            "commune.",
        ),
        comments=(
            "Leur cartographie est impressionnante, allez voir leur site.",
            "Merci, on se sent moins seuls dans nos combats locaux.",
        ),
    ),
    DemoArticle(
        slug="sisteron-aubergenville-les-projets-de-centres-de-donnees-se-multiplient",
        outlet="courrier",
        lang="fr",
        kind="general",
        topics=frozenset({"datacenters"}),
        author="Élodie Faure",
        age_days=75,
        title=(
            "Sisteron, Aubergenville : les projets de centres de données se multiplient et "
            "interrogent"
        ),
        paragraphs=(
            "À Sisteron, dans les Alpes-de-Haute-Provence, comme à Aubergenville, dans les "
            "Yvelines, les annonces de nouveaux centres de données se succèdent. Partout, le "
            "schéma se répète : un investisseur présente un projet de plusieurs centaines de "
            "millions d'euros, les élus saluent une opportunité, puis des habitants commencent à "
            "poser des questions.",
            "Ces projets ont des points communs. Ils recherchent des terrains vastes et bien "
            "raccordés au réseau électrique, souvent d'anciens sites industriels ou des zones "
            "d'activités en attente d'occupants. Ils promettent une mise en service rapide et "
            "mettent en avant la reconversion de friches. Ils sont souvent liés, de près ou de "
            "loin, à l'essor de l'intelligence artificielle.",
            "Les inquiétudes aussi se ressemblent. La consommation électrique de ces "
            "installations, qui peut égaler celle d'une ville moyenne, fait craindre des tensions "
            "sur le réseau local. Le refroidissement soulève la question de l'eau, surtout dans "
            "les territoires méridionaux déjà confrontés à la sécheresse. Le nombre d'emplois, "
            "enfin, paraît modeste au regard des montants investis.",
            "Dans plusieurs communes, des collectifs se sont formés pour réclamer des études "
            "indépendantes et des réunions publiques. Certains ont engagé des recours contre les "
            "autorisations d'urbanisme. Les porteurs de projets répondent par des engagements sur "
            "l'efficacité énergétique, la réutilisation de la chaleur et le recrutement local.",
            "L'État, qui affiche l'ambition de faire de la France une terre d'accueil pour les "
            "infrastructures de l'intelligence artificielle, a identifié des dizaines de sites "
            "susceptibles d'accueillir de grands projets. Une procédure accélérée est envisagée "
            "pour les installations jugées stratégiques, ce qui inquiète les associations de "
            "protection de l'environnement.",
            "Les experts de l'aménagement du territoire plaident pour une planification nationale, "
            "afin d'éviter une dispersion des projets au gré des opportunités foncières et de "
            "concentrer les efforts de raccordement sur quelques zones bien choisies.",
        ),
        comments=(
            "Le même scénario partout, et toujours les mêmes promesses.",
            "Une planification nationale, oui, plutôt que le premier arrivé premier servi.",
        ),
    ),
)

"""French local and business news that matches no topic."""

from newswatch.demo.model import DemoArticle

LOCAL_ARTICLES = (
    DemoArticle(
        slug="vendanges-une-recolte-modeste-mais-prometteuse-sur-les-coteaux",
        outlet="courrier",
        lang="fr",
        kind="ordinary",
        topics=frozenset(),
        author="Marc Deléage",
        age_days=20,
        title="Vendanges : une récolte modeste mais prometteuse sur les coteaux de l'Hermitage",
        paragraphs=(
            "Les sécateurs se sont tus sur les coteaux de Tain-l'Hermitage. Après trois semaines "
            "de vendanges menées sous un soleil parfois écrasant, les vignerons dressent un "
            "premier bilan contrasté : des volumes en retrait par rapport à la moyenne des dix "
            "dernières années, mais des raisins d'une qualité qui laisse espérer un beau "
            "millésime.",
            "Le printemps avait pourtant inquiété. Un épisode de gel tardif, suivi de pluies "
            "abondantes au moment de la floraison, a provoqué de la coulure sur plusieurs "
            "parcelles. Les grappes se sont retrouvées moins fournies, avec des baies plus petites "
            "et plus concentrées. Les exploitations les plus touchées annoncent des pertes de "
            "l'ordre d'un quart de leur récolte habituelle.",
            "L'été, chaud et sec, a ensuite permis une maturation régulière. Les analyses "
            "réalisées avant la récolte montraient des degrés d'alcool raisonnables et une belle "
            "acidité, un équilibre recherché pour la syrah, le cépage roi de l'appellation. Les "
            "blancs, issus de marsanne et de roussanne, s'annoncent aromatiques et frais.",
            "Sur les terrasses les plus pentues, la récolte reste entièrement manuelle. Trouver "
            "des saisonniers devient chaque année plus difficile, constatent plusieurs domaines, "
            "qui ont dû faire appel à des étudiants, à des retraités et même à des clients fidèles "
            "venus prêter main-forte le temps d'un week-end. Les conditions d'hébergement des "
            "travailleurs saisonniers restent un sujet de préoccupation dans la vallée.",
            "Dans les caves, les premières fermentations se déroulent sans encombre. Les "
            "vinificateurs parlent de jus colorés et de tanins souples. Il faudra néanmoins "
            "attendre le printemps et les premières dégustations pour confirmer ces impressions, "
            "rappellent-ils avec prudence.",
            "Côté commercial, la petite récolte pourrait maintenir les prix à un niveau élevé, "
            "alors que les exportations vers certains pays marquent le pas. Les domaines misent "
            "sur la vente directe et l'œnotourisme, qui a connu une fréquentation record cet été "
            "grâce aux visites de caves et aux balades dans les vignes.",
        ),
        comments=(
            "Vivement les premières dégustations !",
            "Respect aux vendangeurs sur ces pentes, c'est un travail de forçat.",
        ),
    ),
    DemoArticle(
        slug="travaux-sur-le-pont-de-la-veore-circulation-alternee",
        outlet="courrier",
        lang="fr",
        kind="ordinary",
        topics=frozenset(),
        author="Sophie Arnaud",
        age_days=3,
        title="Travaux sur le pont de la Véore : circulation alternée pendant six semaines",
        paragraphs=(
            "Les automobilistes qui empruntent la route départementale entre Beaumont-lès-Valence "
            "et Montéléger vont devoir s'armer de patience. Le Département lance lundi un chantier "
            "de rénovation du pont qui franchit la Véore, un ouvrage en maçonnerie construit au "
            "début du siècle dernier et dont l'état s'était dégradé au fil des crues.",
            "Les inspections réalisées l'an dernier ont mis en évidence des fissures sur les "
            "voûtes et un affouillement des fondations, c'est-à-dire une érosion du sol sous les "
            "piles provoquée par le courant. Sans être dangereux à court terme, ces désordres "
            "imposaient une intervention avant l'hiver, période où les crues de la rivière peuvent "
            "être soudaines.",
            "Pendant six semaines, la circulation se fera en alternance sur une seule voie, "
            "régulée par des feux tricolores. Les poids lourds de plus de dix-neuf tonnes seront "
            "déviés par la route de Valence. Deux nuits de fermeture complète sont prévues pour la "
            "pose d'une nouvelle étanchéité, avec une déviation fléchée par les communes voisines.",
            "Le chantier prévoit le rejointoiement des pierres, l'injection de mortier dans les "
            "fissures, le renforcement des fondations par des enrochements et la réfection "
            "complète de la chaussée. Les parapets, jugés trop bas au regard des normes actuelles, "
            "seront rehaussés, tout en respectant l'aspect de l'ouvrage ancien.",
            "Le montant des travaux s'élève à environ 480 000 euros, entièrement financés par le "
            "Département. Les entreprises retenues, toutes implantées dans la Drôme, travailleront "
            "de jour en semaine, avec un arrêt pendant les épisodes de pluie pour éviter de "
            "polluer la rivière.",
            "Les riverains ont été informés par courrier. Une réunion a réuni la semaine dernière "
            "les agriculteurs du secteur, inquiets pour le passage de leurs engins pendant la "
            "période des semis. Des créneaux de circulation prioritaire leur seront réservés tôt "
            "le matin.",
        ),
        comments=(
            "Il était temps, ce pont faisait peur à chaque crue.",
            "Six semaines d'alternat aux heures de pointe, ça va être long.",
        ),
    ),
    DemoArticle(
        slug="rugby-les-valentinois-arrachent-la-victoire-dans-les-arrets-de-jeu",
        outlet="courrier",
        lang="fr",
        kind="ordinary",
        topics=frozenset(),
        author="Julien Mathieu-Roux",
        age_days=1,
        title="Rugby : les Valentinois arrachent la victoire dans les arrêts de jeu",
        paragraphs=(
            "Il restait moins d'une minute à jouer et le tableau d'affichage indiquait un retard "
            "de deux points. Sur la dernière pénalité de la partie, le demi d'ouverture de l'Union "
            "rugby valentinoise a pris son temps, ajusté sa chaussure et envoyé le ballon entre "
            "les poteaux. Le stade a explosé : victoire 23 à 22 face aux voisins ardéchois, au "
            "terme d'un match tendu de bout en bout.",
            "La rencontre avait pourtant mal commencé pour les locaux. Dominés en mêlée pendant le "
            "premier quart d'heure, ils ont encaissé un essai en coin après une belle combinaison "
            "des trois-quarts adverses. Il a fallu attendre la demi-heure pour voir les "
            "Valentinois répondre, grâce à un ballon porté parfaitement exécuté après une touche à "
            "cinq mètres.",
            "À la pause, les visiteurs menaient de six points. L'entraîneur a fait entrer une "
            "nouvelle première ligne, et le visage du match a changé. Plus conquérants au contact, "
            "les Drômois ont multiplié les temps de jeu et obtenu plusieurs pénalités, patiemment "
            "transformées par leur buteur, auteur de dix-huit points au total.",
            "La fin de rencontre a été marquée par un carton jaune de chaque côté et une bonne "
            "dose de nervosité. Les Ardéchois, qui pensaient avoir fait le plus dur en marquant un "
            "second essai à dix minutes du terme, ont commis une faute de trop dans leurs propres "
            "vingt-deux mètres. Une erreur payée au prix fort.",
            "Cette victoire permet au club de remonter à la quatrième place du classement, en "
            "position qualificative pour les phases finales. Le capitaine a salué l'état d'esprit "
            "d'une équipe qui n'a jamais renoncé, tout en reconnaissant que la conquête devra être "
            "nettement améliorée avant le déplacement de la semaine prochaine chez le leader.",
            "Près de deux mille spectateurs avaient pris place dans les tribunes, une affluence "
            "rare à ce niveau. Le club espère que cet engouement se confirmera lors de la "
            "réception du derby, programmée dans trois semaines.",
        ),
        comments=(
            "Quelle fin de match ! J'en ai encore des frissons.",
            "La mêlée a souffert en première mi-temps, il faudra travailler ça.",
            "Bravo au buteur, sang-froid impressionnant.",
        ),
    ),
    DemoArticle(
        slug="orages-et-grele-attendus-sur-la-drome-provencale",
        outlet="courrier",
        lang="fr",
        kind="ordinary",
        topics=frozenset(),
        author="Élodie Faure",
        age_days=0,
        title="Orages et grêle attendus sur la Drôme provençale ce week-end",
        paragraphs=(
            "Après plusieurs journées de chaleur lourde, le temps va se dégrader brutalement sur "
            "le sud du département. Météo-France a placé la Drôme en vigilance jaune aux orages à "
            "partir de samedi midi, avec un risque de passage en orange si les prévisions se "
            "confirment. Les secteurs de Nyons, de Dieulefit et du Tricastin sont les plus "
            "exposés.",
            "Les prévisionnistes annoncent des cellules orageuses localement fortes, accompagnées "
            "de grêle, de rafales de vent pouvant dépasser quatre-vingts kilomètres par heure et "
            "de cumuls de pluie importants en peu de temps. Ces orages pourraient se former sur "
            "les reliefs des Baronnies en début d'après-midi avant de descendre vers la vallée du "
            "Rhône en soirée.",
            "Les arboriculteurs et les viticulteurs suivent la situation avec inquiétude. À "
            "quelques semaines des récoltes, un épisode de grêle peut anéantir une saison en "
            "quelques minutes. Certains ont déployé leurs filets paragrêle, d'autres comptent sur "
            "les générateurs de particules installés par les associations de lutte contre la "
            "grêle, dont l'efficacité fait toujours débat.",
            "Les autorités rappellent les consignes habituelles : éviter les déplacements pendant "
            "les orages, ne pas s'abriter sous les arbres, mettre à l'abri les objets susceptibles "
            "d'être emportés par le vent et ne jamais s'engager sur une route inondée. Les "
            "campings situés en bordure de rivière ont été invités à préparer leurs plans "
            "d'évacuation.",
            "Les randonneurs sont également appelés à la prudence. Les sentiers du Vercors et des "
            "Baronnies, très fréquentés le week-end, peuvent devenir dangereux en cas d'orage, et "
            "les crues soudaines des torrents de montagne surprennent chaque année des promeneurs.",
            "Le retour à des conditions plus calmes est attendu dimanche en fin de journée, avec "
            "une baisse sensible des températures. La semaine prochaine s'annonce plus fraîche, "
            "avec des maximales inférieures de cinq à huit degrés aux valeurs de ces derniers "
            "jours, pour le plus grand soulagement des habitants.",
        ),
        comments=(
            "Les filets sont posés, on croise les doigts.",
            "Merci pour les consignes, on oublie trop souvent les campings.",
        ),
    ),
    DemoArticle(
        slug="a-crest-la-boulangerie-des-trois-tours-remporte-le-concours",
        outlet="courrier",
        lang="fr",
        kind="ordinary",
        topics=frozenset(),
        author="Claire Vernet",
        age_days=8,
        title=(
            "À Crest, la boulangerie des Trois Tours remporte le concours de la meilleure baguette"
        ),
        paragraphs=(
            "Il est cinq heures du matin et le fournil de la boulangerie des Trois Tours, rue de "
            "la République à Crest, sent déjà le pain chaud. Derrière le pétrin, Mathilde et Karim "
            "Benali savourent encore leur victoire : leur baguette de tradition vient d'être "
            "désignée meilleure baguette du département par un jury de professionnels et de "
            "gourmets.",
            "Le concours, organisé chaque année par la fédération départementale de la "
            "boulangerie, a réuni cette fois une quarantaine de candidats. Les baguettes sont "
            "jugées à l'aveugle sur leur aspect, leur cuisson, leur mie, leur goût et leur odeur. "
            "Les pains doivent respecter des dimensions et un poids précis, faute de quoi ils sont "
            "éliminés d'emblée.",
            "Le secret des lauréats ? De la patience, surtout. La pâte repose une nuit entière au "
            "frais, ce qui permet aux arômes de se développer. Le couple travaille avec une farine "
            "issue de blés cultivés dans la plaine de Valence et moulue dans un moulin de la "
            "vallée. Un levain maison, entretenu depuis l'ouverture de la boutique, complète la "
            "recette.",
            "Installés à Crest il y a six ans après une reconversion, les deux boulangers ne "
            "cachent pas leur émotion. Lui était comptable, elle infirmière. Ils ont repris une "
            "boulangerie en difficulté et l'ont remise sur pied à force de travail, en misant sur "
            "des produits simples et de qualité, et sur des horaires adaptés aux habitants.",
            "La récompense a déjà des effets visibles : la file d'attente s'étire sur le trottoir "
            "le samedi matin, et certains clients viennent désormais de Die ou de Saoû. Les "
            "boulangers ont dû embaucher un apprenti supplémentaire et pétrir une fournée de plus "
            "chaque jour.",
            "Leur baguette représentera la Drôme au concours régional au printemps prochain. En "
            "attendant, elle sera servie pendant un an au conseil départemental lors des "
            "réceptions officielles, comme le veut la tradition du concours.",
        ),
        comments=(
            "Je confirme, elle est excellente !",
            "Bravo à eux, une belle histoire de reconversion.",
            "Le samedi, il faut vraiment venir tôt maintenant.",
        ),
    ),
    DemoArticle(
        slug="le-picodon-aop-part-a-la-conquete-des-marches-etrangers",
        outlet="echo",
        lang="fr",
        kind="ordinary",
        topics=frozenset(),
        author="Thomas Bériot",
        age_days=11,
        title="Le picodon AOP part à la conquête des marchés étrangers",
        paragraphs=(
            "Petit fromage de chèvre au goût affirmé, le picodon est longtemps resté une affaire "
            "locale, vendu sur les marchés de la Drôme et de l'Ardèche et dans quelques "
            "fromageries spécialisées. Les producteurs de l'appellation veulent désormais le faire "
            "connaître au-delà des frontières, avec un objectif ambitieux : doubler les volumes "
            "exportés d'ici cinq ans.",
            "L'appellation d'origine protégée regroupe quelques dizaines de producteurs fermiers "
            "et plusieurs laiteries. Tous doivent respecter un cahier des charges strict, qui "
            "impose notamment une alimentation des chèvres issue majoritairement de l'aire "
            "géographique et un affinage minimal de quelques semaines. Certaines fromageries "
            "proposent aussi des picodons affinés beaucoup plus longtemps, très recherchés par les "
            "connaisseurs.",
            "Les premiers marchés visés sont la Belgique, la Suisse et l'Allemagne, où la demande "
            "pour les fromages de terroir progresse régulièrement. Des contacts ont également été "
            "noués avec des importateurs au Japon, un pays où les fromages de chèvre français "
            "jouissent d'une excellente image. Les producteurs participeront à plusieurs salons "
            "professionnels dans les prochains mois.",
            "L'export pose toutefois des défis logistiques. Le picodon frais supporte mal les "
            "longs trajets, et la chaîne du froid doit être parfaitement maîtrisée. Les laiteries "
            "travaillent sur des conditionnements adaptés, et certaines misent plutôt sur les "
            "fromages affinés, plus résistants au transport.",
            "Le syndicat de l'appellation veille aussi à préserver l'équilibre de la filière. Pas "
            "question que l'export se fasse au détriment des circuits courts, qui restent le "
            "principal débouché des petits producteurs fermiers. Les volumes supplémentaires "
            "devraient venir de nouvelles installations, encouragées par des aides à la "
            "transmission des exploitations.",
            "Car la filière fait face à un défi démographique : une partie importante des éleveurs "
            "partira à la retraite dans les dix prochaines années. Trouver des repreneurs, former "
            "des jeunes et rendre le métier attractif conditionnent l'avenir du picodon bien plus "
            "que la conquête de nouveaux marchés.",
        ),
        comments=(
            "Le picodon bien sec, rien de meilleur avec un verre de Clairette.",
            "Attention à ne pas industrialiser un produit fermier.",
        ),
    ),
    DemoArticle(
        slug="nougat-de-montelimar-les-confiseurs-face-a-la-flambee-des-amandes",
        outlet="echo",
        lang="fr",
        kind="ordinary",
        topics=frozenset(),
        author="Nadia Kessler",
        age_days=23,
        title="Nougat de Montélimar : les confiseurs face à la flambée du prix des amandes",
        paragraphs=(
            "À Montélimar, les confiseurs ont le sourire un peu crispé. Le prix des amandes, "
            "ingrédient essentiel du célèbre nougat, a fortement augmenté en deux ans, sous "
            "l'effet des sécheresses en Californie, premier producteur mondial, et d'une demande "
            "soutenue. Pour les fabricants, souvent des entreprises familiales, la hausse est "
            "difficile à absorber.",
            "La recette du nougat de Montélimar impose des proportions minimales : au moins trente "
            "pour cent d'amandes, du miel, du sucre, des blancs d'œufs et de la vanille. "
            "Impossible donc de réduire la part du fruit sec sans perdre le droit d'utiliser la "
            "dénomination. Certains confiseurs ont choisi de répercuter une partie de la hausse "
            "sur leurs prix, d'autres rognent sur leurs marges.",
            "Une poignée de fabricants mise sur les amandes françaises, cultivées en Provence et "
            "dans la Drôme, où des vergers ont été replantés ces dernières années. Plus chères, "
            "elles offrent un argument commercial fort auprès des clients attachés à l'origine "
            "locale des produits. Mais les volumes restent insuffisants pour couvrir les besoins "
            "de toute la profession.",
            "Le miel pose un problème similaire. Les mauvaises saisons apicoles se succèdent, et "
            "le miel de lavande, traditionnellement utilisé par les confiseurs les plus exigeants, "
            "se fait rare. Plusieurs entreprises ont signé des contrats pluriannuels avec des "
            "apiculteurs de la région pour sécuriser leur approvisionnement.",
            "Malgré ces difficultés, les ventes résistent. Le nougat reste un cadeau apprécié, et "
            "les boutiques du centre-ville de Montélimar accueillent toujours de nombreux "
            "touristes, notamment pendant l'été et les fêtes de fin d'année. Les fabricants "
            "développent aussi la vente en ligne et les coffrets pour les entreprises.",
            "La profession espère une détente des cours avec les prochaines récoltes, tout en se "
            "préparant à vivre durablement avec des matières premières plus chères. Certains "
            "confiseurs réfléchissent à de nouvelles recettes, comme des nougats aux noix ou aux "
            "pistaches, pour diversifier leurs gammes.",
        ),
        comments=(
            "Le nougat aux amandes de la Drôme, je suis prêt à payer plus cher.",
            "Pauvres abeilles, la lavande souffre aussi de la chaleur.",
        ),
    ),
    DemoArticle(
        slug="au-marche-paysan-de-dieulefit-on-parle-circuits-courts-et-semences",
        outlet="nuages",
        lang="fr",
        kind="ordinary",
        topics=frozenset(),
        author="Yann B.",
        age_days=5,
        title="Au marché paysan de Dieulefit, on parle circuits courts et semences",
        paragraphs=(
            "Chaque vendredi matin, la place de Dieulefit se remplit d'étals colorés. Légumes, "
            "fromages de chèvre, pain au levain, miel, plants potagers : une trentaine de "
            "producteurs viennent vendre directement ce qu'ils cultivent ou transforment dans un "
            "rayon de quelques dizaines de kilomètres. Nous y avons passé la matinée, carnet en "
            "main.",
            "Ce qui frappe d'abord, c'est la diversité des parcours. À côté de familles installées "
            "depuis des générations, on croise beaucoup de néo-paysans, venus des villes, souvent "
            "diplômés, qui ont choisi de cultiver de petites surfaces en agriculture biologique. "
            "Leurs fermes sont modestes, leur travail considérable, et leurs revenus souvent "
            "fragiles.",
            "Un maraîcher nous explique pourquoi il tient à vendre en direct : il fixe lui-même "
            "ses prix, connaît ses clients par leur prénom et reçoit chaque semaine leurs "
            "remarques. Il perdrait tout cela en livrant une centrale d'achat. En contrepartie, la "
            "vente lui prend une journée entière chaque semaine, du chargement au rangement.",
            "Au stand voisin, une productrice de semences paysannes présente des variétés "
            "anciennes de tomates, de haricots et de courges, sélectionnées au fil des années pour "
            "leur résistance à la sécheresse. Elle organise des ateliers pour apprendre aux "
            "jardiniers à produire leurs propres graines. Un savoir ancien qui redevient précieux "
            "face aux étés de plus en plus chauds.",
            "Les discussions tournent souvent autour de l'eau. Plusieurs producteurs ont dû "
            "réduire leurs cultures d'été à cause des restrictions d'irrigation. Ils expérimentent "
            "le paillage, les haies, l'ombrage partiel, les variétés plus rustiques. Chacun "
            "partage ses essais, ses échecs et ses petites victoires.",
            "En repartant, panier plein, nous nous disons que ce marché est bien plus qu'un lieu "
            "d'achat. C'est un endroit où se tisse un lien entre ceux qui nourrissent et ceux qui "
            "mangent, et où s'inventent, à petite échelle, des manières de faire face aux "
            "bouleversements qui viennent.",
        ),
        comments=(
            "Le marché de Dieulefit est une merveille, j'y vais chaque semaine.",
            "Les semences paysannes, voilà un vrai sujet d'avenir.",
        ),
    ),
    DemoArticle(
        slug="romans-fete-la-raviole-pendant-trois-jours",
        outlet="courrier",
        lang="fr",
        kind="ordinary",
        topics=frozenset(),
        author="Sophie Arnaud",
        age_days=45,
        title="Romans fête la raviole pendant trois jours",
        paragraphs=(
            "La raviole du Dauphiné tient la vedette ce week-end à Romans-sur-Isère. La fête qui "
            "lui est consacrée revient pour trois jours d'animations dans le centre historique, "
            "avec des démonstrations de fabrication, des dégustations, un marché de producteurs et "
            "un concours de recettes ouvert aux cuisiniers amateurs.",
            "Petits carrés de pâte farcis de fromage, de persil et d'œufs, les ravioles se cuisent "
            "en quelques secondes dans un bouillon frémissant. Elles bénéficient d'une indication "
            "géographique protégée qui encadre leur fabrication, et leur production fait vivre "
            "plusieurs entreprises de la région, des ateliers artisanaux aux unités plus "
            "importantes.",
            "Le programme de cette édition fait la part belle aux enfants, avec des ateliers où "
            "ils pourront fabriquer leurs propres ravioles sous l'œil d'artisans. Des chefs de "
            "restaurants romanais proposeront aussi des recettes revisitées, de la raviole aux "
            "cèpes à la raviole en dessert, au chocolat et à la noix.",
            "Le défilé des confréries gastronomiques, samedi après-midi, devrait une nouvelle fois "
            "attirer la foule. Venues de toute la région, elles traverseront la vieille ville en "
            "costume, accompagnées d'une fanfare, avant une cérémonie d'intronisation de nouveaux "
            "membres sur la place Jacquemart.",
            "Les organisateurs attendent plusieurs dizaines de milliers de visiteurs sur "
            "l'ensemble du week-end. La circulation sera fermée dans une partie du centre-ville, "
            "et des navettes gratuites relieront les parkings périphériques au cœur de la fête. "
            "Les commerçants, qui ont connu une année difficile, comptent sur l'événement pour "
            "relancer leur activité.",
            "Cette fête est aussi l'occasion de rappeler l'histoire industrielle de Romans, "
            "longtemps capitale de la chaussure, qui cherche aujourd'hui à valoriser ses "
            "savoir-faire gastronomiques et artisanaux pour attirer les visiteurs.",
        ),
        comments=(
            "On y va chaque année en famille, les enfants adorent les ateliers.",
            "La raviole aux cèpes, une tuerie.",
        ),
    ),
)

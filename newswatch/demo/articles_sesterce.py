"""French articles about Sesterce and its data center at Rovaltain."""

from newswatch.demo.model import DemoArticle

SESTERCE_ARTICLES = (
    DemoArticle(
        slug="sesterce-choisit-rovaltain-pour-un-centre-de-donnees-geant",
        outlet="courrier",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Claire Vernet",
        age_days=390,
        title=(
            "Sesterce veut installer un centre de données géant dans l'ancien bâtiment Ecotox de "
            "Rovaltain"
        ),
        paragraphs=(
            "L'annonce a pris de court une bonne partie des acteurs locaux. En marge du sommet sur "
            "l'intelligence artificielle organisé à Paris, la société marseillaise Sesterce a "
            "confirmé son intention d'implanter un centre de données consacré au calcul pour l'IA "
            "sur le parc d'activités de Rovaltain, à Alixan, à quelques centaines de mètres de la "
            "gare de Valence TGV. Le projet prendrait place dans l'ancienne plateforme Ecotox, un "
            "vaste bâtiment de recherche largement inoccupé depuis plusieurs années.",
            "Sur le papier, les chiffres donnent le vertige. L'entreprise évoque à terme plusieurs "
            "dizaines de milliers de processeurs graphiques, ces GPU qui servent à entraîner et à "
            "faire tourner les modèles d'intelligence artificielle. L'investissement se compterait "
            "en centaines de millions d'euros, pour une mise en service espérée d'ici à la fin de "
            "l'année 2026. Aucun document technique n'a encore été rendu public.",
            "Fondée en 2018 par Anthony Tchakerian et Youssef El Manssouri, Sesterce a d'abord "
            "fait ses armes dans le minage de cryptomonnaies, sous le nom de Bitech, avant de se "
            "repositionner sur la location de puissance de calcul. Elle se présente aujourd'hui "
            "comme un fournisseur de cloud spécialisé, capable de proposer à des laboratoires et à "
            "des entreprises des grappes de serveurs prêtes à l'emploi.",
            "Du côté des élus, l'accueil est favorable. Nicolas Daragon, maire de Valence et "
            "président de Valence Romans Agglo, s'est félicité de cette arrivée. L'agglomération "
            "met en avant la desserte ferroviaire et autoroutière du parc, ainsi que la "
            "disponibilité immédiate d'un bâtiment déjà raccordé aux réseaux, un argument de poids "
            "pour un projet qui veut aller vite.",
            "Le bâtiment Ecotox a une histoire mouvementée. Construit entre 2014 et 2016 pour une "
            "cinquantaine de millions d'euros d'argent public, il devait héberger une plateforme "
            "de recherche en écotoxicologie. Cédé en 2021 à l'Institut Mérieux pour environ 20 "
            "millions d'euros, il change donc à nouveau de mains, cette fois pour devenir une "
            "usine à calcul.",
            "Reste une série de questions que des habitants des communes voisines n'ont pas tardé "
            "à poser : quelle quantité d'électricité faudra-t-il pour alimenter autant de "
            "machines, comment seront-elles refroidies, et combien d'emplois seront réellement "
            "créés sur place ? L'entreprise promet des réponses détaillées lors d'une présentation "
            "sur site prévue dans les prochaines semaines.",
        ),
        comments=(
            "Enfin une bonne nouvelle pour l'emploi dans le secteur.",
            "Et l'eau, on en parle ? Un site pareil, ça doit consommer énormément.",
            "Ce bâtiment vide depuis des années, c'était un gâchis. Autant qu'il serve à quelque "
            "chose.",
        ),
    ),
    DemoArticle(
        slug="visite-ecotox-sesterce-detaille-son-projet-de-40000-gpu",
        outlet="courrier",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Julien Mathieu-Roux",
        age_days=370,
        title="Visite de l'Ecotox : Sesterce détaille son projet de 40 000 GPU à Alixan",
        paragraphs=(
            "Casques de chantier sur la tête, une quarantaine d'élus, de chefs d'entreprise et de "
            "journalistes ont découvert le 13 mars 2025 l'intérieur de l'ancienne plateforme "
            "Ecotox, sur le parc de Rovaltain. Sesterce y a présenté pour la première fois en "
            "détail le data center qu'elle compte aménager dans ce bâtiment d'environ 13 650 "
            "mètres carrés.",
            "Le projet est dimensionné pour accueillir 40 000 GPU, répartis dans des salles de "
            "serveurs installées à la place des anciens laboratoires. La première phase représente "
            "un investissement de 450 millions d'euros. À terme, l'enveloppe pourrait atteindre "
            "1,8 milliard d'euros, selon les chiffres avancés par l'entreprise pendant la visite.",
            "Les responsables du projet ont longuement insisté sur le refroidissement. Les "
            "machines seront refroidies par un circuit d'eau fermé, censé limiter les prélèvements "
            "sur le réseau public. L'objectif affiché est un indicateur d'efficacité énergétique, "
            "le PUE, de 1,1 : la quasi-totalité de l'électricité consommée servirait alors "
            "directement au calcul, et très peu à la climatisation.",
            "Autre promesse : la chaleur dégagée par les serveurs ne serait pas perdue. Sesterce "
            "assure vouloir la valoriser grâce à un réseau de chaleur local, dont le tracé et les "
            "bénéficiaires restent à définir avec les collectivités. Un partenariat avec "
            "bioMérieux, déjà bien implanté dans la région, a également été évoqué pour des "
            "applications dans le domaine de la santé.",
            "Côté emploi, l'entreprise parle de plusieurs centaines de postes, directs et "
            "indirects, sans calendrier précis. Techniciens de maintenance, électriciens, agents "
            "de sécurité et ingénieurs réseau seraient recherchés. Des discussions auraient été "
            "engagées avec des lycées professionnels et l'université pour adapter certaines "
            "formations.",
            "Le démarrage de l'exploitation est visé pour la fin de l'année 2026. D'ici là, le "
            "projet devra franchir plusieurs étapes administratives, à commencer par le dépôt d'un "
            "permis de construire pour l'aménagement du bâtiment et l'installation des équipements "
            "électriques, dont un poste de transformation.",
            "Dans l'assistance, quelques voix ont réclamé une réunion publique ouverte aux "
            "habitants d'Alixan et des communes voisines. L'entreprise s'y est dite favorable, "
            "sans fixer de date.",
        ),
        comments=(
            "450 millions pour commencer, ça laisse rêveur. Espérons que les emplois suivent.",
            "Un PUE de 1,1 en été dans la vallée du Rhône ? J'attends de voir les mesures réelles.",
        ),
    ),
    DemoArticle(
        slug="de-la-crypto-au-cloud-ia-l-ascension-de-sesterce",
        outlet="echo",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Thomas Bériot",
        age_days=14,
        title="De la crypto au cloud IA : l'ascension express de Sesterce",
        paragraphs=(
            "Il y a encore quelques années, son nom ne disait rien à personne en dehors du petit "
            "monde des mineurs de cryptomonnaies. Sesterce est aujourd'hui citée parmi les acteurs "
            "français qui comptent dans la course à la puissance de calcul pour l'intelligence "
            "artificielle. Retour sur une trajectoire qui illustre les reconversions rapides du "
            "secteur.",
            "L'entreprise naît à Marseille en 2018, fondée par Anthony Tchakerian et Youssef El "
            "Manssouri. Sous le nom de Bitech, elle exploite alors des machines de minage, un "
            "métier qui apprend à gérer des parcs de serveurs très denses, gourmands en "
            "électricité et sensibles à la chaleur. Lorsque la rentabilité du minage s'effondre, "
            "les fondateurs constatent que ce savoir-faire se transpose assez naturellement vers "
            "les GPU utilisés pour l'IA.",
            "Le virage est pris en quelques mois. Sesterce se présente désormais comme un "
            "fournisseur de cloud spécialisé, qui loue des grappes de GPU à des start-up, des "
            "laboratoires et des grands comptes. Le modèle économique repose sur des contrats "
            "pluriannuels, qui permettent de financer l'achat de cartes graphiques dont le prix "
            "unitaire se chiffre en dizaines de milliers d'euros.",
            "Le projet le plus visible reste celui de la Drôme. En rachetant l'ancien bâtiment "
            "Ecotox du parc de Rovaltain, à Alixan, l'entreprise s'est offert un site déjà "
            "construit, raccordé et proche d'une gare TGV. Elle y prévoit un data center de 40 000 "
            "GPU, avec une première phase estimée à 450 millions d'euros.",
            "Les ambitions ne s'arrêtent pas là. La société a présenté un plan national bien plus "
            "vaste, avec plusieurs campus dans le Grand Est et un projet de supercalculateur dans "
            "le sud du pays. Des observateurs du secteur s'interrogent sur la capacité d'une "
            "entreprise de cette taille à lever les montants nécessaires, dans un marché où les "
            "géants américains investissent des dizaines de milliards chaque année.",
            "Pour l'heure, la direction mise sur un argument : la souveraineté. Proposer du calcul "
            "hébergé en France, opéré par une société française, séduit des clients publics et "
            "industriels soucieux de ne pas dépendre entièrement des fournisseurs étrangers. Reste "
            "à transformer cet intérêt en contrats fermes, ce que les prochains mois devraient "
            "permettre de mesurer.",
        ),
        comments=(
            "Passer du minage au calcul IA, c'est malin, mais c'est toujours le même appétit pour "
            "l'électricité.",
            "Intéressant portrait, merci. On aimerait connaître les clients réels.",
            "La souveraineté a bon dos quand les cartes viennent toutes des États-Unis.",
        ),
    ),
    DemoArticle(
        slug="sesterce-plan-national-52-milliards-centres-de-donnees",
        outlet="echo",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "datacenters"}),
        author="Nadia Kessler",
        age_days=5,
        title=(
            "Sesterce dévoile un plan de 52 milliards d'euros pour ses centres de données en "
            "France"
        ),
        paragraphs=(
            "La jeune pousse marseillaise voit grand. Sesterce a détaillé un programme "
            "d'investissement de 52 milliards d'euros d'ici à 2030, destiné à bâtir en France une "
            "capacité de calcul pour l'intelligence artificielle parmi les plus importantes "
            "d'Europe. L'objectif annoncé : 1,2 million de GPU répartis sur plusieurs sites, pour "
            "une puissance électrique totale de 1,5 gigawatt.",
            "Le plan repose sur un réseau de centres de données de tailles différentes. Le "
            "premier, déjà engagé dans la Drôme près de Valence, doit servir de vitrine technique. "
            "Deux sites sont envisagés dans le Grand Est, une région qui dispose de terrains "
            "industriels disponibles et de raccordements électriques solides hérités de son passé "
            "sidérurgique.",
            "La pièce maîtresse serait un supercalculateur installé dans le sud du pays, "
            "possiblement dans la région de Marseille. Il représenterait à lui seul 250 mégawatts "
            "et 200 000 GPU. À titre de comparaison, c'est l'ordre de grandeur de la consommation "
            "d'une ville de plusieurs centaines de milliers d'habitants.",
            "Le financement d'un tel programme reste la grande inconnue. L'entreprise évoque des "
            "partenaires industriels et financiers, sans les nommer, ainsi que des contrats de "
            "location de capacité signés à l'avance avec ses futurs clients. Plusieurs analystes "
            "rappellent que les annonces à plusieurs dizaines de milliards se sont multipliées "
            "depuis le sommet parisien sur l'IA, et que toutes ne se concrétiseront pas.",
            "Le raccordement au réseau constitue l'autre goulet d'étranglement. Les délais "
            "d'obtention d'une puissance de plusieurs centaines de mégawatts se comptent souvent "
            "en années. Les porteurs de projets de data centers se pressent aux portes du "
            "gestionnaire du réseau de transport, qui doit arbitrer entre industriels, "
            "électrification des usages et nouveaux venus du numérique.",
            "Sur le plan politique, le plan de Sesterce s'inscrit dans le discours gouvernemental "
            "sur la souveraineté numérique. Ses détracteurs y voient au contraire une fuite en "
            "avant énergétique, et réclament que chaque site fasse l'objet d'un débat public sur "
            "ses consommations d'eau et d'électricité.",
        ),
        comments=(
            "1,5 GW, c'est plus d'un réacteur nucléaire. Qui va payer les lignes ?",
            "Beaucoup d'annonces, on verra ce qui sort de terre.",
        ),
    ),
    DemoArticle(
        slug="permis-datacenter-rovaltain-nos-questions-sans-reponse",
        outlet="nuages",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Margot L.",
        age_days=230,
        title="Permis du datacenter de Rovaltain : nos questions restent sans réponse",
        paragraphs=(
            "Le 28 juin 2025, Sesterce a déposé en mairie d'Alixan la demande de permis de "
            "construire pour transformer l'ancien bâtiment Ecotox en datacenter. Nous avons pris "
            "le temps de lire ce que nous avons pu consulter du dossier. Et plus nous lisons, plus "
            "les questions s'accumulent.",
            "Première question : l'électricité. Un site de 40 000 GPU ne se branche pas sur une "
            "simple prise. Combien de mégawatts seront appelés, à quelles heures, et avec quelles "
            "conséquences pour le réseau local ? Le dossier parle de puissance installée, mais ne "
            "dit presque rien de la consommation annuelle, qui est pourtant la donnée qui compte.",
            "Deuxième question : l'eau. On nous promet un refroidissement en circuit fermé. Très "
            "bien. Mais un circuit fermé se remplit, se purge, s'entretient, et il faut souvent "
            "des tours de refroidissement ou des appoints pendant les épisodes de chaleur. Combien "
            "de mètres cubes par an, prélevés où ? Dans une vallée qui connaît des restrictions "
            "d'eau presque chaque été, ce n'est pas un détail.",
            "Troisième question : la chaleur. La récupération de chaleur fatale est présentée "
            "comme un bénéfice pour le territoire. Mais aucun réseau de chaleur n'existe "
            "aujourd'hui au pied du bâtiment, et personne ne sait qui paiera les kilomètres de "
            "tuyaux à poser. Une promesse sans financement n'est qu'une phrase dans une plaquette.",
            "Quatrième question : l'utilité. À quoi serviront ces milliers de processeurs ? À la "
            "recherche médicale, comme on nous le répète, ou à entraîner des modèles d'IA "
            "générative pour des clients dont on ignore tout ? Un équipement de cette taille "
            "mérite un débat public, pas seulement une instruction administrative dans un bureau "
            "de mairie.",
            "Nous avons écrit à la commune et à l'agglomération pour demander une réunion "
            "d'information. Nous publierons ici les réponses, si elles arrivent. En attendant, "
            "nous invitons toutes celles et ceux que le sujet intéresse à nous rejoindre lors de "
            "notre prochaine permanence.",
        ),
        comments=(
            "Merci pour ce travail de lecture, c'est précieux.",
            "Les permis de construire sont consultables en mairie, il faut y aller nombreux.",
            "Je partage, on ne peut pas laisser passer ça sans débat.",
        ),
    ),
    DemoArticle(
        slug="alixan-valide-le-permis-du-data-center-de-sesterce",
        outlet="courrier",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Sophie Arnaud",
        age_days=3,
        title="Alixan valide le permis de construire du data center de Sesterce",
        paragraphs=(
            "C'est une étape décisive pour le projet de Sesterce à Rovaltain. La mairie d'Alixan a "
            "délivré fin décembre 2025 le permis de construire qui autorise la transformation de "
            "l'ancien bâtiment Ecotox en data center consacré à l'intelligence artificielle. La "
            "demande avait été déposée le 28 juin.",
            "Le permis porte sur l'aménagement intérieur du bâtiment, la création de locaux "
            "techniques et l'installation des équipements électriques et de refroidissement "
            "nécessaires à l'accueil de plusieurs dizaines de milliers de GPU. Les travaux de gros "
            "œuvre restent limités, l'essentiel de la structure existante étant conservé.",
            "Pour l'entreprise, cette validation ouvre la voie à une mise en service à partir de "
            "la fin de l'année 2026. La première phase, chiffrée à 450 millions d'euros, doit "
            "permettre d'installer une partie des machines dans les anciennes salles de "
            "laboratoire. Les phases suivantes dépendront notamment de la puissance électrique que "
            "le réseau pourra fournir.",
            "La décision ne fait pas l'unanimité. Un collectif d'habitants, qui s'était constitué "
            "au printemps, dénonce un projet autorisé sans véritable débat public. Ses membres "
            "s'interrogent sur la consommation d'eau et d'électricité du site et sur la réalité "
            "des emplois promis. Ils indiquent étudier les recours possibles avec l'aide d'un "
            "avocat.",
            "À la mairie, on rappelle que l'instruction a suivi la procédure habituelle et que le "
            "dossier a été examiné par les services compétents. La commune souligne aussi que le "
            "bâtiment, construit avec de l'argent public, était resté sans véritable usage pendant "
            "plusieurs années, et qu'un projet industriel vaut mieux qu'une friche.",
            "Sur le parc de Rovaltain, plusieurs entreprises voisines disent attendre des "
            "retombées pour les sous-traitants locaux, notamment dans l'électricité, la sécurité "
            "et le nettoyage. Les premiers appels d'offres pour les lots techniques devraient être "
            "lancés dans les prochaines semaines.",
        ),
        comments=(
            "Le collectif a raison de demander des comptes, les chiffres sur l'eau restent flous.",
            "Bravo à la mairie, il faut des projets pour faire vivre le territoire.",
            "On verra qui rigole quand les factures d'électricité augmenteront.",
            "Tant que les sous-traitants sont locaux, ça peut être une bonne chose.",
        ),
    ),
    DemoArticle(
        slug="sesterce-double-la-puissance-de-son-compute-center-drome",
        outlet="echo",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Pierre-Antoine Lemoine",
        age_days=18,
        title="Sesterce veut doubler la puissance de son « compute center » de la Drôme",
        paragraphs=(
            "Le projet drômois de Sesterce change d'échelle. En novembre 2025, l'entreprise a fait "
            "savoir que son « compute center » de Rovaltain verrait sa puissance doubler par "
            "rapport aux plans présentés au printemps. Une évolution justifiée, selon la société, "
            "par une demande de capacité de calcul plus forte que prévu de la part de ses clients.",
            "Concrètement, l'entreprise compte densifier les salles prévues dans l'ancien bâtiment "
            "Ecotox et installer des baies plus puissantes, refroidies par liquide au plus près "
            "des processeurs. Les GPU de dernière génération dégagent en effet une chaleur telle "
            "que le refroidissement par air atteint ses limites, ce qui pousse tout le secteur "
            "vers des solutions hydrauliques.",
            "Cette montée en puissance suppose un raccordement électrique renforcé. Les "
            "discussions avec le gestionnaire du réseau porteraient sur plusieurs dizaines de "
            "mégawatts supplémentaires. Le calendrier de ces travaux, qui dépendent de lignes et "
            "de postes de transformation, n'a pas été communiqué.",
            "Du côté des opposants, l'annonce a renforcé les inquiétudes. Un collectif d'habitants "
            "d'Alixan et des communes voisines estime que le projet présenté au public ne "
            "correspond plus à celui qui se dessine. Il demande que les nouveaux chiffres de "
            "consommation d'électricité et d'eau soient publiés avant toute décision.",
            "Sur le plan économique, le doublement pourrait améliorer la rentabilité du site, les "
            "coûts fixes étant répartis sur davantage de machines. Mais il augmente aussi les "
            "besoins de financement, dans un contexte où le prix des cartes graphiques reste très "
            "élevé et où les délais de livraison se sont allongés.",
            "L'entreprise maintient son objectif d'une mise en service des premières salles fin "
            "2026. Les phases suivantes s'étaleraient sur plusieurs années, au rythme des "
            "livraisons de matériel et de l'avancement du raccordement.",
        ),
        comments=(
            "Doubler avant même d'avoir commencé, ça ne rassure pas.",
            "Le refroidissement liquide, c'est devenu la norme sur ce type de cartes.",
        ),
    ),
    DemoArticle(
        slug="reunion-publique-a-alixan-le-collectif-ne-lache-rien",
        outlet="nuages",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Collectif Nuages Bas",
        age_days=2,
        title="Réunion publique à Alixan : le collectif ne lâche rien",
        paragraphs=(
            "Ils étaient plus de cent vingt, jeudi soir, serrés dans la salle des fêtes d'Alixan. "
            "Beaucoup plus que ce que nous espérions. La réunion publique organisée par le "
            "collectif d'habitants opposé au datacenter de Sesterce a montré que le sujet dépasse "
            "largement le cercle des militants habituels.",
            "Premier point à l'ordre du jour : le recours. Depuis le 18 février 2026, une requête "
            "contre le permis de construire est déposée au tribunal administratif de Grenoble. "
            "Notre avocate a expliqué, schémas à l'appui, ce qui est contesté : l'insuffisance de "
            "l'étude des impacts, l'absence d'évaluation sérieuse des besoins en eau et en "
            "électricité, et la manière dont le projet a évolué entre l'annonce et le dépôt du "
            "dossier.",
            "Deuxième point : l'argent. Le recours a un coût. Une cagnotte a été ouverte, et la "
            "soirée a permis de récolter une somme suffisante pour couvrir les premiers frais. "
            "Merci à toutes celles et ceux qui ont donné, souvent de petites sommes, parfois en "
            "s'excusant de ne pas pouvoir faire plus.",
            "Troisième point : la suite. Plusieurs personnes ont proposé de documenter le chantier "
            "à venir, de relever les niveaux de bruit autour du bâtiment Ecotox et de suivre les "
            "déclarations de l'entreprise. D'autres veulent écrire aux députés et aux conseillers "
            "départementaux. Un groupe de travail sur les alternatives, notamment la sobriété "
            "numérique, va se monter.",
            "Nous avons aussi entendu des voix divergentes, et c'est tant mieux. Un artisan "
            "électricien a dit qu'il espérait du travail. Une étudiante a demandé si l'on pouvait "
            "être contre ce projet tout en utilisant chaque jour des outils d'IA. La discussion a "
            "été franche et respectueuse.",
            "Notre position ne change pas : nous ne sommes pas contre le numérique, nous sommes "
            "contre des projets décidés sans les habitants, sur un territoire qui manque déjà "
            "d'eau en été. Prochaine étape : une permanence d'information au marché de Chabeuil, "
            "samedi matin.",
        ),
        comments=(
            "Super soirée, merci pour l'organisation !",
            "Je n'ai pas pu venir, y aura-t-il un compte rendu écrit ?",
            "La question de l'étudiante était très juste, il faudra y revenir.",
        ),
    ),
    DemoArticle(
        slug="refroidissement-circuit-ferme-pue-1-1-les-promesses-de-sesterce",
        outlet="nuages",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Yann B.",
        age_days=10,
        title="Circuit fermé, PUE de 1,1 : on a décortiqué les promesses de Sesterce",
        paragraphs=(
            "Depuis le début, Sesterce répète deux formules pour rassurer sur son projet de "
            "Rovaltain : un refroidissement « en circuit fermé » et un PUE de 1,1. Deux "
            "expressions techniques qui sonnent bien. Nous avons essayé de comprendre ce qu'elles "
            "veulent dire, et surtout ce qu'elles ne disent pas.",
            "Le PUE, pour Power Usage Effectiveness, rapporte l'électricité totale consommée par "
            "un centre de données à celle qui alimente réellement les serveurs. Un PUE de 1,1 "
            "signifie que dix pour cent de plus sont consommés pour le refroidissement, "
            "l'éclairage et les pertes. C'est un très bon chiffre. Mais ce ratio ne dit rien de la "
            "quantité totale d'électricité : un site qui consomme énormément peut afficher un "
            "excellent PUE.",
            "Le circuit fermé, lui, désigne un réseau d'eau qui circule en boucle entre les "
            "machines et des échangeurs. L'eau n'est pas jetée après usage, ce qui réduit les "
            "prélèvements. Mais la chaleur doit bien partir quelque part. Soit dans l'air, via des "
            "aéroréfrigérants qui consomment de l'électricité et font du bruit, soit dans l'eau, "
            "via des tours où une partie s'évapore.",
            "Or, pendant les canicules, les systèmes à air sec perdent en efficacité. Beaucoup "
            "d'exploitants ajoutent alors une pulvérisation d'eau pour passer les pics. Est-ce "
            "prévu à l'Ecotox ? Le dossier public reste muet sur ce point. Nous aimerions "
            "connaître la consommation d'eau attendue lors d'un été comme celui de 2022.",
            "Enfin, le PUE est généralement mesuré sur une année entière, et les chiffres publiés "
            "sont souvent ceux de la conception, pas de l'exploitation réelle. Nous demandons que "
            "Sesterce s'engage à publier chaque trimestre son PUE mesuré, sa consommation "
            "d'électricité et sa consommation d'eau, pour que chacun puisse vérifier.",
            "Ce n'est pas une exigence extravagante : certains exploitants le font déjà en Europe "
            "du Nord. Un projet qui se dit exemplaire n'a rien à craindre de la transparence.",
        ),
        comments=(
            "Très clair, enfin quelqu'un qui explique le PUE simplement.",
            "Les aéroréfrigérants, ça s'entend de loin la nuit, les voisins vont apprécier.",
        ),
    ),
    DemoArticle(
        slug="chaleur-des-serveurs-reseau-de-chaleur-valence-romans",
        outlet="courrier",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Marc Deléage",
        age_days=16,
        title="La chaleur des serveurs de Sesterce pourrait chauffer des logements",
        paragraphs=(
            "Que faire de la chaleur produite par des dizaines de milliers de processeurs ? Au "
            "parc de Rovaltain, la question n'est pas théorique. Le data center que Sesterce "
            "prépare dans l'ancien bâtiment Ecotox dégagera en continu une grande quantité "
            "d'énergie thermique, aujourd'hui promise à une valorisation locale.",
            "Plusieurs pistes sont à l'étude, selon les informations recueillies auprès de "
            "l'agglomération. La plus simple consisterait à chauffer les bâtiments voisins du parc "
            "d'activités, bureaux et entrepôts. La plus ambitieuse prévoit un raccordement à un "
            "réseau de chaleur qui desservirait des équipements publics, voire des logements à "
            "Alixan ou dans les quartiers les plus proches.",
            "La difficulté tient à la température. L'eau qui sort des circuits de refroidissement "
            "n'est pas assez chaude pour alimenter directement un réseau urbain. Il faut la "
            "remonter en température avec des pompes à chaleur, ce qui consomme de l'électricité "
            "et représente un investissement important. Sans subvention, l'équation économique "
            "reste fragile.",
            "La distance pose un second problème. Chaque kilomètre de canalisation enterrée coûte "
            "cher, et le parc de Rovaltain est relativement éloigné des zones d'habitat dense. Des "
            "spécialistes rappellent que de nombreux projets de récupération de chaleur annoncés "
            "en France n'ont jamais dépassé le stade de l'étude, faute de clients à proximité.",
            "Sesterce assure de son côté que la valorisation de la chaleur fait partie intégrante "
            "du projet et que des échanges techniques sont en cours. L'entreprise n'a pas "
            "communiqué de volume d'énergie récupérable ni de calendrier. Les élus, eux, "
            "souhaitent qu'une étude de faisabilité soit conduite rapidement, avant que les choix "
            "techniques du bâtiment ne soient figés.",
            "En attendant, des serres maraîchères et une piscine ont été citées comme débouchés "
            "possibles, plus faciles à raccorder qu'un quartier entier. Une idée qui séduit des "
            "agriculteurs du secteur, à condition que l'approvisionnement soit garanti toute "
            "l'année.",
        ),
        comments=(
            "Une piscine chauffée par les serveurs, ce serait un symbole sympa.",
            "Des promesses, toujours des promesses. Qu'on voie d'abord un tuyau.",
        ),
    ),
    DemoArticle(
        slug="rovaltain-sesterce-prepare-ses-recrutements",
        outlet="echo",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Nadia Kessler",
        age_days=7,
        title="Rovaltain : Sesterce prépare ses recrutements et mise sur la formation locale",
        paragraphs=(
            "Combien d'emplois le data center de Rovaltain créera-t-il vraiment ? Depuis l'annonce "
            "du projet, Sesterce parle de plusieurs centaines de postes, directs et indirects. "
            "L'entreprise a commencé à préciser la nature des profils recherchés, alors que les "
            "premiers recrutements sont attendus dans les mois qui viennent.",
            "Le cœur des effectifs serait constitué de techniciens d'exploitation, chargés de "
            "surveiller les installations jour et nuit, de remplacer les composants défaillants et "
            "d'intervenir sur les circuits de refroidissement. S'y ajoutent des électriciens "
            "spécialisés en haute tension, des agents de sûreté et quelques ingénieurs réseau et "
            "système.",
            "Pour trouver ces profils, l'entreprise dit vouloir travailler avec les établissements "
            "de formation du bassin de Valence et de Romans. Des échanges sont en cours avec des "
            "lycées professionnels proposant des filières en électrotechnique et avec l'université "
            "pour des formations courtes de technicien de data center, un métier encore peu "
            "enseigné en France.",
            "Les emplois indirects concerneraient la maintenance du bâtiment, le gardiennage, le "
            "nettoyage, la restauration et les travaux d'installation. Ils dépendront largement de "
            "la capacité des entreprises locales à répondre aux appels d'offres, souvent exigeants "
            "en matière de certifications.",
            "Les économistes invitent toutefois à la prudence. Un centre de données moderne est "
            "très automatisé, et le ratio entre l'investissement et le nombre d'emplois permanents "
            "y est sans commune mesure avec celui d'une usine classique. Plusieurs sites européens "
            "de taille comparable emploient quelques dizaines de personnes en exploitation "
            "courante.",
            "Le collectif d'habitants qui conteste le projet reprend cet argument, et demande que "
            "les chiffres d'emploi soient inscrits noir sur blanc dans les engagements de "
            "l'entreprise. Sesterce répond que les effectifs augmenteront au fil des phases et que "
            "la présence du site attirera d'autres activités sur le parc.",
        ),
        comments=(
            "Technicien de data center, c'est un vrai métier d'avenir pour les jeunes du coin.",
            "Quelques dizaines d'emplois pour des centaines de millions, le calcul est vite fait.",
            "Les certifications exigées excluent souvent les petites entreprises locales.",
        ),
    ),
    DemoArticle(
        slug="biomerieux-et-sesterce-rapprochent-sante-et-intelligence-artificielle",
        outlet="courrier",
        lang="fr",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Élodie Faure",
        age_days=22,
        title="Santé et intelligence artificielle : bioMérieux et Sesterce se rapprochent",
        paragraphs=(
            "Le data center de Rovaltain ne servira pas qu'à des clients lointains. C'est du moins "
            "le message que Sesterce veut faire passer en mettant en avant son partenariat avec "
            "bioMérieux, le spécialiste du diagnostic in vitro, dont les activités de recherche "
            "pourraient s'appuyer sur la puissance de calcul installée dans l'ancien bâtiment "
            "Ecotox.",
            "Le rapprochement a une dimension symbolique. Le bâtiment avait été racheté en 2021 "
            "par l'Institut Mérieux, avant d'être revendu à Sesterce. Les liens entre les deux "
            "univers, la biologie et le calcul, ne sont donc pas nouveaux sur ce site conçu à "
            "l'origine pour accueillir des laboratoires.",
            "Les domaines d'application cités vont de l'analyse de séquences génétiques à la "
            "détection de résistances aux antibiotiques, en passant par le traitement automatique "
            "d'images de microscopie. Ces travaux exigent de grandes quantités de calcul, et les "
            "entreprises de santé cherchent de plus en plus à les réaliser sur des infrastructures "
            "hébergées en Europe, pour des raisons de confidentialité des données.",
            "Les contours précis du partenariat restent toutefois discrets. Ni le volume de GPU "
            "réservé, ni la durée de l'accord, ni les montants en jeu n'ont été rendus publics. "
            "Des observateurs notent que ce type d'annonce sert aussi à donner une image plus "
            "concrète et plus locale à un projet souvent perçu comme abstrait.",
            "Pour Sesterce, l'enjeu est de démontrer que l'IA ne se résume pas aux assistants "
            "conversationnels grand public. L'entreprise souhaite attirer d'autres acteurs de la "
            "santé et de l'industrie régionale, en leur proposant un accès à la demande à des "
            "grappes de serveurs sans investissement initial.",
            "Du côté des opposants au projet, on reconnaît l'intérêt des usages médicaux, mais on "
            "rappelle qu'ils ne représenteront vraisemblablement qu'une petite partie de la "
            "capacité totale du site. Le collectif demande que l'entreprise publie la répartition "
            "de ses clients par secteur une fois les premières salles en service.",
        ),
        comments=(
            "Si ça sert à lutter contre l'antibiorésistance, je suis pour.",
            "Un partenariat sans chiffres, c'est surtout de la communication.",
        ),
    ),
)

"""Evaluation pages, our own words: blogs, table-heavy pages, misleading date tags, paywalled teasers."""

from bench.quality.spec import Page

BLOG_COMMENTS = [("Sylvie", "Merci pour ce compte rendu très clair, je n'avais pas pu venir à la réunion."),
                 ("Bernard D.", "Et personne ne parle du bruit des ventilateurs la nuit ? À Marcoussis ils s'en plaignent."),
                 ("Admin", "Bonne remarque Bernard, nous poserons la question lors de la prochaine permanence."),
                 ("Lucie", "Le lien vers la pétition ne fonctionne plus, pouvez-vous le corriger ?")]

BLOGS = [
    Page("blog-collectif-reunion", "blog", "wordpress", "fr",
         "https://collectif-plaine.example/2025/04/06/compte-rendu-de-la-reunion-publique-du-4-avril/",
         "Collectif de la Plaine", "Compte rendu de la réunion publique du 4 avril", "2025-04-06T21:10:00+02:00", [
             "Plus de deux cents personnes se sont serrées vendredi soir dans la salle des fêtes d'Alixan pour "
             "parler du projet de centre de calcul. Voici ce que nous retenons des échanges.",
             "Premier constat : personne, parmi les élus présents, n'a pu donner la consommation électrique prévue. "
             "Le chiffre circule pourtant dans la presse spécialisée.",
             "Deuxième constat : la chaleur récupérée n'a aujourd'hui aucun débouché. Aucun réseau de chaleur "
             "n'existe à proximité du parc d'activités.",
             "Nous avons décidé de constituer trois groupes de travail : eau, énergie et urbanisme. Chacun peut "
             "nous rejoindre, il suffit de nous écrire.",
             "Prochaine permanence le samedi 19 avril au marché de Chabeuil.",
         ], author="Le bureau", section="Réunions", html_lang="en-US", date_markup="none", comments=BLOG_COMMENTS,
         site_meta=False, footer_note="Un collectif citoyen pour un territoire vivant", opengraph=False,
         feed_date="2025-04-06T19:10:00+00:00"),
    Page("blog-ingenieure-pue", "blog", "wordpress", "fr",
         "https://carnet-technique.example/pue-wue-et-autres-indicateurs-que-faut-il-croire/",
         "Carnet technique", "PUE, WUE et autres indicateurs : que faut-il croire ?", "2025-05-14T08:30:00+02:00", [
             "On lit partout qu'un centre de données « vise un PUE de 1,1 ». Ce chiffre mérite quelques explications, "
             "car il ne dit pas ce que beaucoup croient.",
             ("h2", "Ce que mesure le PUE"),
             "Le PUE rapporte l'énergie totale consommée par le site à celle consommée par les seuls équipements "
             "informatiques. Un PUE de 1,1 signifie que 10 % partent dans le refroidissement et les pertes.",
             "Il ne dit rien de la quantité totale d'énergie, ni de l'utilité des calculs réalisés. Un site énorme "
             "peut avoir un excellent PUE.",
             ("h2", "Et le WUE ?"),
             "Le WUE mesure l'eau consommée par kilowattheure. Il est rarement publié, et quand il l'est, la méthode "
             "de calcul varie d'un exploitant à l'autre.",
             "Mon conseil : demandez toujours les valeurs absolues, en mégawattheures et en mètres cubes par an.",
         ], author="Claire", section="Énergie", date_markup="jsonld", split_body=True, modified="2025-09-02T10:00:00+02:00",
         comments=BLOG_COMMENTS[:2], footer_note="Notes d'une ingénieure énergéticienne", site_meta=False,
         feed_date="2025-09-02T08:00:00+00:00"),
    Page("blog-ricochets-spip", "blog", "spip", "fr",
         "https://cailloux-drome.example/Data-center-de-Rovaltain-nos-questions-au-prefet",
         "Les Cailloux", "Data center de Rovaltain : nos questions au préfet", "2025-08-27T14:00:00+02:00", [
             "Nous publions ci-dessous la lettre ouverte adressée au préfet de la Drôme par plusieurs associations "
             "du département.",
             "Monsieur le Préfet, le projet de centre de calcul sur le parc de Rovaltain soulève des questions "
             "auxquelles aucune réponse publique n'a été apportée à ce jour.",
             ("ul", ["Quelle puissance électrique a été réservée auprès du gestionnaire de réseau ?",
                     "Quel volume d'eau sera prélevé chaque année, et dans quelle nappe ?",
                     "Une enquête publique est-elle prévue, et à quelle date ?"]),
             "Nous vous remercions de bien vouloir rendre publiques ces informations, qui concernent tous les "
             "habitants de la plaine.",
         ], section="Luttes locales", date_markup="none", metas=[("name", "date", "2025-09-01")],
         opengraph=False, comments=BLOG_COMMENTS[1:3], footer_note="Site participatif d'informations locales"),
    Page("blog-spip-agenda", "blog", "spip", "fr",
         "https://cailloux-drome.example/Projection-debat-Le-nuage-sous-nos-pieds-a-Crest",
         "Les Cailloux", "Projection-débat « Le nuage sous nos pieds » à Crest", "2025-10-10T09:00:00+02:00", [
             "Le cinéma associatif de Crest accueille le jeudi 23 octobre la projection d'un documentaire sur les "
             "centres de données à Marseille, suivie d'un débat.",
             "Des membres du collectif marseillais seront présents pour raconter comment ils ont enquêté sur les "
             "câbles sous-marins et les salles de serveurs installées dans le port.",
             "Entrée à prix libre. Une soupe sera servie à l'issue de la soirée.",
         ], section="Agenda", date_markup="none", opengraph=False, footer_note="Site participatif d'informations locales"),
    Page("blog-medium-english", "blog", "wordpress", "en",
         "https://notes-on-compute.example/2025/11/the-quiet-french-gpu-boom/", "Notes on Compute",
         "The quiet French GPU boom", "2025-11-24T16:00:00+00:00", [
             "While most coverage of AI infrastructure focuses on the United States, France has been quietly lining "
             "up some of the largest GPU deployments in Europe.",
             "The reasons are mostly about electricity: a low-carbon grid, nuclear baseload and relatively "
             "predictable prices for large industrial consumers.",
             "Projects like the one near Valence show the pattern: reuse an existing building, promise heat reuse, "
             "and bet on a fast grid connection.",
             "Whether the demand will be there when the machines arrive is another question. Rental prices for "
             "older GPUs have already fallen sharply.",
         ], author="Dan Price", section="Essays", date_markup="none", comments=[
             ("mk", "Good summary. The grid queue point is underrated."),
             ("Jules", "The heat reuse promise is always there and almost never delivered.")], site_meta=False),
    Page("blog-elu-opposition", "blog", "wordpress", "fr",
         "https://blog-alixan-autrement.example/le-permis-est-signe-et-maintenant/",
         "Alixan autrement", "Le permis est signé. Et maintenant ?", "2025-12-30T18:00:00+01:00", [
             "Le maire a signé le permis de construire du centre de calcul, comme nous le craignions, sans le moindre "
             "débat en conseil municipal.",
             "Notre groupe avait demandé la tenue d'une réunion d'information. Elle nous a été refusée au motif que "
             "le permis relevait de la seule compétence du maire.",
             "Nous examinons avec des habitants la possibilité d'un recours gracieux, puis contentieux. Le délai est "
             "de deux mois à compter de l'affichage sur le terrain.",
             "Nous vous tiendrons informés. Bonnes fêtes de fin d'année à toutes et à tous.",
         ], author="Groupe d'opposition municipale", section="Urbanisme", date_markup="none",
         html_lang="fr-FR", comments=BLOG_COMMENTS[:3], site_meta=False),
    Page("blog-portugues-tech", "blog", "wordpress", "pt",
         "https://blog-computacao.example/2025/06/franca-aposta-em-centros-de-dados/", "Blog de Computação",
         "França aposta em centros de dados para a inteligência artificial", "2025-06-09T10:00:00+01:00", [
             "A França tornou-se um dos destinos preferidos dos investidores em centros de dados na Europa, graças à "
             "eletricidade nuclear de baixo carbono.",
             "No sudeste do país, uma empresa de Marselha prepara a instalação de quarenta mil processadores gráficos "
             "num antigo edifício de investigação.",
             "Os críticos lembram que o consumo de eletricidade destes projetos é enorme e que os empregos criados "
             "são poucos.",
         ], author="Rui Almeida", section="Tecnologia", html_lang="pt-PT", date_markup="jsonld", site_meta=False),
]

TABLES = [
    Page("tables-elections-canton", "tables", "regional", "fr",
         "https://www.reveil-dromois.example/elections/2026/03/16/municipales-les-resultats-du-premier-tour-autour-de-valence",
         "Le Réveil drômois", "Municipales : les résultats du premier tour autour de Valence",
         "2026-03-16T01:30:00+01:00", [
             "Voici les résultats du premier tour dans les communes de plus de 1 000 habitants de l'agglomération.",
             ("table", [["Commune", "Inscrits", "Votants", "Tête de liste arrivée en tête", "Score"],
                        ["Alixan", "1 912", "1 301", "Liste Alixan demain", "54,2 %"],
                        ["Chabeuil", "5 420", "3 610", "Chabeuil ensemble", "47,8 %"],
                        ["Bourg-de-Péage", "7 980", "4 455", "Agir pour Bourg-de-Péage", "51,6 %"],
                        ["Châteauneuf-sur-Isère", "3 150", "2 140", "Vivre Châteauneuf", "39,9 %"],
                        ["Montélier", "3 010", "2 020", "Montélier pour tous", "62,3 %"],
                        ["Saint-Marcel-lès-Valence", "4 610", "2 980", "Saint-Marcel avance", "44,1 %"]]),
             "Dans les communes où aucune liste n'a obtenu la majorité absolue, un second tour aura lieu dimanche "
             "prochain.",
         ], section="Élections", og_suffix=" | Le Réveil drômois", most_read=["Second tour : les alliances"]),
    Page("tables-budget-agglo", "tables", "national", "fr",
         "https://www.valence-romans-infos.example/budget-2026-ou-va-l-argent-de-l-agglo",
         "Valence Romans Infos", "Budget 2026 : où va l'argent de l'Agglo", "2026-01-29T17:00:00+01:00", [
             "Le budget primitif voté jeudi s'élève à 412 millions d'euros. Voici sa répartition par grands postes.",
             ("table", [["Poste", "Montant (M€)", "Évolution"], ["Transports", "96,4", "+3,1 %"],
                        ["Eau et assainissement", "71,2", "+5,4 %"], ["Déchets", "48,9", "+1,2 %"],
                        ["Développement économique", "22,7", "+18,0 %"], ["Culture et sports", "31,5", "-2,3 %"],
                        ["Dette", "27,8", "-4,0 %"]]),
             "La hausse du développement économique s'explique notamment par l'aménagement des abords du parc de "
             "Rovaltain.",
             ("table", [["Recettes", "Montant (M€)"], ["Fiscalité", "188,0"], ["Dotations de l'État", "74,3"],
                        ["Redevances", "102,6"], ["Emprunt", "47,1"]]),
         ], section="Budget", og_suffix=" - Valence Romans Infos"),
    Page("tables-sites-france", "tables", "trade", "fr",
         "https://www.serveurs-reseaux.example/actualites/252519999/Carte-des-grands-projets-de-data-centers-en-France",
         "Serveurs & Réseaux", "Carte des grands projets de data centers en France", "2025-09-15T09:00:00+02:00", [
             "Nous tenons à jour la liste des projets de plus de 50 MW annoncés en France depuis 2024.",
             ("table", [["Site", "Région", "Puissance annoncée", "Mise en service"],
                        ["Alixan (Rovaltain)", "Auvergne-Rhône-Alpes", "non communiquée", "fin 2026"],
                        ["Sisteron", "Provence-Alpes-Côte d'Azur", "100 MW", "2027"],
                        ["Aubergenville", "Île-de-France", "150 MW", "2028"],
                        ["Marseille, port", "Provence-Alpes-Côte d'Azur", "60 MW", "2026"],
                        ["Grand Est, site 1", "Grand Est", "200 MW", "2028"],
                        ["Grand Est, site 2", "Grand Est", "300 MW", "2029"],
                        ["Fos-sur-Mer", "Provence-Alpes-Côte d'Azur", "240 MW", "non précisée"]]),
             "Les puissances sont celles annoncées par les porteurs de projets ; elles ne préjugent pas des "
             "raccordements effectivement accordés.",
         ], author="Olivier Kern", section="Datacenter", modified="2026-02-01T10:00:00+01:00"),
    Page("tables-chronologie", "tables", "wordpress", "fr",
         "https://collectif-plaine.example/chronologie-du-projet/", "Collectif de la Plaine",
         "Chronologie du projet", "2025-12-31T12:00:00+01:00", [
             "Les grandes étapes du dossier, mises à jour au fil de l'eau.",
             ("table", [["Date", "Événement"], ["Février 2025", "Annonce du projet pendant le sommet sur l'IA"],
                        ["13 mars 2025", "Présentation sur le site aux élus et aux entreprises"],
                        ["28 juin 2025", "Dépôt du permis de construire en mairie"],
                        ["Novembre 2025", "Annonce d'un doublement de la puissance"],
                        ["Fin décembre 2025", "Permis validé par la mairie d'Alixan"]]),
         ], author="Le bureau", section="Dossier", date_markup="none", site_meta=False, opengraph=False,
         comments=BLOG_COMMENTS[3:]),
    Page("tables-enquete-calendrier", "tables", "spip", "fr",
         "https://cailloux-drome.example/Consultations-publiques-en-cours-dans-la-Drome",
         "Les Cailloux", "Consultations publiques en cours dans la Drôme", "2026-01-12T10:00:00+01:00", [
             "Relevé des consultations du public ouvertes sur le site de la préfecture, à l'intention de nos "
             "lecteurs qui veulent déposer une observation.",
             ("table", [["Objet", "Commune", "Du", "Au"],
                        ["Extension d'une carrière", "Livron-sur-Drôme", "5 janvier", "2 février"],
                        ["Entrepôt frigorifique", "Portes-lès-Valence", "8 janvier", "6 février"],
                        ["Centrale photovoltaïque au sol", "Saillans", "12 janvier", "12 février"],
                        ["Groupes électrogènes d'un centre de calcul", "Alixan", "19 janvier", "19 février"]]),
             "Les observations se déposent par voie électronique sur le registre de chaque dossier.",
         ], section="Enquêtes publiques", date_markup="none", opengraph=False),
    Page("tables-resultats-sport", "tables", "regional", "fr",
         "https://www.reveil-dromois.example/sport/rugby/2025/11/10/federale-2-les-resultats-du-week-end",
         "Le Réveil drômois", "Fédérale 2 : les résultats du week-end", "2025-11-10T08:00:00+01:00", [
             ("table", [["Domicile", "Score", "Extérieur"], ["Valence Romans B", "27 - 13", "Tain-Tournon"],
                        ["Crest", "18 - 18", "Privas"], ["Montélimar", "9 - 31", "Annonay"],
                        ["Die", "22 - 20", "Pierrelatte"]]),
             ("table", [["Équipe", "Points", "Joués"], ["Annonay", "34", "9"], ["Valence Romans B", "31", "9"],
                        ["Crest", "25", "9"], ["Privas", "21", "9"], ["Die", "17", "9"]]),
         ], section="Rugby", og_suffix=" | Le Réveil drômois", most_read=["Un incendie ravage un entrepôt"]),
    Page("tables-comparatif-gpu", "tables", "trade", "en",
         "https://www.datacentre-weekly.example/en/analysis/gpu-cloud-prices-in-europe-compared/",
         "DataCentre Weekly", "GPU cloud prices in Europe compared", "2025-10-06T12:00:00+00:00", [
             "We compared the public list prices of GPU rental in Europe for the main accelerator generations.",
             ("table", [["Provider type", "Previous generation ($/h)", "Current generation ($/h)", "Minimum term"],
                        ["Hyperscaler", "2.90", "6.50", "none"], ["European neocloud", "1.80", "3.90", "1 month"],
                        ["French startup", "1.60", "3.70", "3 months"], ["Marketplace", "1.20", "3.20", "none"]]),
             "List prices rarely reflect what large customers pay: multi-year reservations come with steep "
             "discounts that are not published.",
             "Availability of the newest generation remains the main constraint, more than price.",
         ], author="Sam Whitfield", section="Analysis", og_suffix=" - DataCentre Weekly", chrome_lang="en"),
    Page("tables-deliberations", "tables", "national", "fr",
         "https://www.mairie-info-drome.example/conseil-municipal-d-alixan-les-deliberations-du-18-decembre",
         "Mairie Info Drôme", "Conseil municipal d'Alixan : les délibérations du 18 décembre",
         "2025-12-19T09:00:00+01:00", [
             "Le conseil municipal s'est réuni jeudi 18 décembre. Voici la liste des délibérations adoptées.",
             ("table", [["N°", "Objet", "Vote"], ["2025-61", "Décision modificative n° 3 du budget", "unanimité"],
                        ["2025-62", "Tarifs de la cantine scolaire 2026", "unanimité"],
                        ["2025-63", "Convention de servitude avec le gestionnaire du réseau électrique", "15 pour, 4 contre"],
                        ["2025-64", "Dénomination d'une voie nouvelle", "unanimité"]]),
             "Le compte rendu intégral sera affiché en mairie et publié dans les huit jours.",
         ], section="Vie municipale", og_suffix=" - Mairie Info Drôme"),
]

DATES = [
    Page("dates-copyright-meta", "dates", "national", "fr",
         "https://www.hebdo-drome.example/economie/le-parc-de-rovaltain-accueille-trois-entreprises",
         "L'Hebdo de la Drôme", "Le parc de Rovaltain accueille trois entreprises", "2025-05-07T10:00:00+02:00", [
             "Trois entreprises ont choisi le parc de Rovaltain pour s'implanter cette année, annonce la société "
             "d'aménagement du site.",
             "Il s'agit d'un bureau d'études en génie climatique, d'un fabricant de mobilier et d'une start-up de "
             "la santé, qui créeront ensemble une quarantaine d'emplois.",
             "Le parc compte désormais plus de deux cents entreprises, à deux pas de la gare TGV.",
         ], section="Économie", og_suffix=" | L'Hebdo de la Drôme", date_markup="none",
         metas=[("name", "date", "2022-01-01"), ("name", "copyright", "2022")]),
    Page("dates-modified-only", "dates", "regional", "fr",
         "https://www.reveil-dromois.example/drome/alixan/les-riverains-inquiets-du-bruit",
         "Le Réveil drômois", "Les riverains inquiets du bruit", "2025-08-12T07:00:00+02:00", [
             "Dans le lotissement le plus proche du parc, les habitants redoutent le ronronnement des groupes froids.",
             "L'exploitant promet des écrans acoustiques et des mesures avant et après la mise en service.",
             "Une réunion avec la mairie est prévue à la rentrée.",
         ], author="Élodie Brun", section="Alixan", og_suffix=" | Le Réveil drômois", date_markup="none",
         modified="2025-10-03T15:00:00+02:00", metas=[("property", "article:modified_time", "2025-10-03T15:00:00+02:00"),
                                                      ("name", "date", "2025-10-03")]),
    Page("dates-jsonld-modified", "dates", "trade", "fr",
         "https://www.it-entreprise.example/le-refroidissement-liquide-s-impose", "IT & Entreprise",
         "Le refroidissement liquide s'impose", "2025-04-29T09:00:00+02:00", [
             "Les baies de calcul dépassent désormais couramment 50 kW, un seuil au-delà duquel l'air ne suffit plus.",
             "Les constructeurs proposent des plaques froides directement montées sur les processeurs, alimentées "
             "par un circuit d'eau glycolée.",
             "Les exploitants doivent repenser leurs salles : planchers renforcés, distribution de fluide, détection "
             "des fuites.",
         ], author="Marc Delorme", section="Infrastructure", date_markup="none",
         modified="2026-01-15T12:00:00+01:00", jsonld_extra={"dateModified": "2026-01-15T12:00:00+01:00"}),
    Page("dates-sitewide-dcdate", "dates", "spip", "fr",
         "https://cailloux-drome.example/Le-collectif-ecrit-aux-deputes",
         "Les Cailloux", "Le collectif écrit aux députés", "2025-11-03T11:00:00+01:00", [
             "Le collectif a adressé un courrier aux quatre députés de la Drôme pour leur demander de soutenir une "
             "loi sur la transparence énergétique des centres de données.",
             "Deux d'entre eux ont déjà répondu et proposent une rencontre à Valence.",
         ], section="Luttes locales", date_markup="none", opengraph=False,
         metas=[("name", "dc.date", "2026-03-01"), ("name", "DC.date.issued", "2026-03-01")]),
    Page("dates-pubdate-wrong", "dates", "wire", "fr",
         "https://www.portail-infos.example/depeches/sesterce-recrute-ses-premiers-techniciens",
         "Portail Infos", "Sesterce recrute ses premiers techniciens", "2026-02-04T12:00:00+01:00", [
             "Valence, 4 fév 2026 (AFD) - Le fournisseur de calcul Sesterce a ouvert mercredi les candidatures pour "
             "une vingtaine de postes de techniciens sur son site d'Alixan.",
             "Les recrutements se feront en lien avec France Travail et les lycées professionnels de la région.",
         ], section="Dépêches", og_suffix=" - Portail Infos", date_markup="none", show_modified=False,
         metas=[("name", "pubdate", "2026-02-06"), ("name", "publishdate", "2026-02-06")],
         footer_note="© Agence France Dépêches"),
    Page("dates-atom-updated", "dates", "wordpress", "fr",
         "https://carnet-technique.example/le-point-sur-le-reseau-electrique-drome/", "Carnet technique",
         "Le point sur le réseau électrique drômois", "2025-03-03T08:00:00+01:00", [
             "Le poste source le plus proche du parc de Rovaltain est déjà bien chargé. Un renforcement serait "
             "nécessaire pour accueillir un gros consommateur.",
             "Les délais d'un tel renforcement se comptent en années, d'après les schémas publiés par le "
             "gestionnaire du réseau.",
             "Mise à jour : le gestionnaire a confirmé en septembre l'étude d'une nouvelle ligne souterraine.",
         ], author="Claire", section="Énergie", date_markup="none", modified="2025-09-20T09:00:00+02:00",
         feed_date="2025-09-20T07:00:00+00:00", site_meta=False),
    Page("dates-body-only", "dates", "spip", "fr",
         "https://cailloux-drome.example/Appel-a-temoignages", "Les Cailloux", "Appel à témoignages",
         "2025-06-16T10:00:00+02:00", [
             "Vous habitez près d'un centre de données et vous souhaitez témoigner ? Nous préparons un dossier sur "
             "la vie à côté de ces installations.",
             "Écrivez-nous, nous respecterons l'anonymat de celles et ceux qui le souhaitent.",
             "Le comité de rédaction, Crest, le 16 juin 2025.",
         ], section="Appels", date_markup="none", opengraph=False, show_published=False),
    Page("dates-sitemap-lastmod", "dates", "trade", "en",
         "https://www.datacentre-weekly.example/en/news/grid-operator-studies-new-line-near-valence/",
         "DataCentre Weekly", "Grid operator studies new line near Valence", "2025-09-22T15:00:00+00:00", [
             "France's transmission operator is studying a new underground line to serve the Rovaltain business park, "
             "where an AI compute facility is planned.",
             "The study is expected to take a year, with construction to follow only if the project's demand is "
             "confirmed.",
         ], author="Sam Whitfield", section="News", og_suffix=" - DataCentre Weekly", chrome_lang="en",
         date_markup="none", modified="2025-12-01T09:00:00+00:00", sitemap_lastmod="2025-12-01T09:00:00+00:00"),
]

TEASERS = [
    Page("teaser-regional-abonnes", "teaser", "regional", "fr",
         "https://www.reveil-dromois.example/drome/alixan/2026/02/20/ce-que-contient-le-recours-contre-le-data-center",
         "Le Réveil drômois", "Ce que contient le recours contre le data center", "2026-02-20T06:00:00+01:00", [
             "Nous avons pu consulter la requête déposée devant le tribunal administratif. Elle conteste le permis "
             "sur trois points principaux.",
             "Le premier concerne l'étude d'impact, jugée incomplète sur la question de l'électricité.",
             "Le deuxième vise l'absence d'évaluation des effets cumulés avec les autres projets du parc.",
             "Le troisième porte sur l'avis de l'autorité environnementale, rendu selon les requérants sur un "
             "dossier différent de celui finalement déposé.",
         ], author="Julien Farge", section="Alixan", og_suffix=" | Le Réveil drômois", teaser=2,
         jsonld_extra={"isAccessibleForFree": False}, most_read=["Un incendie ravage un entrepôt"]),
    Page("teaser-national-premium", "teaser", "national", "fr",
         "https://www.journal-du-soir.example/economie/article/2025/11/20/les-financiers-de-l-ia-a-la-francaise_6590001_3234.html",
         "Le Journal du Soir", "Les financiers de l'IA à la française", "2025-11-20T05:30:00+01:00", [
             "Derrière les annonces spectaculaires, une poignée de fonds et de banques décident du sort des projets "
             "de centres de calcul. Enquête sur un petit monde très discret.",
             "Tout commence souvent par une lettre d'intention, rédigée avant même que le terrain soit trouvé.",
             "Les montages combinent dette bancaire, fonds d'infrastructure et contrats de location avec les clients.",
         ], author="Thomas Lacombe", section="Économie", og_suffix=" - Le Journal du Soir", teaser=1,
         jsonld_extra={"isAccessibleForFree": False}),
    Page("teaser-trade-members", "teaser", "trade", "fr",
         "https://www.serveurs-reseaux.example/actualites/252518888/Les-couts-caches-du-refroidissement",
         "Serveurs & Réseaux", "Les coûts cachés du refroidissement", "2025-07-24T08:00:00+02:00", [
             "Le refroidissement liquide réduit la facture électrique, mais il entraîne d'autres dépenses que les "
             "plans d'affaires oublient souvent.",
             "Maintenance des pompes, qualité du fluide, remplacement des raccords : la liste est longue.",
             "Notre analyse détaillée chiffre ces coûts pour un site de 20 MW.",
         ], author="Olivier Kern", section="Datacenter", teaser=2),
    Page("teaser-english-paywall", "teaser", "trade", "en",
         "https://www.power-markets.example/articles/why-europe-s-grid-cannot-keep-up-with-ai",
         "Power Markets Review", "Why Europe's grid cannot keep up with AI", "2025-10-30T07:00:00+00:00", [
             "Connection queues for large consumers now stretch past five years in several European countries, and "
             "data centers are at the front of the line.",
             "Grid operators say they are building as fast as permits allow. Developers say that is not fast enough.",
             "The result is a scramble for sites with existing capacity, such as former industrial plants.",
         ], author="Priya Natarajan", section="Grids", og_suffix=" | Power Markets Review", chrome_lang="en",
         teaser=1, jsonld_extra={"isAccessibleForFree": "False"}),
    Page("teaser-german-plus", "teaser", "national", "de",
         "https://www.zeitung-am-main.example/wirtschaft/europas-ki-rechenzentren-der-strom-wird-knapp-a-12345.html",
         "Zeitung am Main", "Europas KI-Rechenzentren: Der Strom wird knapp", "2025-12-08T06:00:00+01:00", [
             "In Frankreich, Deutschland und den Niederlanden stehen Rechenzentrumsbetreiber Schlange für neue "
             "Netzanschlüsse. Die Wartezeiten werden immer länger.",
             "Frankreich wirbt mit Atomstrom und schnellen Genehmigungen um Investoren.",
             "Doch auch dort regt sich Widerstand in den Gemeinden.",
         ], author="Jonas Berger", section="Wirtschaft", og_suffix=" | Zeitung am Main", teaser=2),
    Page("teaser-regional-short", "teaser", "regional", "fr",
         "https://www.reveil-dromois.example/drome/valence/2025/12/23/data-center-le-maire-d-alixan-signe-le-permis",
         "Le Réveil drômois", "Data center : le maire d'Alixan signe le permis", "2025-12-23T18:00:00+01:00", [
             "C'est fait : le permis de construire du centre de calcul a été signé, a confirmé la mairie ce mardi "
             "en fin d'après-midi.",
             "Le document comporte une vingtaine de prescriptions, notamment sur le bruit et l'éclairage nocturne.",
         ], author="Sandrine Tavel", section="Valence", og_suffix=" | Le Réveil drômois", teaser=1,
         feed_date="2025-12-23T17:00:00+00:00", jsonld_extra={"isAccessibleForFree": False}),
]

PAGES = BLOGS + TABLES + DATES + TEASERS

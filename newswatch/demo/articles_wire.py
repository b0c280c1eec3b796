"""The wire story published by two outlets, and the article edited between site versions."""

from newswatch.demo.model import DemoArticle

WIRE_ARTICLES = (
    DemoArticle(
        slug="recours-contre-le-permis-du-data-center-de-rovaltain",
        outlet="courrier",
        lang="fr",
        kind="wire",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Agence Rhône Presse",
        age_days=1,
        title="Data center de Rovaltain : des riverains saisissent le tribunal administratif",
        paragraphs=(
            "Grenoble (ARP) - Un collectif d'habitants de la Drôme a déposé le 18 février 2026 un "
            "recours devant le tribunal administratif de Grenoble contre le permis de construire "
            "du data center que la société Sesterce prévoit d'installer sur le parc d'activités de "
            "Rovaltain, à Alixan, a-t-on appris auprès de ses avocats.",
            "Le permis, délivré fin décembre 2025 par la mairie d'Alixan, autorise la "
            "transformation de l'ancien bâtiment Ecotox, une plateforme de recherche construite "
            "avec des fonds publics, en un centre de calcul destiné à accueillir jusqu'à 40 000 "
            "GPU pour l'intelligence artificielle.",
            "Les requérants estiment que l'étude des impacts du projet sur l'environnement est "
            "insuffisante, en particulier en ce qui concerne la consommation d'électricité et "
            "d'eau. Ils reprochent également à l'entreprise d'avoir fortement augmenté la "
            "puissance prévue du site après sa présentation publique, sans nouvelle consultation.",
            "Sesterce, société marseillaise fondée en 2018 et spécialisée dans le cloud pour l'IA, "
            "a annoncé en 2025 un investissement de 450 millions d'euros pour la première phase du "
            "projet, et d'environ 1,8 milliard d'euros au total. Elle vise une mise en service fin "
            "2026.",
            "Contactée, l'entreprise a indiqué prendre acte du recours et rester confiante quant à "
            "la solidité juridique de son dossier. Elle rappelle que le bâtiment existe déjà et "
            "que le projet prévoit un refroidissement en circuit fermé ainsi qu'une récupération "
            "de la chaleur produite par les serveurs.",
            "Un recours devant le tribunal administratif n'est pas suspensif. Les requérants n'ont "
            "pas, à ce stade, demandé la suspension du permis en référé, mais n'excluent pas de le "
            "faire si les travaux devaient commencer avant l'examen de l'affaire au fond, qui "
            "pourrait prendre plus d'un an.",
            "Localement, le projet divise. Ses partisans mettent en avant les emplois promis et la "
            "reconversion d'un bâtiment resté longtemps inoccupé, tandis que ses opposants "
            "dénoncent une décision prise sans débat public sur un territoire soumis à des "
            "restrictions d'eau en été.",
            "À Alixan, le recours était attendu. Plusieurs membres du collectif avaient annoncé "
            "dès la délivrance du permis leur intention de le contester, et une réunion publique "
            "est prévue dans les prochains jours pour présenter la démarche aux habitants des "
            "communes voisines.",
            "Avec ARP.",
        ),
        comments=(
            "Enfin ! Il était temps que la justice regarde ce dossier.",
            "Encore un recours qui va retarder des emplois dont on a besoin.",
            "Le recours n'est pas suspensif, donc les travaux peuvent commencer quand même ?",
        ),
    ),
    DemoArticle(
        slug="sesterce-un-recours-depose-contre-le-permis-du-data-center",
        outlet="echo",
        lang="fr",
        kind="wire",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Agence Rhône Presse",
        age_days=1,
        title="Sesterce : un recours déposé contre le permis de son data center de Rovaltain",
        paragraphs=(
            "GRENOBLE, 18 février 2026 (Agence Rhône Presse) - Un collectif d'habitants de la "
            "Drôme a déposé le 18 février 2026 un recours devant le tribunal administratif de "
            "Grenoble contre le permis de construire du data center que la société Sesterce "
            "prévoit d'installer sur le parc d'activités de Rovaltain, à Alixan, a-t-on appris "
            "auprès de ses avocats.",
            "Le permis, délivré fin décembre 2025 par la mairie d'Alixan, autorise la "
            "transformation de l'ancien bâtiment Ecotox, une plateforme de recherche construite "
            "avec des fonds publics, en un centre de calcul destiné à accueillir jusqu'à 40 000 "
            "GPU pour l'intelligence artificielle.",
            "Les requérants estiment que l'étude des impacts du projet sur l'environnement est "
            "insuffisante, en particulier en ce qui concerne la consommation d'électricité et "
            "d'eau. Ils reprochent également à l'entreprise d'avoir fortement augmenté la "
            "puissance prévue du site après sa présentation publique, sans nouvelle consultation.",
            "Sesterce, société marseillaise fondée en 2018 et spécialisée dans le cloud pour l'IA, "
            "a annoncé en 2025 un investissement de 450 millions d'euros pour la première phase du "
            "projet, et d'environ 1,8 milliard d'euros au total. Elle vise une mise en service fin "
            "2026.",
            "Contactée, l'entreprise a indiqué prendre acte du recours et rester confiante quant à "
            "la solidité juridique de son dossier. Elle rappelle que le bâtiment existe déjà et "
            "que le projet prévoit un refroidissement en circuit fermé ainsi qu'une récupération "
            "de la chaleur produite par les serveurs.",
            "Un recours devant le tribunal administratif n'est pas suspensif. Les requérants n'ont "
            "pas, à ce stade, demandé la suspension du permis en référé, mais n'excluent pas de le "
            "faire si les travaux devaient commencer avant l'examen de l'affaire au fond, qui "
            "pourrait prendre plus d'un an.",
            "Localement, le projet divise. Ses partisans mettent en avant les emplois promis et la "
            "reconversion d'un bâtiment resté longtemps inoccupé, tandis que ses opposants "
            "dénoncent une décision prise sans débat public sur un territoire soumis à des "
            "restrictions d'eau en été.",
            "Cet article a été publié automatiquement à partir d'une dépêche de l'Agence Rhône "
            "Presse. La rédaction de L'Écho de l'Éco n'en a pas modifié le contenu.",
        ),
        comments=(
            "Les recours, c'est devenu systématique pour tous les projets industriels.",
            "Bonne chose, l'étude d'impact était légère.",
        ),
    ),
    DemoArticle(
        slug="rovaltain-sesterce-precise-le-calendrier-de-son-data-center",
        outlet="courrier",
        lang="fr",
        kind="edited",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Claire Vernet",
        age_days=2,
        title=(
            "Rovaltain : Sesterce précise le calendrier de son data center, 1,8 milliard pour "
            "démarrer"
        ),
        title_v2=(
            "Rovaltain : Sesterce précise le calendrier de son data center, 450 millions pour "
            "démarrer"
        ),
        paragraphs=(
            "Sesterce a présenté cette semaine aux élus de Valence Romans Agglo un calendrier plus "
            "précis de son projet de data center dans l'ancien bâtiment Ecotox, sur le parc de "
            "Rovaltain à Alixan. Malgré le recours déposé par des habitants, l'entreprise "
            "maintient son objectif d'une ouverture des premières salles à la fin de l'année 2026.",
            "La première phase, chiffrée à 1,8 milliard d'euros, doit permettre d'installer "
            "plusieurs milliers de GPU dans l'aile nord du bâtiment. Les travaux intérieurs "
            "commenceraient au printemps, avec le démontage des anciens équipements de laboratoire "
            "et la création des salles techniques.",
            "L'été serait consacré au raccordement électrique et à l'installation du circuit de "
            "refroidissement fermé. Le poste de transformation, indispensable pour alimenter le "
            "site, doit être livré par le gestionnaire du réseau, dont le calendrier conditionne "
            "en grande partie celui du projet.",
            "Les premières livraisons de serveurs sont attendues à l'automne. Une période de tests "
            "de plusieurs semaines précédera la mise à disposition des machines aux clients. "
            "L'entreprise indique que les recrutements des techniciens d'exploitation commenceront "
            "environ six mois avant l'ouverture, afin de former les équipes sur site.",
            "Les phases suivantes, qui doivent porter le site à sa pleine capacité de 40 000 GPU, "
            "s'étaleront sur les années suivantes. Leur rythme dépendra de la demande des clients "
            "et de la puissance électrique disponible, que Sesterce espère voir doubler par "
            "rapport au projet initial.",
            "Les membres du collectif d'habitants qui contestent le permis ont réagi en dénonçant "
            "un calendrier « déconnecté » de la procédure en cours devant la justice "
            "administrative. Ils rappellent que le tribunal de Grenoble n'a pas encore fixé de "
            "date d'audience.",
        ),
        paragraphs_v2=(
            "Sesterce a présenté cette semaine aux élus de Valence Romans Agglo un calendrier plus "
            "précis de son projet de data center dans l'ancien bâtiment Ecotox, sur le parc de "
            "Rovaltain à Alixan. Malgré le recours déposé par des habitants, l'entreprise "
            "maintient son objectif d'une ouverture des premières salles à la fin de l'année 2026.",
            "La première phase, chiffrée à 450 millions d'euros, doit permettre d'installer "
            "plusieurs milliers de GPU dans l'aile nord du bâtiment. Les travaux intérieurs "
            "commenceraient au printemps, avec le démontage des anciens équipements de laboratoire "
            "et la création des salles techniques.",
            "L'enveloppe totale du projet, toutes phases confondues, est estimée à environ 1,8 "
            "milliard d'euros. Ce montant inclut l'achat des processeurs graphiques, qui "
            "représente de loin le premier poste de dépense, ainsi que les équipements électriques "
            "et les systèmes de refroidissement.",
            "L'été serait consacré au raccordement électrique et à l'installation du circuit de "
            "refroidissement fermé. Le poste de transformation, indispensable pour alimenter le "
            "site, doit être livré par le gestionnaire du réseau, dont le calendrier conditionne "
            "en grande partie celui du projet.",
            "Les premières livraisons de serveurs sont attendues à l'automne. Une période de tests "
            "de plusieurs semaines précédera la mise à disposition des machines aux clients. "
            "L'entreprise indique que les recrutements des techniciens d'exploitation commenceront "
            "environ six mois avant l'ouverture, afin de former les équipes sur site.",
            "Les phases suivantes, qui doivent porter le site à sa pleine capacité de 40 000 GPU, "
            "s'étaleront sur les années suivantes. Leur rythme dépendra de la demande des clients "
            "et de la puissance électrique disponible, que Sesterce espère voir doubler par "
            "rapport au projet initial.",
            "Les membres du collectif d'habitants qui contestent le permis ont réagi en dénonçant "
            "un calendrier « déconnecté » de la procédure en cours devant la justice "
            "administrative. Ils rappellent que le tribunal de Grenoble n'a pas encore fixé de "
            "date d'audience.",
            "Correction : une première version de cet article indiquait par erreur que la première "
            "phase était chiffrée à 1,8 milliard d'euros. Ce montant correspond à l'ensemble du "
            "projet ; la première phase représente 450 millions d'euros. Nous prions nos lecteurs "
            "de nous excuser pour cette erreur.",
        ),
        comments=(
            "1,8 milliard pour la première phase ? Ce n'est pas ce qui avait été annoncé en 2025.",
            "Le calendrier semble bien optimiste vu le recours en cours.",
        ),
    ),
)

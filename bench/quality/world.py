"""Evaluation pages, our own words: the languages other than French that reach the archive."""

from bench.quality.spec import Page

LANGUAGES = [
    Page("lang-de-energie", "languages", "national", "de",
         "https://www.energie-zeitung.example/artikel/frankreich-setzt-auf-atomstrom-fuer-ki-2025-04-03",
         "Energie Zeitung", "Frankreich setzt auf Atomstrom für KI", "2025-04-03T08:00:00+02:00", [
             "Frankreich will mit seinem kohlenstoffarmen Strom Betreiber von Rechenzentren anlocken. Die Regierung "
             "hat dafür eigens Flächen mit gesichertem Netzanschluss ausgewiesen.",
             "Einer der ersten Nutznießer ist ein Start-up aus Marseille, das in einem ehemaligen Labor bei Valence "
             "Zehntausende Grafikprozessoren aufstellen will.",
             "Umweltverbände warnen dagegen vor einem Wettlauf um Strom, der am Ende die Haushalte belasten könnte. "
             "Sie fordern eine Obergrenze für neue Großverbraucher.",
             "Der Netzbetreiber verweist auf seinen Ausbauplan, der bis 2040 Investitionen in Milliardenhöhe vorsieht.",
         ], author="Petra Lang", section="Energie", og_suffix=" | Energie Zeitung", lead_class="article-teaser"),
    Page("lang-de-wire-on-french-site", "languages", "wire", "de",
         "https://www.portail-infos.example/international/de/ki-rechenzentrum-genehmigt",
         "Portail Infos", "KI-Rechenzentrum in Südfrankreich genehmigt", "2025-12-29T14:00:00+01:00", [
             "Die Gemeinde Alixan hat die Baugenehmigung für ein großes Rechenzentrum erteilt. Das Projekt war in "
             "der Region umstritten.",
             "Anwohner kündigten an, gegen die Genehmigung vor Gericht zu ziehen. Sie befürchten Lärm und einen "
             "hohen Stromverbrauch.",
         ], section="International", html_lang="fr", chrome_lang="fr", og_suffix=" - Portail Infos",
         footer_note="© dpn"),
    Page("lang-es-analisis", "languages", "national", "es",
         "https://www.diario-tecnologia.example/tecnologia/2025-06-18/europa-centros-de-datos-agua.html",
         "Diario Tecnología", "Europa y el agua de los centros de datos", "2025-06-18T09:00:00+02:00", [
             "Los centros de datos consumen cada vez más agua para refrigerar sus servidores, sobre todo durante las "
             "olas de calor del verano.",
             "En Francia, varios proyectos prometen circuitos cerrados que apenas necesitan agua. Los expertos piden "
             "cifras verificables y contadores independientes.",
             "En España, las comunidades de regantes siguen con atención los proyectos anunciados en zonas con "
             "escasez hídrica.",
             "La Comisión Europea prepara un sistema de indicadores obligatorios para las instalaciones más grandes.",
         ], author="Lucía Ortega", section="Tecnología", og_suffix=" | Diario Tecnología", split_body=True),
    Page("lang-es-on-english-template", "languages", "trade", "es",
         "https://www.global-infra.example/es/noticias/francia-un-parque-empresarial-atrae-la-ia",
         "Global Infra News", "Un parque empresarial francés atrae la inteligencia artificial",
         "2025-03-19T10:00:00+00:00", [
             "El parque de Rovaltain, cerca de la estación de alta velocidad de Valence, acogerá un centro de cálculo "
             "con cuarenta mil procesadores gráficos.",
             "La empresa promotora asegura que la refrigeración se hará en circuito cerrado y que el calor residual "
             "podría calentar edificios cercanos.",
             "El proyecto todavía necesita el permiso de obras y la conexión eléctrica.",
         ], author="Redacción", section="Noticias", html_lang="en", chrome_lang="en", og_suffix=" | Global Infra News"),
    Page("lang-it-cronaca", "languages", "national", "it",
         "https://www.corriere-digitale.example/tecnologia/25_marzo_14/francia-data-center-valence.shtml",
         "Corriere Digitale", "Francia, un data center da quarantamila GPU vicino a Valence",
         "2025-03-14T12:30:00+01:00", [
             "Una società francese ha presentato ieri il progetto di un grande centro di calcolo per l'intelligenza "
             "artificiale in un ex edificio di ricerca vicino a Valence.",
             "L'investimento iniziale è di 450 milioni di euro. L'azienda promette un raffreddamento a circuito "
             "chiuso e il recupero del calore.",
             "In Italia progetti simili sono allo studio in Lombardia e in Piemonte, dove però i tempi di "
             "allacciamento alla rete elettrica restano lunghi.",
         ], author="Marco Ferri", section="Tecnologia", og_suffix=" - Corriere Digitale"),
    Page("lang-it-blog", "languages", "wordpress", "it",
         "https://appunti-digitali.example/2025/10/quanto-consuma-un-data-center/", "Appunti digitali",
         "Quanto consuma davvero un data center?", "2025-10-11T18:00:00+02:00", [
             "Quando si parla di data center si citano spesso numeri enormi senza spiegare da dove vengono. "
             "Proviamo a fare un po' di ordine.",
             "La potenza installata non coincide con il consumo reale: un centro raramente lavora sempre al massimo.",
             "Per capire l'impatto bisogna chiedere i consumi annui in gigawattora, non solo la potenza di picco.",
         ], author="Giulia", section="Energia", html_lang="it-IT", date_markup="none", site_meta=False,
         comments=[("Paolo", "Finalmente qualcuno che spiega la differenza tra potenza ed energia."),
                   ("Anna", "Ottimo articolo, lo condivido con i miei studenti.")]),
    Page("lang-pt-economia", "languages", "national", "pt",
         "https://www.jornal-economico.example/empresas/centros-de-dados-portugal-e-franca-disputam-investimento",
         "Jornal Económico", "Centros de dados: Portugal e França disputam investimento",
         "2025-07-07T08:00:00+01:00", [
             "Portugal e França competem pelos mesmos investidores em centros de dados, com argumentos parecidos: "
             "energia renovável ou nuclear e cabos submarinos.",
             "Em Sines, o projeto de um grande campus avança por fases. Em França, os anúncios multiplicam-se desde "
             "o início do ano.",
             "Os especialistas lembram que a ligação à rede elétrica é hoje o principal fator de decisão.",
         ], author="Inês Carvalho", section="Empresas", og_suffix=" | Jornal Económico"),
    Page("lang-pt-br-portal", "languages", "wire", "pt",
         "https://www.portal-noticias.example/tecnologia/noticia/2025/02/11/franca-anuncia-centro-de-dados.ghtml",
         "Portal Notícias", "França anuncia centro de dados gigante para IA", "2025-02-11T13:00:00-03:00", [
             "Uma empresa francesa anunciou nesta terça-feira a construção de um centro de dados com 40 mil "
             "processadores gráficos no sudeste do país.",
             "O anúncio foi feito durante a cúpula sobre inteligência artificial realizada em Paris.",
             "O governo francês afirma que o país tem eletricidade de baixo carbono suficiente para atrair esses "
             "projetos.",
         ], section="Tecnologia", html_lang="pt-BR", og_suffix=" | Portal Notícias"),
    Page("lang-ja-news", "languages", "national", "ja",
         "https://www.nikkan-tech.example/article/2025/03/14/france-ai-datacenter", "日刊テック",
         "フランス南東部に大規模AIデータセンター計画", "2025-03-14T10:00:00+09:00", [
             "フランスの新興企業が、南東部バランス近郊の旧研究施設に大規模なデータセンターを建設する計画を発表した。",
             "画像処理半導体を最大四万基設置し、第一段階の投資額は四億五千万ユーロに上る。",
             "同社は閉じた循環式の水冷方式を採用し、排熱を地域の暖房に活用すると説明している。",
             "欧州では電力網への接続待ちが長期化しており、計画通りに稼働できるかが焦点となる。",
         ], author="山本 健", section="テクノロジー", og_suffix=" | 日刊テック"),
    Page("lang-en-on-french-portal", "languages", "wire", "en",
         "https://www.portail-infos.example/international/en/french-village-approves-ai-data-center",
         "Portail Infos", "French village approves AI data center", "2025-12-29T15:00:00+01:00", [
             "The small town of Alixan in south-eastern France has granted a building permit for a large AI data "
             "center, despite opposition from some residents.",
             "Opponents say they will take the decision to court, citing noise and electricity use.",
             "The operator says it will start installing servers by the end of 2026.",
         ], section="International", html_lang="fr", chrome_lang="fr", og_suffix=" - Portail Infos"),
]

PAGES = LANGUAGES

"""English articles: DataCentre Weekly and the activist blog's summary."""

from newswatch.demo.model import DemoArticle

EN_ARTICLES = (
    DemoArticle(
        slug="sesterce-bets-on-former-research-lab-for-40000-gpu-ai-data-centre",
        outlet="dcw",
        lang="en",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Oliver Hartley",
        age_days=4,
        title="Sesterce bets on a former research lab near Valence for a 40,000-GPU AI data centre",
        paragraphs=(
            "French AI cloud provider Sesterce is pressing ahead with plans to turn a former "
            "ecotoxicology research building in the Rovaltain business park, at Alixan in "
            "south-east France, into a data centre designed to host up to 40,000 GPUs. The company "
            "says the first halls should go live in late 2026, despite a legal challenge from "
            "local residents.",
            "The building, known as Ecotox, covers roughly 13,650 square metres. It was completed "
            "in 2016 with around 50 million euros of public money to house environmental research "
            "laboratories, sold to Institut Mérieux in 2021 and acquired by Sesterce in 2025. "
            "Reusing an existing shell has allowed the company to skip much of the groundwork that "
            "typically delays new builds.",
            "Sesterce has put the first phase at 450 million euros, with total investment of about "
            "1.8 billion euros over several phases. In November 2025 the company said the "
            "Rovaltain compute center would double in power compared with the plans first "
            "presented to local officials, reflecting stronger demand for GPU capacity from its "
            "customers.",
            "The design relies on closed-loop water cooling, with a target power usage "
            "effectiveness of 1.1. That figure would put the site among the most efficient in "
            "Europe, although critics point out that design PUE values are rarely matched in "
            "operation, particularly during summer heatwaves in the Rhône valley.",
            "The company has also promised to reuse waste heat through a local heating network, "
            "and has announced a partnership with diagnostics group bioMérieux. Both commitments "
            "remain light on detail, and local officials have asked for a feasibility study on "
            "heat recovery before the technical design is frozen.",
            "Founded in Marseille in 2018 by Anthony Tchakerian and Youssef El Manssouri, Sesterce "
            "started out in cryptocurrency mining under the Bitech name before pivoting to GPU "
            "cloud services. It has since outlined a national plan worth 52 billion euros by 2030, "
            "targeting 1.2 million GPUs and 1.5GW of capacity across several French sites.",
            "Whether that plan can be financed is an open question. For now, Rovaltain is the "
            "project that will show whether a young French operator can deliver hyperscale-class "
            "AI infrastructure on time and on budget.",
        ),
        comments=(
            "Reusing an existing building is smart. Grid connection will be the real bottleneck "
            "though.",
            "A design PUE of 1.1 in the Rhône valley? Let's see the summer numbers.",
            "52 billion euros from a company this size sounds optimistic.",
        ),
    ),
    DemoArticle(
        slug="residents-take-sesterce-rovaltain-permit-to-court",
        outlet="dcw",
        lang="en",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Priya Nair",
        age_days=1,
        title="French residents take Sesterce's Rovaltain data centre permit to court",
        paragraphs=(
            "A residents' group in the Drôme department of south-east France has filed a legal "
            "challenge against the building permit for Sesterce's planned AI data centre at the "
            "Rovaltain business park. The appeal was lodged at the administrative court in "
            "Grenoble on 18 February 2026.",
            "The permit, granted by the town hall of Alixan at the end of December 2025, allows "
            "Sesterce to convert the former Ecotox research building into a facility for up to "
            "40,000 GPUs. The company filed its application in June 2025, a few months after "
            "presenting the project to local officials and business leaders during a site visit in "
            "March.",
            "According to the group, the environmental assessment attached to the application "
            "underestimates the site's electricity and water needs. The residents also argue that "
            "the project changed significantly after it was first presented, pointing to "
            "Sesterce's announcement in November 2025 that the facility would double in power.",
            "An appeal before a French administrative court does not suspend a permit on its own. "
            "The group has not yet asked for an emergency suspension, but says it may do so if "
            "works begin before the case is heard. A ruling on the merits could take more than a "
            "year.",
            "Sesterce has said it remains confident about the legal basis of its application. The "
            "company points to its closed-loop cooling design, a target PUE of 1.1 and plans to "
            "supply waste heat to a local network, and says the project will create several "
            "hundred direct and indirect jobs.",
            "Legal challenges are becoming a familiar feature of the French data centre market. "
            "Projects near Marseille and in the Paris region have faced similar appeals, usually "
            "centred on power consumption, water use and the limited number of permanent jobs. Few "
            "have been stopped outright, but delays of a year or more are common.",
            "For developers, the lesson is that local acceptance is now part of the critical path, "
            "alongside land, power and fibre. Several operators have started holding public "
            "meetings and publishing measured energy and water figures in an effort to head off "
            "opposition.",
        ),
        comments=(
            "These appeals rarely succeed, but they do add cost and delay.",
            "Publishing measured water use should be mandatory for every new site.",
        ),
    ),
    DemoArticle(
        slug="in-english-what-is-happening-at-rovaltain-and-why-we-worry",
        outlet="nuages",
        lang="en",
        kind="relevant",
        topics=frozenset({"sesterce", "rovaltain", "datacenters"}),
        author="Collectif Nuages Bas",
        age_days=11,
        title="In English: what is happening at Rovaltain, and why we are worried",
        paragraphs=(
            "Several readers from outside France have asked us for a summary in English of the "
            "fight we have been writing about for a year. Here it is, as short as we could make "
            "it. Please share it with anyone who follows data center expansion in Europe.",
            "Rovaltain is a business park next to the Valence high-speed railway station, in the "
            "Drôme department, at a place called Alixan. In the middle of it stands a large "
            "research building called Ecotox, paid for with about fifty million euros of public "
            "money and then sold for much less. In 2025 it was bought by Sesterce, a Marseille "
            "company that used to mine cryptocurrency and now rents out GPUs for artificial "
            "intelligence.",
            "Sesterce wants to fill the building with 40,000 GPUs. It speaks of a first phase of "
            "450 million euros and about 1.8 billion in total. It promises closed-loop cooling, a "
            "PUE of 1.1, waste heat for a local heating network and several hundred jobs. In "
            "November 2025 it announced that the site would double in power.",
            "Why are we worried? First, electricity: a site of this size will draw as much power "
            "as a medium-sized town, at a time when the grid is needed to decarbonise transport, "
            "heating and industry. Second, water: our valley already faces restrictions almost "
            "every summer, and cooling systems often need extra water when it is hottest. Third, "
            "democracy: the project was announced at a summit in Paris and approved locally "
            "without a real public debate.",
            "The building permit was granted at the end of December 2025. On 18 February 2026 a "
            "group of residents filed an appeal at the administrative court in Grenoble. The case "
            "will probably take more than a year. In the meantime, we keep asking for measured "
            "figures on power and water, published every quarter.",
            "We are not against computers, or research, or even artificial intelligence as such. "
            "We are against a model in which huge facilities are decided far away and imposed on "
            "places that will carry their costs. If you are fighting a similar project where you "
            "live, write to us: we would love to compare notes.",
        ),
        comments=(
            "Thanks for the English summary, very useful for our group in Ireland.",
            "Same story here in the Netherlands. Keep going!",
        ),
    ),
    DemoArticle(
        slug="grand-est-emerges-as-france-s-next-data-centre-hotspot",
        outlet="dcw",
        lang="en",
        kind="general",
        topics=frozenset({"datacenters"}),
        author="Sam Whitcombe",
        age_days=8,
        title="Grand Est emerges as France's next data centre hotspot as hyperscalers circle",
        paragraphs=(
            "The Grand Est region of north-eastern France is fast becoming one of the most "
            "sought-after locations for new data centre capacity in Europe. Former steelworks, "
            "coal power stations and military sites offer large plots with existing high-voltage "
            "connections, and regional authorities are actively courting developers.",
            "At least half a dozen large campus projects have been announced in the region over "
            "the past eighteen months, several of them targeting more than 200MW. Most are pitched "
            "at AI training workloads, which need dense power and cooling but are less sensitive "
            "to latency than traditional enterprise or content delivery workloads.",
            "Hyperscalers are watching closely. None has yet confirmed a self-built campus in the "
            "region, but industry sources say at least two of the largest cloud providers have "
            "held talks with local authorities and landowners. A hyperscaler commitment would "
            "likely trigger a wave of colocation and supplier investment around it.",
            "The attraction is easy to explain. France offers some of the lowest-carbon "
            "electricity in Europe thanks to its nuclear fleet, and grid capacity in the "
            "north-east has been freed up by the closure of heavy industry. Land is cheaper than "
            "around Paris, and the region sits close to Germany, Luxembourg and Belgium.",
            "The challenges are familiar. Grid connection queues are lengthening as requests pile "
            "up, and network operator RTE has warned that the sum of all data centre connection "
            "requests far exceeds what can realistically be built. Water availability, planning "
            "procedures and skills shortages are also on the list of concerns raised by local "
            "officials.",
            "Regional leaders argue that the sector could help revitalise former industrial towns, "
            "although unions and environmental groups have questioned how many permanent jobs "
            "large, highly automated facilities will really provide. Most developers now promise "
            "training programmes and heat reuse schemes to win local support.",
            "Analysts expect the first of the new Grand Est campuses to enter service in 2027, "
            "with the bulk of capacity arriving towards the end of the decade, subject to grid "
            "works.",
        ),
        comments=(
            "Brownfield sites with existing grid connections are gold right now.",
            "Heat reuse in an area with district heating networks makes a lot of sense.",
        ),
    ),
    DemoArticle(
        slug="water-becomes-the-new-battleground-for-european-data-centers",
        outlet="dcw",
        lang="en",
        kind="general",
        topics=frozenset({"datacenters"}),
        author="Priya Nair",
        age_days=15,
        title="Water becomes the new battleground for European data center operators",
        paragraphs=(
            "For years, the debate over the environmental footprint of data centers focused almost "
            "entirely on electricity. That is changing fast. Across Europe, water use has moved to "
            "the top of the agenda for regulators, local authorities and community groups, and "
            "operators are scrambling to respond.",
            "The shift reflects both climate and technology. Repeated droughts in southern Europe "
            "have made water scarcity a political issue in regions that once took supply for "
            "granted. At the same time, AI hardware packs far more heat into each rack, pushing "
            "operators towards liquid cooling and, in some designs, evaporative systems that "
            "consume significant volumes of water in hot weather.",
            "The EU's energy efficiency rules now require larger facilities to report a range of "
            "indicators, including water consumption, to a central database. Early submissions "
            "have revealed wide variations between sites, and some operators have been criticised "
            "for incomplete or late reporting.",
            "Operators insist that modern designs can be frugal. Closed-loop systems recirculate "
            "the same water for long periods, and dry coolers can reject heat to the air without "
            "evaporation for most of the year. The trade-off is higher electricity use on the "
            "hottest days, when dry coolers lose efficiency and fans must work harder.",
            "Community groups remain sceptical. In several countries, local campaigns have "
            "demanded that water figures be published per site and per month rather than as annual "
            "averages, arguing that peak summer consumption matters most when rivers are low and "
            "restrictions are in force.",
            "Some developers are turning the issue into a selling point, using treated wastewater, "
            "rainwater harvesting or seawater for cooling. Others are siting new capacity in "
            "cooler northern regions. For the many projects planned in the south of France, Spain "
            "and Italy, however, water is likely to remain a source of friction for years to come.",
        ),
        comments=(
            "Monthly reporting would be far more honest than annual averages.",
            "Dry coolers plus a bit of adiabatic assist on hot days is the usual compromise.",
        ),
    ),
    DemoArticle(
        slug="marseille-river-cooled-campus-shows-a-path-for-warm-climate-data-centres",
        outlet="dcw",
        lang="en",
        kind="general",
        topics=frozenset({"datacenters"}),
        author="Oliver Hartley",
        age_days=50,
        title="Marseille's river-cooled campus shows a path for warm-climate data centres",
        paragraphs=(
            "Marseille is not an obvious place to cool servers. Summers are long and hot, and the "
            "city has been hit by repeated heatwaves in recent years. Yet it has become one of "
            "Europe's most important interconnection hubs, thanks to the submarine cables that "
            "land on its shores, and its data centres have had to find creative ways to stay cool.",
            "The best-known example is Digital Realty's river cooling system. Water flowing "
            "through a disused mining gallery beneath the city stays at a low, stable temperature "
            "all year round. Instead of running to the sea untouched, part of it now passes "
            "through heat exchangers that cool the operator's facilities, significantly reducing "
            "the need for mechanical chillers.",
            "The approach is not easily replicated. It depends on a particular piece of industrial "
            "heritage, a steady flow of cold water and regulatory approval to use it. But "
            "engineers say the underlying principle, using natural cold sources such as rivers, "
            "lakes, aquifers or the sea, is being studied for a growing number of sites in "
            "southern Europe.",
            "There are caveats. Returning warmer water to the environment can affect aquatic life, "
            "and permits increasingly set strict limits on discharge temperatures. Campaigners in "
            "Marseille have also questioned whether the city's port land and grid capacity should "
            "be devoted to data centres at all.",
            "Still, with AI workloads pushing rack densities ever higher, operators in warm "
            "climates are under pressure to find cooling strategies that do not rely on "
            "energy-hungry chillers or on evaporating large volumes of drinking water. Marseille's "
            "experience suggests that local geography can sometimes offer answers that standard "
            "designs overlook.",
            "Several developers planning new capacity along the Mediterranean coast are now "
            "commissioning geological and hydrological surveys before choosing a site, a step that "
            "would have been unusual only a few years ago.",
        ),
        comments=(
            "The mining gallery is a great piece of engineering reuse.",
            "Discharge temperature limits are the part people forget.",
        ),
    ),
)

"""The campaign's default topics and the commented starter config written by `newswatch init`."""

from __future__ import annotations

TOPICS_TOML = '''\
# Topics use SQLite FTS5 query syntax, case- and accent-insensitive, on title + text:
# words (implicit AND), "exact phrases", OR, NOT (operators in CAPITALS), parentheses,
# prefix*, NEAR(a b, 10). French elisions (l'Ecotox, d'un) and odd words (data-center) just work.

[[topics]]
name = "sesterce"
# Sesterce the company, not the Roman coin: "sesterce" must come with a word of its context (its chips,
# power, funding, founders, sites); "IA", "AI firm", "start-up", the Drôme or Valence, and the words a
# headline on the company gives alone ("Sesterce : le permis attaqué", "Sesterce lève 300 millions", its
# jobs, its building site, its residents' appeal) are not enough when the text speaks of Rome, coins, digs
# or auctions (an AI that sorts Roman coins, a sesterce dug up at Valence, the Roman Valentia, a sesterce of
# Nero sold for 12,000 euros, are not the company).
query = \'\'\'sesterce AND (gpu OR gpus OR "data center" OR "data centers" OR datacenter* OR "data centre"
  OR datacentre* OR "centre de données" OR "centres de données" OR "centre de calcul" OR "centres de calcul"
  OR "compute center" OR cloud OR rovaltain OR alixan OR ecotox OR tchakerian OR manssouri
  OR supercalculateur* OR supercomputer* OR bitech OR nvidia OR h100 OR h200 OR b200 OR gb200 OR hpc
  OR "calcul intensif" OR "calcul haute performance" OR "high performance computing" OR megawatt* OR gigawatt*
  OR mw OR gw OR bpifrance
  OR ((ia OR "intelligence artificielle" OR "artificial intelligence" OR startup* OR "start up" OR "start ups"
       OR "ai firm" OR "ai company" OR "ai startup" OR "ai factory" OR "ai factories" OR "ai infrastructure"
       OR "levée de fonds" OR "lève des fonds" OR "levé des fonds" OR "funding round" OR drome OR valence
       OR permis OR recours OR riverain* OR collectif OR tribunal OR chantier* OR projet OR emploi* OR recrut*
       OR embauch* OR million* OR milliard* OR investi* OR électricité OR énergie OR serveur* OR entreprise*
       OR société OR implant* OR partenariat* OR puces OR permit OR lawsuit OR residents OR raises OR jobs
       OR investment* OR company OR deal OR partnership* OR chips)
      NOT (romain* OR empereur* OR emperor* OR numismat* OR antiqu* OR "roman coin" OR "roman coins"
           OR "roman empire" OR musee* OR museum* OR "pièce de monnaie" OR "pièces de monnaie" OR archeolog*
           OR fouille* OR enchere* OR adjuge* OR auction* OR monnaie* OR empire OR légion* OR trésor*
           OR néron OR nero OR trajan OR hadrien OR hadrian OR auguste OR augustus OR bronze OR collectionneur*
           OR collector*)))\'\'\'
search = "Sesterce"

[[topics]]
name = "rovaltain"
# The Rovaltain business park at Alixan and the former Ecotox building (and a misspelling seen in print).
# Alixan alone is a village's name: it counts with a word of the park or of the project beside it.
query = \'\'\'rovaltain OR rolvaltain OR ecotox
  OR (alixan AND (sesterce OR gpu OR gpus OR "data center" OR "data centers" OR datacenter* OR "data centre"
      OR datacentre* OR "centre de données" OR "centres de données" OR "centre de calcul" OR "centres de calcul"
      OR "compute center" OR supercalculateur* OR supercomputer* OR "parc d'activités" OR "zone d'activités"
      OR technopole OR tgv))\'\'\'
search = "Rovaltain OR Alixan OR Ecotox"

[[topics]]
name = "datacenters"
# Data centers in French and English, however they are spelled, server farms ("centre d'hébergement"
# alone is a shelter: only "de données" makes it one) and the EU's AI gigafactories (a "gigafactory" alone
# makes batteries).
query = \'\'\'"data center" OR "data centers" OR "data centre" OR "data centres" OR datacenter* OR datacentre*
  OR "centre de données" OR "centres de données" OR "centre de calcul" OR "centres de calcul"
  OR supercalculateur* OR supercomputer* OR hyperscale* OR "compute center" OR "ferme de serveurs"
  OR "fermes de serveurs" OR "server farm" OR "server farms" OR "centre d'hébergement de données"
  OR "centres d'hébergement de données" OR "ai gigafactory" OR "ai gigafactories" OR "gigafactory ia"
  OR "gigafactories ia" OR "gigafactory d'ia" OR "gigafactories d'ia" OR "gigafactory de l'ia"
  OR "gigafactories de l'ia"\'\'\'
search = '"data center" OR "centre de données" OR datacenter'
'''

STARTER_CONFIG = '''\
# newswatch configuration. Every key is optional unless marked required; the values shown are the defaults.
# Reference: README.md, section "Configuration".

[store]
url = "sqlite:///newswatch.db"      # relative paths are relative to this file; NEWSWATCH_DATABASE_URL overrides

[crawl]
user_agent = "newswatch/0.1 (+https://example.org/newswatch; contact@example.org)"  # put a real contact here
obey_robots = true
delay_seconds = 1.0                 # between two requests to the same domain; 0 allowed
concurrency_per_domain = 2
timeout_seconds = 30
max_page_bytes = 10_000_000
max_document_bytes = 50_000_000     # a PDF may be larger: a prefecture's monthly collection of acts runs to tens of MB
max_age_days = 30                   # ignore feed/sitemap entries older than this (not a feed's late item); 0 = no limit
keep_unmatched = false              # archive articles that match no topic too
follow_depth = 1                    # listing pages: 1 = follow their article links, 2 = also the links of those
extract_timeout_seconds = 20        # a page whose extraction takes longer is killed and recorded as failed
extract_workers = 0                 # extraction processes; 0 = one per CPU core
allow_hosts = []                    # private/loopback hosts the crawler may visit (e.g. "127.0.0.1"); none by default
max_run_seconds = 3600              # a crawl stops (and is marked failed) after this long
recheck_days = 3                    # articles younger than this are re-checked for edits; 0 = never
recheck_interval_hours = 1.0        # an article checked more recently than this is not asked for again
retry_runs = 5                      # a URL failing for a passing reason (5xx, timeout) is given up after this many runs in a row
notice_days = 180                   # a documents listing's notices first listed this recently are read again; 0 = never
full_read_days = 2                  # a feed, sitemap or listing not answered in full for this long is asked for whole; 0 = never
ocr_pages = 20                      # pages of a scanned PDF read by OCR (tesseract, when installed); 0 = no OCR
ocr_languages = "fra+eng"           # tesseract's languages for scans (Debian: apt-get install tesseract-ocr-fra)
follow_cited = true                 # fetch the documents and other sites' articles a matching article or document links

# [digest]
# recipients = ["group@example.org"]
# sender = "newswatch@example.org"
# subject_prefix = "[newswatch]"
# smtp_host = "smtp.example.org"
# smtp_port = 587
# security = "starttls"            # starttls, ssl or none
# user = "newswatch"
# password_env = "NEWSWATCH_SMTP_PASSWORD"   # the password is read from this environment variable
# send_empty = false               # send a "nothing new" message when there is nothing new

# [schedule]                       # for `python scheduler.py` / `newswatch schedule`
# crawl = ["0 6 * * *"]            # cron expressions; several allowed
# digest = ["30 7 * * *"]
# timezone = "Europe/Paris"

# [browse]                         # for `newswatch browse` (Datasette: pip install 'newswatch[browse]')
# host = "127.0.0.1"
# port = 8001
# triage_token_env = "NEWSWATCH_TRIAGE_TOKEN"  # set it to let people who log in with this token mark articles

''' + TOPICS_TOML + '''
# Sources: any of feeds / sitemaps / pages / search. These URLs are the outlets' usual endpoints,
# not verified from here: run `newswatch crawl` once and check `newswatch sources`.

[[sources]]
name = "google-news-fr"
search = "https://news.google.com/rss/search?q={query}&hl=fr&gl=FR&ceid=FR:fr"

[[sources]]
name = "google-news-en"
search = "https://news.google.com/rss/search?q={query}&hl=en-US&gl=US&ceid=US:en"

[[sources]]
name = "bing-news"
search = "https://www.bing.com/news/search?q={query}&format=rss"

[[sources]]
name = "ricochets"
feeds = ["https://ricochets.cc/spip.php?page=backend"]

[[sources]]
name = "reporterre"
feeds = ["https://reporterre.net/spip.php?page=backend"]

[[sources]]
name = "datacenter-dynamics"
feeds = ["https://www.datacenterdynamics.com/en/rss/"]

[[sources]]
name = "lemagit"
feeds = ["https://www.lemagit.fr/rss/ContentSyndication.xml"]
'''

"""End to end: the sample prefecture's documents crawled, matched with page numbers, deadlines in the digest and
the calendar; a broken and a 50 MB PDF recorded with their reasons while the crawl goes on."""

from __future__ import annotations

import hashlib
import io
import json
import random
import sqlite3
import time
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from newswatch.defaults import TOPICS_TOML
from newswatch.demo import official
from newswatch.demo.documents import council_deliberation, consultation_notice
from newswatch.demo.pdfmaker import Page, build_pdf, column_pages
from newswatch.demo.run import demo_config
from newswatch.demo.site import HTML, Resource
from tests.conftest import newswatch


@pytest.fixture(scope="module")
def crawled(demo_site, tmp_path_factory):
    """The sample site crawled with a second documents source (the listing with the broken and the huge PDF) and
    the prefecture's press releases (a plain article with a deadline), keeping no raw response (keep_raw = false)."""
    folder = tmp_path_factory.mktemp("documents")
    config = folder / "newswatch.toml"
    config.write_text(demo_config(demo_site, folder / "newswatch.db", documents=True, keep_raw=False)
                      + "\n[[sources]]\nname = \"actes\"\n"
                      f"documents = [\"{demo_site.url(official.OUTLET, official.ACTS)}\"]\n"
                      "\n[[sources]]\nname = \"communiques\"\n"
                      f"feeds = [\"{demo_site.url(official.OUTLET, official.NEWS_FEED)}\"]\n", encoding="utf-8")
    result = newswatch("crawl", config=config)
    assert result.returncode == 0, result.stderr
    return config, sqlite3.connect(folder / "newswatch.db"), result


def documents_config(site, folder, name: str, listing: str, extra_crawl: str = ""):
    """The config of a crawl of one documents listing of the sample prefecture (`listing`, its path) as `name`."""
    config = folder / "newswatch.toml"
    config.write_text(demo_config(site, folder / "newswatch.db", extra_crawl=extra_crawl, keep_raw=False)
                      .split("[[sources]]")[0]
                      + f'\n[[sources]]\nname = "{name}"\ndocuments = ["{site.url(official.OUTLET, listing)}"]\n',
                      encoding="utf-8")
    return config


def sample_page(site, title: str, main: str) -> Resource:
    """A page of the sample prefecture (our words): `title`, then `main` (HTML) as its content, dated now."""
    return Resource((f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
                     f"<body><main>{main}</main></body></html>").encode(), HTML, site.now)


def link_list(*links: tuple[str, str]) -> str:
    """A listing's links, (path, words) each, as the list of a page of the sample prefecture (HTML)."""
    return "<ul>" + "".join(f'<li><a href="{path}">{words}</a></li>' for path, words in links) + "</ul>"


def _documents(db, status: str = "full") -> dict[str, tuple]:
    rows = db.execute("SELECT url, id, title, text, text_missing_reason FROM articles WHERE kind = 'document' "
                      "AND text_status = ?", (status,))
    return {url.rsplit("/", 1)[-1]: rest for url, *rest in rows}


def test_matching_documents_are_archived_with_page_numbered_snippets(demo_site, crawled):
    config, db, _ = crawled
    documents = _documents(db)
    notice, deliberation = consultation_notice(demo_site.now), council_deliberation(demo_site.now)
    assert set(documents) == {notice.slug + ".pdf", deliberation.slug + ".pdf", official.NOTICE_PAGE.rsplit("/", 1)[-1]}
    assert set(_documents(db, "no_text")) == {"arrete-signe-scan.pdf"}  # fetched whole, no text layer
    # the matching PDFs that could not be read (damaged, too large) are documents too, with their links
    assert set(_documents(db, "headline")) == {"recueil-2026-endommage.pdf", official.HUGE_PATH.rsplit("/", 1)[-1]}
    article_id, title, text, missing = documents[deliberation.slug + ".pdf"]
    assert title == deliberation.heading and missing is None and "\f" in text  # pages joined by form feeds
    snippets = [s for (s,) in db.execute("SELECT snippet FROM matches WHERE article_id = ?", (article_id,))]
    assert snippets and all(s.startswith("p. 2: ") for s in snippets), snippets
    hits = json.loads(newswatch("search", "centre de données de la société Sesterce", "--json", config=config,
                                check=True).stdout)
    found = {h["id"]: h["snippet"] for h in hits}
    assert found[article_id].startswith("p. 2: ") and "[Sesterce]" in found[article_id]
    assert documents[notice.slug + ".pdf"][1] == notice.metadata_title


def test_a_scan_is_archived_with_why_its_text_is_missing(crawled):
    config, db, _ = crawled
    _, title, text, missing = _documents(db, "no_text")["arrete-signe-scan.pdf"]
    assert text == "" and missing.startswith("no text layer")
    assert "centre de données Sesterce" in title  # the listing's link text names it
    digest = newswatch("digest", "--dry-run", config=config, check=True).stdout
    entry = digest[digest.index(title):]  # the digest tells the reader why the document shows no text
    assert entry[:entry.index("\n\n")].count(f"[{missing}]") == 1, entry[:600]


def test_broken_and_huge_pdfs_are_recorded_with_reasons_and_the_crawl_goes_on(crawled):
    config, db, result = crawled
    outcomes = {url.rsplit("/", 1)[-1]: (outcome, reason) for url, outcome, reason in db.execute(
        "SELECT url, outcome, reason FROM fetches WHERE url LIKE '%recueil%'")}
    outcome, reason = outcomes["recueil-2026-endommage.pdf"]
    assert outcome == "extract_failed" and "not a readable PDF" in reason
    outcome, reason = outcomes[official.HUGE_PATH.rsplit("/", 1)[-1]]
    assert outcome == "too_large" and "max_document_bytes" in reason  # 50 MiB: past the limit of a PDF too
    kinds = {url.rsplit("/", 1)[-1]: (kind, status) for url, kind, status in db.execute(
        "SELECT url, kind, text_status FROM articles WHERE url LIKE '%recueil%'")}
    assert kinds[official.HUGE_PATH.rsplit("/", 1)[-1]] == ("document", "headline"), \
        "a matching PDF of a documents listing that could not be read is a document's headline"
    assert result.returncode == 0 and ("run " in result.stdout)
    assert db.execute("SELECT count(*) FROM articles WHERE kind = 'article'").fetchone()[0] > 20  # the rest went on


def test_deadlines_are_listed_in_the_digest_and_in_the_calendar(demo_site, crawled, tmp_path):
    config, db, _ = crawled
    rows = json.loads(newswatch("deadlines", "--json", config=config, check=True).stdout)
    notice = consultation_notice(demo_site.now)
    ours = [r for r in rows if r["what"] == notice.metadata_title]
    assert len(ours) == 1 and ours[0]["state"] == "open" and ours[0]["until"] == "17:00"
    assert ours[0]["days_left"] == 21 and ours[0]["page"] == 1
    inquiry = next(r for r in rows if r["what"].startswith("Avis d'enquête publique"))
    assert inquiry["state"] == "upcoming" and inquiry["page"] is None
    text = newswatch("digest", "--dry-run", config=config, check=True).stdout
    box, sections = text.index("DEADLINES"), text.index("== ")
    assert box < sections and "open until" in text[box:sections] and notice.metadata_title in text[box:sections]
    assert "== documents (" in text and "p. 2: " in text
    ics = tmp_path / "deadlines.ics"
    newswatch("deadlines", "--ics", str(ics), config=config, check=True)
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == len(rows)
    event = next(e for e in events if notice.metadata_title in str(e["SUMMARY"]))
    assert event.decoded("DTSTART").isoformat() == ours[0]["starts"]
    exported = [json.loads(line) for line in newswatch("export", config=config, check=True).stdout.splitlines()]
    assert {r["kind"] for r in exported} == {"article", "document"}
    assert any(d["until"] == "17:00" for r in exported for d in r["deadlines"])


def test_a_deadline_in_a_plain_article_reaches_the_deadlines_command(demo_site, crawled):
    config, db, _ = crawled
    rows = json.loads(newswatch("deadlines", "--json", config=config, check=True).stdout)
    [row] = [r for r in rows if r["kind"] == "article"]
    assert (row["what"], row["source"], row["state"]) == (official.RELEASE_TITLE, "communiques", "deadline")
    assert row["days_left"] == official.RELEASE_DAYS_LEFT and row["until"] == "17:00" and row["page"] is None
    assert row["url"] == demo_site.url(official.OUTLET, official.RELEASE_PAGE)
    assert "jusqu'au" in row["phrase"] and row["context"].startswith("Les observations du public")
    [line] = [line for line in newswatch("deadlines", config=config, check=True).stdout.splitlines()
              if official.RELEASE_TITLE[:40] in line]
    assert f"until {row['ends']} 17:00 ({official.RELEASE_DAYS_LEFT} days left)" in line


def test_without_keep_raw_every_matching_page_has_its_hashes_and_no_body_is_kept(demo_site, crawled, tmp_path):
    """[store] keep_raw = false through a real crawl: captures of matching articles and documents (hashes, headers),
    not one raw body; `evidence` says so and the WARC file is empty of responses."""
    config, db, _ = crawled
    assert db.execute("SELECT count(*) FROM raw_blobs").fetchone()[0] == 0
    captured = dict(db.execute("SELECT article_id, sha256 FROM captures"))
    matching = {i for (i,) in db.execute("SELECT DISTINCT article_id FROM matches")}
    kinds = dict(db.execute("SELECT id, kind FROM articles"))
    headlines = {i for (i,) in db.execute("SELECT id FROM articles WHERE text_status = 'headline'")}
    assert {kinds[i] for i in set(captured) & matching} == {"article", "document"}
    assert matching <= set(captured), "every matching record has a capture"
    elsewhere = {i for i, same in db.execute("SELECT captures.article_id, captures.url = articles.url FROM captures "
                                             "JOIN articles ON articles.id = captures.article_id") if not same}
    assert headlines and elsewhere == headlines, "a headline's capture is the listing's answer that named it"
    release = demo_site.lookup(official.OUTLET, official.RELEASE_PAGE).resource.body
    [(release_id,)] = db.execute("SELECT id FROM articles WHERE title = ?", (official.RELEASE_TITLE,))
    [link] = json.loads(newswatch("evidence", str(release_id), "--json", config=config, check=True).stdout)
    assert link["check"] == "raw copy not kept" and link["sha256"] == hashlib.sha256(release).hexdigest()
    assert link["size"] == len(release) and link["http_status"] == 200
    warc = tmp_path / "evidence.warc.gz"
    assert "wrote 0 responses" in newswatch("evidence", "--warc", str(warc), config=config, check=True).stdout


def test_a_pdf_past_the_extraction_time_limit_is_killed_and_recorded_and_the_crawl_goes_on(demo_site, tmp_path):
    """A PDF of 300 dense pages (about a second each to read) under extract_timeout_seconds = 2: its extraction
    process is killed, the outcome says why, the matching link is kept as a headline, the other PDF is archived."""
    config = tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "a.db"}"\n[crawl]\nallow_hosts = ["127.0.0.1"]\n'
                      f'delay_seconds = 0\nextract_timeout_seconds = 2\n\n{TOPICS_TOML}\n[[sources]]\nname = "annexes"\n'
                      f'documents = ["{demo_site.url(official.OUTLET, official.ANNEXES)}"]\n', encoding="utf-8")
    started = time.monotonic()
    result = newswatch("crawl", config=config)
    elapsed = time.monotonic() - started
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert elapsed < official.DENSE_PAGES / 5, "killed, not waited for"
    db = sqlite3.connect(tmp_path / "a.db")
    outcomes = {url.rsplit("/", 1)[-1]: (outcome, reason) for url, outcome, reason in db.execute(
        "SELECT url, outcome, reason FROM fetches")}
    assert outcomes[official.DENSE_PDF.rsplit("/", 1)[-1]] == ("extract_timeout", "extraction took more than 2 s")
    assert outcomes[consultation_notice(demo_site.now).slug + ".pdf"] == ("stored", None)
    records = {r["url"].rsplit("/", 1)[-1]: r for r in (
        json.loads(line) for line in newswatch("export", config=config, check=True).stdout.splitlines())}
    dense = records[official.DENSE_PDF.rsplit("/", 1)[-1]]
    assert (dense["kind"], dense["text_status"], dense["text_missing_reason"]) == (
        "document", "headline", "extraction took more than 2 s")
    assert records[consultation_notice(demo_site.now).slug + ".pdf"]["kind"] == "document"


def collection_of_acts(orders: int, lead_at: int, scans: int, scan_bytes: int) -> bytes:
    """A prefecture's monthly collection of acts (our words): one order a page, the one on Sesterce's data center
    at page `lead_at`, and `scans` full-page scans of maps and signatures of `scan_bytes` each, that make it big."""
    noise = random.Random(7)
    pages = []
    for number in range(1, orders + 1):
        subject = ("portant enregistrement d'une installation classée exploitée par la société Sesterce, centre de "
                   "données de l'ancien bâtiment Ecotox, parc de Rovaltain, commune d'Alixan" if number == lead_at
                   else f"portant réglementation temporaire de la circulation sur la route départementale {number}")
        pages += column_pages(f"Arrêté préfectoral n° 26-2026-11-{number:03d} {subject}",
                              [f"Le préfet de la Drôme, vu le code de l'environnement, arrête : l'arrêté {subject} "
                               "prend effet à compter de sa publication au recueil des actes administratifs."])
    side = int(scan_bytes ** 0.5)
    for index in range(scans):
        pages.insert(index * 3 + 2, Page(scan=(side, side, noise.randbytes(side * side))))
    return build_pdf(pages, title="Recueil des actes administratifs de la Drôme n° 26-2026-11")


def test_a_collection_of_acts_larger_than_a_page_may_be_is_archived_whole(demo_site, tmp_path):
    """A prefecture's monthly collection of acts runs to tens of MB (scanned maps and signatures); the order on
    Sesterce's data center sits deep inside it. Larger than max_page_bytes, it was too_large, and lost. A PDF
    may now be as large as max_document_bytes (it has four times timeout_seconds to arrive); a page that is no
    PDF is still held to max_page_bytes, even on a documents listing."""
    listing, pdf, notice = "/raa-mensuels/", "/raa-mensuels/raa-2026-11.pdf", "/raa-mensuels/avis-de-depot"
    body = collection_of_acts(60, 41, 4, 300_000)  # the limits are a tenth of the defaults here: so are the sizes
    assert 1_200_000 < len(body) < 1_300_000
    site = demo_site
    site.replace(official.OUTLET, pdf, Resource(body, "application/pdf", site.now))
    page = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Avis de dépôt</title></head><body>'
            "<main><h1>Avis de dépôt d'une demande d'enregistrement</h1>"
            + "<p>Le dossier de la société Sesterce est consultable en mairie d'Alixan.</p>" * 16_000
            + "</main></body></html>")
    site.replace(official.OUTLET, notice, Resource(page.encode(), HTML, site.now))
    links = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Recueils</title></head><body><main>'
             f'<ul><li><a href="{pdf}">Recueil des actes administratifs n° 26-2026-11 (novembre)</a></li>'
             f'<li><a href="{notice}">Avis de dépôt d\'une demande d\'enregistrement</a></li></ul></main>'
             "</body></html>")
    site.replace(official.OUTLET, listing, Resource(links.encode(), HTML, site.now))
    config = documents_config(site, tmp_path, "recueils", listing,
                              extra_crawl="max_page_bytes = 1_000_000\nmax_document_bytes = 5_000_000\n"
                                          "ocr_pages = 0\n")  # its scans are noise: OCR would read them for a minute
    result = newswatch("crawl", config=config, check=True)
    [said] = result.stderr.splitlines()  # the source's one line, as a source with an error has
    assert "1 matched" in said and said.endswith("avis-de-depot: larger than the size limit (max_page_bytes)")
    db = sqlite3.connect(tmp_path / "newswatch.db")
    outcomes = {url.rsplit("/", 1)[-1]: (outcome, reason)
                for url, outcome, reason in db.execute("SELECT url, outcome, reason FROM fetches")}
    assert outcomes["raa-2026-11.pdf"][0] == "stored"
    assert outcomes["avis-de-depot"][0] == "too_large" and "(max_page_bytes)" in outcomes["avis-de-depot"][1]
    [(article_id, status, text)] = db.execute("SELECT id, text_status, text FROM articles WHERE url LIKE '%.pdf'")
    assert status == "full" and text.count("\f") == 63  # 60 orders and 4 scans: 64 pages
    snippets = [s for (s,) in db.execute("SELECT snippet FROM matches WHERE article_id = ?", (article_id,))]
    assert snippets and all(s.startswith("p. 45: ") for s in snippets), snippets  # the 41st order, after 4 scans


def test_minutes_published_as_odt_and_docx_files_are_archived_as_documents(demo_site, tmp_path):
    """A small town publishes its council's minutes as the file its secretary wrote: an .odt, a .docx. Neither
    was a document's link, nor read when answered: the minutes naming Sesterce's data center were lost. They are
    documents now, read for their text (no pages), matched and archived like a PDF."""
    from tests.test_office import MINUTES, docx, odt

    site = demo_site
    files = {"/mairie-alixan/pv/pv-conseil-2026-11.odt": (odt(MINUTES), "application/vnd.oasis.opendocument.text"),
             "/mairie-alixan/pv/pv-conseil-2026-10.docx": (docx(["Compte rendu du conseil du 8 octobre 2026",
                                                                  "Le conseil a voté le budget de la cantine."]),
                                                            "application/octet-stream")}
    for path, (body, kind) in files.items():
        site.replace(official.OUTLET, path, Resource(body, kind, site.now))
    links = "".join(f'<li><a href="{path}">Procès-verbal ({path.rsplit(".", 1)[-1]})</a></li>' for path in files)
    page = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Conseil municipal</title></head>'
            f"<body><main><h1>Procès-verbaux du conseil</h1><ul>{links}</ul></main></body></html>")
    site.replace(official.OUTLET, "/mairie-alixan/pv/", Resource(page.encode(), HTML, site.now))
    config = documents_config(site, tmp_path, "pv-alixan", "/mairie-alixan/pv/")
    result = newswatch("crawl", config=config, check=True)
    assert result.stderr == ""
    db = sqlite3.connect(tmp_path / "newswatch.db")
    [(article_id, title, kind, status, text)] = db.execute(
        "SELECT id, title, kind, text_status, text FROM articles")
    assert (title, kind, status) == ("PV du conseil", "document", "full") and text.split("\n") == MINUTES
    snippets = [s for (s,) in db.execute("SELECT snippet FROM matches WHERE article_id = ?", (article_id,))]
    assert snippets and not any(s.startswith("p. ") for s in snippets)  # no pages to cite
    outcomes = dict(db.execute("SELECT substr(url, instr(url, '/pv/') + 4), outcome FROM fetches"))
    assert outcomes == {"pv-conseil-2026-11.odt": "stored", "pv-conseil-2026-10.docx": "no_topic"}


def crawled_listing(site, tmp_path, listing: str, files: dict[str, tuple[bytes, str, str]]) -> sqlite3.Connection:
    """Crawl a documents listing of the sample prefecture (`listing`, its path) that links `files` (path: bytes,
    the type they are answered as, the link's words), quietly: its archive."""
    for path, (body, kind, _) in files.items():
        site.replace(official.OUTLET, path, Resource(body, kind, site.now))
    site.replace(official.OUTLET, listing, sample_page(site, "Documents", link_list(
        *((path, words) for path, (_, _, words) in files.items()))))
    config = documents_config(site, tmp_path, "documents-alixan", listing)
    assert newswatch("crawl", config=config, check=True).stderr == ""
    return sqlite3.connect(tmp_path / "newswatch.db")


def test_a_public_meeting_s_slides_are_archived_as_documents(demo_site, tmp_path):
    """A town posts the slides shown at the public meeting on the project, as the file they were shown from: a
    .pptx (the company's), an .odp (the town's). Neither was a document's link, nor read when answered: the
    presentation of Sesterce's data center was lost. They are documents now, read slide after slide, matched and
    archived; the registry a slide links is followed as a matching document's citation is."""
    from tests.test_office import SLIDES, odp, pptx

    site = demo_site
    register = "/registre/4821"
    files = {"/mairie-alixan/reunion/presentation-sesterce.pptx": (pptx(SLIDES, links={1: (
                 site.url(official.OUTLET, register), "le registre de l'enquête")}), "application/octet-stream"),
             "/mairie-alixan/reunion/diaporama-mairie.odp": (odp([["Réunion publique", "Questions des habitants sur "
                                                                   "le centre de données de Rovaltain"]]),
                                                            "application/vnd.oasis.opendocument.presentation")}
    site.replace(official.OUTLET, register, Resource(
        ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Registre</title></head><body><main>'
         "<h1>Registre de l'enquête publique : centre de données Sesterce</h1><p>Déposez vos observations sur la "
         "demande d'enregistrement du centre de données de Sesterce au parc de Rovaltain, du 12 avril au 14 mai."
         "</p></main></body></html>").encode(), HTML, site.now))
    db = crawled_listing(site, tmp_path, "/mairie-alixan/reunion/", {
        path: (body, kind, f"Diaporama ({path.rsplit('.', 1)[-1]})") for path, (body, kind) in files.items()})
    archived = dict(db.execute("SELECT url, text FROM articles WHERE kind = 'document'"))
    pptx_url = site.url(official.OUTLET, "/mairie-alixan/reunion/presentation-sesterce.pptx")
    odp_url = site.url(official.OUTLET, "/mairie-alixan/reunion/diaporama-mairie.odp")
    assert {pptx_url, odp_url, site.url(official.OUTLET, register)} <= set(archived)
    assert archived[pptx_url].split("\n")[:3] == SLIDES[0] + SLIDES[1][:1]
    assert db.execute("SELECT count(*) FROM matches m JOIN articles a ON a.id = m.article_id WHERE a.url = ?",
                      (odp_url,)).fetchone()[0] >= 1


def test_a_town_s_table_of_deliberations_is_archived_as_a_document(demo_site, tmp_path):
    """A town lists its council's deliberations as a spreadsheet, .ods (as France's interoperability rules ask),
    .xlsx or .xls: none was a document's link, nor read when answered, and the row on Sesterce's data center was
    lost. They are documents now, read row by row and matched: the same table in three formats is one record; a
    table of other business is judged and left."""
    from tests.test_office import DELIBERATION_LINES, DELIBERATIONS, ods, xlsx
    from tests.worddoc import excel97

    site = demo_site
    other = [("Délibérations 2025", [["2025-118", "Budget primitif"], ["2025-119", "Tarifs de la cantine"]])]
    files = {"/mairie-alixan/deliberations/deliberations-2026.ods": ods(DELIBERATIONS),
             "/mairie-alixan/deliberations/deliberations-2026.xlsx": xlsx(DELIBERATIONS),
             "/mairie-alixan/deliberations/deliberations-2026.xls": excel97(DELIBERATIONS),
             "/mairie-alixan/deliberations/deliberations-2025.ods": ods(other)}
    db = crawled_listing(site, tmp_path, "/mairie-alixan/deliberations/", {
        path: (body, "application/octet-stream", f"Liste des délibérations ({path.rsplit('/', 1)[-1]})")
        for path, body in files.items()})
    [(url, text)] = db.execute("SELECT url, text FROM articles WHERE kind = 'document'").fetchall()
    assert text.split("\n") == DELIBERATION_LINES
    outcomes = dict(db.execute("SELECT substr(url, instr(url, 'deliberations-')), outcome FROM fetches"))
    assert outcomes.pop("deliberations-2025.ods") == "no_topic"
    # the same table in three formats: one record, the other files folded into it as the exact copies they are
    assert sorted(outcomes.values()) == ["duplicate", "duplicate", "stored"]
    assert outcomes[url.rsplit("/", 1)[-1]] == "stored"


def archived_alone(site, tmp_path, listing: str, path: str, body: bytes, kind: str, words: str) -> tuple:
    """Crawl a documents listing linking one file (`body`, answered as `kind`): the one record archived, as
    (title, kind, text_status, text, author, published_at, date_source)."""
    db = crawled_listing(site, tmp_path, listing, {path: (body, kind, words)})
    [record] = db.execute("SELECT title, kind, text_status, text, author, published_at, date_source FROM articles")
    assert db.execute("SELECT count(*) FROM matches").fetchone()[0] >= 1
    return record


def test_minutes_published_as_a_word_97_file_are_archived_as_a_document(demo_site, tmp_path):
    """A small town's secretary still saves the minutes as a Word 97-2003 file (.doc): it was `not_html`, and the
    minutes naming Sesterce's data center were lost. Read now (its text, title, author and date), matched and
    archived like a PDF."""
    from tests.worddoc import word97

    created = datetime(2026, 9, 11, 8, 0, tzinfo=UTC)
    body = word97([("Procès-verbal du conseil municipal du 10 septembre 2026\rLe maire présente le projet de "
                    "centre de données de la société Sesterce au parc de Rovaltain.\r", True)],
                  title="PV du 10 septembre 2026", author="Mairie d'Alixan", created=created)
    title, kind, status, text, author, published, source = archived_alone(
        demo_site, tmp_path, "/mairie-alixan/pv-anciens/", "/mairie-alixan/pv-anciens/pv-conseil-2026-09.doc", body,
        "application/msword", "Procès-verbal du 10 septembre (DOC, 28 Ko)")
    assert (title, kind, status, author, source) == ("PV du 10 septembre 2026", "document", "full", "Mairie d'Alixan",
                                                     "document")
    assert published.startswith("2026-09-11") and text.split("\n")[1].endswith("au parc de Rovaltain.")


def test_an_order_published_as_an_rtf_file_is_archived_as_a_document(demo_site, tmp_path):
    """A prefecture's order saved as RTF, the format any word processor opens: it was `not_html`, and the order
    naming Sesterce's data center was lost. Read now (its text, title, author and date), matched and archived."""
    from tests.test_office import rtf

    order = rtf(["Arrêté portant enregistrement du centre de données de la société Sesterce au parc de Rovaltain"],
                link=None)
    title, kind, status, text, author, published, source = archived_alone(
        demo_site, tmp_path, "/prefecture/icpe/", "/prefecture/icpe/arrete-2026-112.rtf", order, "text/rtf",
        "Arrêté du 13 novembre 2026 (RTF, 12 Ko)")
    assert (title, kind, status, author, source) == ("Arrêté n° 2026-112", "document", "full",
                                                     "Préfecture de la Drôme", "document")
    assert published.startswith("2026-11-13") and text.startswith("Arrêté portant enregistrement")


def dossier_zip(files: dict[str, bytes]) -> bytes:
    """A zip of `files` (name: bytes), as a prefecture publishes a public inquiry's dossier."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zipped_dossier_is_read_file_by_file():
    """A public inquiry's dossier, zipped: the applicant's request (a PDF), the town's minutes (.docx and .doc),
    read in the zip's order under their names, as one text without pages, dated by its newest file; its notes, a
    Mac's shadow files and a damaged PDF are left; the addresses its files write out are what it cites."""
    from crawler.citations import document_cited
    from newswatch.demo.pdfmaker import broken_pdf
    from newswatch.documents.pdftext import PdfError
    from newswatch.documents.reading import extract_document
    from tests.test_office import MINUTES, docx
    from tests.worddoc import word97

    request = order_pdf("Demande d'enregistrement", [
        "La société Sesterce demande l'enregistrement de son centre de données au parc de Rovaltain.",
        "Dossier en ligne : https://www.registre-dematerialise.fr/4821"], created=datetime(2026, 10, 2, tzinfo=UTC))
    body = dossier_zip({"dossier/01-demande.pdf": request, "dossier/02-pv-conseil.docx": docx(MINUTES),
                        "dossier/03-pv-ancien.DOC": word97([("Séance du 10 septembre.\r", True)],
                                                           created=datetime(2026, 9, 11, tzinfo=UTC)),
                        "dossier/lisez-moi.txt": b"Pieces du dossier", "__MACOSX/dossier/._01-demande.pdf": b"\0\1",
                        "dossier/04-annexe.pdf": broken_pdf()})
    extracted, missing = extract_document(body, "https://www.drome.gouv.fr/dossier-sesterce.zip", cite=document_cited)
    assert missing is None and extracted.title == "" and "\f" not in extracted.text
    names = [line for line in extracted.text.split("\n") if line.startswith(("01-", "02-", "03-", "04-"))]
    assert names == ["01-demande.pdf", "02-pv-conseil.docx", "03-pv-ancien.DOC"]
    assert "centre de données au parc de Rovaltain" in extracted.text and MINUTES[1] in extracted.text
    assert "Séance du 10 septembre." in extracted.text
    assert extracted.published == datetime(2026, 11, 14, 8, 0, tzinfo=UTC)  # the .docx's, the newest
    assert extracted.cited == (("https://www.registre-dematerialise.fr/4821", ""),)
    with pytest.raises(PdfError, match="a zip holding no readable document"):
        extract_document(dossier_zip({"photos/chantier.jpg": b"\xff\xd8", "a.pdf": broken_pdf()}),
                         "https://x.example/a.zip")


def test_a_dossier_s_file_too_large_to_read_is_left_and_the_next_ones_are_read():
    """An inquiry's dossier whose first file is a plan of 70 MB (an old scanner's uncompressed PDF zips small):
    reading stopped there, and the request naming Sesterce after it was lost. The plan is left, the request read;
    a dossier of such files only says why it holds nothing readable."""
    from newswatch.documents.office import MAX_PART_BYTES
    from newswatch.documents.pdftext import PdfError
    from newswatch.documents.reading import extract_document

    plan = b"%PDF-1.4\n" + bytes(70 * 2**20)
    assert len(plan) > MAX_PART_BYTES
    request = order_pdf("Demande d'enregistrement", ["La société Sesterce demande l'enregistrement de son centre de "
                                                     "données au parc de Rovaltain."])
    extracted, missing = extract_document(dossier_zip({"00-plan-masse.pdf": plan, "01-demande.pdf": request}),
                                          "https://www.drome.gouv.fr/dossier.zip")
    assert missing is None and extracted.text.startswith("01-demande.pdf\n") and "société Sesterce" in extracted.text
    with pytest.raises(PdfError, match=r"\(.*: 1 such files, 1 of them too large to read\)$"):
        extract_document(dossier_zip({"00-plan-masse.pdf": plan}), "https://www.drome.gouv.fr/plan.zip")


def test_a_zipped_dossier_a_notice_links_is_archived(demo_site, tmp_path):
    """The prefecture links the inquiry's dossier as "Dossier complet (ZIP, 3 Ko)": it was fetched (its size words)
    and recorded `not_html`, and the request naming Sesterce's data center inside it was lost. It is archived as
    a document, titled by its link, matched on its files' words."""
    site = demo_site
    listing, dossier = "/enquetes/", "/enquetes/dossier-enquete-sesterce.zip"
    site.replace(official.OUTLET, dossier, Resource(dossier_zip({"01-demande.pdf": order_pdf(
        "Demande d'enregistrement", ["Le centre de données de la société Sesterce au parc de Rovaltain."], seed=51)}),
        "application/zip", site.now))
    site.replace(official.OUTLET, listing, sample_page(site, "Enquêtes", link_list(
        (dossier, "Dossier complet (ZIP, 3 Ko)"))))
    config = documents_config(site, tmp_path, "prefecture", listing)
    assert newswatch("crawl", config=config, check=True).stderr == ""
    db = sqlite3.connect(tmp_path / "newswatch.db")
    assert db.execute("SELECT url, kind, title, text_status FROM articles").fetchall() == [
        (site.url(official.OUTLET, dossier), "document", "Dossier complet (ZIP, 3 Ko)", "full")]
    assert db.execute("SELECT count(*) FROM matches").fetchone()[0] >= 1


def test_minutes_a_version_before_recorded_as_not_html_are_read_after_the_upgrade(demo_site, tmp_path):
    """The minutes (.doc) a version before this one fetched and recorded `not_html` for good: the archive's upgrade
    (migration 0016) has the next crawl ask for them again, and they are archived; the crawl after that asks for
    nothing again."""
    from alembic import command

    from store.migrate import alembic_config, upgrade
    from tests.worddoc import word97

    site = demo_site
    listing, path = "/mairie-alixan/pv-2025/", "/mairie-alixan/pv-2025/pv-conseil-2025-12.doc"
    site.replace(official.OUTLET, listing, sample_page(site, "Procès-verbaux", link_list(
        (path, "Procès-verbal de décembre (DOC, 30 Ko)"))))
    site.replace(official.OUTLET, path, Resource(b"not read then", "application/msword", site.now))
    config = documents_config(site, tmp_path, "pv-alixan", listing)
    newswatch("crawl", config=config, check=True)  # as the version before recorded it
    db = sqlite3.connect(tmp_path / "newswatch.db")
    assert db.execute("SELECT outcome, final FROM fetches").fetchall() == [("not_html", 1)]
    url = f"sqlite:///{tmp_path / 'newswatch.db'}"
    command.downgrade(alembic_config(url), "0015")
    upgrade(url)
    site.replace(official.OUTLET, path, Resource(word97([(
        "Procès-verbal du conseil municipal\rLe projet de centre de données de la société Sesterce au parc de "
        "Rovaltain.\r", True)]), "application/msword", site.now))
    site.reset_requests()
    newswatch("crawl", config=config, check=True)
    assert path in {r.path for r in site.requests}
    assert db.execute("SELECT kind, text_status FROM articles").fetchall() == [("document", "full")]
    site.reset_requests()
    newswatch("crawl", config=config, check=True)
    assert path not in {r.path for r in site.requests}


def test_the_order_a_town_s_news_item_attaches_is_archived(demo_site, tmp_path):
    """A town's news feed attaches the prefect's order to its item (an RSS enclosure); the item's page shows it in a
    sidebar, and its words name no topic: the order naming Sesterce's data center was lost. It is fetched as an
    entry of the feed of its own and archived as a document; the page, matching nothing, is not."""
    from tests.test_leads_e2e import article_page, rss_feed

    site = demo_site
    news, order = "/actualites/enquete-publique", "/IMG/pdf/arrete-2026-112.pdf"
    site.replace("hebdo", order, Resource(order_pdf("Arrêté préfectoral n° 2026-112", [
        "Portant enregistrement du centre de données de la société Sesterce au parc de Rovaltain."], seed=61),
        "application/pdf", site.now))
    site.replace("hebdo", news, article_page("Une enquête publique s'ouvre", [
        "La préfecture ouvre une enquête publique sur un projet de la zone d'activités. " * 3]))
    site.replace("hebdo", "/actus.xml", rss_feed(site, "hebdo", [
        (news, "Une enquête publique s'ouvre", site.now,
         f'<enclosure url="{site.url("hebdo", order)}" type="application/pdf" length="3000"/>')]))
    config = tmp_path / "newswatch.toml"
    config.write_text(demo_config(site, tmp_path / "newswatch.db", keep_raw=False).split("[[sources]]")[0]
                      + f'\n[[sources]]\nname = "mairie"\nfeeds = ["{site.url("hebdo", "/actus.xml")}"]\n',
                      encoding="utf-8")
    assert newswatch("crawl", config=config, check=True).stderr == ""
    db = sqlite3.connect(tmp_path / "newswatch.db")
    assert db.execute("SELECT url, kind FROM articles").fetchall() == [(site.url("hebdo", order), "document")]


def test_a_notice_a_button_opens_by_script_is_archived(demo_site, tmp_path):
    """A town's listing opens its notice with a "Télécharger" button (`window.open('…pdf')`): the notice naming
    Sesterce's data center was lost, no link having its address. It is fetched and archived."""
    site = demo_site
    listing, notice = "/mairie-alixan/avis/", "/mairie-alixan/avis/fichiers/avis-participation-sesterce.pdf"
    site.replace(official.OUTLET, notice, Resource(order_pdf("Avis de participation du public", [
        "Demande d'enregistrement du centre de données de la société Sesterce au parc de Rovaltain."], seed=41),
        "application/pdf", site.now))
    site.replace(official.OUTLET, listing, sample_page(site, "Avis au public", (
        f"<div class='avis'><h2>Participation du public</h2><button onclick=\"window.open('{notice}')\">"
        "Télécharger</button></div>")))
    config = documents_config(site, tmp_path, "alixan", listing)
    assert newswatch("crawl", config=config, check=True).stderr == ""
    db = sqlite3.connect(tmp_path / "newswatch.db")
    assert db.execute("SELECT url, kind FROM articles").fetchall() == [(site.url(official.OUTLET, notice), "document")]


def test_a_document_at_a_download_address_is_rechecked_with_a_document_s_size_limit(demo_site, tmp_path):
    """A town hall's order, linked at a download address (`telecharger.php?fichier=…`) and larger than
    max_page_bytes, is archived as a document. Re-checked for edits, it was asked for with a page's limits (by its
    address, which names no PDF): `too_large`, and the amended order (a new deadline) never reached the archive."""
    site = demo_site
    listing, download = "/arretes-alixan/", "/arretes-alixan/telecharger.php?fichier=arrete-2026-112"

    def order(deadline: str) -> bytes:
        lines = ["Projet de centre de données de la société Sesterce à Alixan (Rovaltain).",
                 f"Les observations du public sont reçues jusqu'au {deadline}."]
        return order_pdf("Arrêté n° 2026-112", lines, filler=900, created=site.now)

    links = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Arrêtés</title></head><body><main>'
             f'<ul><li><a href="{download}">Arrêté n° 2026-112 (consultation)</a></li></ul></main></body></html>')
    site.replace(official.OUTLET, listing, Resource(links.encode(), HTML, site.now))
    site.replace(official.OUTLET, download, Resource(order("3 mars 2026"), "application/pdf", site.now))
    assert len(order("3 mars 2026")) > 20_000
    config = documents_config(site, tmp_path, "arretes", listing,
                              extra_crawl="max_page_bytes = 20000\nrecheck_interval_hours = 0\n")
    newswatch("crawl", config=config, check=True)
    site.replace(official.OUTLET, download, Resource(order("17 mars 2026"), "application/pdf",
                                                     site.now + timedelta(hours=1)))
    result = newswatch("crawl", config=config, check=True)
    assert result.stderr == ""
    db = sqlite3.connect(tmp_path / "newswatch.db")
    [(kind, text)] = db.execute("SELECT kind, text FROM articles")
    assert kind == "document" and "jusqu'au 17 mars 2026" in text
    assert [outcome for (outcome,) in db.execute("SELECT outcome FROM fetches")] == ["stored"]
    assert db.execute("SELECT count(*) FROM article_revisions").fetchone() == (1,)


def order_pdf(heading: str, lines: list[str], seed: int = 11, filler: int = 20, title: str | None = None,
              created: datetime | None = None) -> bytes:
    """A document of the sample prefecture (our words): its heading, `lines`, then `filler` distinct lines of
    considerations drawn from `seed` (documents of different seeds are no copies of each other)."""
    return build_pdf(column_pages(heading, lines + prose_lines(filler, seed)), title=title or heading, created=created)


def prose_lines(count: int, seed: int = 11) -> list[str]:
    """Lines of an order's considerations (our words), distinct, to make a document of some size."""
    noise = random.Random(seed)
    words = ["considérant", "que", "le", "projet", "la", "commune", "dossier", "enquête", "public", "avis"]
    return [" ".join(noise.choice(words) for _ in range(14)) + "." for _ in range(count)]


def test_minutes_linked_through_an_online_viewer_are_archived_as_documents(demo_site, tmp_path):
    """A small town links its council's minutes (a .docx) through Microsoft's online viewer, "Consulter le PV": a
    link to another site, no PDF by its name or its words, and the minutes naming Sesterce's data center were lost.
    The document the viewer's address names is read; the viewer itself is never asked for."""
    from urllib.parse import quote

    from tests.test_office import MINUTES, docx

    site = demo_site
    minutes = "/mairie-alixan/conseil/pv-conseil-2026-11.docx"
    site.replace(official.OUTLET, minutes, Resource(docx(MINUTES), "application/octet-stream", site.now))
    viewer = site.url("nuages", "/op/view.aspx?src=" + quote(site.url(official.OUTLET, minutes), safe=""))
    page = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Conseil municipal</title></head>'
            f'<body><main><h1>Le conseil municipal</h1><ul><li><a href="{viewer}">Consulter le procès-verbal du 12 '
            "novembre</a></li></ul></main></body></html>")
    site.replace(official.OUTLET, "/mairie-alixan/conseil/", Resource(page.encode(), HTML, site.now))
    config = documents_config(site, tmp_path, "conseil-alixan", "/mairie-alixan/conseil/")
    site.reset_requests()
    result = newswatch("crawl", config=config, check=True)
    assert result.stderr == ""
    db = sqlite3.connect(tmp_path / "newswatch.db")
    [(url, kind, status, text)] = db.execute("SELECT url, kind, text_status, text FROM articles")
    assert (url, kind, status) == (site.url(official.OUTLET, minutes), "document", "full")
    assert text.split("\n") == MINUTES
    assert not [r for r in site.requests if r.outlet == "nuages"]


def test_a_report_added_to_a_known_notice_is_fetched_when_the_notice_is_read_again(demo_site, tmp_path):
    """A prefecture's page for a public inquiry is listed with its notice's PDF; weeks later the inquiry
    commissioner's report and conclusions are added to that page, the listing unchanged. The notice was known,
    never read again, and the report, the document an appeal is fought on, was lost. A documents listing's notices
    first listed within notice_days are read again (at most once in 20 hours): an archived one re-checked (a 304
    when unchanged), one that named no topic judged again, and the PDFs each links now are fetched when new."""
    site = demo_site
    listing = "/enquetes-drome/"
    archived, plain = "/enquetes-drome/reseau-de-chaleur-rovaltain", "/enquetes-drome/carriere-de-crest"

    def notice(title: str, words: str, pdfs: list[str]) -> Resource:
        links = "".join(f'<li><a href="{pdf}">{name}</a></li>' for pdf, name in pdfs)
        page = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head><body>'
                f"<main><h1>{title}</h1><p>{words}</p><ul>{links}</ul></main></body></html>")
        return Resource(page.encode(), HTML, site.now)

    def pdf(heading: str, lines: list[str], seed: int) -> Resource:
        return Resource(order_pdf(heading, lines, seed, filler=30), "application/pdf", site.now)

    heat = ("Enquête publique sur le réseau de chaleur alimenté par le centre de données de la société Sesterce, "
            "au parc de Rovaltain.")
    quarry = "Enquête publique sur l'extension de la carrière de Crest. Le dossier est consultable en mairie."
    first = {archived: [(f"{archived}/avis.pdf", "Avis d'enquête")], plain: [(f"{plain}/avis.pdf", "Avis d'enquête")]}
    site.replace(official.OUTLET, archived, notice("Réseau de chaleur de Rovaltain", heat, first[archived]))
    site.replace(official.OUTLET, plain, notice("Carrière de Crest", quarry, first[plain]))
    site.replace(official.OUTLET, f"{archived}/avis.pdf", pdf("Avis d'enquête", [heat], 1))
    site.replace(official.OUTLET, f"{plain}/avis.pdf", pdf("Avis d'enquête", [quarry], 2))
    links = "".join(f'<li><a href="{path}">{name}</a></li>' for path, name in [
        (archived, "Réseau de chaleur de Rovaltain"), (plain, "Carrière de Crest")])
    site.replace(official.OUTLET, listing, Resource((
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Enquêtes publiques</title></head><body>'
        f"<main><h1>Enquêtes publiques</h1><ul>{links}</ul></main></body></html>").encode(), HTML, site.now))
    # no re-check of young records: the notices are read again on their own, and the crawl is not skipped as
    # unchanged when its listing answers 304 (preflight)
    config = documents_config(site, tmp_path, "enquetes", listing, extra_crawl="recheck_days = 0\n")
    newswatch("crawl", config=config, check=True)
    db = sqlite3.connect(tmp_path / "newswatch.db")
    assert {url.rsplit("/", 2)[-1] for (url,) in db.execute("SELECT url FROM articles")} == {
        "reseau-de-chaleur-rovaltain", "avis.pdf"}

    # weeks later: each notice links the commissioner's report, which names the data center
    report = ("Rapport et conclusions du commissaire enquêteur : avis défavorable au raccordement du centre de "
              "données de Sesterce à Alixan, faute d'étude sur l'eau.")
    for seed, (path, title, words) in enumerate([(archived, "Réseau de chaleur de Rovaltain", heat),
                                                 (plain, "Carrière de Crest", quarry)], start=3):
        pdfs = [*first[path], (f"{path}/rapport-commissaire.pdf", "Rapport et conclusions du commissaire enquêteur")]
        site.replace(official.OUTLET, path, Resource(notice(title, words, pdfs).body, HTML,
                                                     site.now + timedelta(hours=1)))
        site.replace(official.OUTLET, f"{path}/rapport-commissaire.pdf", pdf("Rapport du commissaire enquêteur",
                                                                             [report, words], seed))
    with db:  # the first crawl was yesterday
        db.execute("UPDATE fetches SET fetched_at = datetime(fetched_at, '-1 day')")
        db.execute("UPDATE articles SET checked_at = datetime(checked_at, '-1 day')")
    site.reset_requests()
    result = newswatch("crawl", config=config, check=True)
    assert result.stderr == ""
    asked = {(r.path, r.status) for r in site.requests if r.outlet == official.OUTLET}
    assert (archived, 200) in asked and (plain, 200) in asked
    assert not any(path.endswith("avis.pdf") for path, _ in asked), "documents already judged are not fetched again"
    reports = {url.rsplit("/", 2)[-2] for (url,) in db.execute(
        "SELECT url FROM articles WHERE url LIKE '%rapport-commissaire.pdf'")}
    assert reports == {"reseau-de-chaleur-rovaltain", "carriere-de-crest"}
    assert db.execute("SELECT revisions FROM articles WHERE url LIKE '%reseau-de-chaleur-rovaltain'").fetchone() == (0,)

    # read again at most once in 20 hours; unchanged, an archived notice costs a 304
    site.reset_requests()
    newswatch("crawl", config=config, check=True)
    assert not {r.path for r in site.requests if r.outlet == official.OUTLET} & {archived, plain}
    with db:
        db.execute("UPDATE fetches SET fetched_at = datetime(fetched_at, '-1 day')")
        db.execute("UPDATE articles SET checked_at = datetime(checked_at, '-1 day')")
    site.reset_requests()
    newswatch("crawl", config=config, check=True)
    asked = {(r.path, r.status) for r in site.requests if r.outlet == official.OUTLET}
    assert (archived, 304) in asked and (plain, 200) in asked


def test_a_filled_request_form_is_archived_on_its_fields_values(demo_site, tmp_path):
    """A prefecture publishes the applicant's filled request form next to its notice: "SESTERCE SAS", the place
    and the activity are only in the form's fields, which the text layer did not hold. The form matched nothing
    (its link says "Formulaire de demande") and was lost; its fields are read as the page shows them."""
    from tests.test_pdftext import cerfa

    site = demo_site
    listing, form = "/icpe-enregistrement/", "/icpe-enregistrement/formulaire-demande-2026-41.pdf"
    site.replace(official.OUTLET, form, Resource(cerfa(), "application/pdf", site.now))
    site.replace(official.OUTLET, listing, sample_page(
        site, "Enregistrement", link_list((form, "Formulaire de demande (PDF)"))))
    config = documents_config(site, tmp_path, "icpe", listing)
    newswatch("crawl", config=config, check=True)
    db = sqlite3.connect(tmp_path / "newswatch.db")
    [(article_id, kind, text)] = db.execute("SELECT id, kind, text FROM articles")
    assert kind == "document" and "SESTERCE SAS" in text
    topics = {topic for (topic,) in db.execute("SELECT topic FROM matches WHERE article_id = ?", (article_id,))}
    assert {"sesterce", "rovaltain", "datacenters"} <= topics


@pytest.mark.parametrize("case, download, words", [
    ("docman", "/index.php?option=com_docman&task=doc_download&gid=77", "Arrêté préfectoral n° 2026-112"),
    ("size", "/medias/get/5678", "Télécharger l'arrêté (542 Ko)")])
def test_an_order_a_notice_links_at_its_download_address_is_archived(demo_site, tmp_path, case, download, words):
    """A town's notice on the registration request links the prefect's order at its download manager's address,
    "Arrêté préfectoral n° 2026-112", or at an address that says nothing, "Télécharger l'arrêté (542 Ko)": no PDF
    by its name or its words. A notice's own documents were its PDFs only; the order, naming Sesterce's data
    center, was lost. Its site's download addresses are read too, and links whose words give a file's size."""
    site = demo_site
    listing, notice = f"/mairie-alixan-{case}/avis/", f"/mairie-alixan-{case}/avis/enregistrement-icpe"
    order = order_pdf("Arrêté préfectoral n° 2026-112", [
        "Portant enregistrement du centre de données exploité par la société Sesterce au parc de Rovaltain, "
        "sur la commune d'Alixan."], seed=5, title="Arrêté n° 2026-112")
    site.replace(official.OUTLET, download, Resource(order, "application/octet-stream", site.now))
    site.replace(official.OUTLET, notice, sample_page(
        site, "Enregistrement ICPE", "<h1>Demande d'enregistrement</h1><p>L'arrêté est publié ci-dessous.</p>"
        f'<p><a href="{download.replace("&", "&amp;")}">{words}</a></p>'))
    site.replace(official.OUTLET, listing, sample_page(
        site, "Avis", link_list((notice, "Demande d'enregistrement"))))
    config = documents_config(site, tmp_path, "avis-alixan", listing)
    newswatch("crawl", config=config, check=True)
    db = sqlite3.connect(tmp_path / "newswatch.db")
    [(url, kind, title)] = db.execute("SELECT url, kind, title FROM articles")
    assert url == site.url(official.OUTLET, download) and (kind, title) == ("document", "Arrêté n° 2026-112")


def test_a_notice_that_failed_once_is_resumed_as_a_notice_and_gives_its_documents(demo_site, tmp_path):
    """A prefecture's server answers 503 for a notice on one night; the next crawl resumes it. Resumed, it was asked
    for as a plain article with no depth left: its PDF (the order naming Sesterce's data center) was never fetched,
    and the listing, unchanged, never listed the notice again. It is resumed as it was discovered: a notice, its
    documents followed."""
    site = demo_site
    listing, notice, pdf = "/arretes-drome/", "/arretes-drome/centre-de-donnees-alixan", "/arretes-drome/arrete.pdf"
    order = order_pdf("Arrêté n° 2026-140", [
        "Prescriptions complémentaires applicables au centre de données de la société Sesterce, parc de Rovaltain, "
        "commune d'Alixan."], seed=9)
    site.replace(official.OUTLET, pdf, Resource(order, "application/pdf", site.now))
    site.replace(official.OUTLET, notice, Resource(b"Service Unavailable", "text/plain", site.now, status=503))
    site.replace(official.OUTLET, listing, sample_page(
        site, "Arrêtés", link_list((notice, "Arrêté de prescriptions complémentaires"))))
    config = documents_config(site, tmp_path, "arretes-drome", listing)
    newswatch("crawl", config=config)  # the notice failed: its source says so
    site.replace(official.OUTLET, notice, sample_page(
        site, "Arrêté de prescriptions", f'<p>Voir <a href="{pdf}">l\'arrêté</a>.</p>'))
    site.reset_requests()
    newswatch("crawl", config=config, check=True)
    assert (listing, 304) in {(r.path, r.status) for r in site.requests if r.outlet == official.OUTLET}
    db = sqlite3.connect(tmp_path / "newswatch.db")
    [(url, kind)] = db.execute("SELECT url, kind FROM articles")
    assert (url, kind) == (site.url(official.OUTLET, pdf), "document")


def test_notices_filed_below_a_listing_s_sub_page_give_their_documents_and_are_read_again(demo_site, tmp_path):
    """A prefecture files its notices by procedure: the listing links `/consultations/icpe`, whose page links each
    request's notice filed below it, which links the documents. A notice's PDFs only were read, not the notices of
    a sub-page: the notice of Sesterce's request and its documents were lost. Now they are read, and read again
    as the listing's own notices are: a new request filed on the sub-page, and a report added to a notice, are
    found on a later night."""
    site = demo_site
    listing, category = "/consultations/", "/consultations/icpe"
    notice, later_notice = f"{category}/alixan-sesterce", f"{category}/alixan-sesterce-extension"
    avis, report = f"{notice}/avis.pdf", f"{notice}/rapport-commissaire.pdf"

    def pdf(heading: str, line: str, seed: int) -> Resource:
        return Resource(order_pdf(heading, [line], seed), "application/pdf", site.now)

    site.replace(official.OUTLET, avis, pdf("Avis", "Demande d'enregistrement de la société Sesterce pour un centre "
                                                    "de données au parc de Rovaltain, à Alixan.", 21))
    site.replace(official.OUTLET, notice, sample_page(site, "Alixan", link_list((avis, "Avis au public"))))
    site.replace(official.OUTLET, category, sample_page(site, "ICPE", link_list((notice, "Alixan – demande n° 41"))))
    site.replace(official.OUTLET, listing, sample_page(site, "Consultations", link_list((category, "ICPE"))))
    config = documents_config(site, tmp_path, "consultations", listing, extra_crawl="recheck_days = 0\n")
    newswatch("crawl", config=config, check=True)
    db = sqlite3.connect(tmp_path / "newswatch.db")
    assert [url for (url,) in db.execute("SELECT url FROM articles")] == [site.url(official.OUTLET, avis)]

    # weeks later: a report added to the notice, a new request filed on the sub-page
    site.replace(official.OUTLET, report, pdf("Rapport", "Rapport du commissaire enquêteur sur le centre de données "
                                                         "de Sesterce à Alixan.", 22))
    site.replace(official.OUTLET, notice, Resource(sample_page(site, "Alixan", link_list(
        (avis, "Avis au public"), (report, "Rapport"))).body, HTML, site.now + timedelta(hours=1)))
    site.replace(official.OUTLET, later_notice, sample_page(site, "Extension", "<p>Demande d'extension du centre de "
                                                            "données de la société Sesterce, parc de Rovaltain.</p>"))
    site.replace(official.OUTLET, category, Resource(sample_page(site, "ICPE", link_list(
        (notice, "Alixan – demande n° 41"), (later_notice, "Alixan – demande n° 57"))).body, HTML,
        site.now + timedelta(hours=1)))
    with db:  # the first crawl was yesterday
        db.execute("UPDATE fetches SET fetched_at = datetime(fetched_at, '-1 day')")
        db.execute("UPDATE articles SET checked_at = datetime(checked_at, '-1 day')")
    newswatch("crawl", config=config, check=True)
    assert {url.rsplit("/", 1)[-1] for (url,) in db.execute("SELECT url FROM articles")} == {
        "avis.pdf", "rapport-commissaire.pdf", "alixan-sesterce-extension"}


def test_scans_are_read_by_ocr_matched_with_their_deadlines_and_kept_unread_without_it(demo_site, tmp_path, tesseract):
    """A prefecture's listing links two scans under words that name no topic: the signed order opening the inquiry
    (pictures only) and a town's deliberation stamped on its transmission (a picture and the stamp's words as
    text). The order was kept unread, its inquiry's dates absent from the Deadlines; the deliberation was judged on
    its stamp, matched nothing and was lost; so was a notice whose fonts' character maps are wrong (its text layer
    gives other letters than it shows). All are read by OCR, matched and dated; with OCR off, all are kept unread
    (`no_text`) with why."""
    from tests.test_ocr import STAMP, order, scanned

    site = demo_site
    listing = "/actes-scannes/"
    site.replace(official.OUTLET, listing + "arrete-2026-112.pdf", Resource(scanned(order()), "application/pdf",
                                                                            site.now))
    notice = consultation_notice(site.now)
    site.replace(official.OUTLET, listing + "avis-2027-3.pdf", Resource(build_pdf(notice.pages(), garbled=True),
                                                                        "application/pdf", site.now))
    site.replace(official.OUTLET, listing, sample_page(site, "Actes", link_list(*(
        (f"{listing}{name}.pdf", f"{words} (PDF)") for name, words in [
            ("arrete-2026-112", "Arrêté n° 2026-112"), ("deliberation-2027-14", "Délibération n° 2027-14"),
            ("avis-2027-3", "Avis n° 2027-3")]))))
    site.replace(official.OUTLET, listing + "deliberation-2027-14.pdf", Resource(
        scanned(order_pdf("Délibération n° 2027-14 du conseil municipal", [
            "Le conseil municipal d'Alixan émet un avis sur le projet de centre de données de la société Sesterce.",
        ], seed=7, filler=6), stamp=STAMP), "application/pdf", site.now))

    config = documents_config(site, tmp_path, "actes", listing)
    result = newswatch("crawl", config=config, check=True)
    assert result.stderr == ""
    db = sqlite3.connect(tmp_path / "newswatch.db")
    read = {url.rsplit("/", 1)[-1]: (status, note) for url, status, note in db.execute(
        "SELECT url, text_status, text_missing_reason FROM articles")}
    assert read == {name: ("ocr", "read by OCR (tesseract) from the picture of page 1: words may be misread")
                    for name in ("arrete-2026-112.pdf", "deliberation-2027-14.pdf", "avis-2027-3.pdf")}
    topics = {(url.rsplit("/", 1)[-1], topic, snippet[:6]) for url, topic, snippet in db.execute(
        "SELECT url, topic, snippet FROM matches JOIN articles ON articles.id = matches.article_id")}
    assert {(name, "sesterce", "p. 1: ") for name in read} <= topics
    deadlines = json.loads(newswatch("deadlines", "--all", "--json", config=config, check=True).stdout)
    [deadline] = [d for d in deadlines if d["starts"] == "2027-04-12"]
    assert deadline["ends"] == "2027-05-14" and len(deadlines) == 2  # the notice's too
    show = newswatch("show", str(deadline["article_id"]), config=config, check=True).stdout
    assert "text:       ocr (read by OCR (tesseract) from the picture of page 1: words may be misread)" in show
    digest = newswatch("digest", "--dry-run", config=config, check=True).stdout
    assert digest.count("[read by OCR (tesseract) from the picture of page 1: words may be misread]") == 3, digest

    off = tmp_path / "off"
    off.mkdir()
    config = documents_config(site, off, "actes", listing, extra_crawl="ocr_pages = 0\n")
    newswatch("crawl", config=config, check=True)
    db = sqlite3.connect(off / "newswatch.db")
    kept = {url.rsplit("/", 1)[-1]: (status, text, note) for url, status, text, note in db.execute(
        "SELECT url, text_status, text, text_missing_reason FROM articles")}
    unread = "no text layer: the PDF holds only images (a scan?); page 1 not read: OCR is off (ocr_pages = 0)"
    unreadable = ("no readable text layer: its letters are not the ones its pages show (a font's character map is "
                  "wrong); page 1 not read: OCR is off (ocr_pages = 0)")
    assert kept == {"arrete-2026-112.pdf": ("no_text", "", unread),
                    "deliberation-2027-14.pdf": ("no_text", "\n".join(STAMP), unread),
                    "avis-2027-3.pdf": ("no_text", "", unreadable)}
    # matching no topic, they are in no topic's section: the digest lists them apart, saying why, once
    digest = newswatch("digest", "--dry-run", config=config, check=True).stdout
    assert "Nothing new since the last digest. 3 documents could not be read." in digest
    listed = digest[digest.index("== documents not read (3) =="):]
    assert listed.count(f"[{unread}]") == 2 and listed.count(f"[{unreadable}]") == 1, listed
    assert all(site.url(official.OUTLET, listing + name) in listed for name in kept)


def test_scans_archived_while_ocr_could_not_run_are_read_once_it_can(demo_site, tmp_path, tesseract):
    """A group ran newswatch before it read scans, or without tesseract: its archive holds the signed order and a
    deliberation as scans kept unread, and a zipped dossier of scans (each file's reason noted), which nothing would
    ever ask for again (their listing unchanged). Once OCR can run, the next crawl asks for each whole, once, and
    reads it: the text, topics and deadline replace the unread scan (kept as a revision). One gone from its site
    (404) is noted and not asked for again."""
    from tests.test_ocr import order, scanned

    site = demo_site
    listing = "/actes-anciens/"
    deliberation = order_pdf("Délibération n° 2027-15 du conseil municipal", [
        "Le conseil municipal d'Alixan émet un avis sur le projet de centre de données de la société Sesterce."],
        seed=8, filler=4)
    later = order_pdf("Délibération n° 2027-16 du conseil municipal", [
        "Le conseil municipal d'Alixan demande une étude sur l'eau du centre de données de la société Sesterce."],
        seed=9, filler=4)
    names = {"arrete-2026-113.pdf": scanned(order()), "deliberation-2027-15.pdf": scanned(deliberation),
             "arrete-retire.pdf": scanned(order()),
             "actes-2027-16.zip": dossier_zip({"actes/deliberation-2027-16.pdf": scanned(later)})}
    for name, body in names.items():
        site.replace(official.OUTLET, listing + name, Resource(
            body, "application/zip" if name.endswith(".zip") else "application/pdf", site.now))
    site.replace(official.OUTLET, listing, sample_page(site, "Actes", link_list(*(
        (listing + name, f"Acte n° {number} (PDF)") for number, name in enumerate(names)))))
    off = documents_config(site, tmp_path, "actes", listing, extra_crawl="recheck_days = 0\nocr_pages = 0\n")
    newswatch("crawl", config=off, check=True)
    db = sqlite3.connect(tmp_path / "newswatch.db")
    with db:  # as the version before OCR wrote one of them; all three judged yesterday
        db.execute("UPDATE articles SET text_missing_reason = 'no text layer: the PDF holds only images (a scan?) "
                   "and newswatch does no OCR' WHERE url LIKE '%deliberation-2027-15.pdf'")
        db.execute("UPDATE articles SET checked_at = datetime(checked_at, '-1 day')")
    assert {status for (status,) in db.execute("SELECT text_status FROM articles")} == {"no_text"}
    assert db.execute("SELECT text_missing_reason FROM articles WHERE url LIKE '%.zip'").fetchone() == (
        "deliberation-2027-16.pdf: no text layer: the PDF holds only images (a scan?); page 1 not read: OCR is off "
        "(ocr_pages = 0)",)
    assert db.execute("SELECT count(*) FROM matches").fetchone() == (0,)  # "Acte n° 1 (PDF)" names no topic
    site.replace(official.OUTLET, listing + "arrete-retire.pdf", Resource(b"gone", "text/plain", site.now, status=404))

    site.reset_requests()
    on = documents_config(site, tmp_path, "actes", listing, extra_crawl="recheck_days = 0\n")
    [said] = newswatch("crawl", config=on, check=True).stderr.splitlines()  # the source's summary: the 404
    assert "[newswatch.progress] WARNING: actes:" in said and said.endswith("arrete-retire.pdf: HTTP 404"), said
    asked = sorted((r.path.rsplit("/", 1)[-1], r.status) for r in site.requests if r.path.endswith((".pdf", ".zip")))
    assert asked == [("actes-2027-16.zip", 200), ("arrete-2026-113.pdf", 200), ("arrete-retire.pdf", 404),
                     ("deliberation-2027-15.pdf", 200)]
    records = {url.rsplit("/", 1)[-1]: tuple(rest) for url, *rest in db.execute(
        "SELECT url, id, text_status, text_missing_reason, revisions FROM articles")}
    read = "read by OCR (tesseract) from the picture of page 1: words may be misread"
    assert records["arrete-2026-113.pdf"][1:] == ("ocr", read, 1)
    assert records["deliberation-2027-15.pdf"][1:] == ("ocr", read, 1)
    assert records["actes-2027-16.zip"][1:] == ("ocr", f"deliberation-2027-16.pdf: {read}", 1)
    gone_id, status, reason, _ = records["arrete-retire.pdf"]
    assert status == "no_text" and reason.startswith("no text layer") and "; asked for again to be read by OCR on " \
        in reason and reason.endswith(": http_error (HTTP 404)"), reason
    topics = {(url.rsplit("/", 1)[-1], topic) for url, topic in db.execute(
        "SELECT url, topic FROM matches JOIN articles ON articles.id = matches.article_id")}
    assert {("arrete-2026-113.pdf", "sesterce"), ("deliberation-2027-15.pdf", "sesterce"),
            ("actes-2027-16.zip", "sesterce")} <= topics
    assert ("arrete-retire.pdf", "sesterce") not in topics
    [deadline] = json.loads(newswatch("deadlines", "--all", "--json", config=on, check=True).stdout)
    assert deadline["article_id"] == records["arrete-2026-113.pdf"][0] and deadline["ends"] == "2027-05-14"

    with db:
        db.execute("UPDATE articles SET checked_at = datetime(checked_at, '-1 day')")
    site.reset_requests()
    newswatch("crawl", config=on, check=True)
    assert not [r for r in site.requests if r.path.endswith((".pdf", ".zip"))], "each is asked for once"

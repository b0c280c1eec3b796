"""The crawl's write path in few statements, the same on both backends: one lookup for an article's identity,
multi-row inserts that skip conflicts, and (PostgreSQL) a writer that does not wait for the disk."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, text, update
from tests.conftest import Archive, pg_database

from store import queries
from store.db import transaction
from store.models import utcnow


def _article(session, url: str, **fields) -> int:
    return queries.insert_article(session, url=url, canonical_url=url, source="s", title="Rovaltain",
                                  text="Le centre de données de Rovaltain.", date_source="first_seen",
                                  first_seen=utcnow(), fetched_at=utcnow(), **fields)


def test_an_article_is_known_by_its_urls_first_then_as_the_headline_record_of_its_outlet(any_archive):
    now = utcnow()
    with transaction(any_archive.sessions(writer=True)) as session:
        full = _article(session, "https://a.example/full", outlet_domain="a.example", title_key="rovaltain")
        queries.add_article_urls(session, full, ["https://a.example/full?amp=1"])
        headline = _article(session, "https://a.example/h", outlet_domain="a.example", title_key="serveurs",
                            text_status="headline")
        _article(session, "https://a.example/other", outlet_domain="a.example", title_key="serveurs")
    with any_archive.sessions()() as session:
        assert queries.archived_as(session, ["https://x.example/1", "https://a.example/full?amp=1"],
                                   "a.example", "serveurs", now) == (full, "full"), "a URL wins over a headline"
        assert queries.archived_as(session, ["https://x.example/1"], "a.example", "serveurs", now) == (headline,
                                                                                                       "headline")
        assert queries.archived_as(session, ["https://x.example/1"], "a.example", "rovaltain", now) is None, \
            "only a headline record is met by its title"
        assert queries.archived_as(session, ["https://x.example/1"], None, None, now) is None


def test_a_headline_at_another_of_the_site_s_addresses_is_the_article_only_within_a_day(any_archive):
    """A column's recurring title ("Courrier des lecteurs"): an open article completed the headline record of the
    same title three days before, at another address of the outlet's own site. A record an aggregator gave (its
    address is the aggregator's) keeps the 7 days."""
    now, days = utcnow(), timedelta(days=3)
    with transaction(any_archive.sessions(writer=True)) as session:
        own = _article(session, "https://a.example/courrier-1", outlet_domain="a.example", title_key="courrier",
                       text_status="headline", published_at=now - days)
        google = _article(session, "https://news.google.com/rss/articles/CBMi1", outlet_domain="a.example",
                          title_key="avis", text_status="headline", published_at=now - days)
    with any_archive.sessions()() as session:
        site = "https://a.example/"
        assert queries.archived_as(session, [], "a.example", "courrier", now, site) is None
        assert queries.archived_as(session, [], "a.example", "courrier", now - days + timedelta(hours=20),
                                   site) == (own, "headline")
        assert queries.archived_as(session, [], "a.example", "courrier", now) == (own, "headline")  # no site given
        assert queries.archived_as(session, [], "a.example", "avis", now, site) == (google, "headline")


def test_a_title_names_an_article_only_near_its_date(any_archive):
    """Titles recur ("Conseil municipal d'Alixan", every month): a headline record, an article or a sighting is
    met by its title only within HEADLINE_DAYS of the date asked about (unbounded, last month's record took this
    month's lead, which was lost)."""
    now, month = utcnow(), timedelta(days=30)
    with transaction(any_archive.sessions(writer=True)) as session:
        headline = _article(session, "https://a.example/conseil-octobre", outlet_domain="a.example",
                            title_key="conseil municipal", text_status="headline", published_at=now - month)
        url = "https://a.example/conseil-octobre"
        queries.record_discoveries(session, [dict(url=url, raw_url=url, source="s", channel="feed",
                                                  via="https://a.example/rss", title="Conseil municipal",
                                                  published_at=now - month, title_key="conseil municipal")])
    with any_archive.sessions()() as session:
        for when, found in ((now - month + timedelta(days=3), True), (now, False), (now - 2 * month, False)):
            assert (queries.archived_as(session, [], "a.example", "conseil municipal", when) is not None) == found
            assert (queries.article_by_headline(session, "a.example", "conseil municipal", when=when)
                    == (headline if found else None))
            assert bool(queries.urls_with_title(session, "conseil municipal", when)) == found
        assert queries.urls_with_title(session, "conseil municipal") == ["https://a.example/conseil-octobre"]


def test_row_sets_are_written_in_one_statement_each_and_repeated_rows_are_skipped(any_archive):
    sessions = any_archive.sessions(writer=True)
    statements = []
    event.listen(sessions.kw["bind"], "before_cursor_execute", lambda *args: statements.append(args[2]))
    rows = [dict(url=f"https://a.example/{n % 40}", raw_url=f"https://a.example/{n % 40}", source="s",
                 channel="feed", via="https://a.example/feed") for n in range(120)]
    with transaction(sessions) as session:
        article_id = _article(session, "https://a.example/0")
        statements.clear()
        queries.add_article_urls(session, article_id, [f"https://a.example/0?n={n}" for n in range(30)])
        queries.record_discoveries(session, rows)
    assert len(statements) == 2, statements
    # PostgreSQL: multi-row statements (psycopg's executemany costs about three round trips); SQLite: in-process
    # executemany of one row's statement
    assert ["), (" in sql for sql in statements] == [any_archive.backend == "postgresql"] * 2, statements
    with transaction(sessions) as session:
        queries.add_article_urls(session, article_id, ["https://a.example/0?n=1", "https://a.example/0?n=99"])
    with any_archive.sessions()() as session:
        assert session.scalar(text("SELECT count(*) FROM article_urls")) == 31
        assert session.scalar(text("SELECT count(DISTINCT url) FROM discoveries")) == 40


def test_a_postgresql_writer_commits_without_waiting_for_the_disk_and_is_named(pg_migrated):
    with pg_database(template=pg_migrated) as url:
        archive = Archive(url=url, path=None)
        try:
            setting = text("SELECT setting, source FROM pg_settings WHERE name = 'synchronous_commit'")
            with archive.sessions(writer=True)() as session:
                assert tuple(session.execute(setting).one()) == ("off", "session"), "set by the writer itself"
                assert session.scalar(text("SHOW application_name")) == "newswatch writer"
            with archive.sessions()() as session:
                assert session.execute(setting).one().source != "session", "readers keep the server's setting"
                assert session.scalar(text("SHOW application_name")) == "newswatch"
        finally:
            archive.close()


def test_a_channels_validators_are_written_only_with_or_after_the_urls_it_listed(archive, tmp_path):
    """The store pipeline holds sightings for a bulk write; a channel's result (its ETag) must not reach the
    archive before them, or a crawl killed in between finds a 304 next time and never the URLs (issue 13)."""
    from scrapy.utils.test import get_crawler

    from crawler.items import ChannelResult, Discoveries, Discovery
    from newswatch.config import load_config
    from pipelines.store import StorePipeline

    config_file = tmp_path / "newswatch.toml"
    feed = "http://127.0.0.1:9/feed.rss"
    config_file.write_text(f'[store]\nurl = "{archive.url}"\n\n[[topics]]\nname = "t"\nquery = "Rovaltain"\n\n'
                           f'[[sources]]\nname = "s"\nfeeds = ["{feed}"]\n', encoding="utf-8")
    pipeline = StorePipeline.from_crawler(get_crawler(settings_dict={"NEWSWATCH": load_config(config_file)}))
    pipeline.open_spider()
    listed = [Discovery(source="s", channel="feed", via=feed, url=f"http://127.0.0.1:9/a/{n}",
                        key=f"http://127.0.0.1:9/a/{n}") for n in range(3)]
    pipeline.process_item(Discoveries(entries=listed))
    pipeline.process_item(ChannelResult(source="s", kind="feed", url=feed, status="ok", http_status=200,
                                        etag='"v1"', entries=3))
    with archive.sessions()() as session:  # read before the crawl ends: what a SIGKILL here would leave
        assert queries.channel_validators(session, [feed], read_since=None) == {feed: ('"v1"', None)}
        seen = session.execute(text("SELECT url FROM discoveries")).scalars().all()
    assert sorted(seen) == sorted(d.url for d in listed), "the URLs are recorded no later than the validators"
    for sessions in (pipeline.context.reader, pipeline.context.writer):
        sessions.kw["bind"].dispose()
    archive.close()


def test_a_channel_s_validators_are_sent_only_while_it_has_answered_in_full_recently(any_archive):
    """A 200 records when the channel was read in full; a 304 keeps that time (and the validators); asked for
    validators of channels read in full since a time, one read before it gets none (it is then asked for whole)."""
    feed = "https://mairie.example/feed/"

    def answered(status: str) -> None:
        with transaction(any_archive.sessions(writer=True)) as session:
            queries.record_channel(session, url=feed, kind="feed", source="s", status=status,
                                   http_status=200 if status == "ok" else 304, etag='"v1"', last_modified=None,
                                   error=None, entries=3)

    def validators(read_since) -> dict:
        with any_archive.sessions()() as session:
            return queries.channel_validators(session, [feed], read_since=read_since)

    before = utcnow()
    answered("ok")
    between = utcnow()
    answered("not_modified")
    assert validators(before) == validators(None) == {feed: ('"v1"', None)}
    assert validators(between) == {}, "a 304 is no read in full"
    answered("ok")
    assert validators(between) == {feed: ('"v1"', None)}


def test_an_article_whose_outlet_nobody_named_takes_the_one_an_aggregator_named_first(any_archive):
    """A daily's own feed names no outlet; a Google News item resolved to the same URL names it: the record
    takes that name whether it was archived before the aggregator's sighting was written or after; an outlet
    already known (its page's site name) is kept, and one no aggregator named stays unknown."""
    from crawler.items import Discoveries, Discovery, Page
    from newswatch.text.extraction import Extracted
    from newswatch.text.topics import TopicMatch
    from pipelines.saving import Saver

    def sighting(url: str, outlet: str) -> Discoveries:
        return Discoveries([Discovery(source="google", channel="search", via=f"https://news.example/rss?{outlet}",
                                      url="https://news.example/rss/articles/CBMi" + url[-3:], key=url,
                                      outlet=outlet, outlet_url="https://vercors.example/")])

    def headline(url: str) -> Page:
        page = Page(source="vercors", url=url, key=url, fetched_at=utcnow(), http_status=403,
                    feed_title=f"Rovaltain {url[-3:]}", feed_summary="Le centre de données de Rovaltain.")
        page.decide("blocked", "HTTP 403: the outlet blocks automated readers (a DataDome challenge page)")
        page.matches = [TopicMatch("t", ["Rovaltain"], "Rovaltain")]
        return page

    def full(url: str, site_name: str | None) -> Page:
        page = Page(source="vercors", url=url, key=url, final_url=url, fetched_at=utcnow(), date_source="first_seen")
        page.extracted = Extracted(title=f"Rovaltain {url[-3:]}", text="Le centre de données de Rovaltain. " * 9,
                                   author=None, published=None, date_source=None, language="fr",
                                   canonical_url=None, site_name=site_name)
        page.matches = [TopicMatch("t", ["Rovaltain"], "Rovaltain")]
        return page

    base = "https://vercors.example/drome/"
    saver = Saver(run_id=None, retry_runs=3, keep_raw=False)
    with transaction(any_archive.sessions(writer=True)) as session:  # the headline first, then the sighting
        saver.save(session, headline(base + "h-1"))
        saver.save_batch(session, [sighting(base + "h-1", "La Voix du Vercors")])
        saver.save_batch(session, [sighting(base + "h-1", "Un autre agrégateur")])  # later: not taken
    with transaction(any_archive.sessions(writer=True)) as session:  # the sighting first, then the headline
        saver.save_batch(session, [sighting(base + "h-2", "La Voix du Vercors")])
        saver.save(session, headline(base + "h-2"))
        saver.save_batch(session, [sighting(base + "f-3", "La Voix du Vercors"),
                                   sighting(base + "s-4", "La Voix du Vercors")])
        saver.save(session, full(base + "f-3", None))  # a full article whose page names no site
        saver.save(session, full(base + "s-4", "Voix du Vercors (site)"))
        saver.save(session, headline(base + "h-5"))  # no aggregator ever named it
    with any_archive.sessions()() as session:
        outlets = dict(session.execute(text("SELECT canonical_url, outlet FROM articles")).all())
    assert {url.removeprefix(base): outlet for url, outlet in outlets.items()} == {
        "h-1": "La Voix du Vercors", "h-2": "La Voix du Vercors", "f-3": "La Voix du Vercors",
        "s-4": "Voix du Vercors (site)", "h-5": None}


def test_a_page_a_matching_article_cites_is_named_by_its_host_s_known_outlet_else_its_host(any_archive):
    """A blog quotes two dailies' walled articles: archived under the blog's source, their digest entries named the
    blog as their outlet. Now each takes the outlet name the archive knows for its host (an earlier article's), else
    its host; a page no article cites keeps what it had (none)."""
    from crawler.items import Page
    from newswatch.text.topics import TopicMatch
    from pipelines.saving import Saver

    def walled(url: str, cited_by: str | None) -> Page:
        page = Page(source="blog", url=url, key=url, fetched_at=utcnow(), http_status=403, cited_by=cited_by,
                    feed_title=f"Le permis de Rovaltain attaqué {url[-1]}")
        page.decide("blocked", "HTTP 403: the outlet blocks automated readers (a DataDome challenge page)")
        page.matches = [TopicMatch("t", ["Rovaltain"], "Rovaltain")]
        return page

    saver = Saver(run_id=None, retry_runs=3, keep_raw=False)
    with transaction(any_archive.sessions(writer=True)) as session:
        _article(session, "https://www.vercors.example/2026/01/05/un", outlet="La Voix du Vercors",
                 outlet_domain="vercors.example")
        saver.save(session, walled("https://www.vercors.example/drome/permis-1", "https://blog.example/revue"))
        saver.save(session, walled("https://quotidien.example/drome/permis-2", "https://blog.example/revue"))
        saver.save(session, walled("https://quotidien.example/drome/permis-3", None))
    with any_archive.sessions()() as session:
        outlets = dict(session.execute(text("SELECT canonical_url, outlet FROM articles")).all())
    assert {url[-1]: outlet for url, outlet in outlets.items() if "permis" in url} == {
        "1": "La Voix du Vercors", "2": "quotidien.example", "3": None}


def test_a_headline_asked_again_on_later_runs_says_when_it_was_given_up(any_archive):
    """A lead behind a rate limit is asked again on the next runs: its headline record stays one record, and
    its reason says so once the crawl gives up on it, as the URL's fetch does."""
    from crawler.items import Page
    from newswatch.text.topics import TopicMatch
    from pipelines.saving import Saver

    url = "https://vercors.example/drome/recours"
    asked = "HTTP 429: the outlet asks for fewer requests (asked again on the next run)"

    def lead() -> Page:
        page = Page(source="vercors", url=url, key=url, fetched_at=utcnow(), http_status=429,
                    feed_title="Rovaltain : le recours des riverains", feed_summary="Le centre de données de Rovaltain.")
        page.decide("rate_limited", asked, final=False)
        page.matches = [TopicMatch("t", ["Rovaltain"], "Rovaltain")]
        return page

    saver = Saver(run_id=None, retry_runs=3, keep_raw=False)
    reasons = []
    for _ in range(3):
        with transaction(any_archive.sessions(writer=True)) as session:
            saver.save(session, lead())
        with any_archive.sessions()() as session:
            reasons += session.execute(text("SELECT text_status, text_missing_reason FROM articles")).all()
    assert [tuple(r) for r in reasons] == [("headline", asked)] * 2 + [
        ("headline", f"{asked} (given up: it failed on 3 runs in a row)")]


def test_a_scan_or_a_teaser_whose_full_text_arrives_later_says_so(any_archive):
    """A scan is archived `no_text` and a paywalled teaser `teaser`, each with why; when a re-check brings the
    whole text (a text layer was added, the paywall lifted), or a fuller copy of the teaser arrives, the
    status and the reason follow the text."""
    from crawler.items import Page
    from newswatch.text.extraction import Extracted
    from newswatch.text.topics import TopicMatch
    from pipelines.saving import Saver

    scan_reason = "no text layer: the PDF holds only images (a scan?) and newswatch does no OCR"
    whole = "Le conseil municipal d'Alixan a délibéré sur le centre de données de Rovaltain. " * 12

    def page(url: str, body: str, status: str, *, kind: str = "article", missing: str | None = None,
             recheck_of: int | None = None) -> Page:
        fetched = Page(source="mairie", url=url, key=url, final_url=url, fetched_at=utcnow(), date_source="first_seen",
                       kind=kind, text_missing=missing, recheck_of=recheck_of)
        fetched.extracted = Extracted(title="Délibération Rovaltain", text=body, author=None, published=None,
                                      date_source=None, language="fr", canonical_url=None, site_name=None,
                                      text_status=status)
        fetched.matches = [TopicMatch("t", ["Rovaltain"], "Rovaltain")]
        return fetched

    def statuses() -> dict:
        with any_archive.sessions()() as session:
            rows = session.execute(text("SELECT canonical_url, text_status, text_missing_reason, text <> '' "
                                            "FROM articles ORDER BY id")).all()
        return {url.rsplit("/", 1)[-1]: tuple(rest) for url, *rest in rows}

    saver = Saver(run_id=None, retry_runs=3, keep_raw=False)
    base = "https://alixan.example/"
    with transaction(any_archive.sessions(writer=True)) as session:
        saver.save(session, page(base + "scan.pdf", "", "no_text", kind="document", missing=scan_reason))
        saver.save(session, page(base + "teaser", whole[:300], "teaser"))
    assert statuses() == {"scan.pdf": ("no_text", scan_reason, False),
                          "teaser": ("teaser", "subscribers only: the rest is behind the outlet's paywall", True)}
    with any_archive.sessions()() as session:
        ids = dict(session.execute(text("SELECT canonical_url, id FROM articles")).all())
    with transaction(any_archive.sessions(writer=True)) as session:
        saver.save(session, page(base + "scan.pdf", whole, "full", kind="document", recheck_of=ids[base + "scan.pdf"]))
        saver.save(session, page(base + "teaser", whole, "full", recheck_of=ids[base + "teaser"]))
    assert statuses() == {"scan.pdf": ("full", None, True), "teaser": ("full", None, True)}


def test_a_page_judged_on_its_words_is_redated_when_its_listing_dates_it_after_that_and_anew(any_archive):
    """`changed_unrecorded(first_listed_by=…)`: the item's date now is later than the page's fetch and than the date the same listing
    gave it first. A feed that writes local time as UTC dates an item in the future, then always alike: that date
    passes the fetch, but was the first: no change."""
    feed, other = "https://a.example/feed", "https://a.example/other-feed"
    now = utcnow()
    first = {"/page": now - timedelta(hours=2), "/skewed": now + timedelta(hours=1), "/elsewhere": None,
             "/walled": now - timedelta(hours=2), "/archived": now - timedelta(hours=2)}
    urls = {path: f"https://a.example{path}" for path in first}
    with transaction(any_archive.sessions(writer=True)) as session:
        queries.record_discoveries(session, [dict(url=url, raw_url=url, source="s", channel="feed",
                                                  via=other if path == "/elsewhere" else feed, title=None,
                                                  published_at=first[path], summary=None)
                                             for path, url in urls.items()])
        archived = _article(session, urls["/archived"])
        queries.record_fetches(session, [dict(url=url, source="s", outcome="blocked" if path == "/walled" else
                                              "no_topic", reason=None, http_status=200, final=True, run_id=None,
                                              article_id=archived if path == "/archived" else None)
                                         for path, url in urls.items()])
    later = now + timedelta(hours=1)
    with any_archive.sessions()() as session:
        assert queries.changed_unrecorded(session, dict.fromkeys(urls.values(), later),
                                          first_listed_by=feed) == {urls["/page"]}
        assert queries.changed_unrecorded(session, {urls["/page"]: now - timedelta(hours=1)},
                                          first_listed_by=feed) == set(), \
            "dated anew, but before the fetch: the page was read after it"


def test_the_notices_due_to_be_read_again_are_the_newest_of_each_listing_judged_and_not_read_lately(any_archive):
    """A documents listing's notices (not its PDFs), and those its notices link, first listed within the window,
    archived or without a record on their words, not read since `checked_before`: at most `per_listing` of each
    listing (those filed below its notices counted as its own), the last listed first."""
    from store.models import Discovery, Fetch
    from store.rechecks import notices_to_reread

    now = utcnow()
    listing, other = "https://pref.example/enquetes/", "https://mairie.example/pv/"
    with transaction(any_archive.sessions(writer=True)) as session:
        archived = _article(session, "https://pref.example/enquetes/archived", kind="document", etag='"e1"')
        rows = [(listing, f"https://pref.example/enquetes/n{n}", "no_topic", None, n) for n in range(5)]
        rows += [(listing, "https://pref.example/enquetes/archived", "stored", archived, 6),
                 (listing, "https://pref.example/enquetes/avis.pdf", "no_topic", None, 7),  # a document's file
                 (listing, "https://pref.example/enquetes/walled", "http_error", None, 8),  # not judged on its words
                 (listing, "https://pref.example/enquetes/old", "no_topic", None, 400),  # first listed long ago
                 (other, "https://mairie.example/pv/seance", "no_topic", None, 2),
                 ("https://pref.example/enquetes/n1", "https://pref.example/enquetes/n1/sub", "no_topic", None, 1),
                 ("https://elsewhere.example/n", "https://elsewhere.example/n/sub", "no_topic", None, 1),
                 ("https://elsewhere.example/", "https://elsewhere.example/n", "no_topic", None, 1)]
        queries.record_discoveries(session, [dict(url=url, raw_url=url, source="s", channel="documents", via=via)
                                             for via, url, *_ in rows])
        queries.record_fetches(session, [dict(url=url, source="s", outcome=outcome, reason=None, http_status=200,
                                              final=True, run_id=None, article_id=article)
                                         for _, url, outcome, article, _ in rows])
        for _, url, _, _, days in rows:
            session.execute(update(Discovery).where(Discovery.url == url)
                            .values(first_seen=now - timedelta(days=days)))
            session.execute(update(Fetch).where(Fetch.url == url).values(fetched_at=now - timedelta(days=1)))
        session.execute(update(Fetch).where(Fetch.url == "https://pref.example/enquetes/n0").values(fetched_at=now))
    with any_archive.sessions()() as session:
        def due(per_listing: int = 50) -> list[str]:
            return [notice.url.rsplit("/", 1)[-1] for notice in notices_to_reread(
                session, [listing, other], now - timedelta(days=180), now - timedelta(hours=20),
                lambda url: not url.endswith(".pdf"), per_listing)]

        # n0 was read an hour ago; `sub` is filed below n1, a notice of the listing (not below another site's page)
        assert due() == ["n1", "sub", "seance", "n2", "n3", "n4", "archived"]
        assert due(per_listing=2) == ["n1", "sub", "seance"]  # `sub` counts as one of its listing's
        [notice] = [n for n in notices_to_reread(session, [listing], now - timedelta(days=180), now,
                                                 lambda url: True) if n.article_id is not None]
        assert (notice.article_id, notice.etag, notice.source) == (archived, '"e1"', "s")


def test_scans_unread_for_want_of_ocr_are_found_once_and_an_attempt_s_note_stops_them(any_archive):
    """store.rechecks.scans_to_read on both backends: the scans archived unread because OCR could not run, not those
    OCR read or found wordless, nor one whose attempt was noted (store.dedup.add_text_note), nor one checked lately."""
    from store import dedup, rechecks
    from store.models import Article
    from newswatch.documents.ocr import ASKED_AGAIN, COULD_NOT_RUN

    reasons = {"old": "no text layer: the PDF holds only images (a scan?) and newswatch does no OCR",
               "off": "no text layer: the PDF holds only images (a scan?); page 1 not read: OCR is off (ocr_pages = 0)",
               "wordless": "no text layer: the PDF holds only images (a scan?); OCR found no words on page 1",
               "recent": "no text layer: the PDF holds only images (a scan?); page 1 not read: tesseract is not "
                         "installed"}
    now = utcnow()
    checked = {name: now - timedelta(hours=1 if name == "recent" else 30) for name in reasons}
    with transaction(any_archive.sessions(writer=True)) as session:
        ids = {}
        for name, reason in reasons.items():
            url = f"https://prefecture.example/{name}.pdf"
            article = Article(url=url, canonical_url=url, source="actes", title=f"Acte {name}", kind="document",
                              date_source="first_seen", text="", text_hash="", text_status="no_text",
                              text_missing_reason=reason, checked_at=checked[name])
            session.add(article)
            session.flush()
            ids[name] = article.id

        def due():
            return {scan.url.rsplit("/", 1)[-1]: (scan.etag, scan.kind, scan.title) for scan in rechecks.scans_to_read(
                session, ["actes"], COULD_NOT_RUN, ASKED_AGAIN, now - timedelta(hours=20))}

        assert due() == {"old.pdf": (None, "document", "Acte old"), "off.pdf": (None, "document", "Acte off")}
        dedup.add_text_note(session, ids["old"], f"; {ASKED_AGAIN} on 2026-12-05: http_error (HTTP 404)")
        assert set(due()) == {"off.pdf"}
        assert session.get(Article, ids["old"]).text_missing_reason == (
            reasons["old"] + f"; {ASKED_AGAIN} on 2026-12-05: http_error (HTTP 404)")

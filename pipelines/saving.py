"""Saving what a crawl found into the archive, inside the caller's transaction: a batch of sightings and judged
pages, a channel's outcome, and a page: a new article, a copy folded into an archived one, a headline record
or the full text that completes it, a re-check and its revision, evidence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crawler.items import ChannelResult, Discoveries, OldEntries, Page
from newswatch.documents.ocr import ASKED_AGAIN
from newswatch.operations.outlets import home_of
from newswatch.outputs.evidence import capture_fields, text_sha256
from newswatch.text.aggregators import outlet_domain, same_headline, title_key
from newswatch.text.dates import choose_date, url_date
from newswatch.text.revisions import diff_summary, is_material_change
from newswatch.text.urls import address_title, clean_url, declared_key
from pipelines.records import (ADDRESS_TITLED, asked_url, at_own_address, headline_title, lead_domain, lead_fields,
                               page_urls, text_fields, title_of)
from store import dedup, evidence, leads, queries, search


CHANNEL_BODY_KEPT = 5 * 2**20  # bytes: a feed or news sitemap is kept whole; a 50 MB sitemap only by its hash


@dataclass
class Saver:
    """Writes what one run found, and tallies what it did as crawl-stats increments in `counts`, for the
    caller to `take` once the transaction is committed (or to drop if it failed)."""

    run_id: int | None
    retry_runs: int  # [crawl] retry_runs: a passing failure is given up after this many runs in a row
    keep_raw: bool  # [store] keep_raw: keep the bytes of matching pages as evidence
    counts: Counter = field(default_factory=Counter)
    # a channel's answer, hashed and packed once for all the headline records it listed: (url, time) -> fields
    _channel_bodies: dict = field(default_factory=dict, repr=False)

    def take(self) -> Counter:
        """The increments tallied since the last call."""
        counts, self.counts = self.counts, Counter()
        return counts

    def save(self, session, page: Page) -> None:
        """An article to save or re-check, or a matching lead (pages already judged are written in bulk):
        its outcome is set on the page."""
        if page.recheck_of is not None:
            self.save_recheck(session, page)
        elif page.outcome is not None:  # a lead that matches a topic
            self.save_headline(session, page)
        else:
            page.outcome, page.reason = self.save_article(session, page)
        if page.cites():
            self.save_cited(session, page)

    @staticmethod
    def cited_outlet(session, page: Page) -> str | None:
        """The outlet of a page fetched because a matching article cites it (archived under the citing article's
        source) that names none itself (no aggregator's name, no site name): the name the archive knows for its
        host, else its host (`lavoixduvercors.fr`); None for any other page. The digest named the citing blog as
        the daily's."""
        if page.cited_by is None or page.feed_outlet or (page.extracted is not None and page.extracted.site_name):
            return None  # its own name comes first (`lead_fields`): no need to ask the archive
        domain = outlet_domain(page.final_url or page.key)
        return (leads.known_outlet(session, domain) or domain) if domain else None

    @staticmethod
    def save_cited(session, page: Page) -> None:
        """The documents and articles a matching article cites, as sightings through it (fetched by this crawl, or
        by the next if this one stops first): with the article, or not at all. An article's link text is its
        title when it reads as a headline."""
        queries.record_discoveries(session, [
            dict(url=clean_url(url), raw_url=url, source=page.source, channel=channel, via=page.key, title=title,
                 published_at=None, summary=None, outlet=None, outlet_url=None, title_key=title_key(title))
            for channel, url, title in page.citations()])

    def save_batch(self, session, pending: list) -> None:
        """Sightings (Discoveries), a feed's old entries and pages already judged, in bulk."""
        queries.remember_old_entries(session, [(batch.via, key) for batch in pending if isinstance(batch, OldEntries)
                                               for key in batch.keys])
        queries.record_discoveries(session, [
            dict(url=d.key, raw_url=d.url, source=d.source, channel=d.channel, via=d.via, title=d.title,
                 published_at=d.published, summary=d.summary, outlet=d.outlet, outlet_url=d.outlet_url,
                 title_key=d.title_key)
            for batch in pending if isinstance(batch, Discoveries) for d in batch.entries])
        leads.name_unknown_outlets(session, [d.key for batch in pending if isinstance(batch, Discoveries)
                                             for d in batch.entries if d.outlet])  # an article archived first
        self.retitle_headlines(session, {d.key: d.title for batch in pending if isinstance(batch, Discoveries)
                                         for d in batch.entries if d.title})
        queries.record_fetches(session, [
            dict(url=p.key, source=p.source, outcome=p.outcome, reason=p.reason, http_status=p.http_status,
                 final=p.final, run_id=self.run_id) for p in pending if isinstance(p, Page)],
            give_up_after=self.retry_runs)

    def retitle_headlines(self, session, titled: dict[str, str]) -> None:
        """A headline record titled with the words of its address (a sitemap without titles listed it, its page
        behind a bot wall) takes the title a channel lists its URL with now (`titled`: URL -> title): "Sesterce le
        permis du data center attaque" becomes the outlet's headline, in the archive, its search and its
        exports, and the reason no longer says how it was titled."""
        for article_id, url, title, reason in leads.headline_titles(session, list(titled)) if titled else []:
            new = titled[url]
            if title == address_title(url) and new != title and reason and reason.endswith(ADDRESS_TITLED):
                leads.retitle_headline(session, article_id, title=new, title_key=title_key(new),
                                       reason=reason.removesuffix(ADDRESS_TITLED))
                self.count("headline/retitled")

    @staticmethod
    def save_channel(session, item: ChannelResult) -> None:
        """A channel's outcome, and its validators for the next conditional request when it answered."""
        queries.record_channel(session, url=item.url, kind=item.kind, source=item.source, status=item.status,
                               http_status=item.http_status, etag=item.etag, last_modified=item.last_modified,
                               error=item.error, entries=item.entries)

    def count(self, key: str, amount: int = 1) -> None:
        self.counts[f"newswatch/{key}"] += amount

    def record_fetch(self, session, page: Page, outcome: str, reason: str | None, article_id: int) -> None:
        """The page's final outcome, on the article it went to."""
        queries.record_fetch(session, url=page.key, source=page.source, outcome=outcome, reason=reason,
                             http_status=page.http_status, final=True, run_id=self.run_id, article_id=article_id)

    def save_headline(self, session, page: Page) -> None:
        """A matching lead that cannot become a full article: archived with what its channel said, once."""
        domain, key = lead_domain(page), title_key(page.feed_title)
        # dated as an article is, from what there is: its address's day (/drome/2026/02/18/…), its channel's date
        date, date_source = choose_date({"url": url_date(page.key), "feed": page.feed_date,
                                         "sitemap": page.sitemap_date, "sitemap_lastmod": page.sitemap_lastmod},
                                        page.fetched_at)
        existing = leads.find_headline_home(session, [page.key], domain, key, date, at_own_address(page))
        if existing is None:
            existing = leads.insert_headline(
                session, url=asked_url(page), key=page.key, source=page.source, title=headline_title(page),
                text=page.feed_text or page.page_text or page.feed_summary, published=date, date_source=date_source,
                outlet=page.feed_outlet or self.cited_outlet(session, page), domain=domain, title_key=key,
                reason=page.reason, seen_at=page.fetched_at,
                kind=page.kind)
            queries.replace_matches(session, existing, page.matches)
            self.keep_channel_evidence(session, existing, page)
            if page.page_text is not None:  # matched on the page's own words: the page too
                self.keep_evidence(session, existing, page, "first sight")
            self.count(f"source/{page.source}/headlines")
        queries.add_article_urls(session, existing, page_urls(page))
        leads.name_unknown_outlets(session, page_urls(page))  # the outlet an aggregator named, if none is known
        queries.record_fetches(session, [dict(url=page.key, source=page.source, outcome=page.outcome,
                                              reason=page.reason, http_status=page.http_status, final=page.final,
                                              run_id=self.run_id, article_id=existing)],
                               give_up_after=self.retry_runs)
        leads.restate_headline(session, existing, page.key)

    def save_article(self, session, page: Page) -> tuple[str, str | None]:
        """A new article (with its URLs, matches, deadlines, evidence and story), or the page folded into the
        archived article it is (same URL, same text of the same outlet), or the text of a headline record."""
        extracted = page.extracted
        own = [page.key, *([page.via_link] if page.via_link else [])]
        landed = clean_url(page.landed_url)  # its key when the canonical it declares is not believed
        canonical = declared_key(extracted.canonical_url, landed)
        # a concurrent crawler of the same article waits (every URL that may become its key, in one call: in order)
        queries.claim_urls(session, [canonical, *own, landed])
        if canonical not in own:
            canonical = self.believed(session, page, canonical, own, landed)
        urls = {canonical, *page_urls(page)}
        known_by = [canonical, *own]
        archived = queries.archived_as(session, known_by, outlet_domain(canonical), title_key(title_of(page)),
                                       page.published or page.fetched_at, home_of(canonical))
        if archived is not None and archived[1] == "headline":
            return self.complete(session, page, archived[0], canonical, urls)
        if archived is not None:
            return self.fold(session, page, archived[0], urls, f"same URL as article {archived[0]}")
        fp = page.fingerprint  # computed with the extraction, in a worker (None for a document without text)
        twin = dedup.find_copy(session, fp, page.source) if fp is not None else None
        relation = self.relation(session, page, twin) if twin is not None and twin.source == page.source else None
        if relation == "same":
            if twin.is_shorter:  # the archived text was a teaser of this one
                dedup.replace_text(session, twin.article_id, title=title_of(page), text=extracted.text,
                                   fetched_at=page.fetched_at, fp=fp, **text_fields(page))
                queries.replace_matches(session, twin.article_id, page.matches)
            self.count("dedup/folded")
            return self.fold(session, page, twin.article_id, urls,
                             f"{twin.copy.kind} copy of article {twin.article_id} of the same outlet")
        if relation == "other":
            twin = None  # another article of the outlet, on the same template: a story of its own
        story_id, duplicate_of = dedup.join_story(session, twin, title_of(page), page.fetched_at)
        article_id = queries.insert_article(
            session, url=page.landed_url, canonical_url=canonical, source=page.source,
            title=title_of(page), author=extracted.author, published_at=page.published,
            date_source=page.date_source, language=extracted.language, site_name=extracted.site_name,
            text=extracted.text, first_seen=page.fetched_at, fetched_at=page.fetched_at, story_id=story_id,
            duplicate_of=duplicate_of, etag=page.etag, last_modified=page.last_modified, checked_at=page.fetched_at,
            kind=page.kind, **lead_fields(page, canonical, self.cited_outlet(session, page)))
        if fp is not None:
            dedup.index_article(session, article_id, fp)
        if twin is not None:
            self.count(f"dedup/{twin.copy.kind}")
        queries.add_article_urls(session, article_id, urls)
        if not (page.feed_outlet or extracted.site_name):  # an aggregator may have named its outlet (sighted first)
            leads.name_unknown_outlets(session, [canonical])
        queries.add_matches(session, article_id, page.matches)  # a new article: none to replace
        evidence.add_deadlines(session, article_id, page.deadlines)
        self.keep_evidence(session, article_id, page, "first sight")
        self.record_fetch(session, page, "stored", None, article_id)
        self.count(f"source/{page.source}/new")
        return "stored", None

    @staticmethod
    def relation(session, page: Page, twin: dedup.Twin) -> str:
        """What a copy of an article of the same outlet is to it. "same": the archived article itself (folded into
        it), the same text or headline, with no topic the archived one lacks unless this text replaces it (a
        teaser's); "sibling": the same headline naming more (an article of its story); "other": another headline
        (two notices of one template, for two companies), an article and a story of its own. Folded, a sibling
        or another article was lost with its topics."""
        if twin.copy.kind != "exact" and not same_headline(queries.title_key_of(session, twin.article_id),
                                                          title_key(title_of(page))):
            return "other"
        if twin.is_shorter or {m.name for m in page.matches} <= set(search.topics_of(session, [twin.article_id])
                                                                    [twin.article_id]):
            return "same"
        return "sibling"

    @staticmethod
    def believed(session, page: Page, canonical: str, own: list[str], landed: str) -> str:
        """The canonical URL a page declares, unless an archived article of another headline holds it (a theme that
        writes a section's URL into every page: each would be folded into the first) and the page's own URLs do
        not: then the URL it landed on (`landed`, cleaned)."""
        holder = queries.article_by_urls(session, [canonical])
        if holder is None or holder == queries.article_by_urls(session, own):
            return canonical
        if same_headline(queries.title_key_of(session, holder), title_key(title_of(page))):
            return canonical
        return landed

    def complete(self, session, page: Page, article_id: int, canonical: str, urls: set) -> tuple[str, str]:
        """The full text of a headline record: completed in place, every provenance kept."""
        extracted = page.extracted
        leads.complete_headline(
            session, article_id, title=title_of(page), text=extracted.text, fetched_at=page.fetched_at,
            fp=page.fingerprint, url=page.landed_url, canonical_url=canonical, author=extracted.author,
            published_at=page.published, date_source=page.date_source, language=extracted.language,
            site_name=extracted.site_name, etag=page.etag, last_modified=page.last_modified,
            checked_at=page.fetched_at, **lead_fields(page, canonical, self.cited_outlet(session, page)))
        queries.add_article_urls(session, article_id, urls)
        if not (page.feed_outlet or extracted.site_name):
            leads.name_unknown_outlets(session, [canonical])
        queries.replace_matches(session, article_id, page.matches)
        self.keep_evidence(session, article_id, page, "full text: completes the headline record")
        reason = f"completes the headline record {article_id}"
        self.record_fetch(session, page, "stored", reason, article_id)
        self.count("leads/completed")
        return "stored", reason

    def fold(self, session, page: Page, article_id: int, urls: set, reason: str) -> tuple[str, str]:
        """The page is an article already archived: record its URLs on that article."""
        queries.add_article_urls(session, article_id, urls)
        if page.feed_outlet:  # seen through an aggregator
            leads.name_unknown_outlets(session, urls)
        self.record_fetch(session, page, "duplicate", reason, article_id)
        return "duplicate", reason

    def save_recheck(self, session, page: Page) -> None:
        """A re-check of an archived article: when it changed materially, keep the earlier version."""
        if page.outcome is None:
            previous = dedup.current_version(session, page.recheck_of)
            title, text = title_of(page), page.extracted.text
            if is_material_change(previous.title, previous.text, title, text):
                summary = diff_summary(previous.title, previous.text, title, text)
                dedup.record_revision(session, page.recheck_of, previous, seen_at=page.fetched_at, summary=summary)
                dedup.replace_text(session, page.recheck_of, title=title, text=text, fetched_at=page.fetched_at,
                                   fp=page.fingerprint, **text_fields(page))
                queries.replace_matches(session, page.recheck_of, page.matches)
                evidence.replace_deadlines(session, page.recheck_of, page.deadlines)
                page.outcome, page.reason = "revised", summary
                if page.matches or evidence.has_captures(session, page.recheck_of):  # the matching version's evidence
                    self.keep_evidence(session, page.recheck_of, page, summary, always=True)
            else:
                page.outcome = "unchanged"
                if page.reread_scan:  # read again by OCR, no words found: said so, not asked for again
                    dedup.set_text_status(session, page.recheck_of, **text_fields(page))
                if page.matches and not evidence.has_captures(session, page.recheck_of):
                    self.keep_evidence(session, page.recheck_of, page, "first capture (archived before evidence was kept)")
        elif page.reread_scan:  # once: a scan gone from its site is not asked for on every run
            dedup.add_text_note(session, page.recheck_of, f"; {ASKED_AGAIN} on {page.fetched_at:%Y-%m-%d}: "
                                                          f"{page.outcome} ({page.reason})")
        dedup.mark_checked(session, page.recheck_of, page.fetched_at, page.etag, page.last_modified)

    def keep_channel_evidence(self, session, article_id: int, page: Page) -> None:
        """A new headline record's evidence: the feed, sitemap or listing answer that listed it (what the outlet or
        the aggregator published of it). Its bytes are kept (with keep_raw) up to CHANNEL_BODY_KEPT, beyond that
        its hashes only. A URL resumed after an interrupted run carries no channel answer: no capture."""
        raw = page.channel_raw
        if raw is None:
            return
        known = (raw.url, raw.fetched_at)
        if known not in self._channel_bodies:
            if len(self._channel_bodies) >= 8:  # channels are read one after another: the last few suffice
                self._channel_bodies.clear()
            fields = capture_fields(raw, "", "", "", self.keep_raw and len(raw.body) <= CHANNEL_BODY_KEPT)
            self._channel_bodies[known] = {k: fields[k] for k in ("sha256", "size", "codec", "packed")}
        evidence.record_capture(session, article_id, url=raw.url, final_url=raw.final_url, http_status=raw.status,
                                headers=raw.headers, fetched_at=raw.fetched_at,
                                text_sha256=text_sha256(page.feed_title or "", page.feed_summary or ""),
                                change="the channel's answer that listed it", **self._channel_bodies[known])
        self.count("evidence/captures")

    def keep_evidence(self, session, article_id: int, page: Page, change: str, always: bool = False) -> None:
        """The raw response of a matching page (or of a revision of an article that matched), as evidence; of a
        headline record matched on its page's text as it stands, the page with that text. An article read in parts
        has each part's response captured after its first page's, with the same text.

        Pages that match no topic are never kept: a document kept unread (a scan) only has its hash recorded.
        """
        if page.raw is None or not (page.matches or always or page.text_missing):
            return
        keep = self.keep_raw and bool(page.matches or always)
        title, text = ((title_of(page), page.extracted.text) if page.extracted is not None
                       else (headline_title(page), page.page_text or ""))
        evidence.record_capture(session, article_id, **capture_fields(page.raw, title, text, change, keep))
        for number, part in enumerate(page.part_raws, 2):
            evidence.record_capture(session, article_id,
                                    **capture_fields(part, title, text, f"{change}: its page {number}", keep))
        self.count("evidence/captures", 1 + len(page.part_raws))

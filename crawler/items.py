"""The records the spider yields: sightings of URLs, channel outcomes, and article pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from crawler.citations import cited_title, citations
from newswatch.outputs.evidence import RawResponse
from newswatch.text.extraction import Extracted
from newswatch.text.fingerprints import Fingerprint
from newswatch.text.markup import decode_html
from newswatch.text.topics import TopicMatch


@dataclass
class Discovery:
    """An article URL seen in a channel (feed, sitemap, listing page or search feed): provenance."""

    source: str
    channel: str  # "feed", "sitemap", "page", "search" or "documents"
    via: str  # URL of the channel
    url: str  # the URL as the channel gave it
    key: str  # the cleaned URL: the identity used to skip known URLs
    title: str | None = None
    published: datetime | None = None
    summary: str | None = None
    outlet: str | None = None  # the publisher an aggregator names
    outlet_url: str | None = None
    title_key: str | None = None  # normalized title, to meet the same headline in another channel


@dataclass
class Discoveries:
    """Every article URL one response listed, as one item: a sitemap of 2,000 URLs is one trip through the
    pipelines, not 2,000."""

    entries: list[Discovery]


@dataclass
class OldEntries:
    """The URLs (keys) a feed lists dated before max_age_days, left unread: remembered, so that an item it lists
    later for the first time is told from them (crawler.articles.ArticleSpider.listed_late)."""

    via: str  # the feed's URL, as its sightings'
    keys: list[str]


@dataclass
class ChannelResult:
    """The outcome of fetching one channel, with the validators for the next conditional request."""

    source: str
    kind: str
    url: str
    status: str  # "ok", "not_modified" or "error"
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    entries: int = 0


def told(*parts: str | None) -> str:
    """What a channel said of a URL beyond its title, to be matched: the summary, and the full text when the feed
    gave one (a walled page's feed may name what its summary does not); and a page's own text when it could not
    be extracted (`Page.page_text`)."""
    return "\n".join(part for part in parts if part)


@dataclass
class Page:
    """One article page, flowing through prefilter, extraction, matching and storage.

    The spider fills the fetch fields; `outcome` stays None while the page is still a candidate,
    and is set (with `reason`) by whichever step decides its fate: an HTTP error, no topic, no text…
    """

    source: str
    url: str  # the URL requested
    key: str  # cleaned URL
    final_url: str = ""  # after redirects
    body: bytes | None = None  # an HTML page's bytes as received, until extracted: the workers decode them
    parts: list[bytes] = field(default_factory=list)  # an article's later pages (`…/2/`, `?page=1`), until extracted
    charset: str | None = None  # the charset its server or its <meta> declares
    http_status: int | None = None
    feed_title: str | None = None
    feed_summary: str | None = None
    feed_text: str | None = None  # the item's full text, when its feed gives one (content:encoded)
    feed_date: datetime | None = None
    sitemap_date: datetime | None = None  # the news sitemap's publication_date
    sitemap_lastmod: datetime | None = None  # the sitemap's lastmod: when the page last changed
    feed_updated: datetime | None = None  # when its feed item says it last changed (Atom <updated>), if after its date
    feed_outlet: str | None = None  # the publisher an aggregator named for this item
    feed_outlet_url: str | None = None
    via_link: str | None = None  # the aggregator's own link (redirector or Google News id) this URL came from
    fetched_at: datetime | None = None
    outcome: str | None = None
    reason: str | None = None
    final: bool = True  # False when the outcome is worth retrying next run (5xx, timeout)
    extracted: Extracted | None = None
    # what the prefilter's worker task made of a page that may match: its extraction, fingerprint and packed bytes
    # (evidence), or the failure of that extraction; ExtractPipeline takes it over as its own
    premade: tuple[Extracted, Fingerprint | None, bytes | None] | Exception | None = None
    fingerprint: Fingerprint | None = None  # of the extracted text, computed with it
    published: datetime | None = None
    date_source: str | None = None
    matches: list[TopicMatch] = field(default_factory=list)
    etag: str | None = None  # the page's validators, for re-checking it with a conditional request
    last_modified: str | None = None
    recheck_of: int | None = None  # the archived article this fetch re-checks for edits
    reread_scan: bool = False  # the re-check asks for a scan archived unread, to read it by OCR now
    cited_by: str | None = None  # the matching article whose content links this page (its key): what it cites is
    # not followed in turn
    kind: str = "article"  # "document": a PDF, or a notice found through a `documents` listing page
    document: bytes | None = None  # a PDF's bytes, until they are extracted
    raw: RawResponse | None = None  # the response as received: kept as evidence if the page is archived matching
    part_raws: list[RawResponse] = field(default_factory=list)  # its later parts' responses: evidence beside `raw`
    channel_raw: RawResponse | None = None  # the channel's answer that listed it: a headline record's evidence
    feed_cites: tuple[tuple[str, str, str], ...] = ()  # what its feed item's text links (crawler.feeds.FeedEntry.cites)
    quoted: bool = False  # a paywalled article whose subscribers' sentences naming a topic were quoted (match_locked)
    text_missing: str | None = None  # a scan's: why it has no text, or which pages OCR read (newswatch.documents.ocr)
    pages: int | None = None  # a PDF's page count (its text's pages are joined by form feeds)
    deadlines: list[dict] = field(default_factory=list)  # periods and deadlines found in a matching text
    # a page whose extraction failed or ran past its time limit: its title and text as they stand (as_it_stands),
    # matched and kept as a lead's words
    page_title: str | None = None
    page_text: str | None = None

    @property
    def landed_url(self) -> str:
        """Where the page was answered from: its URL after redirects, else the one requested."""
        return self.final_url or self.url

    def decide(self, outcome: str, reason: str, final: bool = True) -> None:
        self.outcome, self.reason, self.final = outcome, reason, final
        self.body = self.document = None  # the page is not needed any more; free it early
        self.parts = []
        if self.page_text is None:  # else its answers are the evidence of its words
            self.raw, self.part_raws = None, []

    def cites(self) -> bool:
        """Whether what it cites is to be recorded and fetched: a matching page that lists documents or articles
        (`Extracted.cited`, `cited_articles`; else what its feed item's text links) and was not itself fetched
        because another cites it (one step)."""
        return bool(self.matches and self.cited_by is None and (self._page_cites() or self.feed_cites))

    def _page_cites(self) -> bool:
        return self.extracted is not None and bool(self.extracted.cited or self.extracted.cited_articles)

    def citations(self) -> Iterator[tuple[str, str, str | None]]:
        """(channel, URL, title) of what it cites (`cites`): its page's links, else its feed item's (a collective's
        post on Mastodon, whose page is an application's with no words: the Dauphiné's article it links)."""
        if self._page_cites():
            yield from citations(self.extracted)
            return
        for channel, url, text in self.feed_cites:
            yield channel, url, cited_title(text, channel)

    def told(self) -> str:
        """What its channel said of it beyond its title, and its own text as it stands if that is all there is, to
        be matched (`told`)."""
        return told(self.feed_summary, self.feed_text, self.page_text)

    def html(self) -> str:
        """The page decoded (`decode_html`): for the few steps of the crawl's own process that read it."""
        return decode_html(self.body or b"", self.charset)

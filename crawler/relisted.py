"""Words that come late: a URL listed again, by another channel of the same crawl or by a later run, with a title,
summary, full text or categories that its first listing did not give (a general sitemap lists URLs bare, a news
sitemap gives titles only, a feed its summary and categories too); and a page its sitemap or feed says changed
since it was judged."""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from crawler.context import reading
from crawler.items import told
from newswatch.text.prefilter import Prefilter
from newswatch.text.topics import Matcher
from store.queries import changed_unrecorded, recorded_urls, unrecorded_urls

WORDS = ("feed_title", "feed_summary", "feed_text")  # what a channel says of a URL, to be matched
LATE = (*WORDS, "feed_date", "feed_outlet", "feed_outlet_url")  # what a later listing adds to a bare one


def words_of(info: dict) -> frozenset[str]:
    """Which of WORDS a listing gives."""
    return frozenset(name for name in WORDS if info.get(name))


def with_words(info: dict, later: dict) -> dict:
    """A listing's info with what a later listing said of the same URL (its own values win), and that listing's
    answer as the evidence of a headline record (it shows the words)."""
    merged = {**info, **{name: later[name] for name in LATE if later.get(name) and not info.get(name)}}
    if later.get("channel_raw") is not None and words_of(later) - words_of(info):
        merged["channel_raw"] = later["channel_raw"]
    return merged


def changed_at(info: dict):
    """When a listing says a page last changed: its sitemap's <lastmod>, its feed item's <updated>."""
    return info.get("sitemap_lastmod") or info.get("feed_updated")


def dated_at(info: dict):
    """The date a listing gives a page's item: its feed's <pubDate> (<published>), its news sitemap's."""
    return info.get("feed_date") or info.get("sitemap_date")


def says_each(found: list[tuple[str, dict]], when=changed_at) -> bool:
    """Whether a listing's dates (`when`) are each a page's: not when they are all alike (a sitemap made on request
    may stamp every URL with the time it was made, a feed every item with the time it was written)."""
    return len(found) == 1 or len({when(info) for _, info in found}) > 1


class RelistSpider(scrapy.Spider):
    """Gives a URL the words a later listing says of it.

    In a crawl: a URL scheduled with fewer words than another channel then gives (a sitemap without titles, a
    news sitemap's title where the feed has a summary and categories) carries them all when its page is built;
    if its page was built before, it is asked for again once the crawl is idle, when the words it lacked make
    a topic match and it was not archived. In a later run: a URL judged without a record is fetched again when
    what its channel says now matches a topic (`second_looks`). Either way its walled page becomes a headline
    record, its open page an article matched with its feed item; the lead was lost. A page whose sitemap or feed
    says it changed since it was judged without a record is fetched again too (`changed_pages`).

    Subclasses provide `context`, `scheduled`, `count` and `article_request(meta, url, key, info)`.
    """

    channel_topics: tuple[Prefilter, Matcher] | None = None  # made when words need matching here

    def init_relists(self) -> None:
        self.wanting: dict[str, frozenset[str]] = {}  # URLs scheduled without all WORDS, page not built: those given
        self.built: dict[str, dict] = {}  # URLs whose page was built wanting some words: the info it was built with
        self.later: dict[str, tuple[dict, str, dict]] = {}  # key -> (meta, url, info): the words later listings gave
        self.crawler.signals.connect(self.relists_idle, signal=signals.spider_idle)

    def scheduled_with(self, key: str, info: dict) -> None:
        """A request for `key` is made with this info."""
        given = words_of(info)
        if len(given) < len(WORDS):
            self.wanting[key] = given

    def listed_again(self, meta: dict, url: str, key: str, info: dict) -> None:
        """A URL already scheduled in this crawl is listed again: kept when it says what the URL's listings did not."""
        given = self.wanting.get(key)
        if given is None and key in self.built:
            given = words_of(self.built[key])
        if given is None or not words_of(info) - given:
            return
        _, _, earlier = self.later.get(key, (None, None, {}))
        self.later[key] = (meta, url, with_words(earlier, info) if earlier else info)

    def page_info(self, key: str, info: dict) -> dict:
        """The info a page of `key` is built with: its request's, plus what later listings said that it lacked."""
        if self.wanting.pop(key, None) is None:
            return info
        later = self.later.pop(key, None)
        if later is None:
            # without the channel's answer, which a later listing that adds words replaces: kept, it would hold
            # every sitemap's body until the crawl ends
            self.built[key] = {name: value for name, value in info.items() if name != "channel_raw"}
            return info
        return with_words(info, later[2])

    def relists_idle(self) -> None:
        """Every channel read: the URLs built before a listing gave the words they lacked are asked for again when
        those words make a topic match and the page was not archived on its own text."""
        late = {key: self.later.pop(key) for key in [k for k in self.later if k in self.built]}
        merged = {key: with_words(self.built.pop(key), info) for key, (_, _, info) in late.items()}
        matching = self.matching(merged)
        if not matching:
            return
        with reading(self.crawler) as session:
            matching -= recorded_urls(session, matching)
        for key in matching:
            meta, url, _ = late[key]
            self.logger.info("%s is listed again with words that match a topic: fetched again", key)
            self.crawler.engine.crawl(self.article_request({"source": meta["source"], "depth_left": 0}, url, key,
                                                           merged[key]))
        if matching:
            raise DontCloseSpider

    def second_looks(self, session, listed: list[tuple[str, dict]]) -> set[str]:
        """Of these URLs known from earlier runs, those to fetch again: judged without a record (no topic, a wall
        with nothing to match…) while their channel now says something that matches a topic. The channel that
        first listed them said less, or their item was rewritten since."""
        said = {key: info for key, info in listed if words_of(info)}
        unrecorded = unrecorded_urls(session, said) if said else set()
        again = self.matching({key: said[key] for key in unrecorded})
        for key in again:
            self.logger.info("%s is listed again, with words that match a topic now: fetched again", key)
        return again

    def changed_pages(self, session, via: str, listed: list[tuple[str, dict]], found: list[tuple[str, dict]],
                      dated: dict[str, datetime]) -> set[str]:
        """Of these URLs known from earlier runs (`listed`, of the listing `via` that gave `found`, with the latest
        date it gives each: `dated`), those to fetch again because their page changed since it was judged without
        a record on its words (no topic, no text). A page updated during the day (a live page, a brief completed)
        may name a topic now: its sitemap's <lastmod> (or its Atom item's <updated>) is later than that fetch. Or
        its item is dated anew, later than that fetch and than the date `via` first gave it: a feed that dates an
        item again when its page is republished at the same address (a live page, a page of the day, a town's news
        page whose items are fragments of it, `/actualites#actu-12`). A date still to come (an event's) says no
        change yet."""
        changed = {key: changed_at(info) for key, info in listed if changed_at(info)} if says_each(found) else {}
        again = changed_unrecorded(session, changed) if changed else set()
        for key in again:
            self.logger.info("%s changed since it was judged (its sitemap says %s): fetched again", key,
                             changed[key].isoformat())
        now = datetime.now(UTC)
        dated = ({key: dated[key] for key, _ in listed if key not in changed and dated.get(key, now) < now}
                 if says_each(found, dated_at) else {})
        redated = changed_unrecorded(session, dated, first_listed_by=via) if dated else set()
        for key in redated:
            self.logger.info("%s is dated anew by %s (%s) since it was judged: fetched again", key, via,
                             dated[key].isoformat())
        return again | redated

    def matching(self, infos: dict[str, dict]) -> set[str]:
        """The URLs whose channel's words (title, summary, full text) match a topic on their own."""
        if not infos:
            return set()
        if self.channel_topics is None:
            topics = self.context.config.topics
            self.channel_topics = (Prefilter(topics), Matcher(topics))
        prefilter, matcher = self.channel_topics
        said = {key: (info.get("feed_title") or "", told(info.get("feed_summary"), info.get("feed_text")))
                for key, info in infos.items()}
        # all at once first: a channel whose items name no topic word costs one test (2.7 ms for 1,900 titles)
        if not prefilter.might_match("", *(part for words in said.values() for part in words)):
            return set()
        return {key for key, words in said.items() if prefilter.might_match("", *words) and matcher.match(*words)}


def listed_date(info: dict) -> datetime | None:
    """The date a channel gave a URL: its feed item's, its news sitemap's, else its sitemap's lastmod."""
    return info.get("feed_date") or info.get("sitemap_date") or info.get("sitemap_lastmod")

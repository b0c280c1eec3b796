"""Words that come late: a URL listed again, by another channel of the same crawl or by a later run, with a title,
summary, full text or categories that its first listing did not give (a general sitemap lists URLs bare)."""

from __future__ import annotations

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from crawler.context import reading
from crawler.items import told
from newswatch.topics import Matcher, Prefilter
from store.queries import recorded_urls, unrecorded_urls

WORDS = ("feed_title", "feed_summary", "feed_text")  # what a channel says of a URL, to be matched
LATE = (*WORDS, "feed_date", "feed_outlet", "feed_outlet_url")  # what a later listing adds to a bare one


def has_words(info: dict) -> bool:
    return any(info.get(name) for name in WORDS)


def with_words(info: dict, later: dict) -> dict:
    """A bare listing's info with what a later listing said of the same URL (its own values win), and that
    listing's answer as the evidence of a headline record (it shows the words)."""
    merged = {**info, **{name: later[name] for name in LATE if later.get(name) and not info.get(name)}}
    if later.get("channel_raw") is not None:
        merged["channel_raw"] = later["channel_raw"]
    return merged


class RelistSpider(scrapy.Spider):
    """Gives a URL the words a later listing says of it.

    In a crawl: a URL scheduled bare (a sitemap without titles) then listed by a feed with a title carries that
    title when its page is built; if its page was built before, it is asked for again once the crawl is idle,
    unless it was archived. In a later run: a URL judged without a record is fetched again when what its channel
    says now matches a topic (`second_looks`). Either way its walled page becomes a headline record, its open
    page an article matched with its feed item; a lead was lost.

    Subclasses provide `context`, `scheduled`, `count` and `article_request(meta, url, key, info)`.
    """

    channel_topics: tuple[Prefilter, Matcher] | None = None  # made when words need matching here

    def init_relists(self) -> None:
        self.bare: set[str] = set()  # URLs scheduled bare whose page is not built yet
        self.built_bare: set[str] = set()  # URLs whose page was built bare
        self.later: dict[str, tuple[dict, str, dict]] = {}  # key -> (meta, url, info) of a later listing with words
        self.crawler.signals.connect(self.relists_idle, signal=signals.spider_idle)

    def scheduled_bare(self, key: str, info: dict) -> None:
        """A request for `key` is made with this info."""
        if not has_words(info):
            self.bare.add(key)

    def listed_again(self, meta: dict, url: str, key: str, info: dict) -> None:
        """A URL already scheduled in this crawl is listed again."""
        if has_words(info) and (key in self.bare or key in self.built_bare) and key not in self.later:
            self.later[key] = (meta, url, info)

    def page_info(self, key: str, info: dict) -> dict:
        """The info a page of `key` is built with: its request's, plus what a later listing said if it was bare."""
        if key not in self.bare:
            return info
        self.bare.discard(key)
        later = self.later.pop(key, None)
        if later is None:
            self.built_bare.add(key)
            return info
        return with_words(info, later[2])

    def relists_idle(self) -> None:
        """Every channel read: the URLs built bare before a listing with words came are asked for again when
        those words match a topic and the page was not archived on its own text."""
        late = {key: self.later.pop(key) for key in [k for k in self.later if k in self.built_bare]}
        matching = self.matching({key: info for key, (_, _, info) in late.items()})
        if not matching:
            return
        with reading(self.crawler) as session:
            matching -= recorded_urls(session, matching)
        for key in matching:
            meta, url, info = late[key]
            self.built_bare.discard(key)
            self.logger.info("%s is listed again with words that match a topic: fetched again", key)
            self.crawler.engine.crawl(self.article_request({"source": meta["source"], "depth_left": 0}, url, key,
                                                           info))
        if matching:
            raise DontCloseSpider

    def second_looks(self, session, listed: list[tuple[str, dict]]) -> set[str]:
        """Of these URLs known from earlier runs, those to fetch again: judged without a record (no topic, a wall
        with nothing to match…) while their channel now says something that matches a topic. The channel that
        first listed them said less, or their item was rewritten since."""
        said = {key: info for key, info in listed if has_words(info)}
        unrecorded = unrecorded_urls(session, said) if said else set()
        again = self.matching({key: said[key] for key in unrecorded})
        for key in again:
            self.logger.info("%s is listed again, with words that match a topic now: fetched again", key)
        return again

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

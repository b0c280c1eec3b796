"""MatchPipeline: evaluate every topic on the extracted title and text."""

from __future__ import annotations

from dataclasses import replace

from crawler.context import crawl_context
from crawler.items import Page
from newswatch.documents.reading import matched_title, with_pages
from newswatch.operations.runs import is_lead_outcome
from newswatch.text.topics import Matcher
from newswatch.text.urls import address_title
from pipelines.records import ADDRESS_TITLED


MIN_TEXT_WORDS = 50  # fewer words than this are no article's text (a menu, a cookie notice, "Accueil")


class MatchPipeline:
    """Attach topic matches; with keep_unmatched = false a new article matching nothing is `no_topic`.

    A page that failed (walled, refused, no text…) is matched on what its channel said: a lead to keep."""

    def __init__(self, matcher: Matcher, keep_unmatched: bool, stats):
        self.matcher, self.keep_unmatched, self.stats = matcher, keep_unmatched, stats

    @classmethod
    def from_crawler(cls, crawler):
        config = crawl_context(crawler).config
        return cls(Matcher(config.topics), config.crawl.keep_unmatched, crawler.stats)

    def process_item(self, item):
        if isinstance(item, Page) and is_lead_outcome(item.outcome) and item.recheck_of is None:
            return self.match_headline(item)
        if not isinstance(item, Page) or item.outcome is not None or item.extracted is None:
            return item
        title = item.extracted.title or item.feed_title or ""
        if item.kind == "document":
            title = matched_title(title, item.feed_title)
        item.matches = self.matcher.match(title, item.extracted.text)
        if item.extracted.locked:
            self.match_locked(item, title)
        if item.extracted.captions:
            self.match_captions(item, title)
        if item.pages:  # a PDF: "p. 14: …le centre de données…"
            item.matches = with_pages(item.extracted.text, item.matches)
        if not item.matches and item.recheck_of is None and not item.text_missing:
            self.match_by_channel(item)
        if item.outcome is not None:  # kept as a headline record: its text did not show what its channel said
            return item
        if item.matches:
            self.stats.inc_value(f"newswatch/source/{item.source}/matched")
        elif item.text_missing and item.recheck_of is None:  # a scan cannot be judged by its text (none, or OCR's,
            # which may misread the very word): kept unmatched
            self.stats.inc_value("newswatch/match/unread_document")
        elif not self.keep_unmatched and item.recheck_of is None:  # an archived article edited out of every
            self.stats.inc_value("newswatch/match/none")                # topic keeps its new text, with no match
            item.decide("no_topic", "the article matches no topic")
        return item

    def match_captions(self, item: Page, title: str) -> None:
        """A page whose pictures' captions name a topic its text does not (the photo of the Ecotox building
        "where Sesterce is installing its data center", under an article on the agglomeration's budget): its
        captions join its text, after it, and it is matched on both. A caption that only takes a topic away
        (a NOT) changes nothing."""
        text = f"{item.extracted.text}\n{item.extracted.captions}"
        matches = self.matcher.match(title, text)
        if {m.name for m in matches} > {m.name for m in item.matches}:
            item.matches, item.extracted = matches, replace(item.extracted, text=text)
            self.stats.inc_value("newswatch/match/by_caption")

    def match_locked(self, item: Page, title: str) -> None:
        """A paywalled article whose free part names no topic while its body, as the page's JSON-LD gives it,
        does (the council meeting's report, whose subscribers' part speaks of Sesterce): the sentences that name
        one (`Matcher.naming`) are quoted after the free part, and it is matched on both. The rest of the body is
        not kept: it is a subscriber's."""
        quoted = self.matcher.naming(title, item.extracted.text, item.extracted.locked)
        text = "\n".join([item.extracted.text, *quoted])
        item.extracted = replace(item.extracted, text=text, locked="")
        if quoted:
            item.matches, item.quoted = self.matcher.match(title, text), True
            self.stats.inc_value("newswatch/match/by_locked_part")

    def match_by_channel(self, item: Page) -> None:
        """A page whose text matches no topic while its own feed item does: the feed item is not lost.

        A text of a few words (a page whose extraction kept only its navigation, a body the HTML does not
        hold) becomes a headline record saying so; a real text is archived matched on it and the feed item
        together (the topic's words may be only in the feed's title, summary or full text)."""
        said = item.told()
        if not (item.feed_title or said):
            return
        told = self.matcher.match(item.feed_title or "", said)
        if not told:
            return
        words = len(item.extracted.text.split())
        if words < MIN_TEXT_WORDS:
            item.decide("no_text", f"the page's text ({words} words) does not show what its feed item says")
            item.matches = told
            self.stats.inc_value("newswatch/match/headline")
        else:
            item.matches = self.matcher.match_together(item.extracted.title or "", item.extracted.text,
                                                       [(item.feed_title, said)])  # told: it matches alone
            self.stats.inc_value("newswatch/match/by_feed_item")

    def match_headline(self, item: Page) -> Page:
        """A page that cannot become a full article: what its channel said (title, summary, the feed's full text)
        is matched instead, with the page's own title and text as they stand if its extraction failed; when
        nothing was said (a sitemap without titles, a link without text), the words of its address
        (`/drome/sesterce-le-permis-attaque`), which then title the record."""
        said = item.told()
        if item.page_text and not item.feed_title:
            item.feed_title = item.page_title  # what the record is titled (else its text's first words)
        if not (item.feed_title or said):
            self.match_address(item)
            return item
        item.matches = self.matcher.match(item.feed_title or "", said)
        if item.matches:
            self.stats.inc_value("newswatch/match/headline")
            if item.page_text:
                item.reason = f"{item.reason} (its text is the page's as it stands, not extracted)"
        elif item.cited_by and not item.page_text:  # a matching article's link: "nos confrères du Dauphiné"
            self.match_address(item)
        return item

    def match_address(self, item: Page) -> None:
        """A headline matched on the words of its address (`/drome/sesterce-le-permis-attaque`), which then title
        the record."""
        if (words := address_title(item.key)) and (matches := self.matcher.match(words, "")):
            item.matches, item.feed_title, item.reason = matches, words, f"{item.reason}{ADDRESS_TITLED}"
            self.stats.inc_value("newswatch/match/headline")

    def close_spider(self):
        self.matcher.close()

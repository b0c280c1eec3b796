"""What a page writes besides its text: every URL it was seen under, its outlet, its text status (pure functions)."""

from __future__ import annotations

import re

from crawler.items import Page
from newswatch.text.aggregators import is_opaque_aggregator_link, outlet_domain, title_key
from newswatch.text.urls import clean_url

ADDRESS_TITLED = " (titled with the words of its address)"  # ends the reason of a headline record titled so


def page_urls(page: Page) -> set[str]:
    """Every URL a page was seen under: asked, landed on, and the aggregator's link that led to it."""
    urls = {page.key, page.url, page.final_url}
    if page.final_url:
        urls.add(clean_url(page.final_url))
    if page.via_link:
        urls |= {page.via_link, clean_url(page.via_link)}
    return {u for u in urls if u}


def asked_url(page: Page) -> str:
    """The URL a lead was asked under (not the consent or challenge page it was sent on to)."""
    return page.url if not page.final_url or clean_url(page.url) == page.key else page.key


def lead_domain(page: Page) -> str | None:
    """The publisher of a lead: the one its aggregator named, else the host of its URL (not an aggregator's)."""
    if page.feed_outlet_url:
        return outlet_domain(page.feed_outlet_url)
    return None if is_opaque_aggregator_link(page.key) else outlet_domain(page.key)


def at_own_address(page: Page) -> bool:
    """Whether a lead is at its outlet's own address: no aggregator named its publisher, redirected to it or holds
    it behind an opaque link (`lead_domain` is then its host)."""
    return not (page.feed_outlet_url or page.via_link or is_opaque_aggregator_link(page.key))


def lead_fields(page: Page, canonical: str, known: str | None = None) -> dict:
    """Outlet (its aggregator's name for it, else its page's, else the `known` one), title key and text status of a
    full article, teaser or scan."""
    return dict(outlet=page.feed_outlet or page.extracted.site_name or known, outlet_domain=outlet_domain(canonical),
                title_key=title_key(title_of(page)), **text_fields(page))


def text_fields(page: Page) -> dict:
    """How much of its text the page gave: text_status (full, teaser, no_text, ocr) and, when not all its own, why."""
    teaser = page.extracted.text_status == "teaser"
    return dict(text_status=page.extracted.text_status, text_missing_reason=page.text_missing or (
        f"subscribers only: the rest is behind the outlet's paywall{QUOTED if page.quoted else ''}" if teaser
        else None))


# the reason's end when the sentences of the subscribers' part that name a topic were quoted (MatchPipeline)
QUOTED = "; its sentences that name a topic (in the page's structured data) are quoted after the free part"


def title_of(page: Page) -> str:
    """The page's own title, else its channel's."""
    return page.extracted.title or page.feed_title or ""


def headline_title(page: Page) -> str:
    """The title of a headline record: its channel's; else, as a Mastodon or Bluesky feed gives none, the opening
    words of what its channel said (the post); else its URL."""
    said = page.feed_summary or page.feed_text  # its first line: the summary's categories, the text's other paragraphs
    return page.feed_title or (opening(said.splitlines()[0]) if said else "") or page.url


_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


def opening(text: str, limit: int = 100) -> str:
    """A text's first sentence (of 40 characters at least: "M. Dupont" is not one), or its first words up to
    `limit` characters, ending in "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    end = next((m.end() for m in _SENTENCE_END.finditer(text, 40, limit)), None)
    if end is not None:
        return text[:end]
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:—–-") + "…"

"""An Atom 1.0 feed of the matched articles (all topics or one), for feed readers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from urllib.parse import quote

from newswatch.outputs.digest import clean, outlet
from store import queries

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _text(value: str | None) -> str:
    return _NOT_XML.sub("", clean(value))


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = _text(text)
    return element


def build_feed(session, topic: str | None = None, limit: int = 100, now: datetime | None = None) -> bytes:
    """The latest matched articles (of `topic`, if given) as an Atom document, newest first."""
    articles = queries.feed_articles(session, topic, limit)
    updated = [getattr(a, "updated_at", None) or a.first_seen for a in articles]
    root = ET.Element("feed", {"xmlns": ATOM})
    _add(root, "id", "urn:newswatch:matches" + (":" + quote(topic, safe="") if topic else ""))
    _add(root, "title", f"newswatch: {topic}" if topic else "newswatch: matched articles")
    _add(root, "updated", rfc3339(max(updated, default=now or datetime.now(UTC))))
    _add(_add(root, "author"), "name", "newswatch")
    _add(root, "generator", "newswatch")
    for article, changed in zip(articles, updated):
        entry = _add(root, "entry")
        _add(entry, "id", _text(article.canonical_url))
        _add(entry, "title", clean(article.title) or "(no title)", type="text")
        url = clean(article.url)
        if url.lower().startswith(("http://", "https://")):
            _add(entry, "link", rel="alternate", href=_text(url))
        _add(entry, "updated", rfc3339(changed))
        if article.published_at:
            _add(entry, "published", rfc3339(article.published_at))
        _add(_add(entry, "author"), "name", clean(article.author) or outlet(article))
        matches = sorted(article.matches, key=lambda m: (m.topic != topic, m.topic))
        for match in matches:
            _add(entry, "category", term=_text(match.topic))
        if matches and matches[0].snippet:
            _add(entry, "summary", matches[0].snippet, type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

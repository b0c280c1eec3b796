"""What aggregator feeds really say: the publisher behind a link, the outlet behind a title, titles that meet."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlsplit

from newswatch.text.urls import is_http

# Redirectors that carry the target in a query parameter: (host suffix, path pattern, parameter names).
_REDIRECTORS = [
    ("bing.com", re.compile(r"/news/apiclick\.aspx$|/ck/a$", re.I), ("url", "u")),
    ("google.com", re.compile(r"^/url$", re.I), ("url", "q")),
    ("news.google.com", re.compile(r"^/url$", re.I), ("url", "q")),
    ("facebook.com", re.compile(r"^/l\.php$", re.I), ("u",)),
    ("t.co", re.compile(r".*"), ()),  # opaque: the target is not in the link
]
# A path that reads as a click redirector on any host (for aggregator feeds we do not name above).
_GENERIC_REDIRECT = re.compile(r"(?:^|/)(?:apiclick\.aspx|click|redirect|redir|out|url|go|r\.php|l\.php)$", re.I)
_TARGET_PARAMS = ("url", "u", "q", "target", "dest", "destination", "redirect", "to", "link")
# Google News article ids since 2024 are opaque: they no longer decode to the publisher's URL.
_OPAQUE = re.compile(r"^/(?:rss/)?(?:articles|read)/[A-Za-z0-9_-]{16,}")
_GOOGLE_ID = re.compile(r"^/(?:rss/)?(?:articles|read)/CBM[A-Za-z0-9_-]+")  # the id's shape, whatever the host
_WORD = re.compile(r"[^\W_]+")
TITLE_MATCH = 0.85  # share of words two normalized titles must have in common to be the same headline


# An AMP cache's copy of a page, which spells the publisher's address in its path: Google's AMP viewer
# (`www.google.com/amp/s/www.ledauphine.com/…`) and the AMP cache (`www-ledauphine-com.cdn.ampproject.org/c/s/…`).
# A link shared from a phone is one; asked there, the page was Google's (its consent wall), not the publisher's.
_AMP_VIEWER = re.compile(r"^/amp/(s/)?([^/?#]+\.[^/?#]+/.*)$", re.I)
_AMP_CACHE = re.compile(r"^/[cv]/(s/)?([^/?#]+\.[^/?#]+/.*)$", re.I)


def unwrap_redirector(url: str) -> str | None:
    """The publisher URL a redirector link carries (Bing's apiclick.aspx?…&url=, google.com/url?q=…), or an AMP
    cache's link spells in its path (`google.com/amp/s/…`, `….cdn.ampproject.org/c/s/…`), else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    amp = (_AMP_CACHE.match(parts.path) if host.endswith(".cdn.ampproject.org")
           else _AMP_VIEWER.match(parts.path) if re.fullmatch(r"(?:www\.)?google\.[a-z.]{2,6}", host) else None)
    if amp is not None:
        query = "&".join(pair for pair in parts.query.split("&")  # the cache's own parameters (`amp_js_v=0.1`) go
                         if pair and not pair.lower().startswith(("amp_", "usqp=", "ampshare=")))
        target = f"{'https' if amp[1] else 'http'}://{amp[2]}" + (f"?{query}" if query else "")
        return target if is_http(target) else None
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    names: tuple[str, ...] = ()
    for suffix, path, keys in _REDIRECTORS:
        if (host == suffix or host.endswith("." + suffix)) and path.search(parts.path):
            names = keys
            break
    else:
        if _GENERIC_REDIRECT.search(parts.path.rstrip("/")):
            names = _TARGET_PARAMS
    for name in names:
        target = params.get(name, "").strip()
        if is_http(target) and urlsplit(target).netloc and urlsplit(target).netloc.lower() != parts.netloc.lower():
            return target
    return None


def is_opaque_aggregator_link(url: str) -> bool:
    """A Google News article link (`…/rss/articles/CBMi…`): it answers a JavaScript page, never the article."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() == "news.google.com":
        return bool(_OPAQUE.match(parts.path))
    return bool(_GOOGLE_ID.match(parts.path))


def split_outlet(title: str | None, outlet: str | None) -> tuple[str | None, str | None]:
    """Split the " - Outlet" suffix of an aggregator title off: (title, outlet).

    With a known outlet (the feed's <source> element) only that suffix is removed; without one, the last
    " - " part is taken as the outlet when it is short (Google News titles always end so).
    """
    if not title:
        return title, outlet
    title = title.strip()
    if outlet:
        for sep in (" - ", " – ", " — ", " | "):
            suffix = sep + outlet.strip()
            if title.lower().endswith(suffix.lower()):
                return title[: -len(suffix)].rstrip(), outlet.strip()
        return title, outlet.strip()
    head, sep, tail = title.rpartition(" - ")
    if sep and head.strip() and 0 < len(tail.split()) <= 6 and len(tail) <= 60:
        return head.rstrip(), tail.strip()
    return title, None


def outlet_domain(url: str | None) -> str | None:
    """The publisher's host as outlets are told apart: lowercase, no "www."/"m."/"amp.", port kept if not default."""
    if not url or not is_http(url):
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
            break
    if not host:
        return None
    default = 80 if parts.scheme.lower() == "http" else 443
    try:
        port = parts.port
    except ValueError:
        port = None
    return host if port in (None, default) else f"{host}:{port}"


def title_key(title: str | None, outlet: str | None = None) -> str | None:
    """A title for comparison: outlet suffix removed, accents and case folded, punctuation gone, words joined by
    single spaces. None when nothing is left."""
    if not title:
        return None
    title, _ = split_outlet(title, outlet) if outlet else (title, None)
    folded = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c)).casefold()
    words = _WORD.findall(folded.replace("œ", "oe").replace("æ", "ae"))
    return " ".join(words) or None


def same_headline(key: str | None, other: str | None) -> bool:
    """Two normalized titles name the same article: equal, or sharing TITLE_MATCH of their words (both ways).

    The threshold lets an outlet add or change a word or two in a long headline, never join two
    short different ones ("Sesterce recrute" / "Sesterce recule" share 1 of 2 words).
    """
    if not key or not other:
        return False
    if key == other:
        return True
    a, b = key.split(), other.split()
    if min(len(a), len(b)) < 4:
        return False
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    return common / len(a) >= TITLE_MATCH and common / len(b) >= TITLE_MATCH

"""URL identity: clean tracking parameters, fragments, default ports and AMP variants; check schemes and hosts."""

from __future__ import annotations

import functools
import hashlib
import re
from urllib.parse import parse_qsl, unquote_plus, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say how a reader came or what to show, never which article: removed from a URL's
# identity. A list of names, not a guess: courlan's own cleaning also removed any name holding "cid", "uid", "eid",
# "ref", "source", "aff", "ga"… (`?cid=412`, `?ref=2026-77`, `?affaire=…`, `?galerie=…`), and any query without
# `=` (SPIP's `spip.php?article412`), so that every article of such a site had the same identity, and only the
# first was ever fetched.
_TRACKERS = re.compile(r"^(?:utm_.*|pk_.*|mtm_.*|matomo_.*|at_.*|itm_.*|hsa_.*|ns_.*|vero_.*|mc_[ce]id|_ga|_gl|"
                       r"fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|igsh|xtor|xts|ocid|"
                       r"cmpid|smid|_hsenc|_hsmi|mkt_tok|ref_src|outputtype|amp|__twitter_impression)$", re.IGNORECASE)
# A name that may hold an id (`ref=2026-77`) or say where the reader came from (`ref=rss`): only the latter goes.
_CHANNEL_NAMES = {"ref", "source", "src", "from", "origin", "via", "origine", "provenance"}
_CHANNEL_VALUES = re.compile(r"^(?:rss|feed|atom|xml|newsletter|nl|email|mail|twitter|x|facebook|fb|linkedin|"
                             r"social|share|partage|hp|home|homepage|accueil|google|gnews|googlenews|flipboard|"
                             r"push|notification|app|amp)$", re.IGNORECASE)


# An ampersand its CMS escaped twice (`?option=com_content&amp;amp;id=77` in a sitemap, `&amp;#038;` in a theme's
# link): read once, `&amp;` is left in the address, and `?option=com_content&amp;id=77` asks for another page.
_ESCAPED_AMPERSAND = re.compile(r"&(?:amp|#0*38|#x0*26);", re.IGNORECASE)


def joined(base: str, href: str) -> str | None:
    """`href` made absolute against `base` (an ampersand escaped twice read as one); None for an address no URL
    parser reads (`http://[url_du_site]/…`, a port out of range): a template's placeholder left in a feed, a
    sitemap or a page, to be left out."""
    href = href.strip()
    if "&" in href:
        href = _ESCAPED_AMPERSAND.sub("&", href)
    try:
        url = urljoin(base, href)
        urlsplit(url).port  # noqa: B018 - read only to be checked: urlsplit checks a port when asked for it
    except ValueError:
        return None
    return url


def rehosted(url: str, via: str) -> str:
    """A listed address on a host no reader reaches, written by a CMS that never knew its own name (Drupal's cron
    writes `http://default/node/12` in its feed and its sitemap; a site set up as `localhost`), on the host of the
    channel that lists it; any other address as it is (a domain, an IP address)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or not host or "." in host or ":" in host:
        return url  # `file://etc/passwd` stays what it is: refused
    channel = urlsplit(via)
    if "." not in (channel.hostname or ""):
        return url
    return urlunsplit((channel.scheme, channel.netloc, parts.path, parts.query, parts.fragment))


def joined_all(base: str, hrefs: list[str]) -> list[str]:
    """Each of `hrefs` made absolute against `base`, in order, those no URL parser reads left out."""
    return [url for url in (joined(base, href) for href in hrefs) if url is not None]


@functools.cache
def _courlan():
    """courlan, imported when a URL is first cleaned: it imports urllib3 (0.1 s of CPU), which a crawl that finds
    nothing new (newswatch/operations/preflight.py) never needs."""
    import courlan

    return courlan


def clean_url(url: str) -> str:
    """The identity of an article URL: lowercase host, no default port, tracker or fragment, AMP mapped away."""
    url = url.strip()
    if not is_http(url):
        return url  # file:, ftp:, mailto:… are refused, never fetched: keep them as given
    raw = urlsplit(url)
    try:  # courlan normalizes all but the query (its cleaning of the query removes too much, see _TRACKERS)
        normalized = _courlan().normalize_url(urlunsplit((raw.scheme, raw.netloc, raw.path, "", "")), strict=False)
    except (ValueError, TypeError):
        normalized = url
    parts = urlsplit(normalized)
    host = parts.hostname or ""
    if host.startswith("amp."):
        host = host[4:]
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    netloc = host if parts.port in (None, 80 if parts.scheme == "http" else 443) else f"{host}:{parts.port}"
    path = re.sub(r"/amp/?$", "/", parts.path) or "/"
    path = re.sub(r"\.amp(\.html?)?$", r"\1", path) if not path.endswith("/") else path
    return urlunsplit((parts.scheme.lower(), netloc, path, clean_query(raw.query), ""))


# A feed's item that links no page of its own (no link at all, or the page all the feed's items link: a town hall's
# news page, a podcast's show) is known by an address of newswatch's making: that page's, or the feed's site's,
# with a fragment naming the item. Its identity keeps that fragment; nothing is ever fetched at it.
ITEM_MARK = "#newswatch-item-"


def item_address(page: str, identity: str) -> str:
    """The address of a feed's item that has no page of its own: `page` (where it is shown) with a fragment made
    of the item's `identity` (its id, else its words), the same on every read of the feed."""
    digest = hashlib.sha1(identity.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{page.split('#', 1)[0]}{ITEM_MARK}{digest}"


def is_item_address(url: str) -> bool:
    """Whether an address is a feed item's of newswatch's making (`item_address`): no page to fetch."""
    return ITEM_MARK in url


def listed_key(url: str) -> str:
    """The identity of an address a channel lists: `clean_url`'s, with a feed item's own fragment kept."""
    key = clean_url(url)
    return f"{key}{url[url.index(ITEM_MARK):]}" if is_item_address(url) else key


def clean_query(query: str) -> str:
    """A query without its trackers, its parameters sorted by name (each name's values in their order).

    A `name=value` is written as urlencode writes it; a part without `=` (`article412`) is kept as it is.
    """
    kept = []
    for part in query.split("&"):
        if not part:
            continue
        if "=" not in part:
            name, written = unquote_plus(part), part
        else:
            [(name, value)] = parse_qsl(part, keep_blank_values=True) or [("", "")]
            written = urlencode([(name, value)])
            if name.lower() in _CHANNEL_NAMES and _CHANNEL_VALUES.match(value):
                continue
        if not _TRACKERS.match(name):
            kept.append((name, written))
    return "&".join(written for _, written in sorted(kept, key=lambda pair: pair[0]))


def declared_key(declared: str | None, page_url: str) -> str:
    """The identity an article's page gives itself: the canonical URL it declares (rel=canonical, else og:url),
    cleaned, else its own URL's. A site's home page, declared by a page that is not it, names no article (a theme
    writes it into every page): the page's own URL then."""
    own = clean_url(page_url)
    if not declared:
        return own
    canonical = clean_url(declared)
    home = urlsplit(canonical)
    if home.path in ("", "/") and not home.query and urlsplit(own).path not in ("", "/"):
        return own
    return canonical


_SLUG_SEGMENT = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+){2,}")  # lowercase words joined by - or _: three or more
_SLUG_NOISE = re.compile(r"\d{4,}|[a-z]\d{5,}|amp|html?|php|aspx?")  # ids, a date's year, `amp`, extensions


def slug_words(url: str) -> str | None:
    """The headline a URL's path spells (`/drome/2026/12/03/sesterce-le-permis-attaque-4821733.html`: "sesterce le
    permis attaque"): its longest segment of three words or more, lowercase, joined by hyphens or underscores,
    without ids, dates and extensions; None when it spells none (`/spip.php?article412`, an aggregator's id)."""
    try:
        path = unquote_plus(urlsplit(url).path)
    except ValueError:
        return None
    best: list[str] = []
    for segment in path.replace(".", "-").split("/"):
        if not _SLUG_SEGMENT.fullmatch(segment):
            continue
        tokens = [token for token in re.split(r"[-_]", segment) if not _SLUG_NOISE.fullmatch(token)]
        while tokens and tokens[0].isdigit():  # the day and month of a date written before the words
            tokens.pop(0)
        if sum(token.isalpha() for token in tokens) >= 3 and len(" ".join(tokens)) > len(" ".join(best)):
            best = tokens
    return " ".join(best) or None


def address_title(url: str) -> str | None:
    """A title made of the words a URL's path spells (`slug_words`), for a lead nothing else titles: "Sesterce le
    permis attaque"."""
    words = slug_words(url)
    return words[0].upper() + words[1:] if words else None


def is_http(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https")


def same_site(url: str, other: str) -> bool:
    """Same host and port, ignoring a leading www."""
    a, b = urlsplit(url), urlsplit(other)
    return _site(a) == _site(b)


def _site(parts) -> tuple[str, int | None]:
    host = (parts.hostname or "").removeprefix("www.")
    return host, parts.port


_ADDRESS = re.compile(r"\b(?:https?://|www\.)[^\s<>\"«»]+", re.IGNORECASE)
_ENDS_SENTENCE = ".,;:!?)]}'’\""
# What may go on an address cut at a line's end: the next line's first word, when it reads as more of an address
_MORE_ADDRESS = re.compile(r"[ \t]*\r?\n[ \t]*([\w\-./?=&%#~+]+)")
_CUT_AFTER = ("-", "_", "=", "&")  # an address never ends so: the next line goes on with it
_PATH_SIGNS = re.compile(r"[/\-_.=\d]")


def written_addresses(text: str) -> list[str]:
    """The web addresses a text writes out ("dossier consultable sur www.drome.gouv.fr/…", `http://` put before a
    bare `www.`), in order, without the punctuation that ends their sentence; an address a line's end cuts is joined
    to the next line's first word when that reads as more of it: after a character no address ends with (`-`, `_`,
    `=`, `&`), or after a `/` when that word holds a path's signs (`ICPE/Alixan-Sesterce`), not a sentence's
    first word."""
    found = []
    for match in _ADDRESS.finditer(text):
        address = match[0]
        if address.endswith(_CUT_AFTER + ("/",)) and (more := _MORE_ADDRESS.match(text, match.end())) and (
                address.endswith(_CUT_AFTER) or _PATH_SIGNS.search(more[1])):
            address += more[1]
        address = address.rstrip(_ENDS_SENTENCE)
        found.append(address if address[:4].lower() == "http" else f"http://{address}")
    return found

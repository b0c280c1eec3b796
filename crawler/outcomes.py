"""Name what went wrong with a request: an outcome, a reason a person understands, and whether to retry."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError,
                               DownloadFailedError, DownloadTimeoutError, IgnoreRequest, ResponseDataLossError,
                               UnsupportedURLSchemeError)
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.links import looks_like_article
from crawler.middlewares import RefusedRequest
from crawler.resolver import refusal
from newswatch.text.urls import clean_url, same_site
from newswatch.text.walls import Wall, detect_wall


@dataclass(frozen=True)
class Outcome:
    outcome: str
    reason: str
    final: bool  # False: transient, try again next run
    http_status: int | None = None


def response_wall(response) -> Wall | None:
    """The wall (bot challenge, consent page, rate limit) a response is, if any (newswatch.text.walls)."""
    headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
    original = response.request.meta.get("redirect_urls", [response.request.url])[0] if response.request else response.url
    return detect_wall(response.status, headers, response.body, original, response.url)


_HOME_PATHS = re.compile(r"/?(?:(?:[a-z]{2}(?:[-_][a-z]{2})?/?)?(?:index\.\w+)?)?", re.I)  # /, /fr/, /index.php


def redirected_home(asked: str, landed: str) -> Outcome | None:
    """An article that redirected to a site's home page, or to a section above it (`/drome/x` to `/drome/`): removed,
    or not public yet (a soft 404). Its text was that page's, and its title made every such article of the outlet
    the same one. Asked again on the next runs, until retry_runs: the page may come."""
    asked_path, landed_path = urlsplit(asked).path, urlsplit(landed).path
    if landed == asked or not asked_path.strip("/"):
        return None
    if _HOME_PATHS.fullmatch(landed_path):
        where = "the home page"
    elif (same_site(asked, landed) and landed_path.endswith("/") and asked_path.startswith(landed_path)
          and asked_path.rstrip("/") != landed_path.rstrip("/") and not looks_like_article(clean_url(landed))):
        where = "the section"
    else:
        return None
    return Outcome("soft_404", f"redirected to {where} {landed[:200]}: the article is gone, or not public yet",
                   final=False, http_status=200)


# What a site's "not found" page is titled, when it answers 200 rather than 404
_NOT_FOUND = re.compile(r"\b(?:error|erreur)\s*:?\s*404\b|^\W*404\W*$|^\W*404\W+(?:page|not\s+found|introuvable)|"
                        r"\b(?:page|article|contenu|content)s?\s+(?:introuvable|non\s+trouv[ée]e?|inexistante?|"
                        r"indisponible|not\s+found|unavailable|supprim[ée]e?)s?\b|"
                        r"^\W*not\s+found\b|cette\s+page\s+n.existe\s+(?:pas|plus)|"
                        r"this\s+page\s+(?:does\s+not|doesn.t)\s+exist|"
                        r"^\W*(?:oups|oops)\b.*\b(?:page|introuvable|not\s+found|404)", re.I)
NOT_FOUND_WORDS = 8  # a longer title is an article's, whatever it says


def says_not_found(title: str | None) -> Outcome | None:
    """A page answered 200 whose title says it is not found ("Page introuvable", "Erreur 404"): a soft 404. Its
    text was the error page's, and two such pages of an outlet were the same article. Asked again on the next
    runs, until retry_runs: the page may come."""
    if not title or len(title.split()) > NOT_FOUND_WORDS or not _NOT_FOUND.search(title):
        return None
    return Outcome("soft_404", f"the page says it is not found ({title[:100]!r}): the article is gone, or not "
                   "public yet", final=False, http_status=200)


# A feed often lists a page before it is online (a scheduled post, a cache, an item corrected): a 404 of an item
# its channel dated this recently is asked again on the next runs, until retry_runs or until it is this old
NOT_ONLINE_YET = timedelta(days=2)


def not_online_yet(outcome: Outcome, listed: datetime | None, now: datetime) -> Outcome:
    """A 404 of a URL its channel dated within NOT_ONLINE_YET (or up to a day ahead: a scheduled post) is not
    final: the page may come. `listed`: the item's date in its feed or sitemap. A 410 (gone) stays final."""
    if outcome.http_status != 404 or outcome.outcome != "http_error" or listed is None:
        return outcome
    age = now - listed
    if not -timedelta(days=1) <= age <= NOT_ONLINE_YET:
        return outcome
    hours = max(int(age.total_seconds() // 3600), 0)
    when = "dated ahead" if age < timedelta(0) else "less than an hour old" if hours < 1 else f"{hours} h old"
    return replace(outcome, reason=f"{outcome.reason}: its item is {when}, the page may not be online yet",
                   final=False)


# What urllib says of an address it cannot read: it will not read better on the next run
_UNREADABLE_ADDRESS = re.compile(r"^Port (?:out of range|could not be cast)|^Invalid IPv6 URL|"
                                 r"does not appear to be an IPv4 or IPv6 address")


def classify_failure(exc: BaseException, url: str | None = None) -> Outcome:
    """Map an errback's exception (for a request to `url`) to an outcome recorded for the URL."""
    if isinstance(exc, HttpError):
        status = exc.response.status
        location = (exc.response.headers.get("Location") or b"").decode("latin-1")
        if 300 <= status < 400 and location:  # Scrapy follows http(s) redirects only
            return Outcome("refused", f"HTTP {status}: redirect to {location[:200]!r} not followed (not http(s))",
                           final=True, http_status=status)
        if wall := response_wall(exc.response):
            return Outcome(wall.outcome, wall.reason, final=wall.final, http_status=status)
        transient = status >= 500 or status == 408  # a 429 is a wall (rate_limited) and returned above
        return Outcome("http_error", f"HTTP {status}", final=not transient, http_status=status)
    if isinstance(exc, RefusedRequest):
        return Outcome("refused", str(exc), final=True)
    if isinstance(exc, CannotResolveHostError) and url and (reason := refusal(urlsplit(url).hostname)):
        return Outcome("refused", reason, final=True)
    if isinstance(exc, IgnoreRequest):
        text = str(exc) or type(exc).__name__
        if "robots.txt" in text:
            return Outcome("robots", "disallowed by robots.txt", final=True)
        if "DOWNLOAD_MAXSIZE" in text:  # HttpCompressionMiddleware: the body inflates past the cap (gzip bomb)
            return Outcome("too_large", "inflates past the size limit (max_page_bytes) when decompressed", final=True)
        if "redirect" in text.lower():
            return Outcome("redirect_loop", text, final=True)
        return Outcome("ignored", text, final=True)
    if isinstance(exc, DownloadCancelledError):  # only the size cap cancels downloads (timeouts have their own error)
        return Outcome("too_large", "larger than the size limit (max_page_bytes)", final=True)
    if isinstance(exc, (DownloadTimeoutError, TimeoutError)) or "TimeoutError" in type(exc).__name__:
        return Outcome("timeout", "no complete answer within timeout_seconds", final=False)
    if isinstance(exc, UnsupportedURLSchemeError):
        return Outcome("refused", "unsupported URL scheme", final=True)
    if isinstance(exc, ValueError) and _UNREADABLE_ADDRESS.search(str(exc)):  # a redirect to `http://[url]/…`
        return Outcome("refused", f"an address no URL parser reads ({exc})"[:300], final=True)
    for kind, meaning in _NETWORK:
        if isinstance(exc, kind):
            said = str(exc)  # Twisted's "Connection was refused by other side: 111: …" only says the meaning again
            detail = said and meaning.removeprefix("the ").lower() not in said.lower()
            return Outcome("network", f"{meaning}: {said}"[:300] if detail else meaning, final=False)
    return Outcome("network", f"{type(exc).__name__}: {exc}"[:300] if str(exc) else type(exc).__name__, final=False)


_NETWORK = [
    (CannotResolveHostError, "the host name does not resolve"),
    (DownloadConnectionRefusedError, "the connection was refused"),
    (ResponseDataLossError, "the connection broke before the whole answer arrived"),
    (DownloadFailedError, "the download failed"),
    (ConnectionError, "the connection failed"),
]


def answer_wall(response) -> Outcome | None:
    """The wall (`response_wall`) a 200 answer is, read only where one may be: challenge and consent pages are
    small, or sit on another host than the one asked, and login pages are reached by a redirect."""
    may_be = response.status == 200 and ("redirect_urls" in response.request.meta or len(response.body) < 32768)
    return response_wall(response) if may_be else None

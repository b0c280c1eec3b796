"""Downloader middlewares: keep the crawler on the public web; follow meta refreshes without decoding every page,
and the refresh a header or a small redirect page's script gives; carry a redirect's cookies along its chain."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse

from crawler.stopping import StopRequested, stopping
from newswatch.text.hosts import request_refusal


_REFRESH = re.compile(r"""\s*(\d+(?:\.\d+)?)\s*[;,]\s*url\s*=\s*['"]?([^'"\s]+)""", re.IGNORECASE)


# A redirect page's script: `[window.|document.|top.|self.]location[.href] = "…"`, `location.replace|assign("…")`
_SCRIPT_LOCATION = re.compile(
    rb"""(?:\b(?:window|document|top|self)\.)?\blocation(?:\.href)?\s*=\s*(["'])([^"'<>\s]+)\1"""
    rb"""|\blocation\.(?:replace|assign)\(\s*(["'])([^"'<>\s]+)\3\s*\)""")
# What a page runs when it loads: its scripts, its <body onload="…">; not what it runs when a card is clicked
_RUN_ON_LOAD = re.compile(rb"""<script\b[^>]*>(.*?)</script\s*>|\bonload\s*=\s*(["'])(.*?)\2""",
                          re.IGNORECASE | re.DOTALL)
# what is not text a reader reads: scripts, styles, tags, comments, spaces
_VISIBLE_NOISE = re.compile(rb"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>|\s+|&nbsp;",
                            re.IGNORECASE | re.DOTALL)
SCRIPT_PAGE = 4096  # a page larger than this is no redirect page, whatever its scripts do
SCRIPT_PAGE_TEXT = 200  # bytes of text a redirect page may show ("Redirection en cours…", a link to follow)


class RefusedRequest(IgnoreRequest):
    """A request newswatch will not send, with the reason."""


class SafetyMiddleware:
    """Refuse non-http(s) schemes and loopback/private/link-local hosts unless `allow_hosts` lists them,
    and every request once the crawl is stopping."""

    def __init__(self, allow_hosts: list[str], crawler=None):
        self.allow_hosts = {h.lower() for h in allow_hosts}
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        config = crawler.settings.get("NEWSWATCH")
        return cls(config.crawl.allow_hosts if config else [], crawler)

    def process_request(self, request):
        if self.crawler is not None and stopping(self.crawler):
            raise StopRequested("the crawl is stopping")
        refusal = request_refusal(request.url, self.allow_hosts)
        if refusal is not None:
            raise RefusedRequest(refusal)
        return None


class CheapMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects, without decoding every page in full to look for one.

    Scrapy looks for the refresh in the first 4,096 characters of the decoded page, which in an
    ASCII-compatible encoding are at most 16 KB of bytes where the word is plain ASCII. A page whose
    first 16 KB hold no NUL byte (UTF-16 and UTF-32 have them) and no "refresh" in any case cannot
    have one, and is passed on as it is; any other page goes through Scrapy's own check. A `Refresh` header
    (`refresh_header`) and a small redirect page's script (`script_redirect`) are followed the same way.
    """

    WINDOW = 4096 * 4

    def process_response(self, request, response):
        if b"Refresh" in response.headers:  # the same, sent as a header: a CMS's redirect page, an old IIS
            redirected = self.refresh_header(request, response)
            if redirected is not None:
                return redirected
        answered = response
        if isinstance(response, HtmlResponse):
            head = response.body[:self.WINDOW]
            if b"\0" in head or b"refresh" in head.lower():
                answered = super().process_response(request, response)
            if answered is response:
                return self.script_redirect(request, response) or response
        return answered

    def refresh_header(self, request, response):
        """The request a `Refresh: 0; url=…` header sends the page to (within METAREFRESH_MAXDELAY), else None: a
        page that says so in its header, with an empty body, was `no_text`, and the article it pointed to lost."""
        found = _REFRESH.match(response.headers.get(b"Refresh").decode("latin-1"))
        if (found is None or request.meta.get("dont_redirect", False) or request.method == "HEAD"
                or float(found.group(1)) >= self._maxdelay):
            return None
        return self._follow(request, response, found.group(2), "refresh header")

    def script_redirect(self, request, response):
        """The request a redirect page's script sends the reader to, else None: a page of at most SCRIPT_PAGE bytes,
        with next to nothing to read, whose script (or `<body onload>`) sets its location to an address written out
        (`window.location.href = "…"`, `location.replace("…")`). A town's CMS answers a news item's address so;
        the page was `no_text`, and the notice it pointed to lost. Nothing else of a script is run or read; a
        card's `onclick` is no redirect (a small news page whose cards open their articles so was one)."""
        body = response.body
        if (response.status != 200 or len(body) > SCRIPT_PAGE or b"location" not in body
                or request.meta.get("dont_redirect", False) or request.method == "HEAD"):  # a wall's page: not 200
            return None
        code = b"\n".join(m.group(1) or m.group(3) for m in _RUN_ON_LOAD.finditer(body))  # not a click's handler
        found = _SCRIPT_LOCATION.search(code)
        if found is None or len(_VISIBLE_NOISE.sub(b"", body)) > SCRIPT_PAGE_TEXT:
            return None
        return self._follow(request, response, (found.group(2) or found.group(4)).decode("latin-1"), "script redirect")

    def _follow(self, request, response, address: str, reason: str):
        """The redirect to `address` (relative to the page), through Scrapy's own (its chain's limit, its loop
        check), as a meta refresh is; None for an address that is no web page's (`javascript:…`)."""
        target = urljoin(response.url, address)
        if urlsplit(target).scheme not in ("http", "https"):
            return None
        return self._redirect(self._redirect_request_using_get(request, response, target), request, reason)


class RedirectCookiesMiddleware:
    """A cookie a redirect sets is sent with the requests that redirect leads to, on the same host, along that
    chain only.

    A crawl keeps no cookies (COOKIES_ENABLED is off: no session, no tracking from one page to the next). But
    some sites answer a visitor without a cookie with a redirect that sets one and checks it (a cookie check,
    ASP.NET's `AspxAutoDetectCookieSupport`): without it the redirect came back until `redirect_loop`, and the
    article was lost. A browser sends it back by default; a bot wall's cookie comes from its script, not from
    a redirect, and is not this. Sits after Scrapy's RedirectMiddleware (600), so that it sees the 3xx first.
    """

    REDIRECTS = (301, 302, 303, 307, 308)

    def process_response(self, request, response):
        if response.status in self.REDIRECTS and (given := response.headers.getlist(b"Set-Cookie")):
            host = urlsplit(response.url).hostname or ""
            jar = {name: dict(cookies) for name, cookies in request.meta.get("redirect_cookies", {}).items()}
            for header in given:
                name, sep, value = header.split(b";", 1)[0].partition(b"=")
                if sep and name.strip():
                    jar.setdefault(host, {})[name.strip().decode("latin-1")] = value.strip().decode("latin-1")
            request.meta["redirect_cookies"] = jar  # the redirect's request is made from this one: it copies them
        return response

    def process_request(self, request):
        jar = request.meta.get("redirect_cookies")  # most requests: none, and nothing to parse
        if jar and (cookies := jar.get(urlsplit(request.url).hostname or "")):
            request.headers[b"Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        return None

"""An article split over several pages: where its next part is, read in the page's bytes (the crawl's own process
parses no article page), and the requests that read its parts before the article goes on."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy

from crawler.channels import raw_answer
from crawler.items import Page
from crawler.outcomes import answer_wall, classify_failure
from crawler.stopping import StopRequested
from newswatch.text.markup import looks_like_html
from newswatch.text.urls import joined

MAX_PARTS = 10  # pages of one article read at most: a pager that never ends is no article's
_ENDS = re.compile(rb"""["'\s<>]""")  # what ends an attribute's value, quoted or not
_NAMED = re.compile(r"^[A-Za-z][\w:-]*=")  # an unquoted value read with its attribute's name (`href=/a/2/`)
_QUERY_NEEDLE = "page="  # what an address of a part numbered in its query holds (`?page=2`, `?p=4521&page=2`)


def part_addresses(first_url: str, number: int, previous: str | None = None) -> dict[tuple, str]:
    """The addresses CMSs give part `number` (2, 3…) of the article whose first page is `first_url`, as `_same`
    reads them, each with what its address must hold (what `next_part` looks for): for part 2, WordPress's
    `/slug/2/`, a number as a last path segment (`/slug/2`), `?page=2` (Drupal counts from 0: `?page=1`), or
    that query added to an unrewritten address (`?p=4521&page=2`); for a later part, the address of the
    `previous` part with its number one more. (`?paged=2` is WordPress's page of a listing, never of a post.)"""
    parts = urlsplit(first_url)
    path = parts.path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    if previous is None:
        numbers, in_path = (number - 1, number), bool(path)
    else:
        before = dict(parse_qsl(urlsplit(previous).query)).get("page", "")
        in_path = _same(previous)[2] == f"{path}/{number - 1}"
        numbers = (int(before) + 1,) if before.isdigit() and not in_path else ()
    found = {_same(urlunsplit((parts.scheme, parts.netloc, f"{path}/{number}", parts.query, ""))):
             _path_needle(path, number)} if in_path else {}
    for value in numbers:  # one needle for them all: a find costs 0.2 ms in a 230 KB page, however short
        address = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode([*query, ("page", value)]), ""))
        found[_same(address)] = _QUERY_NEEDLE
    return found


def _path_needle(path: str, number: int) -> str:
    """What the address of part `number` numbered in its path holds: the last segment of `path`, then the number."""
    return f"{path.rsplit('/', 1)[-1]}/{number}"


def _second_part_needles(first_url: str) -> tuple[bytes, ...]:
    """What the addresses `part_addresses` gives part 2 hold, as `next_part` looks for them: the last path segment
    followed by `/2`, and `page=`."""
    path = urlsplit(first_url).path.rstrip("/")
    needles = [_path_needle(path, 2)] if path else []
    return tuple(needle.encode() for needle in [*needles, _QUERY_NEEDLE])


def _same(url: str) -> tuple:
    """What two addresses of one page share: scheme, host, path without its last slash, query in any order."""
    parts = urlsplit(url)
    return (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"),
            tuple(sorted(parse_qsl(parts.query, keep_blank_values=True))))


def next_part(body: bytes, page_url: str, first_url: str, number: int) -> str | None:
    """The address of part `number` of the article whose first page is `first_url`, when the page at `page_url`
    (its part `number - 1`, `body` its bytes) links it: any attribute value whose address is one CMSs give that
    part (`part_addresses`, the first of them it links): a pager's "2", a `<link rel="next">`. None otherwise,
    and past MAX_PARTS: another article's address (a "next article" link) is never one.

    Read in the bytes, not parsed: only the values around the places that hold what the part's address must hold
    are read (two finds in a 230 KB page, 0.3 ms)."""
    if number > MAX_PARTS:
        return None
    if number == 2 and not any(needle in body for needle in _second_part_needles(first_url)):
        return None  # every article page asks: most link no part, and the addresses cost more than the finds
    wanted = part_addresses(first_url, number, None if number == 2 else page_url)
    linked: dict[tuple, str] = {}
    for needle in dict.fromkeys(wanted.values()):
        at = body.find(needle.encode())
        while at != -1:
            line = max(body.rfind(b"\n", 0, at) + 1, at - 2048)  # a value is on one line, and not that long
            start = max((m.end() for m in _ENDS.finditer(body, line, at)), default=line)
            end = found.start() if (found := _ENDS.search(body, at)) else len(body)
            value = html.unescape(body[start:end].decode("utf-8", errors="replace"))
            for href in (value, _NAMED.sub("", value)):
                if (url := joined(page_url, href)) is not None and (key := _same(url.split("#")[0])) in wanted:
                    linked.setdefault(key, url.split("#")[0])
            at = body.find(needle.encode(), at + 1)
    return next((linked[key] for key in wanted if key in linked), None)


class PartSpider(scrapy.Spider):
    """Reads the later parts of an article split over pages (`next_part`) into its Page (`parts`), which goes on
    once they are read: its text is theirs too (newswatch.operations.workers.extract_and_fingerprint), so a topic
    named on its second page only is not lost. A part that is no page of it (a wall's, not HTML, a redirect to a
    page read: a stale pager's) or that fails ends the reading there; the article goes on with the parts read."""

    def part_request(self, page: Page, url: str, number: int, read: tuple[str, ...] = ()) -> scrapy.Request:
        """Part `number` of an article split over pages (crawler/parts.py): the page waits for its parts. `read`:
        the addresses of its parts read before this one (its first page's too)."""
        return scrapy.Request(url, callback=self.parse_part, errback=self.part_failed, dont_filter=True, priority=2,
                              meta={"page": page, "number": number, "source": page.source,
                                    "read": read or (page.landed_url,)})

    def parse_part(self, response):
        page, number, read = response.meta["page"], response.meta["number"], response.meta["read"]
        first = page.landed_url
        if (answer_wall(response) is not None or not looks_like_html(response.body)
                or _same(response.url) in {_same(url) for url in read}):  # a wall, or a redirect to a page read
            self.logger.info("%s: %s: part %d (%s) is no page of the article: read without it", page.source, first,
                             number, response.url)
        else:
            page.parts.append(response.body)
            page.part_raws.append(raw_answer(response))  # the same bytes: evidence if it matches
            if part := next_part(response.body, response.url, first, number + 1):
                yield self.part_request(page, part, number + 1, (*read, response.url))
                return
        self.logger.info("%s: %s is an article in %d pages: read whole", page.source, first, len(page.parts) + 1)
        yield page

    def part_failed(self, failure):
        if failure.check(StopRequested):  # no outcome: the next run fetches the article again
            return
        page, number = failure.request.meta["page"], failure.request.meta["number"]
        self.logger.info("%s: %s: part %d (%s) could not be read (%s): read with %d of its pages", page.source,
                         page.landed_url, number, failure.request.url,
                         classify_failure(failure.value, failure.request.url).reason, len(page.parts) + 1)
        yield page

"""Publication dates: parse W3C dates, read the date a URL carries, choose among every candidate in order of trust."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from newswatch.text.folding import fold

# Candidates, most trusted first; `python -m bench quality` prints how often each one is right on our evaluation
# pages, which is what this order follows:
# - page, jsonld: the page's own metadata of the *published* kind (article:published_time, itemprop or JSON-LD
#   datePublished): right whenever present;
# - url: /2025/03/13/ in the article's own URL;
# - feed, sitemap: the feed entry's date, the news sitemap's publication_date (a feed may carry an update time);
# - htmldate: htmldate's search with original dates preferred, run without the page's generic date metas;
# - page_meta: generic metas (date, dc.date, pubdate…): site-wide dates, copyright years, import times;
# - sitemap_lastmod, modified: modification dates, a last resort before the first-seen time.
# - document: a PDF's creation date (its metadata); document_text: the first full date of its first page.
ORDER = ("page", "jsonld", "document", "url", "feed", "sitemap", "htmldate", "document_text", "page_meta",
         "sitemap_lastmod", "modified")
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def parse_w3c_date(value: str | None) -> datetime | None:
    """Parse a W3C/ISO 8601 date or datetime; date-only values are midnight UTC; naive times are UTC."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def url_date(url: str | None) -> datetime | None:
    """The day a URL's path spells (/2025/03/13/, /2025-03-13-, /20250313/), as midnight UTC; None if none."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.IGNORECASE).split("?")[0]
    match = _URL_DATE.search(path)
    if not match:
        return None
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def plausible(value: datetime | None, now: datetime) -> bool:
    """A date newswatch believes: after 1995 and not more than a day in the future."""
    return value is not None and EARLIEST <= value <= now + timedelta(days=1)


def needs_search(candidates: dict[str, datetime | None], now: datetime) -> bool:
    """True when no candidate ranked above htmldate is plausible: only then is htmldate's search worth its time."""
    return not any(plausible(candidates.get(name), now) for name in ORDER[:ORDER.index("htmldate")])


def best_date(candidates: dict[str, datetime | None], now: datetime) -> tuple[datetime, str] | tuple[None, None]:
    """The first plausible candidate in ORDER, with its name; (None, None) when there is none."""
    for name in ORDER:
        if plausible(candidates.get(name), now):
            return candidates[name], name
    return None, None


def choose_date(candidates: dict[str, datetime | None], first_seen: datetime) -> tuple[datetime, str]:
    """The first plausible candidate in ORDER; else the first-seen time (source "first_seen")."""
    found, name = best_date(candidates, first_seen)
    return (found, name) if found is not None else (first_seen, "first_seen")


# Month names as the press of the federation's countries prints them in feeds (French, English, German, Spanish,
# Italian, Dutch, Portuguese), accents and case folded, whole and abbreviated: feedparser reads English RFC 822
# dates only, and a French CMS prints "mar., 01 déc. 2026 10:00:00 +0100" or "Mardi 1er décembre 2026 - 10h00".
_MONTH_NAMES = (
    "janvier janv jan january januar janner jaenner enero ene gennaio gen januari janeiro",
    "fevrier fevr fev february feb februar febrero febbraio februari fevereiro",
    "mars march mar marz maerz mrz marzo maart mrt marco",
    "avril avr april apr abril abr aprile",
    "mai may mayo mag maggio mei maio",
    "juin june jun juni junio giugno giu junho",
    "juillet juil july jul juli julio luglio lug julho",
    "aout aou august aug agosto ago augustus",
    "septembre sept september sep septiembre setiembre settembre set setembro",
    "octobre october oct oktober okt octubre ottobre ott outubro out",
    "novembre november nov noviembre novembro",
    "decembre december dec dezember dez diciembre dic dicembre dezembro",
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:er|st|nd|rd|th|\.)?\s+(?:de\s+)?([a-z]+)\.?,?\s+(?:del?\s+)?(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_TIME = re.compile(r"^[\s,:-]*(?:[a-z]{1,3}\s+)?(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*:\s*(\d{2}))?")
_ZONE = re.compile(r"^\s*(?:([+-])(\d{2}):?(\d{2})|([a-z]{1,4})\b)")
_ZONES = {"z": 0, "ut": 0, "utc": 0, "gmt": 0, "wet": 0, "west": 60, "bst": 60, "cet": 60, "mez": 60, "cest": 120,
          "mesz": 120, "eet": 120, "eest": 180}


def parse_feed_date(value: str | None) -> datetime | None:
    """A feed item's date that feedparser could not read: a day, a month by its name in one of the languages above
    and a year, in either order ("1er décembre 2026", "1 de diciembre de 2026", "Dec 1st, 2026"), then a time and
    a zone if given (no zone: UTC); or an ISO date with a space for a T. None for anything else: a date in figures
    only ("01/12/2026") is left unread, since 01/12 is the 1st of December in Europe and the 12th of January in
    the United States, and a date read wrongly would make an item too old to fetch."""
    if not value or not isinstance(value, str):
        return None
    if (iso := parse_w3c_date(value)) is not None:
        return iso
    text = fold(value)  # "déc." is "dec."
    for pattern, day_first in ((_DAY_MONTH_YEAR, True), (_MONTH_DAY_YEAR, False)):
        for found in pattern.finditer(text):
            day, name = (found.group(1), found.group(2)) if day_first else (found.group(2), found.group(1))
            if name in _MONTHS:
                return _dated(int(found.group(3)), _MONTHS[name], int(day), text[found.end():])
    return None


def _dated(year: int, month: int, day: int, rest: str) -> datetime | None:
    """The date, at the time and in the zone `rest` begins with (midnight UTC when it gives none)."""
    hour = minute = second = offset = 0
    if clock := _TIME.match(rest):
        hour, minute, second = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        rest = rest[clock.end():]
        if zone := _ZONE.match(rest):
            sign, hours, minutes, name = zone.groups()
            if sign:
                offset = (-1 if sign == "-" else 1) * (int(hours) * 60 + int(minutes))
            else:
                offset = _ZONES.get(name, 0)
    try:
        local = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
    return local - timedelta(minutes=offset)

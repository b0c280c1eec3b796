"""Find consultation periods and deadlines in French and English text: "du 12 janvier au 12 février 2026 inclus".

Our own patterns (see bench/bench_deadlines.py for why not dateparser's search): a period is a
range of dates in a sentence that speaks of a consultation, an inquiry, a register, observations…;
a deadline is a date after "jusqu'au", "avant le", "au plus tard le", "until", "no later than"…
A date without a year takes the year that puts it closest after the reference date (the document's
date), looking back at most 120 days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

_MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10,
    "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "october": 10,
    "november": 11, "december": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = (r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|"
            r"friday|saturday|sunday),?\s+)?")
_S = r"[\s\u00a0]+"  # spaces, line and page breaks, no-break spaces
_O = r"[\s\u00a0]*"  # the same, optional
_APOS = "['’]"
LOOKBACK_DAYS = 120


def _date(name: str, month_optional: bool = False) -> str:
    """A date as words or digits, with named groups prefixed `name`: d, m (name or number), y, h, mi."""
    words = (rf"{_WEEKDAY}(?:the{_S})?(?P<{name}d>1er|1st|2nd|3rd|[0-3]?\d)(?:st|nd|rd|th)?"
             rf"(?:{_S}(?:of{_S})?(?P<{name}m>{_MONTH})\.?(?:,?{_S}(?P<{name}y>(?:19|20)\d\d))?)"
             + ("?" if month_optional else ""))
    month_first = (rf"{_WEEKDAY}(?P<{name}m2>{_MONTH})\.?{_S}(?P<{name}d2>[0-3]?\d)(?:st|nd|rd|th)?"
                   rf"(?:,?{_S}(?P<{name}y2>(?:19|20)\d\d))?")
    digits = rf"(?P<{name}dn>[0-3]?\d)[/.](?P<{name}mn>[01]?\d)[/.](?P<{name}yn>(?:19|20)\d\d)\b"
    iso = rf"(?P<{name}yi>(?:19|20)\d\d)-(?P<{name}mi>[01]\d)-(?P<{name}di>[0-3]\d)\b"
    hour = (rf"(?:,?{_S}(?:à|a|at|before|avant){_S}(?P<{name}h>[012]?\d)(?:{_O}(?:h|heures?)"
            rf"{_O}(?P<{name}min>[0-5]\d)?|[:.](?P<{name}min2>[0-5]\d)|{_O}(?P<{name}ampm>[ap]\.?m\.?)))?")
    return rf"(?:{iso}|{digits}|{words}|{month_first}){hour}"


_CUES = re.compile(
    r"consultation|enquête|enquete|participation|registre|observations?|concertation|avis|dossier|public|"
    r"recours|délai|delai|dépôt|depot|candidatures?|inscriptions?|réclamations?|contributions?|"
    r"inquiry|comments?|submissions?|objections?|representations?|hearing|deadline|register|open",
    re.IGNORECASE)
_RANGES = [
    re.compile(rf"\b(?:du|depuis le|from){_S}{_date('s', month_optional=True)}{_S}"
               rf"(?:au|jusqu{_APOS}{_O}au|to|until|till|through){_S}(?:the{_S})?{_date('e')}", re.IGNORECASE),
    re.compile(rf"\b(?:entre le|between){_S}{_date('s', month_optional=True)}{_S}(?:et le|and){_S}(?:the{_S})?"
               rf"{_date('e')}", re.IGNORECASE),
]
# a heading's or a table's "Enquête publique : 12 janvier 2026 – 12 février 2026": two dates (the first with its
# month), a dash. Sought around the dashes that may join dates only (`_ranges`): anywhere, it tripled the time a long
# document takes.
_DASH_RANGE = re.compile(rf"(?<![\w/.-]){_date('s')}{_O}[-–—]{_O}{_date('e')}", re.IGNORECASE)
_DASH = re.compile("[-–—]")
_DIGIT = re.compile(r"\d")
_DIGITS_DATE = re.compile(r"[0-3]?\d[/.][01]?\d[/.](?:19|20)\d\d\b")
_AROUND_DASH = (60, 80)  # how far a date may start before a dash, and end after it
_UNTIL = re.compile(
    rf"\b(?:jusqu{_APOS}{_O}(?:au|à)|au plus tard (?:le|au)|avant le|d{_APOS}ici (?:le|au)|"
    rf"date limite(?:{_S}(?:de|d{_APOS})[\w\s’']{{1,30}}?)?{_O}:?{_O}(?:le|au|fixée au)?|"
    rf"clôtur\w*{_S}(?:le|au)|clotur\w*{_S}(?:le|au)|"
    rf"until|till|no later than|not later than|by|before|deadline(?:{_S}is|{_S}of)?:?|closes?{_S}on|"
    rf"closing date(?:{_S}is)?:?){_S}(?:the{_S})?{_date('e')}", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n\s*\n|\f")


@dataclass(frozen=True)
class Deadline:
    """A period (starts … ends) or a deadline (ends only), with the words it was found in."""

    starts: date | None
    ends: date
    until: str | None  # "17:00" when the text gives an hour
    phrase: str  # the matched words, on one line
    context: str  # the sentence around them, on one line
    offset: int  # where the phrase starts in the text


def find_deadlines(text: str, reference: date) -> list[Deadline]:
    """Periods and deadlines in the text, in order of appearance, one per (start, end) pair."""
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []
    for match in _ranges(text):
        ends = _parse(match, "e", reference)
        if ends is None or not _CUES.search(sentence(text, match.start(), match.end())):
            continue
        starts = _parse(match, "s", reference, default_month=ends.month, default_year=ends.year)
        if starts is not None and starts > ends:  # "du 15 décembre au 15 janvier 2026"
            starts = _parse(match, "s", reference, default_month=ends.month, default_year=ends.year - 1,
                            force_year=True)
        if starts is None or starts > ends or (ends - starts).days > 400:
            continue
        found.append(_deadline(text, match, starts, ends))
        taken.append(match.span())
    for match in _UNTIL.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        ends = _parse(match, "e", reference)
        if ends is not None:
            found.append(_deadline(text, match, None, ends))
    found.sort(key=lambda d: d.offset)
    periods = {d.ends: d for d in found if d.starts is not None}
    for item in [d for d in found if d.starts is None and d.ends in periods]:  # "ouvert jusqu'au" its last day
        found.remove(item)
        period = periods[item.ends]
        if item.until and not period.until:
            found[found.index(period)] = periods[item.ends] = replace(period, until=item.until)
    unique: dict[tuple, Deadline] = {}
    for item in found:
        unique.setdefault((item.starts, item.ends), item)
    return list(unique.values())


def _ranges(text: str):
    """The matches of each range pattern, then of `_DASH_RANGE` around each dash (once each)."""
    for pattern in _RANGES:
        yield from pattern.finditer(text)
    past = 0
    before, after = _AROUND_DASH
    for candidate in _DASH.finditer(text):
        dash = candidate.start()
        if dash < past or not _dated_dash(text, dash):
            continue
        match = _DASH_RANGE.search(text, max(0, dash - before), dash + 1 + after)
        if match is not None and match.start() <= dash < match.end():
            past = match.end()
            yield match


def _dated_dash(text: str, at: int) -> bool:
    """Whether the dash at `at` may join two dates: spaced or long ("2026 – 12", not "n° 2026-112", an order's
    number), with a number a few characters before it and after it; or a hyphen between a year and a date written
    in digits ("12/01/2026-12/02/2026")."""
    spaced = text[at] != "-" or text[at - 1:at].isspace() or text[at + 1:at + 2].isspace()
    if not spaced:
        return text[max(0, at - 4):at].isdigit() and _DIGITS_DATE.match(text, at + 1) is not None
    return (_DIGIT.search(text, max(0, at - 13), at) is not None
            and _DIGIT.search(text, at + 1, at + 15) is not None)


def _deadline(text: str, match: re.Match, starts: date | None, ends: date) -> Deadline:
    return Deadline(starts=starts, ends=ends, until=_hour(match, "e"), phrase=" ".join(match.group(0).split()).rstrip(".,;"),
                    context=" ".join(sentence(text, match.start(), match.end()).split())[:400], offset=match.start())


def sentence(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (bounded by . ! ? ; a blank line or a page break)."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)]
    after = _SENTENCE_END.search(text, end, end + 400)
    return text[before[-1] if before else max(0, start - 400):after.end() if after else end + 400].strip()


def _group(match: re.Match, name: str) -> str | None:
    try:
        return match.group(name)
    except IndexError:
        return None


def _parse(match: re.Match, name: str, reference: date, default_month: int | None = None,
           default_year: int | None = None, force_year: bool = False) -> date | None:
    """The date of the named part of a match, its year inferred from the reference date when missing."""
    g = lambda key: _group(match, name + key)  # noqa: E731
    if g("yi"):
        day, month, year = int(g("di")), int(g("mi")), int(g("yi"))
    elif g("dn"):
        first, second, year = int(g("dn")), int(g("mn")), int(g("yn"))
        day, month = (second, first) if second > 12 >= first else (first, second)  # 02/15/2026 is American
    else:
        raw_day = g("d") or g("d2")
        if raw_day is None:
            return None
        day = 1 if raw_day.lower() in ("1er", "1st") else int(re.sub(r"\D", "", raw_day))
        month_name = (g("m") or g("m2") or "").lower().rstrip(".")
        month = _MONTHS.get(month_name, default_month)
        year = int(g("y") or g("y2") or 0) or None
        if month is None:
            return None
        if year is None and default_year is not None and (force_year or default_month is not None):
            year = default_year
        if year is None:
            return _infer_year(day, month, reference)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(day: int, month: int, reference: date) -> date | None:
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= reference - timedelta(days=LOOKBACK_DAYS):
            return candidate
    return None


def _hour(match: re.Match, name: str) -> str | None:
    hour = _group(match, name + "h")
    if hour is None:
        return None
    minutes = int(_group(match, name + "min") or _group(match, name + "min2") or 0)
    value = int(hour)
    ampm = (_group(match, name + "ampm") or "").lower().replace(".", "")
    if ampm == "pm" and value < 12:
        value += 12
    elif ampm == "am" and value == 12:
        value = 0
    return f"{value:02d}:{minutes:02d}" if value < 24 else None


def first_date(text: str, reference: date | None = None) -> date | None:
    """The first full date (with its year) in the text: a document's own date when its metadata has none."""
    pattern = re.compile(_date("x"), re.IGNORECASE)
    for match in pattern.finditer(text):
        has_year = any(_group(match, "x" + key) for key in ("y", "y2", "yn", "yi"))
        if has_year:
            parsed = _parse(match, "x", reference or date.today())
            if parsed is not None:
                return parsed
    return None

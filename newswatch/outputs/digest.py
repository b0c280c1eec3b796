"""The digest: collect the matched articles no sent digest has carried, group them, render text and HTML."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import css_inline
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from newswatch.documents.ocr import LEFT_UNREAD
from newswatch.operations.health import source_health
from newswatch.text.walls import text_note
from store import queries

PROBLEM_STATES = ("failing", "silent")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_WORD = r"[^\W_]"
_SEP = r"[\W_]+"


@dataclass(frozen=True)
class Entry:
    """One story in one topic: its leading article, and the outlets of its other copies."""

    kind: str  # new, updated
    title: str
    url: str | None  # only http(s) URLs are linked
    meta: list[str]  # outlet, date, language
    snippet: list[tuple[str, bool]]  # (text, highlighted)
    also_in: list[tuple[str, str | None]]  # (outlet, url) of the story's other copies
    also_about: list[str]  # the other topics it matches
    articles: int  # articles in the story
    notes: list[str] = field(default_factory=list)  # the group's triage notes on the story's articles
    # "headline only, <outlet>: <why>", "subscribers only…" (newswatch.text.walls.text_note)
    status_note: str | None = None
    found_in: list[tuple[str, str | None]] = field(default_factory=list)  # (title, url) of what cites it
    sort_key: tuple = field(compare=False, repr=False, default=())


@dataclass(frozen=True)
class Section:
    topic: str
    count: int  # articles
    entries: list[Entry]


@dataclass
class Digest:
    """What one digest says, rendered: subject, plain text, HTML with inlined CSS."""

    created_at: datetime
    date: str
    since: datetime | None
    sections: list[Section]
    items: list[tuple[int, str]]  # (article id, new|updated|unread): what a successful send marks
    counts: dict
    summary: str
    sources: dict  # ok, failing, silent, never-run counts and the problems in detail
    deadlines: list[dict] = field(default_factory=list)  # open consultations and deadlines (newswatch.outputs.agenda)
    subject: str = ""
    text: str = ""
    html: str = ""

    @property
    def empty(self) -> bool:
        return not self.items


def story_key(article) -> tuple[str, int]:
    """Copies of one story share a key once deduplication sets articles.story_id; until then each article is one."""
    story_id = getattr(article, "story_id", None)
    return ("story", story_id) if story_id else ("article", article.id)


def updated_articles(session) -> list:
    """Articles a sent digest carried and that were revised since (none until articles.updated_at exists)."""
    return queries.articles_updated_since_sent(session)


def clean(text: str | None) -> str:
    """One line of web text: control characters and line breaks become spaces."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def fold_chars(text: str) -> tuple[str, list[int]]:
    """Lowercase text without accents, and for each folded character the index of its original character."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for low in part.lower():
                folded.append(low)
                origin.append(index)
    return "".join(folded), origin


def term_pattern(term: str) -> str | None:
    """A regex over folded text for one matched term: a word, a phrase (any separators) or a prefix (word*)."""
    term = term.strip()
    words = re.findall(_WORD + "+", fold_chars(term)[0])
    if not words:
        return None
    tail = _WORD + "*" if term.endswith("*") else f"(?!{_WORD})"
    return f"(?<!{_WORD})" + _SEP.join(map(re.escape, words)) + tail


def highlight(text: str, terms: Iterable[str]) -> list[tuple[str, bool]]:
    """Split text into (piece, is_match) segments; matching ignores case and accents, pieces keep the original."""
    patterns = sorted({p for t in terms if (p := term_pattern(t))}, key=len, reverse=True)
    if not text:
        return []
    if not patterns:
        return [(text, False)]
    folded, origin = fold_chars(text)
    segments, position = [], 0
    for found in re.finditer("|".join(patterns), folded):
        if found.end() == found.start():
            continue
        start, end = origin[found.start()], origin[found.end() - 1] + 1
        if start < position:
            continue
        if start > position:
            segments.append((text[position:start], False))
        segments.append((text[start:end], True))
        position = end
    if position < len(text):
        segments.append((text[position:], False))
    return segments


def outlet(article) -> str:
    return clean(getattr(article, "outlet", None)) or clean(article.site_name) or article.source


def _link(url: str | None) -> str | None:
    url = clean(url)
    return url if url.lower().startswith(("http://", "https://")) else None


def _when(article) -> datetime:
    return article.published_at or article.first_seen


def make_entry(topics: list[str], members: list, kinds: dict[int, str], zone: tzinfo,
               citing: dict[int, list[tuple[str, str]]] | None = None) -> Entry:
    """One story under its first topic: the original (not a duplicate), else the earliest copy, leads; found in the
    archived articles `citing` gives for its members (the article that quotes it, the notice that links it)."""
    members = sorted(members, key=lambda a: (getattr(a, "duplicate_of", None) is not None, _when(a), a.id))
    lead = members[0]
    match = next((m for m in lead.matches if m.topic == topics[0]), lead.matches[0] if lead.matches else None)
    terms = [term for m in lead.matches for term in m.terms]
    meta = [outlet(lead), _when(lead).astimezone(zone).strftime("%Y-%m-%d"), clean(lead.language)]
    also, seen = [], {outlet(lead)}
    for other in members[1:]:
        if outlet(other) not in seen:
            seen.add(outlet(other))
            also.append((outlet(other), _link(other.url)))
    kind = "new" if any(kinds[a.id] == "new" for a in members) else "updated"
    found_in = list(dict.fromkeys((clean(title) or "(no title)", _link(url))
                                  for a in members for title, url in (citing or {}).get(a.id, [])))[:MAX_FOUND_IN]
    return Entry(kind=kind, title=clean(lead.title) or "(no title)", url=_link(lead.url), meta=[m for m in meta if m],
                 snippet=highlight(clean(match.snippet) if match else "", terms), also_in=also,
                 also_about=topics[1:], articles=len(members), notes=triage_notes(members),
                 status_note=text_note(lead), found_in=found_in,
                 sort_key=(-_when(lead).timestamp(), clean(lead.title)))


MAX_FOUND_IN = 3  # the articles an entry says it was found in


def triage_notes(members: list) -> list[str]:
    """The notes left with the marks of a story's articles (`newswatch mark`, or the browser), each once."""
    notes = [clean(mark.note) for a in members if (mark := getattr(a, "mark", None)) is not None and mark.note]
    return list(dict.fromkeys(n for n in notes if n))


DOCUMENTS = "documents"  # the digest section of official documents, before the topics
UNREAD = "documents not read"  # the last section: documents kept without their text (scans), matching no topic


def group(articles: dict[int, object], kinds: dict[int, str], topic_order: list[str], zone: tzinfo,
          citing: dict[int, list[tuple[str, str]]] | None = None) -> list[Section]:
    """Official documents first, in their own section; then stories (copies of one story together) under the first
    topic they match, configured order first; newest first. Each says what it was found in (`citing`)."""
    documents = [make_entry([DOCUMENTS, *sorted({m.topic for m in a.matches})], [a], kinds, zone, citing)
                 for a in articles.values() if getattr(a, "kind", "article") == "document" and a.matches]
    sections = [Section(topic=DOCUMENTS, count=len(documents), entries=sorted(documents, key=lambda e: e.sort_key))
                ] if documents else []
    stories: dict[tuple, list] = {}
    for article in articles.values():
        if getattr(article, "kind", "article") != "document":
            stories.setdefault(story_key(article), []).append(article)
    order = {name: i for i, name in enumerate(topic_order)}

    def rank(topic: str) -> tuple:
        return order.get(topic, len(order)), topic

    by_topic: dict[str, list[Entry]] = {}
    for members in stories.values():
        topics = sorted({m.topic for a in members for m in a.matches}, key=rank)
        if topics:
            by_topic.setdefault(topics[0], []).append(make_entry(topics, members, kinds, zone, citing))
    return sections + [Section(topic=topic, count=sum(e.articles for e in by_topic[topic]),
                               entries=sorted(by_topic[topic], key=lambda e: e.sort_key))
                       for topic in sorted(by_topic, key=rank)]


def source_report(session, config, now: datetime) -> dict:
    """Counts of sources per health state, and the failing or silent ones with what is wrong."""
    report = {"ok": 0, "failing": 0, "silent": 0, "never-run": 0, "problems": []}
    for source in config.sources:
        health = source_health(session, source.name, now)
        report[health.state] = report.get(health.state, 0) + 1
        if health.state == "failing":
            detail = f"{health.consecutive_failures} failed run(s) in a row"
            if health.last_error:
                error = clean(health.last_error)
                detail += "; last error: " + (error if len(error) <= 160 else error[:159] + "…")
            report["problems"].append((source.name, "failing", detail))
        elif health.state == "silent":
            last = health.last_article
            detail = f"no new article since {last:%Y-%m-%d}" if last else "no article yet"
            report["problems"].append((source.name, "silent", detail))
    return report


def zone_of(config) -> tzinfo:
    try:
        return ZoneInfo(config.schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def build_digest(session, config, since: datetime | None = None, now: datetime | None = None) -> Digest:
    """Collect and render the next digest (or, with `since`, every matched article first seen since then)."""
    now = now or datetime.now(UTC)
    zone = zone_of(config)
    articles = {a.id: a for a in queries.articles_not_yet_sent(session, since)}
    kinds = dict.fromkeys(articles, "new")
    for article in ([] if since else updated_articles(session)):
        if article.id not in articles:
            articles[article.id] = article
            kinds[article.id] = "updated"
    unread = [a for a in queries.unread_documents_not_yet_sent(session, LEFT_UNREAD, since) if a.id not in articles]
    citing = queries.citing_articles(session, [*articles, *(a.id for a in unread)])
    sections = group(articles, kinds, [t.name for t in config.topics], zone, citing)
    counts = {"new": sum(k == "new" for k in kinds.values()), "updated": sum(k == "updated" for k in kinds.values()),
              "stories": len({story_key(a) for a in articles.values()}),
              "topics": {s.topic: s.count for s in sections}}
    if unread:  # a scan a documents listing gave that nobody could read: the reader may open it
        sections.append(Section(topic=UNREAD, count=len(unread), entries=sorted(
            (make_entry([UNREAD], [a], {a.id: "new"}, zone, citing) for a in unread), key=lambda e: e.sort_key)))
        kinds.update(dict.fromkeys((a.id for a in unread), "unread"))
    counts["unread"] = len(unread)
    from newswatch.outputs.agenda import deadline_rows, when_text

    digest = Digest(created_at=now, date=now.astimezone(zone).strftime("%Y-%m-%d"), since=since, sections=sections,
                    items=sorted(kinds.items()), counts=counts, summary=summary_line(counts, since, zone),
                    sources=source_report(session, config, now), deadlines=[{**row, "when": when_text(row)} for row in deadline_rows(session, now.astimezone(zone).date())])
    digest.subject = subject_line(config.digest.subject_prefix, digest.date, counts)
    render(digest)
    return digest


def count_phrase(counts: dict) -> str:
    """"3 new articles", "2 updated articles" or "3 new articles and 2 updated"."""
    new, updated = counts["new"], counts["updated"]
    if new and updated:
        return f"{plural(new, 'new article')} and {updated} updated"
    return plural(new, "new article") if new or not updated else plural(updated, "updated article")


def summary_line(counts: dict, since: datetime | None, zone: tzinfo) -> str:
    unread = f" {plural(counts['unread'], 'document')} could not be read." if counts.get("unread") else ""
    if not counts["new"] and not counts["updated"]:
        return "Nothing new since the last digest." + unread
    text = count_phrase(counts) + f" in {plural(counts['stories'], 'story', 'stories')}"
    if since is not None:
        text = f"Articles first seen since {since.astimezone(zone):%Y-%m-%d %H:%M}: " + text
    return text + "." + unread


def subject_line(prefix: str, date: str, counts: dict) -> str:
    """Prefix, date and counts; built from our own words only, never from article titles."""
    if not counts["new"] and not counts["updated"]:
        unread = f", {plural(counts['unread'], 'document')} not read" if counts.get("unread") else ""
        return clean(f"{prefix} {date}: nothing new{unread}")
    topics = ", ".join(f"{clean(name)} {n}" for name, n in counts["topics"].items())
    return clean(f"{prefix} {date}: {count_phrase(counts)}" + (f" ({topics})" if topics else ""))


def environment() -> Environment:
    """Templates in newswatch/outputs/templates; HTML ones autoescaped; `mark_text` stars a highlighted piece in
    text."""
    env = Environment(loader=PackageLoader("newswatch.outputs", "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["mark_text"] = lambda segment: f"*{segment[0]}*" if segment[1] else segment[0]
    return env


def render(digest: Digest) -> None:
    """Fill in the plain-text part and the HTML part (autoescaped, CSS inlined, no remote resources)."""
    env = environment()
    digest.text = env.get_template("digest.txt.j2").render(d=digest)
    html = env.get_template("digest.html.j2").render(d=digest)
    digest.html = css_inline.CSSInliner(load_remote_stylesheets=False).inline(html)

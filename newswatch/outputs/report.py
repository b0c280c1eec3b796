"""Coverage statistics and a self-contained HTML report with two SVG charts (newswatch/outputs/charts.py) as data:
URIs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from newswatch.outputs.triage import off_topic_words
from store.marks import OFF_TOPIC, mark_counts, topic_texts_by_mark
from newswatch.text.walls import text_note
from store.search import PERIODS, Window, coverage_counts, language_counts, matched_articles, outlet_counts


@dataclass(frozen=True)
class Stats:
    """Articles per topic per period, each topic's top outlets, and languages (an article counts once per topic)."""

    by: str
    coverage: list[dict] = field(default_factory=list)  # topic, period, articles
    outlets: list[dict] = field(default_factory=list)  # topic, source, articles
    languages: list[dict] = field(default_factory=list)  # topic, language, articles
    marks: list[dict] = field(default_factory=list)  # topic, mark (or "unmarked"), articles: topics with marks only
    off_topic_words: list[dict] = field(default_factory=list)  # topic, word, articles (off-topic ones having it)

    def as_dict(self) -> dict:
        return {"by": self.by, "coverage": self.coverage, "outlets": self.outlets, "languages": self.languages,
                "marks": self.marks, "off_topic_words": self.off_topic_words}

    def long_rows(self) -> list[dict]:
        """All three tables in one (for CSV): section, topic, key (period, source or language), articles."""
        return ([{"section": "coverage", "topic": r["topic"], "key": r["period"], "articles": r["articles"]}
                 for r in self.coverage]
                + [{"section": "outlets", "topic": r["topic"], "key": r["source"], "articles": r["articles"]}
                   for r in self.outlets]
                + [{"section": "languages", "topic": r["topic"], "key": r["language"], "articles": r["articles"]}
                   for r in self.languages]
                + [{"section": "marks", "topic": r["topic"], "key": r["mark"], "articles": r["articles"]}
                   for r in self.marks]
                + [{"section": "off_topic_words", "topic": r["topic"], "key": r["word"], "articles": r["articles"]}
                   for r in self.off_topic_words])


def coverage_stats(session, by: str = "week", window: Window = Window(), top: int = 10) -> Stats:
    """Count matched articles per topic: per week or month (dated by publication, else first sighting);
    and the triage marks, with the words off-topic articles share."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}, not {by!r}")
    return Stats(
        by=by,
        coverage=[{"topic": t, "period": p, "articles": n} for t, p, n in coverage_counts(session, by, window)],
        outlets=[{"topic": t, "source": s, "articles": n} for t, s, n in outlet_counts(session, window, top)],
        languages=[{"topic": t, "language": lang, "articles": n} for t, lang, n in language_counts(session, window)],
        **triage_stats(session, window),
    )


def triage_stats(session, window: Window) -> dict[str, list[dict]]:
    """Marks per topic (for the topics with at least one marked article), and per topic with off-topic
    articles the words those share that its relevant ones (else its unmarked ones) do not."""
    counts = mark_counts(session, window)
    marked = {t for t, mark, _ in counts if mark != "unmarked"}
    words = []
    for topic in sorted({t for t, mark, _ in counts if mark == OFF_TOPIC}):
        texts = topic_texts_by_mark(session, topic, window)
        baseline = texts.get("relevant") or texts.get("unmarked", [])
        words += [{"topic": topic, "word": w, "articles": n} for w, n in off_topic_words(texts[OFF_TOPIC], baseline)]
    return {"marks": [{"topic": t, "mark": mark, "articles": n} for t, mark, n in counts if t in marked],
            "off_topic_words": words}


# --- HTML ------------------------------------------------------------------------------------------

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>newswatch coverage report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
h1 { margin-bottom: 0.2rem; } .meta { color: #666; margin-top: 0; }
img { width: 100%; max-width: 900px; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f4f4f4; } td.n { text-align: right; } .topic { white-space: nowrap; }
</style>
</head>
<body>
<h1>newswatch coverage report</h1>
<p class="meta">Generated {{ generated }} · {{ total }} matched articles{{ scope }} · periods are {{ by }}s,
dated by publication (else by first sighting).</p>
{% if total %}
<h2>Coverage over time</h2>
<img alt="Matched articles per {{ by }} and topic" src="{{ coverage_chart }}">
{% if partial %}<p class="meta">Dashed: a {{ by }} covered only in part, drawn at its count so far (not a projection):
{{ partial }}; the report covers up to {{ cutoff }}.</p>{% endif %}
<h2>Outlets</h2>
<img alt="Matched articles per outlet, split by topic" src="{{ outlets_chart }}">
<h2>Topics</h2>
<table>
<thead><tr><th>topic</th><th>articles</th><th>top outlets</th><th>languages</th></tr></thead>
<tbody>
{% for t in topics %}<tr><td class="topic">{{ t.name }}</td><td class="n">{{ t.articles }}</td>
<td>{{ t.outlets }}</td><td>{{ t.languages }}</td></tr>
{% endfor %}</tbody>
</table>
{% else %}
<p>No archived article matches a topic{{ scope }} yet: nothing to chart.</p>
{% endif %}
<h2>Articles</h2>
<p class="meta">{% if shown < total %}The newest {{ shown }} of {{ total }}.{% else %}All {{ total }}.{% endif %}</p>
<table>
<thead><tr><th>id</th><th>date</th><th>source</th><th>title</th><th>topics</th><th>lang</th></tr></thead>
<tbody>
{% for a in articles %}<tr><td class="n">{{ a.id }}</td><td>{{ a.date }}</td><td>{{ a.source }}</td>
<td>{% if a.link %}<a href="{{ a.link }}" rel="noopener noreferrer">{{ a.title }}</a>
{%- else %}{{ a.title }}{% endif %}{% if a.text_note %} <em>({{ a.text_note }})</em>{% endif %}</td>
<td class="topic">{{ a.topics }}</td><td>{{ a.language }}</td></tr>
{% endfor %}</tbody>
</table>
</body>
</html>
"""


def _link(url: str | None) -> str | None:
    """Only http(s) links go into the page (a javascript: URL in the archive must not become clickable)."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def _summary(stats: Stats) -> list[dict]:
    topics = sorted({r["topic"] for r in stats.coverage})
    total = defaultdict(int)
    for row in stats.coverage:
        total[row["topic"]] += row["articles"]

    def listing(rows, key):
        return ", ".join(f"{r[key]} ({r['articles']})" for r in rows)

    return [{"name": t, "articles": total[t],
             "outlets": listing([r for r in stats.outlets if r["topic"] == t][:5], "source"),
             "languages": listing([r for r in stats.languages if r["topic"] == t], "language")} for t in topics]


def render_report(session, by: str = "week", window: Window = Window(), limit: int = 500,
                  now: datetime | None = None) -> str:
    """The whole report as one HTML page that needs nothing but itself to display."""
    from jinja2 import Environment

    now = now or datetime.now(UTC)
    stats = coverage_stats(session, by, window)
    articles, total = matched_articles(session, window, limit)
    context = {"generated": now.strftime("%Y-%m-%d %H:%M UTC"), "by": by,
               "total": total, "shown": len(articles), "scope": _scope(window), "topics": _summary(stats),
               "articles": [{"id": a.id, "date": (a.published_at or a.first_seen).date().isoformat(),
                             "source": a.source, "title": a.title or a.url, "link": _link(a.url),
                             "text_note": text_note(a),
                             "topics": ", ".join(sorted(m.topic for m in a.matches)), "language": a.language or "?"}
                            for a in articles]}
    if total:
        from newswatch.outputs.charts import colors, coverage_chart, outlets_chart

        topic_colors = colors(sorted({r["topic"] for r in stats.coverage}))
        cutoff = min(now, window.until) if window.until else now
        context["coverage_chart"], partial = coverage_chart(stats.coverage, by, topic_colors, window.since, cutoff)
        context["partial"] = ", ".join(p.describe(by) for p in partial)
        context["cutoff"] = cutoff.strftime("%Y-%m-%d %H:%M UTC")
        context["outlets_chart"] = outlets_chart(
            [{"topic": t, "source": s, "articles": n} for t, s, n in outlet_counts(session, window, None)],
            topic_colors)
    return Environment(autoescape=True).from_string(TEMPLATE).render(context)


def _scope(window: Window) -> str:
    parts = []
    if window.since:
        parts.append(f"from {window.since:%Y-%m-%d}")
    if window.until:
        parts.append(f"before {window.until:%Y-%m-%d}")
    if window.topics:
        parts.append("topics " + ", ".join(window.topics))
    if window.sources:
        parts.append("sources " + ", ".join(window.sources))
    if window.language:
        parts.append(f"language {window.language}")
    return (" (" + "; ".join(parts) + ")") if parts else ""

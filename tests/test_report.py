"""Coverage statistics and the self-contained HTML report (charts as embedded SVGs, no remote resources)."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest

from newswatch.outputs.charts import period_starts
from newswatch.outputs.report import coverage_stats, render_report
from newswatch.text.topics import TopicMatch
from store import queries
from store.db import transaction
from store.search import Window
from tests.conftest import REPO, newswatch

SVG = "{http://www.w3.org/2000/svg}"

# (source, language, published, topics, title, url)
ARTICLES = [
    ("courrier-drome", "fr", "2026-01-05", ["rovaltain"], "Rovaltain : permis déposé", "https://courrier.example/1"),
    ("courrier-drome", "fr", "2026-01-07", ["rovaltain", "sesterce"], "Sesterce à Alixan", "https://courrier.ex/2"),
    ("courrier-drome", "fr", "2026-01-21", ["sesterce"], "Les GPU de Sesterce", "https://courrier.example/3"),
    ("dcd", "en", "2026-02-03", ["sesterce"], "Sesterce doubles its compute center", "https://dcd.example/4"),
    ("ricochets", None, "2026-02-04", ["rovaltain"], "<script>alert('x')</script> & co", "javascript:alert(1)"),
    ("ricochets", "fr", "2026-03-30", [], "Un sesterce romain", "https://ricochets.example/6"),
]


@pytest.fixture
def reported(archive):
    with transaction(archive.sessions(writer=True)) as session:
        for source, lang, published, topics, title, url in ARTICLES:
            when = datetime.fromisoformat(published).replace(tzinfo=UTC)
            article_id = queries.insert_article(session, url=url, canonical_url=url, source=source, title=title,
                                                text=f"{title}. Texte de l'article.", language=lang, published_at=when,
                                                date_source="meta", first_seen=when, fetched_at=when)
            queries.replace_matches(session, article_id, [TopicMatch(t, [t], "") for t in topics])
    return archive


def stats_of(archive, by="week", **window):
    with archive.sessions()() as session:
        return coverage_stats(session, by, Window(**window), top=10)


def test_coverage_per_week_and_month(reported):
    weekly = {(r["topic"], r["period"]): r["articles"] for r in stats_of(reported).coverage}
    assert weekly == {("rovaltain", "2026-01-05"): 2, ("rovaltain", "2026-02-02"): 1,
                      ("sesterce", "2026-01-05"): 1, ("sesterce", "2026-01-19"): 1, ("sesterce", "2026-02-02"): 1}
    monthly = {(r["topic"], r["period"]): r["articles"] for r in stats_of(reported, "month").coverage}
    assert monthly == {("rovaltain", "2026-01"): 2, ("rovaltain", "2026-02"): 1,
                       ("sesterce", "2026-01"): 2, ("sesterce", "2026-02"): 1}


def test_top_outlets_and_languages_per_topic(reported):
    stats = stats_of(reported)
    assert [(r["topic"], r["source"], r["articles"]) for r in stats.outlets] == [
        ("rovaltain", "courrier-drome", 2), ("rovaltain", "ricochets", 1),
        ("sesterce", "courrier-drome", 2), ("sesterce", "dcd", 1)]
    assert [(r["topic"], r["language"], r["articles"]) for r in stats.languages] == [
        ("rovaltain", "fr", 2), ("rovaltain", "?", 1), ("sesterce", "fr", 2), ("sesterce", "en", 1)]
    with reported.sessions()() as session:
        assert len(coverage_stats(session, "week", top=1).outlets) == 2


def test_stats_windows(reported):
    february = stats_of(reported, "month", since=datetime(2026, 2, 1, tzinfo=UTC))
    assert [(r["topic"], r["period"]) for r in february.coverage] == [("rovaltain", "2026-02"), ("sesterce", "2026-02")]
    only = stats_of(reported, "month", topics=("sesterce",), sources=("courrier-drome",))
    assert [(r["topic"], r["period"], r["articles"]) for r in only.coverage] == [("sesterce", "2026-01", 2)]


def test_period_starts_fill_the_gaps_across_a_year_end():
    assert period_starts(date(2025, 11, 1), date(2026, 2, 1), "month") == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert period_starts(date(2025, 12, 29), date(2026, 1, 12), "week") == [
        date(2025, 12, 29), date(2026, 1, 5), date(2026, 1, 12)]


class Page(HTMLParser):
    """Every tag with its attributes, and the text, of an HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def check_self_contained(html: str, article_links: set[str]) -> Page:
    page = Page(html)
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "link" not in names and "iframe" not in names and "object" not in names
    assert "@import" not in html and "url(" not in html
    for tag, attrs in page.tags:
        if "src" in attrs:
            assert tag == "img"
            svg_of(attrs["src"])
        if "href" in attrs:
            assert attrs["href"] in article_links, attrs["href"]
    return page


def svg_of(src: str) -> ET.Element:
    """The SVG document of a data: URI, checked to load and run nothing (no script, no link out of itself)."""
    assert src.startswith("data:image/svg+xml;base64,")
    root = ET.fromstring(base64.b64decode(src.split(",", 1)[1], validate=True))
    assert root.tag == f"{SVG}svg"
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image")
        for key, value in element.attrib.items():
            assert not key.endswith("href") or value.startswith("#"), (key, value)
            assert "url(" not in value or value.startswith("url(#"), (key, value)
    for style in root.iter(f"{SVG}style"):
        assert "@import" not in (style.text or "") and "url(http" not in (style.text or "")
    return root


def charts(html: str) -> list[ET.Element]:
    return [svg_of(attrs["src"]) for tag, attrs in Page(html).tags if tag == "img"]


def x_ticks(chart: ET.Element) -> list[str]:
    """The labels the x axis shows."""
    axis = next(g for g in chart.iter(f"{SVG}g") if g.get("class", "").split() == ["axis", "x"])
    return [text.text for text in axis.iter(f"{SVG}text")]


def series_points(chart: ET.Element) -> list[tuple[bool, list[tuple[str, str]]]]:
    """Per drawn line: whether it is dashed (in the chart's style sheet), and its points as (x label, value)."""
    css = "".join(style.text or "" for style in chart.iter(f"{SVG}style"))
    dashed = {int(n) for n in re.findall(r"\.series\.serie-(\d+)\{[^}]*stroke-dasharray:6,5", css)}
    points: dict[int, list[tuple[str, str]]] = {}
    for group in chart.iter(f"{SVG}g"):
        classes = group.get("class", "").split()
        if "series" in classes:
            n = int(next(c for c in classes if c.startswith("serie-")).removeprefix("serie-"))
            points.setdefault(n, []).extend(
                (dot.findtext(f"{SVG}desc[@class='x_label']"), dot.findtext(f"{SVG}desc[@class='value']"))
                for dot in group.iter(f"{SVG}g") if "dots" in dot.get("class", "").split())
    assert dashed and dashed <= set(points)
    return [(n in dashed, line) for n, line in sorted(points.items())]


def test_report_is_one_self_contained_page_with_two_charts(reported):
    with reported.sessions()() as session:
        html = render_report(session, "week", limit=3)
    links = {url for *_, url in ARTICLES if url.startswith("https://")}
    page = check_self_contained(html, links)
    assert sum(tag == "img" for tag, _ in page.tags) == 2
    hrefs = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert hrefs == ["https://dcd.example/4", "https://courrier.example/3"]  # newest 3 matched; javascript: unlinked
    text = "".join(page.text)
    assert "<script>alert('x')</script> & co" in text  # shown as text, not run
    assert "The newest 3 of 5." in text


def test_report_of_the_crawled_sample_site(demo_crawl):
    with demo_crawl.archive.sessions()() as session:
        html = render_report(session, "month")
        links = {a.url for a in queries.iter_articles(session)}
    page = check_self_contained(html, links)
    assert sum(tag == "img" for tag, _ in page.tags) == 2
    assert len([tag for tag, _ in page.tags if tag == "a"]) == len(links) > 5


def test_report_of_an_empty_archive_says_so(archive):
    with archive.sessions()() as session:
        html = render_report(session)
    page = check_self_contained(html, set())
    assert not any(tag == "img" for tag, _ in page.tags)
    assert "No archived article matches a topic yet" in "".join(page.text)


def test_cli_stats_and_report(reported, tmp_path):
    config = tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "{reported.url}"\n', encoding="utf-8")
    table = newswatch("stats", "--by", "month", config=config, check=True).stdout
    assert "== articles per month" in table and "== top outlets" in table and "== languages" in table
    assert "sesterce   2026-01" in table
    as_json = json.loads(newswatch("stats", "--json", "--until", "2026-01-31", config=config, check=True).stdout)
    assert as_json["by"] == "week" and {r["period"] for r in as_json["coverage"]} == {"2026-01-05", "2026-01-19"}
    rows = list(csv.DictReader(io.StringIO(newswatch("stats", "--csv", "--topic", "rovaltain", config=config,
                                                     check=True).stdout)))
    assert {r["section"] for r in rows} == {"coverage", "outlets", "languages"}
    assert {r["topic"] for r in rows} == {"rovaltain"}
    out = tmp_path / "coverage.html"
    result = newswatch("report", "--by", "month", "--out", str(out), config=config, check=True)
    assert f"wrote {out}" in result.stdout and not (tmp_path / "coverage.html.part").exists()
    check_self_contained(out.read_text(encoding="utf-8"), {url for *_, url in ARTICLES})


def test_the_monthly_chart_has_a_tick_per_month_and_no_day_ticks(reported):
    with reported.sessions()() as session:
        html = render_report(session, "month", now=datetime(2026, 3, 1, tzinfo=UTC))
    assert not [f for f in sys.meta_path if type(f).__name__ == "PluginImportFixer"]  # pygal's hook, removed
    coverage, outlets = charts(html)
    assert x_ticks(coverage) == ["Jan 2026", "Feb"]
    assert "Dashed" not in "".join(Page(html).text)  # February is over: no period is partial
    assert {"courrier-drome", "dcd", "ricochets"} <= {text.text for text in outlets.iter(f"{SVG}text")}
    with reported.sessions()() as session:  # up to now: a long chart labels every 3rd month, never a day
        long = x_ticks(charts(render_report(session, "month", now=datetime(2028, 6, 1, tzinfo=UTC)))[0])
    assert long == ["Jan 2026", "Apr", "Jul", "Oct", "Jan 2027", "Apr", "Jul", "Oct", "Jan 2028", "Apr"]


def test_the_current_month_is_drawn_dashed_with_its_count_so_far(reported):
    """On 5 February, February has 4 whole days: its point is not on the topic's solid line (the "cliff"), but on
    a dashed one from January, and the page says how much of it the report covers."""
    now = datetime(2026, 2, 5, 6, tzinfo=UTC)
    with reported.sessions()() as session:
        html = render_report(session, "month", now=now)
        weekly = render_report(session, "week", now=now)
    lines = series_points(charts(html)[0])
    solid = [points for dashed, points in lines if not dashed]
    assert sorted(solid) == [[("Jan 2026", "2")], [("Jan 2026", "2")]]  # rovaltain and sesterce: January only
    assert sorted(points for dashed, points in lines if dashed) == [
        [("Jan 2026", "2"), ("Feb", "1")], [("Jan 2026", "2"), ("Feb", "1")]]
    text = " ".join("".join(Page(html).text).split())
    assert "February 2026 (4 of its 28 days)" in text and "up to 2026-02-05 06:00 UTC" in text
    assert "the week of 2 February 2026 (3 of its 7 days)" in " ".join("".join(Page(weekly).text).split())


def test_a_period_cut_by_until_or_since_is_partial_too(reported):
    with reported.sessions()() as session:
        html = render_report(session, "month", Window(since=datetime(2026, 1, 6, tzinfo=UTC),
                                                      until=datetime(2026, 2, 15, tzinfo=UTC)))
    text = " ".join("".join(Page(html).text).split())
    assert "January 2026 (26 of its 31 days), February 2026 (14 of its 28 days)" in text


def test_the_report_needs_no_matplotlib(reported, tmp_path):
    """The charts are pygal's SVG: writing a report (and fingerprinting a text) imports neither matplotlib nor
    datasketch, nor what they pull (Pillow, SciPy)."""
    config = tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "{reported.url}"\n', encoding="utf-8")
    out = tmp_path / "coverage.html"
    code = ("from newswatch.cli import main; from newswatch.text.fingerprints import fingerprint; "
            "fingerprint('Sesterce installe un centre de calcul de 40 000 GPU à Rovaltain, près de Valence.'); "
            f"main(['--config', {str(config)!r}, 'report', '--out', {str(out)!r}])")
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                            timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert {"pygal", "numpy", "newswatch.outputs.charts"} <= imported
    assert not {m for m in imported if m.split(".")[0] in ("matplotlib", "datasketch", "scipy", "PIL")}
    assert len(charts(out.read_text(encoding="utf-8"))) == 2

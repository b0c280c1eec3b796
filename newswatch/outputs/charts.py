"""The report's two charts as SVG (pygal): matched articles per period and topic, and per outlet split by topic."""

from __future__ import annotations

import base64
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

CHART_OUTLETS = 12
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf")  # Tableau 10, as the PNG charts had
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MAX_TICKS = 24  # more month ticks than this and only every 3rd (then every 12th) month is labelled
DASHED = {"dasharray": "6, 5", "width": 2}


@dataclass(frozen=True)
class Partial:
    """A period the report covers only in part (the current one, or one cut by --since/--until)."""

    start: date
    days: int  # whole days of it covered
    length: int  # its days

    def describe(self, by: str) -> str:
        name = f"{MONTH_NAMES[self.start.month - 1]} {self.start.year}" if by == "month" else \
            f"the week of {self.start.day} {MONTH_NAMES[self.start.month - 1]} {self.start.year}"
        return f"{name} ({self.days} of its {self.length} days)"


def colors(topics: list[str]) -> dict[str, str]:
    """One colour per topic, the same in both charts."""
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(sorted(topics))}


def period_start(period: str, by: str) -> date:
    return date.fromisoformat(period) if by == "week" else date.fromisoformat(period + "-01")


def next_start(start: date, by: str) -> date:
    return start + timedelta(days=7) if by == "week" else date(start.year + start.month // 12, start.month % 12 + 1, 1)


def start_of(day: date, by: str) -> date:
    """The start of the week (Monday) or month holding `day`."""
    return day - timedelta(days=day.weekday()) if by == "week" else day.replace(day=1)


def period_starts(first: date, last: date, by: str) -> list[date]:
    """Every week (Monday) or month (1st) start from first to last, so empty periods chart as zero."""
    periods, current = [], first
    while current <= last:
        periods.append(current)
        current = next_start(current, by)
    return periods


def partial_periods(periods: list[date], by: str, since: datetime | None, cutoff: datetime) -> list[Partial]:
    """The periods of which the report covers only some days: the one holding `cutoff` (now, or --until) and
    any later one, and the one --since starts in."""
    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(), UTC)

    partial = []
    for start in periods:
        end = next_start(start, by)
        begin = max(midnight(start), since) if since else midnight(start)
        covered = max(timedelta(0), min(midnight(end), cutoff) - begin)
        if covered < end - start:
            partial.append(Partial(start, covered.days, (end - start).days))
    return partial


def ticks(periods: list[date], by: str) -> tuple[list[str], list[str]]:
    """A label per period and the labels shown: month names with the year on the first and on Januaries (at the
    first week of each month, when by week), every 3rd or 12th month on long charts; each week's date only on
    charts of a few weeks."""
    if by == "week" and len(periods) <= 10:
        labels = [f"{p.day} {MONTHS[p.month - 1]}" for p in periods]
        return labels, labels
    labels = [f"{p.day} {MONTHS[p.month - 1]}" if by == "week" and p.day > 7
              else f"{MONTHS[p.month - 1]} {p.year}" if i == 0 or p.month == 1 else MONTHS[p.month - 1]
              for i, p in enumerate(periods)]
    months = len({(p.year, p.month) for p in periods})
    step = 1 if months <= MAX_TICKS else 3 if months <= 3 * MAX_TICKS else 12
    shown = [label for p, label in zip(periods, labels)
             if (by == "month" or p.day <= 7) and (p.month - 1) % step == 0]
    return labels, shown


def _pygal():
    """pygal, less the import hook it appends to sys.meta_path on import (for its map plugins, unused here): the
    hook has no find_spec, so every later import that fails in the process (an optional one, in a try) would also
    raise an ImportWarning, an error under tests."""
    import pygal

    sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, pygal.PluginImportFixer)]
    return pygal


def _style(series_colors: list[str]):
    from pygal.style import Style

    return Style(background="white", plot_background="white", foreground="#333", foreground_strong="#222",
                 foreground_subtle="#666", opacity="1", opacity_hover="1", stroke_opacity="1",
                 stroke_opacity_hover="1", stroke_width="2", stroke_width_hover="2", colors=tuple(series_colors),
                 guide_stroke_color="#ddd", major_guide_stroke_color="#ddd", guide_stroke_dasharray="none",
                 major_guide_stroke_dasharray="none", font_family="system-ui, sans-serif", label_font_size=12,
                 major_label_font_size=12, legend_font_size=13, title_font_size=14)


def _y_labels(top: int) -> list[int]:
    """Whole-number ticks from 0 (articles are counted), about five of them."""
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10 ** 9) if top / s <= 6)
    return list(range(0, top + step, step)) if top else [0, 1]


def _without_scripts(svg):
    """pygal's inline script (the configuration of its tooltips) does nothing in an image: leave it out."""
    for parent in list(svg.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rpartition("}")[2] == "script":
                parent.remove(child)
    return svg


def _data_uri(chart) -> str:
    chart.add_xml_filter(_without_scripts)
    return "data:image/svg+xml;base64," + base64.b64encode(chart.render()).decode("ascii")


def coverage_chart(coverage: list[dict], by: str, topic_colors: dict, since: datetime | None = None,
                   cutoff: datetime | None = None) -> tuple[str, list[Partial]]:
    """Articles per period, one line per topic, periods without articles drawn as zero, up to the period of
    `cutoff` (now, or --until); a period covered only in part is drawn dashed. Returns the SVG as a data: URI
    and the partial periods."""
    pygal = _pygal()
    cutoff = cutoff or datetime.now(UTC)
    counts: dict[str, dict[date, int]] = defaultdict(dict)
    for row in coverage:
        counts[row["topic"]][period_start(row["period"], by)] = row["articles"]
    starts = sorted({d for per_topic in counts.values() for d in per_topic})
    last = max(starts[-1], start_of((cutoff - timedelta(microseconds=1)).date(), by))
    periods = period_starts(starts[0], last, by)
    partial = partial_periods(periods, by, since, cutoff)
    cut = {p.start for p in partial}
    labels, shown = ticks(periods, by)
    topics = sorted(counts)
    top = max(max(per_topic.values()) for per_topic in counts.values())
    chart = pygal.Line(width=900, height=360, style=_style([topic_colors[t] for t in topics] * 2), js=[],
                       x_labels=labels, x_labels_major=shown, show_minor_x_labels=False, truncate_label=-1,
                       y_labels=_y_labels(top), y_title=f"articles per {by}", legend_at_bottom=True,
                       legend_at_bottom_columns=min(len(topics), 5), truncate_legend=-1, allow_interruptions=True,
                       dots_size=3, margin=12, spacing=12, show_x_guides=False)
    for topic in topics:
        chart.add(topic, [None if p in cut else counts[topic].get(p, 0) for p in periods])
    near = {i + d for i, p in enumerate(periods) if p in cut for d in (-1, 0, 1)}
    for topic in topics if cut else []:  # the partial periods, joined to their whole neighbours by a dashed line
        chart.add(None, [counts[topic].get(p, 0) if i in near else None for i, p in enumerate(periods)],
                  stroke_style=DASHED)  # no title: not in the legend
    return _data_uri(chart), partial


def outlets_chart(outlets: list[dict], topic_colors: dict) -> str:
    """The outlets with the most matched articles, each bar split by topic (SVG data: URI)."""
    pygal = _pygal()
    per_outlet: dict[str, dict[str, int]] = defaultdict(dict)
    for row in outlets:
        per_outlet[row["source"]][row["topic"]] = row["articles"]
    names = sorted(per_outlet, key=lambda s: (-sum(per_outlet[s].values()), s))[:CHART_OUTLETS][::-1]
    topics = [t for t in sorted(topic_colors) if any(per_outlet[s].get(t) for s in names)]
    top = max(sum(per_outlet[s].values()) for s in names)
    chart = pygal.HorizontalStackedBar(
        width=900, height=110 + 30 * len(names), style=_style([topic_colors[t] for t in topics]), js=[],
        x_labels=names, truncate_label=-1, y_labels=_y_labels(top), legend_at_bottom=True,
        legend_at_bottom_columns=min(len(topics), 5), truncate_legend=-1, margin=12, spacing=12,
        x_title="matched articles (an article matching two topics counts in both)")
    for topic in topics:
        chart.add(topic, [per_outlet[s].get(topic, 0) or None for s in names])
    return _data_uri(chart)

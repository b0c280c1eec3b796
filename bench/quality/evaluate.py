"""`python -m bench quality`: text F1, exact-day dates, language and titles of newswatch and of trafilatura alone,
side by side, per class of page, on the evaluation pages of bench/quality/pages (our own writing)."""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newswatch.text.dates import ORDER, choose_date, parse_w3c_date
from newswatch.text.extraction import extract, words

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# trafilatura alone: its defaults (tables kept, original dates, its own title) with comments off, as newswatch asks
ALONE_OPTIONS = {"include_comments": False, "deduplicate": False, "with_metadata": True}
# The crawl's first-seen time for these pages: after every one of them was published
FIRST_SEEN = datetime(2026, 4, 1, 12, tzinfo=UTC)


@dataclass
class Score:
    f1: float
    f1_untitled: float  # trafilatura alone: F1 once its first line is dropped when it is the title
    date_ok: bool
    language_ok: bool
    title_ok: bool
    seconds: float


@dataclass
class Case:
    slug: str
    expected: dict
    html: str


def load_cases(folder: Path = PAGES_DIR) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        cases.append(Case(path.stem, expected, path.with_suffix(".html").read_text(encoding="utf-8")))
    return cases


def text_f1(got: str, expected: str) -> float:
    """Bag-of-words F1 (lower-cased words, each CJK character a word) of a text against the expected one."""
    g, e = Counter(words(got or "")), Counter(words(expected))
    overlap = sum((g & e).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(g.values()), overlap / sum(e.values())
    return 2 * precision * recall / (precision + recall)


def same_day(got: datetime | str | None, expected: dict) -> bool:
    """The day of `got` is the expected day, read in the expected date's own time zone (a bare day as is)."""
    if got is None:
        return False
    if isinstance(got, str):
        return got[:10] == expected["date"]
    if got.time() == datetime.min.time() and got.utcoffset() is not None and not got.utcoffset():
        if got.date().isoformat() == expected["date"]:  # a date-only candidate, stored as midnight UTC
            return True
    return got.astimezone(_zone(expected)).date().isoformat() == expected["date"]


def _zone(expected: dict):
    offset = parse_w3c_date(expected.get("published")) if expected.get("published") else None
    return offset.tzinfo if offset else UTC


def channel_candidates(expected: dict) -> dict[str, datetime | None]:
    """What the feed or sitemap that listed the page said (the crawler passes the same to choose_date)."""
    return {name: parse_w3c_date(value) for name, value in expected.get("channel", {}).items()}


def newswatch_case(case: Case) -> tuple[Score, dict]:
    started = time.perf_counter()
    got = extract(case.html, case.expected["url"])
    candidates = {**channel_candidates(case.expected), **got.dates}
    published, source = choose_date(candidates, FIRST_SEEN)
    seconds = time.perf_counter() - started
    f1 = text_f1(got.text, case.expected["text"])
    score = Score(f1, f1, same_day(published, case.expected),
                  got.language == case.expected["language"], got.title == case.expected["title"], seconds)
    return score, {"candidates": candidates, "source": source, "passes": got.passes}


def alone_case(case: Case) -> Score:
    import trafilatura

    started = time.perf_counter()
    doc = trafilatura.bare_extraction(case.html, url=case.expected["url"], **ALONE_OPTIONS)
    seconds = time.perf_counter() - started
    text, date, language, title = (doc.text, doc.date, doc.language, doc.title) if doc else ("", None, None, "")
    first, _, rest = (text or "").partition("\n")
    untitled = rest if first.strip() in ((title or "").strip(), case.expected["title"]) else text
    return Score(text_f1(text, case.expected["text"]), text_f1(untitled, case.expected["text"]),
                 same_day(date, case.expected),
                 (language or "")[:2] == case.expected["language"], (title or "") == case.expected["title"], seconds)


def evaluate(cases: list[Case]) -> dict:
    """Every case scored both ways, plus how often each date candidate was right when present."""
    rows, candidates = [], defaultdict(lambda: [0, 0])
    for case in cases:  # warm-up, not timed: imports, the language model, dateparser's locales
        newswatch_case(case)
        alone_case(case)
    for case in cases:
        mine, detail = newswatch_case(case)
        rows.append((case, mine, alone_case(case), detail))
        for name, value in detail["candidates"].items():
            if value is not None:
                candidates[name][0] += 1
                candidates[name][1] += same_day(value, case.expected)
    return {"rows": rows, "candidates": dict(candidates)}


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def summary(result: dict) -> dict[str, dict[str, float]]:
    """Per class and overall: F1, date and language accuracy, title accuracy for newswatch (nw) and alone (tr)."""
    groups = defaultdict(list)
    for case, mine, alone, _ in result["rows"]:
        groups[case.expected["class"]].append((mine, alone))
        groups["ALL"].append((mine, alone))
    out = {}
    for name, pairs in groups.items():
        out[name] = {"pages": len(pairs)}
        for who, index in (("nw", 0), ("tr", 1)):
            scores = [pair[index] for pair in pairs]
            out[name].update({f"{who}_f1": _mean(s.f1 for s in scores),
                              f"{who}_f1u": _mean(s.f1_untitled for s in scores), f"{who}_date": _mean(s.date_ok for s in scores),
                              f"{who}_lang": _mean(s.language_ok for s in scores),
                              f"{who}_title": _mean(s.title_ok for s in scores),
                              f"{who}_ms": 1000 * _mean(s.seconds for s in scores)})
    return out


def report(result: dict) -> list[str]:
    table = summary(result)
    order = sorted((k for k in table if k != "ALL"), key=str) + ["ALL"]
    head = (f"{'class':10} {'pages':>5} | {'F1 nw':>6} {'F1 tr':>6} {'tr-h1':>6} | {'date nw':>7} {'date tr':>7} | "
            f"{'lang nw':>7} {'lang tr':>7} | {'title nw':>8} {'title tr':>8} | {'ms nw':>6} {'ms tr':>6}")
    lines = ["Extraction quality: newswatch (nw) vs trafilatura alone (tr) on our evaluation pages", head,
             "-" * len(head)]
    for name in order:
        r = table[name]
        lines.append(f"{name:10} {r['pages']:>5} | {r['nw_f1']:6.3f} {r['tr_f1']:6.3f} {r['tr_f1u']:6.3f} | {r['nw_date']:7.3f} "
                     f"{r['tr_date']:7.3f} | {r['nw_lang']:7.3f} {r['tr_lang']:7.3f} | {r['nw_title']:8.3f} "
                     f"{r['tr_title']:8.3f} | {r['nw_ms']:6.1f} {r['tr_ms']:6.1f}")
    lines.append("  F1: bag of words against the expected text (which has no title line); tr-h1: trafilatura alone with\n"
                 "  the title dropped from the head of its text, as newswatch does; date: exact day (newswatch with\n"
                 "  the feed/sitemap dates of the pages that have them); lang: ISO 639-1 code; title: exact; ms: per page")
    lines.append(f"  trafilatura alone: bare_extraction(html, url, **{ALONE_OPTIONS}), its date and title")
    lines.append("Date candidates (right day / present), in newswatch's order of trust:")
    lines.append("  " + ", ".join(f"{name} {result['candidates'][name][1]}/{result['candidates'][name][0]}"
                                  for name in ORDER if name in result["candidates"]))
    wins = Counter(detail["source"] for *_, detail in result["rows"])
    recall = sum(detail["passes"] == "recall" for *_, detail in result["rows"])
    lines.append(f"  date chosen from: {dict(wins.most_common())}; recall-favoured second pass kept on {recall} pages")
    misses = [f"{case.slug} ({detail['source']})" for case, mine, _, detail in result["rows"] if not mine.date_ok]
    lines.append(f"  newswatch's wrong days: {', '.join(misses) or 'none'}")
    worse = [case.slug for case, mine, alone, _ in result["rows"] if mine.f1 < alone.f1 - 0.005]
    lines.append(f"  pages where newswatch's text F1 is below trafilatura alone: {', '.join(worse) or 'none'}")
    return lines


def main() -> int:
    cases = load_cases()
    print("\n".join(report(evaluate(cases))))
    return 0

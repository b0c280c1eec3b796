"""Benchmark: finding deadlines with dateparser's search against newswatch's own patterns, on our sentences.

Usage: .venv/bin/python -m bench.bench_deadlines   (needs `pip install dateparser`; without it, ours only)
Each sentence of tests/test_deadlines.py has the periods and deadlines it states. A finder gets a
sentence right when the end dates it gives (for dateparser: the last date it finds, the only way to
read an end out of a plain list of dates) are exactly the expected ones, and it finds nothing in the
sentences that state no deadline.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime

from newswatch.text.deadlines import find_deadlines
from tests.test_deadlines import CASES, REFERENCE


def ours(sentence: str) -> list:
    return [d.ends for d in find_deadlines(sentence, REFERENCE)]


def with_dateparser(sentence: str) -> list:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime.combine(REFERENCE, datetime.min.time()), "PREFER_DATES_FROM": "future",
                "DATE_ORDER": "DMY"}
    found = search_dates(sentence, languages=["fr", "en"], settings=settings) or []
    return [found[-1][1].date()] if found else []


def score(finder) -> tuple[int, float, list[str]]:
    right, wrong = 0, []
    start = time.perf_counter()
    for sentence, expected in CASES:
        try:
            got = finder(sentence)
        except Exception as exc:  # noqa: BLE001 - a crash is a wrong answer here
            got = [f"error: {exc}"]
        if got == [e[1] for e in expected]:
            right += 1
        else:
            wrong.append(f"    {sentence[:70]!r}: expected {[str(e[1]) for e in expected]}, got {[str(g) for g in got]}")
    return right, (time.perf_counter() - start) / len(CASES) * 1000, wrong


def main() -> int:
    finders = {"newswatch.text.deadlines": ours}
    try:
        import dateparser

        finders[f"dateparser {dateparser.__version__} search_dates"] = with_dateparser
        with_dateparser("warm-up le 3 mars 2026")  # its first call loads the language data
    except ImportError:
        print("dateparser is not installed (pip install dateparser): newswatch's patterns only")
    print(f"{len(CASES)} sentences (French and English, {sum(not e for _, e in CASES)} without a deadline)")
    for name, finder in finders.items():
        right, ms, wrong = score(finder)
        print(f"{name:40} right {right:2}/{len(CASES)}   {ms:7.2f} ms per sentence")
        for line in wrong:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

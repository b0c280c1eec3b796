"""Benchmark: search latency and stats time on a synthetic archive (100,000 articles by default).

Usage: .venv/bin/python bench/bench_search.py [--articles 100000] [--queries 200] [--db FILE]
The archive is built through the real migrations (FTS triggers included) in a temporary folder,
or in FILE and kept there (an existing FILE is reused as is).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from newswatch.outputs.report import coverage_stats, render_report
from newswatch.outputs.search import search
from store.db import make_engine, session_factory, transaction
from store.migrate import upgrade
from store.models import Article, Match
from store.search import Window

TARGET_MS = 20.0
SEED = 20260218
START = datetime(2025, 1, 1, tzinfo=UTC)
DAYS = 700
FUNCTION_WORDS = ("le la les de des du un une et à en pour sur dans par au aux est sont que qui ne pas plus "
                  "the of and to in a is that for on with as by at from it be are was this have").split()
REAL_WORDS = ("projet ville mairie conseil eau énergie électricité réseau chaleur emploi entreprise région "
              "permis construire recours tribunal habitants collectif élus préfecture données serveurs "
              "refroidissement puissance mégawatts investissement millions milliards calcul intelligence "
              "artificielle numérique cloud site usine quartier gare Valence Romans Drôme Alixan Marseille "
              "Grenoble water power grid jobs council residents permit court appeal cooling compute energy "
              "investment billion servers capacity heat network campus").split()
PHRASES = {  # injected into some articles, with the topic each one implies
    "Sesterce et ses GPU": "sesterce", "le projet Sesterce": "sesterce", "Sesterce compute center": "sesterce",
    "parc de Rovaltain": "rovaltain", "l'Ecotox": "rovaltain", "Rovaltain business park": "rovaltain",
    "data center": "datacenters", "centre de données": "datacenters", "data-center": "datacenters",
    "datacenters": "datacenters", "centres de données": "datacenters",
}
SYLLABLES = ("ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge go la le li lo lu ma me mi mo mu "
             "na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo "
             "é è ê ou on an in eu oi ai er tion ment").split()


def vocabulary(rng: random.Random, size: int = 50_000) -> list[str]:
    """Words in Zipf rank order: function words first, the real words spread over ranks 200-2000, made-up words."""
    made_up: set[str] = set()
    while len(made_up) < size:
        made_up.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    words = sorted(made_up)
    rng.shuffle(words)
    for n, word in enumerate(REAL_WORDS):
        words.insert(200 + n * 1800 // len(REAL_WORDS), word)
    return FUNCTION_WORDS + words


def token_pool(rng: random.Random, words: list[str], length: int = 2_000_000) -> list[str]:
    """A long Zipf-distributed (s = 1) run of words; article texts are slices of it."""
    return rng.choices(words, cum_weights=list(itertools.accumulate(1 / (r + 1) for r in range(len(words)))),
                       k=length)


def make_articles(first_id: int, count: int, rng: random.Random, pool: list[str]) -> tuple[list[dict], list[dict]]:
    """Articles (dicts for INSERT) and their topic matches, deterministic for a seed."""
    sources = [f"outlet-{i:02d}" for i in range(40)]
    source_weights = [1 / (i + 1) for i in range(len(sources))]
    phrases = list(PHRASES)
    articles, matches = [], []
    for article_id in range(first_id, first_id + count):
        length = rng.randint(120, 600)
        start = rng.randrange(len(pool) - length)
        body = pool[start:start + length]
        title_start = rng.randrange(len(pool) - 12)
        title = pool[title_start:title_start + rng.randint(5, 12)]
        topics = set()
        if rng.random() < 0.2:
            for _ in range(rng.randint(1, 4)):
                phrase = rng.choice(phrases)
                body.insert(rng.randrange(len(body)), phrase)
                topics.add(PHRASES[phrase])
            if rng.random() < 0.5:
                title.insert(rng.randrange(len(title)), phrase)
        seen = START + timedelta(days=rng.random() * DAYS)
        articles.append({
            "id": article_id, "url": f"https://example.org/a/{article_id}",
            "canonical_url": f"https://example.org/a/{article_id}",
            "source": rng.choices(sources, weights=source_weights)[0],
            "title": " ".join(title).capitalize(), "text": " ".join(body),
            "published_at": None if rng.random() < 0.1 else seen - timedelta(hours=rng.random() * 30),
            "date_source": "meta", "language": rng.choices(["fr", "en", None], weights=[70, 25, 5])[0],
            "text_hash": f"{article_id:064x}", "first_seen": seen, "fetched_at": seen,
        })
        matches += [{"article_id": article_id, "topic": t, "terms": [t], "snippet": ""} for t in sorted(topics)]
    return articles, matches


def build_archive(url: str, count: int, seed: int = SEED) -> None:
    """Migrate a new archive and bulk-insert `count` synthetic articles (the FTS triggers index them)."""
    rng = random.Random(seed)
    pool = token_pool(rng, vocabulary(rng))
    upgrade(url)
    engine = make_engine(url, writer=True)
    sessions = session_factory(engine)
    for start in range(0, count, 10_000):
        articles, matches = make_articles(start + 1, min(10_000, count - start), rng, pool)
        with transaction(sessions) as session:
            session.execute(insert(Article), articles)
            if matches:
                session.execute(insert(Match), matches)
    engine.dispose()


def make_queries(rng: random.Random, count: int) -> list[tuple[str, bool, str, bool, Window]]:
    """(kind, filtered, text, advanced, window): a mix of kinds of query, every other one with filters."""
    words = vocabulary(random.Random(SEED))
    kinds = {  # kind: (share of the queries, advanced, candidates)
        "campaign words": (30, False, ["donnees", "data-center", '"centre de données"', "l'Ecotox", "Rovaltain",
                                       "Sesterce GPU", "electricite", "recours tribunal", "eau Valence",
                                       "water cooling", "mairie", "permis de construire"]),
        "mid-frequency word": (20, False, words[200:3000]),
        "rare word": (15, False, words[5000:]),
        "two words": (10, False, [f"{a} {b}" for a, b in zip(words[100:3000:7], words[3000:100:-7])]),
        "very common word": (10, False, FUNCTION_WORDS),
        "advanced": (15, True, ["sesterce OR rovaltain", "rovaltain NOT ecotox", "NEAR(data center, 2)", "datacent*",
                                "(eau OR water) AND (rovaltain OR valence)", "title:rovaltain",
                                "centr* NOT sesterce", '"centre de données" OR "data center"', "gpu OR gpus",
                                "NEAR(permis recours, 10)"]),
    }
    windows = [Window(topics=("rovaltain",)), Window(sources=("outlet-03",)), Window(language="en"),
               Window(since=START + timedelta(days=300)),
               Window(since=START + timedelta(days=100), until=START + timedelta(days=160)),
               Window(topics=("datacenters",), language="fr"), Window(sources=("outlet-00", "outlet-07"))]
    names = list(kinds)
    chosen = rng.choices(names, weights=[kinds[k][0] for k in names], k=count)
    return [(kind, i % 2 == 1, rng.choice(kinds[kind][2]), kinds[kind][1],
             rng.choice(windows) if i % 2 else Window()) for i, kind in enumerate(chosen)]


def timed(func) -> tuple[float, object]:
    started = time.perf_counter()
    result = func()
    return (time.perf_counter() - started) * 1000, result


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(articles: int, query_count: int, db: Path | None) -> list[tuple[str, int, float, float, float]]:
    """Build (or reuse) the archive, time the searches and stats; return (what, runs, median, p95, max) in ms."""
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "bench.db"
        url = f"sqlite:///{path}"
        if not path.exists():
            build_ms, _ = timed(lambda: build_archive(url, articles))
            print(f"built {articles} articles in {build_ms / 1000:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        upgrade(url)
        engine = make_engine(url)
        rows = []
        with session_factory(engine)() as session:
            search(session, "warm up")
            timings = []
            for kind, filtered, text, advanced, window in make_queries(random.Random(SEED + 1), query_count):
                ms, _ = timed(lambda: search(session, text, advanced=advanced, window=window, limit=20))
                timings.append((kind, filtered, ms))
            groups = [("search, all", timings), ("search, no filter", [t for t in timings if not t[1]]),
                      ("search, with filters", [t for t in timings if t[1]])]
            groups += [(f"  {kind}", [t for t in timings if t[0] == kind]) for kind in sorted({t[0] for t in timings})]
            for what, group in groups:
                values = [ms for *_, ms in group]
                if values:
                    rows.append((what, len(values), statistics.median(values), percentile(values, 0.95),
                                 max(values)))
            for by in ("week", "month"):
                times = [timed(lambda: coverage_stats(session, by))[0] for _ in range(3)]
                rows.append((f"stats --by {by}", 3, statistics.median(times), max(times), max(times)))
            report_ms, _ = timed(lambda: render_report(session, "month"))
            rows.append(("report (500 rows, 2 charts)", 1, report_ms, report_ms, report_ms))
        engine.dispose()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--db", type=Path, help="Build the archive here and keep it (reused if it exists).")
    args = parser.parse_args(argv)
    rows = run(args.articles, args.queries, args.db)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'what':30} {'runs':>5} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for what, runs, median, p95, worst in rows:
        print(f"{what:30} {runs:5d} {median:10.1f} {p95:8.1f} {worst:8.1f}")
    median_all = rows[0][2]
    print(f"median search / {TARGET_MS:.0f} ms target = {median_all / TARGET_MS:.2f}"
          f" ({'met' if median_all < TARGET_MS else 'missed'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

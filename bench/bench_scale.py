"""Benchmark: the same archive on SQLite and PostgreSQL: search median and the cost of archiving one article.

Usage: .venv/bin/python bench/bench_scale.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres
       [--articles 100000] [--queries 200] [--inserts 500]
Both archives are built with the same synthetic articles as bench_search.py (bulk insert through the
migrations' FTS triggers or generated column), then each gets `--inserts` articles through the crawl's
own write path (URL claim, lookup, insert, URLs, matches), one transaction each, and the same searches.
The PostgreSQL database is created for the run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_search import SEED, build_archive, make_queries, percentile  # noqa: E402
from newswatch.search import search  # noqa: E402
from newswatch.topics import TopicError, TopicMatch  # noqa: E402
from store import queries  # noqa: E402
from store.backend import reset_id_sequences  # noqa: E402
from store.copy import tables  # noqa: E402
from store.db import make_engine, session_factory, transaction  # noqa: E402
from store.models import utcnow  # noqa: E402


def measure(url: str, articles: int, query_count: int, inserts: int) -> dict:
    started = time.perf_counter()
    build_archive(url, articles)
    built = time.perf_counter() - started
    engine = make_engine(url, writer=True)
    sessions = session_factory(engine)
    with transaction(sessions) as session:  # the synthetic articles were inserted with their ids
        reset_id_sequences(session, tables())
    costs = []
    for n in range(inserts):
        link = f"https://bench.example/new/{n}"
        begin = time.perf_counter()
        with transaction(sessions) as session:
            queries.claim_urls(session, [link])
            if queries.article_by_urls(session, [link]) is None:
                article_id = queries.insert_article(
                    session, url=link, canonical_url=link, source="bench", title=f"Sesterce à Rovaltain {n}",
                    text="Le centre de données de Rovaltain présenté aux élus. " * 20, date_source="meta",
                    first_seen=utcnow(), fetched_at=utcnow())
                queries.add_article_urls(session, article_id, [link, link + "?utm_source=rss"])
                queries.replace_matches(session, article_id, [TopicMatch("rovaltain", ["rovaltain"], "…")])
        costs.append((time.perf_counter() - begin) * 1000)
    timings, refused = [], 0
    with sessions() as session:
        search(session, "warm up")
        for _, _, text, advanced, window in make_queries(random.Random(SEED + 1), query_count):
            begin = time.perf_counter()
            try:
                search(session, text, advanced=advanced, window=window, limit=20)
            except TopicError:
                refused += 1  # NEAR(…) on PostgreSQL: said plainly, not run
                continue
            timings.append((time.perf_counter() - begin) * 1000)
    engine.dispose()
    return {"build s": built, "insert ms median": statistics.median(costs), "insert ms p95": percentile(costs, 0.95),
            "search ms median": statistics.median(timings), "search ms p95": percentile(timings, 0.95),
            "searches": len(timings), "refused": refused}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True, help="An admin URL of a PostgreSQL server (a database is made).")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--inserts", type=int, default=500)
    args = parser.parse_args(argv)
    import psycopg
    from sqlalchemy import make_url

    admin = make_url(args.pg)
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"nw_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    results = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results["sqlite"] = measure(f"sqlite:///{Path(tmp) / 'bench.db'}", args.articles, args.queries,
                                        args.inserts)
        results["postgresql"] = measure(admin.set(database=name).render_as_string(hide_password=False),
                                        args.articles, args.queries, args.inserts)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"{args.articles} articles; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    keys = list(results["sqlite"])
    print(f"{'':20}" + "".join(f"{k:>18}" for k in keys))
    for backend, row in results.items():
        print(f"{backend:20}" + "".join(f"{row[k]:>18.2f}" if isinstance(row[k], float) else f"{row[k]:>18}"
                                        for k in keys))
    sq, pg = results["sqlite"], results["postgresql"]
    print(f"ratios PostgreSQL / SQLite: search median {pg['search ms median'] / sq['search ms median']:.2f}, "
          f"insert median {pg['insert ms median'] / sq['insert ms median']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

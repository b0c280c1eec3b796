"""Benchmark: the same archive on SQLite and PostgreSQL: search median and the cost of archiving one article.

Usage: .venv/bin/python bench/bench_scale.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres
       [--articles 100000] [--queries 200] [--inserts 500]
Both archives are built with the same synthetic articles as bench_search.py (bulk insert through the
migrations' FTS triggers or generated column), then each gets `--inserts` new articles through the crawl's
own write path (pipelines.saving.Saver: URL claim, lookup, near-copy search and story, the article with its
signatures, URLs, matches, evidence and fetch outcome), one transaction each, and the same searches.
It prints the statements each article costs. The PostgreSQL database is created for the run and dropped
afterwards.
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

from sqlalchemy import event  # noqa: E402

from bench.bench_search import SEED, build_archive, make_queries, percentile  # noqa: E402
from bench.words import FR, paragraph  # noqa: E402
from crawler.items import Page  # noqa: E402
from newswatch.outputs.evidence import RawResponse  # noqa: E402
from newswatch.outputs.search import search  # noqa: E402
from newswatch.text.extraction import Extracted  # noqa: E402
from newswatch.text.fingerprints import fingerprint  # noqa: E402
from newswatch.text.topics import TopicError, TopicMatch  # noqa: E402
from pipelines.saving import Saver  # noqa: E402
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
    with transaction(sessions) as session:
        queries.ensure_sources(session, ["bench"])
        saver = Saver(queries.start_run(session, "crawl").id, retry_runs=5, keep_raw=True)
    pages = new_pages(inserts)
    statements = [0]
    event.listen(engine, "before_cursor_execute", lambda *args: statements.__setitem__(0, statements[0] + 1))
    costs = []
    for page in pages:
        begin = time.perf_counter()
        with transaction(sessions) as session:
            saver.save(session, page)
        costs.append((time.perf_counter() - begin) * 1000)
        assert page.outcome == "stored", page.reason
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
            "statements/insert": statements[0] / inserts,
            "search ms median": statistics.median(timings), "search ms p95": percentile(timings, 0.95),
            "searches": len(timings), "refused": refused}


def new_pages(count: int) -> list[Page]:
    """Extracted, matching French articles as the crawl's store receives them, each with its raw response."""
    rng, stamp = random.Random(SEED + 2), time.time_ns()
    pages = []
    for n in range(count):
        link = f"https://bench.example/{stamp}/{n}"
        text = "\n\n".join(paragraph(rng, FR) for _ in range(8)) + " Le centre de données de Rovaltain."
        raw = RawResponse(url=link + "?utm_source=rss", final_url=link, status=200,
                          headers=[("Content-Type", "text/html; charset=utf-8")],
                          body=f"<html><body><article>{text}</article></body></html>".encode(), fetched_at=utcnow())
        extracted = Extracted(title=f"Sesterce à Rovaltain {n}", text=text, author=None, published=None,
                              date_source=None, language="fr", canonical_url=link, site_name="Bench")
        pages.append(Page(source="bench", url=raw.url, key=link, final_url=link, http_status=200,
                          fetched_at=utcnow(), extracted=extracted, fingerprint=fingerprint(text), raw=raw,
                          date_source="first_seen", matches=[TopicMatch("rovaltain", ["rovaltain"], "…")]))
    return pages


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

"""Benchmark: what keeping evidence costs — archive bytes per 1,000 articles with and without raw copies.

Usage: .venv/bin/python -m bench.bench_evidence [--articles 1000] [--seed 7]
Each article is one page of the benchmark's synthetic press site (100–250 KB of French or English
HTML with menus, scripts and comments), archived through the real migrations and store functions,
once with `keep_raw = true` and once with `keep_raw = false` (hashes and headers only).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.site import SyntheticSite
from newswatch.outputs.evidence import RawResponse, capture_fields
from store.db import make_engine, session_factory, transaction
from store.evidence import record_capture, storage
from store.migrate import upgrade
from store.queries import insert_article

T0 = datetime(2026, 1, 5, tzinfo=UTC)


def fill(folder: Path, pages: list[bytes], keep_raw: bool) -> tuple[int, float, dict]:
    """Archive one article and one capture per page; return the database size, seconds spent in capture_fields."""
    path = folder / f"evidence-{keep_raw}.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url, writer=True)
    packing = 0.0
    with transaction(session_factory(engine)) as session:
        for number, body in enumerate(pages):
            when = T0 + timedelta(minutes=number)
            article = insert_article(session, url=f"https://example.org/{number}", canonical_url=f"https://example.org/{number}",
                                     source="bench", title=f"article {number}", date_source="first_seen",
                                     text="", first_seen=when, fetched_at=when)
            raw = RawResponse(url=f"https://example.org/{number}", final_url=f"https://example.org/{number}",
                              status=200, headers=[("Content-Type", "text/html; charset=utf-8"),
                                                   ("ETag", f'"{number:08x}"'), ("Server", "bench")],
                              body=body, fetched_at=when)
            start = time.perf_counter()
            fields = capture_fields(raw, f"article {number}", "", "first sight", keep_raw)
            packing += time.perf_counter() - start
            record_capture(session, article, **fields)
        used = storage(session)
    engine.dispose()
    return path.stat().st_size, packing, used


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        site = SyntheticSite(folder / "site", args.seed)
        site.write(range(args.articles))
        pages = [site.file(i).read_bytes() for i in range(args.articles)]
        raw_total = sum(map(len, pages))
        with_raw, packing, used = fill(folder, pages, True)
        without, _, _ = fill(folder, pages, False)
    per = 1000 / args.articles
    print(f"{args.articles} articles, raw pages {raw_total / args.articles / 1024:.0f} KB on average")
    print(f"archive with keep_raw = true : {with_raw * per / 1e6:7.1f} MB per 1,000 articles "
          f"(bodies {used['stored_bytes'] * per / 1e6:.1f} MB packed from {used['raw_bytes'] * per / 1e6:.1f} MB)")
    print(f"archive with keep_raw = false: {without * per / 1e6:7.1f} MB per 1,000 articles (hashes and headers)")
    print(f"evidence costs {(with_raw - without) * per / 1e6:.1f} MB per 1,000 articles; "
          f"hashing and packing {packing / args.articles * 1000:.1f} ms per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())

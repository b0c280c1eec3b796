"""Benchmark: the cost of adding one article (copy lookup, story, insert, signatures) to a 1,000 and a 100,000 article archive.

Usage: .venv/bin/python bench/bench_dedup.py [--sizes 1000 100000] [--inserts 200]
Each archive is built in a temporary folder through the real migrations, its articles, stories, signatures and
band keys inserted in bulk (a tenth of them near-copies of an earlier article from another outlet). Then each
insert is timed the way the store pipeline adds an article, in its own BEGIN IMMEDIATE transaction: half new
texts, half rewrites of an archived article. The ratio of the medians is the figure to watch (target 1.3 at most).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from multiprocessing import Pool
from pathlib import Path

from sqlalchemy import insert

from newswatch.text.fingerprints import fingerprint
from store import dedup, queries
from store.db import make_engine, session_factory, transaction
from store.migrate import upgrade

TARGET_RATIO = 1.3
SEED = 20260301
CHUNK = 5_000
WARM_UP = 10  # inserts not timed: they warm the caches up
START = datetime(2025, 1, 1, tzinfo=UTC)
SOURCES = [f"outlet-{i:02d}" for i in range(40)]
SYLLABLES = ("ba be bi bo bu ca ce ci co da de di do fa fe fi ga ge go la le li lo lu ma me mi mo na ne ni no "
             "pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo ou on an in eu oi ai er").split()


class Texts:
    """Synthetic article texts: words drawn from a Zipf-weighted made-up vocabulary, and rewrites of them."""

    def __init__(self, rng: random.Random, size: int = 30_000):
        words: set[str] = set()
        while len(words) < size:
            words.add("".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))))
        self.words = sorted(words, key=lambda _: rng.random())
        self.cumulative = []
        total = 0.0
        for rank in range(len(self.words)):
            total += 1 / (rank + 1)
            self.cumulative.append(total)
        self.rng = rng

    def new(self) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=self.rng.randint(100, 300)))

    def rewrite(self, text: str, share: float = 0.1) -> str:
        """The same text with a share of its words replaced, as an outlet edits a wire story."""
        words = text.split()
        for i in self.rng.sample(range(len(words)), int(len(words) * share)):
            words[i] = self.rng.choice(self.words)
        return " ".join(words)


def _signatures(text: str) -> tuple:
    fp = fingerprint(text)
    return fp.exact, fp.simhash, fp.size, fp.simhash_bands(), fp.minhash_bands()


def build_archive(url: str, count: int, texts: Texts, workers: Pool) -> list[tuple[str, str, int]]:
    """Migrate a new archive and bulk-insert `count` articles with their stories and signatures.

    Returns (source, text, story_id) of every article, story ids being the ids of their first articles.
    The worker processes fingerprint one chunk while this one writes the previous chunk.
    """
    upgrade(url)
    engine = make_engine(url, writer=True)
    sessions = session_factory(engine)
    archived: list[tuple[str, str, int]] = []
    pending = None
    for start in [*range(1, count + 1, CHUNK), None]:
        chunk = None
        if start is not None:
            chunk = _make_chunk(range(start, min(start + CHUNK, count + 1)), texts, archived)
            chunk = (*chunk, workers.map_async(_signatures, [a["text"] for a in chunk[1]], chunksize=250))
        if pending is not None:
            _write_chunk(sessions, *pending)
        pending = chunk
    with transaction(sessions) as session:
        session.connection().exec_driver_sql(
            "UPDATE stories SET size = (SELECT count(*) FROM articles WHERE story_id = stories.id)")
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the timed inserts start from an empty WAL
    finally:
        raw.close()
    engine.dispose()
    return archived


def _make_chunk(ids: range, texts: Texts, archived: list) -> tuple[list[dict], list[dict]]:
    """Stories and articles for these ids; a tenth are copies of a recent article by another outlet."""
    rng, stories, articles = texts.rng, [], []
    for article_id in ids:
        seen = START + timedelta(minutes=article_id)
        if archived and rng.random() < 0.1:
            original_source, original_text, story_id = archived[rng.randrange(max(0, len(archived) - 2000),
                                                                              len(archived))]
            source = rng.choice([s for s in SOURCES if s != original_source])
            text, duplicate_of = texts.rewrite(original_text), story_id
        else:
            source, text, story_id, duplicate_of = rng.choice(SOURCES), texts.new(), article_id, None
            stories.append({"id": article_id, "title": f"story {article_id}", "first_seen": seen, "size": 1})
        archived.append((source, text, story_id))
        articles.append({"id": article_id, "url": f"https://{source}.example/{article_id}",
                         "canonical_url": f"https://{source}.example/{article_id}", "source": source,
                         "title": f"article {article_id}", "date_source": "first_seen", "text": text,
                         "text_hash": queries.text_hash(text), "first_seen": seen, "fetched_at": seen,
                         "checked_at": seen, "story_id": story_id, "duplicate_of": duplicate_of, "revisions": 0})
    return stories, articles


def _write_chunk(sessions, stories: list[dict], articles: list[dict], signatures) -> None:
    prints, simhash, minhash = [], [], []
    for article, (exact, value, size, s_bands, m_bands) in zip(articles, signatures.get()):
        prints.append((article["id"], exact, value, size))
        simhash += [(band, key, article["id"], value) for band, key in s_bands]
        minhash += [(band, key, article["id"]) for band, key in m_bands]
    with transaction(sessions) as session:
        connection = session.connection()
        connection.exec_driver_sql("PRAGMA cache_size = -400000")  # the bulk build only
        if stories:
            session.execute(insert(dedup.STORIES), stories)
        session.execute(insert(dedup.ARTICLES), articles)
        connection.exec_driver_sql("INSERT INTO article_fingerprints (article_id, exact, simhash, size) "
                                   "VALUES (?, ?, ?, ?)", prints)
        connection.exec_driver_sql("INSERT INTO simhash_bands (band, value, article_id, simhash) "
                                   "VALUES (?, ?, ?, ?)", sorted(simhash))
        connection.exec_driver_sql("INSERT INTO minhash_bands (band, hash, article_id) VALUES (?, ?, ?)",
                                   sorted(minhash))


def add_article(sessions, source: str, text: str, number: int) -> tuple[float, float]:
    """Add one article as the store pipeline does; return the milliseconds it took (wall clock, CPU)."""
    started, cpu = time.perf_counter(), time.process_time()
    url = f"https://{source}.example/new/{number}"
    with transaction(sessions) as session:
        fp = fingerprint(text)
        twin = dedup.find_copy(session, fp, source)
        if twin is not None and twin.source == source:
            queries.add_article_urls(session, twin.article_id, [url])
        else:
            now = datetime.now(UTC)
            story_id, duplicate_of = dedup.join_story(session, twin, f"new {number}", now)
            article_id = queries.insert_article(
                session, url=url, canonical_url=url, source=source, title=f"new {number}", date_source="first_seen",
                text=text, first_seen=now, fetched_at=now, checked_at=now, story_id=story_id,
                duplicate_of=duplicate_of)
            queries.add_article_urls(session, article_id, [url])
            dedup.index_article(session, article_id, fp)
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


class Archive:
    """One synthetic archive being measured."""

    def __init__(self, folder: Path, size: int, workers: Pool):
        self.size, self.path = size, folder / f"archive-{size}.db"
        self.rng = random.Random(SEED + size)
        self.texts = Texts(self.rng)
        started = time.perf_counter()
        self.archived = build_archive(f"sqlite:///{self.path}", size, self.texts, workers)
        self.built_s = time.perf_counter() - started
        self.engine = make_engine(f"sqlite:///{self.path}", writer=True)
        self.sessions = session_factory(self.engine)
        self.times: dict[str, list[float]] = {"new text": [], "copy": [], "cpu": []}

    def add_one(self, number: int, keep: bool) -> None:
        """Half new texts, half rewrites of an archived article by another outlet (the story join path)."""
        if number % 2:
            source, text, _ = self.rng.choice(self.archived)
            source, text, case = self.rng.choice([s for s in SOURCES if s != source]), self.texts.rewrite(text), "copy"
        else:
            source, text, case = self.rng.choice(SOURCES), self.texts.new(), "new text"
        wall, cpu = add_article(self.sessions, source, text, number)
        if keep:
            self.times[case].append(wall)
            self.times["cpu"].append(cpu)

    def row(self) -> dict:
        every = self.times["new text"] + self.times["copy"]
        self.engine.dispose()
        return {"size": self.size, "built_s": self.built_s, "mb": self.path.stat().st_size / 1e6,
                "wall": statistics.median(every), "p90": sorted(every)[int(0.9 * (len(every) - 1))],
                **{case: statistics.median(values) for case, values in self.times.items()}}


def measure(sizes: list[int], inserts: int) -> list[dict]:
    """Build every archive, then time inserts alternately into each (so a busy machine slows them alike)."""
    with tempfile.TemporaryDirectory() as tmp, Pool() as workers:
        archives = [Archive(Path(tmp), size, workers) for size in sizes]
        for number in range(inserts + WARM_UP):
            for archive in archives:
                archive.add_one(number, keep=number >= WARM_UP)
        return [archive.row() for archive in archives]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1_000, 100_000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--inserts", type=int, default=200)
    args = parser.parse_args(argv)
    rows = measure(args.sizes, args.inserts)
    print("milliseconds to add one article (medians; wall clock unless said; CPU time is what a busy machine")
    print("cannot inflate by running other processes in between)")
    print(f"{'archive':>9} {'built in':>9} {'size':>7} {'median':>8} {'p90':>7} {'new text':>9} {'copy':>7} {'CPU':>7}")
    for row in rows:
        print(f"{row['size']:9,d} {row['built_s']:8.0f}s {row['mb']:5.0f}MB {row['wall']:8.2f} {row['p90']:7.2f} "
              f"{row['new text']:9.2f} {row['copy']:7.2f} {row['cpu']:7.2f}")
    wall, cpu = (rows[1][k] / rows[0][k] for k in ("wall", "cpu"))
    verdict = "within" if max(wall, cpu) <= TARGET_RATIO else "above"
    print(f"ratio {rows[1]['size']:,} / {rows[0]['size']:,}: {wall:.2f} (CPU time {cpu:.2f}), {verdict} the "
          f"{TARGET_RATIO} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())

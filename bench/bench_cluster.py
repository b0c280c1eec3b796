"""Benchmark: one distributed crawl of the sample press site (4 sources) with 1, 2 and 4 worker processes.

Usage: .venv/bin/python bench/bench_cluster.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres
       --redis redis://127.0.0.1:6379/0
Each round: a new PostgreSQL database, N `newswatch worker --concurrency 1` processes, one
`newswatch crawl --distributed`; wall time, pages fetched per second and CPU seconds per page of the
workers' whole process trees (crawl children included). Small (about 50 pages): start-up weighs a lot.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newswatch.demo.run import demo_config  # noqa: E402
from newswatch.demo.server import DemoSite  # noqa: E402


def database(admin: str, name: str, drop: bool = False) -> str:
    import psycopg
    from sqlalchemy import make_url

    url = make_url(admin)
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' if drop else f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def round_with(workers: int, site, admin: str, broker: str, folder: Path) -> tuple[float, int, float]:
    name = f"nw_cluster_{workers}_{os.getpid()}"
    url = database(admin, name)
    config = folder / f"w{workers}.toml"
    config.write_text(demo_config(site, folder / "unused.db", "", store_url=url)
                      + f'\n[cluster]\nbroker = "{broker}"\n', encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    procs = [subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "worker", "--concurrency",
                               "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(folder / f"worker{workers}.log", "w"),
                              start_new_session=True) for _ in range(workers)]
    time.sleep(5)  # the workers connect
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "newswatch", "--config", str(config), "crawl", "--distributed"],
                            cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode:
        print(result.stderr[-2000:], file=sys.stderr)
    for proc in procs:
        os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        proc.wait(120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    database(admin, name, drop=True)
    fetched = sum(int(n) for n in re.findall(r"(?:stored|no_topic|duplicate) (\d+)", result.stdout))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, fetched, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True)
    parser.add_argument("--redis", required=True)
    args = parser.parse_args(argv)
    print(f"{'workers':>8} {'wall s':>8} {'pages':>6} {'pages/s':>8} {'CPU s/page':>11}")
    with DemoSite() as site, tempfile.TemporaryDirectory() as tmp:
        for workers in (1, 2, 4):
            wall, pages, cpu = round_with(workers, site, args.pg, args.redis, Path(tmp))
            print(f"{workers:>8} {wall:>8.1f} {pages:>6} {pages / wall:>8.2f} {cpu / max(pages, 1):>11.3f}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

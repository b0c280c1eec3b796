"""Run every benchmark and print one report: `python -m bench [--quick]`; `python -m bench quality` for the
extraction-quality evaluation alone."""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import machine
from bench.scenarios import FULL, QUICK, Bench, Sizes
from bench.server import SiteServer
from bench.site import KINDS, SyntheticSite

HERE = Path(__file__).resolve().parent
ARCHIVE_BENCHES = ("bench_dedup.py", "bench_search.py")  # written alongside: folded into this report when present
COMPARISONS = ("throughput", "watch", "recrawl", "memory")


def generator_version() -> str:
    """Pages are cached on disk per seed and per version of the generator's code."""
    digest = hashlib.sha1()
    for name in ("words.py", "pages.py", "realistic.py", "site.py"):
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:10]


def _write_chunk(args: tuple[Path, int, str, list[int]]) -> None:
    folder, seed, kind, indices = args
    SyntheticSite(folder, seed, kind).write(indices)


def prepare_site(cache: Path, seed: int, count: int, kind: str = "realistic") -> SyntheticSite:
    """Render pages 0…count-1 to the cache (on every core, once) and register them for serving."""
    folder = cache / f"site-{kind}-{seed}-{generator_version()}"
    site = SyntheticSite(folder, seed, kind)
    missing = [i for i in range(count) if not site.file(i).exists()]
    if missing:
        chunks = [(folder, seed, kind, missing[i::os.cpu_count() or 1]) for i in range(os.cpu_count() or 1)]
        with multiprocessing.get_context("forkserver").Pool(len(chunks)) as pool:
            pool.map(_write_chunk, chunks)
    site.write(range(count))
    return site


def archive_benches(quick: bool) -> list[str]:
    """Run the dedup and search benchmarks that exist next to this file and return their output."""
    lines = []
    for name in ARCHIVE_BENCHES:
        script = HERE / name
        if not script.exists():
            lines.append(f"{name}: not present yet, skipped")
            continue
        command = [sys.executable, str(script)]
        if quick:
            helptext = subprocess.run(command + ["--help"], capture_output=True, text=True, cwd=HERE.parent).stdout
            command += ["--quick"] if "--quick" in helptext else []
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parent)
        lines.append(f"--- {name} {' '.join(command[2:])} ({time.perf_counter() - started:.0f} s, exit {done.returncode})")
        lines.append((done.stdout + (done.stderr if done.returncode else "")).rstrip())
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["quality"]:
        from bench.quality.evaluate import main as quality

        print(machine(), flush=True)
        return quality()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller run (200/400/1,000 pages), about 3 minutes")
    parser.add_argument("--only", action="append", choices=COMPARISONS + ("archive",),
                        help="run only this part (repeatable)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic site (default 7)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newswatch-bench",
                        help="where generated pages are kept between runs")
    parser.add_argument("--keep", action="store_true", help="keep the archives and configs of this run")
    args = parser.parse_args(argv)
    return run(QUICK if args.quick else FULL, set(args.only or COMPARISONS + ("archive",)), args)


def run(sizes: Sizes, parts: set[str], args) -> int:
    started = time.perf_counter()
    print(machine(), flush=True)
    if sizes != FULL:
        print("--quick: fixed start-up costs (about 2 s per crawl) weigh more on small runs; the ratios that count"
              " come from the full run", flush=True)
    sites = []
    for kind in KINDS:  # the realistic pages carry every comparison; the old ones are a second row of 1 and 3
        count = sizes.total if kind == KINDS[0] else sizes.throughput + sizes.new_pages
        site = prepare_site(args.cache, args.seed, count, kind)
        sample = [len(site.file(i).read_bytes()) for i in range(0, count, max(1, count // 200))]
        print(f"{kind} site: {count} pages generated (seed {args.seed}), HTML {min(sample) / 1024:.0f}–"
              f"{max(sample) / 1024:.0f} KB, mean {sum(sample) / len(sample) / 1024:.0f} KB, in {site.folder}",
              flush=True)
        sites.append(site)
    from newswatch.text.language import warm_up

    warm_up()  # makes the unpacked language model (once per machine) here, so that no timed crawl makes it
    print(flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="newswatch-bench-run-"))
    try:
        with SiteServer(sites[0]) as server, SiteServer(sites[1]) as old_server:
            bench = Bench(sites[0], server, workdir, sizes, others=[(sites[1], old_server)])
            if "recrawl" in parts:
                parts.add("throughput")
            for part in COMPARISONS:
                if part in parts:
                    print("\n".join(getattr(bench, part)()) + "\n", flush=True)
        if "archive" in parts:
            print("\n".join(["Archive benchmarks (deduplication and search issues)", *archive_benches(args.quick)]))
    finally:
        if args.keep:
            print(f"archives and configs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nwhole bench: {time.perf_counter() - started:.0f} s", flush=True)
    return 0

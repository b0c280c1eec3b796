"""The four comparisons of the issue, side by side on the same synthetic pages; each returns its printed lines."""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.contenders import (ALONE_OPTIONS, CLI_FLAGS, archived, newswatch_config, run_alone, run_cli,
                              run_newswatch, run_scrapy_alone)
from bench.report import RUN_HEADERS, run_row, table, verdict
from bench.server import SiteServer
from bench.site import SyntheticSite


@dataclass(frozen=True)
class Sizes:
    throughput: int = 1000  # comparison 1 (and the first crawl of comparison 3)
    watch: int = 2000  # comparison 2
    new_ratio: float = 0.02  # comparison 3
    memory: int = 5000  # comparison 4
    watch_rounds: int = 3  # comparison 2 is run this many times, each watch beside its floor: the median is reported

    @property
    def new_pages(self) -> int:
        return max(1, math.ceil(self.throughput * self.new_ratio))

    @property
    def total(self) -> int:
        """Pages to generate: every range used, plus the new articles of comparison 3 after them."""
        return max(self.throughput + self.watch, self.memory) + self.new_pages


FULL = Sizes()
QUICK = Sizes(throughput=200, watch=400, memory=1000)


class Bench:
    """The comparisons on the main site (realistic pages); throughput and re-crawl also on `others` (the old site)."""

    def __init__(self, site: SyntheticSite, server: SiteServer, workdir: Path, sizes: Sizes,
                 others: list[tuple[SyntheticSite, SiteServer]] = ()):
        self.site, self.server, self.workdir, self.sizes = site, server, workdir, sizes
        self.others = list(others)
        self.first_crawls: list[tuple[SyntheticSite, SiteServer, Path, object, Counter]] = []

    def channels(self, name: str, indices, site: SyntheticSite | None = None,
                 server: SiteServer | None = None) -> list[str]:
        return list((site or self.site).publish(name, indices, (server or self.server).base))

    # --- 1 --------------------------------------------------------------------------------------

    def throughput(self) -> list[str]:
        n = self.sizes.throughput
        pages = range(0, n)
        rows, lines, cores = [], [], os.cpu_count() or 1
        for number, (site, server) in enumerate([(self.site, self.server), *self.others]):
            main = number == 0
            config = newswatch_config(self.workdir / f"c1-{site.kind}", self.channels("c1", pages, site, server),
                                      keep_unmatched=True)
            server.reset()
            crawl = run_newswatch(config)
            seen = server.reset()
            fetched = _article_fetches(seen, site, pages)
            got = archived(config)
            self.first_crawls.append((site, server, config, crawl, seen))
            alone = run_alone(site.folder, server.base, pages, kind=site.kind)
            rows += [run_row(f"{site.kind}: newswatch crawl (whole pipeline)", n, crawl)
                     + [f"{got.articles} articles archived"],
                     run_row(f"{site.kind}: (a) trafilatura alone, 1 process", n, alone) + [f"{alone.output.strip()} texts"]]
            if main:
                text_only = run_alone(site.folder, server.base, pages, metadata=False, kind=site.kind)
                cli, written = run_cli(self.workdir / "c1-cli", [site.url(server.base, i) for i in pages])
                server.reset()
                rows += [run_row(f"{site.kind}: (a') same, text only (no metadata)", n, text_only)
                         + [f"{text_only.output.strip()} texts"],
                         run_row(f"{site.kind}: (b) trafilatura CLI (download+extract)", n, cli) + [f"{written} files"]]
            ideal = max(crawl.cpu / cores, crawl.parent_cpu)
            lines += [
                f"  {site.kind} pages: newswatch CPU per page: parent {1000 * crawl.parent_cpu / n:.1f} ms, extraction"
                f" workers {1000 * (crawl.cpu - crawl.parent_cpu) / n:.1f} ms; trafilatura alone"
                f" {1000 * alone.cpu / n:.1f} ms; every article page fetched at most once:"
                f" {max(fetched.values(), default=0) <= 1} ({sum(fetched.values())} requests)",
                verdict(f"{site.kind}: newswatch / (a)", alone.wall / crawl.wall, 1.5 if main else 1.6),
                verdict(f"{site.kind}: wall / ideal on {cores} cores at the measured CPU"
                        f" (max(CPU / {cores}, parent CPU) = {ideal:.1f} s)", 100 * (crawl.wall / ideal - 1), 15, False, " % over"),
            ]
            if main:
                lines.append(verdict(f"{site.kind}: newswatch / (b)", cli.wall / crawl.wall, 1.5))
        return [
            f"1. Throughput, everything extracted: {n} pages via a news sitemap, delay 0, keep_unmatched = true",
            table(RUN_HEADERS + ["output"], rows),
            f"  (a)  trafilatura.bare_extraction(html, url, **{ALONE_OPTIONS}), page after page:\n"
            "       the text and the metadata newswatch stores\n"
            "  (a') the same without metadata, for context: newswatch reads title, author, date and site name from\n"
            "       the page's markup and runs trafilatura's metadata search only when one of them is missing\n"
            f"  (b)  trafilatura -i urls.txt {' '.join(CLI_FLAGS)}, SLEEP_TIME 0, default --parallel\n"
            "       (it fetches one URL per host at a time and extracts in its main process)\n"
            "  ideal: both cores busy from the first second to the last with the CPU this crawl measured"
            " (and never less than the parent's own CPU)",
            *lines,
        ]

    # --- 2 --------------------------------------------------------------------------------------

    def watch(self) -> list[str]:
        n, start = self.sizes.watch, self.sizes.throughput
        pages = range(start, start + n)
        relevant = [i for i in pages if self.site.info(i).planted]
        planted = {self.site.url(self.server.base, i) for i in relevant}
        channels = self.channels("c2", pages)
        urls = [self.site.url(self.server.base, i) for i in pages]
        cores = os.cpu_count() or 1
        rounds = []  # this host's speed drifts by tens of percent within minutes: each watch is timed beside its floor
        for number in range(self.sizes.watch_rounds):
            filtered = newswatch_config(self.workdir / f"c2-watch-{number}", channels, keep_unmatched=False)
            watch_run = run_newswatch(filtered)
            watch_got = archived(filtered)
            download = run_scrapy_alone(self.workdir / f"c2-scrapy-{number}", urls)
            extract = run_alone(self.site.folder, self.server.base, relevant, metadata=False, kind=self.site.kind)
            self.server.reset()
            missed = planted - watch_got.urls
            assert not missed, f"the watch missed {len(missed)} matching articles: {sorted(missed)[:5]}"
            floor = max(download.wall, (download.cpu + extract.cpu) / cores)
            rounds.append((floor / watch_run.wall, watch_run, watch_got, download, extract, floor))
        everything = newswatch_config(self.workdir / "c2-everything", channels, keep_unmatched=True)
        all_run = run_newswatch(everything)
        all_got = archived(everything)
        self.server.reset()
        ratios = [r[0] for r in rounds]
        _, watch_run, watch_got, download, extract, floor = sorted(rounds, key=lambda r: r[0])[(len(rounds) - 1) // 2]
        missed, extra = planted - watch_got.urls, watch_got.urls - planted
        skipped = watch_got.outcomes.get("no_topic", 0)
        return [
            f"2. Throughput, a real watch: {n} pages, {len(planted)} of them ({len(planted) / n:.0%}) mention a topic",
            table(RUN_HEADERS + ["output"], [
                run_row("newswatch keep_unmatched = false", n, watch_run)
                + [f"{watch_got.articles} archived, {skipped} no_topic"],
                run_row("newswatch keep_unmatched = true", n, all_run) + [f"{all_got.articles} archived"],
                run_row("floor: Scrapy alone, download only", n, download) + [f"{download.output.strip()} pages"],
                run_row("floor: (a') on the relevant pages only", len(relevant), extract)
                + [f"{extract.output.strip()} texts"],
            ]),
            f"  every matching article found: archived {watch_got.matched} == planted {len(planted)}:"
            f" {watch_got.matched == len(planted) and not missed} (missed {len(missed)}, unexpected {len(extra)})",
            f"  context: watch rate / extract-everything rate = {all_run.wall / watch_run.wall:.2f}×",
            "  floor: a Scrapy crawl must at least download every page (one process, one core) and extract the\n"
            "  relevant ones; with nothing else to do and both perfectly spread over the cores it would take\n"
            f"  max({download.wall:.1f} s, ({download.cpu:.1f} + {extract.cpu:.1f}) CPU s / {cores} cores) = {floor:.1f} s,"
            f" so the best ratio any Scrapy-based watch reaches here is {all_run.wall / floor:.2f}×;"
            f" newswatch reaches {floor / watch_run.wall:.0%} of that floor's speed",
            f"  watch speed / floor speed in each of {len(rounds)} rounds (a watch, then its floor): "
            + ", ".join(f"{100 * r:.0f} %" for r in ratios) + "; the table and the verdict are the median round's",
            verdict("watch speed / floor speed", 100 * floor / watch_run.wall, 80, unit=" %"),
            f"  watch CPU per page: parent {1000 * watch_run.parent_cpu / n:.1f} ms, workers"
            f" {1000 * (watch_run.cpu - watch_run.parent_cpu) / n:.1f} ms; download-only spider {1000 * download.cpu / n:.1f} ms",
        ]

    # --- 3 --------------------------------------------------------------------------------------

    def recrawl(self) -> list[str]:
        n, new = self.sizes.throughput, self.sizes.new_pages
        old_pages = range(0, n)
        rows, lines = [], []
        for site, server, config, first, seen_first in self.first_crawls:
            server.reset()
            unchanged = run_newswatch(config)
            seen_unchanged = server.reset()
            added = range(self.sizes.total - new, self.sizes.total)
            self.channels("c1", [*old_pages, *added], site, server)
            grown = run_newswatch(config)
            seen_grown = server.reset()
            got = archived(config)
            refetched = (sum(_article_fetches(seen_unchanged, site, old_pages).values())
                         + sum(_article_fetches(seen_grown, site, old_pages).values()))
            new_fetches = _article_fetches(seen_grown, site, added)
            first_fetches = _article_fetches(seen_first, site, old_pages)
            rows += [run_row(f"{site.kind}: first crawl (comparison 1)", n, first)
                     + [f"{sum(first_fetches.values())}", _statuses(seen_first)],
                     run_row(f"{site.kind}: re-crawl, site unchanged", n, unchanged)
                     + [f"{sum(_article_fetches(seen_unchanged, site, old_pages).values())}", _statuses(seen_unchanged)],
                     run_row(f"{site.kind}: re-crawl, {new} new articles", n + new, grown)
                     + [f"{sum(new_fetches.values())}", _statuses(seen_grown)]]
            lines += [
                f"  {site.kind}: no article page fetched twice: {refetched == 0 and max(new_fetches.values(), default=0) <= 1}"
                f" (old pages re-fetched: {refetched}; new pages fetched: {sum(new_fetches.values())}/{new};"
                f" archive now holds {got.articles}); a crawl that finds nothing new costs {unchanged.cpu:.2f} CPU s"
                f" (parent {unchanged.parent_cpu:.2f})",
                verdict(f"{site.kind}: unchanged re-crawl wall / first crawl wall", 100 * unchanged.wall / first.wall, 5,
                        False, "%"),
                verdict(f"{site.kind}: re-crawl with {new} new / first crawl wall", 100 * grown.wall / first.wall, 5,
                        False, "%"),
            ]
        return [
            f"3. Daily re-crawl of the comparison-1 sites: unchanged, then with {new} new articles ({self.sizes.new_ratio:.0%})",
            table(RUN_HEADERS + ["article requests", "sitemap, feed status"], rows),
            *lines,
        ]

    # --- 4 --------------------------------------------------------------------------------------

    def memory(self) -> list[str]:
        n = self.sizes.memory
        config = newswatch_config(self.workdir / "c4-memory", self.channels("c4", range(n)), keep_unmatched=True)
        crawl = run_newswatch(config, pss=True)
        got = archived(config)
        self.server.reset()
        return [
            f"4. Memory: peak resident memory of the whole crawl (parent + extraction workers) on {n} pages",
            table(RUN_HEADERS + ["peak PSS MB", "processes", "output"], [
                run_row("newswatch keep_unmatched = true", n, crawl)
                + [f"{crawl.peak_pss / 2**20:,.0f}", crawl.peak_processes, f"{got.articles} archived"]]),
            "  peak RSS = the largest sum of VmRSS over the crawl's process tree, sampled every 50 ms: the workers are"
            " forked from one fork server and share its libraries, which this sum counts once per process (an upper"
            " bound); peak PSS = the same sum of proportional set sizes (each shared page split between the processes"
            " sharing it): the memory the crawl really takes from the machine",
            verdict("peak RSS of all processes (upper bound)", crawl.peak_rss / 2**20, 500, False, " MB"),
            verdict("peak PSS of all processes (memory taken)", crawl.peak_pss / 2**20, 500, False, " MB"),
        ]


def _article_fetches(seen: Counter, site: SyntheticSite, indices) -> Counter:
    """How many times each article page of `indices` was requested."""
    paths = {site.info(i).path for i in indices}
    fetches: Counter = Counter()
    for (path, _status), count in seen.items():
        if path in paths:
            fetches[path] += count
    return fetches


def _statuses(seen: Counter) -> str:
    def of(suffix: str) -> str:
        return "/".join(str(status) for (path, status), _ in sorted(seen.items()) if path.endswith(suffix)) or "-"

    return f"{of('sitemap_news.xml')}, {of('rss.xml')}"

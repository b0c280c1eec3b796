"""The three ways of getting text out of the same pages: newswatch's crawl, trafilatura alone, trafilatura's CLI."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from bench.procs import Measured, run_measured
from newswatch.defaults import TOPICS_TOML
from newswatch.text.extraction import TRAFILATURA_OPTIONS
from store import queries
from store.db import make_engine, session_factory

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# What trafilatura alone is asked for: newswatch's text options, plus the metadata newswatch also delivers.
ALONE_OPTIONS = {**TRAFILATURA_OPTIONS, "with_metadata": True}


@dataclass
class Archived:
    """What a crawl left in its archive."""

    articles: int
    matched: int
    urls: set[str]
    outcomes: dict[str, int]


def clean_env() -> dict[str, str]:
    """This environment without NEWSWATCH_* variables (a database URL there would override the bench's)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}


def newswatch_config(folder: Path, channels: list[str], keep_unmatched: bool) -> Path:
    """Write a config crawling the given sitemap and feed URLs, at full speed, into folder/newswatch.db."""
    folder.mkdir(parents=True, exist_ok=True)
    sitemaps = [c for c in channels if "sitemap" in c]
    feeds = [c for c in channels if c not in sitemaps]
    text = (f'[store]\nurl = "sqlite:///{(folder / "newswatch.db").resolve()}"\n\n'
            '[crawl]\nuser_agent = "newswatch-bench/0.1 (+https://example.org/newswatch)"\n'
            'delay_seconds = 0\nconcurrency_per_domain = 32\ntimeout_seconds = 60\nmax_age_days = 0\n'
            f'keep_unmatched = {str(keep_unmatched).lower()}\nallow_hosts = ["127.0.0.1"]\n\n'
            + TOPICS_TOML + '\n[[sources]]\nname = "synthetic-press"\n'
            + f"sitemaps = {_toml_list(sitemaps)}\nfeeds = {_toml_list(feeds)}\n")
    path = folder / "newswatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def run_newswatch(config: Path, pss: bool = False) -> Measured:
    """`newswatch crawl` as a child process, exactly as a user or cron runs it (`pss`: sample its memory's PSS too)."""
    measured = run_measured([sys.executable, "-m", "newswatch", "--config", str(config), "crawl"],
                            cwd=REPO, env=clean_env(), pss=pss)
    if measured.returncode != 0:
        raise RuntimeError(f"newswatch crawl exited {measured.returncode}:\n{measured.output[-3000:]}")
    return measured


def archived(config: Path) -> Archived:
    engine = make_engine(f"sqlite:///{(config.parent / 'newswatch.db').resolve()}")
    try:
        with session_factory(engine)() as session:
            urls = {a.url for a in queries.iter_articles(session, matched_only=False)}
            return Archived(articles=queries.article_count(session), matched=queries.article_count(session, True),
                            urls=urls, outcomes=queries.fetch_outcomes(session))
    finally:
        engine.dispose()


def run_alone(folder: Path, base: str, indices, metadata: bool = True, kind: str = "synthetic") -> Measured:
    """(a) trafilatura.bare_extraction over the same HTML, one page after the other, in one child process."""
    command = [sys.executable, "-m", "bench.contenders", str(folder), base, ",".join(map(str, indices)),
               "metadata" if metadata else "text", kind]
    measured = run_measured(command, cwd=REPO, env=clean_env())
    if measured.returncode != 0:
        raise RuntimeError(f"trafilatura alone failed:\n{measured.output[-3000:]}")
    return measured


def extract_alone(folder: Path, base: str, indices, metadata: bool = True, kind: str = "synthetic") -> int:
    """Extract every page with trafilatura alone; return how many gave text."""
    from bench.site import SyntheticSite

    site = SyntheticSite(folder, kind=kind)
    options = ALONE_OPTIONS if metadata else TRAFILATURA_OPTIONS
    found = 0
    for index in indices:
        html = site.html(index, base).decode("utf-8")
        doc = trafilatura.bare_extraction(html, url=site.url(base, index), **options)
        found += bool(doc and doc.text)
    return found


def cli_config(folder: Path) -> Path:
    """trafilatura's own settings with no sleep between requests and loopback allowed (our server is local)."""
    text = (Path(trafilatura.__file__).parent / "settings.cfg").read_text()
    text = text.replace("SLEEP_TIME = 5.0", "SLEEP_TIME = 0").replace("SSRF_PROTECTION = on", "SSRF_PROTECTION = off")
    path = folder / "trafilatura.cfg"
    path.write_text(text)
    return path


CLI_FLAGS = ["--json", "--no-comments", "--no-tables", "--with-metadata"]


def run_cli(folder: Path, urls: list[str]) -> tuple[Measured, int]:
    """(b) the `trafilatura` command line downloading and extracting the URL list, with its default parallelism."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "urls.txt").write_text("\n".join(urls) + "\n")
    out = folder / "out"
    command = [str(VENV_BIN / "trafilatura"), "--input-file", str(folder / "urls.txt"), "--output-dir", str(out),
               *CLI_FLAGS, "--config-file", str(cli_config(folder))]
    measured = run_measured(command, cwd=folder, env=clean_env())
    written = sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0
    return measured, written


def run_scrapy_alone(folder: Path, urls: list[str]) -> Measured:
    """Scrapy downloading the URL list and doing nothing else (bench/scrapy_alone.py): the floor of any crawl."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "urls.txt").write_text("\n".join(urls) + "\n")
    measured = run_measured([sys.executable, "-m", "bench.scrapy_alone", str(folder / "urls.txt")], cwd=REPO,
                            env=clean_env())
    if measured.returncode != 0 or measured.output.strip() != str(len(urls)):
        raise RuntimeError(f"the download-only spider failed:\n{measured.output[-3000:]}")
    return measured


if __name__ == "__main__":
    folder, base, indices, what, kind = sys.argv[1:6]
    print(extract_alone(Path(folder), base, [int(i) for i in indices.split(",")], metadata=what == "metadata",
                        kind=kind))

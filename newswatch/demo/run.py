"""`newswatch demo`: serve the sample press site, crawl it as a child process, show what was found."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import click

from newswatch.defaults import TOPICS_TOML


def demo_config(site, db_path: Path, extra_crawl: str = "", documents: bool = False, leads: bool = False,
                store_url: str | None = None, keep_raw: bool = True) -> str:
    """A config for crawling the running sample site into db_path (or the archive at store_url) with the default
    topics (and, with `documents`, the prefecture's official documents; with `leads`, its hard cases: search
    feeds, a walled daily, a paywalled weekly; without `keep_raw`, no raw response kept as evidence)."""
    return (f'[store]\nurl = "{store_url or f"sqlite:///{db_path.resolve()}"}"\n'
            + ("" if keep_raw else "keep_raw = false\n") + "\n"
            '[crawl]\nuser_agent = "newswatch-demo/0.1 (+https://example.org/newswatch)"\n'
            'delay_seconds = 0\nconcurrency_per_domain = 4\ntimeout_seconds = 10\n'
            'allow_hosts = ["127.0.0.1"]\n' + extra_crawl + "\n"
            + TOPICS_TOML + "\n" + site.sources_toml(documents, leads))


def run_demo(folder: Path, serve: bool = False) -> int:
    """Crawl the sample site into folder/newswatch.db (made anew) and print the matches; return the exit code."""
    from newswatch.demo.documents import local_day
    from newswatch.demo.server import DemoSite
    from newswatch.outputs.agenda import deadline_rows, when_text
    from store import queries
    from store.db import make_engine, session_factory

    db_path = folder / "newswatch.db"
    config_file = folder / "newswatch.toml"
    with DemoSite() as site:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for leftover in folder.glob("newswatch.db*"):
                leftover.unlink()
            config_file.write_text(demo_config(site, db_path, documents=True, leads=True), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"the demo cannot write its files in {folder}: {exc.strerror or exc} "
                                       "(choose another folder with --dir)") from None
        click.echo(f"sample press site: {', '.join(site.base_urls.values())}")
        click.echo(f"crawling it into {db_path} …")
        code = subprocess.run([sys.executable, "-m", "newswatch", "--config", str(config_file), "crawl"]).returncode
        engine = make_engine(f"sqlite:///{db_path.resolve()}")
        with session_factory(engine)() as session:
            articles = list(queries.iter_articles(session, matched_only=True))
            deadlines = deadline_rows(session, local_day(datetime.now(UTC)))  # the demo's zone
        engine.dispose()
        documents = [a for a in articles if a.kind == "document"]
        click.echo(f"\n{len(articles) - len(documents)} articles match a topic:")
        for article in sorted(articles, key=lambda a: (a.source, a.title)):
            if article.kind != "document":
                topics = ",".join(sorted(m.topic for m in article.matches))
                status = {"headline": " (headline only: the page could not be read)",
                          "teaser": " (teaser: subscribers only)"}.get(article.text_status, "")
                click.echo(f"  [{topics}] {article.source}: {article.title}{status}")
        click.echo(f"\n{len(documents)} official documents match a topic:")
        for article in sorted(documents, key=lambda a: a.title):
            snippet = article.matches[0].snippet
            click.echo(f"  {article.title}\n      {snippet if len(snippet) < 110 else snippet[:109] + '…'}")
        click.echo(f"\n{len(deadlines)} deadlines in the next 30 days:")
        for row in deadlines:
            click.echo(f"  {when_text(row)}: {row['what']}")
        click.echo(f"\nnext: newswatch --config {config_file} export --format jsonl | head -c 600")
        click.echo(f"      newswatch --config {config_file} sources")
        click.echo(f"      newswatch --config {config_file} digest --dry-run    # preview the digest e-mail")
        click.echo(f"      newswatch --config {config_file} deadlines --ics deadlines.ics")
        if serve:
            click.echo("serving the sample site; Ctrl-C to stop")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    return code

"""The `newswatch` command: one click group of thin verbs over the library."""

from __future__ import annotations

import csv
import gc
import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from newswatch.config import Config, ConfigError, config_path, load_config
from newswatch.operations.lock import EXIT_ALREADY_RUNNING, AlreadyRunning
from newswatch.operations.runs import EXIT_WRITE_FAILED, WriteFailed
from newswatch.text.topics import TopicError

EXIT_FAILED = 1
EXIT_USAGE = 2


class UserError(click.ClickException):
    """A one-sentence error for the person at the terminal (no traceback)."""

    exit_code = EXIT_USAGE


class Context:
    def __init__(self, config_file: str | None):
        self.config_file = config_file
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_file)
        return self._config

    def sessions(self, writer: bool = False, create: bool = False):
        """Sessions on the archive (upgraded first); only the crawl may create it (create=True)."""
        from store.db import open_archive

        store = self.config.store
        return open_archive(store.url, writer=writer, create=create, busy_timeout=store.busy_timeout_seconds)


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_file", metavar="FILE", envvar="NEWSWATCH_CONFIG",
              help="Config file (default ./newswatch.toml, or $NEWSWATCH_CONFIG).")
@click.version_option(package_name="newswatch")
@click.pass_context
def cli(ctx, config_file):
    """Watch the press: crawl sources, extract articles, match topics, archive them in SQLite.

    Example: newswatch --config newswatch.toml crawl
    """
    ctx.obj = Context(config_file)


def parse_date(value: str | None, option: str) -> datetime | None:
    """A --since/--until value: YYYY-MM-DD or a full ISO 8601 time (UTC when no offset)."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option}: {value!r} is not a date (expected YYYY-MM-DD)") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def emit(rows: list[dict], fmt: str, columns: list[str] | None = None, fit: str | None = None) -> None:
    """Print rows as an aligned table, JSON or CSV.

    A table's `fit` column takes what the terminal's width leaves after the others, centred on its first
    [hit]; when the output is no terminal (a pipe, a file), it is printed whole.
    """
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        if not rows:
            click.echo("(nothing)")
            return
        cells = [[_cell(r.get(c), cut=c != fit) for c in columns] for r in rows]
        if fit is not None and (width := shutil.get_terminal_size(fallback=(0, 0)).columns) > 0:
            cells = _fitted(cells, columns, columns.index(fit), width)
        widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
        click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
        for row in cells:
            click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


def _cell(value, cut: bool = True) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 or not cut else text[:59] + "…"


def _fitted(cells: list[list[str]], columns: list[str], fit: int, width: int) -> list[list[str]]:
    """The cells with column `fit` cut to what `width` leaves after the others; when that is under half the
    width, the widest other column gives it some of its own, keeping 20 characters."""
    from newswatch.outputs.search import centred

    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    others = [i for i in range(len(columns)) if i != fit]
    room = width - sum(widths[i] for i in others) - 2 * len(others)
    widest = max(others, key=lambda i: widths[i])
    wanted = max(30, width // 2)
    if room < wanted and widths[widest] > 20:
        given = min(wanted - room, widths[widest] - 20)
        widths[widest] -= given
        room += given
    room = max(room, 20)
    return [[centred(v, room) if i == fit else v if len(v) <= widths[i] else v[:widths[i] - 1] + "…"
             for i, v in enumerate(row)] for row in cells]


def output_options(func):
    func = click.option("--csv", "fmt", flag_value="csv", help="Output CSV.")(func)
    func = click.option("--json", "fmt", flag_value="json", help="Output JSON.")(func)
    return click.option("--table", "fmt", flag_value="table", default=True, help="Output a table (default).")(func)


# --- init ----------------------------------------------------------------------------------------

@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@pass_ctx
def init(ctx, force):
    """Write a commented starter config with the campaign's default topics and sources.

    Example: newswatch init && $EDITOR newswatch.toml
    """
    from newswatch.defaults import STARTER_CONFIG

    path = config_path(ctx.config_file)
    if path.exists() and not force:
        raise UserError(f"{path} already exists (use --force to overwrite it)")
    path.write_text(STARTER_CONFIG, encoding="utf-8")
    click.echo(f"wrote {path}: edit the [crawl] user_agent contact and the sources, then run `newswatch crawl`")


# --- crawl ---------------------------------------------------------------------------------------

@cli.command()
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Crawl only this source (repeatable).")
@click.option("-v", "--verbose", count=True, help="Show Scrapy's log (-v info, -vv debug).")
@click.option("--distributed", is_flag=True,
              help="Spread the sources over the `newswatch worker`s of [cluster] broker and wait for them.")
@click.option("--join-run", type=int, hidden=True, help="(for workers) Record into this distributed run.")
@click.option("--no-preflight", "preflight", flag_value=False, default=True, hidden=True,
              help="(internal, for tests) Always run the full crawl, even when the preflight could settle it.")
@pass_ctx
def crawl(ctx, sources, verbose, distributed, join_run, preflight):
    """Crawl the sources into the archive and print a summary per source.

    Exits 1 when the run failed as a whole (every source failed, or it was stopped), 74 when the archive
    could not be written (the crawl stops at the first failed write; the next one fetches what was not
    stored), and 75 at once when another crawl of the same archive is running (on this machine, or in the
    cluster when [cluster] broker is set). A crawl that can find nothing new (each channel answers 304, and
    nothing is left to fetch or re-check) is recorded without starting Scrapy; -v says why it was not.
    Example: newswatch crawl --source courrier-drome
    """
    from store.db import check_archive

    config = ctx.config
    check_crawlable(config, sources)
    check_archive(config.store.url, create=True)  # a wrong [store] url is one sentence before anything starts
    if join_run is not None:  # one task of a distributed run: the crawl that enqueued it holds the lock
        gc.disable()  # until the engine runs (crawler/startup.py)
        from newswatch.operations.crawl import run_crawl

        result = run_crawl(config, list(sources), log_level=["WARNING", "INFO", "DEBUG"][min(verbose, 2)],
                           join_run=join_run)
        if result.write_failed:
            raise WriteFailed(result.write_failed)
        sys.exit(EXIT_FAILED if result.status in ("failed", "interrupted") else 0)
    if distributed or config.cluster.broker:
        from newswatch.operations.cluster import ClusterError, ClusterLock, run_distributed

        try:
            if distributed:
                run_id, status, write_failed = run_distributed(
                    config, list(sources), ctx.sessions(writer=True, create=True),
                    report=lambda line: click.echo(line, err=True))
                print_run_summary(ctx, run_id)
                if write_failed:
                    raise WriteFailed(write_failed)
                sys.exit(EXIT_FAILED if status in ("failed", "interrupted") else 0)
            with ClusterLock(config):  # a crawl on one machine of a cluster still waits its turn
                _crawl_here(ctx, config, sources, verbose, preflight)
        except ClusterError as exc:
            raise UserError(str(exc)) from None
        return
    _crawl_here(ctx, config, sources, verbose, preflight)


def _crawl_here(ctx: Context, config: Config, sources, verbose: int, preflight: bool = True) -> None:
    """Crawl in this process, under the machine's crawl lock, unless the preflight recorded that the crawl can
    find nothing new (newswatch.operations.preflight: Scrapy is not even imported then); print the summary; exit 1 on
    failure."""
    from newswatch.operations.lock import crawl_lock
    from newswatch.operations.runs import DEAD_RUN, write_failed
    from newswatch.operations.unrecorded import forget_ends, read_ends, record_ends, unrecorded_path
    from store import queries
    from store.db import WRITE_ERRORS, error_reason, transaction

    gc.disable()  # until the engine runs (crawler/startup.py); a crawl settled by the preflight ends before
    with crawl_lock(config):  # raises AlreadyRunning (exit 75, see main) while another crawl holds it
        kept = unrecorded_path(config)  # the ends of earlier runs that the archive refused then
        try:
            writer = ctx.sessions(writer=True, create=True)
            with transaction(writer) as session:  # holding the lock: no other crawl
                record_ends(session, read_ends(kept))
                queries.close_unfinished_runs(session, "crawl", DEAD_RUN, status="interrupted")
        except WRITE_ERRORS as exc:  # e.g. another program holds SQLite's write lock: the crawl's first write failed
            raise WriteFailed(write_failed(error_reason(exc))) from None
        forget_ends(kept)
        run_id, news = _preflight(config, sources, verbose, writer) if preflight else (None, False)
        if run_id is None:
            if news:  # a channel changed: the extraction workers' fork server loads while Scrapy does
                from newswatch.operations.workers import start_fork_server

                start_fork_server()
            from newswatch.operations.crawl import run_crawl

            result = run_crawl(config, list(sources), log_level=["WARNING", "INFO", "DEBUG"][min(verbose, 2)])
    if run_id is not None:  # recorded by the preflight: nothing new
        print_run_summary(ctx, run_id)
        return
    if result.write_failed:  # the summary only if the archive took the run's end (its counts)
        if result.recorded:
            print_run_summary(ctx, result.run_id)
        raise WriteFailed(result.write_failed)
    print_run_summary(ctx, result.run_id)
    if result.status in ("failed", "interrupted"):
        sys.exit(EXIT_FAILED)


def _preflight(config: Config, sources, verbose: int, writer) -> tuple[int | None, bool]:
    """The id of the run the preflight recorded (the crawl can find nothing new), else None, and whether a
    channel answered 200 (news: the crawl will extract); -v says why."""
    from newswatch.operations.preflight import preflight
    from newswatch.operations.runs import COUNTERS, source_verdict, write_failed
    from store.db import WRITE_ERRORS, error_reason

    names = list(sources) or [s.name for s in config.sources]
    try:
        run_id, why, news = preflight(config, names, writer)
    except WRITE_ERRORS as exc:  # the run could not be recorded: as when a crawl's first write fails
        raise WriteFailed(write_failed(error_reason(exc))) from None
    if verbose:
        click.echo(f"preflight: {why}" + ("" if run_id else ": the full crawl runs"), err=True)
        if run_id is not None:  # each source's verdict, as the full crawl says it (no progress line: it took < 1 s)
            for name in names:
                click.echo(source_verdict(name, dict.fromkeys(COUNTERS, 0), None)[1], err=True)
    return run_id, news


def check_crawlable(config: Config, sources) -> None:
    """A config that can find nothing (no sources) or match nothing (no topics) is a mistake, not an empty run."""
    if not config.sources:
        raise UserError(f"{config.path}: there is no [[sources]] section: nothing to crawl "
                        "(`newswatch init` writes a starter config with the campaign's sources)")
    if not config.topics and not config.crawl.keep_unmatched:
        raise UserError(f"{config.path}: there is no [[topics]] section: no article can match, so nothing would "
                        "be archived (add a topic, or set [crawl] keep_unmatched = true to archive everything)")
    for name in sources:
        config.source(name)  # an unknown name is a ConfigError before anything starts


def print_run_summary(ctx: Context, run_id: int | None) -> None:
    from store import queries

    if run_id is None:
        click.echo("the crawl did not start", err=True)
        return
    with ctx.sessions()() as session:
        run = queries.run_with_sources(session, run_id)
        rows = [{"source": s.source, "found": s.found, "resumed": s.resumed, "skipped": s.skipped, "fetched": s.fetched,
                 "extracted": s.extracted, "matched": s.matched, "new": s.new, "headlines": s.headlines,
                 "errors": s.errors + s.channel_errors,
                 "last_error": s.last_error} for s in run.sources]
        emit(rows, "table")
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(queries.fetch_outcomes(session, run_id).items()))
        click.echo(f"run {run.id}: {run.status}" + (f" ({run.message})" if run.message else "")
                   + (f"; outcomes: {outcomes}" if outcomes else ""))


# --- export --------------------------------------------------------------------------------------

@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--all", "everything", is_flag=True, help="Include articles that match no topic.")
@click.option("--since", metavar="DATE", help="Only articles first seen on or after DATE (YYYY-MM-DD).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@pass_ctx
def export(ctx, fmt, everything, since, out):
    """Write one record per archived article (matched ones unless --all).

    Example: newswatch export --format csv --since 2026-11-01 --out november.csv
    """
    from newswatch.outputs.export import export_records, write_csv, write_jsonl

    since_dt = parse_date(since, "--since")
    writer = write_jsonl if fmt == "jsonl" else write_csv
    with ctx.sessions()() as session:
        records = export_records(session, matched_only=not everything, since=since_dt)
        if out:
            tmp = Path(out + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                count = writer(records, handle)
            tmp.replace(out)
            click.echo(f"wrote {count} articles to {out}", err=True)
        else:
            writer(records, sys.stdout)


# --- sources -------------------------------------------------------------------------------------

@cli.group(invoke_without_command=True)
@output_options
@click.pass_context
def sources(click_ctx, fmt):
    """Show each source's health: last success, consecutive failures, recent articles, walls met; then the
    outlets that aggregators named for matching articles and that no source covers.

    Example: newswatch sources --json
    """
    if click_ctx.invoked_subcommand is not None:
        return
    from newswatch.operations.health import source_health

    ctx = click_ctx.find_object(Context)
    with ctx.sessions()() as session:
        rows = [source_health(session, s.name).as_dict(iso=fmt != "table") for s in ctx.config.sources]
    emit(rows, fmt, ["name", "state", "last_success", "consecutive_failures", "articles_7d", "articles_30d",
                     "last_listed", "walls", "last_error", "note"] if fmt == "table" else None)
    if fmt == "table":
        with ctx.sessions()() as session:
            outlets = aggregator_outlets(ctx, session)
        if outlets:
            click.echo("\noutlets seen through aggregators, not configured (add one with `newswatch sources add URL`):")
            emit(outlets, fmt, ["outlet", "domain", "matching", "headline_only", "last_seen"])


@sources.command("outlets")
@output_options
@pass_ctx
def sources_outlets(ctx, fmt):
    """List the outlets search feeds named for matching articles that no source covers, with how many
    matching articles each brought (and how many only as headlines).

    Example: newswatch sources outlets --json
    """
    with ctx.sessions()() as session:
        emit([{**o, "last_seen": o["last_seen"].isoformat() if fmt != "table" and o["last_seen"] else o["last_seen"]}
              for o in aggregator_outlets(ctx, session)], fmt,
             ["outlet", "domain", "matching", "headline_only", "last_seen"])


def aggregator_outlets(ctx, session) -> list[dict]:
    from store.leads import aggregator_outlets

    return aggregator_outlets(session, configured_domains(ctx.config))


def configured_domains(config) -> set[str]:
    from newswatch.text.aggregators import outlet_domain

    return {outlet_domain(url) for s in config.sources for url in (*s.feeds, *s.sitemaps, *s.pages)} - {None}


@sources.command("add")
@click.argument("url")
@click.option("--name", help="The source's name (default: from the site's host).")
@click.option("--dry-run", is_flag=True, help="Show what was found; change nothing.")
@pass_ctx
def sources_add(ctx, url, name, dry_run):
    """Find an outlet's feeds and sitemaps from its home page and robots.txt, and add it as a source.

    Shows what each channel lists (entries, newest date, three titles), then appends a [[sources]] block
    to the config, keeping its comments.
    Example: newswatch sources add https://www.example-daily.fr/ --name example-daily
    """
    from newswatch.operations.discover import DiscoveryError, add_source_block, discover_channels

    config = ctx.config
    try:
        found = discover_channels(url, config.crawl)
    except DiscoveryError as exc:
        raise UserError(str(exc)) from None
    for channel in found.channels:
        newest = channel.newest.strftime("%Y-%m-%d") if channel.newest else "-"
        click.echo(f"{channel.kind:8} {channel.url}: {channel.entries} entries, newest {newest}")
        for title in channel.titles:
            click.echo(f"           · {title}")
    usable = [c for c in found.channels if c.entries]
    if not usable:
        raise UserError(f"{url}: no readable feed or sitemap found (tried {', '.join(found.tried) or 'nothing'})")
    if dry_run:
        return
    try:
        name = add_source_block(config.path, name or found.name, usable, [s.name for s in config.sources])
    except DiscoveryError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"added source {name!r} to {config.path}: the next `newswatch crawl` reads it")


# --- rematch -------------------------------------------------------------------------------------

@cli.command()
@pass_ctx
def rematch(ctx):
    """Re-run the topics over every archived article (after editing the topics).

    Articles that no longer match any topic stay in the archive; they are just not exported.
    Example: newswatch rematch
    """
    from newswatch.operations.rematch import rematch_archive

    changed, total = rematch_archive(ctx.config, ctx.sessions(writer=True))
    click.echo(f"re-matched {total} articles: {changed} changed their topics")


# --- demo ----------------------------------------------------------------------------------------

@cli.command()
@click.option("--dir", "folder", default="demo", show_default=True, type=click.Path(file_okay=False),
              help="Where the demo config and archive are written (the archive is made anew).")
@click.option("--serve", is_flag=True, help="Keep the sample site running after the crawl (Ctrl-C to stop).")
def demo(folder, serve):
    """Serve the bundled sample press site on 127.0.0.1, crawl it into a fresh archive and show the matches.

    Example: newswatch demo --dir /tmp/nw-demo
    """
    from newswatch.demo.run import run_demo

    sys.exit(run_demo(Path(folder), serve=serve))


# --- digest and feed -----------------------------------------------------------------------------

def write_file(out: str, data: bytes) -> None:
    """Write through a .part file, so a reader never sees half a file."""
    tmp = Path(out + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)


@cli.command()
@click.option("--dry-run", is_flag=True, help="Print the plain-text part; send nothing, mark nothing.")
@click.option("--out", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the message to FILE.eml, or its HTML part to FILE.html.")
@click.option("--send", is_flag=True, help="Send it by SMTP; its articles are marked once the server accepted it.")
@click.option("--since", metavar="DATE",
              help="Rebuild from every matched article first seen since DATE, sent or not (marks nothing unless --send).")
@pass_ctx
def digest(ctx, dry_run, out, send, since):
    """Build the digest of the matched articles that no sent digest has carried yet.

    Without --send nothing is sent or marked: the plain-text part is printed (or the message written with --out).
    A failed send exits 1 and marks nothing, so the next digest carries the same articles.

    Example: newswatch digest --dry-run
    """
    if dry_run and send:
        raise UserError("--dry-run and --send cannot be used together")
    if out and not out.lower().endswith((".eml", ".html")):
        raise UserError(f"--out: {out!r} must end in .eml (the whole message) or .html (its HTML part)")
    since_dt = parse_date(since, "--since")
    config = ctx.config
    if send and not config.digest.recipients:
        raise UserError(f"{config.path}: [digest] recipients is empty: nobody to send the digest to")
    if send:
        from newswatch.operations.runs import RunFailed, recorded_run

        try:
            with recorded_run(ctx.sessions(writer=True), "digest"):
                _digest(ctx, config, since, since_dt, out, dry_run, send)
        except RunFailed as exc:
            click.echo(f"newswatch: {exc}", err=True)
            sys.exit(EXIT_FAILED)
    else:
        _digest(ctx, config, since, since_dt, out, dry_run, send)


def _digest(ctx, config, since, since_dt, out, dry_run, send) -> None:
    """Build, show, write and (with send) deliver one digest."""
    from newswatch.operations.runs import RunFailed
    from newswatch.outputs.digest import build_digest
    from newswatch.outputs.mail import MailError, compose, deliver

    with ctx.sessions()() as session:
        built = build_digest(session, config, since=since_dt)
    if built.empty and not config.digest.send_empty:
        click.echo(f"nothing new {'since ' + since if since else 'since the last digest'}: no digest "
                   + ("sent" if send else "built") + " (set [digest] send_empty = true to send one anyway)")
        return
    if out:
        write_file(out, bytes(compose(built, config.digest)) if out.lower().endswith(".eml") else built.html.encode())
        click.echo(f"wrote {out}: {built.subject}", err=True)
    if dry_run or not (send or out):
        click.echo(built.text, nl=False)
        if not dry_run:
            click.echo("(preview only: nothing was sent or marked; use --send to deliver it)", err=True)
    if send:
        try:
            delivery = deliver(built, config.digest, ctx.sessions(writer=True))
        except MailError as exc:
            raise RunFailed(f"digest not sent, nothing marked: {exc}") from None
        click.echo(f"sent digest {delivery.digest_id} to {len(delivery.recipients) - len(delivery.refused)} of "
                   f"{len(delivery.recipients)} recipients: {built.subject}")
        for address, answer in delivery.refused.items():
            click.echo(f"newswatch: recipient refused: {address} ({answer})", err=True)


@cli.command()
@click.option("--out", metavar="FILE", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@click.option("--topic", metavar="NAME", help="Only the articles matching this topic.")
@click.option("--limit", metavar="N", default=100, show_default=True, type=click.IntRange(min=1),
              help="How many of the newest articles to include.")
@pass_ctx
def feed(ctx, out, topic, limit):
    """Write an Atom feed of the latest matched articles, to follow the watch in a feed reader.

    Example: newswatch feed --out matches.xml --topic sesterce
    """
    from newswatch.outputs.feed import build_feed
    from newswatch.outputs.filters import FilterError, topic_name

    with ctx.sessions()() as session:
        if topic is not None:
            try:
                topic = topic_name([t.name for t in ctx.config.topics], [], topic)
            except FilterError as exc:
                raise UserError(str(exc)) from None
        data = build_feed(session, topic=topic, limit=limit)
    if out:
        write_file(out, data)
        click.echo(f"wrote {out}", err=True)
    else:
        sys.stdout.buffer.write(data)


# --- search, show, stats, report -------------------------------------------------------------------

def window_options(func):
    """--since/--until/--topic/--source/--lang: which articles search, stats and report look at."""
    func = click.option("--lang", "language", metavar="CODE", help="Only articles in this language (fr, en…).")(func)
    func = click.option("--source", "sources", multiple=True, metavar="NAME",
                        help="Only articles from this source (repeatable).")(func)
    func = click.option("--topic", "topics", multiple=True, metavar="NAME",
                        help="Only articles matching this topic (repeatable).")(func)
    func = click.option("--until", metavar="DATE", help="Only articles dated on or before DATE (YYYY-MM-DD).")(func)
    return click.option("--since", metavar="DATE", help="Only articles dated on or after DATE (YYYY-MM-DD).")(func)


def make_window(since, until, topics, sources, language):
    """The filters as given on the command line; a bare --until date includes that whole day."""
    from datetime import timedelta

    from store.search import Window

    until_dt = parse_date(until, "--until")
    if until_dt is not None and len(until) == 10:
        until_dt += timedelta(days=1)
    since_dt = parse_date(since, "--since")
    if since_dt is not None and until_dt is not None and since_dt >= until_dt:
        raise UserError(f"--since {since} is after --until {until}: no date is in that window")
    return Window(since=since_dt, until=until_dt, topics=tuple(topics), sources=tuple(sources), language=language)


def checked(session, ctx: Context, window):
    """The window with its topic, source and language checked against the config and the archive."""
    from newswatch.outputs.filters import FilterError, checked_window

    try:
        return checked_window(session, ctx.config, window)
    except FilterError as exc:
        raise UserError(str(exc)) from None


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--advanced", is_flag=True,
              help="QUERY is a topic query (FTS5): OR, NOT, NEAR(a b, 5), prefix*, \"phrases\", (groups).")
@window_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="How many results.")
@output_options
@pass_ctx
def search(ctx, query, advanced, since, until, topics, sources, language, limit, fmt):
    """Full-text search of the archive (titles and texts), best matches first.

    Accents and case do not matter; every word must appear, a "quoted phrase" as written
    (quote it again for the shell). Use --advanced for FTS5 operators. Snippets mark hits [like this].
    Example: newswatch search '"centre de données"' eau --topic rovaltain --since 2026-01-01
    """
    from newswatch.outputs.search import HIT_FIELDS
    from newswatch.outputs.search import search as run_search

    window = make_window(since, until, topics, sources, language)
    try:
        with ctx.sessions()() as session:
            window = checked(session, ctx, window)
            hits = run_search(session, " ".join(query), advanced=advanced, window=window, limit=limit)
    except TopicError as exc:
        raise UserError(str(exc)) from None
    if fmt == "csv":
        hits = [{**h, "topics": ",".join(h["topics"])} for h in hits]
    emit(hits, fmt, ["id", "date", "source", "title", "snippet"] if fmt == "table" else HIT_FIELDS, fit="snippet")


@cli.command()
@click.argument("article_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Output JSON (the export record plus every sighting).")
@pass_ctx
def show(ctx, article_id, as_json):
    """Show one archived article: metadata, where it was found, its topic matches and full text.

    Example: newswatch show 42
    """
    from newswatch.outputs.search import article_details

    with ctx.sessions()() as session:
        record = article_details(session, article_id)
    if record is None:
        raise UserError(f"there is no article with id {article_id} in the archive")
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    click.echo(f"#{record['id']}  {record['title']}")
    for label, key in [("url", "url"), ("canonical", "canonical_url"), ("source", "source"), ("outlet", "outlet"),
                       ("author", "author"),
                       ("published", "published_at"), ("date from", "date_source"), ("language", "language"),
                       ("first seen", "first_seen"), ("fetched", "fetched_at")]:
        if record[key] and not (key == "canonical_url" and record[key] == record["url"]):
            click.echo(f"{label + ':':12}{record[key]}")
    if record["text_status"] != "full":
        click.echo(f"{'text:':12}{record['text_status']} ({record['text_missing_reason']})")
    if record["kind"] != "article":
        click.echo(f"{'kind:':12}{record['kind']}")
    click.echo(f"{'changed:':12}" + (f"{record['revisions']} time(s) after first sight, last seen changed on "
                                     f"{record['updated_at']} (see `newswatch evidence {record['id']}`)"
                                     if record["revisions"] else "not since first sight"))
    for d in record["deadlines"]:
        span = f"{d['starts']} to {d['ends']}" if d["starts"] else f"until {d['ends']}"
        click.echo(f"{'deadline:':12}{span}{' ' + d['until'] if d['until'] else ''}"
                   f"{' (p. ' + str(d['page']) + ')' if d['page'] else ''}: {d['phrase']}")
    click.echo("found via:" if record["sightings"] else "found via:  (no recorded sighting)")
    for s in record["sightings"]:
        click.echo(f"  {s['channel']:8}{s['via']}  (first seen {s['first_seen']})")
    click.echo("topics:" if record["topics"] else "topics:     (none)")
    for t in record["topics"]:
        click.echo(f"  {t['name']}: {', '.join(t['terms'])} — {t['snippet']}")
    click.echo("\n" + record["text"])


@cli.command()
@click.option("--by", type=click.Choice(["week", "month"]), default="week", show_default=True,
              help="Count per week (starting Monday) or per month.")
@window_options
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="How many outlets per topic.")
@output_options
@pass_ctx
def stats(ctx, by, since, until, topics, sources, language, top, fmt):
    """Count matched articles: per topic per week or month, top outlets per topic, languages, triage marks.

    Articles are dated by publication, else by first sighting. For a topic with articles marked off-topic,
    the words those share that its relevant ones do not (candidates for a NOT in its query).
    --csv prints one table (section, topic, key, articles). Example: newswatch stats --by month --since 2026-01-01
    """
    from newswatch.outputs.report import coverage_stats

    window = make_window(since, until, topics, sources, language)
    with ctx.sessions()() as session:
        result = coverage_stats(session, by, checked(session, ctx, window), top)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        emit(result.long_rows(), "csv", ["section", "topic", "key", "articles"])
    else:
        sections = [(f"articles per {by}", result.coverage, True), ("top outlets", result.outlets, True),
                    ("languages", result.languages, True), ("triage marks", result.marks, False),
                    ("words off-topic articles share (relevant ones do not)", result.off_topic_words, False)]
        for title, rows, always in sections:
            if rows or always:
                click.echo(f"== {title}")
                emit(rows, "table")


@cli.command()
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option("--by", type=click.Choice(["week", "month"]), default="week", show_default=True,
              help="Chart coverage per week or per month.")
@window_options
@click.option("--limit", default=500, show_default=True, type=click.IntRange(min=1),
              help="At most this many articles in the table (newest).")
@pass_ctx
def report(ctx, out, by, since, until, topics, sources, language, limit):
    """Write one self-contained HTML page: coverage charts per topic, outlets, the table of articles.

    Charts are embedded SVG images: the page opens offline in a browser and can be sent as an attachment.
    Example: newswatch report --by month --out coverage.html
    """
    from newswatch.outputs.report import render_report

    window = make_window(since, until, topics, sources, language)
    with ctx.sessions()() as session:
        page = render_report(session, by, checked(session, ctx, window), limit)
    tmp = Path(out + ".part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    click.echo(f"wrote {out}")


# --- triage and browsing ------------------------------------------------------------------------

@cli.command()
@click.argument("article_id", metavar="ID", type=int)
@click.argument("mark", type=click.Choice(["relevant", "off-topic", "duplicate", "clear"]))
@click.option("--note", metavar="TEXT", help="A note for the group (shown in the digest and the browser).")
@pass_ctx
def mark(ctx, article_id, mark, note):
    """Mark an article relevant, off-topic or duplicate, with an optional note (`clear` removes the mark).

    Off-topic articles are left out of the digest; `stats` counts marks per topic; `export` carries them.
    Example: newswatch mark 42 off-topic --note "the coin, not the company"
    """
    from store.db import transaction
    from store.marks import MarkError, clear_mark, set_mark

    with transaction(ctx.sessions(writer=True)) as session:
        try:
            if mark == "clear":
                if note:
                    raise UserError("--note goes with a mark, not with clear")
                had = clear_mark(session, article_id)
                message = f"article {article_id}: mark cleared" if had else f"article {article_id} had no mark"
            else:
                set_mark(session, article_id, mark, note, marked_by="cli")
                message = f"article {article_id}: {mark}" + (f" ({note.strip()})" if note and note.strip() else "")
        except MarkError as exc:
            raise UserError(str(exc)) from None
    click.echo(message)


@cli.command()
@click.option("--host", metavar="HOST", help="Address to listen on (default [browse] host, 127.0.0.1).")
@click.option("--port", metavar="N", type=click.IntRange(0, 65535), help="Port (default [browse] port, 8001).")
@pass_ctx
def browse(ctx, host, port):
    """Browse and search the archive in a web browser (Datasette, with our tables, facets and queries).

    Read-only unless [browse] triage_token_env names a variable holding a token: then people who log in
    with it can mark articles from the browser. Needs the extra: pip install 'newswatch[browse]'.
    Example: newswatch browse --port 8001
    """
    from newswatch.outputs.browse import BrowseError, prepare

    config = ctx.config
    ctx.sessions()  # brings the archive's schema up to date before Datasette reads it
    try:
        browser = prepare(config, host=host or config.browse.host, port=config.browse.port if port is None else port)
    except BrowseError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"browse the archive at {browser.url}  (Ctrl-C to stop)")
    click.echo("triage: on (log in from the menu with the token to mark articles)" if browser.triage
               else "read-only (set [browse] triage_token_env to let the group mark articles)")
    sys.stdout.flush()
    browser.run()


# --- deadlines, evidence --------------------------------------------------------------------------

@cli.command()
@click.option("--days", default=30, show_default=True, type=click.IntRange(min=0),
              help="Periods and deadlines that start or end within this many days.")
@click.option("--all", "everything", is_flag=True, help="Every period and deadline not yet past, however far.")
@click.option("--ics", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write them as an iCalendar file (one all-day event each) for a shared calendar.")
@output_options
@pass_ctx
def deadlines(ctx, days, everything, ics, fmt):
    """List the open consultations and deadlines found in matched articles and documents, soonest first.

    Example: newswatch deadlines --ics deadlines.ics
    """
    from newswatch.outputs.agenda import deadline_rows, to_ics, when_text
    from newswatch.outputs.digest import zone_of

    now = datetime.now(UTC)
    today = now.astimezone(zone_of(ctx.config)).date()
    with ctx.sessions()() as session:
        rows = deadline_rows(session, today, None if everything else days)
    if ics:
        write_file(ics, to_ics(rows, now))
        click.echo(f"wrote {len(rows)} events to {ics}", err=True)
        return
    if fmt == "table":
        rows = [{**r, "when": when_text(r), "where": f"#{r['article_id']}" + (f" p. {r['page']}" if r["page"] else "")}
                for r in rows]
    emit(rows, fmt, ["when", "what", "where", "phrase"] if fmt == "table" else None)


@cli.command()
@click.argument("article_id", metavar="[ID]", type=int, required=False)
@click.option("--warc", metavar="OUT.warc.gz", type=click.Path(dir_okay=False),
              help="Write every kept raw response as WARC records (readable by warcio and other WARC tools).")
@click.option("--since", metavar="DATE", help="With --warc: only responses fetched on or after DATE.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def evidence(ctx, article_id, warc, since, as_json):
    """Show when each version of an article was fetched, its SHA-256 (checked against the bytes kept), what changed.

    Example: newswatch evidence 42
    Example: newswatch evidence --warc evidence.warc.gz --since 2026-01-01
    """
    from newswatch.outputs.evidence import evidence_chain, warc_records, write_warc
    from store.evidence import article_exists

    if (article_id is None) == (warc is None):
        raise UserError("give an article ID, or --warc OUT.warc.gz (not both)")
    if warc:
        since_dt = parse_date(since, "--since")
        tmp = Path(warc + ".part")
        with ctx.sessions()() as session, tmp.open("wb") as handle:
            count = write_warc(warc_records(session, since_dt), handle)
        tmp.replace(warc)
        click.echo(f"wrote {count} responses to {warc}")
        return
    if since:
        raise UserError("--since goes with --warc")
    with ctx.sessions()() as session:
        chain = evidence_chain(session, article_id)
        known = article_exists(session, article_id)
    if not known:
        raise UserError(f"there is no article with id {article_id} in the archive")
    if as_json:
        click.echo(json.dumps(chain, ensure_ascii=False, indent=2))
        return
    if not chain:
        click.echo(f"article {article_id}: no raw response recorded (archived before evidence was kept, or unmatched)")
    for number, link in enumerate(chain, start=1):
        click.echo(f"{number}. {link['fetched_at']}  HTTP {link['http_status']}  {link['size']:,} bytes  {link['check']}")
        click.echo(f"   sha256 {link['sha256']}")
        click.echo(f"   {link['final_url']}" + (f"  (asked for {link['url']})" if link["url"] != link["final_url"] else ""))
        click.echo(f"   {link['change']}")


# --- runs, schedule ------------------------------------------------------------------------------

@cli.command("copy-archive")
@click.option("--to", "target", required=True, metavar="URL",
              help="The new archive: postgresql+psycopg://user@host/dbname (or sqlite:///path.db).")
@pass_ctx
def copy_archive(ctx, target):
    """Copy the whole archive ([store] url) into a new, empty one, then compare counts and a sample of records.

    Articles, URLs, matches, provenance, fetches, runs, stories, fingerprints, revisions, digests, marks:
    every table, with its ids. The target is filled in one transaction (a failed copy leaves it empty).
    Then point [store] url at the new archive.
    Example: newswatch copy-archive --to postgresql+psycopg://newswatch@db.example/newswatch
    """
    from store.copy import copy_archive as copy

    copies = copy(ctx.config.store.url, target, progress=lambda table, n: click.echo(f"copied {table}: {n}",
                                                                                        err=True))
    emit([{"table": c.table, "source": c.source_rows, "copied": c.target_rows, "sampled": c.sampled,
           "differing": c.differing} for c in copies], "table")
    bad = [c.table for c in copies if c.source_rows != c.target_rows or c.differing]
    if bad:
        raise click.ClickException(f"the copy differs from the archive in {', '.join(bad)}")
    click.echo(f"every table copied: counts equal, {sum(c.sampled for c in copies)} sampled records identical")


@cli.command()
@click.option("--concurrency", type=click.IntRange(1), metavar="N",
              help="Crawl slots (default [cluster] workers, else one per core).")
@click.option("-v", "--verbose", is_flag=True, help="Log every task received and done.")
@pass_ctx
def worker(ctx, concurrency, verbose):
    """Serve the crawl tasks of [cluster] broker: each task crawls one source, as `newswatch crawl` does.

    Start one per crawl machine (each with a config naming the same [store] url and [cluster] broker);
    SIGTERM lets the tasks in hand finish. A worker killed mid-source loses nothing: the source runs again
    on another worker.
    Example: newswatch worker --concurrency 2
    """
    from newswatch.operations.cluster import ClusterError, run_worker

    try:
        run_worker(ctx.config, concurrency, "INFO" if verbose else "WARNING")
    except ClusterError as exc:
        raise UserError(str(exc)) from None


@cli.command("runs")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1),
              help="How many runs, newest first.")
@click.option("--kind", type=click.Choice(["crawl", "digest"]), help="Only runs of this kind.")
@output_options
@pass_ctx
def list_runs(ctx, limit, kind, fmt):
    """List recent runs (crawls, digests): start, end, status, counts and errors; --json adds each source.

    Example: newswatch runs --limit 5 --json
    """
    from newswatch.operations.health import run_reports
    from newswatch.operations.unrecorded import read_ends, unrecorded_path

    kept = read_ends(unrecorded_path(ctx.config))  # crawl ends the archive refused, until the next crawl takes them
    with ctx.sessions()() as session:
        rows = run_reports(session, limit, kind, iso=fmt != "table", kept=kept)
    columns = ["id", "kind", "started_at", "finished_at", "status", "found", "resumed", "fetched", "new", "errors",
               "channel_errors", "failing", "message"]
    emit(rows, fmt, columns if fmt == "table" else [c for c in rows[0] if c != "sources"] if rows else None)


@cli.command()
@pass_ctx
def schedule(ctx):
    """Run the crawls and digests of [schedule] in this process until SIGTERM or Ctrl-C (as scheduler.py).

    Each job runs `newswatch crawl` or `newswatch digest --send` as a child process within its time limit;
    what was missed while the scheduler was down runs at start. Exits 75 at once when another scheduler of
    the same archive is running (on this machine, or in the cluster when [cluster] broker is set).
    Example: newswatch --config /srv/newswatch/newswatch.toml schedule
    """
    from newswatch.operations.cluster import ClusterError
    from scheduler import configure_logging, serve

    config = ctx.config
    configure_logging()
    try:
        code = serve(config)
    except ClusterError as exc:
        raise UserError(str(exc)) from None
    sys.exit(code)


def run() -> None:
    """The `newswatch` command (its console script, and `python -m newswatch`): `main`, then a quick exit.

    Python's exit runs several full garbage collections over what a crawl leaves behind (≈ 120,000 objects,
    ≈ 85 ms a pass here): ≈ 0.3–0.4 s at the end of every crawl, to free memory the end of the process frees
    anyway. What those passes did that matters is done first: the archive's connections are closed (SQLite folds
    its write-ahead log back into the file). Then every object is frozen out of the collector's reach
    (gc.freeze). Exit handlers still run (logging's flush included) and stdout and stderr are still flushed.
    """
    try:
        main()
    finally:
        db = sys.modules.get("store.db")  # not imported (--help, init): no archive was opened
        if db is not None:
            db.close_engines()
        gc.freeze()


def main(args: list[str] | None = None) -> None:
    """Entry point: library errors become one line on stderr and a non-zero exit."""
    from sqlalchemy.exc import DatabaseError

    from store.db import ArchiveError

    try:
        cli.main(args=args, standalone_mode=False, prog_name="newswatch")
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except (ConfigError, TopicError, ArchiveError) as exc:
        click.echo(f"newswatch: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except DatabaseError as exc:  # a file that went bad under us: say what SQLite said, not the whole stack
        click.echo(f"newswatch: the archive cannot be read: {exc.orig}", err=True)
        sys.exit(EXIT_FAILED)
    except AlreadyRunning as exc:
        click.echo(f"newswatch: {exc}", err=True)
        sys.exit(EXIT_ALREADY_RUNNING)
    except WriteFailed as exc:
        click.echo(f"newswatch: {exc}", err=True)
        sys.exit(EXIT_WRITE_FAILED)
    except subprocess.CalledProcessError as exc:
        click.echo(f"newswatch: {exc}", err=True)
        sys.exit(EXIT_FAILED)

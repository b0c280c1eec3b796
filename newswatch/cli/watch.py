"""The verbs that run the watch: init, crawl, rematch, demo, copy-archive, worker, runs, schedule (cli/sources.py:
`sources`)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from newswatch.cli.base import (EXIT_FAILED, Context, LiveLine, UserError, cli, emit, output_options, pass_ctx,
                                write_file)
from newswatch.config import Config, config_path
from newswatch.operations.runs import WriteFailed

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
    write_file(path, STARTER_CONFIG.encode("utf-8"))
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


# --- rematch -------------------------------------------------------------------------------------

@cli.command()
@pass_ctx
def rematch(ctx):
    """Re-run the topics over every archived article (after editing the topics).

    Articles that no longer match any topic stay in the archive; they are just not exported.
    Example: newswatch rematch
    """
    from newswatch.operations.rematch import rematch_archive

    line = LiveLine()

    def progress(done: int, of: int, changed: int) -> None:
        line.show(f"re-matching: {done} of {of} articles, {changed} changed their topics")

    changed, total = rematch_archive(ctx.config, ctx.sessions(writer=True), progress=progress)
    line.clear()
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

    line = LiveLine()

    def copied(table: str, rows: int) -> None:
        line.clear()
        click.echo(f"copied {table}: {rows}", err=True)

    copies = copy(ctx.config.store.url, target, progress=copied,
                  copying=lambda table, rows: line.show(f"copying {table}: {rows} rows"))
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

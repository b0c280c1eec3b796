"""The verbs that read the archive: search, show, stats, report, mark, browse."""

from __future__ import annotations

import json
import sys

import click

from newswatch.cli.base import Context, UserError, cli, emit, output_options, parse_date, pass_ctx, write_file
from newswatch.text.topics import TopicError


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
    write_file(out, page.encode("utf-8"))
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
    if browser.triage:
        click.echo("triage: on (log in from the menu with the token to mark articles)")
    elif browser.read_only:
        click.echo(f"read-only, triage off: {browser.read_only}"
                   + (" (crawls after this start are not shown: restart browse to see them)" if browser.snapshot
                      else ""))
    else:
        click.echo("read-only (set [browse] triage_token_env to let the group mark articles)")
    sys.stdout.flush()
    browser.run()

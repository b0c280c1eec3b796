"""The verbs that write or send what the archive holds: export, digest, feed, deadlines, evidence."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

import click

from newswatch.cli.base import (EXIT_FAILED, LiveLine, UserError, cli, emit, output_file, output_options, parse_date,
                                pass_ctx, write_file)


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
            line = LiveLine()
            with output_file(out) as handle:
                count = writer(_shown(records, line), handle)
            line.clear()
            click.echo(f"wrote {count} articles to {out}", err=True)
        else:
            writer(records, sys.stdout)


def _shown(records, line: LiveLine):
    """The records, each counted on the terminal's live line as it goes to the file."""
    for count, record in enumerate(records, 1):
        line.show(f"exporting: {count} written")
        yield record


# --- digest and feed -----------------------------------------------------------------------------

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
        with ctx.sessions()() as session, output_file(warc, binary=True) as handle:
            count = write_warc(warc_records(session, since_dt), handle)
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

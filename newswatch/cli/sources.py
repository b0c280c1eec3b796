"""The `sources` verbs: each source's health, the outlets aggregators named that no source covers, and adding an
outlet as a source from what its site offers."""

from __future__ import annotations

import click

from newswatch.cli.base import Context, OutputError, UserError, cli, emit, output_options, pass_ctx, write_file


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
    from newswatch.operations.discover import DiscoveryError, discover_channels, with_source_block

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
    name = name or found.name
    try:
        text = with_source_block(config.path.read_text(encoding="utf-8"), config.path, name, usable,
                                 [s.name for s in config.sources])
    except DiscoveryError as exc:
        raise UserError(str(exc)) from None
    try:
        write_file(config.path, text.encode("utf-8"))
    except OutputError as exc:
        raise UserError(f"{exc.message} (nothing was added)") from None
    click.echo(f"added source {name!r} to {config.path}: the next `newswatch crawl` reads it")

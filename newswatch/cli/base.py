"""What the verbs of the `newswatch` command share: the click group, its context, one-sentence errors, rows printed."""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import click

from newswatch.config import Config, load_config

EXIT_FAILED = 1
EXIT_USAGE = 2


class UserError(click.ClickException):
    """A one-sentence error for the person at the terminal (no traceback)."""

    exit_code = EXIT_USAGE


class OutputError(UserError):
    """A file the command was asked to write could not be written (a folder that is missing or read-only, a full
    disk): one sentence, nothing left behind."""

    exit_code = EXIT_FAILED


@contextlib.contextmanager
def output_file(out: str | Path, binary: bool = False) -> Iterator:
    """A handle on `out` written through `out.part`, renamed when complete: a reader never sees half a file. One
    that cannot be written raises OutputError, and its `.part` is removed."""
    part = Path(f"{out}.part")
    try:
        with part.open("wb") if binary else part.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        part.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None


def write_file(out: str | Path, data: bytes) -> None:
    """`data` written to `out` through `output_file`."""
    with output_file(out, binary=True) as handle:
        handle.write(data)


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


class LiveLine:
    """Long work's progress: one line on stderr rewritten in place, at most once a second, when stderr is a
    terminal; nothing otherwise (cron mails what a command prints: its summary is enough there)."""

    def __init__(self, interval: float = 1.0):
        self.on, self.interval, self.shown = sys.stderr.isatty(), interval, None

    def show(self, text: str) -> None:
        now = time.monotonic()
        if self.on and (self.shown is None or now - self.shown >= self.interval):
            width = shutil.get_terminal_size((100, 20)).columns - 1
            sys.stderr.write("\r\x1b[K" + text[:width])
            sys.stderr.flush()
            self.shown = now

    def clear(self) -> None:
        """Take the line away, before the summary is printed."""
        if self.shown is not None:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


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


"""The `newswatch` command: one click group of thin verbs over the library, by subject (cli/watch.py runs the
watch, cli/sources.py tells and adds its sources, cli/read.py reads the archive, cli/publish.py writes and sends
what it holds; cli/base.py holds what they share)."""

from __future__ import annotations

import gc
import subprocess
import sys

import click

from newswatch.cli import publish, read, sources, watch  # noqa: F401  (their verbs join the group)
from newswatch.cli.base import EXIT_FAILED, EXIT_USAGE, cli
from newswatch.config import ConfigError
from newswatch.operations.lock import EXIT_ALREADY_RUNNING, AlreadyRunning, LockUnavailable
from newswatch.operations.runs import EXIT_WRITE_FAILED, WriteFailed
from newswatch.text.topics import TopicError

__all__ = ["cli", "main", "run"]


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
    except (ConfigError, TopicError, ArchiveError, LockUnavailable) as exc:
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

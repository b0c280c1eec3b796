"""A crawl's end that the archive refused to record (still locked, connection gone), kept in a file beside the
archive (`<database>.crawl.unrecorded.json`) until the next crawl records it, so that the run ends up
`failed` with its reason and counts rather than `running`, then `interrupted` for no stated reason."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from newswatch.config import Config
from newswatch.operations.lock import beside_archive


@dataclass(frozen=True)
class RunEnd:
    run_id: int
    pid: int  # the crawl's process: a run of that id and pid only (the archive may have been replaced since)
    status: str
    message: str | None
    finished_at: datetime
    sources: dict[str, dict]  # source -> its counters (newswatch.operations.runs.COUNTERS) and "last_error"


def unrecorded_path(config: Config) -> Path:
    return beside_archive(config, "crawl.unrecorded.json")


def read_ends(path: Path) -> dict[int, RunEnd]:
    """The ends kept in the file, by run id (none if there is no file, or it cannot be read)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {end["run_id"]: RunEnd(**{**end, "finished_at": datetime.fromisoformat(end["finished_at"])})
                for end in data}
    except (OSError, ValueError, TypeError, KeyError):  # none, or one we did not write whole: the runs stay as
        return {}                                         # the archive has them


def keep_end(path: Path, end: RunEnd) -> None:
    """Add an end to the file (written whole, then renamed into place)."""
    ends = read_ends(path) | {end.run_id: end}
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps([{**asdict(e), "finished_at": e.finished_at.isoformat()} for e in ends.values()],
                                    indent=1), encoding="utf-8")
    os.replace(temporary, path)


def forget_ends(path: Path) -> None:
    """Remove the file once the archive took its ends (the caller holds the crawl lock: no crawl adds one)."""
    path.unlink(missing_ok=True)


def record_ends(session, ends: dict[int, RunEnd]) -> None:
    """Record the kept ends into the archive (in the caller's transaction)."""
    from store import queries

    for end in ends.values():
        sources = {name: (counts, counts.get("last_error")) for name, counts in end.sources.items()}
        queries.record_run_end(session, end.run_id, end.pid, end.status, end.message, end.finished_at, sources)

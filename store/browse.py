"""The archive's Datasette metadata (store/datasette.yaml), fitted to one archive file and one config."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

from store.db import reader_uri

METADATA = Path(__file__).with_name("datasette.yaml")


def load_metadata() -> dict:
    """The versioned metadata file as it is written (needs PyYAML, which Datasette brings)."""
    import yaml

    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


def schema(db_path: Path) -> dict[str, set[str]]:
    """Every table and view of the archive with its column names (read-only; the file is not created)."""
    db = sqlite3.connect(reader_uri(db_path), uri=True)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        return {name: {r[0] for r in db.execute("SELECT name FROM pragma_table_info(?)", (name,))} for name in names}
    finally:
        db.close()


def missing(requires: list[str], tables: dict[str, set[str]]) -> list[str]:
    """Which of `table` or `table.column` the archive lacks."""
    absent = []
    for need in requires:
        table, _, column = need.partition(".")
        if table not in tables or (column and column not in tables[table]):
            absent.append(need)
    return absent


def datasette_metadata(db_path: Path, database: str, topics: list[str], triage: bool,
                       base_url: str = "/") -> tuple[dict, dict[str, list[str]]]:
    """Datasette's metadata for this archive, and the queries left out with what they lack.

    Queries that need a later feature's tables appear once the archive has them; the writable triage
    queries only with `triage` on.
    """
    raw = copy.deepcopy(load_metadata())
    tables = schema(db_path)
    named = ", ".join(topics) or "(no topic configured)"
    db_meta = raw.pop("database")
    db_meta["description"] = db_meta["description"].replace("{topics}", named)
    left_out: dict[str, list[str]] = {}
    queries = {}
    for name, query in db_meta.get("queries", {}).items():
        absent = missing(query.pop("requires", []), tables)
        if query.pop("triage", False) and not triage:
            absent.append("triage")
        if absent:
            left_out[name] = absent
            continue
        query["description"] = query.get("description", "").replace("{topics}", named)
        queries[name] = query
    db_meta["queries"] = queries
    raw["description_html"] = raw["description_html"].replace("{database_url}", base_url.rstrip("/") + "/" + database)
    raw["databases"] = {database: db_meta}
    return raw, left_out

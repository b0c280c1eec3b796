"""A user who cannot write the archive: a group member reading the archive of the crawl's user, or cron running the
crawl as another user than the one who made it. Readers read (the file left as it was, nothing made beside it);
writers are told in one sentence, before anything is done.

Run as root, the commands are started without the capabilities that let root write anything (setpriv), so that
the files' modes hold for them as for any other user; run as another user, they are started as they are.
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

from store.migrate import HEAD, upgrade
from tests.conftest import REPO, newswatch
from tests.test_digest import Inbox, digest_toml, start_smtp

ME = pwd.getpwuid(os.geteuid()).pw_name  # who owns the files this test makes
WIDTH = {"COLUMNS": "160"}  # the owner's commands and the other user's print their tables alike
CAPABILITIES = "-dac_override,-dac_read_search,-fowner"
READERS = [("search", "sesterce"), ("show", "1"), ("export", "--format", "jsonl"), ("deadlines",),
           ("digest", "--dry-run")]


def bound(command: list[str]) -> list[str]:
    """`command` run so that the files' modes bind it: as it is, or by root without its overriding capabilities."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", f"--bounding-set={CAPABILITIES}", f"--inh-caps={CAPABILITIES}", *command]


def as_someone_else(config: Path, *args: str) -> subprocess.CompletedProcess:
    """`newswatch args` run by a user whom the files' modes bind (`bound`), its tables as wide as the owner's."""
    command = [sys.executable, "-m", "newswatch", "--config", str(config), *args]
    return subprocess.run(bound(command), capture_output=True, text=True, timeout=120, cwd=REPO,
                          env={**os.environ, **WIDTH})


@pytest.fixture
def owned(demo_crawl, tmp_path):
    """A copy of the demo's archive and its config in a folder of its own; its modes are put back afterwards."""
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "newswatch.db"
    shutil.copy(demo_crawl.archive.path, db)
    config = folder / "newswatch.toml"
    config.write_text(demo_crawl.config_path.read_text(encoding="utf-8")
                      .replace(str(demo_crawl.archive.path), str(db)), encoding="utf-8")
    assert str(db) in config.read_text(encoding="utf-8")
    yield folder, db, config
    folder.chmod(0o755)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("folder_mode", [0o555, 0o755], ids=["folder-read-only", "folder-writable"])
def test_a_user_who_cannot_write_the_archive_reads_it_as_its_owner_does(owned, folder_mode):
    folder, db, config = owned
    expected = {args: newswatch(*args, config=config, env=WIDTH, check=True).stdout for args in READERS}
    assert all(expected.values())
    db.chmod(0o444)
    folder.chmod(folder_mode)
    before = snapshot(folder)
    for args in READERS:
        got = as_someone_else(config, *args)
        assert (got.returncode, got.stdout) == (0, expected[args]), (args, got.stderr)
        assert "Traceback" not in got.stderr and "readonly" not in got.stderr
    assert snapshot(folder) == before  # not a byte changed, nothing made beside the file (no -wal, no -shm)


def test_a_reader_sees_what_a_running_writer_has_committed(owned):
    folder, db, config = owned
    writer = sqlite3.connect(db)
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("UPDATE articles SET title = 'Titre écrit par le crawl en cours' WHERE id = 1")
        writer.commit()  # in the write-ahead log, not yet in the file: the writer still has it open
        assert (folder / "newswatch.db-wal").stat().st_size > 0
        db.chmod(0o444)
        folder.chmod(0o555)
        got = as_someone_else(config, "show", "1")
    finally:
        folder.chmod(0o755)
        writer.close()
    assert got.returncode == 0, got.stderr
    assert got.stdout.startswith("#1  Titre écrit par le crawl en cours\n")


@pytest.mark.parametrize("args", [("crawl",), ("rematch",), ("mark", "1", "off-topic"), ("digest", "--send"),
                                  ("schedule",)])
def test_every_command_that_writes_says_in_one_sentence_that_it_cannot(owned, args):
    folder, db, config = owned
    inbox = Inbox()
    controller = start_smtp(inbox)
    try:
        config.write_text(config.read_text(encoding="utf-8") + digest_toml(controller.port), encoding="utf-8")
        db.chmod(0o444)
        before = snapshot(folder)
        got = as_someone_else(config, *args)
    finally:
        controller.stop()
    assert got.returncode == 2, got.stderr
    assert got.stdout == ""
    assert got.stderr.startswith(f"newswatch: cannot write to the archive {db}: the file is read-only for ")
    assert got.stderr.count("\n") == 1 and "write access to the file and its folder" in got.stderr
    assert f"run newswatch as {ME}, who owns it" in got.stderr
    assert inbox.messages == []  # the digest was not sent: it could not have been marked as sent
    assert snapshot(folder) == before


def test_a_crawl_whose_lock_file_another_user_owns_says_so(owned):
    folder, db, config = owned
    lock = folder / "newswatch.db.crawl.lock"
    lock.write_text("")
    lock.chmod(0o444)
    got = as_someone_else(config, "crawl")
    assert got.returncode == 2, got.stderr
    assert got.stderr == (f"newswatch: cannot take the crawl lock {lock}: Permission denied; run newswatch as {ME}, "
                          f"who owns it, or give {ME} write access to it and its folder\n")


def test_an_archive_that_needs_upgrading_is_not_read_by_a_user_who_cannot_upgrade_it(tmp_path):
    db = tmp_path / "newswatch.db"
    upgrade(f"sqlite:///{db}", "0019")
    config = tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{db}"\n', encoding="utf-8")
    db.chmod(0o444)
    got = as_someone_else(config, "search", "sesterce")
    assert got.returncode == 2
    assert got.stderr.startswith(f"newswatch: the archive {db} is at schema 0019, not {HEAD}, and ")
    assert got.stderr.endswith("cannot write it to bring it up to date: any newswatch command run by "
                               f"{ME}, who owns it, does\n")
    db.chmod(0o644)
    with closing(sqlite3.connect(db)) as reading:
        assert reading.execute("SELECT version_num FROM alembic_version").fetchall() == [("0019",)]


def test_browse_serves_an_archive_its_user_cannot_write_read_only(owned):
    pytest.importorskip("datasette")
    folder, db, config = owned
    config.write_text(config.read_text(encoding="utf-8") + '\n[browse]\ntriage_token_env = "NW_TEST_TRIAGE"\n',
                      encoding="utf-8")
    with closing(sqlite3.connect(db)) as reading:  # closed: the last connection removes the -wal and -shm files
        articles = reading.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.chmod(0o444)
    folder.chmod(0o555)
    before = snapshot(folder)
    command = bound([sys.executable, "-m", "newswatch", "--config", str(config), "browse", "--port", "0"])
    process = subprocess.Popen(command, cwd=REPO, env={**os.environ, "NW_TEST_TRIAGE": "a-long-enough-token"},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [process.stdout.readline(), process.stdout.readline()]
        assert lines[0].startswith("browse the archive at http://127.0.0.1:"), (lines, process.stderr)
        assert lines[1] == (f"read-only, triage off: the file is read-only for {ME}; run newswatch as {ME}, who owns "
                            "it, or give " f"{ME} write access to the file and its folder (crawls after this start "
                            "are not shown: restart browse to see them)\n")
        with urllib.request.urlopen(lines[0].split()[4] + "/articles.json?_shape=array&_size=max") as answer:
            assert len(json.load(answer)) == articles > 0
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()
        process.stderr.close()
    assert snapshot(folder) == before


def test_the_scheduler_run_by_a_user_who_cannot_write_the_archive_says_so_and_starts_nothing(owned):
    folder, db, config = owned
    folder.chmod(0o555)  # the file may be written, its folder not: SQLite could not make its journal there
    got = subprocess.run(bound([sys.executable, "scheduler.py", "--config", str(config)]), capture_output=True,
                         text=True, timeout=120, cwd=REPO)
    assert got.returncode == 2
    assert got.stderr == (f"scheduler.py: cannot write to the archive {db}: its folder is read-only for {ME}, and "
                          f"SQLite writes its journal there; run newswatch as {ME}, who owns it, or give {ME} write "
                          "access to the file and its folder\n")
    assert sorted(p.name for p in folder.iterdir()) == ["newswatch.db", "newswatch.toml"]


def test_an_archive_reached_through_a_link_is_judged_where_its_file_is(owned, tmp_path):
    folder, db, config = owned
    elsewhere = tmp_path / "links"
    elsewhere.mkdir()
    (elsewhere / "newswatch.db").symlink_to(db)
    config.write_text(config.read_text(encoding="utf-8").replace(str(db), str(elsewhere / "newswatch.db")),
                      encoding="utf-8")
    folder.chmod(0o555)  # the link's folder may be written, the file's not: SQLite keeps its journal beside the file
    refused = as_someone_else(config, "mark", "1", "off-topic")
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"newswatch: cannot write to the archive {elsewhere / 'newswatch.db'}: its "
                                     f"folder is read-only for {ME}, and SQLite writes its journal there; ")
    read = as_someone_else(config, "show", "1")
    assert read.returncode == 0 and read.stdout.startswith("#1  "), read.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["newswatch.db", "newswatch.toml"]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["newswatch.db"]


def test_journal_files_another_user_left_beside_the_archive_are_named_to_its_owner(owned):
    folder, db, config = owned
    db.chmod(0o444)  # a reader of an older newswatch (or sqlite3's shell) that could write the folder, not the file
    left = subprocess.run(bound([sys.executable, "-c", "import sqlite3, sys; sqlite3.connect(sys.argv[1])"
                                 ".execute('SELECT count(*) FROM articles').fetchall()", str(db)]), capture_output=True)
    assert left.returncode == 0, left.stderr
    wal, shm = folder / "newswatch.db-wal", folder / "newswatch.db-shm"
    assert wal.exists() and shm.exists() and wal.stat().st_size == 0 and not shm.stat().st_mode & 0o200
    db.chmod(0o644)
    refused = as_someone_else(config, "mark", "1", "off-topic")
    assert refused.returncode == 2
    assert refused.stderr == (f"newswatch: cannot write to the archive {db}: {wal} and {shm} are read-only for {ME} "
                              f"({ME} made them); they hold no writes: remove them while no newswatch command runs\n")
    wal.unlink()
    shm.unlink()
    assert as_someone_else(config, "mark", "1", "off-topic").returncode == 0

"""The schema: one Alembic head, and the models agree with what the migrations build."""

from __future__ import annotations

import sqlite3

import pytest

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from sqlalchemy import inspect
from tests.conftest import pg_database

from store.db import make_engine
from store.migrate import HEAD, alembic_config, current_revisions, include_object, upgrade
from store.models import Base

# Added by plain ALTER TABLE in 0004 (a batch copy would drop the FTS triggers): SQLite keeps no
# constraint name for them, so autogenerate reports a rename; their behaviour is checked below instead.
ALTER_ADDED = {("articles", "story_id", "stories"), ("articles", "duplicate_of", "articles")}


def _fk_key(constraint):
    return (constraint.table.name, next(iter(constraint.columns)).name, constraint.referred_table.name)


def test_migrations_have_one_head_and_store_knows_it(archive):
    """store.migrate.HEAD lets an up-to-date archive skip loading Alembic: it must be Alembic's one head."""
    assert ScriptDirectory.from_config(alembic_config(archive.url)).get_heads() == [HEAD]
    assert current_revisions(archive.url) == {HEAD}


def test_an_archive_behind_head_is_still_upgraded(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0001")
    assert current_revisions(url) == {"0001"}
    upgrade(url)
    assert current_revisions(url) == {HEAD}
    assert "articles_fts" in {row[0] for row in sqlite3.connect(tmp_path / "old.db").execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_an_unreadable_archive_is_reported_by_alembic_not_skipped(tmp_path):
    bad = tmp_path / "not-a-database.db"
    bad.write_bytes(b"this is not SQLite" * 100)
    assert current_revisions(f"sqlite:///{bad}") == set()
    with pytest.raises(Exception, match="not a database"):
        upgrade(f"sqlite:///{bad}")


def test_models_match_the_migrated_schema(any_archive):
    engine = make_engine(any_archive.url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    renamed = [d for d in diff if d[0] in ("add_fk", "remove_fk") and _fk_key(d[1]) in ALTER_ADDED]
    assert [d for d in diff if d not in renamed] == []
    assert len(renamed) in (0, 4)


def test_alter_added_foreign_keys_behave_like_the_models(archive):
    db = sqlite3.connect(archive.path)
    found = {(row[3], row[2], row[6]) for row in db.execute("PRAGMA foreign_key_list(articles)")}
    assert {("story_id", "stories", "SET NULL"), ("duplicate_of", "articles", "SET NULL")} <= found


def test_the_same_migrations_go_down_and_up_on_postgresql():
    from alembic import command

    with pg_database() as url:
        upgrade(url)
        assert current_revisions(url) == {HEAD}
        command.downgrade(alembic_config(url), "base")
        engine = make_engine(url)
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
        engine.dispose()
        upgrade(url)
        assert current_revisions(url) == {HEAD}


def test_scans_archived_before_0014_are_given_the_no_text_status_and_back(any_archive):
    """0014 changes data only: a document archived with an empty text and why (a scan) was 'full'; it becomes
    'no_text', and nothing else moves. Down again, it is 'full' as before."""
    from alembic import command
    from sqlalchemy import text as sql

    from store import queries
    from store.db import transaction
    from store.models import utcnow

    command.downgrade(alembic_config(any_archive.url), "0013")
    rows = {"scan.pdf": ("document", "", "no text layer: the PDF holds only images (a scan?)", "full"),
            "notice.pdf": ("document", "Avis d'enquête publique.", None, "full"),
            "lost.pdf": ("document", "", "HTTP 403: the site refuses automated readers", "headline"),
            "article": ("article", "Le centre de données.", None, "full")}
    with transaction(any_archive.sessions(writer=True)) as session:
        for name, (kind, body, missing, status) in rows.items():
            queries.insert_article(session, url=f"https://x.example/{name}", canonical_url=f"https://x.example/{name}",
                                   source="s", title=name, text=body, date_source="first_seen", first_seen=utcnow(),
                                   fetched_at=utcnow(), kind=kind, text_missing_reason=missing, text_status=status)

    def statuses() -> dict[str, str]:
        with any_archive.sessions()() as session:
            return dict(session.execute(sql("SELECT title, text_status FROM articles")).all())

    upgrade(any_archive.url)
    assert statuses() == {"scan.pdf": "no_text", "notice.pdf": "full", "lost.pdf": "headline", "article": "full"}
    command.downgrade(alembic_config(any_archive.url), "0013")
    assert statuses() == {"scan.pdf": "full", "notice.pdf": "full", "lost.pdf": "headline", "article": "full"}
    upgrade(any_archive.url)


def test_doc_files_and_zips_recorded_as_not_html_before_0016_are_asked_for_again(any_archive):
    """0016 changes data only: a `.doc` or a zip recorded `not_html` for good (newswatch did not read them) loses
    its final mark, so the next crawl asks for it again; a picture's or a video's `not_html` stay as they were."""
    from alembic import command
    from sqlalchemy import text as sql

    from store.db import transaction

    command.downgrade(alembic_config(any_archive.url), "0015")
    rows = {"https://x.example/pv-conseil.doc": ("content type text/plain", True),
            "https://x.example/telecharger/77": ("content type application/msword", True),
            "https://x.example/dossier": ("content type application/x-zip-compressed", True),
            "https://x.example/DOSSIER-COMPLET.ZIP": ("content type application/octet-stream", True),
            "https://x.example/affiche.jpg": ("content type image/jpeg", True),
            "https://x.example/video": ("content type video/mp4", True)}
    with transaction(any_archive.sessions(writer=True)) as session:
        for url, (reason, final) in rows.items():
            session.execute(sql("INSERT INTO fetches (url, source, outcome, final, failures, reason, fetched_at) "
                                "VALUES (:url, 's', 'not_html', :final, 0, :reason, CURRENT_TIMESTAMP)"),
                            {"url": url, "final": final, "reason": reason})

    upgrade(any_archive.url)
    with any_archive.sessions()() as session:
        finals = {url: bool(final) for url, final in session.execute(sql("SELECT url, final FROM fetches"))}
    assert finals == {"https://x.example/pv-conseil.doc": False, "https://x.example/telecharger/77": False,
                      "https://x.example/dossier": False, "https://x.example/DOSSIER-COMPLET.ZIP": False,
                      "https://x.example/affiche.jpg": True, "https://x.example/video": True}


def test_spreadsheets_and_rtf_files_recorded_as_unreadable_before_0019_are_asked_for_again(any_archive):
    """0019 changes data only: an .ods, .xlsx, .xls or .rtf file recorded `not_html` for good, or, asked for as a
    document, `extract_failed` as a zip holding no readable document (newswatch did not read them), loses its final
    mark, so the next crawl asks for it again; a picture's `not_html` and a PDF's failure stay as they were."""
    from alembic import command
    from sqlalchemy import text as sql

    from store.db import transaction

    command.downgrade(alembic_config(any_archive.url), "0018")
    rows = {"https://x.example/deliberations-2026.ods": ("not_html", "content type application/octet-stream"),
            "https://x.example/Tableau.XLSX": ("not_html", "content type text/plain"),
            "https://x.example/telecharger/80": ("not_html", "content type application/vnd.ms-excel"),
            "https://x.example/liste.xls": ("not_html", "content type application/octet-stream"),
            "https://x.example/arrete-112.RTF": ("not_html", "content type application/octet-stream"),
            "https://x.example/telecharger/81": ("not_html", "content type text/rtf"),
            "https://x.example/telecharger/78": (
                "not_html", "content type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "https://x.example/telecharger/79": ("extract_failed", "a zip holding no readable document (.pdf .odt "
                                                 ".docx .doc .odp .pptx: 0 such files)"),
            "https://x.example/affiche.jpg": ("not_html", "content type image/jpeg"),
            "https://x.example/arrete.pdf": ("extract_failed", "not a readable PDF (no trailer)")}
    with transaction(any_archive.sessions(writer=True)) as session:
        for url, (outcome, reason) in rows.items():
            session.execute(sql("INSERT INTO fetches (url, source, outcome, final, failures, reason, fetched_at) "
                                "VALUES (:url, 's', :outcome, :final, 0, :reason, CURRENT_TIMESTAMP)"),
                            {"url": url, "outcome": outcome, "final": True, "reason": reason})

    upgrade(any_archive.url)
    with any_archive.sessions()() as session:
        finals = {url: bool(final) for url, final in session.execute(sql("SELECT url, final FROM fetches"))}
    assert finals == {"https://x.example/deliberations-2026.ods": False, "https://x.example/Tableau.XLSX": False,
                      "https://x.example/telecharger/78": False, "https://x.example/telecharger/79": False,
                      "https://x.example/telecharger/80": False, "https://x.example/liste.xls": False,
                      "https://x.example/arrete-112.RTF": False, "https://x.example/telecharger/81": False,
                      "https://x.example/affiche.jpg": True, "https://x.example/arrete.pdf": True}


def test_zipped_dossiers_recorded_as_unreadable_before_0020_are_asked_for_again(any_archive):
    """0020 changes data only: a zip recorded `extract_failed` for good as holding no readable document (a dossier
    of scans, which newswatch did not read by OCR) loses its final mark, so the next crawl asks for it again; a
    damaged zip and a PDF's failure stay as they were."""
    from alembic import command
    from sqlalchemy import text as sql

    from store.db import transaction

    command.downgrade(alembic_config(any_archive.url), "0019")
    rows = {"https://x.example/actes-signes.zip": "a zip holding no readable document (.pdf .odt .docx .doc .rtf "
                                                  ".odp .pptx .ods .xlsx .xls: 3 such files)",
            "https://x.example/abime.zip": "not a readable zip (File is not a zip file)",
            "https://x.example/arrete.pdf": "not a readable PDF (no trailer)"}
    with transaction(any_archive.sessions(writer=True)) as session:
        for url, reason in rows.items():
            session.execute(sql("INSERT INTO fetches (url, source, outcome, final, failures, reason, fetched_at) "
                                "VALUES (:url, 's', 'extract_failed', :final, 0, :reason, CURRENT_TIMESTAMP)"),
                            {"url": url, "final": True, "reason": reason})

    upgrade(any_archive.url)
    with any_archive.sessions()() as session:
        finals = {url: bool(final) for url, final in session.execute(sql("SELECT url, final FROM fetches"))}
    assert finals == {"https://x.example/actes-signes.zip": False, "https://x.example/abime.zip": True,
                      "https://x.example/arrete.pdf": True}


def test_listings_read_before_0017_are_asked_for_whole_once(any_archive):
    """0017 changes data only: a listing page's or a documents listing's validators are dropped (it answered 304
    while it did not change, and the frames it may show, read since, would never be), a feed's and a sitemap's are
    kept."""
    from alembic import command
    from sqlalchemy import text as sql

    from store import queries
    from store.db import transaction

    command.downgrade(alembic_config(any_archive.url), "0016")
    kinds = {"https://mairie.example/actualites": "page", "https://pref.example/consultations": "documents",
             "https://mairie.example/feed/": "feed", "https://mairie.example/sitemap.xml": "sitemap"}
    with transaction(any_archive.sessions(writer=True)) as session:
        for url, kind in kinds.items():
            old_channel(session, url, kind, etag=f'"{kind}"', modified="Tue, 01 Dec 2026 08:00:00 GMT")
    upgrade(any_archive.url)
    with any_archive.sessions()() as session:
        validators = queries.channel_validators(session, list(kinds), read_since=None)
        entries = dict(session.execute(sql("SELECT url, entries FROM channels")).all())
    assert validators == {"https://mairie.example/actualites": (None, None),
                          "https://pref.example/consultations": (None, None),
                          "https://mairie.example/feed/": ('"feed"', "Tue, 01 Dec 2026 08:00:00 GMT"),
                          "https://mairie.example/sitemap.xml": ('"sitemap"', "Tue, 01 Dec 2026 08:00:00 GMT")}
    assert set(entries.values()) == {3}


def old_channel(session, url: str, kind: str, status: str = "ok", etag: str | None = None,
                modified: str | None = None, checked_at: str = "2026-12-01 08:00:00") -> None:
    """A channel as an archive before 0018 recorded it (in SQL: the models know columns it did not have)."""
    from sqlalchemy import text as sql

    session.execute(sql("INSERT INTO channels (url, kind, source, etag, last_modified, checked_at, status, entries, "
                        "keeps_old) VALUES (:url, :kind, 's', :etag, :modified, :checked_at, :status, 3, false)"),
                    dict(url=url, kind=kind, etag=etag, modified=modified, checked_at=checked_at, status=status))


def test_channels_last_read_in_full_before_0018_keep_their_validators_the_others_are_asked_for_whole(any_archive):
    """0018 adds channels.read_at, the time of a channel's last answer in full: a channel whose last answer was a
    200 (status ok) takes its last check's time; one whose last answer was a 304 or an error was not read in full
    then, and is asked for whole at the next crawl."""
    from datetime import UTC, datetime

    from alembic import command

    from store import queries
    from store.db import transaction

    command.downgrade(alembic_config(any_archive.url), "0017")
    statuses = {"https://a.example/feed/": "ok", "https://b.example/feed/": "not_modified",
                "https://c.example/sitemap.xml": "error"}
    with transaction(any_archive.sessions(writer=True)) as session:
        for url, status in statuses.items():
            old_channel(session, url, "feed", status, etag='"v1"')
    upgrade(any_archive.url)
    december = datetime(2026, 12, 1, tzinfo=UTC)
    with any_archive.sessions()() as session:
        assert queries.channel_validators(session, list(statuses), read_since=december) == {
            "https://a.example/feed/": ('"v1"', None)}
        assert queries.channel_validators(session, list(statuses), read_since=december.replace(hour=9)) == {}
        assert len(queries.channel_validators(session, list(statuses), read_since=None)) == 3

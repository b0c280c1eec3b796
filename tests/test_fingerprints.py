"""Content identity: fingerprints of hand-written pairs, the copy test, revisions, and the band tables in SQLite."""

from __future__ import annotations

import difflib
import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import event, select

from bench.record_minhash import SIZES, feature_inputs, inputs_digest
from newswatch.text import fingerprints as fp
from newswatch.text.revisions import diff_summary, is_material_change
from newswatch.text.urls import item_address
from store import dedup, rechecks
from store.db import transaction
from store.models import Article, Story

BASE = [
    "Alixan (Agence Drôme Presse) - La société marseillaise Sesterce a confirmé mardi le calendrier de son "
    "centre de calcul installé dans l'ancien bâtiment Ecotox, sur le parc d'activités de Rovaltain.",
    "Les premières salles doivent accueillir plusieurs milliers de processeurs graphiques avant la fin de "
    "l'année prochaine, selon la direction de l'entreprise, qui parle d'un chantier sans retard.",
    "Le bâtiment, construit avec des fonds publics pour la recherche en écotoxicologie, avait été vendu une "
    "première fois à un groupe lyonnais avant d'être cédé à Sesterce au début de l'année.",
    "Le refroidissement se fera en circuit fermé, promet l'entreprise, qui vise un indicateur d'efficacité "
    "énergétique proche de 1,1 et assure que la consommation d'eau restera très limitée.",
    "La chaleur produite par les serveurs pourrait alimenter un réseau de chaleur local, mais aucune "
    "convention n'a encore été signée avec les communes voisines ni avec l'agglomération.",
    "Le raccordement électrique reste la principale inconnue du projet : le poste de transformation doit "
    "être livré par le gestionnaire du réseau, qui n'a pas communiqué de date ferme.",
    "Plusieurs dizaines d'emplois de techniciens sont annoncés pour l'exploitation du site, un chiffre que "
    "les opposants jugent modeste au regard des montants investis et de l'électricité consommée.",
    "Un collectif d'habitants a déposé un recours contre le permis de construire devant le tribunal "
    "administratif de Grenoble, qui n'a pas encore fixé de date d'audience pour examiner l'affaire.",
    "Les élus de l'agglomération soutiennent le projet, qu'ils présentent comme une reconversion utile d'un "
    "bâtiment resté longtemps inoccupé près de la gare de Valence TGV.",
    "La direction de Sesterce indique qu'une réunion d'information sera organisée au printemps pour "
    "répondre aux questions des riverains sur le bruit, l'eau et la circulation des camions.",
]
ORIGINAL = "\n\n".join(BASE)

REPOST = "\n\n".join([
    "VALENCE, 4 mars 2026 (ADP) - " + BASE[0].split(" - ", 1)[1], *BASE[1:],
    "Le collectif prévoit de son côté une réunion publique la semaine prochaine à la salle des fêtes.",
    "Cet article a été publié automatiquement à partir d'une dépêche d'agence.",
])

EDITED = "\n\n".join([
    BASE[0],
    BASE[1].replace("plusieurs milliers", "quelques milliers").replace("sans retard", "dans les temps"),
    BASE[2],
    "Le refroidissement reposera sur un circuit fermé, affirme la société, dont l'objectif est un indicateur "
    "d'efficacité voisin de 1,1 avec une consommation d'eau qu'elle dit très faible.",
    *BASE[4:6],
    BASE[6].replace("Plusieurs dizaines d'emplois", "Une quarantaine de postes").replace("jugent modeste", "trouvent faible"),
    BASE[7],
    BASE[8].replace("soutiennent", "défendent"),
    BASE[9],
])

_words = ORIGINAL.split()
TEASER = " ".join(_words[:int(len(_words) * 0.6)]) + " …\n\nLa suite est réservée aux abonnés."

SAME_SUBJECT = "\n\n".join([
    "Sesterce, l'entreprise qui transforme l'ancien Ecotox de Rovaltain en data center, a reçu jeudi les élus "
    "d'Alixan pour une visite du chantier, la première depuis l'achat du bâtiment.",
    "Dans les couloirs encore encombrés de matériel de laboratoire, les responsables du projet ont montré "
    "l'emplacement des futures salles de serveurs et du local des batteries.",
    "Le maire a insisté sur les retombées fiscales attendues pour la commune, tout en reconnaissant que les "
    "habitants restent inquiets pour leur consommation d'eau en été.",
    "Interrogé sur le recours déposé à Grenoble, le directeur du site a répété que l'entreprise respectait "
    "toutes les règles et que le permis avait été instruit normalement.",
    "Les visiteurs ont aussi découvert la future salle de supervision, d'où une équipe surveillera jour et "
    "nuit la température des machines et la puissance appelée sur le réseau.",
    "Une nouvelle visite, ouverte cette fois aux associations, est promise pour l'été, quand les premières "
    "baies de serveurs auront été livrées et installées dans l'aile nord.",
])

SAME_TITLE = "Sesterce confirme le calendrier de son centre de calcul de Rovaltain"


def copy_kind(new: str, old: str) -> str | None:
    found = fp.compare(fp.fingerprint(new), fp.fingerprint(old))
    return found.kind if found else None


# --- the copy test on hand-written pairs ------------------------------------------------------------

def test_an_identical_text_with_other_spacing_and_case_is_exact():
    assert copy_kind(ORIGINAL.upper().replace(" ", "  "), ORIGINAL) == "exact"
    assert fp.exact_hash("Le  data-center, à Alixan !") == fp.exact_hash("le data center a alixan")


def test_the_archived_text_hash_is_the_one_its_first_definition_gave():
    """Archives hold text hashes made with `re.sub(r"\\s+", " ", text).strip()`: the faster split keeps them equal,
    for every character Python calls whitespace (all of them, drawn among any other)."""
    import hashlib
    import re
    import sys

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from store.queries import text_hash

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert len(spaces) == 29 and all(re.fullmatch(r"\s", c) for c in spaces)

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(st.one_of(st.sampled_from(spaces), st.characters(exclude_categories=["Cs"]),
                              st.sampled_from(["Data", "É", "ẞ", "ǅ"])), max_size=60).map("".join))
    def same(text):
        first = hashlib.sha256(re.sub(r"\s+", " ", text).strip().lower().encode("utf-8")).hexdigest()
        assert text_hash(text) == first

    same()
    assert text_hash(" Sesterce\u2003à\n\nALIXAN\u00a0 ") == text_hash("sesterce à alixan")


def test_a_repost_with_a_new_dateline_and_other_boilerplate_is_near():
    assert copy_kind(REPOST, ORIGINAL) == "near"
    assert copy_kind(ORIGINAL, REPOST) == "near"


def test_a_ten_percent_edit_is_near():
    before, after = ORIGINAL.split(), EDITED.split()
    kept = sum(block.size for block in difflib.SequenceMatcher(None, before, after, autojunk=False).get_matching_blocks())
    assert 0.08 <= 1 - kept / len(before) <= 0.15
    assert copy_kind(EDITED, ORIGINAL) == "near"


def test_the_first_sixty_percent_is_a_teaser_of_the_whole():
    found = fp.compare(fp.fingerprint(TEASER), fp.fingerprint(ORIGINAL))
    assert found is not None and found.kind in ("teaser", "near") and not found.new_is_longer
    assert found.containment >= fp.TEASER_CONTAINMENT
    again = fp.compare(fp.fingerprint(ORIGINAL), fp.fingerprint(TEASER))
    assert again is not None and again.new_is_longer


def test_a_different_article_on_the_same_subject_is_not_a_copy():
    assert copy_kind(SAME_SUBJECT, ORIGINAL) is None
    assert copy_kind(ORIGINAL, SAME_SUBJECT) is None


def test_a_short_quotation_of_a_long_text_is_not_a_teaser():
    quotation = BASE[3] + " " + BASE[5]
    assert copy_kind(quotation, ORIGINAL) is None


def test_short_texts_are_only_exact_copies():
    assert copy_kind("Sesterce à Alixan.", "Sesterce à Alixan !") == "exact"
    assert copy_kind("Sesterce ouvre à Alixan.", "Sesterce ferme à Alixan.") is None


# --- the signatures ------------------------------------------------------------------------------

def test_signatures_are_pinned():
    """Stored band keys depend on the seed, scheme and feature hash: a change here breaks every archive."""
    sig = fp.fingerprint("Sesterce installe un centre de calcul de 40 000 GPU à Rovaltain.")
    assert sig.size == 10
    assert sig.exact == "edf8b6a07b948263d8decd881f1df3030516bed760072492f525f51261c863d6"
    assert len(sig.minhash) == fp.NUM_PERM and sig.minhash[:3] == (2576981746320712826, 1284190337719735627, 523104349846520545)
    assert sig.simhash == 221692332971992403


DATASKETCH = json.loads((Path(__file__).parent / "fixtures" / "minhash_datasketch.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", DATASKETCH["cases"], ids=lambda case: f"{case['size']}-features")
def test_minhash_values_are_datasketchs(case):
    """Our MinHash is datasketch 2.x's "affine64" scheme, which wrote the first archives: the same values as
    datasketch gave for the same inputs, recorded once by bench/record_minhash.py (the test extra has no datasketch)."""
    assert (DATASKETCH["num_perm"], DATASKETCH["seed"], DATASKETCH["scheme"]) == (
        fp.NUM_PERM, fp.MINHASH_SEED, fp.MINHASH_SCHEME)
    inputs = feature_inputs(case["size"])
    assert inputs_digest(inputs) == case["inputs_sha256"]
    assert len(case["hashvalues"]) == fp.NUM_PERM
    assert fp.minhash(np.array(inputs, dtype=np.uint64)) == tuple(case["hashvalues"])


def test_the_minhash_reference_covers_empty_short_and_long_sets():
    assert [case["size"] for case in DATASKETCH["cases"]] == list(SIZES)
    assert DATASKETCH["recorded_by"] == "python -m bench.record_minhash" and DATASKETCH["datasketch"].startswith("2.")


def test_simhash_is_a_signed_64_bit_integer():
    values = [fp.fingerprint(p).simhash for p in BASE]
    assert all(-(1 << 63) <= v < (1 << 63) for v in values)
    assert any(v < 0 for v in values) and any(v > 0 for v in values)


def test_simhashes_within_three_bits_share_a_band():
    rng = random.Random(7)
    for _ in range(500):
        value = rng.getrandbits(64) - (1 << 63)
        flipped = value
        for bit in rng.sample(range(64), rng.randint(0, 3)):
            flipped ^= 1 << bit
        flipped = flipped - (1 << 64) if flipped >= 1 << 63 else flipped
        assert fp.hamming(value, flipped) <= 3
        assert set(fp.simhash_bands(value)) & set(fp.simhash_bands(flipped))


def test_minhash_band_keys_are_equal_exactly_for_equal_rows():
    a, b = fp.fingerprint(ORIGINAL), fp.fingerprint(REPOST)
    shared = set(a.minhash_bands()) & set(b.minhash_bands())
    rows = {band for band in range(fp.MINHASH_BANDS)
            if a.minhash[band * fp.MINHASH_ROWS:(band + 1) * fp.MINHASH_ROWS]
            == b.minhash[band * fp.MINHASH_ROWS:(band + 1) * fp.MINHASH_ROWS]}
    assert {band for band, _ in shared} == rows and rows
    assert len({band for band, _ in a.minhash_bands()}) == fp.MINHASH_BANDS


def test_containment_is_the_share_of_the_smaller_set_in_the_larger():
    whole, part = frozenset("abcdefghij"), frozenset("abcdef")
    assert fp.containment(part, whole) == fp.containment(whole, part) == 1.0
    assert fp.containment(frozenset("abxy"), whole) == 0.5
    assert fp.jaccard(part, whole) == pytest.approx(0.6)
    assert fp.containment(frozenset(), whole) == 0.0


# --- revisions -----------------------------------------------------------------------------------

def test_spacing_case_and_a_typo_are_not_material_but_a_figure_or_a_title_is():
    assert not is_material_change("Un titre", ORIGINAL, "Un  titre", ORIGINAL.replace(".", " .").lower())
    assert not is_material_change("Un titre", ORIGINAL, "Un titre", ORIGINAL.replace("inoccupé", "innocupé"))
    assert is_material_change("Un titre", ORIGINAL, "Un titre", ORIGINAL.replace("1,1", "1,3"))
    assert is_material_change("Un titre", ORIGINAL, "Un autre titre", ORIGINAL)
    assert is_material_change("Un titre", ORIGINAL, "Un titre", EDITED)


def test_the_diff_summary_says_what_changed_in_one_short_line():
    summary = diff_summary("Sesterce : 1,8 milliard pour démarrer", ORIGINAL,
                           "Sesterce : 450 millions pour démarrer", ORIGINAL + "\n\nCorrection : la première phase coûte 450 millions.")
    assert summary.startswith("title: «1,8 milliard» → «450 millions»")
    assert "1 paragraph added" in summary and "(+8 −0 words)" in summary
    assert "\n" not in summary and len(summary) <= 300


# --- the band tables in SQLite -------------------------------------------------------------------

def add(session, source: str, text: str, title: str = "Un article", url: str | None = None) -> int:
    """Archive one article the way the store pipeline does: look for a copy, join or open a story, index it."""
    sig = fp.fingerprint(text)
    twin = dedup.find_copy(session, sig, source)
    story_id, duplicate_of = dedup.join_story(session, twin, title, datetime.now(UTC))
    article = Article(url=url or f"https://{source}.example/{random.random()}", source=source, title=title,
                      date_source="first_seen", text=text, text_hash=sig.exact, story_id=story_id,
                      duplicate_of=duplicate_of)
    article.canonical_url = article.url
    session.add(article)
    session.flush()
    dedup.index_article(session, article.id, sig)
    return article.id


def filler(rng: random.Random, n: int = 120) -> str:
    vocabulary = [f"mot{i}" for i in range(3000)]
    return " ".join(rng.choice(vocabulary) for _ in range(n))


def test_copies_are_found_in_the_archive_and_different_texts_are_not(any_archive):
    archive = any_archive
    sessions = archive.sessions(writer=True)
    with transaction(sessions) as session:
        original = add(session, "courrier", ORIGINAL, title=SAME_TITLE)
        other = add(session, "echo", SAME_SUBJECT, title=SAME_TITLE)  # same title, other text
        assert dedup.find_copy(session, fp.fingerprint(REPOST), "echo").article_id == original
        assert dedup.find_copy(session, fp.fingerprint(EDITED), "echo").article_id == original
        assert dedup.find_copy(session, fp.fingerprint(TEASER), "echo").article_id == original
        assert dedup.find_copy(session, fp.fingerprint(BASE[3] + " " + BASE[5]), "echo") is None
        repost = add(session, "echo", REPOST)
        stories = dict(session.execute(select(Article.id, Article.story_id)).all())
        assert stories[repost] == stories[original] != stories[other]
        assert session.get(Article, repost).duplicate_of == original
        assert session.get(Article, other).duplicate_of is None
        assert session.get(Story, stories[original]).size == 2


@pytest.mark.parametrize("copies", [
    [("echo", REPOST), ("nuages", REPOST)],  # the third is an exact copy of the second, not of the first
    [("echo", REPOST), ("nuages", EDITED), ("dcw", REPOST + "\n\n"), ("ricochets", TEASER)],
])
def test_every_copy_of_a_story_points_at_its_first_article_however_many(archive, copies):
    """Stories of three and more copies across outlets: the first copy stays the root, whichever copy is nearest."""
    with transaction(archive.sessions(writer=True)) as session:
        first = add(session, "courrier", ORIGINAL)
        ids = [add(session, source, text) for source, text in copies]
        rows = {i: (story, duplicate) for i, story, duplicate in session.execute(
            select(Article.id, Article.story_id, Article.duplicate_of))}
        story = rows[first][0]
        assert rows[first] == (story, None)
        assert [rows[i] for i in ids] == [(story, first)] * len(ids)
        assert session.get(Story, story).size == len(copies) + 1
        assert session.query(Story).count() == 1


def test_a_copy_of_the_same_outlet_is_preferred_for_folding(any_archive):
    archive = any_archive
    with transaction(archive.sessions(writer=True)) as session:
        first = add(session, "courrier", ORIGINAL)
        echo = add(session, "echo", REPOST)
        assert dedup.find_copy(session, fp.fingerprint(EDITED), "echo").article_id == echo
        assert dedup.find_copy(session, fp.fingerprint(EDITED), "nuages").article_id == first


def test_a_teaser_archived_first_is_the_shorter_copy_that_the_full_text_replaces(any_archive):
    """A free first half, then the whole article: a teaser to replace; the other way round, nothing to replace."""
    half = " ".join(_words[:len(_words) // 2])
    assert copy_kind(half, ORIGINAL) == "teaser", "the sample must be a teaser, not a near copy"
    with transaction(any_archive.sessions(writer=True)) as session:
        teaser = add(session, "courrier", half)
        other = add(session, "echo", SAME_SUBJECT)
        twin = dedup.find_copy(session, fp.fingerprint(ORIGINAL), "courrier")
        assert (twin.article_id, twin.copy.kind, twin.is_shorter) == (teaser, "teaser", True)
        assert dedup.find_copy(session, fp.fingerprint(half), "courrier").is_shorter is False  # same text: exact
        dedup.replace_text(session, teaser, title="Un article", text=ORIGINAL, fetched_at=datetime.now(UTC))
        again = dedup.find_copy(session, fp.fingerprint(ORIGINAL), "echo")
        assert (again.article_id, again.copy.kind) == (teaser, "exact")
        assert dedup.find_copy(session, fp.fingerprint(SAME_SUBJECT), "courrier").article_id == other
        full = add(session, "nuages", ORIGINAL)
        late = dedup.find_copy(session, fp.fingerprint(half), "nuages")  # the teaser after the full text
        assert (late.article_id, late.copy.kind, late.is_shorter) == (full, "teaser", False), "never replace by less"


def test_a_recheck_keeps_the_newest_validators_and_is_not_due_again_at_once(archive):
    """What the next re-check asks with (ETag, Last-Modified), and whether it is due: new validators replace both."""
    now = datetime.now(UTC)
    with transaction(archive.sessions(writer=True)) as session:
        article = add(session, "courrier", ORIGINAL)

        def due() -> list[int]:
            return [r.article_id for r in rechecks.articles_to_recheck(session, ["courrier"], now - timedelta(days=3),
                                                                       now - timedelta(hours=1))]

        def validators() -> tuple:
            return tuple(session.execute(select(Article.etag, Article.last_modified).where(Article.id == article)).one())

        assert due() == [article]  # never checked
        dedup.mark_checked(session, article, now, etag='"v2"')
        assert validators() == ('"v2"', None) and due() == []
        dedup.mark_checked(session, article, now, last_modified="Wed, 04 Mar 2026 08:00:00 GMT")
        assert validators() == (None, "Wed, 04 Mar 2026 08:00:00 GMT")
        dedup.mark_checked(session, article, now)  # an answer without validators leaves the last ones
        assert validators() == (None, "Wed, 04 Mar 2026 08:00:00 GMT")
        dedup.mark_checked(session, article, now - timedelta(hours=2))
        assert due() == [article]
        # a feed's item with no page of its own has no address to ask: never due, and not in `has_…` either
        item = add(session, "courrier", SAME_SUBJECT, url=item_address("https://courrier.example/actus", "42"))
        assert due() == [article]
        dedup.mark_checked(session, article, now)
        assert item and not rechecks.has_articles_to_recheck(session, ["courrier"], now - timedelta(days=3),
                                                             now - timedelta(hours=1))


def test_the_backfill_indexes_every_article_once_batch_after_batch(archive):
    """Migration 0004's backfill over more articles than one batch: each fingerprinted once, copies linked to the first."""
    texts = [("courrier", ORIGINAL), ("echo", SAME_SUBJECT), ("nuages", REPOST), ("dcw", EDITED), ("ricochets", REPOST)]
    with transaction(archive.sessions(writer=True)) as session:
        ids = []
        for i, (source, text) in enumerate(texts):
            article = Article(url=f"https://{source}.example/{i}", canonical_url=f"https://{source}.example/{i}",
                              source=source, title="t", date_source="first_seen", text=text, text_hash="h")
            session.add(article)
            session.flush()
            ids.append(article.id)
        assert dedup.backfill(session, batch=2) == len(texts)
        assert dedup.backfill(session, batch=2) == 0, "an article indexed once is not indexed again"
        linked = dict(session.execute(select(Article.id, Article.duplicate_of)).all())
        assert [linked[i] for i in ids] == [None, None, ids[0], ids[0], ids[0]]


def test_finding_a_copy_costs_the_same_statements_whatever_the_archive_size(archive):
    rng = random.Random(3)
    sessions = archive.sessions(writer=True)
    counts = []
    for size in (10, 200):
        with transaction(sessions) as session:
            while session.query(Article).count() < size:
                add(session, f"s{rng.randint(0, 5)}", filler(rng))
            statements = []
            listener = lambda *args: statements.append(args[2])  # noqa: E731 - before_cursor_execute(statement)
            event.listen(session.get_bind(), "before_cursor_execute", listener)
            try:
                add(session, "late", filler(rng))
            finally:
                event.remove(session.get_bind(), "before_cursor_execute", listener)
            counts.append(len(statements))
            assert not any("FROM articles" in s and "WHERE" not in s for s in statements)
    assert counts[0] == counts[1]


def test_a_chance_simhash_band_collision_is_dropped_before_any_text_is_read(any_archive):
    archive = any_archive
    with transaction(archive.sessions(writer=True)) as session:
        other = add(session, "courrier", SAME_SUBJECT)
        sig = fp.fingerprint(ORIGINAL)
        band, value = sig.simhash_bands()[0]
        far = sig.simhash ^ (0xFFFF << 16)  # same first band, 16 bits away
        session.execute(dedup.SIMHASH_BANDS.insert().values(band=band, value=value, article_id=other, simhash=far))
        assert dedup.candidate_ids(session, sig) == []
        session.execute(dedup.SIMHASH_BANDS.update().where(dedup.SIMHASH_BANDS.c.article_id == other,
                                                            dedup.SIMHASH_BANDS.c.band == band,
                                                            dedup.SIMHASH_BANDS.c.value == value)
                        .values(simhash=sig.simhash ^ 0b111))
        assert dedup.candidate_ids(session, sig) == [other]  # within 3 bits: a candidate, verified on the text
        assert dedup.find_copy(session, sig, "echo") is None


def migrated_from_0001(tmp_path, articles: list[tuple[str, str]]) -> sqlite3.Connection:
    """An archive of (source, text) articles written at revision 0001, then migrated to the head."""
    from store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0001")
    with sqlite3.connect(tmp_path / "old.db") as db:
        for i, (source, text) in enumerate(articles, 1):
            db.execute("INSERT INTO articles (id, url, canonical_url, source, title, date_source, text, text_hash, "
                       "first_seen, fetched_at) VALUES (?, ?, ?, ?, 't', 'feed', ?, 'h', '2026-01-01', '2026-01-01')",
                       (i, f"https://{source}.example/{i}", f"https://{source}.example/{i}", source, text))
    upgrade(url)
    return sqlite3.connect(tmp_path / "old.db")


def test_the_migration_fingerprints_and_links_articles_archived_before_it(tmp_path):
    db = migrated_from_0001(tmp_path, [("courrier", ORIGINAL), ("echo", REPOST), ("nuages", SAME_SUBJECT)])
    rows = db.execute("SELECT id, story_id, duplicate_of, revisions FROM articles ORDER BY id").fetchall()
    assert rows[1][1] == rows[0][1] != rows[2][1] and [r[2] for r in rows] == [None, 1, None]
    assert {r[3] for r in rows} == {0}
    assert db.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == 3 * fp.MINHASH_BANDS
    assert db.execute("SELECT count(*), sum(size) FROM stories").fetchone() == (2, 3)


def test_the_migration_links_a_third_copy_to_the_first_article_of_its_story(tmp_path):
    db = migrated_from_0001(tmp_path, [("courrier", ORIGINAL), ("echo", REPOST), ("nuages", REPOST), ("dcw", EDITED)])
    rows = db.execute("SELECT story_id, duplicate_of FROM articles ORDER BY id").fetchall()
    assert rows == [(rows[0][0], None)] + [(rows[0][0], 1)] * 3
    assert db.execute("SELECT size FROM stories").fetchall() == [(4,)]

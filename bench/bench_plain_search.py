"""Benchmark: what plain search should do with a word — exact, prefix, Snowball stems, both, or our forms.

Usage: .venv/bin/python -m bench.bench_plain_search [--demo FILE] [--db FILE] [--articles 20000] [--queries 200]

1. Recall and false positives on our own sample sentences (`SAMPLES`: a word, a sentence, whether plain search
   should find the word in it), each method run by FTS5 on an in-memory index of the sentences.
2. What each method finds on the demo archive (`newswatch demo`; --demo names its file) for the examples of
   issue 13.
3. Query time of each method on a synthetic archive (bench/bench_search.py's, built through the migrations;
   --db keeps it), and the write cost a stemmed copy of the index would add (stemming every article, French
   and English, with a cache of stems).

The methods, for one plain word (quoted phrases stay exact in all of them):
- exact: the word (what plain search did before);
- prefix: word* (FTS5's prefix query);
- snowball: every indexed word with the word's French or English Snowball stem, folded first as PostgreSQL's
  unaccent does — what a stemmed index (an extra stemmed FTS table maintained by the store) would find. Run
  here through the index's vocabulary (fts5vocab), which costs a scan of the words that share a prefix;
- snowball+prefix: either;
- forms: newswatch.text.inflection.forms (plurals always, feminines and English -ed/-ing checked by Snowball).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from newswatch.text.inflection import _stem, fold, forms
from newswatch.text.topics import TOKENIZER

METHODS = ("exact", "prefix", "snowball", "snowball+prefix", "forms")
_TOKEN = re.compile(r"[^\W_]+")

# (word typed, sentence, whether plain search should find the word in the sentence): our own sentences.
SAMPLES = [
    ("datacenter", "Les datacenters de la vallée du Rhône consomment autant qu'une ville.", True),
    ("datacenters", "Sesterce veut construire un datacenter de 40 000 GPU à Alixan.", True),
    ("centre", "Deux centres de calcul sont annoncés dans le Grand Est.", True),
    ("centres", "Le centre de données de Rovaltain ouvrira fin 2026.", True),
    ("données", "Chaque donnée est copiée sur trois sites.", True),
    ("donnée", "Les données des habitants restent en France, promet l'entreprise.", True),
    ("opposant", "Les opposants au projet se réunissent jeudi à Valence.", True),
    ("opposant", "Une opposante au projet a pris la parole au conseil.", True),
    ("opposants", "Un opposant demande une étude d'impact indépendante.", True),
    ("recours", "Le recours des riverains a été enregistré au tribunal de Grenoble.", True),
    ("recours", "Les collectifs préparent deux recours contre le permis.", True),
    ("permis", "Le permis de construire a été validé fin décembre.", True),
    ("permis", "Trois permis ont été déposés en mairie d'Alixan.", True),
    ("habitant", "Les habitants d'Alixan découvrent le projet par la presse.", True),
    ("élu", "Les élus de Valence Romans Agglo ont salué l'annonce.", True),
    ("élus", "Un élu d'opposition réclame un débat public.", True),
    ("gpu", "The site will host 40,000 GPUs in its first phase.", True),
    ("euro", "Le projet représente 450 millions d'euros.", True),
    ("tribunal", "Les tribunaux administratifs croulent sous les recours.", True),
    ("eau", "Les eaux du Rhône serviront au refroidissement.", True),
    ("réseau", "Les réseaux de chaleur de la ville seront prolongés.", True),
    ("local", "Les élus locaux demandent des garanties sur l'eau.", True),
    ("électrique", "Les besoins électriques du site inquiètent le gestionnaire du réseau.", True),
    ("city", "Several cities compete for the next data center.", True),
    ("permit", "The permits were granted by the town hall in December.", True),
    ("appeal", "Residents appealed the decision in February.", True),
    ("appeal", "The appeals will be heard next year.", True),
    ("resident", "Residents of Alixan fear the noise of the cooling towers.", True),
    ("cooling", "The operator promises to cool the servers with river water.", True),
    ("server", "The servers arrive in the autumn.", True),
    ("grand", "La grande salle du conseil était pleine.", True),
    ("collectif", "Les collectifs citoyens demandent un moratoire.", True),
    ("emploi", "Le projet promet des centaines d'emplois.", True),
    ("supercalculateur", "Les supercalculateurs consomment beaucoup d'électricité.", True),
    ("loi", "Les lois sur la transition énergétique changent.", True),
    ("mine", "Les mines de lithium du Massif central ferment.", True),
    ("mine", "Le ministre du numérique était présent.", False),
    ("mine", "Le minerai est transporté par train.", False),
    ("mine", "Minimum 40 MW de puissance sont réservés.", False),
    ("mine", "Les mineurs de Lorraine manifestent.", False),
    ("data", "La date de l'enquête publique n'est pas fixée.", False),
    ("data", "The database lists every server.", False),
    ("data", "The report was dated 18 February.", False),
    ("permis", "Le projet permet de créer des emplois.", False),
    ("permis", "Une permission spéciale a été accordée.", False),
    ("centre", "La centrale nucléaire du Tricastin fournit le courant.", False),
    ("centre", "Le bureau central de la préfecture a répondu.", False),
    ("centre", "Il faut centrer le débat sur l'eau.", False),
    ("données", "Le maire donne son avis lundi.", False),
    ("données", "Il faut donner la parole aux habitants.", False),
    ("mai", "Mais personne ne connaît la date du vote.", False),
    ("mois", "Pour moi, ce projet est une erreur, dit-elle.", False),
    ("gaz", "La guerre à Gaza domine l'actualité.", False),
    ("loi", "Le site est loin de la gare.", False),
    ("mer", "Le conseil se réunit mercredi.", False),
    ("sol", "Une solution de refroidissement en circuit fermé.", False),
    ("part", "Les partenaires du projet sont bioMérieux et l'Agglo.", False),
    ("part", "Le conseiller est parti avant le vote.", False),
    ("parc", "Le parcours du réseau de chaleur reste à définir.", False),
    ("port", "Le porte-parole du collectif a répondu.", False),
    ("not", "The note from the prefecture was published.", False),
    ("cour", "Au cours de la réunion, le maire a répondu.", False),
    ("opposant", "L'opposition municipale votera contre.", False),
    ("recours", "Il faut recourir à un expert indépendant.", False),
    ("appeal", "The appealing design won the prize.", False),
    ("vol", "Le volume d'eau prélevé augmente.", False),
    ("ville", "Villeneuve accueille un autre projet.", False),
    ("court", "The court was in session for the appeal.", True),
    ("court", "Le tribunal est au courant du recours.", False),
]
DEMO_QUERIES = ["datacenter", "centre de données", '"centre de données"', "opposant", "recours", "permis", "gpu",
                "élu", "data", "mine"]


def atoms(method: str, word: str, vocabulary) -> list[str]:
    """The FTS5 atoms (OR-ed) that stand for one plain word under a method; vocabulary(prefix) lists indexed words."""
    quoted = '"' + word.replace('"', '""') + '"'
    if method == "exact":
        return [quoted]
    if method == "prefix":
        return [quoted + "*"]
    if method == "forms":
        return ['"' + f + '"' for f in forms(word)]
    folded = fold(word)
    stems = {(language, _stem(folded, language)) for language in ("french", "english")}
    start = os.path.commonprefix([folded, *(s for _, s in stems)])
    found = [quoted] + ['"' + t + '"' for t in vocabulary(start)
                        if t != folded and any(_stem(t, language) == s for language, s in stems)]
    return found + ([quoted + "*"] if method == "snowball+prefix" else [])


def plain_query(method: str, text: str, vocabulary) -> str:
    """The FTS5 query for what a user typed: quoted phrases as written, each word as its method has it."""
    parts = []
    for piece in re.findall(r'"[^"]*"|[^\s"]+', text):
        words = piece.strip('"')
        tokens = _TOKEN.findall(words)
        if not tokens:
            continue
        if piece.startswith('"') or len(tokens) > 1:
            parts.append('"' + " ".join(tokens) + '"')
            continue
        alternatives = atoms(method, tokens[0].lower(), vocabulary)
        parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


def vocabulary_of(db: sqlite3.Connection, table: str):
    """A function listing the indexed words that start with a prefix (through a temporary fts5vocab table)."""
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_words USING fts5vocab(main, {table}, row)")

    @lru_cache(maxsize=None)
    def words(prefix: str) -> tuple[str, ...]:
        return tuple(r[0] for r in db.execute(f"SELECT term FROM temp.{table}_words WHERE term >= ? AND term < ?",
                                              (prefix, prefix + "\U0010ffff")))
    return words


def score_samples() -> dict[str, tuple[int, int, int, int, list[str]]]:
    """method: (relevant found, relevant, unrelated found, unrelated, the unrelated sentences found)."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE doc USING fts5(text, tokenize='{TOKENIZER}')")
    db.executemany("INSERT INTO doc(rowid, text) VALUES (?, ?)", [(n, s) for n, (_, s, _) in enumerate(SAMPLES)])
    vocabulary = vocabulary_of(db, "doc")
    scores = {}
    for method in METHODS:
        found = {(word, n) for n, (word, _, _) in enumerate(SAMPLES)
                 if db.execute("SELECT 1 FROM doc WHERE rowid = ? AND doc MATCH ?",
                               (n, plain_query(method, word, vocabulary))).fetchone()}
        relevant = [(w, n) for n, (w, _, expected) in enumerate(SAMPLES) if expected]
        unrelated = [(w, n) for n, (w, _, expected) in enumerate(SAMPLES) if not expected]
        wrong = [f"{w} → {SAMPLES[n][1]}" for w, n in unrelated if (w, n) in found]
        missed = [f"{w} ✗ {SAMPLES[n][1]}" for w, n in relevant if (w, n) not in found]
        scores[method] = (len(relevant) - len(missed), len(relevant), len(wrong), len(unrelated), wrong + missed)
    db.close()
    return scores


def demo_hits(path: Path) -> dict[str, dict[str, list[int]]]:
    """query: method: the ids of the demo archive's articles it finds."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    vocabulary = vocabulary_of(db, "articles_fts")
    found = {query: {method: sorted(r[0] for r in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts "
                                                             "MATCH ?", (plain_query(method, query, vocabulary),)))
                     for method in METHODS} for query in DEMO_QUERIES}
    db.close()
    return found


def time_queries(db_path: Path, query_count: int) -> dict[str, list[float]]:
    """method: the time of each plain query (building it included), ms, searching the synthetic archive."""
    from bench.bench_search import make_queries
    from newswatch.outputs.search import search  # warms the imports
    from store.db import make_engine, session_factory
    from store.search import search_articles

    texts = [text for _, _, text, advanced, _ in make_queries(random.Random(1), query_count * 2) if not advanced]
    texts = texts[:query_count]
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    vocabulary = vocabulary_of(db, "articles_fts")
    engine = make_engine(f"sqlite:///{db_path}")
    timings: dict[str, list[float]] = {m: [] for m in METHODS}
    with session_factory(engine)() as session:
        search(session, "warm up")
        for text in texts:
            for method in METHODS:
                vocabulary.cache_clear(), forms.cache_clear(), _stem.cache_clear()  # a new process each time
                started = time.perf_counter()
                search_articles(session, plain_query(method, text, vocabulary), limit=20)
                timings[method].append((time.perf_counter() - started) * 1000)
    engine.dispose()
    db.close()
    return timings


def stemming_cost(db_path: Path, articles: int = 2000) -> tuple[float, float]:
    """(ms per article, tokens per article): stemming titles and texts in French and English, stems cached."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = db.execute("SELECT title, text FROM articles ORDER BY id LIMIT ?", (articles,)).fetchall()
    db.close()
    _stem.cache_clear()
    tokens = 0
    started = time.perf_counter()
    for title, text in rows:
        for token in _TOKEN.findall(f"{title} {text}".lower()):
            folded = fold(token)
            _stem(folded, "french"), _stem(folded, "english")
            tokens += 1
    return (time.perf_counter() - started) * 1000 / len(rows), tokens / len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", type=Path, help="The demo archive (newswatch demo writes demo/newswatch.db).")
    parser.add_argument("--db", type=Path, help="The synthetic archive: built here and kept (reused if it exists).")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args(argv)

    print(f"1. our {len(SAMPLES)} sample sentences")
    print(f"{'method':16} {'relevant found':>15} {'unrelated found':>16}")
    for method, (hit, relevant, wrong, unrelated, notes) in score_samples().items():
        print(f"{method:16} {hit:>8}/{relevant:<6} {wrong:>9}/{unrelated:<6}")
        for note in notes:
            print(f"    {note}")
    if args.demo:
        print(f"\n2. the demo archive ({args.demo}): articles found")
        for query, by_method in demo_hits(args.demo).items():
            print(f"{query!r:24} " + "  ".join(f"{m} {len(ids)}" for m, ids in by_method.items()))
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        if not path.exists():
            from bench.bench_search import build_archive

            started = time.perf_counter()
            build_archive(f"sqlite:///{path}", args.articles)
            print(f"\nbuilt {args.articles} articles in {time.perf_counter() - started:.0f} s")
        print(f"\n3. query time on the synthetic archive ({path}), {args.queries} plain queries")
        print(f"{'method':16} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
        timings = time_queries(path, args.queries)
        for method, values in timings.items():
            ordered = sorted(values)
            print(f"{method:16} {statistics.median(values):10.1f} {ordered[int(0.95 * (len(values) - 1))]:8.1f} "
                  f"{ordered[-1]:8.1f}")
        per_article, tokens = stemming_cost(path)
        print(f"a stemmed index's write cost: {per_article:.1f} ms per article ({tokens:.0f} words, French and "
              f"English stems, cached)")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

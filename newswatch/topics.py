"""Topic queries in SQLite FTS5 syntax: compile, match against one article, prefilter raw pages."""

from __future__ import annotations

import html
import re
import sqlite3
import unicodedata
from dataclasses import dataclass

TOKENIZER = "unicode61 remove_diacritics 2"
OPERATORS = {"AND", "OR", "NOT"}
# French elided articles and pronouns: l'Ecotox, d'un, qu'il, jusqu'à, with ' or ’.
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_BAREWORD = re.compile(r"^[\w\u0080-\U0010ffff]+$")
_LEXEME = re.compile(r'\s+|"(?:[^"]|"")*"\*?|[(),]|[^\s(),"]+')


class TopicError(ValueError):
    """A topic or search query that FTS5 cannot run."""


@dataclass(frozen=True)
class TopicMatch:
    name: str
    terms: list[str]
    snippet: str


def compile_query(query: str) -> str:
    """Turn a topic query into valid FTS5: elisions dropped, odd words (data-center) quoted as phrases."""
    compiled, _ = _compile(query)
    _check(compiled)
    return compiled


def query_atoms(query: str) -> list[str]:
    """The words and phrases of a query (FTS5 form, prefix stars kept), in order, without operators."""
    return _compile(query)[1]


def escape_fts(text: str) -> str:
    """Make anything a user typed a safe FTS5 query: every word becomes a quoted phrase (implicit AND)."""
    parts = []
    for piece in re.findall(r'"[^"]*"|[^\s"]+', text):
        words = piece[1:-1] if piece.startswith('"') else _ELISION.sub("", piece)
        if words.strip():
            parts.append('"' + words.replace('"', '""') + '"')
    return " ".join(parts)


def _compile(query: str) -> tuple[str, list[str]]:
    if not query or not query.strip():
        raise TopicError("the query is empty")
    out: list[str] = []
    atoms: list[str] = []
    matches = [m.group(0) for m in _LEXEME.finditer(query)]
    if sum(map(len, matches)) != len(query):
        raise TopicError(f"unbalanced quotes in {query!r}")
    lexemes = [m for m in matches if not m.isspace()]
    for i, lex in enumerate(lexemes):
        after = lexemes[i + 1] if i + 1 < len(lexemes) else ""
        before = lexemes[i - 1] if i else ""
        if lex in "(),":
            out.append(lex)
        elif lex in OPERATORS or (lex == "NEAR" and after == "("):
            out.append(lex)
        elif before == "," and lex.isdigit():
            out.append(lex)
        elif lex.startswith('"'):
            out.append(lex)
            atoms.append(lex)
        else:
            prefix = lex.endswith("*")
            word = _ELISION.sub("", lex.rstrip("*"))
            if not word:
                raise TopicError(f"{lex!r} is not a word")
            atom = (word if _BAREWORD.match(word) else '"' + word.replace('"', '""') + '"') + ("*" if prefix else "")
            out.append(atom)
            atoms.append(atom)
    return " ".join(out).replace("( ", "(").replace(" )", ")").replace(" ,", ","), atoms


def _check(compiled: str) -> None:
    db = sqlite3.connect(":memory:")
    try:
        db.execute(f"CREATE VIRTUAL TABLE q USING fts5(title, text, tokenize='{TOKENIZER}')")
        db.execute("SELECT 1 FROM q WHERE q MATCH ?", (compiled,)).fetchall()
    except sqlite3.OperationalError as exc:
        raise TopicError(f"invalid query {compiled!r}: {exc}") from None
    finally:
        db.close()


class Matcher:
    """Evaluate every topic against one article at a time, in a private in-memory FTS5 table."""

    def __init__(self, topics):
        self.topics = [(t.name, compile_query(t.query), query_atoms(t.query)) for t in topics]
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(f"CREATE VIRTUAL TABLE doc USING fts5(title, text, tokenize='{TOKENIZER}')")

    def match(self, title: str, text: str) -> list[TopicMatch]:
        """Return the topics this title + text match, each with the terms that hit and a snippet."""
        db = self._db
        db.execute("DELETE FROM doc")
        db.execute("INSERT INTO doc(title, text) VALUES (?, ?)", (title or "", text or ""))
        found = []
        for name, query, atoms in self.topics:
            row = db.execute("SELECT snippet(doc, -1, '', '', '…', 24) FROM doc WHERE doc MATCH ?", (query,)).fetchone()
            if row is None:
                continue
            terms = [a.strip('"') for a in atoms if db.execute("SELECT 1 FROM doc WHERE doc MATCH ?", (a,)).fetchone()]
            found.append(TopicMatch(name=name, terms=terms, snippet=re.sub(r"\s+", " ", row[0]).strip()))
        return found

    def close(self) -> None:
        self._db.close()


def fold(text: str) -> str:
    """Lowercase ASCII folding used by the prefilter: accents dropped, entities decoded."""
    return unicodedata.normalize("NFKD", html.unescape(text)).encode("ascii", "ignore").decode("ascii").lower()


class Prefilter:
    """A cheap test on raw HTML: False only when no topic can possibly match the page.

    Every FTS5 match needs at least one positive word or phrase of some topic; every token of it
    then appears, folded, somewhere in the page's raw text. So if no such token appears as a
    substring of the folded raw page, no topic can match and extraction can be skipped.
    """

    def __init__(self, topics):
        needles: set[str] = set()
        self.always = not topics
        for topic in topics:
            atoms = positive_atoms(topic.query)
            if not atoms:
                self.always = True  # a purely negative topic could match anything
            for atom in atoms:
                tokens = re.findall(r"\w+", fold(atom.strip('"*')))
                if tokens:
                    needles.add(max(tokens, key=len))
        self._pattern = re.compile("|".join(sorted(map(re.escape, needles)))) if needles else None

    def might_match(self, *texts: str) -> bool:
        if self.always or self._pattern is None:
            return True
        return any(self._pattern.search(fold(t)) for t in texts if t)


def positive_atoms(query: str) -> list[str]:
    """Atoms not directly negated by NOT (a conservative approximation: keeps the rest)."""
    compiled = compile_query(query)
    # Drop the operand right after each NOT: a word, a phrase, or a parenthesised group.
    kept: list[str] = []
    lexemes = [m.group(0) for m in _LEXEME.finditer(compiled) if not m.group(0).isspace()]
    i = 0
    while i < len(lexemes):
        if lexemes[i] == "NOT":
            i += 1
            depth = 0
            while i < len(lexemes):
                depth += lexemes[i] == "("
                depth -= lexemes[i] == ")"
                i += 1
                if depth <= 0:
                    break
            continue
        lex = lexemes[i]
        near_distance = i and lexemes[i - 1] == "," and lex.isdigit()
        if lex not in OPERATORS and lex not in "()," and lex != "NEAR" and not near_distance:
            kept.append(lex)
        i += 1
    return kept

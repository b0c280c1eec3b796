"""Topic queries in SQLite FTS5 syntax: check, compile, parse, and match against one article."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

TOKENIZER = "unicode61 remove_diacritics 2"
OPERATORS = {"AND", "OR", "NOT"}
# French elided articles and pronouns: l'Ecotox, d'un, qu'il, jusqu'à, with ' or ’.
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_BAREWORD = re.compile(r"^[\w\u0080-\U0010ffff]+$")
_TOKEN = re.compile(r"[^\W_]+")  # a word as FTS5's unicode61 tokenizer reads it: letters and digits
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


def escape_fts(text: str, forms=None) -> str:
    """Make anything a user typed a safe FTS5 query: every word becomes a quoted phrase, all required.

    With `forms` (a word → the forms to look for, itself first), an unquoted word becomes ("word" OR "form" OR …);
    a "quoted phrase", or a word with punctuation inside (data-center), stays as written.
    """
    parts = []
    for piece in re.findall(r'"[^"]*"|[^\s"]+', text):
        words = piece[1:-1] if piece.startswith('"') else _ELISION.sub("", piece)
        if not words.strip():
            continue
        tokens = _TOKEN.findall(words)
        if forms is None or piece.startswith('"') or len(tokens) != 1:
            parts.append('"' + words.replace('"', '""') + '"')
            continue
        alternatives = ['"' + form + '"' for form in forms(tokens[0])]
        parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


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


_HIT = "\x02"  # marks a hit in the text's snippet (removed)


class Matcher:
    """Evaluate every topic against one article at a time, in a private in-memory FTS5 table."""

    def __init__(self, topics):
        self.topics = [(t.name, compile_query(t.query), query_atoms(t.query)) for t in topics]
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(f"CREATE VIRTUAL TABLE doc USING fts5(title, text, tokenize='{TOKENIZER}')")

    def match(self, title: str, text: str) -> list[TopicMatch]:
        """Return the topics this title + text match, each with the terms that hit and a snippet: the text's, around
        its hits, when it holds one (a digest shows the title beside it; a document's snippet then gives its page),
        else the title's."""
        db = self._load(title, text)
        found = []
        for name, query, atoms in self.topics:
            row = db.execute("SELECT snippet(doc, 1, ?, '', '…', 24), snippet(doc, -1, '', '', '…', 24) FROM doc "
                             "WHERE doc MATCH ?", (_HIT, query)).fetchone()
            if row is None:
                continue
            in_text, best = row
            terms = [a.strip('"') for a in atoms if db.execute("SELECT 1 FROM doc WHERE doc MATCH ?", (a,)).fetchone()]
            snippet = in_text.replace(_HIT, "") if _HIT in in_text else best
            found.append(TopicMatch(name=name, terms=terms, snippet=re.sub(r"\s+", " ", snippet).strip()))
        return found

    def match_with_feed_items(self, title: str, text: str, items) -> list[TopicMatch]:
        """The topics of an article whose own title and text match none, found with what its feed items say.

        `items`: (title, summary) pairs. Those that match a topic on their own are added to the article's title
        and text (`match_together`). No feed item matching: no topic.
        """
        told = [(t, s) for t, s in items if (t or s) and self.match(t or "", s or "")]
        return self.match_together(title, text, told) if told else []

    def match_together(self, title: str, text: str, items) -> list[TopicMatch]:
        """The topics of an article's title and text with these feed items' titles and summaries added: a topic's
        words may be only in a feed's title or summary, while its other conditions (NOT, NEAR) hold on the whole."""
        return self.match("\n".join([title or "", *(t or "" for t, _ in items)]),
                          "\n".join([text or "", *(s or "" for _, s in items)]))

    def naming(self, title: str, text: str, more: str) -> list[str]:
        """The sentences of `more` that name a topic the title and text do not match, in their order: each one that,
        added to the text, makes it match a topic more; for a topic whose words are in sentences apart, those
        holding its words (at most MAX_NAMING sentences, of the first MAX_SENTENCES). [] when none does."""
        known = {m.name for m in self.match(title, text)}
        sentences = [s for line in more.splitlines() for s in _SENTENCE_END.split(line) if s.strip()][:MAX_SENTENCES]
        wanted = {m.name: m for m in self.match(title, "\n".join([text, *sentences]))}
        wanted = {name: match for name, match in wanted.items() if name not in known}
        chosen: list[int] = []
        for index, sentence in enumerate(sentences):
            if not wanted or len(chosen) == MAX_NAMING:
                break
            if found := {m.name for m in self.match(title, f"{text}\n{sentence}")} & set(wanted):
                chosen.append(index)
                wanted = {name: match for name, match in wanted.items() if name not in found}
        if wanted:  # a topic whose words are in two sentences or more: those that hold one of its words
            words = " OR ".join(atom for name, _, atoms in self.topics if name in wanted for atom in atoms
                                if atom.strip('"') in wanted[name].terms)
            holding = [i for i, sentence in enumerate(sentences) if i not in chosen and self._holds(sentence, words)]
            more_chosen = sorted([*chosen, *holding[:MAX_NAMING - len(chosen)]])
            found = {m.name for m in self.match(title, "\n".join([text, *(sentences[i] for i in more_chosen)]))}
            if found & set(wanted):
                chosen = more_chosen
        return [sentences[i] for i in sorted(chosen)]

    def _holds(self, text: str, words: str) -> bool:
        """Whether `text` holds one of `words` (an FTS5 query of words OR'ed)."""
        return self._load("", text).execute("SELECT 1 FROM doc WHERE doc MATCH ?", (words,)).fetchone() is not None

    def _load(self, title: str, text: str) -> sqlite3.Connection:
        """The private table holding this one article (its only row), to be matched."""
        db = self._db
        db.execute("DELETE FROM doc")
        # FTS5 keeps a deleted row's words in its index as delete markers, which every later MATCH reads through
        # until they are merged away; merged now, the table is empty again: 5x faster per article (measured)
        db.execute("INSERT INTO doc(doc) VALUES ('optimize')")
        db.execute("INSERT INTO doc(title, text) VALUES (?, ?)", (title or "", text or ""))
        return db

    def close(self) -> None:
        self._db.close()


MAX_SENTENCES = 300  # the sentences `Matcher.naming` reads, each matched on its own
MAX_NAMING = 6  # …and the most it gives
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[^\w\s]*[A-ZÀ-ÖØ-Þ0-9])")


def parse_query(compiled: str):
    """The syntax tree of an FTS5-form query (as compile_query makes it); TopicError if it cannot be read.

    FTS5's precedence, as SQLite applies it: implicit AND > NOT > AND > OR. Nodes: ("atom", words, prefix,
    lexeme) (a word or the words of a phrase, unquoted; and as written), ("and", [nodes]), ("or", [nodes]), ("not", kept, excluded),
    ("near", [atoms], distance).
    """
    lexemes = [m.group(0) for m in _LEXEME.finditer(compiled) if not m.group(0).isspace()]
    parser = _Parser(lexemes)
    tree = parser.or_expr()
    if parser.pos != len(lexemes):
        raise TopicError(f"invalid query {compiled!r}: unexpected {lexemes[parser.pos]!r}")
    return tree


class _Parser:
    def __init__(self, lexemes: list[str]):
        self.lexemes, self.pos = lexemes, 0

    def peek(self) -> str | None:
        return self.lexemes[self.pos] if self.pos < len(self.lexemes) else None

    def take(self) -> str:
        if self.pos >= len(self.lexemes):
            raise TopicError("invalid query: it ends too early")
        self.pos += 1
        return self.lexemes[self.pos - 1]

    def or_expr(self):
        return self._chain("or", "OR", self.and_expr)

    def and_expr(self):
        return self._chain("and", "AND", self.not_expr)

    def not_expr(self):
        left = self.sequence()
        while self.peek() == "NOT":
            self.take()
            left = ("not", left, self.sequence())
        return left

    def sequence(self):
        parts = [self.primary()]
        while self.peek() not in (None, "OR", "AND", "NOT", ")", ","):
            parts.append(self.primary())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def _chain(self, kind: str, operator: str, operand):
        parts = [operand()]
        while self.peek() == operator:
            self.take()
            parts.append(operand())
        return parts[0] if len(parts) == 1 else (kind, parts)

    def primary(self):
        lexeme = self.take()
        if lexeme == "(":
            inner = self.or_expr()
            if self.take() != ")":
                raise TopicError("invalid query: a parenthesis is not closed")
            return inner
        if lexeme == "NEAR" and self.peek() == "(":
            self.take()
            atoms, distance = [], None
            while self.peek() != ")":
                if self.take() == ",":
                    if not (distance := self.take()).isdigit():
                        raise TopicError(f"invalid query: NEAR's distance is not a number: {distance!r}")
                    distance = int(distance)
                else:
                    atoms.append(_atom(self.lexemes[self.pos - 1]))
            self.take()
            return ("near", atoms, distance)
        return _atom(lexeme)


def _atom(lexeme: str):
    if lexeme in OPERATORS or lexeme in ("(", ")", ","):
        raise TopicError(f"invalid query: unexpected {lexeme!r}")
    words = lexeme.rstrip("*")
    if words.startswith('"'):
        words = words[1:-1].replace('""', '"')
    return ("atom", words, lexeme.endswith("*"), lexeme)


def positive_atoms(query: str) -> list[str]:
    """The atoms (FTS5 form, as compile_query writes them) of a query, in order, but those on the excluded side
    of a NOT, with FTS5's precedence (`a NOT b c` excludes `b c`): the words a search feed is asked for."""
    kept: list[str] = []

    def walk(node) -> None:
        kind = node[0]
        if kind == "atom":
            kept.append(node[3])
        elif kind == "near":
            kept.extend(atom[3] for atom in node[1])
        elif kind == "not":
            walk(node[1])
        else:
            for child in node[1]:
                walk(child)

    walk(parse_query(compile_query(query)))
    return kept

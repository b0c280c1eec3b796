"""Our topic query language (FTS5 form) run on PostgreSQL: a tsquery over French and English configurations.

Each word or phrase becomes `phraseto_tsquery` (or `to_tsquery` with `:*` for a prefix) in both text search
configurations of migration 0002, OR-ed: a French stem or an English one matches. Operators keep FTS5's
precedence (implicit AND > NOT > AND > OR). NEAR(…) has no PostgreSQL counterpart: it is refused in one
sentence rather than quietly read as AND. Every word is a bound value, never formatted into SQL.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Text, bindparam, func, literal_column

from newswatch.topics import _LEXEME, OPERATORS, TopicError

CONFIGS = ("newswatch_fr", "newswatch_en")  # made by migration 0002
VECTOR = literal_column("articles.search_fts")
# ts_rank weights are {D, C, B, A}: a title hit (A) weighs ten times a text hit (B), as bm25(10.0, 1.0) on SQLite
RANK_WEIGHTS = [0.0, 0.0, 0.1, 1.0]


def tsquery(fts_query: str) -> ColumnElement:
    """The tsquery expression for an FTS5-form query (as newswatch.search makes it); TopicError if it cannot be."""
    lexemes = [m.group(0) for m in _LEXEME.finditer(fts_query) if not m.group(0).isspace()]
    parser = _Parser(lexemes)
    tree = parser.or_expr()
    if parser.pos != len(lexemes):
        raise TopicError(f"invalid query {fts_query!r}: unexpected {lexemes[parser.pos]!r}")
    return _sql(tree, iter(range(10_000)))


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
            raise TopicError("NEAR(…) is not available on a PostgreSQL archive: use AND, or a \"phrase\"")
        if lexeme in OPERATORS or lexeme in "(),":
            raise TopicError(f"invalid query: unexpected {lexeme!r}")
        prefix = lexeme.endswith("*")
        words = lexeme.rstrip("*")
        if words.startswith('"'):
            words = words[1:-1].replace('""', '"')
        return ("atom", words, prefix)


def _sql(tree, names) -> ColumnElement:
    kind = tree[0]
    if kind == "atom":
        _, words, prefix = tree
        return _either(*(_atom(config, words, prefix, next(names)) for config in CONFIGS))
    if kind == "not":
        return func.tsquery_and(_sql(tree[1], names), func.tsquery_not(_sql(tree[2], names)))
    combine = func.tsquery_and if kind == "and" else func.tsquery_or
    parts = [_sql(part, names) for part in tree[1]]
    result = parts[0]
    for part in parts[1:]:
        result = combine(result, part)
    return result


def _either(first: ColumnElement, second: ColumnElement) -> ColumnElement:
    return func.tsquery_or(first, second)


def _atom(config: str, words: str, prefix: bool, n: int) -> ColumnElement:
    # punctuation separates words, as FTS5's tokenizer has it: "data-center" is the phrase "data center"
    words = re.sub(r"[^\w\s]+", " ", words)
    regconfig = literal_column(f"'{config}'::regconfig")  # one of CONFIGS, never user input
    if not prefix:
        return func.phraseto_tsquery(regconfig, bindparam(f"w{n}", words, type_=Text))
    *head, last = re.findall(r"\S+", words) or [""]
    quoted = "'" + last.replace("\\", "\\\\").replace("'", "''") + "':*"
    tail = func.to_tsquery(regconfig, bindparam(f"p{n}", quoted, type_=Text))
    if not head:
        return tail
    return func.tsquery_phrase(func.phraseto_tsquery(regconfig, bindparam(f"w{n}", " ".join(head), type_=Text)),
                               tail)

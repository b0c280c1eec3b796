"""Our topic query language (FTS5 form) run on PostgreSQL: tsqueries over French and English configurations.

The query is read by newswatch.text.topics.parse_query (the parser the topic prefilter uses too). The GIN index
gives the rows that have the query's stems; each atom is then tested on them, the query's boolean structure
(FTS5's precedence) joining the tests:
- a word: its French stem and its English stem (configurations of migration 0002) must both be in the
  article, which is what "the article holds this word" comes to once stemmed (`data` does not find "date",
  whose French stem is data's but whose English one is not);
- a prefix `word*`: a French or an English stem starting with it;
- a phrase (two words or more): its stems in order in both configurations, then the words themselves in the
  title or text, accents and case folded, as FTS5 reads them: `"centre de données"` does not find
  "centres de données" (the exactness a quoted phrase promises on SQLite).
NEAR(…) has no PostgreSQL counterpart: it is refused in one sentence rather than quietly read as AND.
Every word is a bound value, never formatted into SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlalchemy import ColumnElement, Text, and_, bindparam, false, func, literal_column, not_, or_

from newswatch.text.topics import TopicError, parse_query
from store.models import Article

CONFIGS = ("newswatch_fr", "newswatch_en")  # made by migration 0002
VECTOR = literal_column("articles.search_fts")
# ts_rank weights are {D, C, B, A}: a title hit (A) weighs ten times a text hit (B), as bm25(10.0, 1.0) on SQLite
RANK_WEIGHTS = [0.0, 0.0, 0.1, 1.0]
_WORD = re.compile(r"[^\W_]+")  # a token as FTS5's unicode61 reads it: letters and digits


def query(fts_query: str) -> tuple[ColumnElement, ColumnElement]:
    """(condition, tsquery) for an FTS5-form query: the WHERE clause, and the tsquery that ranks and highlights.

    The condition is one `@@` the GIN index answers (what every match must have: NOT's side left out), then
    the query itself, atom by atom, on the rows it gives. TopicError if the query cannot be run on PostgreSQL.
    """
    tree = _built(parse_query(fts_query), iter(range(10_000)))
    necessary = _fold(tree, 1, _tsquery, keep_not=False)
    return and_(VECTOR.op("@@")(necessary), _fold(tree, 2, _condition)), _fold(tree, 0, _tsquery)


def _built(node, names: Iterator[int]):
    """The tree with each atom replaced by ("built", its tsquery, its tsquery in both languages, its condition)."""
    kind = node[0]
    if kind == "atom":
        return ("built", *_atom(node[1], node[2], next(names)))
    if kind == "near":
        raise TopicError("NEAR(…) is not available on a PostgreSQL archive: use AND, or a \"phrase\"")
    if kind == "not":
        return ("not", [_built(node[1], names), _built(node[2], names)])
    return (kind, [_built(child, names) for child in node[1]])


def _fold(node, which: int, combine, keep_not: bool = True) -> ColumnElement:
    if node[0] == "built":
        return node[1 + which]
    if node[0] == "not" and not keep_not:
        return _fold(node[1][0], which, combine, keep_not)
    return combine(node[0], [_fold(child, which, combine, keep_not) for child in node[1]])


def _tsquery(kind: str, parts: list[ColumnElement]) -> ColumnElement:
    if kind == "not":
        return func.tsquery_and(parts[0], func.tsquery_not(parts[1]))
    combine = func.tsquery_and if kind == "and" else func.tsquery_or
    result = parts[0]
    for part in parts[1:]:
        result = combine(result, part)
    return result


def _condition(kind: str, parts: list[ColumnElement]) -> ColumnElement:
    if kind == "not":
        return and_(parts[0], not_(parts[1]))
    return (and_ if kind == "and" else or_)(*parts)


def _atom(words: str, prefix: bool, n: int) -> tuple[ColumnElement, ColumnElement, ColumnElement]:
    """(tsquery, tsquery in both languages, condition) of one word, prefix or phrase; the first, either
    language's stems, ranks and highlights."""
    tokens = _WORD.findall(words)  # punctuation separates words, as FTS5's tokenizer has it: "data-center"
    if prefix:
        either = func.tsquery_or(*(_prefix(config, tokens, n) for config in CONFIGS))
        return either, either, VECTOR.op("@@")(either)
    if not tokens:  # nothing FTS5 would read as a word ("*", "-"): found nowhere, as on SQLite
        return func.to_tsquery(""), func.to_tsquery(""), false()
    phrase = bindparam(f"w{n}", " ".join(tokens), type_=Text)
    either, both = (combine(*(func.phraseto_tsquery(_regconfig(config), phrase) for config in CONFIGS))
                    for combine in (func.tsquery_or, func.tsquery_and))
    found = or_(func.numnode(both) == 0, VECTOR.op("@@")(both))  # a stop word in both languages is left out
    if len(tokens) < 2:
        return either, both, found
    # the words in this order with only separators between them, accents and case folded as FTS5 does
    pattern = bindparam(f"x{n}", r"\m" + "[^[:alnum:]]+".join(t.lower() for t in tokens) + r"\M", type_=Text)
    exact = or_(*(func.unaccent(func.lower(column)).op("~")(func.unaccent(pattern))
                  for column in (Article.title, Article.text)))
    return either, both, and_(found, exact)


def _prefix(config: str, tokens: list[str], n: int) -> ColumnElement:
    *head, last = tokens or [""]
    quoted = "'" + last.replace("\\", "\\\\").replace("'", "''") + "':*"
    tail = func.to_tsquery(_regconfig(config), bindparam(f"p{n}", quoted, type_=Text))
    if not head:
        return tail
    return func.tsquery_phrase(func.phraseto_tsquery(_regconfig(config), bindparam(f"w{n}", " ".join(head),
                                                                                   type_=Text)), tail)


def _regconfig(config: str) -> ColumnElement:
    return literal_column(f"'{config}'::regconfig")  # one of CONFIGS, never user input

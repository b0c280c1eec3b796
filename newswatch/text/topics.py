"""Topic queries in SQLite FTS5 syntax: compile, match against one article, prefilter raw pages."""

from __future__ import annotations

import codecs
import functools
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


class Matcher:
    """Evaluate every topic against one article at a time, in a private in-memory FTS5 table."""

    def __init__(self, topics):
        self.topics = [(t.name, compile_query(t.query), query_atoms(t.query)) for t in topics]
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(f"CREATE VIRTUAL TABLE doc USING fts5(title, text, tokenize='{TOKENIZER}')")

    def match(self, title: str, text: str) -> list[TopicMatch]:
        """Return the topics this title + text match, each with the terms that hit and a snippet."""
        db = self._load(title, text)
        found = []
        for name, query, atoms in self.topics:
            row = db.execute("SELECT snippet(doc, -1, '', '', '…', 24) FROM doc WHERE doc MATCH ?", (query,)).fetchone()
            if row is None:
                continue
            terms = [a.strip('"') for a in atoms if db.execute("SELECT 1 FROM doc WHERE doc MATCH ?", (a,)).fetchone()]
            found.append(TopicMatch(name=name, terms=terms, snippet=re.sub(r"\s+", " ", row[0]).strip()))
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


# Symbols FTS5 reads as separators but NFKD spells with letters or digits (™ → TM, ℃ → °C, ㎏ → kg): folded
# as spaces, else `data™ center` would hide the phrase "data center" from the prefilter. Every character of
# categories P, S, Z or C whose NFKD form holds an ASCII letter or digit (tests/test_topics.py checks the list).
_SPELLED_SEPARATORS = re.compile("[\u20a8\u2100\u2101\u2103\u2105\u2106\u2109\u2116\u2120-\u2122\u213b"
                                 "\u249c-\u24e9\u3250\u32c0-\u32cf\u3358-\u337a\u3380-\u33ff"
                                 "\U0001f110-\U0001f12e\U0001f130-\U0001f14f\U0001f16a-\U0001f16c\U0001f190]")


# The ASCII control characters an extraction drops, joining what stands on either side: libxml2 drops those XML
# forbids, trafilatura every one that is neither printable nor whitespace, so "Ses\x0bterce" (a line break pasted
# from a word processor) is read "Sesterce". Tab, line feed and carriage return separate words.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fold(text: str, mark: str = "") -> str:
    """Lowercase ASCII folding used by the prefilter: accents and ASCII control characters dropped, entities decoded.

    Character by character (NFKD only reorders combining marks, which are all dropped), so it is done by
    tables: Latin-1 through bytes.translate, any other character through a cached error handler of the
    encoder. `_fold_slowly` is the definition; tests/test_topics.py checks that both agree.
    `mark` (MARK): each character dropped becomes it instead, so the prefilter can tell where words may end.
    """
    text = html.unescape(text)
    if text.isascii():
        return _CONTROLS.sub(mark, text.lower())
    if "¼" in text or "½" in text or "¾" in text:  # the Latin-1 characters that fold to two: 1⁄4 → "14"
        return "".join(_fold_slowly(character) or mark for character in text) if mark else _fold_slowly(text)
    if mark:
        return text.encode("latin-1", _fold_handler(mark)).translate(_LATIN1_MARKED).decode("ascii")
    return text.encode("latin-1", _fold_handler()).translate(_LATIN1_FOLDED, _LATIN1_DROPPED).decode("ascii")


def _fold_slowly(text: str) -> str:
    folded = unicodedata.normalize("NFKD", _SPELLED_SEPARATORS.sub(" ", text)).encode("ascii", "ignore").decode("ascii")
    return _CONTROLS.sub("", folded.lower())


def _fold_table() -> tuple[bytes, bytes]:
    folded, dropped = bytearray(range(256)), bytearray()
    for byte in range(256):
        out = _fold_slowly(chr(byte))
        if len(out) == 1:
            folded[byte] = ord(out)
        elif not out:
            dropped.append(byte)
    return bytes(folded), bytes(dropped)


# Where a character is dropped, what may stand there: nothing, or a separator (a tag, a removed script, an invisible
# character the extraction drops or keeps). Word boundaries are read across it: `l\u2019IA` is "l", then "ia".
MARK = "\x01"
_MARK_BYTE = MARK.encode()
_LATIN1_FOLDED, _LATIN1_DROPPED = _fold_table()
_LATIN1_MARKED = bytes(ord(MARK) if byte in _LATIN1_DROPPED else folded for byte, folded in enumerate(_LATIN1_FOLDED))
_FOLDED_BEYOND_LATIN1: dict[str, str] = {}


def _fold_unencodable(error: UnicodeEncodeError, mark: str = "") -> tuple[str, int]:
    """Encoder error handler: the folds of the characters beyond Latin-1 (ASCII, so the encoder takes them)."""
    out = []
    for character in error.object[error.start:error.end]:
        folded = _FOLDED_BEYOND_LATIN1.get(character)
        if folded is None:
            folded = _FOLDED_BEYOND_LATIN1[character] = _fold_slowly(character)
        out.append(folded or mark)
    return "".join(out), error.end


@functools.cache
def _fold_handler(mark: str = "") -> str:
    name = "newswatch.fold" + (".marked" if mark else "")
    codecs.register_error(name, functools.partial(_fold_unencodable, mark=mark))
    return name


# These patterns read a page as libxml2's HTML parser does (trafilatura's), in ASCII (re.ASCII): tag names ignore
# ASCII case only, and only ASCII whitespace separates a name or an attribute from what follows. A <script> or
# <style> name ends at whitespace, `/` or `>` (`<script-x>`, `<script\xa0x>`, `<scriptée>` are other elements, whose
# text is read); `</ſcript>` ends nothing (a Unicode case-insensitive match once took it for a script, then failed
# on `_CODE_CLOSE["ſcript"]`).
# What follows `<!--` up to the comment's end: `<!-->`, `<!--->`, else up to `-->` or `--!>`.
_COMMENT_REST = r"(?:-?>|.*?--!?>)"
# Where an HTML parser sees a tag (`a < b` is text): a comment, or `<` then a letter, `/`, `!` or `?` up to the
# first `>` outside a quoted attribute value (`<span title="a > b">` is one tag).
_TAG = re.compile(r"""<[A-Za-z/?][^>"'=]*(?>(?:=\s*"[^"]*"|=\s*'[^']*'|[="'])[^>"'=]*)*>|<!(?:--"""
                  + _COMMENT_REST + "|[^>]*>)", re.DOTALL | re.ASCII)
# The same tags, when no quoted attribute value holds a `>` (_QUOTED_GT finds none): a tag then ends at its first
# `>`, which this simpler pattern finds in half the time. without_tags() picks one or the other.
_PLAIN_TAG = re.compile("<!--" + _COMMENT_REST + r"|<[A-Za-z/?!][^>]*>", re.DOTALL | re.ASCII)
_QUOTED_GT = re.compile(r"""=\s*(?:"[^"]*>|'[^']*>)""", re.ASCII)
# What split_code looks for, in order: a <script> or <style> opening (name, attributes), a comment, or a <title> or
# <textarea> (whose text a parser reads as text).
# The first lookahead skips most tags at once: 15 % faster.
_CODE_OR_TEXT = re.compile(r"<(?=[sStT!])(?:(script|style)(?=[\t\n\f\r />])([^>]*)>|!--"
                           r"|(title|textarea)(?=[\t\n\f\r />]))", re.IGNORECASE | re.ASCII)
_CODE_CLOSE = {name: re.compile(rf"</{name}(?:[\t\n\f\r /][^>]*)?>", re.IGNORECASE | re.ASCII)
               for name in ("script", "style")}
_RCDATA_CLOSE = {name: re.compile(rf"</{name}(?=[\t\n\f\r />])", re.IGNORECASE | re.ASCII)
                 for name in ("title", "textarea")}
_COMMENT_END = re.compile(_COMMENT_REST, re.DOTALL)  # matched right after `<!--`
_TAG_STARTS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/!?")
# The value of an attribute named content, in any ASCII case as HTML reads names (titles live in <meta content=…>):
# searched case-sensitively in the page's lowercased bytes, five times faster than case-insensitively in its text
# (the regex engine then looks for its literal prefix).
_CONTENT_BYTES = re.compile(rb"""content\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_SEP = r"[^a-z0-9]*"  # what may stand between two words of a phrase once tags are gone


def without_tags(page: str, mark: str = "") -> str:
    """The page with its tags and comments removed, as _TAG reads them (each replaced by `mark`)."""
    return (_TAG if _QUOTED_GT.search(page) else _PLAIN_TAG).sub(mark, page)


# A backslash escape in a JSON string: \\uXXXX (a UTF-16 unit), or one character (\\n, \\", \\/, \\\\…).
_JSON_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)
_JSON_CHARACTERS = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}
# Tabs and line breaks in a JSON-LD text, written or escaped: the extraction drops them from the values it reads
# ("Ses\\nterce" in a headline is the title "Sesterce"), so the text read beside the page is read without them.
_JSON_BLANKS = re.compile("[\t\n\r]")


def json_unescaped(script: str) -> str:
    """A JSON text with the escapes of its strings decoded, as a JSON parser reads them (json.dumps writes é as
    \\u00e9): UTF-16 surrogate pairs joined, a lone surrogate left as its character."""
    def character(escape: re.Match) -> str:
        unit, other = escape.groups()
        return chr(int(unit, 16)) if unit else _JSON_CHARACTERS.get(other, other)

    decoded = _JSON_ESCAPE.sub(character, script)
    return decoded.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")


def split_code(page: str) -> tuple[str, list[str], list[str]]:
    """The page without its <script> and <style> elements (what is on either side joins, as when the extraction
    drops them); the texts to read besides it: each JSON-LD script's (a headline may become the title), followed
    by its text unescaped (trafilatura reads it as JSON) without tabs and line breaks; and the texts to read
    as written: each <title> or <textarea> holding a `<` (a parser reads what looks like a comment or a tag there
    as text).

    Read as a parser reads: a `<script` or `<style` inside a comment, a tag (an attribute's value), a <title> or a
    <textarea> opens nothing. An element left unclosed is kept: what a parser would make of it is not this
    function's guess.
    """
    kept: list[str] = []
    literal: list[str] = []
    parts, position, search = [], 0, 0
    while (found := _CODE_OR_TEXT.search(page, search)) is not None:
        code, attributes, text_element = found.groups()
        if code is None:  # a comment or an RCDATA element: nothing opens inside it
            if text_element is None:
                end = _COMMENT_END.match(page, found.end())
            else:
                end = _RCDATA_CLOSE[text_element.lower()].search(page, found.end())
                start, stop = page.find(">", found.end()) + 1 or found.end(), end.start() if end else len(page)
                if page.find("<", start, stop) != -1:
                    literal.append(page[start:stop])
            search = end.end() if end else len(page)
            continue
        tag = page.rfind("<", search, found.start())
        if tag != -1 and page[tag + 1:tag + 2] in _TAG_STARTS:
            whole = _TAG.match(page, tag)
            if whole is None or whole.end() > found.start():  # in a tag (an attribute's value), maybe never closed
                search = len(page) if whole is None else whole.end()
                continue
        closing = _CODE_CLOSE[code.lower()].search(page, found.end())
        if closing is None:
            break
        parts.append(page[position:found.start()] + MARK)
        if "ld+json" in attributes.lower():
            kept.append(script := page[found.end():closing.start()])
            kept.append(_JSON_BLANKS.sub(MARK, json_unescaped(script)))
        position = search = closing.end()
    parts.append(page[position:])
    return "".join(parts), kept, literal


class Prefilter:
    """A cheap test on raw HTML: False only when no topic can possibly match the page.

    Each topic query becomes a necessary condition on its words: FTS5 needs the query's boolean
    structure to hold (AND: every side, OR: one side, `a NOT b`: a, NEAR: all its words). The page
    is reduced to its text as an HTML parser reads it (`split_code`): scripts and styles dropped,
    joining what stands on either side as the extraction does (JSON-LD is kept, its JSON escapes
    also decoded: a headline may become the title), but not where a comment, a tag or a <title>
    holds `<script`; tags and comments removed (`<` then a letter, `/`, `!` or `?`, up to `>`; so
    `Ses<wbr>terce` stays one word), a <title>'s text also kept as written; plus the values of its
    `content` attributes (titles also come from <meta>; read in the page's bytes, code included,
    which can only add words); then folded, each character dropped (and each tag or script removed)
    leaving a MARK. Any word FTS5 finds in the extracted title or text is then a substring of it, and
    a phrase is its words separated only by non-letters; the pages that pass are read again for
    whole words, as FTS5 reads them (`ia` is not in "média", `datacenter*` starts a word), a MARK
    standing for nothing or for a separator (`_token_pattern`). A query the
    prefilter cannot read lets every page through, and so does a Discourse forum page (its posts may
    only be in a `data-preloaded` attribute's JSON, which trafilatura reads).

    Not read as the extraction reads it: an element the extraction removes whole (button, form field,
    <nav>, an SVG icon's title…) written inside a word, or between two words of a phrase without a
    space, hides the word (tests/test_prefilter_differential.py, which finds nothing else, leaves it out).
    """

    def __init__(self, topics):
        self.queries = tuple(topic.query for topic in topics)
        self._conditions = [_condition(query) for query in self.queries]
        self.always = not self._conditions or any(c is None for c in self._conditions)
        self._phrases: dict[tuple[str, ...], re.Pattern] = {}
        self._tokens: dict[tuple[tuple[str, ...], bool], re.Pattern] = {}

    def might_match(self, page: str, *plain: str, raw: bytes | None = None, codec: str = "utf-8") -> bool:
        """False only when no topic can match a page whose raw HTML is `page` (and feed title, summary… `plain`).

        `raw`: the bytes `page` was decoded from by `codec`; when `ascii_as_bytes(codec)`, attributes and RCDATA
        elements are read in them, faster than in the text (else the text is encoded in UTF-8 for that).
        """
        if self.always:
            return True
        if raw is None or not ascii_as_bytes(codec):
            raw, codec = page.encode("utf-8", "surrogatepass"), "utf-8"
        lowered = raw.lower()  # ASCII letters only: every match in it spans the same bytes in `raw`
        if b"data-preloaded" in lowered:
            return True  # a Discourse forum's posts may only be in that attribute's JSON, which trafilatura reads
        metas = b" ".join(raw[slice(*m.span(m.lastindex))] for m in _CONTENT_BYTES.finditer(lowered))
        page, kept, literal = split_code(page)
        marked = fold("\n".join([without_tags("\n".join([page, *kept]), MARK), *literal,
                                  metas.decode(codec, errors="replace"), *(t for t in plain if t)]), MARK)
        text = marked.encode("ascii").translate(None, _MARK_BYTE).decode("ascii")  # 3× faster than str.replace
        seen: dict[tuple[str, ...], bool] = {}

        def present(words: tuple[str, ...]) -> bool:
            """The words are in the text, a phrase's words separated only by non-letters (or nothing)."""
            if words not in seen:
                if not all(word in text for word in words):
                    seen[words] = False
                elif len(words) == 1:
                    seen[words] = True
                else:
                    pattern = self._phrases.get(words)
                    if pattern is None:
                        pattern = self._phrases[words] = re.compile(_SEP.join(map(re.escape, words)))
                    seen[words] = pattern.search(text) is not None
            return seen[words]

        if not any(_holds(condition, lambda value: present(value[0])) for condition in self._conditions):
            return False
        # Read again, as FTS5 reads words, on the pages that pass: a word whole (`ia` is not in "média"), a prefix
        # where a word starts; a mark may stand inside a word or between two.
        tokens: dict[tuple[tuple[str, ...], bool], bool] = {}

        def whole(value: tuple[tuple[str, ...], bool]) -> bool:
            if value not in tokens:
                pattern = self._tokens.get(value)
                if pattern is None:
                    pattern = self._tokens[value] = _token_pattern(*value)
                tokens[value] = present(value[0]) and pattern.search(marked) is not None
            return tokens[value]

        return any(_holds(condition, whole) for condition in self._conditions)


def _token_pattern(words: tuple[str, ...], prefix: bool) -> re.Pattern:
    """Where the folded, marked text holds these words as FTS5 tokens: each whole (the last one's end free for a
    prefix), the letters of a word perhaps split by marks, two words apart by at least one non-letter."""
    spelled = [(re.escape(MARK) + "*").join(map(re.escape, word)) for word in words]
    return re.compile("(?<![a-z0-9])" + "[^a-z0-9]+".join(spelled) + ("" if prefix else "(?![a-z0-9])"))


def ascii_as_bytes(codec: str) -> bool:
    """Whether this codec (codecs.lookup's name) writes each ASCII character as its byte and every other character
    with bytes above 127 only: ASCII patterns then find in a page's bytes what they find in its text."""
    return codec in ("utf-8", "ascii") or codec.startswith(("iso8859-", "cp125"))


def _holds(condition, present) -> bool:
    kind, value = condition
    if kind == "words":
        return present(value)
    if kind == "and":
        return all(_holds(c, present) for c in value)
    if kind == "or":
        return any(_holds(c, present) for c in value)
    return True  # "any": nothing is required


def _condition(query: str):
    """The query as ("words", (tuple, prefix)) / ("and", [...]) / ("or", [...]) / ("any", None); None if unreadable."""
    try:
        return _necessary(parse_query(compile_query(query)))
    except ValueError:  # TopicError included
        return None


def _necessary(node):
    """What a page must hold for FTS5 to match this node: what must be absent after NOT requires nothing."""
    kind = node[0]
    if kind == "atom":
        return _words(node[1], node[2])
    if kind == "not":
        return _necessary(node[1])
    if kind == "near":
        return ("and", [_words(atom[1], atom[2]) for atom in node[1]])
    return (kind, [_necessary(child) for child in node[1]])


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


def _words(words: str, prefix: bool = False):
    """A word or phrase as the folded ASCII words the raw page must hold, and whether the last is a prefix;
    "any" when none survive folding."""
    found = tuple(re.findall(r"[a-z0-9]+", fold(words)))
    return ("words", (found, prefix)) if found else ("any", None)


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

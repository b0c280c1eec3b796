"""The prefilter: whether a raw page may match a topic, read in its bytes before any extraction."""

from __future__ import annotations

import re

from newswatch.text import hydrated
from newswatch.text.folding import MARK, fold
from newswatch.text.topics import compile_query, parse_query

_MARK_BYTE = MARK.encode()


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


def split_code(page: str) -> tuple[str, list[str], list[str], list[tuple[int, int, str]]]:
    """The page without its <script> and <style> elements (what is on either side joins, as when the extraction
    drops them); the texts to read besides it: each JSON-LD script's (a headline may become the title), followed
    by its text unescaped (trafilatura reads it as JSON) without tabs and line breaks; and the texts to read
    as written: each <title> or <textarea> holding a `<` (a parser reads what looks like a comment or a tag there
    as text); and where the other scripts' texts are in the page (start, end, attributes): a front end's state
    may be read.

    Read as a parser reads: a `<script` or `<style` inside a comment, a tag (an attribute's value), a <title> or a
    <textarea> opens nothing. An element left unclosed is kept: what a parser would make of it is not this
    function's guess.
    """
    kept: list[str] = []
    literal: list[str] = []
    scripts: list[tuple[int, int, str]] = []
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
        elif code.lower() == "script":
            scripts.append((found.end(), closing.start(), attributes))
        position = search = closing.end()
    parts.append(page[position:])
    return "".join(parts), kept, literal, scripts


# A page showing fewer letters and digits than this in its markup (its scripts, styles and tags aside) is drawn by
# script: the extraction may read its article in its front end's state (newswatch.text.extraction, `_from_state`),
# and the prefilter then reads its scripts too. An article page shows thousands; a shell, its menus and a few lines.
BARE_LETTERS = 600
_NOT_ALNUM = bytes(byte for byte in range(256) if not (48 <= byte <= 57 or 97 <= byte <= 122))


def _shown(page: str) -> tuple[str, list[tuple[int, int, str]]]:
    """What the page shows, as the prefilter reads it (`split_code`, `without_tags`), folded and marked; and where
    its scripts' texts are."""
    text, kept, literal, scripts = split_code(page)
    return fold("\n".join([without_tags("\n".join([text, *kept]), MARK), *literal]), MARK), scripts


def _states(page: str, scripts: list[tuple[int, int, str]]) -> str:
    """The texts of the scripts that may hold a front end's state, as `hydrated.states` reads them: one whose type
    may be JSON (written with an entity, it may still be), or one that assigns `window.__NAME__`."""
    return "\n".join(page[start:end] for start, end, attributes in scripts if "json" in attributes.lower()
                     or "&" in attributes or hydrated.ASSIGNED.search(page, start, end))


def letters(folded: str) -> int:
    """How many letters and digits a folded text holds."""
    return len(folded.encode("ascii", "replace").translate(None, _NOT_ALNUM))


def shown_letters(page: str) -> int:
    """How many letters and digits a page shows, as the prefilter counts them (the same reading, so that the
    extraction reads a front end's state only where the prefilter does)."""
    return letters(_shown(page)[0])


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
    only be in a `data-preloaded` attribute's JSON, which trafilatura reads). A page drawn by script (it shows
    fewer than BARE_LETTERS letters and digits) is read with its scripts that may hold its front end's state
    (`_states`), JSON escapes decoded: its article may be there, which the extraction then reads.

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
        shown, scripts = _shown(page)
        said = [metas.decode(codec, errors="replace"), *(t for t in plain if t)]
        if scripts and letters(shown) < BARE_LETTERS and (state := _states(page, scripts)):  # a page drawn by
            said.append(without_tags(f"{state}\n{_JSON_BLANKS.sub(MARK, json_unescaped(state))}", MARK))  # script
        marked = shown + "\n" + fold("\n".join(said), MARK)
        text = marked.encode("ascii").translate(None, _MARK_BYTE).decode("ascii")  # 3× faster than str.replace
        seen: dict[tuple[str, ...], bool] = {}
        held: dict[str, bool] = {}  # each word searched once: "data" stands in four of the default phrases

        def has(word: str) -> bool:
            if (known := held.get(word)) is None:
                known = held[word] = word in text
            return known

        def present(words: tuple[str, ...]) -> bool:
            """The words are in the text, a phrase's words separated only by non-letters (or nothing)."""
            if words not in seen:
                if not all(map(has, words)):
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


def _words(words: str, prefix: bool = False):
    """A word or phrase as the folded ASCII words the raw page must hold, and whether the last is a prefix;
    "any" when none survive folding."""
    found = tuple(re.findall(r"[a-z0-9]+", fold(words)))
    return ("words", (found, prefix)) if found else ("any", None)

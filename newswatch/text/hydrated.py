"""What a page drawn by script says only in the state its front end starts from: the addresses and titles of the
items a listing shows (`items`), or the text of the article a page shows (`article_body`), in the JSON of
`<script id="__NEXT_DATA__">` (Next.js), of any `<script type="application/json">` (Nuxt's payload, a CMS's
preloaded data), or assigned to `window.__INITIAL_STATE__` (`__PRELOADED_STATE__`, `__APOLLO_STATE__`, any
`window.__NAME__ = {…}` written as JSON)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from newswatch.text.markup import plain_paragraphs, plain_text

# an item's address and its words, by the names front ends give them (WordPress's REST: `link`, `title.rendered`)
ADDRESS_KEYS = ("url", "href", "link", "permalink", "canonical", "canonicalUrl", "canonical_url", "path", "pathname",
                "uri")
TITLE_KEYS = ("headline", "title", "name", "label")
MAX_STATE = 5_000_000  # characters of a state read (a listing's is tens of KB; a larger one is no listing's)
MAX_NODES = 200_000  # objects and lists walked in one page's states
MIN_BODY_WORDS = 40  # an article's body: a teaser, a caption, a related article's summary are shorter
_BLOCK_TYPE_KEYS = ("type", "_type", "__typename", "nodeType", "blockType")
PROSE_LETTERS = 0.8
_LETTER = re.compile(r"[^\W\d_]")
ASSIGNED = re.compile(r"window\.(__[A-Z][A-Z0-9_]*__)\s*=\s*(?=[\[{])")
_DECODER = json.JSONDecoder()


def states(doc) -> Iterator[object]:
    """The JSON states of a parsed page's scripts, as read (a Nuxt payload's references resolved by `items`)."""
    for script in doc.iter("script"):
        text = script.text or ""
        if not text or len(text) > MAX_STATE:
            continue
        kind = (script.get("type") or "").strip().lower()
        if kind == "application/json":
            try:
                state = json.loads(text)
            except (ValueError, RecursionError):
                continue
            yield _Payload(state) if script.get("id") == "__NUXT_DATA__" and isinstance(state, list) else state
        elif kind in ("", "text/javascript", "module", "application/javascript"):
            for assigned in ASSIGNED.finditer(text):
                try:
                    yield _DECODER.raw_decode(text, assigned.end())[0]
                except (ValueError, RecursionError):
                    continue


def items(doc) -> list[tuple[str, str]]:
    """(address as written, title) of every object of the page's states that has an address (`ADDRESS_KEYS`: a
    string that is a path or a URL), its title the object's first words under `TITLE_KEYS` ("" if none), in the
    order of the states, once each."""
    found: dict[str, str] = {}
    for node, values, resolve in _walk(doc, dict | list):
        if isinstance(node, dict):
            address = next(filter(None, (_address(values.get(key), resolve) for key in ADDRESS_KEYS)), None)
            if address is not None and not found.get(address):
                found[address] = next(filter(None, (_words(values.get(key), resolve) for key in TITLE_KEYS)), "")
    return list(found.items())


def article_body(doc) -> str:
    """The text of the article a page's states hold, one paragraph a line ("" if none): the longest of their prose,
    either one string of MIN_BODY_WORDS words or more (the body as HTML, Markdown or plain text), or the content
    blocks of a list (`_blocks`: as Arc's `content_elements`, Sanity's or Contentful's rich text write them), their
    words read in order; prose, not code or a style sheet (`_is_prose`)."""
    best = ("", "")  # the longest prose as written, and as text
    for node, values, resolve in _walk(doc, str | list | dict):
        if isinstance(node, str):
            candidate = node if len(node.split()) >= MIN_BODY_WORDS else ""
        else:
            blocks = _blocks(values, resolve) if isinstance(node, list) else []
            candidate = "\n".join(_prose(block, resolve) for block in blocks) if len(blocks) >= 2 else ""
        if len(candidate) > len(best[0]) and (text := plain_paragraphs(candidate) or "") and _is_prose(text):
            best = candidate, text
    return best[1]


def _walk(doc, kinds):
    """(node, its values read, resolve) for each object, list or string of the page's states, in their order, depth
    first, MAX_NODES at most: the values of a node that are of `kinds` are walked into (a Nuxt payload's references
    resolved as they are reached, `_Payload.resolve`)."""
    nodes = 0
    for state in states(doc):
        resolve = state.resolve if isinstance(state, _Payload) else _same
        stack = [resolve(0) if isinstance(state, _Payload) else state]
        while stack and nodes < MAX_NODES:
            node = stack.pop()
            nodes += 1
            if isinstance(node, dict):
                values = {key: resolve(value) for key, value in node.items()}
                children = list(values.values())
            elif isinstance(node, list):
                values = children = [resolve(value) for value in node]
            elif isinstance(node, str):
                values, children = None, []
            else:
                continue
            yield node, values, resolve
            stack.extend(child for child in reversed(children) if isinstance(child, kinds))


def _is_prose(text: str) -> bool:
    """Whether a text reads as sentences, not as code or style sheets (whose braces, colons and semicolons make a
    fifth or more of what is not a space): MIN_BODY_WORDS words, PROSE_LETTERS of it letters."""
    ink = len(text) - sum(map(text.count, " \n\t"))
    return len(text.split()) >= MIN_BODY_WORDS and len(_LETTER.findall(text)) >= PROSE_LETTERS * ink


def _blocks(values: list, resolve) -> list[dict]:
    """A list's content blocks: its objects that say their type and have no address (a picture's block has one,
    and so has each item of a list of related articles)."""
    return [value for value in values if isinstance(value, dict) and any(key in value for key in _BLOCK_TYPE_KEYS)
            and not any(_address(resolve(value.get(key)), resolve) for key in ADDRESS_KEYS)]


def _prose(value, resolve, depth: int = 0) -> str:
    """A content block's words: its strings that hold a space (not its type, its style, its key), in order."""
    if isinstance(value, str):
        return value if " " in value.strip() else ""
    if depth >= 4 or not isinstance(value, list | dict):
        return ""
    parts = (resolve(part) for key, part in (enumerate(value) if isinstance(value, list) else value.items())
             if key not in _BLOCK_TYPE_KEYS)
    return " ".join(filter(None, (_prose(part, resolve, depth + 1) for part in parts)))


def _address(value, resolve) -> str | None:
    """An item's address: a string that is a path or a URL, or a link object's (`{"href": "…"}`)."""
    if isinstance(value, dict):
        value = resolve(value.get("href") or value.get("url"))
    if isinstance(value, str) and value.strip().startswith(("/", "http://", "https://")):
        return value.strip()
    return None


def _words(value, resolve) -> str:
    """A title's words: a string, or WordPress's `{"rendered": "…"}`, its markup and entities read."""
    if isinstance(value, dict):
        value = resolve(value.get("rendered"))
    return (plain_text(value) or "") if isinstance(value, str) else ""


def _same(value):
    return value


class _Payload:
    """A Nuxt 3 payload (`__NUXT_DATA__`): one flat list whose objects and lists hold the indexes of their values
    in it, the page's state at index 0. `resolve` reads one value through its index, and through Nuxt's wrappers
    (`["Reactive", 3]`: the value at 3), a few deep at most: what it holds is read as the walk reaches it, so a
    payload that refers to itself ends."""

    def __init__(self, flat: list):
        self.flat = flat

    def resolve(self, index):
        value = self._at(index)
        for _ in range(8):
            if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
                    and value[0] in _WRAPPERS):
                return value
            value = self._at(value[1])
        return None

    def _at(self, index):
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(self.flat):
            return self.flat[index]
        return index


_WRAPPERS = {"Reactive", "ShallowReactive", "Ref", "ShallowRef", "EmptyRef", "EmptyShallowRef", "NuxtError"}

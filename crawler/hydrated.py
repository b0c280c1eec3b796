"""What a page drawn by script names only in the state its front end starts from: the addresses and titles of
the items in the JSON of `<script id="__NEXT_DATA__">` (Next.js), of any `<script type="application/json">`
(Nuxt's payload, a CMS's preloaded data), or assigned to `window.__INITIAL_STATE__` (`__PRELOADED_STATE__`,
`__APOLLO_STATE__`, any `window.__NAME__ = {…}` written as JSON)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from newswatch.text.markup import plain_text

# an item's address and its words, by the names front ends give them (WordPress's REST: `link`, `title.rendered`)
ADDRESS_KEYS = ("url", "href", "link", "permalink", "canonical", "canonicalUrl", "canonical_url", "path", "pathname",
                "uri")
TITLE_KEYS = ("headline", "title", "name", "label")
MAX_STATE = 5_000_000  # characters of a state read (a listing's is tens of KB; a larger one is no listing's)
MAX_NODES = 200_000  # objects and lists walked in one page's states
_ASSIGNED = re.compile(r"window\.(__[A-Z][A-Z0-9_]*__)\s*=\s*(?=[\[{])")
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
            for assigned in _ASSIGNED.finditer(text):
                try:
                    yield _DECODER.raw_decode(text, assigned.end())[0]
                except (ValueError, RecursionError):
                    continue


def items(doc) -> list[tuple[str, str]]:
    """(address as written, title) of every object of the page's states that has an address (`ADDRESS_KEYS`: a
    string that is a path or a URL), its title the object's first words under `TITLE_KEYS` ("" if none), in the
    order of the states, once each."""
    found: dict[str, str] = {}
    nodes = 0
    for state in states(doc):
        resolve = state.resolve if isinstance(state, _Payload) else _same
        stack = [resolve(0) if isinstance(state, _Payload) else state]
        while stack and nodes < MAX_NODES:
            node = stack.pop()
            nodes += 1
            if isinstance(node, list):
                stack.extend(resolve(value) for value in reversed(node))
                continue
            if not isinstance(node, dict):
                continue
            values = {key: resolve(value) for key, value in node.items()}
            address = next(filter(None, (_address(values.get(key), resolve) for key in ADDRESS_KEYS)), None)
            if address is not None and not found.get(address):
                found[address] = next(filter(None, (_words(values.get(key), resolve) for key in TITLE_KEYS)), "")
            stack.extend(value for value in reversed(values.values()) if isinstance(value, dict | list))
    return list(found.items())


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

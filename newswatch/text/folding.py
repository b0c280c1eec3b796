"""Text folded as the prefilter reads it: lower-case ASCII, accents and control characters dropped, entities decoded."""

from __future__ import annotations

import codecs
import functools
import html
import re
import unicodedata

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

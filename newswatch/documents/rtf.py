"""Rich Text Format files (.rtf): what a word processor saves when asked for a format every other one opens, so an
order or the minutes of a small town's council may be published so. Read with our own reader of its groups and
control words (the RTF 1.9.1 specification): the body's text, its paragraphs one a line and a table's cells joined
by " | ", its title, author and creation date from its \\info group, its fields' hyperlinks. Pictures, objects,
page headers and footers, style and font tables, and any destination marked ignorable (`\\*`) are left out."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from newswatch.documents.office import FIELD_LINK, OfficeError, OfficeText, office_text

# A control word (its name, its numeric parameter, a space that ends it), a byte in hex, a control symbol, a group's
# start or end, a run of text; a line break in the file is no text.
_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
                    re.DOTALL)
_SKIPPED = frozenset({"fonttbl", "colortbl", "stylesheet", "pict", "object", "header", "headerl", "headerr",
                      "headerf", "footer", "footerl", "footerr", "footerf", "themedata", "colorschememapping",
                      "latentstyles", "datastore", "xmlnstbl", "listtable", "listoverridetable", "rsidtbl",
                      "generator", "operator", "comment", "keywords", "subject", "doccomm", "company", "category",
                      "manager", "hlinkbase", "revtbl", "filetbl", "pntext", "pntxta", "pntxtb", "xe", "tc",
                      "bkmkstart", "bkmkend", "atnauthor", "atnid", "annotation", "atrfstart", "atrfend", "shppict",
                      "nonshppict", "mmathPr", "userprops", "wgrffmtfilter", "fchars", "lchars", "pgdsctbl"})
_KEPT = frozenset({"title", "author", "fldinst"})  # read apart: the \info group's title and author, a field's code
_BREAKS = {"par": "\n", "line": "\n", "row": "\n", "sect": "\n", "page": "\n", "cell": " | ", "tab": " ",
           "emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’", "ldblquote": "“",
           "rdblquote": "”", "emspace": " ", "enspace": " ", "qmspace": " "}
_SYMBOLS = {b"~": "\u00a0", b"_": "‑", b"-": "", b"\\": "\\", b"{": "{", b"}": "}", b"\n": "\n", b"\r": "\n",
            b"|": "", b":": ""}
_DATE_PARTS = ("yr", "mo", "dy", "hr", "min")
MAX_DEPTH = 500  # nested groups: a file deeper than this is no letter


def read_rtf(body: bytes) -> OfficeText:
    """An RTF file's title, text (one paragraph a line), author, creation date and web links; OfficeError if it is
    none. A file cut short is read up to its cut."""
    if not body.lstrip().startswith(b"{\\rtf"):
        raise OfficeError("not an RTF document")
    codepage = "cp1252"
    out: dict[str, list[str]] = {"body": [], "title": [], "author": [], "fldinst": []}
    created: dict[str, int] = {}
    stack: list[tuple[str | None, int, bool]] = []
    where: str | None = "body"  # where text goes: a key of `out`, "info", or None (nowhere)
    uc = 1  # how many characters follow a \u as its stand-in, for readers without Unicode
    skip, pending = 0, bytearray()  # stand-in characters left to skip; bytes in hex waiting to be decoded together
    head = ignorable = in_date = False  # a group's destination comes first in it (after `\*`: an ignorable one)
    position = body.index(b"{")

    def flush() -> None:
        if pending and where in out:
            out[where].append(pending.decode(codepage, "replace"))
        pending.clear()

    while (token := _TOKEN.match(body, position)) is not None:
        position = token.end()
        word, number, hexa, symbol, brace, text = token.groups()
        if hexa is None:
            flush()
        at_head, head = head, False
        if brace == b"{":
            if len(stack) >= MAX_DEPTH:
                raise OfficeError(f"an RTF document nested more than {MAX_DEPTH} groups deep")
            stack.append((where, uc, in_date))
            head, ignorable = True, False
        elif brace == b"}":
            if not stack:
                break
            where, uc, in_date = stack.pop()
            if not stack:
                break  # the document's end
        elif word is not None:
            name = word.decode("ascii")
            if at_head:  # a destination: what its group holds goes there, or nowhere
                if name in _KEPT and where in ("body", "info"):
                    where = name
                elif name == "info":
                    where = "info"
                elif name in _SKIPPED or ignorable:
                    where = None
                in_date = name == "creatim" and where == "info"
            if name == "ansicpg" and number:
                codepage = f"cp{int(number)}"
                try:
                    "".encode(codepage)
                except LookupError:
                    codepage = "cp1252"
            elif name == "uc" and number is not None:
                uc = max(0, int(number))
            elif name == "u" and number is not None:
                if where in out:
                    out[where].append(chr(int(number) % 65536))
                skip = uc
            elif name == "bin" and number is not None:  # raw bytes (a picture's), skipped
                position += max(0, int(number))
            elif in_date and name in _DATE_PARTS and number is not None:
                created[name] = int(number)
            elif name in _BREAKS and where in out:
                out[where].append(_BREAKS[name])
        elif symbol is not None:
            if symbol == b"*":
                head, ignorable = at_head, True  # the destination's name follows
            elif where in out and symbol in _SYMBOLS:
                out[where].append(_SYMBOLS[symbol])
        elif hexa is not None:
            if skip:
                skip -= 1
            else:
                pending.append(int(hexa, 16))
        elif text is not None and where in out:
            if skip:
                text, skip = text[skip:], max(0, skip - len(text))
            out[where].append(text.decode(codepage, "replace"))
    flush()
    return _office_text(out, created)


def _office_text(out: dict[str, list[str]], created: dict[str, int]) -> OfficeText:
    def joined(name: str) -> str:
        return "".join(out[name]).encode("utf-16", "surrogatepass").decode("utf-16", "replace")

    lines = [re.sub(r"\s+", " ", line).strip(" |") for line in joined("body").split("\n")]
    text = "\n".join(line for line in lines if line)
    links = [(found[1], "") for found in FIELD_LINK.finditer(joined("fldinst"))]
    date = None
    if "yr" in created:
        try:
            date = datetime(created["yr"], created.get("mo", 1), created.get("dy", 1), created.get("hr", 0),
                            created.get("min", 0), tzinfo=UTC)
        except ValueError:
            pass
    return office_text(" ".join(joined("title").split()), text, " ".join(joined("author").split()) or None, date,
                       links)

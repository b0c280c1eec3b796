"""Word 97-2003 documents (.doc): a compound file (an OLE2 container, read here) whose WordDocument stream holds
the text in pieces its table stream maps, the title, author and date in its SummaryInformation stream. The formats:
[MS-CFB], the compound file; [MS-DOC], the text; [MS-OLEPS], the summary's properties."""

from __future__ import annotations

import re
import struct
from datetime import UTC, datetime, timedelta

from newswatch.documents.office import COMPOUND, FIELD_LINK, MAX_PART_BYTES, OfficeError, OfficeText, office_text

_LAST_SECTOR = 0xFFFFFFFA  # sector ids above it mark a chain's end, a free sector, a FAT or DIFAT sector
_WORD_IDENT = 0xA5EC
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
# A paragraph's, a cell's or a row's end, a line or page break: a line's end; a hyphen that does not break, one
# that may; a space that does not break. Other control characters anchor pictures, notes, comments: not text.
_DOC_CHARACTERS = str.maketrans({"\r": "\n", "\x07": "\n", "\x0b": "\n", "\x0c": "\n", "\x1e": "-", "\x1f": "",
                                 "\xa0": " ",
                                 **{chr(c): "" for c in range(0x20) if chr(c) not in "\t\n\r\x07\x0b\x0c"}})


def read_doc(body: bytes) -> OfficeText:
    """A Word 97-2003 file's main text (paragraphs and table cells one a line; a field shows its result, and a
    HYPERLINK field gives a link), then its footnotes and endnotes, its title, author and creation date;
    OfficeError if unreadable or encrypted."""
    try:
        compound = Compound(body, MAX_PART_BYTES)
        word = compound.stream("WordDocument")
        if word is None or len(word) < 0x1AA or struct.unpack_from("<H", word, 0)[0] != _WORD_IDENT:
            raise OfficeError("a compound file with no Word document in it")
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise OfficeError("an encrypted Word document")
        table = compound.stream("1Table" if flags & 0x0200 else "0Table")
        if table is None:
            raise OfficeError("a Word document without its table stream")
        characters = _doc_text(word, table)
        summary = compound.stream("\x05SummaryInformation")
        title, author, created = summary_properties(summary) if summary else (None, None, None)
    except (struct.error, UnicodeDecodeError, IndexError) as exc:
        raise OfficeError(f"not a readable doc document ({exc})") from None
    shown, links = _doc_fields(characters)
    lines = shown.translate(_DOC_CHARACTERS).split("\n")
    text = "\n".join(line for line in (re.sub(r"\s+", " ", line).strip() for line in lines) if line)
    return office_text(title, text, author, created, links)


def _doc_text(word: bytes, table: bytes) -> str:
    """A .doc's main text, then its footnotes, then its endnotes (a deliberation's "(1) Projet de la société
    Sesterce"), as stored. Its characters run in that order of stories, each as long as the FIB says: the main
    text (ccpText), the footnotes (ccpFtn), the headers (ccpHdd), macros (ccpMcr, none), comments (ccpAtn), the
    endnotes (ccpEdn). Headers and comments are not read (a .docx's are not either)."""
    main, notes, headers, macros, comments, ends = (max(count, 0) for count in struct.unpack_from("<6i", word, 0x4C))
    endnotes_at = main + notes + headers + macros + comments
    characters = _doc_characters(word, table, endnotes_at + ends)
    stories = (characters[:main], characters[main:main + notes], characters[endnotes_at:endnotes_at + ends])
    return "\r".join(story for story in stories if story)


def _doc_characters(word: bytes, table: bytes, length: int) -> str:
    """A .doc's characters as stored, `length` of them at most: pieces (the Clx's PlcPcd in the table stream) of
    one byte a character (Windows-1252) or two (UTF-16), in the WordDocument stream."""
    start, size = struct.unpack_from("<II", word, 0x1A2)  # FibRgFcLcb97.fcClx, lcbClx
    clx, position = table[start:start + size], 0
    while position < len(clx) and clx[position] == 1:  # formatting before the pieces (a Prc)
        position += 3 + struct.unpack_from("<H", clx, position + 1)[0]
    if position >= len(clx) or clx[position] != 2:
        raise OfficeError("a Word document whose piece table cannot be found")
    size = struct.unpack_from("<I", clx, position + 1)[0]
    pieces = (size - 4) // 12
    plc = clx[position + 5:position + 5 + size]
    limits = struct.unpack_from(f"<{pieces + 1}I", plc)
    text, total = [], max(length, 0)
    for index in range(pieces):
        count = min(limits[index + 1], total) - limits[index]
        if count <= 0:
            continue
        offset = struct.unpack_from("<I", plc, 4 * (pieces + 1) + 8 * index + 2)[0]
        if offset & 0x40000000:  # compressed: one byte a character, at half the offset
            chunk = word[(offset & 0x3FFFFFFF) // 2:][:count].decode("cp1252", "replace")
        else:
            chunk = word[offset:][:2 * count].decode("utf-16-le", "replace")
        text.append(chunk)
    return "".join(text)


def _doc_fields(characters: str) -> tuple[str, list[tuple[str, str]]]:
    """A .doc's text with its fields as they show (between a field's separator and its end; its code, between its
    beginning and its separator, is not shown), and the (address, words) of its HYPERLINK fields."""
    shown, links, fields = [], [], []  # fields: [code, result] of each field open at this point
    for part in re.split(f"([{_FIELD_BEGIN}{_FIELD_SEPARATOR}{_FIELD_END}])", characters):
        if part == _FIELD_BEGIN:
            fields.append([[], None])
        elif part == _FIELD_SEPARATOR and fields:
            fields[-1][1] = []
        elif part == _FIELD_END and fields:
            code, result = fields.pop()
            words = "".join(result or [])
            if link := FIELD_LINK.search("".join(code)):
                links.append((link[1], " ".join(words.translate(_DOC_CHARACTERS).split())))
            (fields[-1][1] if fields and fields[-1][1] is not None else
             fields[-1][0] if fields else shown).append(words)
        elif fields:
            (fields[-1][0] if fields[-1][1] is None else fields[-1][1]).append(part)
        else:
            shown.append(part)
    return "".join(shown), links


def summary_properties(stream: bytes) -> tuple[str | None, str | None, datetime | None]:
    """Title, author and creation date of a compound file's SummaryInformation property set."""
    start = struct.unpack_from("<I", stream, 44)[0]  # the first section, after the header and its FMTID
    count = struct.unpack_from("<I", stream, start + 4)[0]
    values, codepage = {}, "cp1252"
    for index in range(min(count, 256)):
        key, offset = struct.unpack_from("<II", stream, start + 8 + 8 * index)
        kind, at = struct.unpack_from("<I", stream, start + offset)[0], start + offset + 4
        if key == 1 and kind == 2:  # the codepage of its 8-bit strings
            number = struct.unpack_from("<H", stream, at)[0]
            codepage = {65001: "utf-8", 1200: "utf-16-le"}.get(number, f"cp{number}")
        elif kind == 0x1E:  # an 8-bit string
            size = struct.unpack_from("<I", stream, at)[0]
            values[key] = ("lpstr", stream[at + 4:at + 4 + min(size, 4096)])
        elif kind == 0x1F:  # a UTF-16 string
            size = struct.unpack_from("<I", stream, at)[0]
            values[key] = ("lpwstr", stream[at + 4:at + 4 + 2 * min(size, 4096)])
        elif kind == 0x40:  # a FILETIME: 100 ns since 1601
            values[key] = ("time", struct.unpack_from("<Q", stream, at)[0])

    def text(key: int) -> str | None:
        kind, raw = values.get(key, (None, b""))
        if kind not in ("lpstr", "lpwstr"):
            return None
        try:
            value = raw.decode(codepage if kind == "lpstr" else "utf-16-le", "replace")
        except LookupError:
            value = raw.decode("cp1252", "replace")
        return value.split("\x00")[0].strip() or None

    kind, ticks = values.get(12, (None, 0))
    created = None
    if kind == "time" and ticks:
        try:
            created = datetime(1601, 1, 1, tzinfo=UTC) + timedelta(microseconds=ticks // 10)
        except OverflowError:  # past the year 9999: no date
            pass
    return text(2), text(4), created


class Compound:
    """A compound file's streams by name: its header, its sector allocation table (FAT, its sectors listed in the
    header and in DIFAT sectors), its directory, and the mini stream that holds its streams under 4 KB."""

    def __init__(self, data: bytes, limit: int):
        if len(data) < 512 or not data.startswith(COMPOUND):
            raise OfficeError("not a compound file")
        self.data, self.limit = data, limit
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise OfficeError(f"a compound file with sectors of 2^{shift} bytes")
        self.size = 1 << shift
        fat_sectors, directory, _, self.cutoff, mini_fat, _, difat, difat_sectors = struct.unpack_from("<8I", data,
                                                                                                        0x2C)
        located = list(struct.unpack_from("<109I", data, 0x4C))
        for _ in range(min(difat_sectors, len(data) // self.size)):
            if difat > _LAST_SECTOR:
                break
            listed = struct.unpack_from(f"<{self.size // 4}I", self._sector(difat))
            located, difat = located + list(listed[:-1]), listed[-1]
        self.fat = b"".join(self._sector(number) for number in located[:fat_sectors] if number <= _LAST_SECTOR)
        self.streams: dict[str, tuple[int, int]] = {}
        entries, root = self._chain(directory, self.fat, self.size, self._sector), None
        for offset in range(0, len(entries) - 127, 128):
            named, kind = struct.unpack_from("<HB", entries, offset + 64)
            first, size = struct.unpack_from("<IQ", entries, offset + 116)
            size = size & 0xFFFFFFFF if self.size == 512 else size  # version 3 files leave the high half unset
            if kind == 5 and root is None:
                root = (first, size)
            elif kind == 2:
                name = entries[offset:offset + max(0, min(named, 64) - 2)].decode("utf-16-le", "replace")
                self.streams.setdefault(name, (first, size))
        if root is None:
            raise OfficeError("a compound file without a root entry")
        self.mini = self._chain(root[0], self.fat, self.size, self._sector, root[1])[:root[1]]
        self.mini_fat = self._chain(mini_fat, self.fat, self.size, self._sector) if mini_fat <= _LAST_SECTOR else b""

    def stream(self, name: str) -> bytes | None:
        """A stream's bytes; None when the file has none of that name."""
        if name not in self.streams:
            return None
        first, size = self.streams[name]
        if size > self.limit:
            raise OfficeError(f"its stream {name} declares {size:,} bytes")
        if size < self.cutoff:
            return self._chain(first, self.mini_fat, 64, lambda n: self.mini[n * 64:(n + 1) * 64], size)[:size]
        return self._chain(first, self.fat, self.size, self._sector, size)[:size]

    def _sector(self, number: int) -> bytes:
        begin = (number + 1) * self.size
        if begin >= len(self.data):
            raise OfficeError(f"a compound file whose sector {number} lies past its end")
        return self.data[begin:begin + self.size]

    def _chain(self, first: int, table: bytes, unit: int, read, size: int | None = None) -> bytes:
        """The bytes of the chain of sectors from `first`, each next one given by `table`, up to `size` bytes
        (else the file's limit); a chain that loops or leaves its table is broken."""
        parts, number, steps = [], first, len(table) // 4 + 1
        while number <= _LAST_SECTOR and len(parts) * unit < (self.limit if size is None else size):
            if steps == 0 or number * 4 + 4 > len(table):
                raise OfficeError("a compound file whose chain of sectors is broken")
            parts.append(read(number))
            number, steps = struct.unpack_from("<I", table, number * 4)[0], steps - 1
        return b"".join(parts)

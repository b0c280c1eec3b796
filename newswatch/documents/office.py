"""Word-processor documents (OpenDocument text .odt, Office Open XML .docx, Word 97-2003 .doc): a small town
publishes its council's minutes as the file its secretary wrote, not always as a PDF. An .odt or .docx is a zip of
XML parts (read with the standard library's zipfile and lxml), the text in paragraphs of the body, the title, author
and date in its metadata part; a .doc is a compound file (an OLE2 container, read here) whose WordDocument stream
holds the text in pieces its table stream maps, the title, author and date in its SummaryInformation stream."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from lxml import etree

from newswatch.text.dates import parse_w3c_date
from newswatch.text.urls import written_addresses

MAX_PART_BYTES = 64 * 2**20  # a document's XML part inflated past this is no council's minutes (a zip bomb)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_ANNOTATION = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELATIONS = "word/_rels/document.xml.rels"
_FIELD_LINK = re.compile(r'HYPERLINK\s+"([^"]+)"')  # a Word field's hyperlink: `HYPERLINK "https://…" \o "…"`
_PARTS = {  # kind -> (body part, metadata part); a .pptx file's body is its slides, one part each
    "odt": ("content.xml", "meta.xml"),
    "odp": ("content.xml", "meta.xml"),
    "docx": ("word/document.xml", "docProps/core.xml"),
    "pptx": ("ppt/presentation.xml", "docProps/core.xml"),
}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"  # what an old reader shows instead
_DOCX_NOTES = ("word/footnotes.xml", "word/endnotes.xml")  # a deliberation's "(1) Projet de la société Sesterce"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"  # a slide's text: <a:p> paragraphs of <a:t> runs
_SLIDE = re.compile(r"ppt/slides/slide(\d+)\.xml")
MAX_SLIDES = 500
# What a damaged zip raises as it is read: a bad directory or CRC, a header's offset before the file's start
# (ValueError), a compression method or version it does not know (NotImplementedError), an encrypted entry
# (RuntimeError), a stream cut short.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, ValueError, NotImplementedError, RuntimeError, EOFError, OSError)
OFFICE_TYPES = ("application/vnd.oasis.opendocument.text",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword",
                "application/vnd.oasis.opendocument.presentation",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation")


class OfficeError(ValueError):
    """The bytes are not a word-processor document that can be read."""


class OfficeText(NamedTuple):
    title: str
    text: str  # one paragraph a line
    author: str | None
    created: datetime | None
    links: tuple[tuple[str, str], ...]  # (address, words) of its hyperlinks, then of the addresses it writes out


def office_kind(body: bytes, content_type: str | None = None) -> str | None:
    """"odt", "docx", "doc", or for slides "odp" and "pptx", for such a file (by its zip signature and its parts'
    names, or its compound file's signature and its WordDocument stream's name, whatever the server says), else
    None."""
    if body.startswith(_COMPOUND):  # a Word 97-2003 file: its directory names its WordDocument stream
        return "doc" if "WordDocument".encode("utf-16-le") in body else None
    if not body.startswith(b"PK\x03\x04"):
        return None
    head = body[:4096]
    if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:  # an ODF file's first, stored entry
        return "odt"
    if b"mimetypeapplication/vnd.oasis.opendocument.presentation" in head:
        return "odp"
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in OFFICE_TYPES or b"word/" in head or b"ppt/" in head or b"[Content_Types].xml" in head:
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                names = set(archive.namelist())
        except ZIP_ERRORS:
            return None
        return "docx" if "word/document.xml" in names else "pptx" if "ppt/presentation.xml" in names else None
    return None


def read_office(body: bytes, kind: str | None = None) -> OfficeText:
    """The title, text, author, creation date and web links of an .odt, .docx, .doc, .odp or .pptx file (`kind`,
    when its caller has told it by `office_kind` already); OfficeError if unreadable. Slides are read in their
    order, one paragraph a line: a public meeting's presentation of the project."""
    kind = kind or office_kind(body)
    if kind is None:
        raise OfficeError("not an OpenDocument or Word document")
    if kind == "doc":
        return _read_doc(body)
    content, meta = _PARTS[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            if kind == "pptx":
                text, links = _slides(archive)
            else:
                root = _part(archive, content)
                text = _paragraphs(root, kind)
                links = _hyperlinks(root, kind, archive)
                if kind == "docx":  # its footnotes and endnotes, after its body, as an .odt's are lines of their own
                    notes = (_part(archive, name, required=False) for name in _DOCX_NOTES)
                    text = "\n".join(filter(None, [text, *(_paragraphs(note, kind) for note in notes
                                                           if note is not None)]))
            info = _part(archive, meta, required=False)
    except OfficeError:
        raise
    except (*ZIP_ERRORS, etree.XMLSyntaxError, KeyError) as exc:
        raise OfficeError(f"not a readable {kind} document ({exc})") from None
    title = author = created = None
    if info is not None:
        title = _first(info, f"{_DC}title")
        author = _first(info, "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}initial-creator", f"{_DC}creator")
        created = parse_w3c_date(_first(info, "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}creation-date",
                                        "{http://purl.org/dc/terms/}created"))
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    return OfficeText((title or first_line[:300]).strip(), text, author, created,
                      tuple(links + [(address, "") for address in written_addresses(text)]))


def _slides(archive: zipfile.ZipFile) -> tuple[str, list[tuple[str, str]]]:
    """A .pptx file's slides (MAX_SLIDES at most), in their numbers' order: their paragraphs, one a line, and
    their hyperlinks (address, words), each run's address in its slide's relations part."""
    numbered = sorted((int(found[1]), name) for name in archive.namelist() if (found := _SLIDE.fullmatch(name)))
    lines, links = [], []
    for _, name in numbered[:MAX_SLIDES]:
        slide = _part(archive, name)
        targets = _external_targets(archive, name.replace("slides/", "slides/_rels/") + ".rels")
        for paragraph in slide.iter(f"{_A}p"):
            lines.append("".join((node.text or "") if node.tag == f"{_A}t" else " "
                                 for node in paragraph.iter(f"{_A}t", f"{_A}br")))
        for run in slide.iter(f"{_A}r"):
            click = run.find(f"{_A}rPr/{_A}hlinkClick")
            if click is not None and (address := targets.get(click.get(_RELATION))) is not None:
                links.append((address, " ".join("".join(t.text or "" for t in run.iter(f"{_A}t")).split())))
    text = "\n".join(line for line in (re.sub(r"\s+", " ", line).strip() for line in lines) if line)
    return text, links


def _hyperlinks(root, kind: str, archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(address, words) of a document's hyperlinks, in order: an ODF <text:a>'s; a Word <w:hyperlink>'s (its
    address in the relations part) and a HYPERLINK field's."""
    if kind in ("odt", "odp"):
        return [(anchor.get(_XLINK, ""), " ".join(_odf_text(anchor).split())) for anchor in root.iter(f"{_TEXT}a")]
    targets = _external_targets(archive, _RELATIONS)
    found = []
    for element in root.iter(f"{_W}hyperlink", f"{_W}instrText", f"{_W}fldSimple"):
        if element.tag == f"{_W}hyperlink":
            if (address := targets.get(element.get(_RELATION))) is not None:
                found.append((address, " ".join("".join(t.text or "" for t in element.iter(f"{_W}t")).split())))
        elif field := _FIELD_LINK.search(element.text or element.get(f"{_W}instr") or ""):
            found.append((field[1], ""))
    return found


def _external_targets(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """A relations part's web addresses (TargetMode External), by relation id; {} when the file has no such part."""
    relations = _part(archive, name, required=False)
    return {} if relations is None else {relation.get("Id"): relation.get("Target", "") for relation in relations
                                         if relation.get("TargetMode") == "External"}


def _part(archive: zipfile.ZipFile, name: str, required: bool = True):
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise
        return None
    if info.file_size > MAX_PART_BYTES:
        raise OfficeError(f"its part {name} inflates to {info.file_size:,} bytes")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(archive.read(info), parser)


def _paragraphs(root, kind: str) -> str:
    """The body's paragraphs and headings (table cells included), one a line, as their words read."""
    lines = []
    if kind == "docx":
        for paragraph in root.iter(f"{_W}p"):
            if any(up.tag == _FALLBACK for up in paragraph.iterancestors()):
                continue  # a text box's copy for old readers: its words are in the box itself
            words = []
            for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
                if next(node.iterancestors(f"{_W}p")) is paragraph:  # a text box's paragraphs are lines of their own
                    words.append((node.text or "") if node.tag == f"{_W}t" else " ")
            lines.append("".join(words))
    else:
        etree.strip_elements(root, _ANNOTATION, with_tail=False)  # a reviewer's comment is not the document's
        for paragraph in root.iter(f"{_TEXT}p", f"{_TEXT}h"):
            if paragraph.getparent() is not None and paragraph.getparent().tag in (f"{_TEXT}p", f"{_TEXT}h"):
                continue
            lines.append(_odf_text(paragraph))
    return "\n".join(line for line in (re.sub(r"\s+", " ", line).strip() for line in lines) if line)


def _odf_text(element) -> str:
    """An ODF paragraph's text: its spans' words, <text:s/> a space, <text:tab/> and <text:line-break/> too."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in (f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"):
            parts.append(" ")
        elif child.tag != f"{_TEXT}note":  # a footnote's paragraphs are lines of their own
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _first(root, *tags: str) -> str | None:
    for tag in tags:
        found = next(root.iter(tag), None)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return None


# Word 97-2003 (.doc): [MS-CFB], the compound file; [MS-DOC], the text; [MS-OLEPS], the summary's properties.
_COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAST_SECTOR = 0xFFFFFFFA  # sector ids above it mark a chain's end, a free sector, a FAT or DIFAT sector
_WORD_IDENT = 0xA5EC
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
# A paragraph's, a cell's or a row's end, a line or page break: a line's end; a hyphen that does not break, one
# that may; a space that does not break. Other control characters anchor pictures, notes, comments: not text.
_DOC_CHARACTERS = str.maketrans({"\r": "\n", "\x07": "\n", "\x0b": "\n", "\x0c": "\n", "\x1e": "-", "\x1f": "",
                                 "\xa0": " ",
                                 **{chr(c): "" for c in range(0x20) if chr(c) not in "\t\n\r\x07\x0b\x0c"}})


def _read_doc(body: bytes) -> OfficeText:
    """A Word 97-2003 file's main text (paragraphs and table cells one a line; a field shows its result, and a
    HYPERLINK field gives a link), its title, author and creation date; OfficeError if unreadable or encrypted."""
    try:
        compound = _Compound(body, MAX_PART_BYTES)
        word = compound.stream("WordDocument")
        if word is None or len(word) < 0x1AA or struct.unpack_from("<H", word, 0)[0] != _WORD_IDENT:
            raise OfficeError("a compound file with no Word document in it")
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise OfficeError("an encrypted Word document")
        table = compound.stream("1Table" if flags & 0x0200 else "0Table")
        if table is None:
            raise OfficeError("a Word document without its table stream")
        characters = _doc_characters(word, table)
        summary = compound.stream("\x05SummaryInformation")
        title, author, created = _summary(summary) if summary else (None, None, None)
    except (struct.error, UnicodeDecodeError, IndexError) as exc:
        raise OfficeError(f"not a readable doc document ({exc})") from None
    shown, links = _doc_fields(characters)
    lines = shown.translate(_DOC_CHARACTERS).split("\n")
    text = "\n".join(line for line in (re.sub(r"\s+", " ", line).strip() for line in lines) if line)
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    return OfficeText((title or first_line[:300]).strip(), text, author, created,
                      tuple(links + [(address, "") for address in written_addresses(text)]))


def _doc_characters(word: bytes, table: bytes) -> str:
    """A .doc's main text as stored: pieces (the Clx's PlcPcd in the table stream) of one byte a character
    (Windows-1252) or two (UTF-16), in the WordDocument stream, up to the FIB's ccpText characters."""
    length = struct.unpack_from("<i", word, 0x4C)[0]  # FibRgLw97.ccpText
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
            if link := _FIELD_LINK.search("".join(code)):
                links.append((link[1], " ".join(words.translate(_DOC_CHARACTERS).split())))
            (fields[-1][1] if fields and fields[-1][1] is not None else
             fields[-1][0] if fields else shown).append(words)
        elif fields:
            (fields[-1][0] if fields[-1][1] is None else fields[-1][1]).append(part)
        else:
            shown.append(part)
    return "".join(shown), links


def _summary(stream: bytes) -> tuple[str | None, str | None, datetime | None]:
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


class _Compound:
    """A compound file's streams by name: its header, its sector allocation table (FAT, its sectors listed in the
    header and in DIFAT sectors), its directory, and the mini stream that holds its streams under 4 KB."""

    def __init__(self, data: bytes, limit: int):
        if len(data) < 512 or not data.startswith(_COMPOUND):
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

"""Word-processor documents, slides and spreadsheets (OpenDocument .odt, .odp and .ods, Office Open XML .docx, .pptx
and .xlsx; Word 97-2003 .doc through newswatch.documents.worddoc, spreadsheets through newswatch.documents.sheets,
Excel 97-2003 .xls through newswatch.documents.xls, RTF through newswatch.documents.rtf): a small town publishes its
council's minutes as the file its secretary wrote, not always as a PDF. An .odt or .docx is a zip of XML parts (read
with the standard library's zipfile and lxml), the text in paragraphs of the body, the title, author and date in
its metadata part."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from datetime import datetime
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
FIELD_LINK = re.compile(r'HYPERLINK\s+"([^"]+)"')  # a Word field's hyperlink: `HYPERLINK "https://…" \o "…"`
_PARTS = {  # kind -> (body part, metadata part); a .pptx file's body is its slides, one part each
    "odt": ("content.xml", "meta.xml"),
    "odp": ("content.xml", "meta.xml"),
    "docx": ("word/document.xml", "docProps/core.xml"),
    "pptx": ("ppt/presentation.xml", "docProps/core.xml"),
    "ods": ("content.xml", "meta.xml"),
    "xlsx": ("xl/workbook.xml", "docProps/core.xml"),
}
_OOXML_BODIES = (("word/document.xml", "docx"), ("ppt/presentation.xml", "pptx"), ("xl/workbook.xml", "xlsx"))
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
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "application/vnd.oasis.opendocument.spreadsheet",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
                "application/rtf", "text/rtf")
# A compound file's first bytes: a Word 97-2003 file (newswatch.documents.worddoc reads it).
COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An Excel 97-2003 file's stream (newswatch.documents.xls reads it), or an Excel 5.0 or 95 file's (refused there).
_WORKBOOKS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


class OfficeError(ValueError):
    """The bytes are not a word-processor document that can be read."""


class OfficeText(NamedTuple):
    title: str
    text: str  # one paragraph a line
    author: str | None
    created: datetime | None
    links: tuple[tuple[str, str], ...]  # (address, words) of its hyperlinks, then of the addresses it writes out


def office_kind(body: bytes, content_type: str | None = None) -> str | None:
    """"odt", "docx", "doc", "rtf", for slides "odp" and "pptx", for spreadsheets "ods", "xlsx" and "xls", for such
    a file (by its zip signature and its parts' names, its compound file's signature and its WordDocument or Workbook
    stream's name, or RTF's first word, whatever the server says), else None."""
    if body[:16].lstrip().startswith(b"{\\rtf"):  # a Rich Text Format file (newswatch.documents.rtf)
        return "rtf"
    if body.startswith(COMPOUND):  # a Word or Excel 97-2003 file: its directory names its WordDocument stream
        return "doc" if "WordDocument".encode("utf-16-le") in body else "xls" if any(
            name in body for name in _WORKBOOKS) else None
    if not body.startswith(b"PK\x03\x04"):
        return None
    head = body[:4096]
    if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:  # an ODF file's first, stored entry
        return "odt"
    if b"mimetypeapplication/vnd.oasis.opendocument.presentation" in head:
        return "odp"
    if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in head:
        return "ods"
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in OFFICE_TYPES or any(name in head for name in (b"word/", b"ppt/", b"xl/", b"[Content_Types].xml")):
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                names = set(archive.namelist())
        except ZIP_ERRORS:
            return None
        return next((kind for name, kind in _OOXML_BODIES if name in names), None)
    return None


def read_office(body: bytes, kind: str | None = None) -> OfficeText:
    """The title, text, author, creation date and web links of an .odt, .docx, .doc, .rtf, .odp, .pptx, .ods, .xlsx
    or .xls file (`kind`, when its caller has told it by `office_kind` already); OfficeError if unreadable. Slides are
    read in their order, one paragraph a line: a public meeting's presentation of the project; spreadsheets sheet
    after sheet, one row a line (newswatch.documents.sheets)."""
    kind = kind or office_kind(body)
    if kind is None:
        raise OfficeError("not an office document (OpenDocument, Word, PowerPoint or Excel)")
    if kind == "doc":  # rare: its reader loads with the first one (and imports this module's types)
        from newswatch.documents.worddoc import read_doc

        return read_doc(body)
    if kind == "xls":
        from newswatch.documents.xls import read_xls

        return read_xls(body)
    if kind == "rtf":
        from newswatch.documents.rtf import read_rtf

        return read_rtf(body)
    content, meta = _PARTS[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            if kind == "pptx":
                text, links = _slides(archive)
            elif kind in ("ods", "xlsx"):  # rare: their reader loads with the first one
                from newswatch.documents.sheets import read_sheets

                text, links = read_sheets(archive, kind)
            else:
                root = xml_part(archive, content)
                text = _paragraphs(root, kind)
                links = _hyperlinks(root, kind, archive)
                if kind == "docx":  # its footnotes and endnotes, after its body, as an .odt's are lines of their own
                    notes = (xml_part(archive, name, required=False) for name in _DOCX_NOTES)
                    text = "\n".join(filter(None, [text, *(_paragraphs(note, kind) for note in notes
                                                           if note is not None)]))
            info = xml_part(archive, meta, required=False)
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
    return office_text(title, text, author, created, links)


def office_text(title: str | None, text: str, author: str | None, created: datetime | None,
                links: list[tuple[str, str]]) -> OfficeText:
    """A document's `OfficeText`: untitled, titled by its first line; its links followed by the addresses its text
    writes out."""
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    return OfficeText((title or first_line[:300]).strip(), text, author, created,
                      tuple(links + [(address, "") for address in written_addresses(text)]))


def _slides(archive: zipfile.ZipFile) -> tuple[str, list[tuple[str, str]]]:
    """A .pptx file's slides (MAX_SLIDES at most), in their numbers' order: their paragraphs, one a line, and
    their hyperlinks (address, words), each run's address in its slide's relations part."""
    numbered = sorted((int(found[1]), name) for name in archive.namelist() if (found := _SLIDE.fullmatch(name)))
    lines, links = [], []
    for _, name in numbered[:MAX_SLIDES]:
        slide = xml_part(archive, name)
        targets = external_targets(archive, name.replace("slides/", "slides/_rels/") + ".rels")
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
        return [(anchor.get(_XLINK, ""), " ".join(odf_text(anchor).split())) for anchor in root.iter(f"{_TEXT}a")]
    targets = external_targets(archive, _RELATIONS)
    found = []
    for element in root.iter(f"{_W}hyperlink", f"{_W}instrText", f"{_W}fldSimple"):
        if element.tag == f"{_W}hyperlink":
            if (address := targets.get(element.get(_RELATION))) is not None:
                found.append((address, " ".join("".join(t.text or "" for t in element.iter(f"{_W}t")).split())))
        elif field := FIELD_LINK.search(element.text or element.get(f"{_W}instr") or ""):
            found.append((field[1], ""))
    return found


def external_targets(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """A relations part's web addresses (TargetMode External), by relation id; {} when the file has no such part."""
    relations = xml_part(archive, name, required=False)
    return {} if relations is None else {relation.get("Id"): relation.get("Target", "") for relation in relations
                                         if relation.get("TargetMode") == "External"}


def xml_part(archive: zipfile.ZipFile, name: str, required: bool = True):
    try:
        info = part_info(archive, name)
    except KeyError:
        if required:
            raise
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(archive.read(info), parser)


def part_info(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    """A part's entry in the zip (KeyError if it has none); OfficeError if it inflates past MAX_PART_BYTES."""
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise OfficeError(f"its part {name} inflates to {info.file_size:,} bytes")
    return info


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
            lines.append(odf_text(paragraph))
    return "\n".join(line for line in (re.sub(r"\s+", " ", line).strip() for line in lines) if line)


def odf_text(element) -> str:
    """An ODF paragraph's text: its spans' words, <text:s/> a space, <text:tab/> and <text:line-break/> too."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in (f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"):
            parts.append(" ")
        elif child.tag != f"{_TEXT}note":  # a footnote's paragraphs are lines of their own
            parts.append(odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _first(root, *tags: str) -> str | None:
    for tag in tags:
        found = next(root.iter(tag), None)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return None

"""Word-processor documents (OpenDocument text .odt, Office Open XML .docx): a small town publishes its council's
minutes as the file its secretary wrote, not always as a PDF. Read with the standard library's zipfile and lxml:
each is a zip of XML parts, the text in paragraphs of the body, the title, author and date in its metadata part."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import NamedTuple

from lxml import etree

from newswatch.dates import parse_w3c_date
from newswatch.urls import written_addresses

MAX_PART_BYTES = 64 * 2**20  # a document's XML part inflated past this is no council's minutes (a zip bomb)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_ANNOTATION = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELATIONS = "word/_rels/document.xml.rels"
_FIELD_LINK = re.compile(r'HYPERLINK\s+"([^"]+)"')  # a Word field's hyperlink: `HYPERLINK "https://…" \o "…"`
_PARTS = {  # kind -> (body part, metadata part)
    "odt": ("content.xml", "meta.xml"),
    "docx": ("word/document.xml", "docProps/core.xml"),
}
OFFICE_TYPES = ("application/vnd.oasis.opendocument.text",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


class OfficeError(ValueError):
    """The bytes are not a word-processor document that can be read."""


class OfficeText(NamedTuple):
    title: str
    text: str  # one paragraph a line
    author: str | None
    created: datetime | None
    links: tuple[tuple[str, str], ...]  # (address, words) of its hyperlinks, then of the addresses it writes out


def office_kind(body: bytes, content_type: str | None = None) -> str | None:
    """"odt" or "docx" for such a file (by its zip signature and its parts' names, whatever the server says), else
    None."""
    if not body.startswith(b"PK\x03\x04"):
        return None
    head = body[:4096]
    if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:  # an ODF file's first, stored entry
        return "odt"
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared == OFFICE_TYPES[1] or b"word/" in head or b"[Content_Types].xml" in head:
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            return None
    return None


def read_office(body: bytes, kind: str | None = None) -> OfficeText:
    """The title, text, author, creation date and web links of an .odt or .docx file (`kind`, when its caller has
    told it by `office_kind` already); OfficeError if unreadable."""
    kind = kind or office_kind(body)
    if kind is None:
        raise OfficeError("not an OpenDocument or Word document")
    content, meta = _PARTS[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            root = _part(archive, content)
            text = _paragraphs(root, kind)
            links = _hyperlinks(root, kind, archive)
            info = _part(archive, meta, required=False)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, EOFError, OSError) as exc:
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


def _hyperlinks(root, kind: str, archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(address, words) of a document's hyperlinks, in order: an ODF <text:a>'s; a Word <w:hyperlink>'s (its
    address in the relations part) and a HYPERLINK field's."""
    if kind == "odt":
        return [(anchor.get(_XLINK, ""), " ".join(_odf_text(anchor).split())) for anchor in root.iter(f"{_TEXT}a")]
    relations = _part(archive, _RELATIONS, required=False)
    targets = {} if relations is None else {
        relation.get("Id"): relation.get("Target", "") for relation in relations
        if relation.get("TargetMode") == "External"}
    found = []
    for element in root.iter(f"{_W}hyperlink", f"{_W}instrText", f"{_W}fldSimple"):
        if element.tag == f"{_W}hyperlink":
            if (address := targets.get(element.get(_RELATION))) is not None:
                found.append((address, " ".join("".join(t.text or "" for t in element.iter(f"{_W}t")).split())))
        elif field := _FIELD_LINK.search(element.text or element.get(f"{_W}instr") or ""):
            found.append((field[1], ""))
    return found


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
            words = []
            for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
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

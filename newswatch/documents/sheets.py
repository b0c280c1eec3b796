"""Spreadsheets (OpenDocument .ods, Office Open XML .xlsx): a town's table of its council's deliberations, where the
one on Sesterce's building permit is a row; a prefecture's list of the installations under inquiry. France's
interoperability rules (the RGI) ask administrations for OpenDocument, so such tables are often .ods files.

Read sheet after sheet in the workbook's order: its name a line (unless it is a spreadsheet program's default
name, "Feuille1", "Sheet1": the first line is the title of a file without one), then each row that holds words as
one line, its cells' texts joined by CELL_SEPARATOR (an empty cell left out). A row or cell written once and
repeated (an .ods file repeats its last empty row to the sheet's end: a million times) is read once: a copy adds
no word."""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

from newswatch.documents.office import OfficeError, external_targets, odf_text, part_info, xml_part

MAX_SHEETS = 50
MAX_ROWS = 20_000  # rows with words, in all the sheets: a register of measurements may run past 100,000
CELL_SEPARATOR = " | "
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_RELATION_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_STRICT_RELATION_ID = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"  # an .xlsx saved as "Strict"
_BLANKS = re.compile(r"\s+")
_DEFAULT_NAME = re.compile(r"(?:feuille|sheet|tabelle|hoja|foglio|blad|planilha)\s*\d*", re.IGNORECASE)


def read_sheets(archive: zipfile.ZipFile, kind: str) -> tuple[str, list[tuple[str, str]]]:
    """An .ods or .xlsx file's text (sheet names and rows, one a line) and its hyperlinks (address, words). Its parts
    are read as a stream, a row at a time, up to MAX_ROWS rows with words: a sheet of a million rows is not held
    whole in memory, nor read past them."""
    lines, links = _lines(_ods_rows(archive) if kind == "ods" else _xlsx_rows(archive))
    return "\n".join(lines), links


def sheet_lines(sheets) -> list[str]:
    """The lines of (name, rows) sheets, each row its cells' texts, as `read_sheets` reads a file's (an Excel
    97-2003 workbook's: newswatch.documents.xls)."""
    def events():
        for name, rows in sheets:
            yield "sheet", name, []
            yield from (("row", _line(cells), []) for cells in rows)

    return _lines(events())[0]


def _lines(events) -> tuple[list[str], list[tuple[str, str]]]:
    """The lines and links of ("sheet", name, links) and ("row", line, links) events, up to MAX_ROWS rows with
    words: a sheet's name before its first such row, unless it is a default name."""
    lines, links, rows, name = [], [], 0, None
    for kind_of, value, found in events:
        links += found
        if kind_of == "sheet":
            name = value.strip()
        elif value:
            if name and not _DEFAULT_NAME.fullmatch(name):
                lines.append(name)
            name = None
            lines.append(value)
            rows += 1
            if rows >= MAX_ROWS:
                break
    return lines, links


def _line(cells) -> str:
    """A row's line: its cells' texts, blanks made single spaces, the empty ones left out."""
    return CELL_SEPARATOR.join(text for text in (_BLANKS.sub(" ", cell).strip() for cell in cells) if text)


def _stream(archive: zipfile.ZipFile, name: str, tags: tuple[str, ...]):
    """(event, element) of a part's elements with these tags, read as a stream ("start" and "end"): the caller
    reads an element at its end, after which it and what came before it are freed."""
    with archive.open(part_info(archive, name)) as stream:
        for event, element in etree.iterparse(stream, events=("start", "end"), tag=tags, resolve_entities=False,
                                              no_network=True, huge_tree=False):
            yield event, element
            if event == "end" and element.tag != tags[0]:  # a row (or a hyperlink) read: free it and its elders
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]


def _ods_rows(archive: zipfile.ZipFile):
    """("sheet", name, []) at each table of an .ods file's body (MAX_SHEETS at most), then ("row", line, links)
    for each of its rows. A cell's paragraphs are joined by a space; its comment (office:annotation) is a
    reviewer's, not the table's, and is left out."""
    sheets = 0
    for event, element in _stream(archive, "content.xml", (f"{_TABLE}table", f"{_TABLE}table-row")):
        if element.tag == f"{_TABLE}table":
            if event == "start":
                sheets += 1
                if sheets > MAX_SHEETS:
                    return
                yield "sheet", element.get(f"{_TABLE}name", ""), []
            continue
        if event == "end":
            cells, links = [], []
            for cell in element.iterchildren(f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                paragraphs = [odf_text(p) for p in cell.iter(f"{_TEXT}p", f"{_TEXT}h")
                              if not any(up.tag == f"{_OFFICE}annotation" for up in p.iterancestors())]
                cells.append(" ".join(paragraphs))
                links += [(a.get(_XLINK, ""), " ".join(odf_text(a).split())) for a in cell.iter(f"{_TEXT}a")]
            yield "row", _line(cells), links


def _xlsx_rows(archive: zipfile.ZipFile):
    """("sheet", name, []) at each worksheet an .xlsx workbook lists, in its order (MAX_SHEETS at most), then
    ("row", line, links) for each of its rows: a cell's text is its shared string, its inline string, else its
    value as written (a number, a formula's result). Its hyperlinks, written after its rows, come with an empty
    last row."""
    workbook = xml_part(archive, "xl/workbook.xml")
    targets = {relation.get("Id"): relation.get("Target", "")
               for relation in _relations(archive, "xl/_rels/workbook.xml.rels")}
    shared, names = _shared_strings(archive), set(archive.namelist())
    for sheet in list(workbook.iter("{*}sheet"))[:MAX_SHEETS]:
        target = targets.get(sheet.get(_RELATION_ID) or sheet.get(_STRICT_RELATION_ID))
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if path not in names:
            continue
        yield "sheet", sheet.get("name", ""), []
        addresses = external_targets(archive, posixpath.join(posixpath.dirname(path), "_rels",
                                                             posixpath.basename(path) + ".rels"))
        texts, links = {}, []
        for event, element in _stream(archive, path, ("{*}worksheet", "{*}row", "{*}hyperlink")):
            if event != "end" or element.tag.endswith("}worksheet"):
                continue
            if element.tag.endswith("}hyperlink"):
                key = element.get(_RELATION_ID) or element.get(_STRICT_RELATION_ID)
                if key in addresses:
                    links.append((addresses[key], " ".join(texts.get(element.get("ref"), "").split())))
                continue
            cells = []
            for cell in element.iterchildren("{*}c"):
                cells.append(text := _cell_text(cell, shared))
                if addresses and text:  # the words of a cell a hyperlink may name
                    texts[cell.get("r")] = text
            yield "row", _line(cells), []
        yield "row", "", links


def _relations(archive: zipfile.ZipFile, name: str):
    relations = xml_part(archive, name, required=False)
    if relations is None:
        raise OfficeError(f"a workbook without its relations part ({name})")
    return relations


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The workbook's shared strings, in order: each one's runs joined (a phonetic guide, <rPh>, left out)."""
    strings = xml_part(archive, "xl/sharedStrings.xml", required=False)
    if strings is None:
        return []
    return ["".join(t.text or "" for t in item.iter("{*}t") if t.getparent().tag.rsplit("}", 1)[-1] != "rPh")
            for item in strings.iterchildren("{*}si")]


def _cell_text(cell, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter("{*}t"))
    value = next(cell.iterchildren("{*}v"), None)
    if value is None or value.text is None:
        return ""
    if kind == "s":
        try:
            return shared[int(value.text)]
        except (ValueError, IndexError):  # an index no shared string has: the cell is unreadable, not the file
            return ""
    return value.text

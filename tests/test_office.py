"""Word-processor documents (.odt, .docx, .doc), slides (.pptx, .odp) and spreadsheets (.ods, .xlsx) read as a town's
minutes are: text, title, author, date; hostile ones refused with a reason."""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from datetime import UTC, datetime
from html import escape

import pytest

from crawler.citations import document_cited
from newswatch.documents.office import MAX_PART_BYTES, OfficeError, office_kind, read_office
from newswatch.documents.pdftext import PdfError
from newswatch.documents.reading import extract_document
from newswatch.documents.sheets import MAX_ROWS
from tests.worddoc import compound, excel97, word97

MINUTES = ["Compte rendu du conseil municipal du 12 novembre 2026",
           "Le conseil a pris connaissance de la demande d'enregistrement déposée par la société Sesterce pour son "
           "centre de données de l'ancien bâtiment Ecotox, au parc de Rovaltain.",
           "Après en avoir délibéré, il émet un avis réservé et demande une étude sur l'eau."]


def odt(paragraphs: list[str], title: str | None = "PV du conseil", created: str = "2026-11-13T09:30:00") -> bytes:
    """An OpenDocument text file (our own minimal one): a heading, then paragraphs, one with a span and <text:s/>."""
    head, *rest = paragraphs
    body = "".join(f"<text:p>{p.replace(' de ', ' de<text:s/>', 1)}</text:p>" if n == 0 else
                   f"<text:p><text:span>{p}</text:span></text:p>" for n, p in enumerate(rest))
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink">'
               '<office:body><office:text>'
               f'<text:h text:outline-level="1">{head}</text:h>{body}</office:text></office:body>'
               "</office:document-content>")
    meta = ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<office:meta>{f'<dc:title>{title}</dc:title>' if title else ''}"
            f"<meta:initial-creator>Secrétariat de mairie</meta:initial-creator>"
            f"<meta:creation-date>{created}</meta:creation-date></office:meta></office:document-meta>")
    return odf_file("text", content, meta)


def odf_file(kind: str, content: str, meta: str | None = None) -> bytes:
    """An OpenDocument zip: its mimetype entry (stored, first, as the format asks), content.xml, maybe meta.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        if meta is not None:
            archive.writestr("meta.xml", meta, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def core_properties(title: str | None, creator: str, created: str) -> str:
    """An Office Open XML file's metadata part (docProps/core.xml): its title, author and creation date."""
    return ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/">'
            f"{f'<dc:title>{title}</dc:title>' if title else ''}<dc:creator>{creator}</dc:creator>"
            f"<dcterms:created>{created}</dcterms:created></cp:coreProperties>")


def docx(paragraphs: list[str], title: str | None = None, more: str = "", relations: str = "",
         parts: dict[str, str] | None = None) -> bytes:
    """An Office Open XML document (our own minimal one): each paragraph split over two runs, a tab in the first;
    `more`, paragraphs as Word writes them, `relations`, the body's relations (<Relationship> elements), and
    `parts`, more parts by name (their XML)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p[:len(p) // 2]}</w:t></w:r>'
                   f"<w:r><w:t>{p[len(p) // 2:]}</w:t></w:r></w:p>" for p in paragraphs) + more
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}" xmlns:r="http://schemas.'
                f'openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}</w:body></w:document>')
    core = core_properties(title, "Mairie", "2026-11-14T08:00:00Z")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document)
        archive.writestr("docProps/core.xml", core)
        for name, xml in (parts or {}).items():
            archive.writestr(name, xml)
        if relations:
            archive.writestr("word/_rels/document.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://'
                             f'schemas.openxmlformats.org/package/2006/relationships">{relations}</Relationships>')
    return out.getvalue()


SLIDES = [["Réunion publique du 12 mars", "Projet de centre de données, parc de Rovaltain"],
          ["Le projet de Sesterce", "40 000 GPU dans l'ancien bâtiment Ecotox", "Mise en service par tranches"],
          ["L'eau et l'énergie", "Refroidissement en circuit fermé"]]
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def web_link(relation: str, address: str) -> str:
    """A part's relations (its .rels part) holding one hyperlink to a web address."""
    return ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="{relation}" Type="{_RELATIONS}/hyperlink" Target="{address}" TargetMode="External"/>'
            "</Relationships>")


def pptx(slides: list[list[str]], title: str | None = None, links: dict[int, tuple[str, str]] | None = None,
         numbers: list[int] | None = None) -> bytes:
    """A PresentationML file (our own minimal one, ECMA-376): each slide a shape of paragraphs, each paragraph two
    runs; `links`, a hyperlink run (address, words) on a slide by its index; `numbers`, the slides' part numbers."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("ppt/presentation.xml", f'<?xml version="1.0"?><p:presentation xmlns:p="{_P}"/>')
        for index, (number, lines) in enumerate(zip(numbers or range(1, len(slides) + 1), slides)):
            paragraphs = "".join(f'<a:p><a:r><a:t>{line[:len(line) // 2]}</a:t></a:r><a:r><a:rPr lang="fr-FR"/>'
                                 f"<a:t>{line[len(line) // 2:]}</a:t></a:r></a:p>" for line in lines)
            if links and index in links:
                paragraphs += (f'<a:p><a:r><a:rPr><a:hlinkClick r:id="rId7"/></a:rPr><a:t>{links[index][1]}</a:t>'
                               "</a:r></a:p>")
                archive.writestr(f"ppt/slides/_rels/slide{number}.xml.rels", web_link("rId7", links[index][0]))
            archive.writestr(f"ppt/slides/slide{number}.xml", (
                f'<?xml version="1.0"?><p:sld xmlns:p="{_P}" xmlns:a="{_DRAWING}" xmlns:r="{_RELATIONS}"><p:cSld>'
                f"<p:spTree><p:sp><p:txBody><a:bodyPr/>{paragraphs}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"))
        archive.writestr("docProps/core.xml", core_properties(title, "Sesterce", "2026-03-10T17:00:00Z"))
    return out.getvalue()


def odp(slides: list[list[str]]) -> bytes:
    """An OpenDocument presentation (our own minimal one): each slide a page with a text frame of paragraphs."""
    pages = "".join('<draw:page><draw:frame><draw:text-box>' + "".join(f"<text:p>{line}</text:p>" for line in lines)
                    + "</draw:text-box></draw:frame></draw:page>" for lines in slides)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               f"<office:body><office:presentation>{pages}</office:presentation></office:body>"
               "</office:document-content>")
    return odf_file("presentation", content)


DELIBERATIONS = [("Délibérations 2026", [
    ["N°", "Date", "Objet", "Vote"],
    ["2026-041", "12/11/2026", "Avis sur la demande d'enregistrement du centre de données de la société Sesterce "
     "(ancien bâtiment Ecotox, parc de Rovaltain)", "Avis réservé"],
    ["2026-042", "12/11/2026", "Tarifs de la cantine scolaire", 19]]),
    ("Feuille2", [["Annexe", None, "Étude sur l'eau demandée à l'exploitant"]])]
DELIBERATION_LINES = ["Délibérations 2026", "N° | Date | Objet | Vote",
                      "2026-041 | 12/11/2026 | " + DELIBERATIONS[0][1][1][2] + " | Avis réservé",
                      "2026-042 | 12/11/2026 | Tarifs de la cantine scolaire | 19",
                      "Annexe | Étude sur l'eau demandée à l'exploitant"]
_SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def ods(sheets, title: str | None = None, link: tuple[str, str] | None = None) -> bytes:
    """An OpenDocument spreadsheet (our own minimal one) of (name, rows) tables, a row a list of cells (None: empty,
    a number: a float cell): each text cell's words split over two paragraphs, with a comment; empty cells written as
    one repeated cell, and each table ending with an empty row repeated to the sheet's end, as LibreOffice does;
    `link`, a hyperlink cell (address, words) after the first table's rows."""
    def cell(value) -> str:
        if value is None:
            return '<table:table-cell table:number-columns-repeated="3"/>'
        if isinstance(value, int):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p>' \
                   "</table:table-cell>"
        head, _, tail = value.partition(" ")
        return (f'<table:table-cell office:value-type="string"><office:annotation><text:p>Vu par le secrétariat'
                f"</text:p></office:annotation><text:p>{escape(head)}</text:p><text:p>{escape(tail)}</text:p>"
                "</table:table-cell>")

    tables = []
    for number, (name, rows) in enumerate(sheets):
        body = "".join("<table:table-row>" + "".join(map(cell, row)) + "</table:table-row>" for row in rows)
        if link and number == 0:
            body += (f'<table:table-row><table:table-cell><text:p><text:a xlink:href="{escape(link[0])}">'
                     f"{escape(link[1])}</text:a></text:p></table:table-cell></table:table-row>")
        body += ('<table:table-row table:number-rows-repeated="1048571"><table:table-cell '
                 'table:number-columns-repeated="1024"/></table:table-row>')
        tables.append(f'<table:table table:name="{escape(name)}">{body}</table:table>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink">'
               f'<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body>'
               "</office:document-content>")
    meta = ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<office:meta>{f'<dc:title>{title}</dc:title>' if title else ''}"
            "<meta:creation-date>2026-11-13T10:00:00</meta:creation-date></office:meta></office:document-meta>")
    return odf_file("spreadsheet", content, meta)


def xlsx(sheets, title: str | None = None, link: tuple[str, str] | None = None) -> bytes:
    """A SpreadsheetML workbook (our own minimal one, ECMA-376) of (name, rows) sheets, a row a list of cells (None:
    empty, a number: a value): text cells as shared strings, each split over two runs with a phonetic guide, except
    each row's last, an inline string; the sheets' parts numbered backwards (their order is the workbook's, not
    their names'); `link`, a hyperlink (address, words) on a cell after the first sheet's rows."""
    strings: list[str] = []

    def cell(reference: str, value) -> str:
        if value is None:
            return ""
        if isinstance(value, int):
            return f'<c r="{reference}"><v>{value}</v></c>'
        if reference.startswith("D") or link and value == link[1]:
            return f'<c r="{reference}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
        strings.append(value)
        return f'<c r="{reference}" t="s"><v>{len(strings) - 1}</v></c>'

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        listed, relations = [], []
        for number, (name, rows) in enumerate(sheets):
            part = len(sheets) - number
            if link and number == 0:
                rows = [*rows, [link[1]]]
            data = "".join(f'<row r="{r}">' + "".join(cell(f"{'ABCD'[c]}{r}", v) for c, v in enumerate(row))
                           + "</row>" for r, row in enumerate(rows, 1))
            links = ""
            if link and number == 0:
                links = f'<hyperlinks><hyperlink ref="A{len(rows)}" r:id="rId3"/></hyperlinks>'
                archive.writestr(f"xl/worksheets/_rels/sheet{part}.xml.rels", web_link("rId3", escape(link[0])))
            archive.writestr(f"xl/worksheets/sheet{part}.xml", (
                f'<?xml version="1.0"?><worksheet xmlns="{_SHEET}" xmlns:r="{_RELATIONS}"><sheetData>{data}'
                f"</sheetData>{links}</worksheet>"))
            listed.append(f'<sheet name="{escape(name)}" sheetId="{number + 1}" r:id="rId{number + 10}"/>')
            relations.append(f'<Relationship Id="rId{number + 10}" Type="{_RELATIONS}/worksheet" '
                             f'Target="worksheets/sheet{part}.xml"/>')
        archive.writestr("xl/workbook.xml", (f'<?xml version="1.0"?><workbook xmlns="{_SHEET}" '
                                             f'xmlns:r="{_RELATIONS}"><sheets>{"".join(listed)}</sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{"".join(relations)}</Relationships>'))
        shared = "".join(f"<si><r><t>{escape(v[:len(v) // 2])}</t></r><r><t>{escape(v[len(v) // 2:])}</t></r>"
                         "<rPh><t>ふりがな</t></rPh></si>" for v in strings)
        archive.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="{_SHEET}">{shared}</sst>')
        archive.writestr("docProps/core.xml", core_properties(title, "Mairie", "2026-11-13T10:00:00Z"))
    return out.getvalue()


def test_a_presentation_reads_as_its_slides_lines_in_their_order():
    """A public meeting's slides, as .pptx or .odp: they were `not_html`, and the project they present lost. Their
    paragraphs are read one a line, slide after slide in their numbers' order (slide10 after slide9, not after
    slide1); a .pptx's hyperlinks and written addresses are its links; its title is its metadata's, else its
    first line."""
    lines = [line for slide in SLIDES for line in slide]
    title, text, author, created, links = read_office(pptx(SLIDES, links={1: (
        "https://www.registre-dematerialise.fr/4821", "le registre")}))
    assert text.split("\n") == [*SLIDES[0], *SLIDES[1], "le registre", *SLIDES[2]]
    assert (title, author, created) == (SLIDES[0][0], "Sesterce", datetime(2026, 3, 10, 17, tzinfo=UTC))
    assert links == (("https://www.registre-dematerialise.fr/4821", "le registre"),)
    many = [[f"Diapositive {n}"] for n in range(1, 12)]
    assert read_office(pptx(many, title="Réunion")).text.split("\n") == [line for [line] in many]
    assert read_office(odp(SLIDES)).text.split("\n") == lines
    assert office_kind(pptx(SLIDES), "application/octet-stream") == "pptx" and office_kind(odp(SLIDES)) == "odp"
    extracted, missing = extract_document(pptx(SLIDES), "https://mairie.example/reunion-publique.pptx")
    assert missing is None and "Le projet de Sesterce" in extracted.text and extracted.language == "fr"


@pytest.mark.parametrize("kind", ["ods", "xlsx"])
def test_a_spreadsheet_reads_as_its_rows_sheet_after_sheet(kind):
    """A town's table of its council's deliberations, as .ods (what France's interoperability rules ask of it) or
    .xlsx: it was `not_html`, and the deliberation on Sesterce's data center, one row, lost. Each sheet is read in
    the workbook's order, its name a line (not a default name such as "Feuille2"), each row with words a line of
    its cells (empty ones left out, a cell's paragraphs or runs joined, a comment or a phonetic guide not read, a
    repeated empty row read once, not a million times); its hyperlinks are its links; untitled, its first line is
    its title."""
    write = {"ods": ods, "xlsx": xlsx}[kind]
    register = ("https://www.registre-dematerialise.fr/4821", "Registre de l'enquête")
    title, text, author, created, links = read_office(write(DELIBERATIONS, link=register))
    assert text.split("\n") == [*DELIBERATION_LINES[:4], register[1], DELIBERATION_LINES[4]]
    assert title == "Délibérations 2026" and created == datetime(2026, 11, 13, 10, tzinfo=UTC)
    assert links == (register,)
    named = "Registre des délibérations"
    assert read_office(write(DELIBERATIONS, title=named)).title == named
    assert office_kind(write(DELIBERATIONS), "application/octet-stream") == kind
    extracted, missing = extract_document(write(DELIBERATIONS), f"https://mairie.example/deliberations.{kind}")
    assert missing is None and extracted.text.split("\n") == DELIBERATION_LINES and extracted.language == "fr"
    many = [(f"Sheet{n}", [[f"ligne {n}.{r}"] for r in range(9000)]) for n in range(1, 4)]  # rows past MAX_ROWS
    assert read_office(write(many)).text.split("\n") == [f"ligne {n}.{r}" for n in range(1, 4) for r in range(9000)
                                                          ][:MAX_ROWS]


def test_an_excel_97_workbook_reads_as_its_rows_sheet_after_sheet():
    """The same table saved as an Excel 97-2003 file (.xls), as many a town hall still does: it was `not_html`
    (a compound file that is no Word document). Its sheets are read as an .ods file's are, from its BIFF8 records:
    shared strings (their table running on over several records, a string cut by a record's end, in UTF-16 then
    Latin-1), a formula's text result, numbers (RK, MULRK, NUMBER); its title from its summary, else its first
    line. An encrypted workbook and an Excel 95 one are refused with the reason."""
    title, text, _, created, _ = read_office(excel97(DELIBERATIONS, title="Registre des délibérations"))
    assert text.split("\n") == DELIBERATION_LINES and title == "Registre des délibérations"
    assert created == datetime(2026, 11, 13, 10, tzinfo=UTC)
    body = excel97(DELIBERATIONS)
    assert office_kind(body, "application/octet-stream") == "xls" and read_office(body).title == "Délibérations 2026"
    extracted, missing = extract_document(body, "https://mairie.example/deliberations.xls")
    assert missing is None and extracted.text.split("\n") == DELIBERATION_LINES
    many = [[f"2026-{n:03d}", f"Délibération n° {n} : l’avis du conseil sur le dossier {n}" if n % 3 else
             f"Délibération n° {n} : avis du conseil sur le dossier {n}", n, n + 1, 2.5] for n in range(3000)]
    read = read_office(excel97([("Registre", many)])).text.split("\n")
    assert read == ["Registre", *(f"{a} | {b} | {c} | {d} | 2.5" for a, b, c, d, _ in many)]
    with pytest.raises(OfficeError, match="encrypted Excel workbook"):
        read_office(excel97(DELIBERATIONS, encrypted=True))
    with pytest.raises(OfficeError, match="Excel 5.0 or 95"):
        read_office(compound({"Book": b"\x09\x08\x08\x00\x00\x05\x05\x00\x00\x00\x00\x00"}))


def test_a_spreadsheet_is_read_as_a_stream_up_to_its_row_limit():
    """A sheet of a register of measurements runs past 100,000 rows: it is read a row at a time and no further than
    MAX_ROWS rows with words, so neither its whole tree is held in memory nor its end read: here its XML is cut
    off further on (read whole, the file was refused), and the rows before are read."""
    rows = [[f"relevé {r}", r] for r in range(MAX_ROWS + 500)]
    for write, part, row in ((ods, "content.xml", b"<table:table-row>"), (xlsx, "xl/worksheets/sheet1.xml", b"<row ")):
        with zipfile.ZipFile(io.BytesIO(write([("Relevés", rows)]))) as whole:
            cut = io.BytesIO()
            with zipfile.ZipFile(cut, "w") as archive:
                for info in whole.infolist():
                    data = whole.read(info)
                    if info.filename == part:  # cut in the middle of row MAX_ROWS + 100
                        data = data[:[m.start() for m in re.finditer(re.escape(row), data)][MAX_ROWS + 100] + 9]
                    archive.writestr(info, data)
        lines = read_office(cut.getvalue()).text.split("\n")
        assert lines == ["Relevés", *(f"relevé {r} | {r}" for r in range(MAX_ROWS))], write.__name__



def rtf(paragraphs: list[str], title: str | None = "Arrêté n° 2026-112",
        link: str | None = "https://www.registre-dematerialise.fr/4821") -> bytes:
    """An RTF file (our own, as a word processor writes one): font and colour tables, an \\info group (title,
    author, creation time), a page header, then the paragraphs, each character beyond ASCII written as a byte of
    Windows-1252 in hex (\\'e9) or, beyond that code page, as \\uN with a stand-in; then a table row, a field that
    links the register (`link`), a picture in hex and one in binary, and a destination marked ignorable."""
    def escaped(text: str) -> str:
        out = []
        for character in text:
            if ord(character) < 128:
                out.append("\\" + character if character in "\\{}" else character)
            else:
                try:
                    out.append("".join(f"\\'{byte:02x}" for byte in character.encode("cp1252")))
                except UnicodeEncodeError:
                    out.append("".join(f"\\u{unit if unit < 32768 else unit - 65536}?" for unit in
                                       struct.unpack(f"<{len(character.encode('utf-16-le')) // 2}H",
                                                     character.encode("utf-16-le"))))
        return "".join(out)

    info = (f"{{\\title {escaped(title)}}}" if title else "") + "{\\author Pr\\'e9fecture de la Dr\\'f4me}"
    body = "".join(f"\\pard\\plain\\f0\\fs24 {escaped(p)}\\par\n" for p in paragraphs)
    head = ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}\n"
            "{\\colortbl;\\red0\\green0\\blue0;}\n{\\*\\generator Traitement de texte 7.2;}\n"
            f"{{\\info{info}{{\\creatim\\yr2026\\mo11\\dy13\\hr10\\min5}}{{\\doccomm Sesterce brouillon}}}}\n"
            "{\\header \\pard Pr\\'e9fecture de la Dr\\'f4me - page \\chpgn\\par}\n")
    tail = ("\\trowd\\cellx3000\\cellx6000 \\intbl Parcelle ZA 12\\cell \\intbl Alixan\\cell \\row\n"
            + (f"{{\\field{{\\*\\fldinst {{HYPERLINK \"{link}\"}}}}{{\\fldrslt {{\\ul registre}}}}}}\\par\n" if link
               else "registre\\par\n")
            + "{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a0000000d49484452}\n"
            "{\\*\\shppict{\\pict\\bin4 }}}x}}{\\*\\bkmkstart annexe}{\\*\\unknown Sesterce brouillon}Fin\\par\n}")
    return (head + body + tail).encode("ascii")


def test_an_rtf_file_reads_as_its_paragraphs_with_its_metadata():
    """An order saved as RTF (what a word processor writes for any other to open): it was `not_html`, its words
    lost. Its paragraphs are read one a line (Windows-1252 bytes in hex, Unicode escapes and their stand-ins, a
    table's cells), its title, author and date from its \\info group, a field's hyperlink as a link; its page
    header, pictures (in hex, in binary), comments and ignorable destinations are not its text. A file cut short
    is read up to its cut."""
    paragraphs = ["Arrêté portant enregistrement du centre de données de la société Sesterce",
                  "Parc de Rovaltain, commune d’Alixan : 40 000 GPU, soit 12 MW — voir l’annexe 🙂"]
    title, text, author, created, links = read_office(rtf(paragraphs))
    assert text.split("\n") == [*paragraphs, "Parcelle ZA 12 | Alixan", "registre", "Fin"]
    assert (title, author, created) == ("Arrêté n° 2026-112", "Préfecture de la Drôme",
                                        datetime(2026, 11, 13, 10, 5, tzinfo=UTC))
    assert links == (("https://www.registre-dematerialise.fr/4821", ""),)
    assert office_kind(rtf(paragraphs), "application/octet-stream") == "rtf"
    assert read_office(rtf(paragraphs, title=None)).title == paragraphs[0]
    cut = rtf(paragraphs)
    assert read_office(cut[:cut.index(b"Parc de")]).text.split("\n") == paragraphs[:1]
    extracted, missing = extract_document(rtf(paragraphs), "https://www.drome.gouv.fr/arrete-2026-112.rtf")
    assert missing is None and "Sesterce" in extracted.text and extracted.language == "fr"
    with pytest.raises(OfficeError, match="nested more than"):
        read_office(b"{\\rtf1 " + b"{" * 5000 + b"x" + b"}" * 5000 + b"}")


def test_an_odt_file_reads_as_its_paragraphs_with_its_metadata():
    title, text, author, created, _ = read_office(odt(MINUTES))
    assert title == "PV du conseil" and author == "Secrétariat de mairie"
    assert created == datetime(2026, 11, 13, 9, 30, tzinfo=UTC)
    assert text.split("\n") == MINUTES  # <text:s/> is a space, a span is its words


def test_a_docx_file_reads_as_its_paragraphs_and_is_titled_by_its_first_line_when_untitled():
    title, text, author, created, _ = read_office(docx(MINUTES))
    assert text.split("\n") == MINUTES and title == MINUTES[0] and author == "Mairie"
    assert created == datetime(2026, 11, 14, 8, tzinfo=UTC)


def test_office_files_are_told_by_their_parts_not_their_announced_type():
    assert office_kind(odt(MINUTES)) == "odt" and office_kind(docx(MINUTES), "application/octet-stream") == "docx"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    assert office_kind(out.getvalue()) is None and office_kind(b"%PDF-1.7 ...") is None


def test_a_document_is_archived_as_one_text_without_pages():
    extracted, missing = extract_document(odt(MINUTES), "https://mairie.fr/pv-2026-11.odt")
    assert missing is None and extracted.text_status == "full" and "\f" not in extracted.text
    assert extracted.date_source == "document" and extracted.language == "fr"


@pytest.mark.parametrize("case", ["truncated", "bomb", "entity"])
def test_hostile_office_files_are_refused_with_a_reason(case):
    if case == "truncated":
        body = odt(MINUTES)[:200]
    elif case == "bomb":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", b"<a>" + b" " * (MAX_PART_BYTES + 1) + b"</a>", zipfile.ZIP_DEFLATED)
        body = out.getvalue()
    else:  # an external entity: never resolved
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM '
                             '"file:///etc/passwd">]><d xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                             "<text:p>&xxe;</text:p></d>")
        _, text, _, _, _ = read_office(out.getvalue())
        assert "root:" not in text
        return
    with pytest.raises(OfficeError):
        read_office(body)


def test_an_odt_file_s_comments_are_not_its_text_and_its_footnotes_are():
    body = odt(MINUTES)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        content = archive.read("content.xml").decode()
        meta = archive.read("meta.xml")
    content = content.replace("<text:span>", '<text:span><office:annotation><text:p>à revoir</text:p>'
                              "</office:annotation>", 1).replace(
        "au parc de Rovaltain.", 'au parc de Rovaltain.<text:note><text:note-body><text:p>Voir le dossier.'
        "</text:p></text:note-body></text:note>", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
    _, text, _, _, _ = read_office(out.getvalue())
    assert "à revoir" not in text and "Voir le dossier." in text.split("\n")
    assert MINUTES[1] in text  # the paragraph around the comment and the note keeps its words, in order


def test_a_docx_file_s_footnotes_and_endnotes_are_lines_of_its_text_after_its_body():
    """A council's deliberation written in Word names the company in a footnote only ("(1) Projet de la société
    Sesterce…"): the notes were not read, and the deliberation matched nothing. They are lines after the body."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def notes(kind: str, said: str) -> str:
        return (f'<?xml version="1.0" encoding="UTF-8"?><w:{kind}s xmlns:w="{w}"><w:{kind} w:type="separator" '
                f'w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:id="1"><w:p><w:r><w:t>'
                f"{said}</w:t></w:r></w:p></w:{kind}></w:{kind}s>")

    body = docx(MINUTES, parts={"word/footnotes.xml": notes("footnote", "Projet de la société Sesterce au parc de "
                                                                        "Rovaltain."),
                                "word/endnotes.xml": notes("endnote", "Voir le registre en mairie.")})
    _, text, _, _, _ = read_office(body)
    assert text.split("\n")[-2:] == ["Projet de la société Sesterce au parc de Rovaltain.", "Voir le registre en mairie."]
    assert read_office(docx(MINUTES))[1].split("\n")[-1] == MINUTES[-1]  # none: the body's lines only


def test_a_docx_text_box_is_read_once_as_lines_of_its_own():
    """A town's flyer written in Word puts "Réunion publique sur le projet Sesterce" in a text box, which Word writes
    twice (a drawing, and a copy for old readers): its words came three times and glued to the paragraph holding
    the box ("boîte.Réunion"). They are read once, as lines of their own after that paragraph."""
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    said = "<w:txbxContent><w:p><w:r><w:t>Réunion publique sur le projet Sesterce.</w:t></w:r></w:p></w:txbxContent>"
    box = (f'<w:p><w:r><w:t>Avant la boîte.</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="{mc}"><mc:Choice '
           f'Requires="wps"><w:drawing><wps:txbx xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
           f'wordprocessingShape">{said}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape '
           f'xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>{said}</v:textbox></v:shape></w:pict></mc:Fallback>'
           "</mc:AlternateContent></w:r><w:r><w:t> Après la boîte.</w:t></w:r></w:p>")
    _, text, _, _, _ = read_office(docx(MINUTES[:1], more=box))
    assert text.split("\n") == [MINUTES[0], "Avant la boîte. Après la boîte.", "Réunion publique sur le projet Sesterce."]


def test_a_document_s_hyperlinks_and_written_addresses_are_its_links():
    """The minutes link the inquiry's register under their words and write out the prefecture's page: both are
    the document's links (what a matching one cites), in an .odt and in a .docx (a hyperlink by its relation, and
    an older Word's HYPERLINK field)."""
    register = "https://www.registre-dematerialise.fr/4821"
    written = "Dossier : www.drome.gouv.fr/enquete-sesterce."
    linked = f'Observations sur <text:a xlink:href="{register}">le registre en ligne</text:a>.'
    minutes = MINUTES[:2] + [linked, written]
    assert read_office(odt(minutes)).links == (
        (register, "le registre en ligne"), ("http://www.drome.gouv.fr/enquete-sesterce", ""))
    more = (f'<w:p><w:hyperlink r:id="rId7"><w:r><w:t>le registre</w:t></w:r><w:r><w:t> en ligne</w:t></w:r>'
            '</w:hyperlink></w:p><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK '
            '"https://www.mrae.example/avis-41.pdf" \\o "avis"</w:instrText></w:r><w:r><w:t>avis</w:t></w:r></w:p>'
            '<w:p><w:hyperlink r:id="rId8"><w:r><w:t>interne</w:t></w:r></w:hyperlink></w:p>')
    relations = (f'<Relationship Id="rId7" Type="hyperlink" Target="{register}" TargetMode="External"/>'
                 '<Relationship Id="rId8" Type="styles" Target="styles.xml"/>')
    assert read_office(docx(MINUTES[:2], more=more, relations=relations)).links == (
        (register, "le registre en ligne"), ("https://www.mrae.example/avis-41.pdf", ""))
    extracted, _ = extract_document(docx(MINUTES, more=more, relations=relations), "https://alixan.example/pv.docx",
                                    cite=document_cited)
    assert extracted.cited == ((register, "le registre en ligne"), ("https://www.mrae.example/avis-41.pdf", ""))


def test_a_word_97_file_reads_as_its_paragraphs_cells_and_fields_with_its_summary():
    """A .doc from a town's old word processor: its text in pieces of one byte a character and of two (an accent
    Windows-1252 lacks: "œ" it has, "ŉ" not), paragraphs, a table's cells, a page break, a field showing its result
    (a date) and a HYPERLINK field (the register, a link under its words); its title, author and date."""
    register = "https://www.registre-dematerialise.fr/4821"
    body = word97([
        ("Compte rendu du conseil municipal du 12 novembre 2026\rLe conseil a pris connaissance de la demande "
         "d'enregistrement déposée par la société Sesterce pour son centre de données.\r", True),
        ("Vote\x07Pour\x07Contre\x07\x07Avis réservé\x0715\x074\x07\x07\x0cSéance levée le \x13 DATE \\@ "
         "\"d MMMM yyyy\" \x1412 novembre 2026\x15 ; observations sur \x13 HYPERLINK \"" + register + "\" \x14le "
         "registre en ligne\x15 et www.drome.gouv.fr/sesterce. Cœur du dossier : l\u2019eau.\r", False)],
        title="PV du conseil municipal", author="Secrétariat de mairie", created=datetime(2026, 11, 13, 9, 30,
                                                                                          tzinfo=UTC))
    assert office_kind(body) == "doc" and office_kind(body, "application/msword") == "doc"
    title, text, author, created, links = read_office(body)
    assert title == "PV du conseil municipal" and author == "Secrétariat de mairie"
    assert created == datetime(2026, 11, 13, 9, 30, tzinfo=UTC)
    assert text.split("\n") == [
        "Compte rendu du conseil municipal du 12 novembre 2026",
        "Le conseil a pris connaissance de la demande d'enregistrement déposée par la société Sesterce pour son "
        "centre de données.",
        "Vote", "Pour", "Contre", "Avis réservé", "15", "4",
        "Séance levée le 12 novembre 2026 ; observations sur le registre en ligne et www.drome.gouv.fr/sesterce. "
        "Cœur du dossier : l\u2019eau."]
    assert links == ((register, "le registre en ligne"), ("http://www.drome.gouv.fr/sesterce", ""))
    extracted, missing = extract_document(body, "https://alixan.example/pv-2026-11.doc", cite=document_cited)
    assert missing is None and extracted.text_status == "full" and extracted.date_source == "document"
    assert extracted.cited == ((register, "le registre en ligne"), ("http://www.drome.gouv.fr/sesterce", ""))
    untitled = read_office(word97([("Délibération n° 2026-41\rLe conseil approuve.\r", True)], table_name="0Table"))
    assert untitled.title == "Délibération n° 2026-41" and untitled.created is None


def test_a_word_97_file_s_footnotes_and_endnotes_are_lines_of_its_text_after_its_body():
    """The same deliberation saved as a .doc: Word stores its footnotes' and endnotes' text after the main text's,
    each note opened by its reference mark (\x02). Only the main text was read: the company, named in a footnote
    only, was not. The notes are lines after the body; a header's story, stored between them, is not."""
    main = [("Délibération n° 2026-45\rLe conseil prend acte du projet\x02.\r", True)]
    body = word97(main, footnotes="\x02 Projet de la société Sesterce au parc de Rovaltain.\r",
                  headers="Commune d'Alixan - registre des délibérations\r",
                  endnotes="\x02 Voir le registre en mairie.\r")
    _, text, _, _, _ = read_office(body)
    assert text.split("\n") == ["Délibération n° 2026-45", "Le conseil prend acte du projet.",
                                 "Projet de la société Sesterce au parc de Rovaltain.", "Voir le registre en mairie."]
    assert read_office(word97(main))[1].split("\n") == text.split("\n")[:2]  # none: the body's lines only
    only_ends = read_office(word97(main, endnotes="\x02 Voir le registre.\r"))[1]
    assert only_ends.split("\n")[-1] == "Voir le registre."


@pytest.mark.parametrize("case", ["encrypted", "no table", "truncated", "loop", "huge stream", "no word"])
def test_hostile_word_97_files_are_refused_with_a_reason(case):
    body = word97([("Sesterce à Alixan.\r", True)], title="PV")
    if case == "encrypted":
        body = word97([("Sesterce à Alixan.\r", True)], encrypted=True)
    elif case == "no table":
        body = compound({"WordDocument": read_stream(body, "WordDocument")})
    elif case == "truncated":
        body = body[:1024]
    elif case == "loop":  # the directory's chain of sectors comes back to itself
        first = int.from_bytes(body[0x30:0x34], "little")
        fat = int.from_bytes(body[0x4C:0x50], "little")
        at = (fat + 1) * 512 + 4 * first
        body = body[:at] + first.to_bytes(4, "little") + body[at + 4:]
    elif case == "huge stream":  # a stream declaring 4 GB
        at = body.index("WordDocument".encode("utf-16-le"))
        body = body[:at + 120] + (2**32 - 1).to_bytes(4, "little") + body[at + 124:]
    else:
        body = compound({"Workbook": b"\0" * 5000})
    with pytest.raises(OfficeError) as refused:
        read_office(body, "doc")
    assert str(refused.value)


def test_a_damaged_word_97_file_is_read_or_refused_never_a_crash():
    """Bytes changed at random in a .doc (its header, its sectors, its pieces, its summary), or the file cut short:
    each is read or refused with OfficeError (extract_failed, with the reason), and quickly."""
    body = word97([("Compte rendu\rLe conseil parle de Sesterce.\r", True),
                   ('Vote\x07Pour\x07\x07\x13 HYPERLINK "https://x.example/a" \x14registre\x15\r', False)],
                  title="PV", author="Mairie", created=datetime(2026, 1, 1, tzinfo=UTC))
    noise = random.Random(7)
    for _ in range(3000):
        damaged = bytearray(body)
        for _ in range(noise.randint(1, 8)):
            damaged[noise.randrange(len(damaged))] = noise.randrange(256)
        if noise.random() < 0.1:
            damaged = damaged[:noise.randrange(len(damaged))]
        try:
            read_office(bytes(damaged), "doc")
        except OfficeError:
            pass


@pytest.mark.parametrize("kind", ["odt", "docx", "zip", "pptx", "odp", "ods", "xlsx", "xls", "rtf"])
def test_a_damaged_zip_is_read_or_refused_never_a_crash(kind):
    """Bytes changed at random in an .odt, a .docx or a zipped dossier: read, or refused with the reason (a damaged
    zip raises ValueError, NotImplementedError… as it is read: each is such a refusal), never another error."""
    from tests.test_documents_e2e import dossier_zip

    body = {"odt": lambda: odt(MINUTES), "docx": lambda: docx(MINUTES), "pptx": lambda: pptx(SLIDES),
            "odp": lambda: odp(SLIDES), "ods": lambda: ods(DELIBERATIONS), "xlsx": lambda: xlsx(DELIBERATIONS),
            "xls": lambda: excel97(DELIBERATIONS), "rtf": lambda: rtf(MINUTES),
            "zip": lambda: dossier_zip({"a.docx": docx(MINUTES), "b.doc": word97([("Sesterce.\r", True)])})}[kind]()
    noise = random.Random(11)
    for _ in range(800):
        damaged = bytearray(body)
        for _ in range(noise.randint(1, 6)):
            damaged[noise.randrange(len(damaged))] = noise.randrange(256)
        try:
            extract_document(bytes(damaged), "https://mairie.example/pv")
        except (OfficeError, PdfError):
            pass


def read_stream(body: bytes, name: str) -> bytes:
    from newswatch.documents.worddoc import Compound

    return Compound(body, MAX_PART_BYTES).stream(name)

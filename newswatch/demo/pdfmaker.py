"""Write small PDFs of our own (text in columns, ligatures, hyphenation, scanned-like pages) with no library."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from newswatch.documents.pictures import pdf_file

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
# Codes that WinAnsiEncoding leaves unused, mapped by /Differences to the ligature glyphs every
# standard font has: a typeset document shows "ﬁ" and "ﬂ" as one glyph each.
_LIGATURES = {"\ufb01": b"\x81", "\ufb02": b"\x8d"}
_FONTS = {"regular": "Helvetica", "bold": "Helvetica-Bold"}


@dataclass(frozen=True)
class Line:
    """One line of text placed at (x, y) points from the bottom left corner."""

    x: float
    y: float
    text: str
    size: float = 10.5
    bold: bool = False


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    scan: tuple[int, int, bytes] | None = None  # (width, height, 8-bit gray pixels) drawn over the whole page
    fields: list[Line] = field(default_factory=list)  # a filled form's text fields: shown by their appearance only
    drawing: bytes = b""  # content operators drawn after the rest (shapes: letters turned into outlines)
    links: list[tuple[Line, str]] = field(default_factory=list)  # a line shown and linked to an address (/URI)


def wrap(text: str, width: int, hyphenate: bool = True) -> list[str]:
    """Break a paragraph into lines of at most `width` characters; long words are cut with a hyphen."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
            continue
        room = width - len(current) - 2  # a space and the hyphen
        letters = word.rstrip(".,;:!?»)")
        if hyphenate and current and room >= 3 and len(letters) >= 7 and letters.isalpha():
            cut = min(room, len(letters) - 3)
            lines.append(f"{current} {word[:cut]}-")
            current = word[cut:]
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def column_pages(heading: str, paragraphs: list[str], columns: int = 1, size: float = 10.5,
                 interleave: bool = False) -> list[Page]:
    """Lay paragraphs out in one or two columns on as many pages as needed, with a bold heading on page 1.

    `interleave` writes two-column pages row by row (left line, right line, …) as some generators do,
    instead of one column after the other.
    """
    margin, gap, leading = 56, 24, size * 1.3
    column_width = (PAGE_WIDTH - 2 * margin - gap * (columns - 1)) / columns
    chars = int(column_width / (size * 0.5))
    flowed: list[str] = []
    for paragraph in paragraphs:
        flowed += wrap(paragraph, chars) + [""]
    pages: list[Page] = []
    rows = int((PAGE_HEIGHT - 2 * margin - 60) / leading)
    per_page = rows * columns
    for start in range(0, max(len(flowed), 1), per_page):
        chunk = flowed[start:start + per_page]
        page = Page()
        top = PAGE_HEIGHT - margin
        if not pages:
            for number, text in enumerate(wrap(heading, int((PAGE_WIDTH - 2 * margin) / (size * 0.6)), False)):
                page.lines.append(Line(margin, top - number * leading * 1.4, text, size + 4, bold=True))
        cells = []
        for index, text in enumerate(chunk):
            column, row = divmod(index, rows)
            cells.append((row, column, Line(margin + column * (column_width + gap), top - 60 - row * leading,
                                            text, size)))
        if interleave:
            cells.sort(key=lambda cell: (cell[0], cell[1]))
        page.lines += [line for _, _, line in cells if line.text]
        page.lines.append(Line(PAGE_WIDTH / 2 - 10, margin / 2, f"{len(pages) + 1}", 8))
        pages.append(page)
    return pages


def scanned_page(seed: int = 1) -> Page:
    """A page that is only a picture of text (dark bars on paper), as a scanner makes: no text layer."""
    width, height = 420, 594
    rows = bytearray(b"\xf2" * width * height)
    state = seed
    for top in range(60, height - 60, 18):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        right = width - 50 - state % 120
        for y in range(top, top + 8):
            rows[y * width + 50:y * width + right] = b"\x30" * (right - 50)
    return Page(scan=(width, height, bytes(rows)))


def pdf_string(text: str) -> bytes:
    """A PDF literal string in the font's encoding (WinAnsi, plus the two ligatures)."""
    out = bytearray()
    for char in text:
        encoded = _LIGATURES.get(char) or char.encode("cp1252", errors="replace")
        out += b"\\" + encoded if encoded in (b"(", b")", b"\\") else encoded
    return b"(" + bytes(out) + b")"


def info_string(text: str) -> bytes:
    """A text string of the document information dictionary, in UTF-16 with its byte-order mark."""
    return b"<" + (b"\xfe\xff" + text.encode("utf-16-be")).hex().encode() + b">"


def _content(page: Page) -> bytes:
    parts = []
    if page.scan:
        parts.append(f"q {PAGE_WIDTH} 0 0 {PAGE_HEIGHT} 0 0 cm /Im1 Do Q".encode())
    for line in page.lines + [line for line, _ in page.links]:
        font = "/F2" if line.bold else "/F1"
        parts.append(b"BT %s %.1f Tf %.1f %.1f Td %s Tj ET" % (font.encode(), line.size, line.x, line.y,
                                                                 pdf_string(line.text)))
    if page.drawing:
        parts.append(page.drawing)
    return b"\n".join(parts)


def build_pdf(pages: list[Page], title: str | None = None, created: datetime | None = None,
              author: str | None = None, appearances: bool = True, garbled: bool = False) -> bytes:
    """A complete PDF 1.4 file: Helvetica text (with ligature glyphs), optional scans, filled form fields (each with
    its appearance, else the form asks the reader to make them: NeedAppearances), an Info dictionary. `garbled`:
    the fonts' character maps (ToUnicode) give other letters than the ones shown, as a broken producer writes them."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        packed = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n%s\nendstream" % (len(packed), extra, packed)

    encoding = add(b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [129 /fi 141 /fl] >>")
    to_unicode = b" /ToUnicode %d 0 R" % add(stream(_shifted_cmap())) if garbled else b""
    fonts = {key: add(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding %d 0 R%s >>"
                      % (name.encode(), encoding, to_unicode)) for key, name in _FONTS.items()}
    resources = b"/Font << /F1 %d 0 R /F2 %d 0 R >>" % (fonts["regular"], fonts["bold"])
    # the /Pages object comes last: after each page's scan, its fields (appearance and widget), content and page
    pages_id = len(objects) + 1 + sum(2 + bool(p.scan) + (1 + appearances) * len(p.fields) + len(p.links)
                                      for p in pages)
    kids, widgets = [], []
    for page in pages:
        page_resources = resources
        if page.scan:
            width, height, pixels = page.scan
            image = add(stream(pixels, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                                       b"/BitsPerComponent 8 " % (width, height)))
            page_resources += b" /XObject << /Im1 %d 0 R >>" % image
        annots = []
        for number, box in enumerate(page.fields, start=len(widgets) + 1):
            width = 6 * len(box.text) + 8
            shown = b""
            if appearances:
                shown = b" /AP << /N %d 0 R >>" % add(stream(
                    b"BT /F1 %.1f Tf 4 4 Td %s Tj ET" % (box.size, pdf_string(box.text)),
                    b"/Type /XObject /Subtype /Form /BBox [0 0 %d 18] /Resources << %s >> " % (width, resources)))
            annots.append(add(b"<< /Type /Annot /Subtype /Widget /FT /Tx /F 4 /T (field%d) /V %s /Rect [%.1f %.1f "
                              b"%.1f %.1f] /DA (/Helv %.1f Tf 0 g)%s >>"
                              % (number, pdf_string(box.text), box.x, box.y, box.x + width, box.y + 18, box.size,
                                 shown)))
        widgets += annots
        for line, address in page.links:  # a link's area covers its line's words
            annots.append(add(b"<< /Type /Annot /Subtype /Link /Rect [%.1f %.1f %.1f %.1f] /Border [0 0 0] "
                              b"/A << /S /URI /URI (%s) >> >>" % (line.x, line.y - 2, line.x + line.size * 0.5
                                                                  * len(line.text), line.y + line.size,
                                                                  address.encode("ascii"))))
        content = add(stream(_content(page)))
        listed = b" /Annots [%s]" % b" ".join(b"%d 0 R" % a for a in annots) if annots else b""
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << %s >> /Contents %d 0 R%s >>"
                        % (pages_id, PAGE_WIDTH, PAGE_HEIGHT, page_resources, content, listed)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) \
        == pages_id
    form = (b" /AcroForm << /Fields [%s] /DA (/Helv 0 Tf 0 g)%s >>" % (
        b" ".join(b"%d 0 R" % w for w in widgets), b"" if appearances else b" /NeedAppearances true")
            if widgets else b"")
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_id, form))
    info = {"Producer": "newswatch test documents"}
    if title:
        info["Title"] = title
    if author:
        info["Author"] = author
    fields = b" ".join(b"/%s %s" % (k.encode(), info_string(v)) for k, v in info.items())
    if created:
        fields += b" /CreationDate (D:%s)" % created.strftime("%Y%m%d%H%M%S").encode()
    info_id = add(b"<< %s >>" % fields)
    return pdf_file(objects, catalog, info_id)


def _shifted_cmap() -> bytes:
    """A ToUnicode character map that reads each printable ASCII code as the character 17 places further on (a
    broken producer's: the page shows "Sesterce", its text layer gives "dvCEvCtv")."""
    pairs = b"\n".join(b"<%02X> <%04X>" % (code, 0x20 + (code - 0x20 + 17) % 95) for code in range(0x20, 0x7F))
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CIDSystemInfo << /Registry (Adobe) "
            b"/Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n95 beginbfchar\n%s\nendbfchar\nendcmap\n"
            b"CMapName currentdict /CMap defineresource pop end end" % pairs)


def dense_pdf(pages: int, title: str, runs: int = 2000) -> bytes:
    """A PDF whose pages all show one content stream of `runs` tiny text runs in two columns (a dense table):
    a few dozen KB to send, about a second a page for PDFium to read on a 2020s core (for the time limit)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    cells = b"\n".join(b"BT /F1 4 Tf %d %d Td (centre de donnees %d) Tj ET" % (
        40 + (n % 8) * 65 + (30 if n % 8 >= 4 else 0), 30 + (n // 8) % 190 * 4, n) for n in range(runs))
    packed = zlib.compress(cells, 9)
    content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed))
    pages_id = len(objects) + pages + 1
    kids = [add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> "
                b"/Contents %d 0 R >>" % (pages_id, PAGE_WIDTH, PAGE_HEIGHT, font, content)) for _ in range(pages)]
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), pages)) \
        == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    return pdf_file(objects, catalog, add(b"<< /Title %s >>" % info_string(title)))


def broken_pdf() -> bytes:
    """A file that starts like a PDF and then is cut off in its first object: no reader can open it."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n" + b"\x00\xff garbage" * 40


def huge_pdf_chunks(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """A PDF of `total` bytes, in chunks, made on the fly (a big stream of padding): served, never kept."""
    head = b"%PDF-1.4\n1 0 obj\n<< /Length %d >>\nstream\n" % total
    yield head
    sent, zeros = len(head), b"\x00" * chunk
    while sent < total:
        part = zeros[:min(chunk, total - sent)]
        sent += len(part)
        yield part

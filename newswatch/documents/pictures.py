"""Pictures served as documents: a town posts its notice of the public inquiry as a poster, a JPEG or a PNG. Their kind
and size from their first bytes (nothing is decoded), and, for the common JPEG and PNG, a one-page PDF that shows the
picture as it is (its compressed data copied, not decoded), which newswatch.documents.pdftext reads as any scan: drawn
by PDFium, a small picture drawn larger for tesseract (`upscale`), read by OCR."""

from __future__ import annotations

import struct

KINDS = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WebP"}
READ_SIDE = 1600  # pixels: a picture whose longer side is shorter is drawn larger for OCR…
MAX_UPSCALE = 3.0  # …by at most this much (a poster a site shrank to 842 pixels: its small letters read again)
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2}  # baseline, extended and progressive Huffman JPEG: what PDFium draws
_JPEG_SIZES = _JPEG_FRAMES | {0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_NO_LENGTH = {0x01, *range(0xD0, 0xD8)}  # markers without a length of their own


def picture_kind(body: bytes) -> str | None:
    """"jpeg", "png", "gif" or "webp" by the file's signature (whatever the server says), else None."""
    if body.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if body.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if body[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if body[:4] == b"RIFF" and body[8:12] == b"WEBP":
        return "webp"
    return None


def picture_size(body: bytes, kind: str) -> tuple[int, int] | None:
    """(width, height) in pixels as the file's header declares them; None when it cannot be read there."""
    try:
        if kind == "png" and body[12:16] == b"IHDR":
            size = struct.unpack(">II", body[16:24])
        elif kind == "gif":
            size = struct.unpack("<HH", body[6:10])
        elif kind == "webp":
            size = _webp_size(body)
        elif kind == "jpeg":
            frame = _jpeg_frame(body)
            size = frame[1:3] if frame else None
        else:
            size = None
    except struct.error:  # the header is cut short
        return None
    return size if size and size[0] > 0 and size[1] > 0 else None


def _webp_size(body: bytes) -> tuple[int, int] | None:
    """A WebP's size from its first chunk: lossy (VP8), lossless (VP8L) or extended (VP8X)."""
    chunk = body[12:16]
    if chunk == b"VP8 " and body[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", body[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and body[20:21] == b"\x2f":
        bits = int.from_bytes(body[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(body[24:27], "little") + 1, int.from_bytes(body[27:30], "little") + 1
    return None


def _jpeg_frame(body: bytes) -> tuple[int, int, int, int, int] | None:
    """(frame marker, width, height, components, bits a sample) of a JPEG's frame header, found by walking its
    segments; None when the data begins before one (a file cut short, or no JPEG)."""
    at = 2
    while at + 4 <= len(body):
        if body[at] != 0xFF:
            return None
        marker = body[at + 1]
        if marker == 0xFF:  # fill bytes before a marker
            at += 1
            continue
        if marker in _NO_LENGTH:
            at += 2
            continue
        if marker in (0xD9, 0xDA):  # the end, or the data, before any frame
            return None
        length = struct.unpack(">H", body[at + 2:at + 4])[0]
        if marker in _JPEG_SIZES:
            bits, height, width, components = struct.unpack(">BHHB", body[at + 4:at + 10])
            return marker, width, height, components, bits
        at += 2 + length
    return None


def upscale(width: int, height: int) -> float:
    """How much larger a picture is drawn for OCR, its longer side brought to READ_SIDE: our notice as a poster of
    595 × 842 pixels loses a fifth of its words to tesseract as it is, and one in a hundred drawn 1.9 times as
    large; drawn larger still, tesseract reads worse again (bench/bench_ocr.py)."""
    return min(MAX_UPSCALE, max(1.0, READ_SIDE / max(width, height)))


def as_pdf(body: bytes, kind: str, dpi: float) -> bytes | None:
    """A one-page PDF showing the picture, sized to be drawn at `dpi` with `upscale`'s pixels: a JPEG of grey or
    colour (baseline or progressive), or a PNG without transparency or interlacing, of 8 bits a sample at most;
    None for any other (read by tesseract as it is, newswatch.documents.ocr)."""
    image = _jpeg_image(body) if kind == "jpeg" else _png_image(body) if kind == "png" else None
    if image is None:
        return None
    width, height, dictionary, data = image
    factor = 72 / dpi * upscale(width, height)
    page_width, page_height = width * factor, height * factor
    content = b"q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q" % (page_width, page_height)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] /Resources << /XObject << /Im0 5 0 R >> >> "
               b"/Contents 4 0 R >>" % (page_width, page_height),
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               b"<< /Type /XObject /Subtype /Image /Width %d /Height %d %s /Length %d >>\nstream\n%s\nendstream"
               % (width, height, dictionary, len(data), data)]
    return pdf_file(objects, root=1)


def pdf_file(objects: list[bytes], root: int, info: int | None = None) -> bytes:
    """A PDF file of these objects (numbered from 1, in order), with its cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    described = b" /Info %d 0 R" % info if info is not None else b""
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, described, xref)
    return bytes(out)


def _jpeg_image(body: bytes) -> tuple[int, int, bytes, bytes] | None:
    """A JPEG as a PDF image: its data as it is, DCT-encoded (grey or colour, 8 bits: not CMYK, not lossless)."""
    frame = _jpeg_frame(body)
    if frame is None:
        return None
    marker, width, height, components, bits = frame
    if marker not in _JPEG_FRAMES or bits != 8 or components not in (1, 3) or not (width and height):
        return None
    space = b"/DeviceGray" if components == 1 else b"/DeviceRGB"
    return width, height, b"/ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode" % space, body


def _png_image(body: bytes) -> tuple[int, int, bytes, bytes] | None:
    """A PNG as a PDF image: its compressed rows as they are (PDF's Flate filter undoes PNG's row filters), for
    grey, colour and palette pictures of 8 bits a sample at most, not interlaced."""
    chunks, at = {}, 8
    while at + 8 <= len(body):
        length, name = struct.unpack(">I4s", body[at:at + 8])
        chunks.setdefault(name, []).append(body[at + 8:at + 8 + length])
        at += 12 + length
        if name == b"IEND":
            break
    header = chunks.get(b"IHDR", [b""])[0]
    if len(header) != 13 or b"IDAT" not in chunks:
        return None
    width, height, bits, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    colours = {0: 1, 2: 3, 3: 1}.get(colour)
    if colours is None or interlace or bits > 8 or (colour == 2 and bits != 8) or not (width and height):
        return None  # transparency, 16 bits, interlacing: left to tesseract
    if colour == 3:
        palette = chunks.get(b"PLTE", [b""])[0]
        if not palette or len(palette) % 3:
            return None
        space = b"[/Indexed /DeviceRGB %d <%s>]" % (len(palette) // 3 - 1, palette.hex().encode())
    else:
        space = b"/DeviceGray" if colour == 0 else b"/DeviceRGB"
    data = b"".join(chunks[b"IDAT"])
    return width, height, (b"/ColorSpace %s /BitsPerComponent %d /Filter /FlateDecode /DecodeParms << /Predictor 15 "
                           b"/Colors %d /BitsPerComponent %d /Columns %d >>"
                           % (space, bits, colours, bits, width)), data

"""Word and Excel 97-2003 files (.doc, .xls) of our own, written from the published formats ([MS-CFB], [MS-DOC],
[MS-XLS], [MS-OLEPS]) for the tests: a compound file holding a WordDocument stream whose text is in pieces its table
stream maps, or a Workbook stream of BIFF8 records, and a SummaryInformation stream. The .doc reader
(newswatch.documents.worddoc) was checked on compound files Microsoft's tools wrote; the .xls reader
(newswatch.documents.xls) only on these: no workbook written by Excel or LibreOffice was at hand."""

from __future__ import annotations

import struct
from datetime import UTC, datetime

SECTOR = 512
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
CUTOFF = 4096  # streams under this live in the mini stream, in 64-byte sectors
SUMMARY_FMTID = bytes.fromhex("e0859ff2f94f6810ab9108002b27b3d9")  # {F29F85E0-4FF9-1068-AB91-08002B27B3D9}


def compound(streams: dict[str, bytes]) -> bytes:
    """A version 3 compound file (512-byte sectors) holding `streams`: the small ones in the mini stream."""
    small = {name: data for name, data in streams.items() if len(data) < CUTOFF}
    mini, mini_fat, mini_first = b"", [], {}
    for name, data in small.items():
        count = -(-len(data) // 64) or 1
        mini_first[name] = len(mini_fat)
        mini_fat += [len(mini_fat) + n + 1 for n in range(count - 1)] + [END]
        mini += data.ljust(count * 64, b"\0")
    sectors: list[bytes] = []
    fat: list[int] = []

    def place(data: bytes) -> int:
        """Puts data in the next sectors, chained; returns the first (END for nothing)."""
        if not data:
            return END
        first, count = len(sectors), -(-len(data) // SECTOR)
        for n in range(count):
            sectors.append(data[n * SECTOR:(n + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(first + n + 1 if n < count - 1 else END)
        return first

    large_first = {name: place(data) for name, data in streams.items() if name not in small}
    mini_start = place(mini)
    mini_fat_start = place(struct.pack(f"<{len(mini_fat)}I", *mini_fat)) if mini_fat else END
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the directory's order: shorter names first
    entries = [_entry("Root Entry", 5, mini_start, len(mini), child=1 if names else NONE)]
    for index, name in enumerate(names):
        first = mini_first[name] if name in small else large_first[name]
        entries.append(_entry(name, 2, first, len(streams[name]), right=index + 2 if index + 1 < len(names) else NONE))
    directory_start = place(b"".join(entries))
    fat_count = 1
    while len(fat) + fat_count > fat_count * (SECTOR // 4):
        fat_count += 1
    fat_ids = list(range(len(fat), len(fat) + fat_count))
    table = fat + [FAT_SECTOR] * fat_count
    table += [FREE] * (fat_count * (SECTOR // 4) - len(table))
    sectors += [struct.pack(f"<{SECTOR // 4}I", *table[n * 128:(n + 1) * 128]) for n in range(fat_count)]
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, fat_count, directory_start, 0, CUTOFF,
                            mini_fat_start, 1 if mini_fat else 0, END, 0)
              + struct.pack("<109I", *(fat_ids + [FREE] * (109 - fat_count))))
    return header.ljust(SECTOR, b"\0") + b"".join(sectors)


def _entry(name: str, kind: int, first: int, size: int, child: int = NONE, right: int = NONE) -> bytes:
    encoded = name.encode("utf-16-le")
    return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded) + 2, kind, 1, NONE, right, child)
            + b"\0" * 36 + struct.pack("<IQ", first, size))


def word97(pieces: list[tuple[str, bool]], title: str | None = None, author: str | None = None,
           created: datetime | None = None, table_name: str = "1Table", encrypted: bool = False,
           footnotes: str = "", endnotes: str = "", headers: str = "") -> bytes:
    """A .doc whose main text is `pieces`, each (text, compressed: one byte a character in Windows-1252, else
    UTF-16), stored in reverse order in the WordDocument stream (the piece table puts them back in order), with
    its title, author and creation date in its SummaryInformation; its footnotes', headers' and endnotes' text,
    when given, follows the main text's in that order (as Word stores its stories; no comment here)."""
    main = sum(len(text) for text, _ in pieces)
    pieces = [*pieces, *[(story, True) for story in (footnotes, headers, endnotes) if story]]
    text_start = 0x800
    stored, places = b"", []
    for text, compressed in reversed(pieces):
        places.append((text_start + len(stored), compressed))
        stored += text.encode("cp1252") if compressed else text.encode("utf-16-le")
        stored += b"\0" * (len(stored) % 2)
    places.reverse()
    limits, cp = [0], 0
    for text, _ in pieces:
        cp += len(text)
        limits.append(cp)
    descriptors = b"".join(struct.pack("<HIH", 0, (offset * 2) | 0x40000000 if compressed else offset, 0)
                           for offset, compressed in places)
    plc = struct.pack(f"<{len(limits)}I", *limits) + descriptors
    prc = b"\x01" + struct.pack("<H", 3) + b"\0\0\0"  # formatting the pieces table comes after
    clx = prc + b"\x02" + struct.pack("<I", len(plc)) + plc
    table = b"\0" * 16 + clx
    flags = 0x1000 | (0x0200 if table_name == "1Table" else 0) | (0x0100 if encrypted else 0)
    fib = bytearray(text_start)
    struct.pack_into("<HHHH", fib, 0, 0xA5EC, 0x00C1, 0, 0x040C)  # wIdent, nFib (Word 97), unused, French
    struct.pack_into("<H", fib, 0x0A, flags)
    struct.pack_into("<H", fib, 0x20, 14)  # csw
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw
    struct.pack_into("<iii", fib, 0x4C, main, len(footnotes), len(headers))  # ccpText, ccpFtn, ccpHdd
    struct.pack_into("<i", fib, 0x60, len(endnotes))  # ccpEdn
    struct.pack_into("<H", fib, 0x98, 0x5D)  # cbRgFcLcb
    struct.pack_into("<II", fib, 0x1A2, 16, len(clx))  # fcClx, lcbClx
    streams = {"WordDocument": bytes(fib) + stored, table_name: table}
    if title or author or created:
        streams["\x05SummaryInformation"] = summary(title, author, created)
    return compound(streams)


def summary(title: str | None, author: str | None, created: datetime | None) -> bytes:
    """A SummaryInformation property set: its codepage (Windows-1252), title, author, creation time."""
    values = [(1, struct.pack("<IH2x", 2, 1252))]
    for key, text in ((2, title), (4, author)):
        if text:
            raw = text.encode("cp1252") + b"\0"
            values.append((key, struct.pack("<II", 0x1E, len(raw)) + raw.ljust(-(-len(raw) // 4) * 4, b"\0")))
    if created:
        ticks = int((created - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)
        values.append((12, struct.pack("<IQ", 0x40, ticks)))
    offset, pairs, body = 8 + 8 * len(values), b"", b""
    for key, value in values:
        pairs += struct.pack("<II", key, offset + len(body))
        body += value
    section = struct.pack("<II", 8 + len(pairs) + len(body), len(values)) + pairs + body
    header = struct.pack("<HHI16sI", 0xFFFE, 0, 0x00020006, b"\0" * 16, 1)  # byte order, version, system, one set
    return header + SUMMARY_FMTID + struct.pack("<I", 48) + section


def excel97(sheets, title: str | None = None, encrypted: bool = False) -> bytes:
    """An .xls ([MS-XLS], BIFF8) of (name, rows) sheets, a row a list of cells (None: empty, an int, a float, a
    str): in a compound file's Workbook stream, the globals (each sheet's BOUNDSHEET, the shared strings in an SST
    record and as many CONTINUE records as they need, a string cut by a record's end going on after a flags byte,
    in Latin-1 when what is left allows it), then each sheet's BOF, cells and EOF. Text cells are shared strings
    (LABELSST), except each row's last, a FORMULA whose cached result is a string (its STRING record after it);
    integers are RK numbers, two of them side by side a MULRK, floats NUMBER records."""
    strings: list[str] = []

    def record(kind: int, data: bytes) -> bytes:
        return struct.pack("<HH", kind, len(data)) + data

    def cells(row: int, values: list) -> bytes:
        out, column, last_text = b"", 0, max((c for c, v in enumerate(values) if isinstance(v, str)), default=-1)
        while column < len(values):
            value = values[column]
            if isinstance(value, int) and column + 1 < len(values) and isinstance(values[column + 1], int):
                rks = b"".join(struct.pack("<HI", 15, (v << 2) | 2) for v in values[column:column + 2])
                out += record(0x00BD, struct.pack("<HH", row, column) + rks + struct.pack("<H", column + 1))
                column += 2
                continue
            if isinstance(value, int):
                out += record(0x027E, struct.pack("<HHHI", row, column, 15, (value << 2) | 2))
            elif isinstance(value, float):
                out += record(0x0203, struct.pack("<HHHd", row, column, 15, value))
            elif isinstance(value, str) and column == last_text:
                out += record(0x0006, struct.pack("<HHH", row, column, 15) + b"\0" * 6 + b"\xff\xff" + b"\0" * 6)
                out += record(0x0207, struct.pack("<HB", len(value), 1) + value.encode("utf-16-le"))
            elif isinstance(value, str):
                strings.append(value)
                out += record(0x00FD, struct.pack("<HHHI", row, column, 15, len(strings) - 1))
            column += 1
        return out

    bodies = [record(0x0809, struct.pack("<HHHH8x", 0x0600, 0x0010, 0, 0))
              + b"".join(cells(r, row) for r, row in enumerate(rows)) + record(0x000A, b"") for _, rows in sheets]
    chunks, current = [], bytearray(struct.pack("<II", len(strings), len(strings)))
    for text in strings:  # the SST: 8,224 bytes of data a record at most
        wide = any(ord(c) > 0xFF for c in text)
        if len(current) + 3 + (2 if wide else 1) > 8224:
            chunks.append(current)
            current = bytearray()
        current += struct.pack("<HB", len(text), 1 if wide else 0)
        left = text
        while left:
            room = (8224 - len(current)) // (2 if wide else 1)
            if room == 0:
                chunks.append(current)
                wide = any(ord(c) > 0xFF for c in left)
                current = bytearray([1 if wide else 0])
                continue
            current += left[:room].encode("utf-16-le" if wide else "latin-1")
            left = left[room:]
    chunks.append(current)
    sst = record(0x00FC, bytes(chunks[0])) + b"".join(record(0x003C, bytes(chunk)) for chunk in chunks[1:])
    names = [struct.pack("<BB", len(name), 1) + name.encode("utf-16-le") for name, _ in sheets]
    head = record(0x0809, struct.pack("<HHHH8x", 0x0600, 0x0005, 0, 0)) + record(0x0042, struct.pack("<H", 1200))
    if encrypted:
        head += record(0x002F, b"\x01\x00" + b"\0" * 52)
    size = len(head) + sum(4 + 6 + len(name) for name in names) + len(sst) + 4
    places, stream = [], b""
    for body in bodies:
        places.append(size + len(stream))
        stream += body
    sheets_records = b"".join(record(0x0085, struct.pack("<IBB", place, 0, 0) + name)
                              for place, name in zip(places, names))
    workbook = head + sheets_records + sst + record(0x000A, b"") + stream
    streams = {"Workbook": workbook}
    if title:
        streams["\x05SummaryInformation"] = summary(title, "Mairie", datetime(2026, 11, 13, 10, tzinfo=UTC))
    return compound(streams)

"""Word 97-2003 files (.doc) of our own, written from the published formats ([MS-CFB], [MS-DOC], [MS-OLEPS]) for
the tests: a compound file holding a WordDocument stream whose text is in pieces its table stream maps, and a
SummaryInformation stream. The reader (newswatch.documents.office) was checked on compound files Microsoft's tools
wrote."""

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

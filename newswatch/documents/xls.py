"""Excel 97-2003 workbooks (.xls): a compound file (newswatch.documents.worddoc.Compound) whose Workbook stream is a
sequence of BIFF8 records ([MS-XLS]): the workbook's globals (its sheets' names and places, its shared strings),
then each sheet's cells. A small town's table of its council's deliberations is still often such a file.

Its rows are read as an .ods or .xlsx file's are (newswatch.documents.sheets: a sheet's name, then a line of cells
a row, MAX_ROWS rows with words); a number as written in its cell (no display format applied: a date is its serial
number), a formula's cached result. Its title, author and date come from its SummaryInformation stream."""

from __future__ import annotations

import struct

from newswatch.documents.office import MAX_PART_BYTES, OfficeError, OfficeText, office_text
from newswatch.documents.sheets import MAX_ROWS, MAX_SHEETS, sheet_lines
from newswatch.documents.worddoc import Compound, summary_properties

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _SST, _CONTINUE = 0x0809, 0x000A, 0x002F, 0x0085, 0x00FC, 0x003C
_LABELSST, _LABEL, _NUMBER, _RK, _MULRK, _FORMULA, _STRING = 0x00FD, 0x0204, 0x0203, 0x027E, 0x00BD, 0x0006, 0x0207
_BIFF8 = 0x0600


def read_xls(body: bytes) -> OfficeText:
    """An Excel 97-2003 workbook's text (its sheets' names and rows, one a line), title, author and creation
    date; OfficeError if unreadable, encrypted or older than Excel 97 (BIFF5)."""
    try:
        compound = Compound(body, MAX_PART_BYTES)
        stream = compound.stream("Workbook")
        if stream is None:
            if compound.stream("Book") is not None:
                raise OfficeError("an Excel 5.0 or 95 workbook (BIFF5): not read")
            raise OfficeError("a compound file with no workbook in it")
        sheets, strings = _globals(stream)
        text = "\n".join(sheet_lines((name, _rows(stream, place, strings)) for name, place in sheets[:MAX_SHEETS]))
        summary = compound.stream("\x05SummaryInformation")
        title, author, created = summary_properties(summary) if summary else (None, None, None)
    except (struct.error, UnicodeDecodeError, IndexError) as exc:
        raise OfficeError(f"not a readable xls document ({exc})") from None
    return office_text(title, text, author, created, [])


def _records(stream: bytes, start: int = 0):
    """(type, data) of the BIFF records from `start`."""
    at = start
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        yield kind, stream[at + 4:at + 4 + size]
        at += 4 + size


def _globals(stream: bytes) -> tuple[list[tuple[str, int]], list[str]]:
    """The workbook's worksheets (name, offset of their BOF record), in its order, and its shared strings."""
    records = _records(stream)
    kind, data = next(records, (None, b""))
    if kind != _BOF or len(data) < 4 or struct.unpack_from("<H", data)[0] != _BIFF8:
        raise OfficeError("a workbook that is not Excel 97-2003 (BIFF8)")
    sheets, sst, strings = [], None, []
    for kind, data in records:
        if sst is not None and kind != _CONTINUE:  # the shared strings end where their CONTINUE records do
            strings, sst = _shared_strings(sst), None
        if kind == _FILEPASS:
            raise OfficeError("an encrypted Excel workbook")
        if kind == _BOUNDSHEET and data[5] == 0:  # a worksheet (not a chart, a macro sheet)
            name, _ = _unicode(data, 6, struct.unpack_from("<B", data, 6)[0], short=True)
            sheets.append((name, struct.unpack_from("<I", data)[0]))
        elif kind == _SST:
            sst = [data]
        elif kind == _CONTINUE and sst is not None:
            sst.append(data)
        elif kind == _EOF:
            break
    return sheets, strings


def _rows(stream: bytes, place: int, strings: list[str]):
    """A worksheet's rows in their order, each its cells' texts in their columns' order, up to MAX_ROWS rows."""
    rows: dict[int, dict[int, str]] = {}
    formula: tuple[int, int] | None = None  # the cell whose string result the next STRING record holds
    for kind, data in _records(stream, place):
        if kind == _EOF or len(rows) > MAX_ROWS and kind != _STRING:
            break
        if kind in (_LABELSST, _LABEL, _NUMBER, _RK, _MULRK, _FORMULA, _STRING) and len(data) >= 6:
            row, column = struct.unpack_from("<HH", data)
            cells = rows.setdefault(row, {}) if kind != _STRING else None
            if kind == _LABELSST:
                index = struct.unpack_from("<I", data, 6)[0]
                cells[column] = strings[index] if index < len(strings) else ""
            elif kind == _LABEL:
                cells[column] = _unicode(data, 6, struct.unpack_from("<H", data, 6)[0])[0]
            elif kind == _NUMBER:
                cells[column] = _number(struct.unpack_from("<d", data, 6)[0])
            elif kind == _RK:
                cells[column] = _number(_rk(struct.unpack_from("<I", data, 6)[0]))
            elif kind == _MULRK:
                for n in range((len(data) - 6) // 6):
                    cells[column + n] = _number(_rk(struct.unpack_from("<I", data, 6 + 6 * n)[0]))
            elif kind == _FORMULA:
                result = data[6:14]
                if result[6:8] != b"\xff\xff":
                    cells[column] = _number(struct.unpack("<d", result)[0])
                elif result[0] == 0:
                    formula = (row, column)
            elif formula is not None:  # a STRING record: the formula's text
                rows[formula[0]][formula[1]] = _unicode(data, 0, struct.unpack_from("<H", data)[0])[0]
                formula = None
    return [[cells[column] for column in sorted(cells)] for _, cells in sorted(rows.items())]


def _unicode(data: bytes, at: int, count: int, short: bool = False) -> tuple[str, int]:
    """An XLUnicodeString's text (its count of characters read by the caller: one byte, `short`, or two) and the
    offset after it: a flags byte, then Latin-1 bytes (compressed) or UTF-16."""
    at += 1 if short else 2
    wide = data[at] & 1
    at += 1
    size = count * (2 if wide else 1)
    raw = data[at:at + size]
    return raw.decode("utf-16-le" if wide else "latin-1", "replace"), at + size


def _shared_strings(segments: list[bytes]) -> list[str]:
    """The shared string table: the SST record's strings, which run on into its CONTINUE records. A string's
    characters may be cut by a record's end: the next record then starts with a flags byte that says whether the
    rest is Latin-1 or UTF-16. Its rich-text runs and its phonetic data are skipped."""
    count = min(struct.unpack_from("<I", segments[0], 4)[0], sum(map(len, segments)))
    strings, part, at = [], 0, 8
    for _ in range(count):
        if at >= len(segments[part]):
            part, at = part + 1, 0
            if part >= len(segments):
                break
        data = segments[part]
        length, flags = struct.unpack_from("<HB", data, at)
        at += 3
        runs = extra = 0
        if flags & 0x08:
            runs = struct.unpack_from("<H", data, at)[0]
            at += 2
        if flags & 0x04:
            extra = struct.unpack_from("<I", data, at)[0]
            at += 4
        chunks, left, wide = [], length, flags & 1
        while left:
            if at >= len(data):
                part += 1
                if part >= len(segments):
                    raise OfficeError("a shared string cut short")
                data, at = segments[part], 1
                wide = data[0] & 1
            width = 2 if wide else 1
            take = min(left, (len(data) - at) // width)
            if take == 0:
                raise OfficeError("a shared string cut in a character")
            chunks.append(data[at:at + take * width].decode("utf-16-le" if wide else "latin-1", "replace"))
            at, left = at + take * width, left - take
        strings.append("".join(chunks))
        skip = 4 * runs + extra
        while skip:  # the runs and phonetic data may run on into the next record too (no flags byte then)
            step = min(skip, len(data) - at)
            at, skip = at + step, skip - step
            if skip:
                part += 1
                if part >= len(segments):
                    break
                data, at = segments[part], 0
    return strings


def _rk(value: int) -> float:
    """An RK number: a 30-bit integer or the high 30 bits of a double, maybe divided by 100."""
    if value & 2:
        number = float((value >> 2) - (1 << 30) if value & 0x80000000 else value >> 2)
    else:
        number = struct.unpack("<d", struct.pack("<Q", (value & 0xFFFFFFFC) << 32))[0]
    return number / 100 if value & 1 else number


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)

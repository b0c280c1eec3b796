"""Write grey pictures as the files a town's site serves (a notice's poster): a baseline JPEG at a chosen quality,
a PNG with or without an alpha channel. Our own small encoders (NumPy and zlib), so that the tests and the bench
need no imaging library; slow on large pictures (a JPEG of 2,480 × 3,508 pixels takes seconds), fine for ours."""

from __future__ import annotations

import struct
import zlib

import numpy as np

# JPEG's zigzag order of the 64 coefficients of a block: (row, column) pairs.
_ZIGZAG = sorted(((r, c) for r in range(8) for c in range(8)),
                 key=lambda rc: (rc[0] + rc[1], rc[0] if (rc[0] + rc[1]) % 2 else rc[1]))
_ZIGZAG_INDEX = np.array([r * 8 + c for r, c in _ZIGZAG])
# A quantization table of our own: steps growing with frequency, as any encoder's do.
_BASE_STEPS = np.array([[12 + 3 * (r + c) + (r * c) // 2 for c in range(8)] for r in range(8)], dtype=np.float64)
_DCT = np.array([[(np.sqrt(1 / 8) if u == 0 else np.sqrt(2 / 8)) * np.cos((2 * x + 1) * u * np.pi / 16)
                  for x in range(8)] for u in range(8)])
# Huffman tables of our own, as JPEG allows any: every DC category (0–11) coded on 4 bits, every AC symbol (run
# 0–15 × size 1–10, end of block, 16 zeros) on 8 bits. Larger files than a tuned table gives, decoded the same.
_DC_SYMBOLS = list(range(12))
_AC_SYMBOLS = [0x00, 0xF0] + [run << 4 | size for run in range(16) for size in range(1, 11)]
_AC_CODE = {symbol: code for code, symbol in enumerate(_AC_SYMBOLS)}  # canonical codes of one length: in order


def jpeg(grey: np.ndarray, quality: int = 75) -> bytes:
    """A grey picture (rows of 0–255) as a baseline JPEG file; `quality` from 1 (coarse) to 100 (near exact)."""
    height, width = grey.shape
    scale = 5000 / quality if quality < 50 else 200 - 2 * quality
    steps = np.clip(np.floor((_BASE_STEPS * scale + 50) / 100), 1, 255)
    padded = np.pad(grey.astype(np.float64) - 128, ((0, -height % 8), (0, -width % 8)), mode="edge")
    rows, cols = padded.shape[0] // 8, padded.shape[1] // 8
    blocks = padded.reshape(rows, 8, cols, 8).swapaxes(1, 2)
    coefficients = np.einsum("ux,rcxy,vy->rcuv", _DCT, blocks, _DCT)
    quantized = np.clip(np.rint(coefficients / steps), -1023, 1023).astype(np.int32)  # sizes of 10 bits at most
    quantized = quantized.reshape(rows * cols, 64)[:, _ZIGZAG_INDEX]
    nonzero = quantized[:, 1:] != 0
    lasts = np.where(nonzero.any(axis=1), 63 - np.argmax(nonzero[:, ::-1], axis=1), 0).tolist()
    bits = _BitWriter()
    previous = 0
    for block, last in zip(quantized.tolist(), lasts):
        difference, previous = block[0] - previous, block[0]
        size = _size(difference)
        bits.write(size, 4)  # DC category k has code k
        bits.write(_amplitude(difference, size), size)
        run = 0
        for value in block[1:last + 1]:
            if value == 0:
                run += 1
                continue
            while run > 15:
                bits.write(_AC_CODE[0xF0], 8)
                run -= 16
            size = _size(value)
            bits.write(_AC_CODE[run << 4 | size], 8)
            bits.write(_amplitude(value, size), size)
            run = 0
        if last < 63:
            bits.write(_AC_CODE[0x00], 8)
    quant_table = steps.reshape(64)[_ZIGZAG_INDEX].astype(np.uint8).tobytes()
    return b"".join([
        b"\xff\xd8",
        _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
        _segment(0xDB, b"\x00" + quant_table),
        _segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"),
        _segment(0xC4, b"\x00" + _counts(4, len(_DC_SYMBOLS)) + bytes(_DC_SYMBOLS)),
        _segment(0xC4, b"\x10" + _counts(8, len(_AC_SYMBOLS)) + bytes(_AC_SYMBOLS)),
        _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
        bits.flush(),
        b"\xff\xd9",
    ])


def png(grey: np.ndarray, alpha: bool = False) -> bytes:
    """A grey picture as a PNG file: 8-bit grey, or grey with an opaque alpha channel (`alpha`: as a design program
    exports a poster "with transparency")."""
    height, width = grey.shape
    pixels = np.dstack([grey, np.full_like(grey, 255)]).reshape(height, width * 2) if alpha else grey
    rows = np.hstack([np.zeros((height, 1), dtype=np.uint8), pixels.astype(np.uint8)])  # filter 0 on each row
    header = struct.pack(">IIBBBBB", width, height, 8, 4 if alpha else 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 6))
            + _chunk(b"IEND", b""))


def _chunk(name: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + name + data + struct.pack(">I", zlib.crc32(name + data))


def _segment(marker: int, data: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data


def _counts(length: int, symbols: int) -> bytes:
    """A DHT's 16 counts of codes per length: all `symbols` on `length` bits."""
    return bytes(symbols if n == length else 0 for n in range(1, 17))


def _size(value: int) -> int:
    return abs(value).bit_length()


def _amplitude(value: int, size: int) -> int:
    """A coefficient's extra bits: the value, or for a negative one its ones' complement in `size` bits."""
    return value if value >= 0 else value + (1 << size) - 1


class _BitWriter:
    """Bits written most significant first, a 0xFF byte followed by 0x00 as JPEG's data requires."""

    def __init__(self):
        self.out, self.value, self.count = bytearray(), 0, 0

    def write(self, code: int, length: int) -> None:
        self.value, self.count = (self.value << length) | code, self.count + length
        while self.count >= 8:
            self.count -= 8
            byte = (self.value >> self.count) & 0xFF
            self.out.append(byte)
            if byte == 0xFF:
                self.out.append(0)
        self.value &= (1 << self.count) - 1

    def flush(self) -> bytes:
        if self.count:
            self.write((1 << (8 - self.count)) - 1, 8 - self.count)  # padded with ones
        return bytes(self.out)

"""Content identity of article texts: exact hash, SimHash-64, MinHash with LSH band keys, and the copy test."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

SHINGLE_WORDS = 3  # word shingles: a changed word touches only three of them
NUM_PERM = 128
MINHASH_SEED = 20260301  # pinned with the scheme and the feature hash: stored band keys depend on all three
MINHASH_SCHEME = "affine64"  # fed with our 64-bit BLAKE2b feature hashes (the ones SimHash uses) as they are
MINHASH_BANDS, MINHASH_ROWS = 32, 4  # LSH: texts of Jaccard 0.5 share a band 87 % of the time, of 0.6 99 %
SIMHASH_BANDS, SIMHASH_BAND_BITS = 4, 16  # within 3 bits, two SimHashes share at least one band exactly

MIN_SHINGLES = 20  # shorter texts are only ever exact copies
NEAR_BITS = 3  # SimHash distance of a repost
NEAR_JACCARD = 0.5  # Jaccard similarity of the word shingles of a rewrite
TEASER_CONTAINMENT = 0.8  # share of the shorter text found in the longer one
TEASER_MIN_RATIO = 0.3  # a "teaser" shorter than this share of the longer text is only a quotation

_WORD = re.compile(r"\w+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # accents
_MASK64 = (1 << 64) - 1


@dataclass(frozen=True)
class Fingerprint:
    """What identifies a text: exact hash, SimHash (signed 64-bit), word shingles and their MinHash values."""

    exact: str
    simhash: int
    shingles: frozenset[str]
    minhash: tuple[int, ...] = ()  # left empty for an archived text that is only being compared
    minhash_keys: tuple[tuple[int, int], ...] = ()  # its LSH band keys, computed with it (lookup and index use them)

    @property
    def size(self) -> int:
        return len(self.shingles)

    def simhash_bands(self) -> list[tuple[int, int]]:
        return simhash_bands(self.simhash)

    def minhash_bands(self) -> list[tuple[int, int]]:
        return list(self.minhash_keys)


@dataclass(frozen=True)
class Copy:
    """How a new text relates to an archived one: "exact", "near" (repost, rewrite) or "teaser"."""

    kind: str
    jaccard: float
    containment: float  # share of the shorter text's shingles found in the longer one
    distance: int  # SimHash Hamming distance
    new_is_longer: bool


def words(text: str) -> list[str]:
    """The text's words, case-folded, without accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return _WORD.findall(_COMBINING.sub("", decomposed))


def shingles(tokens: list[str], k: int = SHINGLE_WORDS) -> frozenset[str]:
    if len(tokens) < k:
        return frozenset({" ".join(tokens)} if tokens else ())
    return frozenset(" ".join(tokens[i:i + k]) for i in range(len(tokens) - k + 1))


def exact_hash(text: str) -> str:
    """SHA-256 of the normalized words: the same text with other spacing, case or punctuation hashes alike."""
    return _exact(words(text))


def _exact(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


def feature_hashes(features: frozenset[str]) -> np.ndarray:
    """A 64-bit BLAKE2b hash of each feature: the input of both SimHash and MinHash."""
    import numpy as np  # here, not at the top: a crawl that stores nothing never loads NumPy

    return np.fromiter((int.from_bytes(hashlib.blake2b(f.encode("utf-8"), digest_size=8).digest(), "little")
                        for f in features), dtype=np.uint64, count=len(features))


def simhash(hashes: np.ndarray) -> int:
    """SimHash-64 of a set of feature hashes, as a signed 64-bit integer (what SQLite stores)."""
    if not len(hashes):
        return 0
    import numpy as np

    bits = np.unpackbits(hashes.astype("<u8").view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    votes = bits.sum(axis=0, dtype=np.int64) * 2 - len(hashes)
    value = sum(1 << i for i in range(64) if votes[i] > 0)
    return value - (1 << 64) if value >= 1 << 63 else value


def minhash(hashes: np.ndarray) -> tuple[int, ...]:
    """MinHash values of a set of feature hashes, with the pinned seed and scheme.

    The "affine64" scheme of datasketch 2.x, which wrote the first archives: each hash is mixed once
    with the MurmurHash3 64-bit finalizer, then each of NUM_PERM permutations h -> a*h + b (mod 2^64,
    `a` odd, drawn from NumPy's RandomState(MINHASH_SEED)) keeps its minimum. Our own few lines: the
    values are identical (tests/test_fingerprints.py checks them against datasketch's, recorded once by
    bench/record_minhash.py), without its import of scipy (0.45 s and 55 MB in every process that needs one).
    """
    if not len(hashes):
        return (_MASK64,) * NUM_PERM
    import numpy as np

    a, b = _permutations()
    shift, fmix1, fmix2 = np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)
    with np.errstate(over="ignore"):  # wrapping multiplication is the modulo 2^64
        mixed = hashes.astype(np.uint64) ^ (hashes.astype(np.uint64) >> shift)
        mixed = mixed * fmix1
        mixed ^= mixed >> shift
        mixed = mixed * fmix2
        mixed ^= mixed >> shift
        values = (mixed.reshape(-1, 1) * a + b).min(axis=0)
    return tuple(int(v) for v in values)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    generator = np.random.RandomState(MINHASH_SEED)
    a = generator.randint(0, 1 << 63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = generator.randint(0, 1 << 64, NUM_PERM, dtype=np.uint64)
    return a, b


def fingerprint(text: str, with_minhash: bool = True) -> Fingerprint:
    """Every signature of one text (without MinHash values when the text is only to be compared)."""
    tokens = words(text)
    features = shingles(tokens)
    hashes = feature_hashes(features)
    values = minhash(hashes) if with_minhash else ()
    return Fingerprint(exact=_exact(tokens), simhash=simhash(hashes), shingles=features, minhash=values,
                       minhash_keys=tuple(minhash_bands(values)) if values else ())


def simhash_bands(value: int) -> list[tuple[int, int]]:
    """(band, 16-bit value) for each of the four bands of a SimHash."""
    mask = (1 << SIMHASH_BAND_BITS) - 1
    return [(band, ((value & _MASK64) >> (band * SIMHASH_BAND_BITS)) & mask) for band in range(SIMHASH_BANDS)]


def minhash_bands(values: tuple[int, ...]) -> list[tuple[int, int]]:
    """(band, signed 64-bit key) for each LSH band of MinHash values: equal keys mean equal rows."""
    keys = []
    for band in range(MINHASH_BANDS):
        rows = b"".join(v.to_bytes(8, "little") for v in values[band * MINHASH_ROWS:(band + 1) * MINHASH_ROWS])
        keys.append((band, int.from_bytes(hashlib.blake2b(rows, digest_size=8).digest(), "little", signed=True)))
    return keys


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & _MASK64).bit_count()


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set found in the larger one."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def compare(new: Fingerprint, old: Fingerprint) -> Copy | None:
    """The kind of copy `new` is of `old`, or None when they are different texts (whatever their subject).

    Exact measures on the shingle sets decide: the band tables only bring the candidates.
    """
    longer = new.size > old.size
    if new.exact == old.exact:
        return Copy("exact", 1.0, 1.0, 0, longer)
    if min(new.size, old.size) < MIN_SHINGLES:
        return None
    similarity, distance = jaccard(new.shingles, old.shingles), hamming(new.simhash, old.simhash)
    contained = containment(new.shingles, old.shingles)
    if distance <= NEAR_BITS or similarity >= NEAR_JACCARD:
        return Copy("near", similarity, contained, distance, longer)
    if contained >= TEASER_CONTAINMENT and min(new.size, old.size) >= TEASER_MIN_RATIO * max(new.size, old.size):
        return Copy("teaser", similarity, contained, distance, longer)
    return None

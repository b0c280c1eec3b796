"""Record datasketch's MinHash values once, as the reference tests/test_fingerprints.py checks ours against.

newswatch's MinHash (newswatch/text/fingerprints.py) is datasketch 2.x's "affine64" scheme, which wrote the first
archives. The tests compare our values with the ones datasketch gave for the same inputs, recorded here in
tests/fixtures/minhash_datasketch.json, so that the test extra needs neither datasketch nor the SciPy it pulls.

Re-record (only if the inputs below change; the values must not):
    pip install -e '.[bench]'   # brings datasketch
    python -m bench.record_minhash
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "minhash_datasketch.json"
SIZES = (0, 1, 7, 400, 5000)  # an empty set, one feature, a short text, a long one, a very long one


def feature_inputs(size: int) -> list[int]:
    """`size` 64-bit feature hashes, the same on every run (Python's Random with the size as seed)."""
    rng = random.Random(size)
    return [rng.getrandbits(64) for _ in range(size)]


def inputs_digest(values: list[int]) -> str:
    """A short SHA-256 of the inputs, so that a test notices if it is not given the recorded ones."""
    return hashlib.sha256(",".join(map(str, values)).encode("ascii")).hexdigest()[:16]


def record() -> dict:
    from datasketch import MinHash  # only here: datasketch is in the bench extra, not in the test extra
    from importlib.metadata import version

    from newswatch.text import fingerprints as fp

    cases = []
    for size in SIZES:
        inputs = feature_inputs(size)
        theirs = MinHash(num_perm=fp.NUM_PERM, seed=fp.MINHASH_SEED, scheme=fp.MINHASH_SCHEME, hashfunc=int)
        theirs.update_batch(inputs)
        cases.append({"size": size, "inputs_sha256": inputs_digest(inputs),
                      "hashvalues": [int(v) for v in theirs.hashvalues]})
    return {"recorded_by": "python -m bench.record_minhash", "datasketch": version("datasketch"),
            "num_perm": fp.NUM_PERM, "seed": fp.MINHASH_SEED, "scheme": fp.MINHASH_SCHEME, "cases": cases}


def main() -> int:
    reference = record()
    cases = ",\n".join("  " + json.dumps(case) for case in reference.pop("cases"))  # a line per case
    text = json.dumps(reference, indent=1)[:-2] + ',\n "cases": [\n' + cases + "\n ]\n}\n"
    FIXTURE.write_text(text, encoding="utf-8")
    print(f"wrote {FIXTURE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

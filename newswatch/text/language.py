"""The language of an article: py3langid over its text, the page's declared language for texts too short to tell."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from functools import cache
from pathlib import Path

MIN_CHARS = 200  # below this, a declared language is trusted over the identifier
MIN_PROBABILITY = 0.9  # …unless the identifier is at least this sure
SAMPLE_CHARS = 1000  # identified on the first 1,000 characters: enough for article text, and 5× cheaper than 5,000
# The model's arrays, unpacked once into the cache folder and mapped from there (see load_identifier).
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


@cache
def _identifier():
    """py3langid's model (97 languages), loaded once per process (the extraction fork server preloads it)."""
    from newswatch.config import cache_folder

    try:
        folder = cache_folder()
    except RuntimeError:  # no home folder to keep a cache in
        folder = None
    return load_identifier(folder)


def load_identifier(folder: Path | None):
    """py3langid's identifier, its arrays mapped read-only from an unpacked copy of its model in `folder`.

    The packaged model is LZMA-compressed: loading it costs 0.7 s of CPU and 75 MB of memory in the
    process that loads it. Unpacked once (67 MB on disk, made on first use and renamed into place, so
    that concurrent crawls agree), it loads in a few milliseconds, its pages are shared through the page
    cache by every process that maps them, and only those a process's texts reach become resident.
    Without a usable folder (None, not writable, a damaged copy), the packaged model is loaded into
    memory as before: the same answers, at the old cost; a damaged copy is removed, to be made again.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    if folder is not None:
        try:
            return _mapped_identifier(LanguageIdentifier, _unpacked_model(folder, MODEL_DIR / MODEL_FILE))
        except (OSError, ValueError, ImportError, TypeError, AttributeError):
            pass
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _mapped_identifier(identifier_class, unpacked: Path):
    import numpy as np

    try:
        ptc, pc, classes, nextmove, row, out_feat = (np.load(unpacked / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                                                     for name in _ARRAYS)
        if not (ptc.ndim == 2 and ptc.shape[1] == len(pc) == len(classes) and nextmove.size % 256 == 0
                and len(row) == len(out_feat) and nextmove.dtype == np.uint32 and out_feat.dtype == np.int32):
            raise ValueError(f"{unpacked}: the model's arrays do not fit together")
    except (OSError, ValueError):
        shutil.rmtree(unpacked, ignore_errors=True)
        raise
    identifier = identifier_class(ptc, pc, classes.tolist(), memoryview(nextmove), memoryview(out_feat),
                                  norm_probs=True, tk_row=())
    # Each state's row offset (row << 8), which py3langid would keep as a list of 104,583 ints (3.7 MB in every
    # process): computed once into an array. Its name is py3langid 0.4's; another raises AttributeError (slots).
    identifier.tk_row = memoryview(row)
    identifier._rowbase = memoryview(row.astype(np.uint32) << 8)
    return identifier


def _unpacked_model(folder: Path, packed: Path) -> Path:
    """The folder holding the model's arrays as .npy files, unpacked from `packed` unless already there.

    Named after the packed file's size and time, so that a new py3langid gets its own copy (older copies
    are removed); built in a temporary folder renamed into place, so a reader never sees half a copy.
    """
    import numpy as np
    from py3langid.modelio import load_model

    stat = packed.stat()
    name = f"py3langid-{stat.st_size}-{stat.st_mtime_ns}"
    final = folder / name
    made = final / f"{_ARRAYS[-1]}.npy"  # the last file written: the copy is whole (it was renamed into place whole)
    if made.exists():
        return final
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("py3langid-*"):  # an older model's copy, or a build left by a killed process
        if old.name != name and (not old.name.endswith(".tmp") or time.time() - old.stat().st_mtime > 3600):
            shutil.rmtree(old, ignore_errors=True)
    building = Path(tempfile.mkdtemp(prefix=f"{name}-", suffix=".tmp", dir=folder))
    try:
        ptc, pc, classes, nextmove, row, out_feat = load_model(packed)
        arrays = {"ptc": ptc, "pc": pc, "classes": np.array(classes), "nextmove": np.asarray(nextmove, np.uint32),
                  "nextmove_row": np.asarray(row), "out_feat": np.asarray(out_feat, np.int32)}
        for key in _ARRAYS:
            np.save(building / f"{key}.npy", arrays[key], allow_pickle=False)
        os.rename(building, final)
    except OSError:
        if not made.exists():  # not a concurrent build that won the race
            raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return final


def warm_up() -> None:
    """Load the model now (the extraction fork server does, so that its workers fork with it in memory)."""
    _identifier()


def identify(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability of the text's language, by py3langid."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return code, float(probability)


def declared_code(value: str | None) -> str | None:
    """'fr-FR', 'fr_FR', 'FR' → 'fr'; None for anything that is not a language tag."""
    code = (value or "").strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def language_of(text: str, declared: str | None = None) -> str | None:
    """The language of `text`: the identifier's answer, or the declared one when the text is short and the
    identifier unsure; None when there is neither text nor a declaration."""
    declared = declared_code(declared)
    if not text or not text.strip():
        return declared
    code, probability = identify(text)
    if declared and len(text) < MIN_CHARS and probability < MIN_PROBABILITY:
        return declared
    return code

"""Write the evaluation pages: `python -m bench.quality.author` renders every page of press.py, web.py and
world.py to bench/quality/pages/<slug>.html with its expected output in <slug>.json (both committed)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.quality import press, web, world
from bench.quality.skins import SKINS

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def all_pages():
    pages = press.PAGES + web.PAGES + world.PAGES
    slugs = [p.slug for p in pages]
    duplicates = {s for s in slugs if slugs.count(s) > 1}
    if duplicates:
        raise ValueError(f"two pages share a slug: {sorted(duplicates)}")
    return pages


def write(folder: Path = PAGES_DIR) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    pages = all_pages()
    for old in folder.glob("*.*"):
        old.unlink()
    for page in pages:
        (folder / f"{page.slug}.html").write_text(SKINS[page.skin](page), encoding="utf-8")
        (folder / f"{page.slug}.json").write_text(json.dumps(page.expected(), ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")
    return len(pages)


if __name__ == "__main__":
    print(f"{write()} pages written to {PAGES_DIR}")

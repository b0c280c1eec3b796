"""Print the bench: machine and versions, one table per comparison, ratios against their targets."""

from __future__ import annotations

import os
import platform
import sqlite3
from importlib.metadata import version
from pathlib import Path

from bench.procs import Measured

PACKAGES = ("scrapy", "twisted", "trafilatura", "lxml", "sqlalchemy", "htmldate", "justext")


def machine() -> str:
    """One paragraph: cores, CPU model, memory, load, Python and package versions."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "?")
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    versions = ", ".join(f"{name} {_version(name)}" for name in PACKAGES)
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    return (f"machine: {os.cpu_count()} cores ({model}), {memory / 1024:.1f} GiB RAM, load average {load}\n"
            f"python {platform.python_version()}, sqlite {sqlite3.sqlite_version}, {versions}")


def _version(name: str) -> str:
    try:
        return version(name)
    except Exception:  # noqa: BLE001 - a missing package is reported, not fatal
        return "?"


def table(headers: list[str], rows: list[list]) -> str:
    """A plain-text table, numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    for row in cells:
        out.append("  ".join(c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(out)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return str(value)


def _numeric(cell: str) -> bool:
    return cell.replace(",", "").replace(".", "").replace("%", "").replace("×", "").replace("-", "").isdigit()


def run_row(name: str, pages: int, m: Measured) -> list:
    """The usual columns of one measured run."""
    return [name, pages, m.wall, pages / m.wall if m.wall else 0.0, m.cpu, 1000 * m.cpu / pages if pages else 0.0,
            f"{m.peak_rss / 2**20:,.0f}", f"{m.other_cpu / m.wall:.2f}" if m.wall else "-"]


RUN_HEADERS = ["run", "pages", "wall s", "pages/s", "CPU s", "CPU ms/page", "peak RSS MB", "other load (cores)"]


def verdict(label: str, value: float, target: float, higher_is_better: bool = True, unit: str = "×") -> str:
    met = value >= target if higher_is_better else value < target
    sign = "≥" if higher_is_better else "<"
    return f"  {label}: {value:.2f}{unit} (target {sign} {target:g}{unit}) {'MET' if met else 'NOT MET'}"

"""Install cost of the dependency choices: venv size, pip install time and import time, one fresh venv each.

`python -m bench.bench_install` builds a venv per variant under a temporary folder (pip's cache is used, as
on a second install; the first variant warms it), installs the project's runtime requirements with or
without a chart library or the test extras, and prints a table. It downloads from the package index, so
it is not part of `python -m bench` (which runs offline).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHART_LIBRARIES = ("matplotlib", "pygal", "leather")


def runtime_requirements() -> list[str]:
    """The project's runtime requirements, without any chart library."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [r for r in project["dependencies"] if not r.lower().startswith(CHART_LIBRARIES)]


TEST = ["pytest>=8", "pytest-timeout>=2.3", "aiosmtpd>=1.4", "datasette>=0.64"]
VARIANTS = {  # name: (requirements, modules whose import is timed)
    "runtime, no chart library": (runtime_requirements(), ["newswatch.cli"]),
    "runtime + matplotlib": (runtime_requirements() + ["matplotlib>=3.8"],
                             ["matplotlib.figure", "matplotlib.backends.backend_agg"]),
    "runtime + pygal": (runtime_requirements() + ["pygal>=3.0"], ["pygal"]),
    "runtime + leather": (runtime_requirements() + ["leather>=0.4"], ["leather"]),
    "runtime + tests, no datasketch": (runtime_requirements() + TEST, []),
    "runtime + tests + datasketch": (runtime_requirements() + TEST + ["datasketch>=2.0"], ["datasketch"]),
}


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def measure(name: str, requirements: list[str], modules: list[str], folder: Path) -> dict:
    venv = folder / name.replace(" ", "_").replace(",", "").replace("+", "plus")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    empty = du(venv)
    started = time.perf_counter()
    subprocess.run([python, "-m", "pip", "install", "--quiet", *requirements], check=True)
    if "newswatch.cli" in modules:
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(REPO)], check=True)
    install = time.perf_counter() - started
    imports = {}
    for module in modules:
        runs = []
        for _ in range(3):
            began = time.perf_counter()
            subprocess.run([python, "-c", f"import {module}"], check=True, cwd=folder)
            runs.append(time.perf_counter() - began)
        imports[module] = min(runs)
    return {"variant": name, "venv_mb": du(venv) / 1e6, "added_mb": (du(venv) - empty) / 1e6,
            "install_s": install, "imports": imports}


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="newswatch-install-"))
    try:
        print(f"{'variant':34} {'venv MB':>8} {'deps MB':>8} {'install s':>10}  import s (best of 3)")
        for name, (requirements, modules) in VARIANTS.items():
            row = measure(name, requirements, modules, folder)
            imports = ", ".join(f"{m} {s:.2f}" for m, s in row["imports"].items())
            print(f"{name:34} {row['venv_mb']:8.0f} {row['added_mb']:8.0f} {row['install_s']:10.1f}  {imports}",
                  flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

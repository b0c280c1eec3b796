"""Install cost of the dependency choices: venv size, pip install time and import time, one fresh venv each.

`python -m bench.bench_install [WORD...]` (only the variants whose name has one of the words) first downloads
every requirement once (not timed, so that each variant installs from pip's cache, as on a second install),
then builds a venv per variant under a temporary folder, installs the project's runtime requirements with or
without a chart library or the test extra, and prints a table. In the venv of the test extra (which has
neither matplotlib nor datasketch) it runs the tests of the report, the feed and the fingerprints, to show
they need neither. It downloads from the package index, so it is not part of `python -m bench` (which runs
offline). Measured figures and the choice: README "Benchmarks".
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHART_LIBRARIES = ("matplotlib", "pygal", "leather")
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def runtime_requirements() -> list[str]:
    """The project's runtime requirements, without any chart library."""
    return [r for r in PROJECT["dependencies"] if not r.lower().startswith(CHART_LIBRARIES)]


RUNTIME = runtime_requirements()
TEST = PROJECT["optional-dependencies"]["test"]
CHECK = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "not postgresql",  # PostgreSQL's need the scale extra
         "tests/test_report.py", "tests/test_feed.py", "tests/test_fingerprints.py"]
VARIANTS = {  # name: (requirements, modules whose import is timed, command run in the venv from the repo)
    "runtime, no chart library": (RUNTIME, ["newswatch.cli"], None),
    "runtime + matplotlib (before)": (RUNTIME + ["matplotlib>=3.8"],
                                      ["matplotlib.figure", "matplotlib.backends.backend_agg"], None),
    "runtime + pygal": (RUNTIME + ["pygal>=3.0"], ["pygal"], None),
    "runtime + leather": (RUNTIME + ["leather>=0.4"], ["leather"], None),
    "runtime + tests (now)": (PROJECT["dependencies"] + TEST, ["newswatch.outputs.report"], CHECK),
    "runtime + tests (before: matplotlib, datasketch)": (RUNTIME + ["matplotlib>=3.8", "datasketch>=2.0"] + TEST,
                                                         ["datasketch"], None),
}


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def measure(name: str, requirements: list[str], modules: list[str], check: list[str] | None, folder: Path) -> dict:
    venv = folder / re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    empty = du(venv)
    started = time.perf_counter()
    subprocess.run([python, "-m", "pip", "install", "--quiet", *requirements], check=True)
    install = time.perf_counter() - started
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(REPO)], check=True)
    imports = {}
    for module in modules:
        runs = []
        for _ in range(3):
            began = time.perf_counter()
            subprocess.run([python, "-c", f"import {module}"], check=True, cwd=folder)
            runs.append(time.perf_counter() - began)
        imports[module] = min(runs)
    checked = None
    if check:
        done = subprocess.run([python, *check], cwd=REPO, capture_output=True, text=True)
        present = subprocess.run([python, "-c", "import importlib.util as u; print([m for m in ('matplotlib', "
                                  "'datasketch', 'scipy') if u.find_spec(m)])"], capture_output=True, text=True)
        problems = [line for line in done.stdout.splitlines() if line.startswith(("ERROR", "FAILED"))]
        checked = f"{done.stdout.strip().splitlines()[-1]} (installed of matplotlib/datasketch/scipy: " \
                  f"{present.stdout.strip()})" + "".join(f"\n{'':52}{line}" for line in problems)
    return {"variant": name, "venv_mb": du(venv) / 1e6, "added_mb": (du(venv) - empty) / 1e6,
            "install_s": install, "imports": imports, "check": checked}


def main(only: list[str]) -> int:
    """Measure every variant, or those whose name contains one of `only`."""
    variants = {name: v for name, v in VARIANTS.items() if not only or any(word in name for word in only)}
    folder = Path(tempfile.mkdtemp(prefix="newswatch-install-"))
    try:
        everything = sorted({r for requirements, _, _ in variants.values() for r in requirements})
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "-d", str(folder / "wheels"),
                        *everything], check=True)
        print(f"{'variant':50} {'venv MB':>8} {'deps MB':>8} {'install s':>10}  import s (best of 3)")
        for name, (requirements, modules, check) in variants.items():
            row = measure(name, requirements, modules, check, folder)
            imports = ", ".join(f"{m} {s:.2f}" for m, s in row["imports"].items())
            print(f"{name:50} {row['venv_mb']:8.0f} {row['added_mb']:8.0f} {row['install_s']:10.1f}  {imports}",
                  flush=True)
            if row["check"]:
                print(f"{'':50} tests in this venv: {row['check']}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

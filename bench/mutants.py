"""Mutation testing of the modules where a one-line slip loses articles: `python -m bench mutants` (not in CI).

Each mutant is one small change to one module (a comparison turned, `and` for `or`, one side of an `or` dropped,
an element dropped from a literal tuple, a number moved by one, a flag flipped, a string emptied, a call
statement removed). It is written into a scratch copy of the repository and that module's tests run there with
-x; a mutant is killed when a test fails (or the run times out), survives when all pass. Child processes
(crawls) run the scratch copy too, since they start from its folder.

The first run of the unchanged code also records, in every process that imports the module (crawls included),
which lines of it each test file reaches. A mutant inside a function then runs only the test files that reached
its lines (all of them when a line was reached while a fixture was set up, since fixtures are shared); one whose
lines no test reached is `unreached`: it survives without being run.

    python -m bench mutants                      # the modules of TARGETS, with their tests
    python -m bench mutants --module outcomes    # one of them
    python -m bench mutants --rev abb3e96        # the tree (code and tests) of an earlier commit: a "before" score
    python -m bench mutants --list               # print the mutants, run nothing (of --rev's tree if given)
"""

from __future__ import annotations

import argparse
import ast
import copy
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"

# module -> (file, tests run against each of its mutants, fastest first: -x stops at the first failure)
TARGETS = {
    "topics": ("newswatch/text/topics.py", ["tests/test_topics.py", "tests/test_search_feeds.py",
                                            "tests/test_prefilter_property.py", "tests/test_search.py"]),
    # the prefilter and the folding it reads pages through, in modules of their own since topics.py was split
    "prefilter": ("newswatch/text/prefilter.py", ["tests/test_topics.py", "tests/test_prefilter_property.py"]),
    "folding": ("newswatch/text/folding.py", ["tests/test_topics.py", "tests/test_prefilter_property.py"]),
    "outcomes": ("crawler/outcomes.py", ["tests/test_outcomes.py"]),
    "dedup": ("store/dedup.py", ["tests/test_fingerprints.py", "tests/test_dedup_e2e.py"]),
    "store": ("pipelines/store.py", ["tests/test_dedup_e2e.py", "tests/test_crawl_e2e.py"]),
    # the store pipeline's saving and its run accounting, in modules of their own since it was split
    "saving": ("pipelines/saving.py", ["tests/test_dedup_e2e.py", "tests/test_crawl_e2e.py", "tests/test_leads_e2e.py"]),
    "accounting": ("pipelines/accounting.py", ["tests/test_crawl_e2e.py", "tests/test_runs.py"]),
}
_SWAP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
         ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.Add: ast.Sub, ast.Sub: ast.Add,
         ast.And: ast.Or, ast.Or: ast.And}


@dataclass(frozen=True)
class Mutant:
    number: int
    line: int
    change: str
    end_line: int = 0  # the last line of the mutated node (its lines are `line`..`end_line`)


class _Mutator(ast.NodeTransformer):
    """Walks a module; with `target` = None it lists the mutation points, else it applies mutation `target`."""

    def __init__(self, target: int | None = None):
        self.target, self.count, self.found = target, 0, []

    def _point(self, node: ast.AST, change: str, mutated):
        """Register one mutation point; return the mutated node if it is the one asked for, else the node."""
        number = self.count
        self.count += 1
        if self.target is None:
            line = getattr(node, "lineno", 0)
            self.found.append(Mutant(number, line, change, getattr(node, "end_lineno", None) or line))
        return mutated() if number == self.target else None

    # annotations (strings under `from __future__ import annotations`) and docstrings are not code that runs
    def visit_arg(self, node):
        return node

    def visit_AnnAssign(self, node):
        node.value = self.visit(node.value) if node.value else None
        return node

    def visit_FunctionDef(self, node):
        node.body = [self.visit(n) for n in node.body]
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        node.args.kw_defaults = [self.visit(d) if d else d for d in node.args.kw_defaults]
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Compare(self, node):
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            if type(op) in _SWAP:
                def turn(i=i, op=op):
                    out = copy.deepcopy(node)
                    out.ops[i] = _SWAP[type(op)]()
                    return out
                mutated = self._point(node, f"{type(op).__name__} -> {_SWAP[type(op)].__name__}", turn)
                if mutated is not None:
                    return mutated
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        mutated = self._point(node, f"{type(node.op).__name__} -> {_SWAP[type(node.op)].__name__}",
                              lambda: ast.BoolOp(op=_SWAP[type(node.op)](), values=node.values))
        if mutated is not None:
            return mutated
        for i in range(len(node.values)):
            def drop(i=i):
                rest = node.values[:i] + node.values[i + 1:]
                return rest[0] if len(rest) == 1 else ast.BoolOp(op=node.op, values=rest)
            mutated = self._point(node, f"{type(node.op).__name__}: operand {i + 1} dropped", drop)
            if mutated is not None:
                return mutated
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if type(node.op) in _SWAP:
            mutated = self._point(node, f"{type(node.op).__name__} -> {_SWAP[type(node.op)].__name__}",
                                  lambda: ast.BinOp(left=node.left, op=_SWAP[type(node.op)](), right=node.right))
            if mutated is not None:
                return mutated
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            mutated = self._point(node, "not dropped", lambda: node.operand)
            if mutated is not None:
                return mutated
        return node

    def visit_Tuple(self, node):
        return self._collection(node)

    def visit_Set(self, node):
        return self._collection(node)

    def _collection(self, node):
        self.generic_visit(node)
        if isinstance(node, ast.Tuple) and not isinstance(node.ctx, ast.Load):
            return node
        if len(node.elts) >= 2 and all(isinstance(e, ast.Constant) for e in node.elts):
            for i, element in enumerate(node.elts):
                def drop(i=i):
                    out = copy.deepcopy(node)
                    del out.elts[i]
                    return out
                mutated = self._point(node, f"element {element.value!r} dropped", drop)
                if mutated is not None:
                    return mutated
        return node

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, bool):
            return self._point(node, f"{value} -> {not value}", lambda: ast.Constant(not value)) or node
        if isinstance(value, int):
            return self._point(node, f"{value} -> {value + 1}", lambda: ast.Constant(value + 1)) or node
        if isinstance(value, float):
            return self._point(node, f"{value} -> {value * 2 or 1.0}", lambda: ast.Constant(value * 2 or 1.0)) or node
        if isinstance(value, str) and value:
            return self._point(node, f"{value[:30]!r} -> ''", lambda: ast.Constant("")) or node
        return node

    def visit_JoinedStr(self, node):
        return node  # messages: their words are checked where they matter, as plain strings

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Constant):
            return node  # a docstring
        self.generic_visit(node)
        if isinstance(node.value, (ast.Call, ast.Await)):
            mutated = self._point(node, "call statement removed", lambda: ast.Pass())
            if mutated is not None:
                return mutated
        return node

    def visit_Return(self, node):
        self.generic_visit(node)
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            mutated = self._point(node, "returns None", lambda: ast.Return(value=ast.Constant(None)))
            if mutated is not None:
                return mutated
        return node


def mutants_of(source: str) -> list[Mutant]:
    mutator = _Mutator()
    mutator.visit(ast.parse(source))
    return mutator.found


def mutated_source(source: str, number: int) -> str:
    tree = _Mutator(number).visit(ast.parse(source))
    return ast.unparse(ast.fix_missing_locations(tree))


# Appended to the module for the first run (no line moves): from the end of its import on, every process that imports
# it writes the lines of this file it runs, once per test (PYTEST_CURRENT_TEST, which child processes inherit).
_TRACER = """

def _bench_mutants_trace():
    import os, sys, threading
    folder = os.environ.get("NW_MUTANT_TRACE")
    if not folder:
        return
    here, seen = sys._getframe().f_code.co_filename, set()
    out = os.open(os.path.join(folder, f"{os.getpid()}.lines"), os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.write(out, b"0\\timported\\n")  # a bare descriptor: no file object to warn about at exit, no buffer to lose

    def line(frame, event, arg):
        if event == "line":
            key = (frame.f_lineno, os.environ.get("PYTEST_CURRENT_TEST", ""))
            if key not in seen:
                seen.add(key)
                os.write(out, f"{key[0]}\\t{key[1]}\\n".encode())
        return line

    def call(frame, event, arg):
        return line if frame.f_code.co_filename == here else None

    sys.settrace(call)
    threading.settrace(call)


_bench_mutants_trace()
"""
ANY = "*"  # reached at import, by a fixture's set-up, or outside pytest: every test file may see the change


def reached(folder: Path, source: str) -> dict[int, set[str]]:
    """Line -> the test files (or ANY) that ran it, from the trace files of the first run."""
    lines: dict[int, set[str]] = {}
    imported = False
    for trace in folder.glob("*.lines"):
        for record in trace.read_text(encoding="utf-8").splitlines():
            number, _, test = record.partition("\t")
            if number == "0":
                imported = True
                continue
            phase_call = test.endswith(" (call)")
            lines.setdefault(int(number), set()).add(test.split("::")[0] if phase_call else ANY)
    if imported:  # what runs at import (module and class bodies, defaults, decorators) ran before the tracer
        inside = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                body = node.body if isinstance(node.body, list) else [node.body]
                inside.update(range(body[0].lineno, max(b.end_lineno for b in body) + 1))
        for number in range(1, len(source.splitlines()) + 1):
            if number not in inside:
                lines.setdefault(number, set()).add(ANY)
    return lines


def tests_reaching(mutant: Mutant, lines: dict[int, set[str]], tests: list[str]) -> list[str]:
    """The tests (in their order) whose files ran one of the mutant's lines."""
    files = set().union(*(lines.get(n, set()) for n in range(mutant.line, max(mutant.line, mutant.end_line) + 1)))
    return tests if ANY in files else [t for t in tests if t.split("::")[0] in files]


def scratch_copy(rev: str | None) -> Path:
    """The repository's files (as tracked now, or at `rev`) in a new folder."""
    folder = Path(tempfile.mkdtemp(prefix="newswatch-mutants-"))
    if rev:
        archive = subprocess.run(["git", "archive", rev], cwd=REPO, capture_output=True, check=True).stdout
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(folder, filter="data")
    else:
        files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True,
                               text=True, check=True).stdout.split()
        for name in files:
            if (REPO / name).is_file():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / name, folder / name)
    return folder


def run_tests(folder: Path, tests: list[str], timeout: float, env: dict | None = None) -> tuple[str, float]:
    start = time.monotonic()
    try:
        result = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                                cwd=folder, capture_output=True, text=True, timeout=timeout,
                                env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start
    verdict = {0: "survived", 1: "killed"}.get(result.returncode, f"error {result.returncode}")
    if verdict != "survived" and not re.search(r"\d+ (?:failed|errors?)\b", result.stdout):
        # no test failed nor errored: the run itself broke (a mutant that breaks an import still errors in
        # collection); if the environment did (a shared venv being rebuilt), stop rather than count kills
        check = subprocess.run([sys.executable, "-c", "import pytest, scrapy, sqlalchemy"], capture_output=True)
        if check.returncode != 0:
            raise SystemExit(f"the Python environment broke during the run: {check.stderr.decode()[-300:]}")
    return verdict, time.monotonic() - start


def run_module(name: str, rev: str | None, limit: int | None, keep: bool, tests: list[str] | None = None,
               only: set[int] | None = None) -> dict:
    path, default_tests = TARGETS[name]
    folder = scratch_copy(rev)
    try:
        tests = [t for t in (tests or default_tests) if (folder / t.split("::")[0]).exists()]
        if not tests:
            raise SystemExit(f"{name}: none of its tests exist in {rev or 'the working tree'} (give --tests)")
        original = (folder / path).read_text(encoding="utf-8")
        traces = folder / ".mutant-traces"
        traces.mkdir()
        (folder / path).write_text(original + _TRACER, encoding="utf-8")
        verdict, baseline = run_tests(folder, tests, timeout=1800, env={"NW_MUTANT_TRACE": str(traces)})
        (folder / path).write_text(original, encoding="utf-8")
        if verdict != "survived":
            raise SystemExit(f"{name}: the tests do not pass on the unchanged code ({verdict}) in {folder}")
        lines = reached(traces, original)
        mutants = [m for m in mutants_of(original) if only is None or m.number in only][:limit]
        print(f"{name}: {len(mutants)} mutants of {path}; tests {' '.join(tests)} pass in {baseline:.0f} s "
              f"(traced)", flush=True)
        results = []
        for mutant in mutants:
            chosen = tests_reaching(mutant, lines, tests)
            if chosen:
                (folder / path).write_text(mutated_source(original, mutant.number), encoding="utf-8")
                verdict, seconds = run_tests(folder, chosen, timeout=max(60.0, 3 * baseline))
            else:
                verdict, seconds = "unreached", 0.0
            results.append({**asdict(mutant), "verdict": verdict, "seconds": round(seconds, 1),
                            "tests": chosen if chosen != tests else "all"})
            print(f"  #{mutant.number:<4} line {mutant.line:<4} {mutant.change:<45} {verdict} ({seconds:.0f} s, "
                  f"{len({t.split('::')[0] for t in chosen})} test files)", flush=True)
        (folder / path).write_text(original, encoding="utf-8")
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    killed = sum(r["verdict"] not in ("survived", "unreached") for r in results)
    return {"module": name, "file": path, "rev": rev or "working tree", "tests": tests, "mutants": len(results),
            "killed": killed, "score": round(killed / len(results), 3) if results else None,
            "survivors": [r for r in results if r["verdict"] in ("survived", "unreached")], "results": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench mutants", description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=sorted(TARGETS), help="one module (repeatable)")
    parser.add_argument("--rev", help="mutate the tree of this git revision (code and tests) instead of the working tree")
    parser.add_argument("--limit", type=int, help="only the first N mutants of each module")
    parser.add_argument("--tests", nargs="+", help="run these tests instead of the module's own list")
    parser.add_argument("--only", type=lambda v: {int(n) for n in v.split(",")}, help="these mutant numbers (1,5,9)")
    parser.add_argument("--list", action="store_true", help="print the mutants and stop")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copies")
    args = parser.parse_args(argv)
    modules = args.module or list(TARGETS)
    if args.list:
        for name in modules:
            path = TARGETS[name][0]
            source = (subprocess.run(["git", "show", f"{args.rev}:{path}"], cwd=REPO, capture_output=True, text=True,
                                     check=True).stdout if args.rev else (REPO / path).read_text(encoding="utf-8"))
            for mutant in mutants_of(source):
                print(f"{path}:{mutant.line} #{mutant.number} {mutant.change}")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    reports = [run_module(name, args.rev, args.limit, args.keep, args.tests, args.only) for name in modules]
    print("\nmodule     mutants  killed  score   survivors (#number line: change; unreached: no test runs the line)")
    for report in reports:
        survivors = "; ".join(f"#{s['number']} {s['line']}: {s['change']}"
                              + (" (unreached)" if s["verdict"] == "unreached" else "") for s in report["survivors"])
        print(f"{report['module']:<10} {report['mutants']:>7} {report['killed']:>7}  {report['score'] or 0:.0%}   "
              f"{survivors}")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = OUT / f"mutants-{stamp}.json"
    target.write_text(json.dumps(reports, indent=1), encoding="utf-8")
    print(f"\nfull results: {target}")
    return 0

"""Benchmark: the consistency checks per document, and a record of their findings to compare.

Times :func:`opsfacts.check` of an already loaded factsheet, the walk of the
factsheet counted (the index of the last factsheet is dropped before each
call, as it is for a new document):

* each bundled Mali example, best of ``--rounds`` runs of ``--calls`` calls;
* the corpus of ``bench_validate.py`` (``--files`` varied copies of the
  example, fixed seed), the mean per document, best of ``--rounds``.

With ``--record FILE`` it writes the findings (code, path, message, values,
severity) of every document it can load instead: the examples, ``tests/data``
and the corpus; with ``--compare FILE`` it compares them with such a record and
names the documents whose findings differ. A change meant to make the checks
faster must leave the record as it was.

Run: ``python benchmarks/bench_checks.py [--files N] [--rounds R] [--record FILE | --compare FILE]``.
It prints the figures; it asserts nothing, but ``--compare`` exits with 1 when a finding differs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import opsfacts
from opsfacts.checks import _walk, check
from opsfacts.model import Factsheet

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import make_corpus  # the corpus bench_validate.py times

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = [REPO / "examples" / f"mali-2017-06.{edition}.json" for edition in ("corrected", "as-published")]


def _cold_check(factsheet: Factsheet) -> None:
    _walk._last = None  # walk it again, as for the next document of a run
    check(factsheet)


def per_call(factsheet: Factsheet, calls: int, rounds: int) -> float:
    """Seconds per check of one factsheet, best of the rounds."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            _cold_check(factsheet)
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def per_document(factsheets: Sequence[Factsheet], rounds: int) -> float:
    """Seconds per document over the whole list, best of the rounds."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for factsheet in factsheets:
            _cold_check(factsheet)
        best = min(best, (time.perf_counter() - start) / len(factsheets))
    return best


def findings(factsheet: Factsheet) -> list[list[Any]]:
    """What a record keeps of each finding of a document."""
    _walk._last = None
    return [
        [f.code, f.path, f.message, json.dumps(f.values, sort_keys=True, default=repr), f.severity.value]
        for f in check(factsheet)
    ]


def documents(corpus: Path, files: int) -> Iterator[tuple[str, Factsheet]]:
    """Every document that loads: the examples, the test data and the corpus, by name."""
    paths = sorted(
        path
        for folder in ("examples", "tests/data")
        for path in (REPO / folder).rglob("*")
        if path.suffix in {".json", ".yaml", ".yml"}
    )
    for path in paths:
        try:
            yield str(path.relative_to(REPO)), opsfacts.load(path)
        except opsfacts.OpsfactsError:
            continue  # a document the test data holds for its errors
    for path in make_corpus(corpus, files):
        yield f"corpus/{path.name}", opsfacts.load(path)


def compared(recorded: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """The names of the documents whose findings differ (or that only one side has)."""
    return sorted(name for name in recorded.keys() | now.keys() if recorded.get(name) != now.get(name))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="documents in the corpus")
    parser.add_argument("--rounds", type=int, default=5, help="runs, of which the best counts")
    parser.add_argument("--calls", type=int, default=1000, help="checks of an example per run")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--record", type=Path, help="write the findings of every document to this file")
    kind.add_argument("--compare", type=Path, help="compare the findings with this record")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as directory:
        if args.record or args.compare:
            now = {name: findings(factsheet) for name, factsheet in documents(Path(directory), args.files)}
            total = sum(len(found) for found in now.values())
            if args.record:
                args.record.write_text(json.dumps(now, indent=0), encoding="utf-8")
                print(f"recorded {total:,} findings of {len(now):,} documents in {args.record}")
                return 0
            different = compared(json.loads(args.compare.read_text(encoding="utf-8")), now)
            print(f"{len(now):,} documents, {total:,} findings: {len(different):,} documents differ")
            for name in different[:20]:
                print(f"  {name}")
            return 1 if different else 0
        corpus = [opsfacts.load(path) for path in make_corpus(Path(directory), args.files)]

    examples = [opsfacts.load(path) for path in EXAMPLES]
    for factsheet in examples:
        check(factsheet)  # imports and first-use set-up are not per document
    print(f"ms per document (the walk counted, best of {args.rounds} runs)")
    for path, factsheet in zip(EXAMPLES, examples, strict=True):
        print(f"  {path.name:<34}{per_call(factsheet, args.calls, args.rounds) * 1e3:8.3f}")
    print(f"  {f'corpus of {len(corpus):,}':<34}{per_document(corpus, args.rounds) * 1e3:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

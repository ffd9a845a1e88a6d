"""Benchmark: ``opsfacts validate`` against check-jsonschema and the read-and-parse floor.

Generates a corpus of 1,000 varied factsheet files (about 12 KB each, from the
bundled example with its figures, names and lists varied; fixed seed) in a
temporary directory, then times, in the same run:

The narrative text repeats from file to file, as across the editions of one
operation's factsheet; ``--distinct-text`` gives every file text of its own,
the worst case for the text checks, which look at each distinct text once.


* ``opsfacts validate`` on the whole corpus (a subprocess, wall time, best of 3),
  with the consistency checks and with ``--no-checks``;
* ``check-jsonschema --schemafile schemas/factsheet-<version>.schema.json`` on the
  same files (schema only; skipped when it is not installed);
* the floor: reading and ``json.loads`` of every file, in-process and as a
  trivial subprocess (so interpreter start-up is counted as for the others);
* per document: ``opsfacts.from_dict`` against jsonschema's Draft 2020-12
  ``validate`` of the same dict (timeit).

With ``--baseline COMMAND`` it also times another ``opsfacts`` command (an
older release installed in another environment) on the same corpus written in
the format that release reads (``--baseline-example``, by default the 1.0 form
of the example), interleaving the two run by run, and prints the ratio: how
much slower or faster this version is than that one on the same machine.

Run: ``python benchmarks/bench_validate.py [--files N] [--distinct-text] [--baseline CMD]``. It
prints a table with the figures and the ratios; it asserts nothing.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from opsfacts import from_dict
from opsfacts.schema import SCHEMA_FILE_NAME, SCHEMA_ID, schema_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "mali-2017-06.corrected.json"
EXAMPLE_1_0 = REPO / "tests" / "data" / "v1" / "mali-2017-06.corrected.json"
TARGET_BYTES = 12_000
# Integers that are not free figures: changing them could break a model rule.
_FIXED_INTS = {"year", "min_age", "max_age"}


def _vary(value: Any, rng: random.Random, key: str = "") -> Any:
    if key == "stated_counts":
        return value  # counts the text states ("eight key partners") must match its words
    if isinstance(value, dict):
        return {k: _vary(v, rng, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_vary(v, rng, key) for v in value]
    if isinstance(value, bool) or key in _FIXED_INTS:
        return value
    if isinstance(value, int):
        return max(0, round(value * rng.uniform(0.8, 1.2)))
    return value


def _distinct_text(doc: dict[str, Any], index: int) -> None:
    """Give every narrative text of a document words of its own."""
    tag = f" Edition {index} of the series."
    doc["highlights"] = [h + tag for h in doc.get("highlights", [])]
    for section in doc.get("sections", []):
        section["paragraphs"] = [p + tag for p in section["paragraphs"]]
    for sector in doc.get("activities", []):
        for statement in sector["statements"]:
            statement["text"] += tag


def _document(
    base: dict[str, Any], index: int, rng: random.Random, schema_id: str, distinct: bool = False
) -> dict[str, Any]:
    doc: dict[str, Any] = _vary(copy.deepcopy(base), rng)
    if distinct:
        _distinct_text(doc, index)
    doc["title"] = f"{doc['title']} #{index}"
    doc["operation"]["name"] = f"{doc['operation']['name']} {index}"
    if index % 2:
        doc["$schema"] = schema_id
    # Trim the longest lists until the document is about the target size.
    while len(json.dumps(doc, indent=2)) > TARGET_BYTES:
        lists = [(len(json.dumps(v)), k) for k, v in doc.items() if isinstance(v, list) and v]
        if not lists:
            break
        doc[max(lists)[1]].pop(rng.randrange(len(doc[max(lists)[1]])))
    return doc


def make_corpus(
    directory: Path, count: int, distinct: bool = False, example: Path = EXAMPLE, schema_id: str = SCHEMA_ID
) -> list[Path]:
    """Write ``count`` varied factsheets; return their paths.

    Figures and names vary; the narrative text repeats from file to file, as
    it does across the editions of one operation's factsheet, unless
    ``distinct`` gives every file text of its own.
    """
    directory.mkdir(parents=True, exist_ok=True)
    base = json.loads(example.read_text(encoding="utf-8"))
    rng = random.Random(20170630)
    paths = []
    for index in range(count):
        path = directory / f"factsheet-{index:04d}.json"
        document = _document(base, index, rng, schema_id, distinct)
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
        paths.append(path)
    return paths


def _best_of(runs: int, command: Sequence[str]) -> tuple[float, int]:
    best, code = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
        code = result.returncode
    return best, code


def _interleaved(runs: int, commands: Sequence[Sequence[str]]) -> list[float]:
    """Best wall time of each command, running them in turn, round after round (the machine is noisy)."""
    best = [float("inf")] * len(commands)
    for _ in range(runs):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def _per_document(docs: list[Any], func: Callable[[Any], Any]) -> float:
    def run() -> None:
        for doc in docs:
            func(doc)

    return min(timeit.repeat(run, number=1, repeat=3)) / len(docs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--distinct-text",
        action="store_true",
        help="give every file narrative text of its own (text checks then find no text seen before)",
    )
    parser.add_argument(
        "--baseline", metavar="COMMAND", help="another opsfacts executable to compare with, interleaved"
    )
    parser.add_argument(
        "--baseline-example",
        type=Path,
        default=EXAMPLE_1_0,
        help="the example in the format the baseline reads (default: the 1.0 form)",
    )
    parser.add_argument(
        "--jobs", type=int, help="with --baseline: the worker count both versions use (default: their own)"
    )
    args = parser.parse_args(argv)
    baseline_rows: list[tuple[str, float, float]] = []

    rows: list[tuple[str, float | None, str]] = []
    with tempfile.TemporaryDirectory(prefix="opsfacts-bench-") as tmp:
        corpus = Path(tmp)
        paths = make_corpus(corpus, args.files, args.distinct_text)
        names = [str(p) for p in paths]
        sizes = [p.stat().st_size for p in paths]
        print(f"corpus: {len(paths)} files, {sum(sizes) / len(sizes) / 1000:.1f} KB on average, in {corpus}")
        print(
            "narrative text: "
            + (
                "distinct in every file"
                if args.distinct_text
                else "repeated from file to file, as across one operation's editions "
                "(the text checks look at each distinct text once; --distinct-text for the other case)"
            )
        )

        opsfacts = _tool("opsfacts")
        assert opsfacts is not None, "install opsfacts first (pip install -e .)"
        validate, code = _best_of(args.runs, [opsfacts, "validate", str(corpus)])
        rows.append(("opsfacts validate (model + checks)", validate, f"exit {code}"))
        no_checks, code = _best_of(args.runs, [opsfacts, "validate", "--no-checks", str(corpus)])
        rows.append(("opsfacts validate --no-checks", no_checks, f"exit {code}"))

        schema_file = REPO / "schemas" / SCHEMA_FILE_NAME
        check_jsonschema = _tool("check-jsonschema")
        cjs: float | None = None
        if check_jsonschema is None:
            rows.append(("check-jsonschema --schemafile", None, "not installed"))
        else:
            cjs, code = _best_of(args.runs, [check_jsonschema, "--schemafile", str(schema_file), *names])
            rows.append(("check-jsonschema --schemafile (schema only)", cjs, f"exit {code}"))

        start = time.perf_counter()
        for path in paths:
            json.loads(path.read_bytes())
        rows.append(("floor: read + json.loads, in-process", time.perf_counter() - start, ""))
        loop = "import json,sys\nfor f in sys.argv[1:]:\n    json.loads(open(f,'rb').read())"
        floor, _ = _best_of(args.runs, [sys.executable, "-c", loop, *names])
        rows.append(("floor: read + json.loads, subprocess", floor, ""))
        startup, _ = _best_of(args.runs, [sys.executable, "-c", "pass"])
        rows.append(("python -c pass (interpreter start)", startup, ""))

        docs = [json.loads(p.read_bytes()) for p in paths[:200]]
        schema_validator = Draft202012Validator(
            json.loads(schema_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        load = _per_document(docs, from_dict)
        jsv = _per_document(docs, schema_validator.validate)

        if args.baseline:
            old_corpus = corpus / "baseline"
            old_version = json.loads(args.baseline_example.read_text(encoding="utf-8"))["format_version"]
            old_id = f"urn:opsfacts:schema:factsheet:{old_version}"
            make_corpus(old_corpus, args.files, args.distinct_text, args.baseline_example, old_id)
            for label, extra in (("validate", []), ("validate --no-checks", ["--no-checks"])):
                # Only the new corpus: the baseline directory sits inside it.
                # The same worker count on both sides (--jobs), so that neither gains by the machine's load.
                jobs = [] if args.jobs is None else ["--jobs", str(args.jobs)]
                new_files = [opsfacts, "validate", *jobs, *extra, *names]
                old_files = [args.baseline, "validate", *jobs, *extra, str(old_corpus)]
                new, old = _interleaved(args.runs, [new_files, old_files])
                baseline_rows.append((label, new, old))

    print()
    print(f"{'what':<46} {'seconds':>9}  note")
    print("-" * 72)
    for what, seconds, note in rows:
        figure = "-" if seconds is None else f"{seconds:9.3f}"
        print(f"{what:<46} {figure:>9}  {note}")
    print()
    print(
        f"per document: opsfacts.from_dict {load * 1000:.3f} ms, jsonschema validate {jsv * 1000:.3f} ms "
        f"({jsv / load:.1f}x)"
    )
    if cjs is not None:
        print(f"check-jsonschema / opsfacts validate: {cjs / validate:.1f}x (goal: at least 10x)")
        print(f"check-jsonschema / opsfacts validate --no-checks (schema + model): {cjs / no_checks:.1f}x")
    print(f"opsfacts validate / subprocess floor: {validate / floor:.1f}x (goal: within 4x)")
    print(f"opsfacts validate --no-checks / subprocess floor: {no_checks / floor:.1f}x")
    for label, new, old in baseline_rows:
        print(
            f"{label}: this version {new:.3f} s, baseline {old:.3f} s: "
            f"{new / old:.2f}x the baseline's time (interleaved, best of {args.runs})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

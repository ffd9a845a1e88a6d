"""Benchmark: every row of the performance goals, measured in one run, interleaved, as ratios.

The peers are installed by the ``bench`` extra (``pip install -e '.[bench]'``):
pydantic (a v2 model of the same document, :mod:`pydantic_peer`), check-jsonschema,
and the floor, a script that only reads and ``json.loads`` the files. Each round
runs every measurement once, in turn, so that a busy machine slows them alike;
the figure of a row is the median over the rounds of its ratio.

Rows (the goal beside each):

* ``opsfacts.loads`` of the Mali example / pydantic ``model_validate_json``: at most 1.0×;
* ``opsfacts.dumps`` / pydantic ``model_dump_json``: at most 1.5×;
* check-jsonschema / ``opsfacts validate -j 1`` on a corpus of 1,000 files: at least 10×;
* ``opsfacts validate -j 1`` / the read-and-parse floor: at most 4×;
* check-jsonschema / ``opsfacts validate --no-checks``: at least 20×;
* check-jsonschema / ``opsfacts validate --jsonschema``: at least 3×;
* ``opsfacts validate`` with its default workers / with ``-j 1``: at most 1.0×;
* ``opsfacts --version`` less ``python -c pass``: at most 60 ms.

Commands are timed by the CPU time of their processes (on a shared machine,
time given to other processes is not theirs), and ``validate`` is compared with
its peers as ``-j 1``; the row of the worker pool compares wall-clock times,
which is what workers shorten. In-process rows take the best of three repeats.
Byte code is compiled first, as an installed package has it (with
``PYTHONDONTWRITEBYTECODE`` set, a checkout would otherwise compile at every start).

Run: ``python benchmarks/bench_compare.py [--files 1000] [--rounds 7]``; it prints
the table and asserts nothing.
"""

from __future__ import annotations

import argparse
import compileall
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from bench_validate import EXAMPLE, REPO, _tool, make_corpus
from pydantic_peer import factsheet_model

import opsfacts
from opsfacts.schema import SCHEMA_FILE_NAME

Command = Sequence[str]


def _run(command: Command) -> tuple[float, float]:
    """Wall time and CPU time (user and system, the command's processes) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _call(func: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(func, number=number, repeat=3)) / number


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)

    compileall.compile_dir(str(Path(opsfacts.__file__).parent), quiet=1)
    text = EXAMPLE.read_text(encoding="utf-8")
    model = factsheet_model()
    factsheet = opsfacts.loads(text)
    peer = model.model_validate_json(text)
    in_process: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "loads": (lambda: opsfacts.loads(text), lambda: model.model_validate_json(text)),
        "dumps": (
            lambda: opsfacts.dumps(factsheet),
            lambda: peer.model_dump_json(indent=2, exclude_defaults=True),
        ),
    }

    opsfacts_cmd = _tool("opsfacts")
    cjs_cmd = _tool("check-jsonschema")
    if opsfacts_cmd is None or cjs_cmd is None:
        sys.exit("install the bench extra first: pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory(prefix="opsfacts-compare-") as tmp:
        names = [str(p) for p in make_corpus(Path(tmp), args.files)]
        floor = "import json,sys\nfor f in sys.argv[1:]:\n    json.loads(open(f,'rb').read())"
        schema = str(REPO / "schemas" / SCHEMA_FILE_NAME)
        commands: dict[str, Command] = {
            "validate": [opsfacts_cmd, "validate", *names],
            "validate -j 1": [opsfacts_cmd, "validate", "-j", "1", *names],
            "--no-checks": [opsfacts_cmd, "validate", "--no-checks", *names],
            "--jsonschema": [opsfacts_cmd, "validate", "--jsonschema", *names],
            "check-jsonschema": [cjs_cmd, "--schemafile", schema, *names],
            "floor": [sys.executable, "-c", floor, *names],
            "--version": [opsfacts_cmd, "--version"],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        times: dict[str, list[float]] = {name: [] for name in [*in_process, *commands]}
        peer_times: dict[str, list[float]] = {name: [] for name in in_process}
        walls: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(args.rounds):
            for name, (ours, theirs) in in_process.items():
                times[name].append(_call(ours, 20))
                peer_times[name].append(_call(theirs, 20))
            for name, command in commands.items():
                wall, cpu = _run(command)
                times[name].append(cpu)
                walls[name].append(wall)
            print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)

    def ratios(top: list[float], bottom: list[float]) -> float:
        return statistics.median(a / b for a, b in zip(top, bottom, strict=True))

    startup = statistics.median(
        (a - b) * 1000 for a, b in zip(times["--version"], times["python -c pass"], strict=True)
    )
    rows = [
        (
            "opsfacts.loads / pydantic model_validate_json",
            ratios(times["loads"], peer_times["loads"]),
            "≤",
            1.0,
        ),
        ("opsfacts.dumps / pydantic model_dump_json", ratios(times["dumps"], peer_times["dumps"]), "≤", 1.5),
        (
            f"check-jsonschema / validate -j 1 ({args.files:,} files)",
            ratios(times["check-jsonschema"], times["validate -j 1"]),
            "≥",
            10.0,
        ),
        (
            "validate -j 1 / read-and-json.loads floor",
            ratios(times["validate -j 1"], times["floor"]),
            "≤",
            4.0,
        ),
        (
            "check-jsonschema / validate --no-checks",
            ratios(times["check-jsonschema"], times["--no-checks"]),
            "≥",
            20.0,
        ),
        (
            "check-jsonschema / validate --jsonschema",
            ratios(times["check-jsonschema"], times["--jsonschema"]),
            "≥",
            3.0,
        ),
        (
            "validate, default workers / -j 1 (wall clock)",
            ratios(walls["validate"], walls["validate -j 1"]),
            "≤",
            1.0,
        ),
        ("--version over python -c pass (ms)", startup, "≤", 60.0),
    ]
    print()
    print(
        f"{date.today().isoformat()}, {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, median of {args.rounds} interleaved rounds"
    )
    print(f"{'row':<52}{'measured':>10}  goal     met")
    for what, value, sense, goal in rows:
        met = value <= goal if sense == "≤" else value >= goal
        unit = " " if "ms" in what else "x"
        print(f"{what:<52}{value:>9.2f}{unit}  {sense} {goal:<6g} {'yes' if met else 'no'}")
    print()
    print("medians, CPU seconds: " + ", ".join(f"{k} {statistics.median(v):.4g}" for k, v in times.items()))
    print("medians, wall seconds: " + ", ".join(f"{k} {statistics.median(v):.4g}" for k, v in walls.items()))
    print(
        "peer medians, seconds: "
        + ", ".join(f"{k} {statistics.median(v):.4g}" for k, v in peer_times.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: ``opsfacts.aggregate.rollup`` against loading the same factsheets.

Generates a corpus by varying the twelve roll-up test factsheets
(``tests/data/rollup``; fixed seed): each copy gets other countries (so there
are many operations, each with several editions), its dates shifted by whole
years and its figures varied. Then, in the same process:

* loading: ``opsfacts.loads`` of every document's JSON text (parse, check, build);
* the roll-up: ``opsfacts.aggregate.rollup`` of the loaded factsheets;

run interleaved (load, roll up, load, roll up...), best of ``--runs``, and
prints the roll-up's time as a ratio to loading (the goal is at most 1.5),
then how the time per document grows at 100, 1,000 and the full count.

Run: ``python benchmarks/bench_rollup.py [--documents N] [--runs R]``. It asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path
from typing import Any

import opsfacts
from opsfacts.aggregate import rollup
from opsfacts.model import Factsheet
from opsfacts.model._constraints import country_codes

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "rollup"
_DATE = re.compile(r"^(\d{4})(-\d\d(?:-\d\d)?)?$")
_FIXED = {"min_age", "max_age"}


def _vary(value: Any, rng: random.Random, years: int, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _vary(v, rng, years, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_vary(v, rng, years, key) for v in value]
    if isinstance(value, bool) or key in _FIXED:
        return value
    if key == "year" and isinstance(value, int):
        return value + years
    if isinstance(value, int):
        return max(0, round(value * rng.uniform(0.8, 1.2)))
    if isinstance(value, str):
        found = _DATE.match(value)
        if found:
            return f"{int(found[1]) + years}{found[2] or ''}"
    return value


def corpus(count: int, seed: int = 2026) -> list[str]:
    """``count`` factsheets as JSON texts, varied from the roll-up test set."""
    rng = random.Random(seed)
    bases = [opsfacts.to_dict(opsfacts.load(p)) for p in sorted(DATA.glob("*.*"))]
    codes = sorted(country_codes())
    texts = []
    for i in range(count):
        base = bases[i % len(bases)]
        # About twelve documents per group of countries: several operations, several editions each.
        group = random.Random(i // (len(bases) * 4))
        countries = group.sample(codes, 3)
        doc = _vary(base, rng, years=rng.randrange(0, 6))
        operation = doc["operation"]
        if operation.get("scope") == "multi-country":
            operation["countries"] = countries
        else:
            operation["countries"] = [countries[rng.randrange(3)]]
        texts.append(json.dumps(doc, ensure_ascii=False))
    return texts


def measure(texts: list[str], runs: int) -> tuple[float, float, int]:
    """Best load time, best roll-up time (interleaved, run by run), and the number of operations."""
    load_best = roll_best = float("inf")
    operations = 0
    for _ in range(runs):
        start = time.perf_counter()
        loaded: list[Factsheet] = [opsfacts.loads(t) for t in texts]
        load_best = min(load_best, time.perf_counter() - start)
        start = time.perf_counter()
        result = rollup(loaded)
        roll_best = min(roll_best, time.perf_counter() - start)
        operations = len(result.operations)
    return load_best, roll_best, operations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs; the best is kept (default 3)")
    args = parser.parse_args()
    texts = corpus(args.documents)
    print(
        f"{'documents':>10} {'operations':>10} {'load s':>9} {'rollup s':>9} {'ratio':>6} "
        f"{'load µs/doc':>12} {'rollup µs/doc':>14}"
    )
    for size in sorted({n for n in (100, 1_000, args.documents) if n <= args.documents}):
        load, roll, operations = measure(texts[:size], args.runs)
        print(
            f"{size:>10,} {operations:>10,} {load:>9.3f} {roll:>9.3f} {roll / load:>6.2f} "
            f"{load / size * 1e6:>12.1f} {roll / size * 1e6:>14.1f}"
        )


if __name__ == "__main__":
    main()

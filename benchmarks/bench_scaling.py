"""Benchmark: time per list item as a document grows, to find steps that grow faster than its size.

Builds the bundled example with its lists (highlights, population groups, staff,
partners, the statements of every activity, the other donors) repeated 1×, 10×,
100× and 1,000×, every copy with words of its own (so no text cache answers for
another copy, and no two labels are the same), and times, per list item:

* **load**: :func:`opsfacts.loads` of the JSON text (parsing and the typed model);
* **checks**: :func:`opsfacts.check` of the loaded factsheet (every rule);
* **locate**: finding the line and column of a value in every item of every
  repeated list, as a document with a problem in each item needs;
* **render**: :func:`opsfacts.render.render_markdown` and
  :func:`~opsfacts.render.render_html`.

The times are the CPU time of the benchmark process, best of the rounds.
The growth is the time per item at the largest size over the time per item at
the smallest: 1.0 is linear, 1,000 would be quadratic. The goal is at most 1.3.

Run: ``python benchmarks/bench_scaling.py [--sizes 1,10,100,1000] [--rounds 3]``.
It prints a table; it asserts nothing.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import opsfacts
from opsfacts.diagnostics import PathPart
from opsfacts.documents import parse
from opsfacts.render import render_html, render_markdown

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "mali-2017-06.corrected.json"
GOAL = 1.3
_SYLLABLES = ("ba", "de", "ki", "lo", "mu", "na", "po", "ri", "su", "ta")


def word(number: int) -> str:
    """A made-up capitalised word for a number ("Deba" for 10), so copies differ in their words."""
    return "".join(_SYLLABLES[int(d)] for d in str(number)).capitalize()


def _repeated(items: list[Any], times: int, tag: Callable[[Any, str], Any], run: int) -> list[Any]:
    return [tag(copy.deepcopy(item), word(run * 1_000_000 + n)) for n in range(times) for item in items]


def _text(text: str, name: str) -> str:
    return f"{text} {name} follows."


def _labelled(item: dict[str, Any], name: str) -> dict[str, Any]:
    item["label"] = f"{item['label']} {name}"
    return item


def _named(item: dict[str, Any], name: str) -> dict[str, Any]:
    item["name"] = f"{item['name']} {name}"
    return item


def _statement(item: dict[str, Any], name: str) -> dict[str, Any]:
    item["text"] = _text(item["text"], name)
    return item


def scaled(base: dict[str, Any], times: int, run: int = 0) -> dict[str, Any]:
    """The example with its lists repeated ``times`` times, every copy worded apart by ``run``."""
    doc = copy.deepcopy(base)
    doc["highlights"] = _repeated(doc["highlights"], times, _text, run)
    doc["populations"]["groups"] = _repeated(doc["populations"]["groups"], times, _labelled, run)
    doc["presence"]["staff"] = _repeated(doc["presence"]["staff"], times, _labelled, run)
    doc["partners"]["partners"] = _repeated(doc["partners"]["partners"], times, _named, run)
    for activity in doc["activities"]:
        activity["statements"] = _repeated(activity["statements"], times, _statement, run)
    doc["donors"]["others"] = _repeated(doc["donors"]["others"], times, _named, run)
    return doc


def item_paths(doc: dict[str, Any]) -> Iterator[tuple[PathPart, ...]]:
    """A path into every item of every repeated list (a value inside it where the item is an object)."""
    for i in range(len(doc["highlights"])):
        yield ("highlights", i)
    for i in range(len(doc["populations"]["groups"])):
        yield ("populations", "groups", i, "count")
    for i in range(len(doc["presence"]["staff"])):
        yield ("presence", "staff", i, "count")
    for i in range(len(doc["partners"]["partners"])):
        yield ("partners", "partners", i, "name")
    for a, activity in enumerate(doc["activities"]):
        for i in range(len(activity["statements"])):
            yield ("activities", a, "statements", i, "text")
    for i in range(len(doc["donors"]["others"])):
        yield ("donors", "others", i, "name")


def _timed(func: Callable[[], object]) -> float:
    # CPU time of this process: on a shared machine, time given to other processes is not the step's.
    start = time.process_time()
    func()
    return time.process_time() - start


def measure(base: dict[str, Any], times: int, repeats: int, round_number: int) -> dict[str, float]:
    """Best seconds per list item of each step over ``repeats`` documents of a size, each worded anew."""
    best: dict[str, float] = {}
    for repeat in range(repeats):
        doc = scaled(base, times, round_number * 1000 + repeat)
        text = json.dumps(doc, ensure_ascii=False, indent=2)
        paths = list(item_paths(doc))
        factsheet = opsfacts.loads(text)
        figures = {
            "load": _timed(lambda: opsfacts.loads(text)),  # noqa: B023 - called at once
            "checks": _timed(lambda: opsfacts.check(factsheet)),  # noqa: B023
        }
        parsed = parse(text)
        figures["locate"] = _timed(lambda: [parsed.locate(p, False) for p in paths])  # noqa: B023
        figures["render"] = _timed(
            lambda: (render_markdown(factsheet), render_html(factsheet))  # noqa: B023
        )
        for step, seconds in figures.items():
            best[step] = min(best.get(step, float("inf")), seconds / len(paths))
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000", help="how many times the lists are repeated")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each measuring every size in turn")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    opsfacts.check(opsfacts.from_dict(base))  # imports and first-use set-up are not per item

    for times in sizes:
        doc = scaled(base, times)
        size = len(json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
        print(f"{times:>5}×: {len(list(item_paths(doc))):>7,} items, {size / 1e6:6.2f} MB")
    # Every round measures every size, so that a busy spell of the machine slows them alike;
    # small sizes are measured several times a round (their times are short and noisy).
    results: dict[int, dict[str, float]] = {}
    for round_number in range(args.rounds):
        for times in sizes:
            found = measure(base, times, max(1, 100 // times), round_number)
            best = results.setdefault(times, found)
            for step, seconds in found.items():
                best[step] = min(best[step], seconds)
        print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)

    steps = list(results[sizes[0]])
    print()
    print(f"microseconds per list item (best of {args.rounds} interleaved rounds)")
    print(f"{'step':<8}" + "".join(f"{f'{t:,}×':>12}" for t in sizes) + f"{'growth':>10}  goal")
    for step in steps:
        row = [results[t][step] * 1e6 for t in sizes]
        growth = row[-1] / row[0]
        verdict = "ok" if growth <= GOAL else "OVER"
        cells = "".join(f"{v:12.1f}" for v in row)
        print(f"{step:<8}{cells}{growth:9.2f}×  ≤ {GOAL}× {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The long hostile-input campaign: N seeded cases, counted per category and per failure signature.

In-process cases come from ``benchmarks/hostile.py`` (random bytes, random JSON, documents with
extreme values, single mutations of every example, text mutations, YAML specials, hostile strings
in every output format), each under a per-case timeout (``signal.setitimer``): a case that runs
past it is counted as a hang. One case in ``--cli-every`` is a command-line run on a special file
or path (a FIFO, /dev/zero, a symlink loop, a name too long, closed or endless standard input, a
full standard output, a non-UTF-8 name), which must end within the timeout with exit 2 and one
line on standard error, without a traceback.

Run: ``python benchmarks/fuzz_campaign.py [--cases 100000] [--seed 1] [--jobs 2]``. It prints
the counts and exits 1 if any case failed or hung; ``--save DIR`` writes each failing case's
bytes there as a reproducer.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile

CLI = "cli-special"


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


Outcome = tuple[str, str | None, float, str]
"""(category, failure signature or None, seconds, case name)."""


def _in_process(seed: int, index: int, timeout: float) -> Outcome:
    rng = random.Random(f"{seed}:{index}")
    category = rng.choices(hostile.CATEGORIES, weights=_WEIGHTS)[0]
    case = hostile.make_case(category, rng)
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        found = hostile.run_case(case, yaml_every=8)
    except _Timeout:
        found = "hang"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return category, found, time.perf_counter() - start, f"{case.name} #{index}"


# Cheap categories more often than those that render every output of a whole factsheet.
_WEIGHTS = (20, 20, 7.5, 15, 20, 10, 7.5)


def _cli_scenarios(work: Path) -> list[tuple[str, list[str], Any]]:
    """(name, arguments, stdin) of each special-file or special-path run."""
    example = str(hostile.SEEDS[0])
    fifo = work / "fifo.json"
    if hasattr(os, "mkfifo") and not fifo.exists():
        os.mkfifo(fifo)
    loop = work / "loop1.json"
    if not loop.is_symlink():
        loop.symlink_to("loop2.json")
        (work / "loop2.json").symlink_to("loop1.json")
    bad_name = os.fsdecode(b"bad\xff.json")
    try:
        (work / bad_name).write_text('{"format_version": "2.0", "title": "\\u2028"}', encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        bad_name = "bad.json"
    scenarios: list[tuple[str, list[str], Any]] = []
    for command in (["validate"], ["render", "--to", "md"], ["convert", "--to", "csv", "--table", "donors"]):
        scenarios += [
            ("fifo", [*command, str(fifo)], subprocess.DEVNULL),
            ("/dev/zero", [*command, "/dev/zero"], subprocess.DEVNULL),
            ("symlink loop glob", [*command, str(work / "loop*.json")], subprocess.DEVNULL),
            ("long component", [*command, "x" * 300 + ".json"], subprocess.DEVNULL),
            ("long path", [*command, "/".join(["abc"] * 1500)], subprocess.DEVNULL),
            ("missing file", [*command, str(work / "gone.json")], subprocess.DEVNULL),
            ("non-UTF-8 name", [*command, bad_name], subprocess.DEVNULL),
            ("closed stdin", [*command, "-"], None),
            ("endless stdin", [*command, "-"], "/dev/zero"),
            ("full stdout", [*command, example], "/dev/full"),
        ]
    return scenarios


def _cli(scenario: tuple[str, list[str], Any], work: Path, timeout: float) -> Outcome:
    name, args, stdin = scenario
    start = time.perf_counter()
    code = [sys.executable, "-m", "opsfacts", *args]
    stdout: Any = subprocess.PIPE
    opened: list[Any] = []
    if stdin == "/dev/zero":
        opened.append(open("/dev/zero", "rb"))  # noqa: SIM115 - closed below
        stdin = opened[-1]
    if stdin == "/dev/full":
        opened.append(open("/dev/full", "wb"))  # noqa: SIM115 - closed below
        stdout, stdin = opened[-1], subprocess.DEVNULL
    closed = stdin is None
    try:
        done = subprocess.run(
            code,
            cwd=work,
            stdin=subprocess.DEVNULL if closed else stdin,
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=timeout,
            check=False,
            preexec_fn=(lambda: os.close(0)) if closed else None,
        )
    except subprocess.TimeoutExpired:
        return CLI, "hang", time.perf_counter() - start, name
    finally:
        for stream in opened:
            stream.close()
    seconds = time.perf_counter() - start
    err = done.stderr.decode("utf-8", "backslashreplace")
    if "Traceback" in err:
        return CLI, f"traceback ({err.strip().splitlines()[-1][:60]})", seconds, name
    # An invalid document behind a non-UTF-8 name is exit 1; every special file or path is exit 2.
    expected = 1 if name == "non-UTF-8 name" else 2
    if done.returncode != expected:
        return CLI, f"exit {done.returncode}, not {expected}", seconds, name
    lines = err.strip().splitlines()
    if args[0] != "validate" and expected == 2 and len(lines) not in ((1, 2) if "glob" in name else (1,)):
        return CLI, "not one line per file on stderr", seconds, name
    return CLI, None, seconds, name


_TIMEOUT = 15.0


def _worker_init() -> None:
    signal.signal(signal.SIGALRM, _alarm)


def _run_chunk(seed: int, indices: range) -> list[Outcome]:
    return [_in_process(seed, index, _TIMEOUT) for index in indices]


def _chunks(count: int, size: int) -> Iterator[range]:
    for start in range(0, count, size):
        yield range(start, min(count, start + size))


def main(argv: list[str] | None = None) -> int:
    global _TIMEOUT  # noqa: PLW0603 - read by the forked workers
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=100_000, help="how many cases in all (100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds before a case is a hang (15)")
    parser.add_argument(
        "--slow", type=float, default=2.0, help="seconds over which a case is counted slow (2)"
    )
    parser.add_argument(
        "--cli-every", type=int, default=200, help="one case in N is a command-line run (200)"
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for in-process cases (1)")
    parser.add_argument("--save", metavar="DIR", help="write the name of each failing case here")
    args = parser.parse_args(argv)
    _TIMEOUT = args.timeout
    signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
    cli_count = args.cases // args.cli_every if args.cli_every else 0
    in_process = args.cases - cli_count
    outcomes: list[Outcome] = []
    hostile.seeds()  # read before forking
    if args.jobs > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(args.jobs, mp_context=context, initializer=_worker_init) as pool:
            futures = [pool.submit(_run_chunk, args.seed, chunk) for chunk in _chunks(in_process, 500)]
            for future in futures:
                outcomes.extend(future.result())
    else:
        outcomes.extend(_run_chunk(args.seed, range(in_process)))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        scenarios = _cli_scenarios(work)
        for index in range(cli_count):
            outcomes.append(_cli(scenarios[index % len(scenarios)], work, args.timeout))
    elapsed = time.perf_counter() - started
    _print(outcomes, elapsed, args)
    if args.save:
        saved = Path(args.save)
        saved.mkdir(parents=True, exist_ok=True)
        lines = [f"{c}\t{f}\t{n}" for c, f, _, n in outcomes if f is not None]
        (saved / "failures.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if any(found is not None for _, found, _, _ in outcomes) else 0


def _print(outcomes: list[Outcome], elapsed: float, args: argparse.Namespace) -> None:
    by_category: collections.Counter[str] = collections.Counter()
    failed: collections.Counter[str] = collections.Counter()
    signatures: collections.Counter[tuple[str, str]] = collections.Counter()
    example: dict[tuple[str, str], str] = {}
    slow = 0
    for category, found, seconds, name in outcomes:
        by_category[category] += 1
        slow += seconds > args.slow
        if found is not None:
            failed[category] += 1
            signatures[(category, found)] += 1
            example.setdefault((category, found), name)
    total_failed = sum(failed.values())
    hangs = sum(n for (_, found), n in signatures.items() if found == "hang")
    print(f"opsfacts hostile-input campaign: seed {args.seed}, {len(outcomes):,} cases, {elapsed:,.0f} s")
    print(f"{'category':<18} {'cases':>8} {'failed':>7}")
    for category in (*hostile.CATEGORIES, CLI):
        print(f"{category:<18} {by_category[category]:>8,} {failed[category]:>7,}")
    print(f"{'total':<18} {len(outcomes):>8,} {total_failed:>7,}")
    print(f"hangs (over {args.timeout:g} s): {hangs}; slow (over {args.slow:g} s): {slow}")
    if signatures:
        print("failures by signature:")
        for (category, found), count in signatures.most_common():
            print(f"  {count:>6,}  {category}: {found}  (e.g. {example[(category, found)]})")


if __name__ == "__main__":
    sys.exit(main())

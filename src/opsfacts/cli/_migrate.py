"""``opsfacts migrate FILE... [-o OUT | --in-place | --check]``: older documents in the current format.

- One input: the migrated document to ``-o FILE`` or standard output.
- Several inputs: ``-o DIR`` (one file per input, named after it) or ``--in-place``.
- ``--in-place`` rewrites each file that is in an older version, in its own
  syntax; files already current are left untouched. Without it, an input is
  never written over.
- ``--check`` writes nothing and exits 1 when any input is in an older version.

Every file is written whole (a temporary file, then a rename). Nothing is
written unless every input loads.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from . import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from ._render import add_stdin_format

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``migrate`` subcommand."""
    parser = subparsers.add_parser(
        "migrate",
        help="rewrite factsheets of an older format version in the current one",
        description=(
            "Rewrite factsheet documents of an older format version (1.0) in the current format. "
            "Inputs are never written over unless --in-place is given."
        ),
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="factsheet files or directories, - for stdin"
    )
    add_stdin_format(parser)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="output file, or directory for several inputs")
    where.add_argument(
        "--in-place", action="store_true", help="rewrite each file in an older version in place"
    )
    where.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any input is in an older version"
    )
    parser.add_argument("--to", choices=("json", "yaml"), help="output syntax (default: the input's own)")
    parser.set_defaults(run=run)


def _usage(message: str) -> int:
    print(f"opsfacts migrate: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _load(item: Any) -> tuple[Any, Any, int]:
    """(factsheet, migration, status) of one input; problems are printed."""
    from ..documents._loading import load_parsed, parse, read_source  # noqa: PLC0415
    from ..errors import DocumentError, ReadError  # noqa: PLC0415
    from ..validation._report import one_line  # noqa: PLC0415
    from ._render import _stdin  # noqa: PLC0415

    try:
        raw = _stdin(item.name) if item.path is None else read_source(item.path)
        parsed = parse(raw, "yaml" if item.syntax == "yaml" else "json", source=item.name)
        factsheet, migration = load_parsed(parsed, source=item.name)
    except ReadError as exc:
        print(one_line(f"{exc.source}: error: {exc.message}"), file=sys.stderr)
        return None, None, EXIT_USAGE
    except DocumentError as exc:
        for problem in exc.problems:
            where = f"{item.name}:{problem.line or 1}:{problem.column or 1}"
            print(one_line(f"{where}: {problem.path}: {problem.message}"), file=sys.stderr)
        return None, None, EXIT_PROBLEMS
    return factsheet, migration, EXIT_OK


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def run(args: argparse.Namespace) -> int:
    """Migrate the files; 0 done, 1 an input is invalid (or, with --check, older), 2 usage or I/O error."""
    from ..documents._inputs import expand  # noqa: PLC0415
    from ..documents._loading import Syntax, dumps  # noqa: PLC0415
    from ..documents._writing import write_text_atomic  # noqa: PLC0415

    inputs, errors = expand(args.files, args.stdin_format)
    for message in errors:
        print(message, file=sys.stderr)
    if errors:
        return EXIT_USAGE
    if args.in_place and any(item.path is None for item in inputs):
        return _usage("standard input cannot be migrated in place; use -o FILE")
    if len(inputs) > 1 and not (args.in_place or args.check or args.output):
        return _usage("several inputs need -o DIR, --in-place or --check")
    output = Path(args.output) if args.output else None
    if output is not None:
        for item in inputs:
            if item.path is not None and (_same_file(item.path, output) or item.path == output):
                return _usage(f"{args.output} is an input; use --in-place to rewrite inputs")
    if len(inputs) > 1 and output is not None:
        if output.exists() and not output.is_dir():
            return _usage(f"{args.output} is a file; several inputs need a directory")
        stems: dict[str, str] = {}
        for item in inputs:
            other = stems.setdefault(Path(item.name).stem, item.name)
            if other != item.name:
                return _usage(f"{other} and {item.name} would both be written as {Path(item.name).stem}")

    loaded = []
    status = EXIT_OK
    for item in inputs:
        factsheet, migration, item_status = _load(item)
        status = max(status, item_status)
        if factsheet is not None:
            loaded.append((item, factsheet, migration))
    if status != EXIT_OK:
        return status

    if args.check:
        older = [(item, m) for item, _, m in loaded if m.migrated]
        for item, migration in older:
            print(f"{item.name}: format {migration.from_version}; 'opsfacts migrate --in-place' rewrites it")
        return EXIT_PROBLEMS if older else EXIT_OK

    try:
        for item, factsheet, migration in loaded:
            syntax: Syntax = "yaml" if (args.to or item.syntax) == "yaml" else "json"
            text = dumps(factsheet, syntax=syntax)
            if args.in_place:
                if migration.migrated and item.path is not None:
                    write_text_atomic(item.path, text)
                    print(f"{item.name}: migrated from format {migration.from_version}", file=sys.stderr)
                continue
            if output is None:
                sys.stdout.write(text)
            elif len(inputs) > 1 or output.is_dir():
                output.mkdir(parents=True, exist_ok=True)
                suffix = ".yaml" if syntax == "yaml" else ".json"
                target = output / (Path(item.name).stem + suffix)
                if any(i.path is not None and _same_file(i.path, target) for i in inputs):
                    return _usage(f"{target} is an input; use --in-place to rewrite inputs")
                write_text_atomic(target, text)
            else:
                write_text_atomic(output, text)
    except OSError as exc:
        print(f"{exc.filename or args.output}: error: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK

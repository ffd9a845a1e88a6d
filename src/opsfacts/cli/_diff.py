"""``opsfacts diff OLD NEW``: what changed between two editions of a factsheet.

Exit codes as ``diff``'s: 0 the same facts, 1 different, 2 trouble (a file
that cannot be read or is not a valid factsheet, a bad option).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from . import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``diff`` subcommand."""
    parser = subparsers.add_parser(
        "diff",
        help="show what changed between two editions of a factsheet",
        description=(
            "Compare two factsheet files (JSON or YAML, format 1.0 or 2.0): figures, things added, "
            "removed and renamed, dates, text, and consistency findings. Exit 0 when they state the "
            "same facts, 1 when they differ, 2 on trouble."
        ),
    )
    parser.add_argument("old", metavar="OLD", help="the old edition")
    parser.add_argument("new", metavar="NEW", help="the new edition")
    parser.add_argument(
        "--format", choices=("text", "json", "markdown", "html"), default="text", help="output format"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--ignore-text", action="store_true", help="leave out changes to prose only")
    parser.add_argument(
        "--ignore-block",
        action="append",
        default=[],
        metavar="BLOCK",
        help="leave out a block (populations, funding, findings...); repeatable",
    )
    colour = parser.add_mutually_exclusive_group()
    colour.add_argument(
        "--colour", "--color", dest="colour", action="store_true", default=None, help="colour the text output"
    )
    colour.add_argument("--no-colour", "--no-color", dest="colour", action="store_false", help="never colour")
    parser.set_defaults(run=run)


def _colour(choice: bool | None, stream: Any) -> bool:
    if choice is not None:
        return choice
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def _trouble(message: str) -> int:
    print(f"opsfacts diff: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _load(path: str) -> Any:
    """The factsheet in a file; raises ``_Unusable`` with a one-line message naming it."""
    from ..documents import load  # noqa: PLC0415
    from ..errors import DocumentError, ReadError  # noqa: PLC0415 - the CLI imports lazily

    try:
        return load(path)
    except ReadError as exc:
        raise _Unusable(f"{path}: {exc.message}") from None
    except DocumentError as exc:
        first = exc.problems[0] if exc.problems else None
        more = len(exc.problems) - 1
        detail = f"{first}" if first is not None else "not a valid factsheet"
        if more:
            detail += f" (and {more} more problem{'' if more == 1 else 's'})"
        raise _Unusable(f"{path}: not a valid factsheet: {detail}") from None


class _Unusable(Exception):
    """An input that cannot be compared."""


def run(args: argparse.Namespace) -> int:
    """Compare the files and print or write the result; 0 same, 1 different, 2 trouble."""
    from ..compare import BLOCKS, diff, render  # noqa: PLC0415

    unknown = [b for b in args.ignore_block if b not in BLOCKS]
    if unknown:
        return _trouble(f"--ignore-block: unknown block {unknown[0]!r}; the blocks are: {', '.join(BLOCKS)}")
    try:
        old, new = _load(args.old), _load(args.new)
    except _Unusable as exc:
        return _trouble(str(exc))
    result = diff(old, new, ignore_text=args.ignore_text, ignore_blocks=args.ignore_block)
    import attrs  # noqa: PLC0415

    result = attrs.evolve(result, old_source=args.old, new_source=args.new)
    status = EXIT_OK if result.same else EXIT_PROBLEMS
    if args.output is None:
        sys.stdout.write(render(result, args.format, colour=_colour(args.colour, sys.stdout)))
        sys.stdout.flush()
        return status
    from ._render import write_text  # noqa: PLC0415

    text = render(result, args.format, colour=bool(args.colour))
    if write_text(text, args.output, [Path(args.old), Path(args.new)]) != EXIT_OK:
        return EXIT_USAGE
    return status

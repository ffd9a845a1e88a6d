"""``opsfacts validate FILE...``: load each file into the model and report every problem."""

from __future__ import annotations

import argparse
import sys

from . import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser("validate", help="validate factsheet files")
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate the files; 0 all valid, 1 problems found, 2 I/O error."""
    from ..errors import DocumentError, ReadError  # noqa: PLC0415
    from ..loading import load  # noqa: PLC0415

    status = EXIT_OK
    for name in args.files:
        try:
            load(name)
        except ReadError as exc:
            print(f"{exc.source}: error: {exc.message}", file=sys.stderr)
            status = max(status, EXIT_USAGE)
        except DocumentError as exc:
            for problem in exc.problems:
                where = f"{name}:{problem.line or 1}:{problem.column or 1}"
                print(f"{where}: {problem.path}: {problem.message}")
            status = max(status, EXIT_PROBLEMS)
    return status

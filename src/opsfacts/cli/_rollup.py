"""``opsfacts rollup FILES... [--format text|json|csv|hxl|html] [-o PATH] [--editions latest|all]``.

Rolls many factsheets up into totals across operations, nothing counted
twice, every item left out listed with why (see :mod:`opsfacts.aggregate`).

- ``text`` (default), ``json``, ``html`` (a standalone dashboard): to ``-o
  FILE`` or standard output.
- ``csv``/``hxl``: with ``--table NAME``, that table to ``-o FILE`` or
  standard output; without it, every table into ``-o DIR`` as ``NAME.csv``.

An input that names nothing, cannot be read or is not a valid factsheet
stops the command with exit code 2 and one line naming the file; nothing is
written. With ``--skip-invalid`` such a file is left out and listed among
the exclusions instead.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_OK, EXIT_USAGE
from ._choices import LazyChoices
from ._render import write_text

if TYPE_CHECKING:
    from ..aggregate import Rollup

__all__ = ["register", "run"]

_FORMATS = ("text", "json", "csv", "hxl", "html")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``rollup`` subcommand."""
    parser = subparsers.add_parser(
        "rollup",
        help="roll many factsheets up into totals across operations",
        description=(
            "Roll factsheets up: per operation its latest edition (or all), totals by population "
            "type and origin, staff, offices, partners and funding, nothing counted twice, and "
            "everything left out listed with why."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="factsheet files, directories or globs")
    parser.add_argument("--format", choices=_FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("-o", "--output", metavar="PATH", help="output file, or directory for every table")
    parser.add_argument(
        "--editions",
        choices=("latest", "all"),
        default="latest",
        help="show each operation's latest edition (default) or all of them, as a time series",
    )
    parser.add_argument(
        "--table",
        choices=LazyChoices("opsfacts.aggregate", "TABLE_NAMES"),
        metavar="NAME",
        help="csv/hxl: write only this table, one of %(choices)s",
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="leave out unreadable or invalid files, listed as exclusions, instead of stopping",
    )
    parser.set_defaults(run=run)


def _usage(message: str) -> int:
    print(f"opsfacts rollup: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _tables(args: argparse.Namespace, rollup: Rollup, inputs: list[Path | None]) -> int:
    from ..aggregate import TABLE_NAMES, tables  # noqa: PLC0415
    from ..tables import write_csv  # noqa: PLC0415

    hxl = args.format == "hxl"
    if args.table is not None:
        buffer = io.StringIO(newline="")
        write_csv(tables(rollup, [args.table])[args.table], buffer, hxl=hxl)
        return write_text(buffer.getvalue(), args.output, inputs, newline="")
    if args.output is None:
        return _usage(f"choose a table with --table ({', '.join(TABLE_NAMES)}) or write all to -o DIR")
    directory = Path(args.output)
    if directory.exists() and not directory.is_dir():
        return _usage(f"{args.output} is a file; every table needs -o DIR, a directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _usage(f"{args.output}: {exc.strerror or exc}")
    for name, table in tables(rollup).items():
        buffer = io.StringIO(newline="")
        write_csv(table, buffer, hxl=hxl)
        status = write_text(buffer.getvalue(), str(directory / f"{name}.csv"), inputs, newline="")
        if status != EXIT_OK:
            return status
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Roll the files up; 0 done, 2 an input names nothing, cannot be read or is invalid, or I/O error."""
    from ..aggregate import InputError, render_dashboard, render_text, rollup_files, to_json  # noqa: PLC0415
    from ..documents import expand_paths  # noqa: PLC0415

    if "-" in args.files:
        return _usage("standard input is not read by the roll-up; name files, directories or globs")
    if args.table is not None and args.format not in ("csv", "hxl"):
        return _usage("--table is for --format csv or hxl")
    try:
        rollup = rollup_files(args.files, editions=args.editions, skip_invalid=args.skip_invalid)
    except InputError as exc:
        return _usage(str(exc))
    inputs: list[Path | None] = [item.path for item in expand_paths(args.files)[0]]
    if args.format in ("csv", "hxl"):
        return _tables(args, rollup, inputs)
    if args.format == "json":
        text = to_json(rollup)
    elif args.format == "html":
        text = render_dashboard(rollup)
    else:
        text = render_text(rollup)
    return write_text(text, args.output, inputs)

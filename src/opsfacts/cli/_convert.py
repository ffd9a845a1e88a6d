"""``opsfacts convert FILE... --to json|yaml|csv|hxl|datapackage [-o OUT]``: documents or tables.

- ``json``/``yaml``: one input to ``-o FILE`` or standard output; several
  inputs to ``-o DIR``, one file per input named after it.
- ``csv``/``hxl`` (CSV with an HXL hashtag row): with ``--table NAME``, that
  table over all inputs to ``-o FILE`` or standard output; without it, every
  table over all inputs into ``-o DIR`` as ``NAME.csv``.
- ``datapackage``: every table, HXL-tagged, into ``-o DIR`` with a Frictionless
  ``datapackage.json`` describing them.
- ``--bom``: CSV files start with a byte order mark, for Excel.

Arguments may be files or directories (searched for ``*.json``, ``*.yaml``,
``*.yml``). Nothing is written unless every input is a valid factsheet.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from . import EXIT_OK, EXIT_USAGE
from ._choices import LazyChoices
from ._render import add_stdin_format, load_or_report, write_text

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``convert`` subcommand."""
    parser = subparsers.add_parser(
        "convert",
        help="convert factsheets to JSON, YAML, CSV or HXL-tagged CSV",
        description="Convert factsheet files to canonical JSON or YAML, or to one CSV table per section.",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="factsheet files or directories, - for stdin"
    )
    add_stdin_format(parser)
    parser.add_argument(
        "--to", choices=("json", "yaml", "csv", "hxl", "datapackage"), required=True, help="output format"
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="output file, or directory for several outputs")
    parser.add_argument(
        "--table",
        choices=LazyChoices("opsfacts.tables", "TABLE_NAMES"),
        metavar="NAME",  # a metavar of the choices would list them, importing the tables, at start
        help="csv/hxl: write only this table, one of %(choices)s",
    )
    parser.add_argument(
        "--bom",
        action="store_true",
        help="tables: start each CSV file with a UTF-8 byte order mark, so Excel reads accents right",
    )
    parser.add_argument(
        "--raw-csv",
        action="store_true",
        help="csv/hxl: write text cells as they are, without the ' that keeps a spreadsheet from "
        "reading =, +, -, @ at the start of a cell as a formula",
    )
    parser.set_defaults(run=run)


def _usage(message: str) -> int:
    print(f"opsfacts convert: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _not_a_directory(output: str, needs: str, hint: str) -> str | None:
    """Why ``-o OUTPUT`` cannot be the directory the outputs go to, or None."""
    path = Path(output)
    if path.exists() and not path.is_dir():
        return f"{output} is a file; {needs} -o DIR, a directory"
    if not path.exists() and path.suffix.lower() in (".json", ".yaml", ".yml", ".csv"):
        return f"{output} looks like a file name, but {needs} -o DIR, a directory; {hint}"
    return None


def _directory(output: str) -> Path | None:
    path = Path(output)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"{output}: error: {exc.strerror or exc}", file=sys.stderr)
        return None
    return path


def _documents(args: argparse.Namespace, factsheets: list[tuple[str, Any]]) -> int:
    from ..documents._loading import dumps  # noqa: PLC0415
    from ..errors import WriteError  # noqa: PLC0415

    suffix = ".yaml" if args.to == "yaml" else ".json"
    texts: dict[str, str] = {}
    for name, factsheet in factsheets:
        try:
            texts[name] = dumps(factsheet, syntax=args.to)
        except WriteError as exc:
            # Nothing is written: a converted file must be readable again.
            return _usage(f"{name}: {exc}")
    if len(factsheets) == 1 and not (args.output and Path(args.output).is_dir()):
        return write_text(texts[factsheets[0][0]], args.output, args.input_paths)
    if args.output is None:
        return _usage("several inputs need -o DIR (one output file per input)")
    refused = _not_a_directory(
        args.output, "several inputs need", "convert the inputs one at a time to write one file each"
    )
    if refused is not None:
        return _usage(refused)
    targets: dict[str, str] = {}
    for name, _ in factsheets:
        target = Path(name).stem + suffix
        if target in targets:
            # Writing both would silently lose one of them.
            return _usage(f"{targets[target]} and {name} would both be written to {target}")
        targets[target] = name
    directory = _directory(args.output)
    if directory is None:
        return EXIT_USAGE
    for name, _ in factsheets:
        status = write_text(texts[name], str(directory / (Path(name).stem + suffix)), args.input_paths)
        if status != EXIT_OK:
            return status
    return EXIT_OK


def _tables(args: argparse.Namespace, factsheets: list[Any]) -> int:
    from ..tables import TABLE_NAMES, combine, datapackage, table, write_csv  # noqa: PLC0415

    hxl = args.to in ("hxl", "datapackage")
    if args.table is not None and args.to == "datapackage":
        return _usage("a data package holds every table; leave out --table")
    if args.table is not None:
        buffer = io.StringIO()
        write_csv(table(args.table, factsheets), buffer, hxl=hxl, bom=args.bom, raw=args.raw_csv)
        return write_text(buffer.getvalue(), args.output, args.input_paths, newline="")
    if args.output is None:
        return _usage(f"choose a table with --table ({', '.join(TABLE_NAMES)}) or write all to -o DIR")
    refused = _not_a_directory(args.output, "all the tables need", "choose one with --table NAME")
    if refused is not None:
        return _usage(refused)
    directory = _directory(args.output)
    if directory is None:
        return EXIT_USAGE
    found = combine(factsheets)
    for name in TABLE_NAMES:
        buffer = io.StringIO(newline="")
        write_csv(found[name], buffer, hxl=hxl, bom=args.bom, raw=args.raw_csv)
        status = write_text(buffer.getvalue(), str(directory / f"{name}.csv"), args.input_paths, newline="")
        if status != EXIT_OK:
            return status
    if args.to == "datapackage":
        import json  # noqa: PLC0415

        descriptor = json.dumps(datapackage(found, bom=args.bom), indent=2, ensure_ascii=False) + "\n"
        return write_text(descriptor, str(directory / "datapackage.json"), args.input_paths)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Convert the files; 0 done, 1 an input is not a valid factsheet, 2 usage or I/O error."""
    from ..documents._inputs import expand  # noqa: PLC0415

    inputs, errors = expand(args.files, args.stdin_format)
    for message in errors:
        print(f"{message}", file=sys.stderr)
    if errors:
        return EXIT_USAGE
    args.input_paths = [item.path for item in inputs]
    loaded: list[tuple[str, Any]] = []
    status = EXIT_OK
    for item in inputs:
        factsheet, item_status = load_or_report(item)
        status = max(status, item_status)
        if factsheet is not None:
            loaded.append((item.name, factsheet))
    if status != EXIT_OK:
        return status
    if args.to in ("json", "yaml"):
        return _documents(args, loaded)
    if args.to == "datapackage":
        from ..tables import factsheet_id  # noqa: PLC0415

        seen: dict[str, str] = {}
        for name, factsheet in loaded:
            key = factsheet_id(factsheet)
            if key in seen:
                # Its keys would repeat: the package would not be valid.
                return _usage(
                    f"{seen[key]} and {name} are the same factsheet ({key}), two editions of it; "
                    "a data package holds one edition of each: convert one of them"
                )
            seen[key] = name
    return _tables(args, [f for _, f in loaded])

"""``opsfacts render FILE --to html|md [-o OUT]``: a factsheet as a printable HTML page or as Markdown."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from ..validation._validate import Input

__all__ = ["add_stdin_format", "load_or_report", "register", "run", "write_text"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``render`` subcommand."""
    parser = subparsers.add_parser(
        "render",
        help="render a factsheet as an HTML page or Markdown",
        description="Render a factsheet file (JSON or YAML) as a printable HTML page or as Markdown.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="a factsheet file (.json, .yaml or .yml), or - for stdin"
    )
    add_stdin_format(parser)
    parser.add_argument("--to", choices=("html", "md"), required=True, help="output format")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    parser.add_argument(
        "--checks",
        action="store_true",
        help="add the consistency findings to the HTML page (needs opsfacts.checks)",
    )
    parser.set_defaults(run=run)


def add_stdin_format(parser: argparse.ArgumentParser) -> None:
    """The ``--stdin-format`` option: how to read ``-`` (standard input)."""
    parser.add_argument(
        "--stdin-format", choices=("json", "yaml"), default="json", help="syntax of - (default: json)"
    )


def load_or_report(source: Input) -> tuple[Any, int]:
    """Load a factsheet input; on failure print why (``file:line:col: path: message``) and return a status."""
    from ..documents._loading import load, loads  # noqa: PLC0415
    from ..errors import DocumentError, ReadError  # noqa: PLC0415 - the CLI imports lazily
    from ..validation._report import one_line  # noqa: PLC0415

    name = source.name
    try:
        if source.path is None:
            raw = _stdin(name)
            return loads(raw, syntax="yaml" if source.syntax == "yaml" else "json", source=name), EXIT_OK
        return load(source.path), EXIT_OK
    except ReadError as exc:
        print(one_line(f"{exc.source}: error: {exc.message}"), file=sys.stderr)
        return None, EXIT_USAGE
    except DocumentError as exc:
        for problem in exc.problems:
            print(
                one_line(
                    f"{name}:{problem.line or 1}:{problem.column or 1}: {problem.path}: {problem.message}"
                ),
                file=sys.stderr,
            )
        return None, EXIT_PROBLEMS


def _stdin(name: str) -> bytes:
    from ..documents._loading import read_stdin  # noqa: PLC0415

    return read_stdin(name)


def write_text(
    text: str, output: str | None, inputs: Iterable[Path | None] = (), *, newline: str | None = None
) -> int:
    """Write text to a file, whole (a temporary file, then a rename), or without one to standard
    output; 2 if the file cannot be written or is one of the inputs (it would be destroyed)."""
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from ..documents._writing import write_text_atomic  # noqa: PLC0415

    for source in inputs:
        if source is not None and _same_file(source, Path(output)):
            print(
                f"{output}: error: this is an input file; writing the output over it would destroy it",
                file=sys.stderr,
            )
            return EXIT_USAGE
    try:
        write_text_atomic(output, text, newline=newline)
    except OSError as exc:
        print(f"{output}: error: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _findings(factsheet: Any) -> list[Any] | None:
    # Looked up at run time: the checks are optional and rendering must not depend on them.
    import importlib  # noqa: PLC0415

    try:
        check = importlib.import_module("opsfacts.checks").check
    except (ImportError, AttributeError):
        return None
    return list(check(factsheet))


def run(args: argparse.Namespace) -> int:
    """Render the file; 0 done, 1 invalid document, 2 usage or I/O error."""
    from ..documents._inputs import expand  # noqa: PLC0415

    inputs, errors = expand([args.file], args.stdin_format)
    if errors or len(inputs) != 1:
        message = errors[0] if errors else f"{args.file}: name one factsheet file"
        print(f"opsfacts render: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    factsheet, status = load_or_report(inputs[0])
    if factsheet is None:
        return status
    if args.to == "md":
        from ..render._markdown import render_markdown  # noqa: PLC0415

        return write_text(render_markdown(factsheet), args.output, [inputs[0].path])
    from ..render._html import render_html  # noqa: PLC0415

    findings = None
    if args.checks:
        findings = _findings(factsheet)
        if findings is None:
            print(
                "opsfacts render: error: --checks needs opsfacts.checks, which is not installed",
                file=sys.stderr,
            )
            return EXIT_USAGE
    return write_text(render_html(factsheet, findings=findings), args.output, [inputs[0].path])

"""``opsfacts schema``: print or write the JSON Schema, or check a file against it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` subcommand."""
    parser = subparsers.add_parser(
        "schema",
        help="print the factsheet JSON Schema (or check a file against it)",
        description="Print the JSON Schema generated from the model, write it, or check a committed copy.",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE")
    parser.add_argument(
        "--check",
        metavar="FILE",
        nargs="+",
        help="exit 1 if a FILE differs from the generated schema (the pre-commit hook passes several)",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="the schema of the 'validate --format json' report instead",
    )
    parser.set_defaults(run=run)


def _text(report: bool) -> str:
    if report:
        import json  # noqa: PLC0415

        from ..validation._report import report_schema  # noqa: PLC0415

        return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"
    from ..schema._generate import schema_text  # noqa: PLC0415

    return schema_text()


def _kind(text: str) -> tuple[str, str | None]:
    """Which schema a file says it is, by its ``$id``: (``report``, version), (``factsheet``, version)."""
    import json  # noqa: PLC0415
    import re  # noqa: PLC0415

    try:
        schema_id = json.loads(text).get("$id", "")
    except (ValueError, AttributeError):
        return "unknown", None
    if not isinstance(schema_id, str):
        return "unknown", None
    # A URN (urn:opsfacts:schema:factsheet:1.0) or a published URL (.../factsheet-2.0.schema.json).
    for kind in ("report", "factsheet"):
        prefix = f"urn:opsfacts:schema:{kind}:"
        if schema_id.startswith(prefix):
            return kind, schema_id.removeprefix(prefix)
        published = re.search(rf"/{kind}-([0-9.]+)\.schema\.json$", schema_id)
        if published is not None and schema_id.startswith("https://"):
            return kind, published.group(1)
    return "unknown", None


def _check(path: str, report_option: bool) -> int:
    """Compare one committed schema file with the generated one; 0 same, 1 differs, 2 I/O error."""
    try:
        current = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"opsfacts schema: error: {path}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from ..model._classes import FORMAT_VERSION  # noqa: PLC0415

    kind, version = _kind(current)
    # Compare the file with the schema it is, whatever the options say.
    report = kind == "report" if kind != "unknown" else report_option
    if kind == "factsheet" and version != FORMAT_VERSION:
        print(
            f"{path}: the schema of format {version}, published as released; only the "
            f"format {FORMAT_VERSION} schema is generated, so there is nothing to compare"
        )
        return EXIT_OK
    text = _text(report)
    if current == text:
        print(f"{path}: up to date")
        return EXIT_OK
    import difflib  # noqa: PLC0415

    diff = difflib.unified_diff(
        current.splitlines(keepends=True), text.splitlines(keepends=True), path, "generated", n=1
    )
    sys.stdout.writelines(list(diff)[:60])
    option = " --report" if report else ""
    print(
        f"{path}: differs from the generated schema; regenerate it with 'opsfacts schema{option} -o {path}'",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS


def run(args: argparse.Namespace) -> int:
    """Print, write or check the schema; 0 ok, 1 a file differs, 2 I/O error."""
    if args.check:
        return max(_check(path, args.report) for path in args.check)
    text = _text(args.report)
    if args.output:
        from ..documents._writing import write_text_atomic  # noqa: PLC0415

        try:
            write_text_atomic(args.output, text)
        except OSError as exc:
            print(f"opsfacts schema: error: {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        return EXIT_OK
    sys.stdout.write(text)
    return EXIT_OK

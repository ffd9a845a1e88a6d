"""``opsfacts validate PATH...``: report every problem of every factsheet file, for CI.

Each document is parsed (JSON or YAML, with positions), checked against the
JSON Schema named in its ``$schema`` when that is a local file, loaded into
the model (which agrees with the bundled schema, so it stands in for it),
optionally also validated with jsonschema (``--jsonschema``), and then run
through the consistency checks. Exit codes: 0 all valid, 1 problems found,
2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_USAGE

if TYPE_CHECKING:
    from ..validation._validate import ChecksRunner

__all__ = ["register", "run"]

_SEVERITY_CHOICES = ("error", "warning", "info")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="validate factsheet files (schema, model and consistency checks)",
        description="Validate factsheet files and report every problem with file:line:column and JSON path.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories, glob patterns, or - for stdin"
    )
    parser.add_argument(
        "--format", choices=("text", "json", "github", "sarif"), default="text", help="output format"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE, not stdout")
    parser.add_argument(
        "--stdin-format", choices=("json", "yaml"), default="json", help="syntax of standard input"
    )
    parser.add_argument(
        "--jsonschema", action="store_true", help="also validate with jsonschema against the bundled schema"
    )
    parser.add_argument("--no-checks", action="store_true", help="skip the consistency checks")
    parser.add_argument(
        "--select", action="append", default=[], metavar="CODES", help="only these rule codes or prefixes"
    )
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="CODES", help="skip these rule codes or prefixes"
    )
    parser.add_argument(
        "--fail-on",
        choices=_SEVERITY_CHOICES,
        help="lowest finding severity that fails the run (default: from config, else error)",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="read the configuration from this pyproject.toml ([tool.opsfacts]) or opsfacts.toml",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="worker processes at most, for many files (default: one per idle CPU; 1 to disable)",
    )
    parser.set_defaults(run=run)


def _codes(values: list[str]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


class UsageError(Exception):
    """A bad option or configuration: exit 2."""


def _checks_runner(args: argparse.Namespace) -> tuple[ChecksRunner | None, str]:
    """The consistency checks configured from pyproject.toml and the options (or None), and ``fail_on``."""
    if args.no_checks:
        return None, "error"
    try:
        from ..checks import (  # noqa: PLC0415 - only when checks run
            load_config,
            load_config_file,
        )
    except ImportError as exc:
        if exc.name is not None and exc.name.startswith("opsfacts.checks"):
            return None, "error"  # this opsfacts has no consistency checks
        raise
    import attrs  # noqa: PLC0415

    from ..validation._validate import checks_runner  # noqa: PLC0415

    try:
        # ConfigError messages start with the file's path.
        config = load_config_file(Path(args.config)) if args.config is not None else load_config(Path.cwd())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    changes: dict[str, Any] = {}
    if args.select:
        changes["select"] = _codes(args.select)
    if args.ignore:
        changes["ignore"] = _codes(args.ignore)
    if args.fail_on:
        from ..diagnostics import Severity  # noqa: PLC0415

        changes["fail_on"] = Severity(args.fail_on)
    try:
        config = attrs.evolve(config, **changes)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        return checks_runner(config), config.fail_on
    except ValueError as exc:  # ConfigError: an unknown rule selector
        raise UsageError(str(exc)) from None


def _colour(stream: Any) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def run(args: argparse.Namespace) -> int:
    """Validate the inputs and print the report; return the exit code."""
    from ..documents._inputs import expand  # noqa: PLC0415
    from ..validation._report import render  # noqa: PLC0415
    from ..validation._validate import DocumentValidator, validate_inputs  # noqa: PLC0415

    inputs, errors = expand(args.paths, args.stdin_format)
    for message in errors:
        print(f"opsfacts validate: error: {message}", file=sys.stderr)
    if not inputs:
        print("opsfacts validate: error: no files to validate", file=sys.stderr)
        return EXIT_USAGE
    try:
        checks, fail_on = _checks_runner(args)
    except UsageError as exc:
        print(f"opsfacts validate: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report = validate_inputs(
        DocumentValidator(use_jsonschema=args.jsonschema, checks=checks, fail_on=fail_on), inputs, args.jobs
    )
    if args.output:
        text = render(report, args.format)
        from ._render import write_text  # noqa: PLC0415

        status = write_text(text, args.output, [item.path for item in inputs])
        if status != 0:
            return EXIT_USAGE
    else:
        sys.stdout.write(render(report, args.format, colour=_colour(sys.stdout)))
        sys.stdout.flush()
    return EXIT_USAGE if errors else report.exit_code

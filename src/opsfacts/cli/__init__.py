"""The ``opsfacts`` command: a thin shell over the library.

Each subcommand lives in its own module exposing ``register(subparsers)``,
which adds its parser and sets ``run`` (``args -> exit code``) as default.
Exit codes: 0 success, 1 problems found, 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._version import __version__

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

_COMMANDS = ("validate", "schema", "render", "convert", "migrate", "diff", "rollup", "extract")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    import importlib  # noqa: PLC0415 - subcommand modules import only what they use

    parser = argparse.ArgumentParser(
        prog="opsfacts",
        description="Validate, check, convert and render country operations factsheets.",
    )
    parser.add_argument("--version", action="version", version=f"opsfacts {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMANDS:
        importlib.import_module(f"._{name}", __name__).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_given = sys.argv[1:] if argv is None else list(argv)
    if args_given[:1] and len(args_given[0]) > 2 and "--version".startswith(args_given[0]):
        # What argparse would print, without registering every command first.
        print(f"opsfacts {__version__}")
        return EXIT_OK
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    try:
        status = int(args.run(args))
        if sys.stdout is not None:
            sys.stdout.flush()  # a full device fails here, not at exit with a traceback
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_OK
    except OSError as exc:
        # Standard output on a full device (/dev/full), or a file that failed under a command.
        where = exc.filename if exc.filename is not None else "standard output"
        print(f"opsfacts {args.command}: error: {where}: {exc.strerror or exc}", file=sys.stderr)
        _discard_stdout()
        return EXIT_USAGE
    except Exception as exc:
        # Imported here: ``--version`` and ``--help`` start without the library.
        from ..errors import OpsfactsError  # noqa: PLC0415

        if not isinstance(exc, OpsfactsError):
            raise
        # Commands report their own problems; this is the net under them.
        print(f"opsfacts {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _discard_stdout() -> None:
    """Point standard output at the null device, so what is still buffered is not written at exit."""
    import os  # noqa: PLC0415

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _entry() -> None:
    sys.exit(main())

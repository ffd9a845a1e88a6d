"""``opsfacts extract``: a draft factsheet document from a published PDF or its text."""

from __future__ import annotations

import argparse
import os
import sys

from . import EXIT_OK, EXIT_USAGE

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``extract`` subcommand."""
    parser = subparsers.add_parser(
        "extract",
        help="draft a factsheet document from a published PDF or its pdftotext text",
        description=(
            "Read a factsheet PDF (or the text pdftotext makes of one) and write a draft document, "
            "with the provenance of every value beside it, then print what to review."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the factsheet: a .pdf, or a .txt from pdftotext")
    parser.add_argument(
        "-o", "--output", metavar="DRAFT", help="write the draft to DRAFT (default: print it)"
    )
    parser.add_argument(
        "--to", choices=("yaml", "json"), help="the draft's syntax (default: by DRAFT's suffix, else yaml)"
    )
    parser.set_defaults(run=run)


def _provenance_path(draft: str) -> str:
    base, _ = os.path.splitext(draft)
    return f"{base}.provenance.json"


def run(args: argparse.Namespace) -> int:
    """Extract, write the draft and its provenance, print the review; 0 done, 2 unreadable input."""
    from ..documents import write_text_atomic  # noqa: PLC0415
    from ..extraction import ExtractionError, extract  # noqa: PLC0415

    try:
        extraction = extract(args.file)
    except ExtractionError as exc:
        print(f"opsfacts extract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    syntax = args.to or ("json" if (args.output or "").lower().endswith(".json") else "yaml")
    text = extraction.draft_text(syntax)
    if not args.output:
        sys.stdout.write(text)
        print(extraction.review.text(), file=sys.stderr, end="")
        return EXIT_OK
    provenance = _provenance_path(args.output)
    for target in (args.output, provenance):
        if os.path.exists(target) and os.path.samefile(target, args.file):
            print(f"opsfacts extract: error: {target}: would write over the input", file=sys.stderr)
            return EXIT_USAGE
    try:
        write_text_atomic(args.output, text)
        write_text_atomic(provenance, extraction.provenance_text())
    except OSError as exc:
        print(
            f"opsfacts extract: error: {exc.filename or args.output}: {exc.strerror or exc}", file=sys.stderr
        )
        return EXIT_USAGE
    print(f"wrote {args.output} and {provenance}")
    sys.stdout.write(extraction.review.text())
    return EXIT_OK

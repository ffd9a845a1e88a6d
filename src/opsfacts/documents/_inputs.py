"""Turning paths, directories and glob patterns into the list of documents to read.

Arguments are files, directories (searched recursively for ``*.json``,
``*.yaml`` and ``*.yml``, hidden directories skipped, sorted), glob patterns
(expanded here too, for Windows shells and quoted patterns) and ``-`` for
standard input.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

import attrs

__all__ = ["SUFFIXES", "Input", "expand", "expand_paths"]


@attrs.frozen
class Input:
    """One document to read."""

    name: str
    """How the document is named in reports (the path as given, or ``<stdin>``)."""
    path: Path | None
    """The file, or None for standard input."""
    syntax: str
    """``json`` or ``yaml``."""


SUFFIXES = (".json", ".yaml", ".yml")
"""Suffixes of the files a directory is searched for."""

STDIN = "-"


def _syntax(path: str) -> str:
    return "yaml" if path.lower().endswith((".yaml", ".yml")) else "json"


def _walk(directory: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # .git, .venv, .tox...
        found.extend(Path(root, f) for f in files if f.lower().endswith(SUFFIXES))
    return sorted(found, key=lambda p: p.as_posix())


def _is_dir(path: Path) -> bool:
    # A name too long or a symlink loop is not a directory; reading it says why.
    try:
        return path.is_dir()
    except OSError:
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return True  # there is something to report when it is read


def _is_pattern(arg: str) -> bool:
    return any(ch in arg for ch in "*?[")


def expand(args: Iterable[str], stdin_syntax: str = "json") -> tuple[list[Input], list[str]]:
    """The inputs named by the arguments, and a message for each argument that names nothing."""
    inputs, unmatched = expand_paths(args, stdin_syntax)
    return inputs, [f"{arg}: {reason}" for arg, reason in unmatched]


def expand_paths(
    args: Iterable[str], stdin_syntax: str = "json"
) -> tuple[list[Input], list[tuple[str, str]]]:
    """The inputs named by the arguments, and (argument, reason) for each argument that names nothing."""
    inputs: list[Input] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()
    real: set[str] = set()  # files matched by patterns, by real path

    def add(path: Path) -> None:
        name = str(path)
        if name not in seen:
            seen.add(name)
            inputs.append(Input(name, path, _syntax(name)))

    for arg in args:
        if arg == STDIN:
            if STDIN not in seen:
                seen.add(STDIN)
                inputs.append(Input("<stdin>", None, stdin_syntax))
            continue
        path = Path(arg)
        if _is_dir(path):
            files = _walk(path)
            if not files:
                errors.append((arg, "no *.json, *.yaml or *.yml files in this directory"))
            for file in files:
                add(file)
        elif _is_pattern(arg) and not _exists(path):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                errors.append((arg, "no files match this pattern"))
            for match in matches:
                for file in _walk(Path(match)) if _is_dir(Path(match)) else [Path(match)]:
                    # "**" follows a symlink to a parent directory around a loop: one file, many names.
                    key = os.path.realpath(file)
                    if key not in real:
                        real.add(key)
                        add(file)
        else:
            add(path)  # a missing file is reported when it is read
    return inputs, errors

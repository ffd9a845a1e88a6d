"""Rolling up files: files, folders and glob patterns, read and loaded, then rolled up.

By default an input that cannot be read or is not a valid factsheet stops the
roll-up (:class:`~opsfacts.aggregate.InputError` names it): a total silently missing an operation
would be wrong without saying so. With ``skip_invalid=True`` such a file is
left out and listed among the exclusions instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..documents import expand_paths, load
from ..errors import DocumentError, OpsfactsError, ReadError
from ._model import Editions, Exclusion, ExclusionRule, Rollup
from ._rollup import rollup_documents
from ._select import Document

__all__ = ["InputError", "rollup_files"]


class InputError(OpsfactsError):
    """An input named no file, could not be read or is not a valid factsheet."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def _why(exc: OpsfactsError) -> str:
    if isinstance(exc, ReadError):
        return exc.message
    if isinstance(exc, DocumentError) and exc.problems:
        first = exc.problems[0]
        where = f"line {first.line}, " if first.line else ""
        more = len(exc.problems) - 1
        rest = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return f"not a valid factsheet: {where}{first.path}: {first.message}{rest}"
    return str(exc)


def rollup_files(
    paths: Iterable[str | os.PathLike[str]], *, editions: Editions = "latest", skip_invalid: bool = False
) -> Rollup:
    """Roll up the factsheets in files, folders (searched recursively) and glob patterns.

    Raise :class:`~opsfacts.aggregate.InputError` for an argument that names no file, and, unless
    ``skip_invalid``, for a file that cannot be read or is not a valid factsheet.
    """
    inputs, unmatched = expand_paths(os.fspath(p) for p in paths)
    if unmatched:
        raise InputError(*unmatched[0])
    documents: list[Document] = []
    skipped: list[Exclusion] = []
    for item in inputs:
        if item.path is None:
            raise InputError(item.name, "standard input is not read by the roll-up; name files")
        try:
            documents.append(Document(item.name, load(item.path)))
        except (ReadError, DocumentError) as exc:
            if not skip_invalid:
                raise InputError(item.name, _why(exc)) from None
            skipped.append(
                Exclusion(item.name, "", None, None, "the whole file", _why(exc), ExclusionRule.INVALID)
            )
    return rollup_documents(documents, editions=editions, exclusions=skipped)

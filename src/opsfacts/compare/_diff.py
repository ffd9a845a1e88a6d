"""The entry points: :func:`diff` for two factsheets, :func:`diff_files` for two files."""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..checks import check
from ..documents import load
from ..model import Factsheet
from ._compare import compare_blocks
from ._findings import compare_findings
from ._result import BLOCKS, DiffResult

__all__ = ["diff", "diff_files", "validate_blocks"]


def validate_blocks(blocks: Iterable[str]) -> tuple[str, ...]:
    """The block names, checked; :class:`ValueError` naming the valid ones for an unknown one."""
    names = tuple(blocks)
    unknown = [b for b in names if b not in BLOCKS]
    if unknown:
        raise ValueError(f"unknown block {unknown[0]!r}; the blocks are: {', '.join(BLOCKS)}")
    return names


def diff(
    old: Factsheet,
    new: Factsheet,
    *,
    ignore_text: bool = False,
    ignore_blocks: Iterable[str] = (),
) -> DiffResult:
    """What changed from the ``old`` edition of a factsheet to the ``new`` one.

    Things are matched by what they are, not where they are printed, so a
    list printed in another order is no change. ``ignore_text`` leaves out
    changes to prose and numbers printed another way with the same value;
    ``ignore_blocks`` leaves out whole blocks (names from :data:`~opsfacts.compare.BLOCKS`;
    ``findings`` skips running the consistency checks). An unknown block
    name raises :class:`ValueError`.

    >>> from opsfacts import load
    >>> result = diff(load("examples/mali-2017-06.as-published.json"),
    ...               load("examples/mali-2017-06.corrected.json"))
    >>> [c.field for c in result.in_block("funding")]
    ['requested', 'funded', 'unfunded']
    """
    ignored = set(validate_blocks(ignore_blocks))
    blocks = [b for b in BLOCKS if b not in ignored and b != "findings"]
    changes = compare_blocks(old, new, blocks, ignore_text=ignore_text)
    findings = () if "findings" in ignored else compare_findings(check(old), check(new))
    return DiffResult(old.title, new.title, tuple(changes), findings)


def diff_files(
    old_path: str | os.PathLike[str],
    new_path: str | os.PathLike[str],
    *,
    ignore_text: bool = False,
    ignore_blocks: Iterable[str] = (),
) -> DiffResult:
    """:func:`diff` of two factsheet files (JSON or YAML, format 1.0 migrated on reading).

    Raises what :func:`opsfacts.load` raises for a file that cannot be read or
    is not a valid factsheet (:class:`~opsfacts.ReadError`,
    :class:`~opsfacts.DocumentError`), and :class:`ValueError` for an unknown block.
    """
    blocks = validate_blocks(ignore_blocks)
    old, new = load(old_path), load(new_path)
    result = diff(old, new, ignore_text=ignore_text, ignore_blocks=blocks)
    return DiffResult(
        result.old_title,
        result.new_title,
        result.changes,
        result.findings,
        old_source=os.fspath(old_path),
        new_source=os.fspath(new_path),
    )

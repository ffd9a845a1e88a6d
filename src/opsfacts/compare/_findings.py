"""Consistency findings that appeared or disappeared between two editions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..diagnostics import Finding
from ._result import FindingChange

__all__ = ["compare_findings"]


def _key(finding: Finding) -> tuple[str, str]:
    # Not the path: a finding about a group stays the same finding when the group moves.
    return finding.code, finding.message


def compare_findings(old: Sequence[Finding], new: Sequence[Finding]) -> tuple[FindingChange, ...]:
    """The findings of one edition only: those that disappeared, then those that appeared."""
    gone = Counter(map(_key, old)) - Counter(map(_key, new))
    came = Counter(map(_key, new)) - Counter(map(_key, old))
    changes: list[FindingChange] = []
    for findings, left, appeared in ((old, gone, False), (new, came, True)):
        for finding in findings:
            if left[_key(finding)] > 0:
                left[_key(finding)] -= 1
                changes.append(
                    FindingChange(
                        appeared, finding.code, finding.severity.value, finding.message, finding.path
                    )
                )
    return tuple(changes)

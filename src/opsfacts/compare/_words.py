"""A word-level account of how a text changed, short enough for one line."""

from __future__ import annotations

import difflib

from ._result import WordChange

__all__ = ["similar", "word_change"]

# How many words of an edit are quoted before it is cut with an ellipsis.
_QUOTED = 6


def _words(count: int, sign: str) -> str:
    return f"{sign}{count} word{'' if count == 1 else 's'}"


def _quote(words: list[str]) -> str:
    shown = " ".join(words[:_QUOTED])
    return f"'{shown}…'" if len(words) > _QUOTED else f"'{shown}'"


def word_change(old: str, new: str) -> WordChange:
    """How ``old`` became ``new``, word by word: counts and the first edit quoted."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    added = removed = 0
    first = ""
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed += i2 - i1
        added += j2 - j1
        if not first:
            gone, came = a[i1:i2], b[j1:j2]
            if tag == "replace":
                first = f"{_quote(gone)} → {_quote(came)}"
            elif tag == "delete":
                first = f"{_quote(gone)} removed"
            else:
                first = f"{_quote(came)} added"
    counts = [_words(n, sign) for n, sign in ((added, "+"), (removed, "−")) if n]
    if not counts:
        # Only spacing changed: the words are the same.
        return WordChange(0, 0, "spacing only")
    return WordChange(added, removed, f"{', '.join(counts)}: {first}")


def similar(old: str, new: str) -> bool:
    """Whether two texts share at least half their words (one text edited, not replaced)."""
    # In a fixed order: the matcher's ratio may differ by the order of its arguments.
    a, b = sorted((old.split(), new.split()))
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= 0.5

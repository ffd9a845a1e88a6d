"""Pairing the items of two lists by what they are, not where they are.

Items are paired level by level, from the strictest identity to the
loosest: at each level the items still unpaired are grouped by their key
there, and within a key the first old item pairs with the first new one,
the second with the second... This is symmetric (swapping the lists swaps
the pairs) and, since the first level is the whole item in a canonical form,
reordering a list pairs every item with its equal.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

import attrs

__all__ = ["Level", "Matched", "canonical", "match"]

T = TypeVar("T")

Level = Callable[[T], Hashable | None]
"""A key an item is known by at one level; None when it has none there."""


@attrs.frozen
class Matched(Generic[T]):
    """Two lists paired: (old index, new index) pairs, and the indices left over on each side."""

    pairs: tuple[tuple[int, int], ...]
    removed: tuple[int, ...]
    added: tuple[int, ...]


def canonical(value: object) -> Hashable:
    """A hashable form of a model value in which the order of its lists does not count."""
    cls = type(value)
    if attrs.has(cls):
        fields = attrs.fields(cls)
        return (type(value).__name__, tuple((f.name, canonical(getattr(value, f.name))) for f in fields))
    if isinstance(value, tuple):
        # Sorted by repr: items of one list may be of types that do not compare.
        return ("list", tuple(sorted((canonical(v) for v in value), key=repr)))
    assert isinstance(value, Hashable)
    return value


def match(
    old: Sequence[T],
    new: Sequence[T],
    levels: Sequence[Level[T]],
    aliases: Callable[[T], frozenset[Hashable]] | None = None,
    loose: Callable[[T, T], bool] | None = None,
) -> Matched[T]:
    """Pair ``old`` and ``new`` items.

    ``levels`` are tried in turn after the canonical form. Then, with
    ``aliases`` (the names an item goes by: a full name and an acronym), an
    item still unpaired pairs with the one item on the other side sharing a
    name, when that one shares it with no other. Last, with ``loose``, the
    items still unpaired pair in order when ``loose`` says they are close.
    """
    left = list(range(len(old)))
    right = list(range(len(new)))
    pairs: list[tuple[int, int]] = []

    def level(key: Level[T]) -> None:
        by_key: dict[Hashable, list[int]] = {}
        for j in right:
            k = key(new[j])
            if k is not None:
                by_key.setdefault(k, []).append(j)
        for i in list(left):
            k = key(old[i])
            waiting = by_key.get(k) if k is not None else None
            if waiting:
                j = waiting.pop(0)
                pairs.append((i, j))
                left.remove(i)
                right.remove(j)

    level(canonical)
    for key in levels:
        level(key)
    if aliases is not None:
        names_old = {i: aliases(old[i]) for i in left}
        names_new = {j: aliases(new[j]) for j in right}
        candidates = {i: [j for j in right if names_old[i] & names_new[j]] for i in left}
        back = {j: [i for i in left if names_old[i] & names_new[j]] for j in right}
        for i, found in candidates.items():
            if len(found) == 1 and len(back[found[0]]) == 1:
                pairs.append((i, found[0]))
                left.remove(i)
                right.remove(found[0])
    if loose is not None:
        for i, j in zip(list(left), list(right), strict=False):
            if loose(old[i], new[j]):
                pairs.append((i, j))
                left.remove(i)
                right.remove(j)
    return Matched(tuple(sorted(pairs)), tuple(left), tuple(right))

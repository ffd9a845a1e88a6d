"""Walking two editions side by side, block by block, and listing what changed.

Values are compared by their type: printed numbers as figures, dates and
periods as dates, lists of items by matching them (see ``_identity``), prose
word by word, and anything else (a code, a type, an address) as a value.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs

from ..diagnostics import PathPart, format_path
from ..model import Donor, Donors, Factsheet, Figure, PartialDate, Percentage, Period, Quantity
from ._figures import figure_change, number_text, print_only
from ._identity import Identity, fold, identity_of, short
from ._match import canonical, match
from ._result import Change, ChangeKind
from ._words import similar, word_change

__all__ = ["compare_blocks"]

# Labels and names: a change to them, the thing staying the same, is a renaming.
_LABELS = frozenset({"label", "name", "heading"})
# Prose: a change to it is a text change, summarised word by word.
_PROSE = frozenset(
    {
        "title",
        "text",
        "note",
        "covers",
        "scope",
        "and_others",
        "type_label",
        "unit",
        "action",
        "beneficiaries",
        "area",
        "printed",
    }
)
# Lists of prose: paragraphs are matched as texts, so moving one is no change.
_PROSE_LISTS = frozenset({"highlights", "paragraphs"})
# Fields holding a year or a date as a plain value.
_DATES = frozenset({"year"})
# Counts stored as bare integers (a number of offices, a stated partner count).
_COUNTS = frozenset({"count"})
# Top-level fields the blocks other than ``document`` cover, and those no reader reads as a fact.
_NOT_DOCUMENT = frozenset(
    {
        "highlights",
        "key_figures",
        "sections",
        "populations",
        "funding",
        "presence",
        "partners",
        "activities",
        "donors",
        "contacts",
        "links",
        "footnotes",
        "format_version",
        "schema",
    }
)

Path = tuple[PathPart, ...]


def _join(field: str | None, name: str) -> str:
    return name if field is None else f"{field}.{name}"


def _same(a: object, b: object) -> bool:
    # repr tells 48.3 from 48.30, which == does not; both are needed for numbers printed alike.
    return a == b and repr(a) == repr(b)


def _date_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Period):
        span = str(value.start) if value.end is None else f"{value.start}/{value.end}"
        return f"{span} ({value.printed})" if value.printed else span
    return str(value)


def _value_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(_value_text(v) or "" for v in value)
    return str(value)


# The fields that name an item, and those that hold its main figure, first found first used.
_NAMING = ("label", "name", "heading", "text", "marker")
_MAIN_FIGURE = ("count", "quantity", "amount", "percent", "households", "requested")


def _summary(item: object, currency: str | None) -> str:
    """A one-line account of an item added or removed: its name and its main figure."""
    if isinstance(item, str):
        return short(item)
    if isinstance(item, PartialDate | Period):
        return _date_text(item) or ""
    if isinstance(item, Quantity | Figure | Percentage):
        return number_text(item, currency) or ""
    name = next((str(getattr(item, f)) for f in _NAMING if getattr(item, f, None) is not None), None)
    kind = identity_of(type(item))
    if name is None and kind is not None:
        name = kind.tag(item)
    number = next((getattr(item, f) for f in _MAIN_FIGURE if getattr(item, f, None) is not None), None)
    figure = None if number is None else number_text(number, getattr(item, "currency", None) or currency)
    return ": ".join(p for p in (short(name) if name else None, figure) if p) or type(item).__name__


@attrs.frozen
class _At:
    """Where a comparison is: the thing's name, the field in it, the paths in both editions."""

    identity: str
    field: str | None
    old: Path
    new: Path
    currency: tuple[str | None, str | None] = (None, None)
    """The currency of amounts in each edition, where the block states one."""

    def down(self, name: str, key: PathPart) -> _At:
        """The same thing, one field deeper."""
        return _At(self.identity, _join(self.field, name), (*self.old, key), (*self.new, key), self.currency)

    def paths(self, a: object, b: object) -> tuple[Path | None, Path | None]:
        """The paths of the values present."""
        return (self.old if a is not None else None, self.new if b is not None else None)


@attrs.define
class _Walk:
    """The changes found so far in one block."""

    block: str
    ignore_text: bool = False
    changes: list[Change] = attrs.field(factory=list)

    def add(
        self,
        kind: ChangeKind,
        at: _At,
        old: str | None,
        new: str | None,
        paths: tuple[Path | None, Path | None],
        **detail: Any,
    ) -> None:
        if kind is ChangeKind.TEXT and self.ignore_text:
            return
        old_path, new_path = (None if p is None else format_path(p) for p in paths)
        self.changes.append(
            Change(kind, self.block, at.identity, at.field, old, new, old_path, new_path, **detail)
        )

    def value(self, at: _At, a: Any, b: Any) -> None:
        """Compare one field's two values."""
        if _same(a, b):
            return
        name = (at.field or "").rpartition(".")[2].partition("[")[0]
        paths = at.paths(a, b)
        sample = a if a is not None else b
        if isinstance(sample, Quantity | Figure | Percentage) or (
            name in _COUNTS and isinstance(sample, int) and not isinstance(sample, bool)
        ):
            if self.ignore_text and print_only(a, b):
                return  # the same number printed another way ("412.305" for 412,305)
            old, new = number_text(a, at.currency[0]), number_text(b, at.currency[1])
            self.add(ChangeKind.FIGURE, at, old, new, paths, figure=figure_change(a, b))
        elif isinstance(sample, PartialDate | Period) or name in _DATES:
            self.add(ChangeKind.DATE, at, _date_text(a), _date_text(b), paths)
        elif isinstance(sample, tuple):
            self.sequence(at, a or (), b or ())
        elif attrs.has(type(sample)):
            if a is None or b is None:
                kind = ChangeKind.ADDED if a is None else ChangeKind.REMOVED
                self.add(kind, at, _maybe(a, at.currency[0]), _maybe(b, at.currency[1]), paths)
            else:
                self.fields(at, a, b)
        elif isinstance(sample, str) and name in _LABELS and a is not None and b is not None:
            self.add(ChangeKind.RENAMED, at, a, b, paths)
        elif isinstance(sample, str) and name in _PROSE:
            self.add(ChangeKind.TEXT, at, a, b, paths, words=word_change(a or "", b or ""))
        else:
            self.add(ChangeKind.VALUE, at, _value_text(a), _value_text(b), paths)

    def fields(self, at: _At, a: Any, b: Any, skip: frozenset[str] = frozenset()) -> None:
        """Compare two model objects of one class field by field."""
        if type(a) is not type(b):
            self.add(ChangeKind.VALUE, at, _value_text(a), _value_text(b), (at.old, at.new))
            return
        currency = (
            getattr(a, "currency", None) or at.currency[0],
            getattr(b, "currency", None) or at.currency[1],
        )
        at = attrs.evolve(at, currency=currency)
        for f in attrs.fields(type(a)):
            if f.name not in skip:
                self.value(
                    at.down(f.name, f.metadata.get("key", f.name)), getattr(a, f.name), getattr(b, f.name)
                )

    def sequence(self, at: _At, a: Sequence[Any], b: Sequence[Any]) -> None:
        """Compare two lists: of items by matching them, of prose as texts, of codes as sets."""
        sample = (a or b)[0]
        name = (at.field or "").rpartition(".")[2]
        kind = identity_of(type(sample))
        if kind is not None:
            old_paths = [(*at.old, i) for i in range(len(a))]
            new_paths = [(*at.new, i) for i in range(len(b))]
            self.items(kind, at, (a, old_paths), (b, new_paths))
        elif isinstance(sample, str) and name in _PROSE_LISTS:
            self.prose(at, a, b)
        elif Counter(map(canonical, a)) != Counter(map(canonical, b)):
            old, new = _value_text(tuple(a)) or None, _value_text(tuple(b)) or None
            self.add(ChangeKind.VALUE, at, old, new, (at.old, at.new))

    def items(
        self,
        kind: Identity,
        at: _At,
        old: tuple[Sequence[Any], Sequence[Path]],
        new: tuple[Sequence[Any], Sequence[Path]],
    ) -> None:
        """Compare two lists of items, matched by what they are."""
        (a, pa), (b, pb) = old, new
        matched = match(a, b, kind.levels, kind.aliases, kind.loose)

        # A thing of its own (a group, a partner) is reported under its name; a part of
        # one (a breakdown by sex) under the thing's name, its tag in the field.
        def where(item: Any, path_a: Path, path_b: Path) -> _At:
            if kind.noun is not None:
                return _At(kind.name(item), None, path_a, path_b, at.currency)
            return _At(at.identity, f"{at.field}[{kind.tag(item)}]", path_a, path_b, at.currency)

        for i in matched.removed:
            self.add(
                ChangeKind.REMOVED,
                where(a[i], pa[i], ()),
                _summary(a[i], at.currency[0]),
                None,
                (pa[i], None),
            )
        for j in matched.added:
            self.add(
                ChangeKind.ADDED, where(b[j], (), pb[j]), None, _summary(b[j], at.currency[1]), (None, pb[j])
            )
        for i, j in matched.pairs:
            self.fields(where(b[j], pa[i], pb[j]), a[i], b[j])

    def prose(self, at: _At, a: Sequence[str], b: Sequence[str]) -> None:
        """Compare two lists of paragraphs: moved ones are no change, edited ones a text change."""
        matched = match(a, b, (fold,), loose=similar)
        paths: tuple[Path | None, Path | None]
        for i in matched.removed:
            paths = ((*at.old, i), None)
            self.add(ChangeKind.TEXT, at, a[i], None, paths, words=word_change(a[i], ""))
        for j in matched.added:
            paths = (None, (*at.new, j))
            self.add(ChangeKind.TEXT, at, None, b[j], paths, words=word_change("", b[j]))
        for i, j in matched.pairs:
            if a[i] != b[j]:
                paths = ((*at.old, i), (*at.new, j))
                self.add(ChangeKind.TEXT, at, a[i], b[j], paths, words=word_change(a[i], b[j]))


def _maybe(item: Any, currency: str | None) -> str | None:
    return None if item is None else _summary(item, currency)


def _donors(walk: _Walk, a: Donors, b: Donors) -> None:
    """Donors are matched across the major and other lists: a donor moving between them is one change."""
    at = _At("donors", None, ("donors",), ("donors",))
    walk.fields(at, a, b, skip=frozenset({"major", "others"}))
    kind = identity_of(Donor)
    assert kind is not None

    def listed(d: Donors) -> tuple[list[Donor], list[Path], list[str]]:
        donors = [*d.major, *d.others]
        paths: list[Path] = [("donors", "major", i) for i in range(len(d.major))]
        paths += [("donors", "others", i) for i in range(len(d.others))]
        return donors, paths, ["major"] * len(d.major) + ["others"] * len(d.others)

    old, old_paths, old_lists = listed(a)
    new, new_paths, new_lists = listed(b)
    at = attrs.evolve(at, currency=(a.currency, b.currency))
    walk.items(kind, at, (old, old_paths), (new, new_paths))
    for i, j in match(old, new, kind.levels, kind.aliases).pairs:
        if old_lists[i] != new_lists[j]:
            where = _At(kind.name(new[j]), "list", old_paths[i], new_paths[j])
            walk.add(ChangeKind.VALUE, where, old_lists[i], new_lists[j], (old_paths[i], new_paths[j]))


def compare_block(block: str, old: Factsheet, new: Factsheet, *, ignore_text: bool = False) -> list[Change]:
    """The changes in one block (not ``findings``)."""
    walk = _Walk(block, ignore_text)
    if block == "document":
        walk.fields(_At("document", None, (), ()), old, new, skip=_NOT_DOCUMENT)
        return walk.changes
    a, b = getattr(old, block), getattr(new, block)
    at = _At(block, None, (block,), (block,))
    if _same(a, b):
        return walk.changes
    if isinstance(a, tuple):
        kind = identity_of(type((a or b)[0]))
        if kind is None:  # highlights: a list of prose
            walk.prose(at, a, b)
        else:
            old_paths = [(block, i) for i in range(len(a))]
            new_paths = [(block, i) for i in range(len(b))]
            walk.items(kind, at, (a, old_paths), (b, new_paths))
    elif a is None or b is None:
        change = ChangeKind.ADDED if a is None else ChangeKind.REMOVED
        walk.add(change, at, _maybe(a, None), _maybe(b, None), at.paths(a, b))
    elif isinstance(a, Donors) and isinstance(b, Donors):
        _donors(walk, a, b)
    else:
        walk.fields(at, a, b)
    return walk.changes


def compare_blocks(
    old: Factsheet, new: Factsheet, blocks: Sequence[str], *, ignore_text: bool = False
) -> list[Change]:
    """The changes in these blocks, block by block."""
    return [c for block in blocks for c in compare_block(block, old, new, ignore_text=ignore_text)]

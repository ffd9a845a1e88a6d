"""Reading older format versions: documents of format 1.0 migrated to the current format.

Migration works on the JSON-like data, before structuring, and never loses a
fact: every 1.0 document that loads migrates to a 2.0 document that loads, with
the same facts. It is tolerant: a part it does not recognise (a 1.0 document
with mistakes in it) is passed on unchanged, so loading reports the mistake at
the path the author wrote.

What changes from 1.0 to 2.0:

* ``format_version`` becomes ``"2.0"``;
* a population group's ``type`` becomes its list of ``types``;
* ``populations.stated_total`` becomes the first of ``populations.totals``;
* an age band without a count had the count 0 in 1.0, which is now written out;
* a partner without a ``role`` was an implementing partner in 1.0: the role is
  written out, since 2.0 reads a missing role as not stated;
* a target's ``quantity`` and ``qualifier`` become one ``quantity``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Final

import attrs

from ..model._classes import FORMAT_VERSION

__all__ = ["READ_VERSIONS", "Migration", "migrate", "version_of"]

READ_VERSIONS: Final = ("1.0", FORMAT_VERSION)
"""Every format version this release reads, oldest first; the last is the one it writes."""


@attrs.frozen
class Migration:
    """The result of migrating a document's data to the current format version."""

    data: Any
    """The data in the current format (the input itself when nothing was to migrate)."""
    from_version: str
    """The version the document was in."""
    changes: tuple[str, ...] = ()
    """What migration wrote differently, one sentence each, with the JSON path."""

    @property
    def migrated(self) -> bool:
        """Whether the document was in an older version."""
        return self.from_version != FORMAT_VERSION


def version_of(data: Any) -> str | None:
    """The ``format_version`` a document states; ``"1.0"`` when it states none (1.0 allowed that).

    Returns None when the data is not an object or its version is not a string:
    loading then reports the problem at its path.
    """
    if not isinstance(data, dict):
        return None
    version = data.get("format_version", "1.0")
    return version if isinstance(version, str) else None


def migrate(data: Any) -> Migration:
    """Migrate a document's data to the current format version; the input is never changed.

    Data in the current version, or in a version this release does not read, is
    returned as it is: structuring reports an unknown version with the versions
    this release reads.

    >>> from opsfacts import migrate
    >>> old = {
    ...     "format_version": "1.0",
    ...     "publisher": {"name": "UNHCR"},
    ...     "operation": {"name": "Mali", "countries": ["MLI"]},
    ...     "title": "Mali",
    ...     "date": "2017-06",
    ...     "populations": {
    ...         "groups": [{"type": "REF", "residence": "hosted", "count": 17586, "label": "Refugees"}]
    ...     },
    ... }
    >>> migration = migrate(old)
    >>> migration.from_version, migration.migrated
    ('1.0', True)
    >>> for change in migration.changes:
    ...     print(change)
    $.populations.groups[0].type is now $.populations.groups[0].types
    $.format_version: 1.0 is now 2.0
    >>> migration.data["populations"]["groups"][0]["types"], old["format_version"]
    (['REF'], '1.0')
    """
    version = version_of(data)
    if version is None or version not in _STEPS:
        return Migration(data, version or FORMAT_VERSION)
    changes: list[str] = []
    upgraded = copy.deepcopy(data)
    while version in _STEPS:
        target, step = _STEPS[version]
        step(upgraded, changes)
        upgraded["format_version"] = target
        changes.append(f"$.format_version: {version} is now {target}")
        version = target
    return Migration(upgraded, version_of(data) or FORMAT_VERSION, tuple(changes))


def _objects(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return (
        [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]
        if isinstance(value, list)
        else []
    )


def _from_1_0(doc: dict[str, Any], changes: list[str]) -> None:
    populations = doc.get("populations")
    if isinstance(populations, dict):
        for i, group in _objects(populations.get("groups")):
            at = f"$.populations.groups[{i}]"
            if "type" in group and "types" not in group:
                group["types"] = [group.pop("type")]
                changes.append(f"{at}.type is now {at}.types")
            for j, band in _objects(group.get("by_age")):
                if "count" not in band:
                    band["count"] = 0
                    changes.append(f"{at}.by_age[{j}].count: the 1.0 default 0 is written out")
        if "stated_total" in populations and "totals" not in populations:
            total = populations.pop("stated_total")
            if total is None:  # 1.0's way of saying no total was printed
                changes.append("$.populations.stated_total: null is left out (no total printed)")
            else:
                populations["totals"] = [{"count": total}]
                changes.append("$.populations.stated_total is now $.populations.totals[0].count")
    partners = doc.get("partners")
    if isinstance(partners, dict):
        for i, partner in _objects(partners.get("partners")):
            if "role" not in partner:
                partner["role"] = "implementing"
                changes.append(
                    f"$.partners.partners[{i}].role: the 1.0 default 'implementing' is written out"
                )
    for i, sector in _objects(doc.get("activities")):
        for j, statement in _objects(sector.get("statements")):
            for k, target in _objects(statement.get("targets")):
                if (
                    "qualifier" in target
                    and "quantity" in target
                    and not isinstance(target["quantity"], dict)
                ):
                    qualifier = target.pop("qualifier")
                    at = f"$.activities[{i}].statements[{j}].targets[{k}]"
                    if qualifier != "exact":
                        target["quantity"] = {"value": target["quantity"], "qualifier": qualifier}
                    changes.append(f"{at}.qualifier is now part of {at}.quantity")


_STEPS: dict[str, tuple[str, Callable[[dict[str, Any], list[str]], None]]] = {
    "1.0": (FORMAT_VERSION, _from_1_0),
}

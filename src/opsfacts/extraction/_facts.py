"""The facts of a factsheet document, to measure a draft against the document it should be.

A fact is one printed value of the populations, funding, presence, partners,
donors or contacts blocks, keyed by what identifies it on the sheet (a
group's label, a donor's name), never by its position:

* ``key_figures/<label>/quantity``, ``…/percent``, ``…/amount`` (the figure printed large at the top);
* ``populations/<label>/count``, ``…/households``, ``…/types``;
* ``funding/requested``, ``…/funded``, ``…/unfunded`` (amounts), ``…/funded_percent``,
  ``…/unfunded_percent``, ``…/currency``, ``…/as_of``;
* ``presence/staff/<label>``, ``presence/offices/<label>/count``, ``…/locations``, ``…/under`` (the
  office it reports to), the stated totals;
* ``activities/<sector>`` (the sector is named), ``activities/<sector>/<unit>`` (a number listed
  under one of its statements, by what it counts);
* ``partners/<name>`` (the partner is named);
* ``donors/<major|others>/<name>`` (named), ``…/amount``, ``…/private``;
* ``contacts/<name>`` (named), ``…/title``, ``…/location``, ``…/email``, ``…/phone``.

A partner's type and role and a donor's country are classifications, often
not printed, so they are not facts of the print. Counts compare by value,
amounts by what they stand for; an amount printed shorter than the document
states it (``USD 3.1 M`` for ``3,068,942``) is *rounded*, neither recovered
nor wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from attrs import field, frozen

__all__ = ["PARTS", "Comparison", "PartScore", "compare", "facts"]

PARTS = ("key_figures", "populations", "funding", "presence", "activities", "partners", "donors", "contacts")
"""The parts whose facts are compared."""

_EXPONENTS = {"one": 0, "thousand": 3, "million": 6, "billion": 9}


def _label(text: Any) -> str:
    return " ".join(str(text).rstrip("*¹²³").split())


def _count(value: Any) -> Any:
    if isinstance(value, Mapping):
        return value.get("value", value.get("printed"))
    return value


def _percent(value: Any) -> Any:
    if isinstance(value, Mapping):
        value = value.get("value", value.get("printed"))
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return value


def _amount(value: Any) -> Any:
    """(amount, tolerance) of a figure; its printed text for a placeholder."""
    if not isinstance(value, Mapping) or value.get("value") is None:
        return value.get("printed") if isinstance(value, Mapping) else value
    digits = Decimal(str(value["value"]))
    exponent = _EXPONENTS[value.get("scale", "one")]
    tolerance = Decimal(5).scaleb(int(digits.as_tuple().exponent) - 1 + exponent)
    return (digits.scaleb(exponent), tolerance)


def facts(document: Mapping[str, Any]) -> dict[str, Any]:
    """The facts of a document (as JSON-like data), by key; see the module docstring."""
    found: dict[str, Any] = {}
    for figure in document.get("key_figures") or []:
        key = f"key_figures/{_label(figure['label'])}"
        if figure.get("quantity") is not None:
            found[f"{key}/quantity"] = _count(figure["quantity"])
        if figure.get("percent") is not None:
            found[f"{key}/percent"] = _percent(figure["percent"])
        if figure.get("amount") is not None:
            found[f"{key}/amount"] = _amount(figure["amount"])
    for group in (document.get("populations") or {}).get("groups", []):
        key = f"populations/{_label(group['label'])}"
        if group.get("count") is not None:
            found[f"{key}/count"] = _count(group["count"])
        if group.get("households") is not None:
            found[f"{key}/households"] = _count(group["households"])
        if group.get("types"):
            found[f"{key}/types"] = tuple(group["types"])
    funding = document.get("funding") or {}
    for name in ("requested", "funded", "unfunded"):
        if funding.get(name) is not None:
            found[f"funding/{name}"] = _amount(funding[name])
    for name in ("funded_percent", "unfunded_percent"):
        if funding.get(name) is not None:
            found[f"funding/{name}"] = _percent(funding[name])
    for name in ("currency", "as_of"):
        if funding.get(name) is not None:
            found[f"funding/{name}"] = str(funding[name])
    presence = document.get("presence") or {}
    for staff in presence.get("staff", []):
        if staff.get("count") is not None:
            found[f"presence/staff/{_label(staff['label'])}"] = _count(staff["count"])
        for part in staff.get("parts", []):
            found[f"presence/staff/{_label(staff['label'])}/{_label(part['label'])}"] = _count(part["count"])
    for office in presence.get("offices", []):
        key = f"presence/offices/{_label(office['label'])}"
        if office.get("count") is not None:
            found[f"{key}/count"] = office["count"]
        if office.get("locations"):
            found[f"{key}/locations"] = tuple(office["locations"])
        if office.get("under"):
            found[f"{key}/under"] = " ".join(str(office["under"]).split())
    for name in ("stated_staff_total", "stated_office_total"):
        if presence.get(name) is not None:
            found[f"presence/{name}"] = _count(presence[name])
    for activity in document.get("activities") or []:
        key = f"activities/{_label(activity['sector']['name'])}"
        found[key] = True
        for statement in activity.get("statements", []):
            for target in statement.get("targets", []):
                found[f"{key}/{_label(target['unit'])}"] = _count(target["quantity"])
    for partner in (document.get("partners") or {}).get("partners", []):
        found[f"partners/{_label(partner['name'])}"] = True
    donors = document.get("donors") or {}
    for tier in ("major", "others"):
        for donor in donors.get(tier, []):
            key = f"donors/{tier}/{_label(donor['name'])}"
            if donor.get("private"):
                key += " (private)"
            found[key] = True
            if donor.get("amount") is not None:
                found[f"{key}/amount"] = _amount(donor["amount"])
    for contact in document.get("contacts", []):
        key = f"contacts/{_label(contact['name'])}"
        found[key] = True
        for name in ("title", "location", "email", "phone"):
            if contact.get(name) is not None:
                found[f"{key}/{name}"] = str(contact[name])
    return found


def _verdict(expected: Any, found: Any) -> str:
    if (
        isinstance(expected, tuple)
        and isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], Decimal)
    ):
        if expected[0] == found[0]:
            return "exact"
        return "rounded" if abs(expected[0] - found[0]) <= found[1] else "wrong"
    return "exact" if expected == found else "wrong"


@frozen
class PartScore:
    """How many facts of one part were recovered exactly, rounded, wrongly or not at all."""

    part: str = field(metadata={"doc": "The part."})
    total: int = field(metadata={"doc": "Facts the document states."})
    exact: int = field(metadata={"doc": "Recovered exactly."})
    rounded: int = field(metadata={"doc": "Amounts recovered at the (shorter) precision printed."})
    wrong: tuple[str, ...] = field(metadata={"doc": "Keys recovered with another value."})
    missing: tuple[str, ...] = field(metadata={"doc": "Keys not recovered."})

    @property
    def recall(self) -> float:
        """The share of facts recovered exactly (1.0 for a part with no facts)."""
        return self.exact / self.total if self.total else 1.0


@frozen
class Comparison:
    """A draft measured against the document it should be, part by part."""

    parts: tuple[PartScore, ...] = field(metadata={"doc": "One score per part, in :data:`PARTS` order."})
    wrong_values: tuple[tuple[str, Any, Any], ...] = field(
        metadata={"doc": "(key, expected, found) for every fact recovered wrongly."}
    )

    @property
    def total(self) -> int:
        """Facts the document states."""
        return sum(p.total for p in self.parts)

    @property
    def exact(self) -> int:
        """Facts recovered exactly."""
        return sum(p.exact for p in self.parts)

    @property
    def wrong(self) -> int:
        """Facts recovered wrongly."""
        return sum(len(p.wrong) for p in self.parts)

    @property
    def recall(self) -> float:
        """The share of all facts recovered exactly."""
        return self.exact / self.total if self.total else 1.0

    def table(self) -> str:
        """One line a part: recall, rounded, wrong and missing counts."""
        rows = [
            f"{'part':<12} {'facts':>5} {'exact':>5} {'recall':>7} {'rounded':>7} {'wrong':>5} {'missing':>7}"
        ]
        cells = [
            (p.part, p.total, p.exact, p.recall, p.rounded, len(p.wrong), len(p.missing)) for p in self.parts
        ]
        rounded = sum(p.rounded for p in self.parts)
        missing = sum(len(p.missing) for p in self.parts)
        cells.append(("all", self.total, self.exact, self.recall, rounded, self.wrong, missing))
        for part, total, exact, recall, rounded, wrong, missing in cells:
            rows.append(
                f"{part:<12} {total:>5} {exact:>5} {recall:>7.1%} {rounded:>7} {wrong:>5} {missing:>7}"
            )
        return "\n".join(rows)


def compare(expected: Mapping[str, Any], found: Mapping[str, Any]) -> Comparison:
    """Measure a draft (``found``) against a document (``expected``), both as JSON-like data."""
    want, got = facts(expected), facts(found)
    scores = []
    wrong_values: list[tuple[str, Any, Any]] = []
    for part in PARTS:
        keys = [k for k in want if k.startswith(f"{part}/")]
        verdicts = {k: _verdict(want[k], got[k]) if k in got else "missing" for k in keys}
        wrong = tuple(k for k, v in verdicts.items() if v == "wrong")
        wrong_values += [(k, want[k], got[k]) for k in wrong]
        scores.append(
            PartScore(
                part,
                len(keys),
                sum(v == "exact" for v in verdicts.values()),
                sum(v == "rounded" for v in verdicts.values()),
                wrong,
                tuple(k for k, v in verdicts.items() if v == "missing"),
            )
        )
    return Comparison(tuple(scores), tuple(wrong_values))

"""A roll-up as plain text for a terminal: totals, operations, funding and every exclusion with why."""

from __future__ import annotations

from ..model._printing import count, money, percent
from ._model import Edition, OperationSummary, Rollup

__all__ = ["render_text"]


def _people(n: int, approximate: bool) -> str:
    return ("about " if approximate else "") + count(n)


def _edition(edition: Edition) -> str:
    period = str(edition.period_start)
    if edition.period_end != edition.period_start:
        period += f"..{edition.period_end}"
    mark = "" if edition.counted else " (not counted)"
    return f"    {period}: {_people(edition.people, edition.approximate)} people{mark}  [{edition.file}]"


def _operation(operation: OperationSummary) -> list[str]:
    status = "counted" if operation.counted else f"part of {operation.part_of}, not added"
    lines = [f"  {operation.key}  {operation.name} ({status})"]
    lines += [_edition(e) for e in operation.editions]
    return lines


def render_text(rollup: Rollup) -> str:
    """The roll-up as text lines, ending with a newline."""
    counted = rollup.counted
    lines = [
        f"Roll-up of {len(counted)} operation{'s' if len(counted) != 1 else ''} "
        f"({len(rollup.operations) - len(counted)} shown as parts, not added)",
        "",
        f"People: {_people(rollup.people, rollup.approximate)}",
        "  by type:",
        *(
            f"    {t.population_type or 'not stated'}: {_people(t.people, t.approximate)}"
            for t in rollup.by_type
        ),
        "  by origin:",
        *(f"    {t.origin or 'not stated'}: {_people(t.people, t.approximate)}" for t in rollup.by_origin),
        f"Staff: {count(rollup.staff)}",
        f"Offices: {count(rollup.offices)}",
        f"Partners: {count(rollup.partners)} distinct",
        "Funding" + (" (several currencies or years: not summed)" if rollup.funding_mixed else "") + ":",
    ]
    for total in rollup.funding:
        share = total.funded_percent
        year = total.year if total.year is not None else "year not stated"
        requested = "not stated" if total.requested is None else money(total.requested, total.currency)
        funded = "not stated" if total.funded is None else money(total.funded, total.currency)
        if share is not None:
            funded += f" ({percent(share)})"
        lines.append(
            f"  {total.currency} {year}: requested {requested}, funded {funded}"
            f"  [{', '.join(total.operations)}]"
        )
    lines += ["", f"Operations ({rollup.editions} editions):"]
    for operation in rollup.operations:
        lines += _operation(operation)
    lines += ["", f"Left out of the totals ({len(rollup.exclusions)}):"]
    lines += [f"  {e.file}: {e.what}: {e.why} [{e.rule.value}]" for e in rollup.exclusions]
    return "\n".join(lines) + "\n"

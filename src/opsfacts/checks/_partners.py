"""Partner rules (OPS4xx): stated counts match the partners listed; no partner twice."""

from __future__ import annotations

from collections.abc import Iterator

from ..model._classes import Factsheet, Partner
from ..model._codes import OrganisationType, PartnerRole
from ._findings import Issue, Severity
from ._number_words import name_key
from ._precision import count_interval
from ._registry import rule

__all__: list[str] = []


@rule("OPS401", Severity.ERROR, "Stated number of partners does not match the list")
def partner_count(factsheet: Factsheet) -> Iterator[Issue]:
    """ "UNHCR works with eight key partners including two governmental and six
    non-governmental" is a claim about the list that follows; each stated count must be
    the number of listed partners of the kinds it counts.

    What the list does not say is not held against it. A list that ends "and others"
    (``and_others``) is incomplete: a stated count larger than the partners listed is
    then expected, and only fewer is reported. A partner printed without a type
    (``type`` absent) is neither governmental nor an NGO as far as the sheet says, so a
    count by type can only be bounded: it is reported only when no assignment of types
    to the untyped partners could make it true (fewer stated than the typed partners of
    those kinds, or more than those and every untyped partner together). No "cannot be
    checked" finding is made: the sheet printed nothing wrong. A count limited to a role
    ("two implementing partners", ``roles``) is bounded the same way by the partners of
    that role, a partner with no printed role possibly being one; a qualified count
    ("over 60 organisations", ``qualifier``) is compared as the range it allows.

    Example::

        "partners": {"partners": [{"name": "Mercy Corps", "type": "international-ngo"}],
                     "stated_counts": [{"count": 2, "text": "two non-governmental",
                                        "types": ["international-ngo", "national-ngo"]}]}
    """
    block = factsheet.partners
    if block is None:
        return
    incomplete = block.and_others is not None
    for index, stated in enumerate(block.stated_counts):
        kinds, roles = set(stated.types), set(stated.roles)
        listed = sum(1 for p in block.partners if _counted(p, kinds, roles, certain=True))
        possible = sum(1 for p in block.partners if _counted(p, kinds, roles, certain=False))
        untyped = possible - listed
        low, high = listed, None if incomplete else possible
        said = count_interval(stated.count, stated.qualifier)
        if said.high >= low and (high is None or said.low <= high):
            continue
        if high is None:
            listed_text = f"{listed} such partners are listed, before {block.and_others!r}"
        elif untyped:
            listed_text = (
                f"between {low} and {high} such partners are listed ({untyped} without a printed "
                f"{'type or role' if kinds and roles else 'role' if roles else 'type'})"
            )
        else:
            listed_text = f"{listed} such partners are listed"
        yield Issue(
            ("partners", "stated_counts", index, "count"),
            f"the text says {stated.text!r} ({stated.count}), but {listed_text}",
            {"stated": stated.count, "computed": listed, "text": stated.text},
        )


def _counted(partner: Partner, kinds: set[OrganisationType], roles: set[PartnerRole], certain: bool) -> bool:
    """Whether a stated count counts the partner: surely (``certain``), or possibly, where its
    type or role is not printed."""
    unknown_ok = not certain
    type_ok = not kinds or (partner.type in kinds if partner.type is not None else unknown_ok)
    role_ok = not roles or (partner.role in roles if partner.role is not None else unknown_ok)
    return type_ok and role_ok


@rule("OPS402", Severity.ERROR, "Partner listed twice")
def duplicate_partner(factsheet: Factsheet) -> Iterator[Issue]:
    """Each partner is listed once; a repeated name (ignoring case, accents and
    punctuation) inflates the partner counts.

    Example::

        "partners": [{"name": "Mercy Corps", "type": "international-ngo"},
                     {"name": "Mercy corps", "type": "international-ngo"}]
    """
    if factsheet.partners is None:
        return
    seen: dict[str, int] = {}
    for index, partner in enumerate(factsheet.partners.partners):
        key = name_key(partner.name)
        if key in seen:
            yield Issue(
                ("partners", "partners", index),
                f"the partner {partner.name!r} is already listed at partners[{seen[key]}]",
                {"name": partner.name, "first": seen[key]},
            )
        else:
            seen[key] = index

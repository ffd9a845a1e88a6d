"""The model fields neither page shows, with why: shared by the Markdown and HTML renderers."""

from __future__ import annotations

__all__ = ["LEFT_OUT"]

LEFT_OUT: dict[str, str] = {
    "Acceptance.code": "accepted findings are for the checks, not for readers",
    "Acceptance.path": "accepted findings are for the checks, not for readers",
    "Acceptance.reason": "accepted findings are for the checks, not for readers",
    "Donor.country": "the donor's printed name is shown; the code is in the tables",
    "Donors.ordered_by_amount": "how the list was printed: it is shown in its printed order",
    "Factsheet.schema": "the document's schema is about the file, not the operation",
    "OfficeGroup.type": "a code: the printed label is shown; the code is in the tables",
    "Operation.countries": "the operation's printed name is shown; the codes are in the tables",
    "PartnerCount.qualifier": "counts stated in prose are checked against the list, which is shown",
    "PartnerCount.roles": "counts stated in prose are checked against the list, which is shown",
    "PartnerCount.types": "counts stated in prose are checked against the list, which is shown",
    "PopulationGroup.origin": "the group's printed label says its origin; the code is in the tables",
    "Sector.code": "a code: the printed sector name is shown; the code is in the tables",
    "StaffGroup.category": "a code: the printed label is shown; the code is in the tables",
    "StaffPart.category": "a code: the printed label is shown; the code is in the tables",
    "Target.action": "the statement's text says it; the targets table has it",
    "Target.beneficiaries": "the statement's text says it",
    "Target.kind": "the statement's text says it; the targets table has it",
}
"""Model fields the Markdown and the HTML page both leave out, each with why."""

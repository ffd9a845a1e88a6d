"""Short phrases both renderers print the same way: donor names, target qualifiers."""

from __future__ import annotations

from ..codes import Qualifier
from ..model import Donor

__all__ = ["donor_label", "qualifier_prefix"]

_QUALIFIER_WORDS = {Qualifier.AT_LEAST: "over ", Qualifier.AT_MOST: "up to ", Qualifier.ABOUT: "about "}


def donor_label(donor: Donor) -> str:
    """The donor's name, with "Private donors" before it for private donors (once)."""
    if donor.private and "private" not in donor.name.lower():
        return f"Private donors {donor.name}"
    return donor.name


def qualifier_prefix(qualifier: Qualifier) -> str:
    """The word printed before a qualified quantity ("over 700"), with its space; empty when exact."""
    return _QUALIFIER_WORDS.get(qualifier, "")

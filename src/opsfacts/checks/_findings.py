"""What a rule yields: an :class:`Issue`, which the engine makes a :class:`~opsfacts.diagnostics.Finding`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..diagnostics import Finding, PathPart, Severity, json_value

__all__ = ["Finding", "Issue", "Severity", "json_value"]


@attrs.frozen
class Issue:
    """What a rule yields: where, what is wrong, and the values involved.

    The engine turns it into a :class:`Finding` carrying the rule's code and severity.
    """

    parts: tuple[PathPart, ...]
    """Path of the offending value, as keys and indices (``("funding", "unfunded")``)."""
    message: str
    """A sentence a reviewer understands."""
    values: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    """The values involved, e.g. ``{"stated": ..., "computed": ...}``."""

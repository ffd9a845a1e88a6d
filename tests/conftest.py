"""Shared test configuration: hypothesis profiles and paths to the examples and reference."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
AS_PUBLISHED = EXAMPLES / "mali-2017-06.as-published.json"
CORRECTED = EXAMPLES / "mali-2017-06.corrected.json"
REFERENCE = REPO / "tests" / "data" / "reference" / "unhcr-mali-factsheet-2017-06.txt"


@pytest.fixture
def repo() -> Path:
    """The repository root."""
    return REPO

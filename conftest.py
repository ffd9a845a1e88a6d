"""Doctest set-up for the examples in ``docs/*.rst`` and in the docstrings under ``src/``.

``pytest`` collects them (``--doctest-modules --doctest-glob='*.rst'`` in
``pyproject.toml``); the examples name files as a reader at the repository
root would (``examples/mali-2017-06.corrected.json``), so each runs there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem

REPO = Path(__file__).resolve().parent

# The Sphinx configuration and extension import Sphinx, which the test extra does not install;
# they hold no examples. The build output and the inventory writer are not documentation either.
collect_ignore = ["docs/conf.py", "docs/_ext", "docs/_intersphinx", "docs/_build"]


@pytest.fixture(autouse=True)
def _doctest_at_repository_root(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every doctest from the repository root, where the examples' paths start."""
    if isinstance(request.node, DoctestItem):
        monkeypatch.chdir(REPO)

"""The code on the "extending opsfacts" page runs as shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "extending.rst"


def test_every_python_snippet_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    blocks = re.findall(
        r"^\.\. code-block:: python\n\n((?:   .*\n|\n)+)", PAGE.read_text(encoding="utf-8"), re.M
    )
    assert len(blocks) == 1
    for block in blocks:
        code = "\n".join(line[3:] for line in block.splitlines())
        namespace: dict[str, object] = {}
        exec(compile(code, str(PAGE), "exec"), namespace)
        assert "data" in namespace

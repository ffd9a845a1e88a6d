"""The pre-commit hooks: a manifest pre-commit loads, and default ``files`` that pick factsheets only.

pre-commit itself reads the manifest (``load_manifest``) and chooses each hook's files
(``Classifier``: the ``files``/``exclude`` patterns, then the ``types`` identify gives a file),
over a tree of files with the names a repository holds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit reads the hook manifest")
run_command = pytest.importorskip("pre_commit.commands.run")

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / ".pre-commit-hooks.yaml"

FACTSHEETS = [
    "factsheets/mali-2017-06.json",
    "factsheets/2019/niger-2019-03.yaml",
    "data/factsheets/jordan.yml",
    "mali-2017-06.factsheet.json",
    "reports/niger-2019-03.factsheet.yaml",
    "chad.factsheet.yml",
]
OTHERS = [
    "package.json",
    "config.yaml",
    ".github/workflows/ci.yml",
    ".pre-commit-config.yaml",
    "tsconfig.json",
    "docs/conf.yaml",
    "factsheets/README.md",
    "factsheets.json",
    "my-factsheets/x.json",
    "schemas/factsheet-2.0.schema.json",
    "notfactsheet.json",
]
SCHEMAS = ["schemas/factsheet-2.0.schema.json", "vendor/opsfacts/factsheet-1.0.schema.json"]


def _hooks() -> dict[str, Any]:
    return {hook["id"]: hook for hook in clientlib.load_manifest(str(MANIFEST))}


def _chosen(hook: dict[str, Any], names: list[str], root: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}\n" if name.endswith(".json") else "a: 1\n", encoding="utf-8")
    monkeypatch.chdir(root)

    class _Hook:
        files = hook["files"]
        exclude = hook["exclude"]
        types = hook["types"]
        types_or = hook["types_or"]
        exclude_types = hook["exclude_types"]

    return set(run_command.Classifier(names).filenames_for_hook(_Hook()))


def test_pre_commit_loads_the_manifest() -> None:
    hooks = _hooks()
    assert set(hooks) == {"opsfacts-validate", "opsfacts-schema-check"}
    assert hooks["opsfacts-validate"]["entry"] == "opsfacts validate"
    assert hooks["opsfacts-schema-check"]["entry"] == "opsfacts schema --check"
    assert all(hook["language"] == "python" for hook in hooks.values())


def test_the_validate_hook_picks_factsheets_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = _chosen(_hooks()["opsfacts-validate"], FACTSHEETS + OTHERS, tmp_path, monkeypatch)
    assert chosen == set(FACTSHEETS)


def test_the_schema_hook_picks_committed_schema_copies_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = sorted(set(FACTSHEETS + OTHERS + SCHEMAS))
    assert _chosen(_hooks()["opsfacts-schema-check"], names, tmp_path, monkeypatch) == set(SCHEMAS)


def test_the_schema_hook_command_checks_several_files(tmp_path: Path) -> None:
    # pre-commit appends the files it chose to the entry: one stale copy fails the hook.
    stale = tmp_path / "factsheet-2.0.schema.json"
    stale.write_text((REPO / "schemas" / "factsheet-2.0.schema.json").read_text(encoding="utf-8") + " ")
    entry = _hooks()["opsfacts-schema-check"]["entry"].split()[1:]
    files = [
        str(REPO / "schemas" / "factsheet-2.0.schema.json"),
        str(REPO / "schemas" / "factsheet-1.0.schema.json"),
    ]
    ok = subprocess.run(
        [sys.executable, "-m", "opsfacts", *entry, *files], check=False, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    failed = subprocess.run(
        [sys.executable, "-m", "opsfacts", *entry, *files, str(stale)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert failed.returncode == 1
    assert "differs from the generated schema" in failed.stderr

"""Format 1.0 documents are read through migration to 2.0, with every fact kept.

1.0 documents are drawn from the published 1.0 schema (``schemas/factsheet-1.0.schema.json``),
so the property test covers every shape 1.0 allowed, not only those of the examples.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import opsfacts
from opsfacts import InvalidDocument, PartnerRole, PopulationType, Qualifier
from opsfacts.documents import READ_VERSIONS, migrate
from opsfacts.schema import bundled_schema
from test_agreement import from_schema

REPO = Path(__file__).resolve().parents[1]
V1 = REPO / "tests" / "data" / "v1"
SCHEMA_1_0 = bundled_schema("1.0")


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path, data


def _in_2_0(path: tuple[Any, ...], value: Any) -> list[tuple[Any, ...]]:
    """Where a 1.0 leaf is in the migrated document (a target's quantity may be bare or an object)."""
    if path == ("format_version",) or (path == ("populations", "stated_total") and value is None):
        return []
    if len(path) == 4 and path[:2] == ("populations", "groups") and path[3] == "type":
        return [(*path[:3], "types", 0)]
    if path == ("populations", "stated_total"):
        return [("populations", "totals", 0, "count")]
    if len(path) == 7 and path[0] == "activities" and path[4] == "targets":
        if path[-1] == "quantity":
            return [path, (*path, "value")]
        if path[-1] == "qualifier":
            return [(*path[:-1], "quantity", "qualifier"), ()]  # exact: the plain quantity says it
    return [path]


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def assert_same_facts(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Every fact of the 1.0 document is in the migrated one, where 2.0 keeps it."""
    for path, value in _leaves(old):
        places = _in_2_0(path, value)
        if not places:
            continue
        found = []
        for place in places:
            if place == ():
                found.append(value == Qualifier.EXACT.value)
                continue
            try:
                found.append(_at(new, place) == value)
            except (KeyError, IndexError, TypeError):
                found.append(False)
        assert any(found), (path, value)


@settings(max_examples=60, suppress_health_check=list(HealthCheck))
@given(document=from_schema(SCHEMA_1_0))
def test_every_1_0_document_migrates_to_a_valid_2_0_document_with_the_same_facts(
    document: dict[str, Any],
) -> None:
    migration = migrate(document)
    assert migration.migrated
    assert migration.from_version == "1.0"
    assert migration.data["format_version"] == opsfacts.FORMAT_VERSION
    assert document.get("format_version", "1.0") == "1.0"  # the input is never changed
    assert_same_facts(document, migration.data)
    problems: tuple[opsfacts.Finding, ...] = ()
    try:
        factsheet = opsfacts.from_dict(document)
    except InvalidDocument as exc:
        problems = exc.problems
    if problems:
        # Only what 1.0 also refused beyond its schema (its model-only rules) may fail.
        from opsfacts.schema import MODEL_ONLY_RULES

        # Text the 1.0 schema let through but which is not printable, one-line Unicode (a control
        # character, a line separator) is refused when read, in whichever version it comes.
        fragments = [rule.message for rule in MODEL_ONLY_RULES]
        fragments += ["must be printable text, but holds", "must be one line of text, but holds"]
        assert all(any(f in p.message for f in fragments) for p in problems), problems
        return
    # The migrated document is a valid 2.0 document: the current schema agrees.
    data = opsfacts.to_dict(factsheet)
    assert list(opsfacts.schema._generate.validator().iter_errors(data)) == []
    assert opsfacts.from_dict(data) == factsheet


@pytest.mark.parametrize("name", ["mali-2017-06.as-published.json", "mali-2017-06.corrected.json"])
def test_the_mali_examples_migrate_without_losing_a_fact(name: str) -> None:
    old = json.loads((V1 / name).read_text(encoding="utf-8"))
    assert old["format_version"] == "1.0"
    migration = migrate(old)
    assert_same_facts(old, migration.data)
    migrated = opsfacts.from_dict(old)
    # examples/ holds the same documents rewritten in 2.0, plus what 1.0 could not say.
    current = opsfacts.load(REPO / "examples" / name)
    assert current.language == "en"
    assert migrated == opsfacts.from_dict(
        {**opsfacts.to_dict(current), "kind": None, "language": None, "$schema": None}
    )
    groups = migrated.populations.groups if migrated.populations else ()
    assert [g.types for g in groups][:2] == [(PopulationType.RDP,), (PopulationType.REF,)]
    assert migrated.partners is not None
    assert {p.role for p in migrated.partners.partners} == {PartnerRole.IMPLEMENTING}
    changes = "\n".join(migration.changes)
    assert "$.populations.groups[0].type is now $.populations.groups[0].types" in changes
    assert "$.format_version: 1.0 is now 2.0" in changes


def test_a_document_without_a_version_is_read_as_1_0() -> None:
    old = json.loads((V1 / "mali-2017-06.corrected.json").read_text(encoding="utf-8"))
    del old["format_version"]
    assert migrate(old).from_version == "1.0"
    assert opsfacts.from_dict(old).format_version == "2.0"


def test_a_current_document_is_not_changed() -> None:
    data = json.loads((REPO / "examples" / "mali-2017-06.corrected.json").read_text(encoding="utf-8"))
    migration = migrate(data)
    assert not migration.migrated
    assert migration.data is data
    assert migration.changes == ()


@pytest.mark.parametrize("version", ["3.0", "2.1", "0.9", "1"])
def test_an_unknown_version_names_the_versions_read(version: str) -> None:
    data = json.loads((REPO / "examples" / "mali-2017-06.corrected.json").read_text(encoding="utf-8"))
    data["format_version"] = version
    with pytest.raises(InvalidDocument) as info:
        opsfacts.from_dict(data)
    (problem,) = info.value.problems
    assert problem.path == "$.format_version"
    assert problem.message == (
        f"format_version {version!r} is not one this opsfacts reads: it reads 1.0 and 2.0 and writes 2.0 "
        "(a newer version needs a newer opsfacts)"
    )
    assert READ_VERSIONS == ("1.0", "2.0")


class _Run:
    """What a command printed and returned, run in this process (so coverage sees it)."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def _cli(*args: str, cwd: Path) -> _Run:
    import contextlib
    import io
    import os

    from opsfacts.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(before)
    return _Run(code, out.getvalue(), err.getvalue())


def test_the_command_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "opsfacts", "migrate", "--check", str(V1 / "mali-2017-06.corrected.json")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "format 1.0; 'opsfacts migrate --in-place' rewrites it" in result.stdout


def test_migrate_to_a_directory_and_to_another_syntax(tmp_path: Path) -> None:
    shutil.copy(V1 / "mali-2017-06.corrected.json", tmp_path / "a.json")
    shutil.copy(V1 / "mali-2017-06.as-published.json", tmp_path / "b.json")
    result = _cli("migrate", "a.json", "b.json", "--to", "yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.yaml", "b.yaml"]
    assert opsfacts.load(tmp_path / "out" / "a.yaml") == opsfacts.load(V1 / "mali-2017-06.corrected.json")
    assert opsfacts.load(tmp_path / "out" / "b.yaml") == opsfacts.load(V1 / "mali-2017-06.as-published.json")
    single = _cli("migrate", "a.json", "-o", "single.yaml", "--to", "yaml", cwd=tmp_path)
    assert single.returncode == 0
    assert "format_version: '2.0'" in (tmp_path / "single.yaml").read_text(encoding="utf-8")


def test_migrate_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    shutil.copy(V1 / "mali-2017-06.corrected.json", tmp_path / "a.json")
    (tmp_path / "sub").mkdir()
    shutil.copy(V1 / "mali-2017-06.corrected.json", tmp_path / "sub" / "a.json")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"format_version": "1.0", "title": 3}', encoding="utf-8")
    same_stem = _cli("migrate", "a.json", "sub/a.json", "-o", "out", cwd=tmp_path)
    assert same_stem.returncode == 2
    assert "would both be written as a" in same_stem.stderr
    to_file = _cli("migrate", "a.json", "sub/a.json", "-o", "file.txt", cwd=tmp_path)
    assert to_file.returncode == 2
    assert "file.txt is a file; several inputs need a directory" in to_file.stderr
    invalid = _cli("migrate", "bad.json", cwd=tmp_path)
    assert invalid.returncode == 1
    assert "bad.json:1:" in invalid.stderr
    missing = _cli("migrate", "nothing.json", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nothing.json: error: no such file" in missing.stderr
    nothing = _cli("migrate", "*.yaml", cwd=tmp_path)
    assert nothing.returncode == 2


def test_migrate_command(tmp_path: Path) -> None:
    source = (V1 / "mali-2017-06.corrected.json").read_text(encoding="utf-8")
    (tmp_path / "old.json").write_text(source, encoding="utf-8")
    yaml_text = opsfacts.dumps(opsfacts.from_dict(json.loads(source)), syntax="yaml").replace(
        "format_version: '2.0'", "format_version: '1.0'"
    )
    (tmp_path / "old.yaml").write_text(yaml_text, encoding="utf-8")
    current = (REPO / "examples" / "mali-2017-06.corrected.json").read_text(encoding="utf-8")
    (tmp_path / "new.json").write_text(current, encoding="utf-8")

    checked = _cli("migrate", "--check", "old.json", "new.json", cwd=tmp_path)
    assert checked.returncode == 1
    assert checked.stdout == "old.json: format 1.0; 'opsfacts migrate --in-place' rewrites it\n"

    # An input is never written over without --in-place.
    refused = _cli("migrate", "old.json", "-o", "old.json", cwd=tmp_path)
    assert refused.returncode == 2
    assert "old.json is an input; use --in-place" in refused.stderr
    assert (tmp_path / "old.json").read_text(encoding="utf-8") == source
    several = _cli("migrate", "old.json", "old.yaml", cwd=tmp_path)
    assert several.returncode == 2

    printed = _cli("migrate", "old.json", cwd=tmp_path)
    assert printed.returncode == 0
    assert json.loads(printed.stdout)["format_version"] == "2.0"

    in_place = _cli("migrate", "--in-place", "old.json", "old.yaml", "new.json", cwd=tmp_path)
    assert in_place.returncode == 0, in_place.stderr
    assert "old.json: migrated from format 1.0" in in_place.stderr
    assert "new.json" not in in_place.stderr  # already current: untouched
    assert (tmp_path / "new.json").read_text(encoding="utf-8") == current
    migrated_yaml = (tmp_path / "old.yaml").read_text(encoding="utf-8")
    assert "format_version: '2.0'" in migrated_yaml
    assert opsfacts.load(tmp_path / "old.yaml") == opsfacts.load(tmp_path / "old.json")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left
    assert _cli("migrate", "--check", "old.json", "old.yaml", cwd=tmp_path).returncode == 0


def test_validate_notes_a_migrated_document() -> None:
    result = _cli("validate", str(V1 / "mali-2017-06.corrected.json"), "--format", "json", cwd=REPO)
    assert result.returncode == 0, result.stdout  # a notice, not a failure
    report = json.loads(result.stdout)
    (entry,) = [e for f in report["files"] for e in f["problems"] if e["code"] == "OPS008"]
    assert entry["severity"] == "info"
    assert entry["fails"] is False
    assert entry["path"] == "$.format_version"
    assert entry["message"].startswith("format 1.0 document, read through migration to 2.0")

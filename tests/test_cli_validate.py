"""``opsfacts validate`` and ``opsfacts schema`` through the command line."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from opsfacts.checks import INTERNAL_CODE, CheckConfig, ConfigError, rules
from opsfacts.checks import load_config_file as real_load_config_file
from opsfacts.cli import main
from opsfacts.diagnostics import Finding, Severity
from opsfacts.schema import SCHEMA_FILE_NAME, SCHEMA_ID, schema_text
from opsfacts.validation import report_schema

REPO = Path(__file__).resolve().parents[1]
CORRECTED = REPO / "examples" / "mali-2017-06.corrected.json"


def _good() -> dict[str, Any]:
    """A small valid factsheet, so positions in these tests do not move with the examples."""
    return {
        "publisher": {"name": "UNHCR"},
        "operation": {"name": "Mali", "countries": ["MLI"]},
        "title": "Mali factsheet",
        "format_version": "2.0",
        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "funding": {"currency": "USD", "requested": {"value": "263.1", "scale": "million"}},
    }


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tree of valid and broken JSON and YAML files; the working directory is its root."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "good.json").write_text(json.dumps(_good(), indent=2), encoding="utf-8")
    bad = _good()
    bad["title"] = 7
    bad["surplus"] = 1
    del bad["operation"]["countries"]
    bad["funding"]["currency"] = "ZZZ"
    (tmp_path / "docs" / "bad.json").write_text(json.dumps(bad, indent=2), encoding="utf-8")
    (tmp_path / "docs" / "sub" / "broken.yaml").write_text("title: [1\nother: 2\n", encoding="utf-8")
    (tmp_path / "docs" / "sub" / "notes.txt").write_text("not a factsheet", encoding="utf-8")
    (tmp_path / "docs" / ".hidden").mkdir()
    (tmp_path / "docs" / ".hidden" / "skipped.json").write_text("{", encoding="utf-8")
    return tmp_path


def test_valid_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--no-checks", str(CORRECTED))
    assert code == 0
    assert out == "1 file checked, 1 valid\n"


def test_tree_reports_every_problem(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--no-checks", "docs")
    assert code == 1
    assert err == ""
    assert out.splitlines() == [
        "docs/bad.json:5:16: OPS003 error $.operation.countries: missing required key 'countries'",
        "docs/bad.json:8:12: OPS002 error $.title: expected a string, got a number (7)",
        "docs/bad.json:15:17: OPS005 error $.funding.currency: must be an ISO 4217 currency code such as "
        "'USD', not 'ZZZ'",
        "docs/bad.json:21:3: OPS004 error $.surplus: unknown key 'surplus': not part of the factsheet "
        "format (a typo?)",
        "docs/sub/broken.yaml:2:6: OPS001 error $: invalid YAML: did not find expected ',' or ']'",
        "3 files checked, 1 valid (5 errors)",
    ]


def test_same_errors_with_jsonschema(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = _run(capsys, "--no-checks", "docs")
    code, both, _ = _run(capsys, "--no-checks", "--jsonschema", "docs")
    assert code == 1
    assert both == plain  # the schema finds the same problems at the same paths: deduplicated


def test_globs_expanded_by_the_tool(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--no-checks", "docs/*.json")
    assert code == 1
    assert out.splitlines()[-1] == "2 files checked, 1 valid (4 errors)"
    code, out, _ = _run(capsys, "--no-checks", "docs/**/*.yaml")
    assert out.splitlines()[-1] == "1 file checked, 0 valid (1 error)"


def test_no_files_matched_is_a_usage_error(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "nothing-*.json")
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        "opsfacts validate: error: nothing-*.json: no files match this pattern",
        "opsfacts validate: error: no files to validate",
    ]


def test_missing_file_does_not_stop_the_others(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--no-checks", "missing.json", "docs/good.json")
    assert code == 2
    assert out.splitlines() == [
        "missing.json: OPS000 error no such file",
        "2 files checked, 1 valid (1 error)",
    ]


def test_unreadable_file(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsfacts.errors import ReadError
    from opsfacts.validation import _validate as validation

    real = validation.read_source  # type: ignore[attr-defined]

    def read(path: Any) -> bytes:
        if str(path).endswith("bad.json"):
            raise ReadError(str(path), "permission denied")
        return real(path)

    monkeypatch.setattr(validation, "read_source", read)
    code, out, _ = _run(capsys, "--no-checks", "docs/bad.json", "docs/good.json")
    assert code == 2
    assert out.splitlines()[0] == "docs/bad.json: OPS000 error permission denied"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.json", b"", "empty.json: OPS001 error $: the document is empty"),
        ("empty.yaml", b"  \n", "empty.yaml: OPS001 error $: the document is empty"),
        ("bad.json", b'{"title": }', "bad.json:1:11: OPS001 error $: invalid JSON: Expecting value"),
        (
            "root.json",
            b"[1, 2]",
            "root.json:1:1: OPS001 error $: the document must be an object (a mapping of keys), not an array",
        ),
        (
            "root.yaml",
            b"just text\n",
            "root.yaml:1:1: OPS001 error $: the document must be an object (a mapping of keys), not a string",
        ),
        (
            "bom.json",
            b"\xef\xbb\xbf{}",
            "bom.json: OPS001 error $: the file starts with a byte order mark (BOM); "
            "save it as UTF-8 without BOM",
        ),
        (
            "dup.json",
            b'{"title": "a",\n "title": "b"}',
            "dup.json:2:2: OPS001 error $: duplicate key 'title': each key may appear once",
        ),
        (
            "dup.yaml",
            b"title: a\ntitle: b\n",
            "dup.yaml:2:1: OPS001 error $: duplicate key 'title': each key may appear once",
        ),
        (
            "deep.json",
            b'{"a":' * 100 + b"1" + b"}" * 100,
            "deep.json: OPS001 error $: the document is nested too deeply (the limit is 64 levels)",
        ),
        (
            "latin1.json",
            b'{"title": "caf\xe9"}',
            "latin1.json: OPS001 error $: the file is not UTF-8 text (bad byte at offset 14)",
        ),
    ],
)
def test_broken_files_one_line_each(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    name: str,
    content: bytes,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_bytes(content)
    code, out, err = _run(capsys, "--no-checks", name)
    assert code == 1
    assert err == ""
    assert out.splitlines() == [expected, "1 file checked, 0 valid (1 error)"]


def test_very_large_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import opsfacts.documents._sources

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(opsfacts.documents._sources, "MAX_BYTES", 1000)
    shutil.copy(CORRECTED, "big.json")
    size = Path("big.json").stat().st_size
    code, out, _ = _run(capsys, "--no-checks", "big.json")
    assert code == 2
    assert out.splitlines()[0] == f"big.json: OPS000 error the file is {size:,} bytes; the limit is 1,000"


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_text = "title: x\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(yaml_text.encode())))
    code, out, _ = _run(capsys, "--no-checks", "--stdin-format", "yaml", "-")
    assert code == 1
    assert out.splitlines() == [
        "<stdin>:1:1: OPS003 error $.publisher: missing required key 'publisher'",
        "<stdin>:1:1: OPS003 error $.operation: missing required key 'operation'",
        "1 file checked, 0 valid (2 errors)",
    ]


# --- $schema ----------------------------------------------------------------------


def _with_schema(path: Path, value: Any, **changes: Any) -> None:
    data = {**_good(), "$schema": value, **changes}
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "value",
    [
        SCHEMA_ID,
        SCHEMA_FILE_NAME,
        f"https://example.org/schemas/{SCHEMA_FILE_NAME}",
        f"../{SCHEMA_FILE_NAME}",
    ],
)
def test_bundled_schema_known_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _with_schema(tmp_path / "doc.json", value)
    code, out, _ = _run(capsys, "--no-checks", "--jsonschema", "doc.json")
    assert (code, out) == (0, "1 file checked, 1 valid\n")


def test_unknown_schema_is_a_problem_not_a_fetch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _with_schema(tmp_path / "doc.json", "https://example.org/other.json")
    code, out, _ = _run(capsys, "--no-checks", "doc.json")
    assert code == 1
    assert out.splitlines()[0] == (
        "doc.json:1:291: OPS007 error $['$schema']: unknown $schema 'https://example.org/other.json': "
        f"opsfacts never fetches schemas; use '{SCHEMA_ID}', a bundled file name or a local schema file"
    )


def test_local_schema_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schemas").mkdir()
    strict = {"type": "object", "properties": {"title": {"maxLength": 3}}}
    (tmp_path / "schemas" / "strict.json").write_text(json.dumps(strict), encoding="utf-8")
    (tmp_path / "schemas" / "copy.json").write_text(schema_text(), encoding="utf-8")
    (tmp_path / "schemas" / "broken.json").write_text('{"type": 12}', encoding="utf-8")
    _with_schema(tmp_path / "strict-doc.json", "schemas/strict.json")
    _with_schema(tmp_path / "copy-doc.json", "schemas/copy.json")
    _with_schema(tmp_path / "broken-doc.json", "file://" + str(tmp_path / "schemas" / "broken.json"))
    code, out, _ = _run(capsys, "--no-checks", "strict-doc.json", "copy-doc.json", "broken-doc.json")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("strict-doc.json:1:")
    assert lines[0].endswith(" OPS006 error $.title: 'Mali factsheet' is too long")
    assert lines[1].startswith("broken-doc.json:1:291: OPS007 error $['$schema']: ")
    assert lines[1].endswith(
        "broken.json is not a valid JSON Schema: 12 is not valid under any of the given schemas"
    )
    assert lines[2] == "3 files checked, 1 valid (2 errors)"


# --- output formats ---------------------------------------------------------------


def test_json_format_matches_report_schema(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--no-checks", "--format", "json", "docs", "missing.json")
    assert code == 2
    report = json.loads(out)
    Draft202012Validator(report_schema()).validate(report)
    assert report["exit_code"] == 2
    assert report["summary"] == {
        "files": 4,
        "valid": 1,
        "invalid": 2,
        "unreadable": 1,
        "errors": 6,
        "warnings": 0,
        "infos": 0,
    }
    assert report["files"][0]["problems"][0] == {
        "code": "OPS003",
        "severity": "error",
        "message": "missing required key 'countries'",
        "path": "$.operation.countries",
        "line": 5,
        "column": 16,
        "fails": True,
    }


def test_report_schema_committed() -> None:
    committed = REPO / "schemas" / "report-1.0.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == report_schema()
    Draft202012Validator.check_schema(report_schema())


def test_github_format(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--no-checks", "--format", "github", "docs/bad.json")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=docs/bad.json,line=5,col=16,title=OPS003::$.operation.countries: "
        "missing required key 'countries'"
    )


def test_output_file(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--no-checks", "--format", "sarif", "-o", "report.sarif", "docs")
    assert (code, out) == (1, "")
    log = json.loads((tree / "report.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert len(log["runs"][0]["results"]) == 5


# --- consistency checks: the real types, fake load_config and check that record their calls ----------


@pytest.fixture
def fake_checks(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Install an opsfacts.checks whose load_config and check record their calls in the list."""
    calls: list[Any] = []
    module = types.ModuleType("opsfacts.checks")

    def load_config(start: Path) -> CheckConfig:
        calls.append(("load_config", start))
        return CheckConfig(ignore=("OPS9",))

    def check(factsheet: Any, config: CheckConfig) -> list[Finding]:
        calls.append(("check", config))
        return [
            Finding.make("OPS201", Severity.WARNING, ("funding", "unfunded"), "does not add up"),
            Finding.make("OPS301", Severity.INFO, ("title",), "a note"),
        ]

    def load_config_file(path: Path) -> CheckConfig:
        calls.append(("load_config_file", path))
        return real_load_config_file(path)

    module.__dict__.update(
        Severity=Severity,
        load_config=load_config,
        load_config_file=load_config_file,
        check=check,
        CheckConfig=CheckConfig,
        INTERNAL_CODE=INTERNAL_CODE,
        ConfigError=ConfigError,
        rules=rules,
    )
    monkeypatch.setitem(sys.modules, "opsfacts.checks", module)
    return calls


def test_findings_below_fail_on_do_not_fail(
    fake_checks: list[Any], capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    code, out, _ = _run(capsys, "docs/good.json")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "docs/good.json:11:12: OPS301 info $.title: a note"
    # A path the document does not have points at its nearest parent.
    assert lines[1] == "docs/good.json:17:14: OPS201 warning $.funding.unfunded: does not add up"
    assert lines[2] == "1 file checked, 1 valid (1 warning, 1 info)"
    assert fake_checks[0] == ("load_config", Path.cwd())
    assert fake_checks[1] == ("check", CheckConfig(ignore=("OPS9",)))


def test_fail_on_select_ignore_config(
    fake_checks: list[Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.opsfacts]\n", encoding="utf-8")
    argv = ["--fail-on", "warning", "--select", "ops2,OPS3", "--select", "OPS4", "--ignore", "OPS201"]
    code, out, _ = _run(capsys, *argv, "--config", str(config), str(CORRECTED))
    assert code == 1
    assert fake_checks[0] == ("load_config_file", config)
    assert fake_checks[1] == (
        "check",
        CheckConfig(select=("OPS2", "OPS3", "OPS4"), ignore=("OPS201",), fail_on=Severity.WARNING),
    )
    assert out.splitlines()[-1] == "1 file checked, 0 valid (1 warning, 1 info)"


def test_no_checks_and_missing_config(fake_checks: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _run(capsys, "--no-checks", str(CORRECTED))
    assert (code, fake_checks) == (0, [])
    code, out, err = _run(capsys, "--config", "no-such.toml", str(CORRECTED))
    assert (code, out) == (2, "")
    assert err == "opsfacts validate: error: no-such.toml: no such configuration file\n"


AS_PUBLISHED = REPO / "examples" / "mali-2017-06.as-published.json"


def test_a_named_standalone_config_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _run(capsys, str(AS_PUBLISHED))
    assert code == 1
    config = tmp_path / "opsfacts.toml"
    config.write_text('ignore = ["OPS"]\n', encoding="utf-8")
    code, out, err = _run(capsys, "--config", str(config), str(AS_PUBLISHED))
    assert (code, err) == (0, "")
    assert out == "1 file checked, 1 valid\n"


def test_a_named_pyproject_is_used_not_the_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.opsfacts]\nfail-on = "info"\n', encoding="utf-8")
    (tmp_path / "ci").mkdir()
    named = tmp_path / "ci" / "pyproject.toml"
    named.write_text('[tool.opsfacts]\nignore = ["OPS"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "--config", str(named), str(AS_PUBLISHED))
    assert (code, out) == (0, "1 file checked, 1 valid\n")


def _config_cases(tmp_path: Path) -> list[tuple[str, str]]:
    directory = tmp_path / "conf.d"
    directory.mkdir()
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("select = = 1\n", encoding="utf-8")
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('selct = ["OPS1"]\n', encoding="utf-8")
    cases = [
        (str(tmp_path / "missing.toml"), "no such configuration file"),
        (str(directory), "is a directory, not a configuration file"),
        (str(bad_toml), "not valid TOML: Invalid value (at line 1, column 10)"),
        (str(unknown), "unknown key 'selct'; the keys are select, ignore, fail-on"),
    ]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.toml"
        os.mkfifo(fifo)
        cases.append((str(fifo), "is not a regular file"))
    if Path("/dev/null").exists():
        cases.append(("/dev/null", "is not a regular file"))
    return cases


def test_a_named_config_that_cannot_be_used_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path, message in _config_cases(tmp_path):
        code, out, err = _run(capsys, "--config", path, str(CORRECTED))
        assert (code, out) == (2, ""), path
        assert err.startswith(f"opsfacts validate: error: {path}: "), err
        assert message in err, err
        assert err.count("\n") == 1, err


def test_bad_rule_selector_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--select", "OPS-1", str(CORRECTED))
    assert (code, out) == (2, "")
    assert err == (
        "opsfacts validate: error: 'OPS-1' is not a rule code or prefix such as 'OPS201' or 'OPS2' "
        "(capitals, then digits)\n"
    )


def test_python_dash_m_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "opsfacts", "validate", "--no-checks", str(CORRECTED)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == "1 file checked, 1 valid"


# --- opsfacts schema ----------------------------------------------------------------


def test_schema_prints_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text()
    target = tmp_path / "s.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert main(["schema", "--check", str(target)]) == 0
    assert capsys.readouterr().out == f"{target}: up to date\n"
    target.write_text(schema_text().replace('"Factsheet"', '"Old"', 1), encoding="utf-8")
    assert main(["schema", "--check", str(target)]) == 1
    out, err = capsys.readouterr()
    assert '-  "title": "Old",\n+  "title": "Factsheet",\n' in out
    assert err == (
        f"{target}: differs from the generated schema; regenerate it with 'opsfacts schema -o {target}'\n"
    )
    assert main(["schema", "--check", str(tmp_path / "none.json")]) == 2


def test_entry_point_subprocess(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import opsfacts.cli as c; c._entry()",
            "validate",
            "--no-checks",
            str(CORRECTED),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "1 file checked, 1 valid\n", "")


def test_many_files_in_workers_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for index in range(70):
        doc = _good()
        if index % 7 == 0:
            doc["title"] = index
        Path(f"f{index:02d}.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    code_one, one, _ = _run(capsys, "--no-checks", "--jobs", "1", ".")
    code_two, two, _ = _run(capsys, "--no-checks", "--jobs", "2", ".")
    assert (code_one, code_two) == (1, 1)
    assert two == one
    assert one.splitlines()[0] == "f00.json:11:12: OPS002 error $.title: expected a string, got a number (0)"
    assert one.splitlines()[-1] == "70 files checked, 60 valid (10 errors)"


def test_yaml_problems_have_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("doc.yml").write_text(
        "publisher: {name: UNHCR}\n"
        "operation:\n"
        "  name: Mali\n"
        "  countries: [MLI, XYZ]\n"
        "title: Mali\n"
        "period: {start: 2017-06-01, end: 2017-06-31}\n"
        "typo: 1\n",
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "--no-checks", "doc.yml")
    assert code == 1
    assert out.splitlines() == [
        "doc.yml:4:20: OPS005 error $.operation.countries[1]: must be an ISO 3166-1 alpha-3 country code "
        "such as 'MLI', not 'XYZ'",
        "doc.yml:6:34: OPS005 error $.period.end: is not a real calendar date: '2017-06-31'",
        "doc.yml:7:1: OPS004 error $.typo: unknown key 'typo': not part of the factsheet format (a typo?)",
        "1 file checked, 0 valid (3 errors)",
    ]

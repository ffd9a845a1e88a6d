"""Tests of ``[tool.opsfacts]`` in pyproject.toml: where it is found and how bad values are reported."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from opsfacts.checks import CheckConfig, ConfigError, load_config, load_config_file
from opsfacts.diagnostics import Severity
from opsfacts.errors import OpsfactsError


def write(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_the_table(tmp_path: Path) -> None:
    write(
        tmp_path, '[tool.opsfacts]\nselect = ["OPS1", "OPS201"]\nignore = ["OPS108"]\nfail-on = "warning"\n'
    )
    assert load_config(tmp_path) == CheckConfig(
        select=("OPS1", "OPS201"), ignore=("OPS108",), fail_on="warning"
    )
    assert load_config(tmp_path).fail_on is Severity.WARNING


def test_found_from_a_subdirectory_and_from_a_file(tmp_path: Path) -> None:
    write(tmp_path, '[tool.opsfacts]\nignore = ["OPS8"]\n')
    nested = tmp_path / "docs" / "factsheets"
    nested.mkdir(parents=True)
    document = nested / "mali.json"
    document.write_text("{}", encoding="utf-8")
    assert load_config(nested).ignore == ("OPS8",)
    assert load_config(document).ignore == ("OPS8",)


def test_the_nearest_pyproject_wins(tmp_path: Path) -> None:
    write(tmp_path, '[tool.opsfacts]\nignore = ["OPS8"]\n')
    write(tmp_path / "sub", '[tool.opsfacts]\nignore = ["OPS9"]\n')
    assert load_config(tmp_path / "sub").ignore == ("OPS9",)


def test_nearest_pyproject_without_the_table_gives_defaults(tmp_path: Path) -> None:
    write(tmp_path, '[tool.opsfacts]\nignore = ["OPS8"]\n')
    write(tmp_path / "sub", '[project]\nname = "other"\n')
    assert load_config(tmp_path / "sub") == CheckConfig()


def test_no_pyproject_gives_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import opsfacts.checks._config as config_module

    monkeypatch.setattr(config_module, "_find_pyproject", lambda start: None)
    assert load_config(tmp_path) == CheckConfig(select=(), ignore=(), fail_on=Severity.ERROR)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.opsfacts\n", "not valid TOML"),
        ('[tool.opsfacts]\nselct = ["OPS1"]\n', "unknown key 'selct'; the keys are select, ignore, fail-on"),
        ('[tool.opsfacts]\nfail_on = "error"\n', "unknown key 'fail_on'"),
        (
            '[tool.opsfacts]\nselect = "OPS1"\n',
            "expected a list of rule codes or prefixes, not the string 'OPS1'",
        ),
        ('[tool.opsfacts]\nignore = ["ops1"]\n', "'ops1' is not a rule code or prefix"),
        ("[tool.opsfacts]\nignore = [1]\n", "1 is not a rule code or prefix"),
        ('[tool.opsfacts]\nfail-on = "fatal"\n', "fail-on must be one of error, warning, info, not 'fatal'"),
        ("[tool]\nopsfacts = 3\n", "must be a table"),
    ],
)
def test_bad_configuration_is_reported(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert isinstance(caught.value, OpsfactsError)
    assert isinstance(caught.value, ValueError)


# --- a configuration file the user names ------------------------------------------------------


def test_a_named_pyproject_is_read_not_the_nearest_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, '[tool.opsfacts]\nignore = ["OPS8"]\n')
    named = write(tmp_path / "elsewhere", '[tool.opsfacts]\nignore = ["OPS9"]\n')
    monkeypatch.chdir(tmp_path)
    assert load_config_file(named).ignore == ("OPS9",)


def test_a_standalone_file_holds_the_keys_at_the_top(tmp_path: Path) -> None:
    path = tmp_path / "opsfacts.toml"
    path.write_text('select = ["OPS1"]\nfail-on = "warning"\n', encoding="utf-8")
    assert load_config_file(path) == CheckConfig(select=("OPS1",), fail_on="warning")
    other = tmp_path / "ci-rules.toml"
    other.write_text('ignore = ["OPS2"]\n', encoding="utf-8")
    assert load_config_file(other) == CheckConfig(ignore=("OPS2",))


def test_a_named_pyproject_without_the_table_gives_defaults(tmp_path: Path) -> None:
    assert load_config_file(write(tmp_path, '[project]\nname = "x"\n')) == CheckConfig()


def _fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.toml", "no such configuration file"),
        (lambda p: p, "is a directory, not a configuration file"),
        (_fifo, "is not a regular file"),
        (lambda p: Path(os.devnull), "is not a regular file"),
    ],
    ids=["missing", "directory", "fifo", "device"],
)
def test_a_named_file_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    if not os.path.lexists(path) and path == Path(os.devnull):
        pytest.skip("no null device")
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("opsfacts.toml", 'select = ["OPS1"\n', "not valid TOML"),
        ("opsfacts.toml", 'selct = ["OPS1"]\n', "unknown key 'selct'"),
        (
            "opsfacts.toml",
            '[tool.opsfacts]\nselect = ["OPS1"]\n',
            "unknown key 'tool'; the keys are select, ignore, fail-on",
        ),
        ("pyproject.toml", '[tool.opsfacts]\nselct = ["OPS1"]\n', "[tool.opsfacts]: unknown key 'selct'"),
        ("opsfacts.toml", "\udcff", "cannot be read"),
    ],
)
def test_a_bad_named_file_is_refused_with_why(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_invalid_toml_says_where(tmp_path: Path) -> None:
    path = tmp_path / "opsfacts.toml"
    path.write_text('ignore = ["OPS1"]\nselect = = 2\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"not valid TOML: .*line 2, column 10"):
        load_config_file(path)

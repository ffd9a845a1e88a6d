"""Worker processes are chosen by file count, and a report made by workers is the one made without."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES
from opsfacts.documents import expand_paths
from opsfacts.validation import _validate
from opsfacts.validation._validate import DocumentValidator, _workers, checks_runner, validate_inputs


@pytest.mark.parametrize(
    ("jobs", "files", "expected"),
    [
        (1, 10_000, 1),  # -j 1: never a worker
        (4, 10, 1),  # too few files for a second process
        (4, 2 * _validate._FILES_PER_WORKER - 1, 1),
        (4, 2 * _validate._FILES_PER_WORKER, 2),
        (4, 100 * _validate._FILES_PER_WORKER, 4),  # never more than asked
    ],
)
def test_workers_by_file_count(jobs: int, files: int, expected: int) -> None:
    assert _workers(jobs, files) == expected


@pytest.mark.parametrize(
    ("load", "expected"),
    [(0.0, 3), (1.0, 3), (2.2, 2), (3.0, 1), (9.0, 1)],  # this process is one of the load
)
def test_default_workers_one_per_idle_cpu(
    monkeypatch: pytest.MonkeyPatch, load: float, expected: int
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 3)
    monkeypatch.setattr("os.getloadavg", lambda: (load, load, load))
    assert _workers(0, 1_000_000) == expected
    assert _workers(0, 1) == 1
    assert _workers(3, 1_000_000) == 3  # asked for: the load does not matter


def test_default_workers_without_a_load_average(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_load() -> tuple[float, float, float]:
        raise OSError("no load average")

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("os.getloadavg", no_load)
    assert _workers(0, 1_000_000) == 2


def test_report_from_workers_is_the_report_without(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_validate, "_FILES_PER_WORKER", 4)
    base = json.loads((EXAMPLES / "mali-2017-06.as-published.json").read_text(encoding="utf-8"))
    for index in range(20):
        doc = dict(base, title=index) if index % 5 == 0 else dict(base, title=f"Sheet {index}")
        (tmp_path / f"f{index:02d}.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    inputs, _ = expand_paths([str(tmp_path)])
    validator = DocumentValidator(checks=checks_runner())
    alone = validate_inputs(validator, inputs, jobs=1)
    in_workers = validate_inputs(validator, inputs, jobs=2)
    assert in_workers == alone
    assert [Path(f.file).name for f in in_workers.files] == [f"f{i:02d}.json" for i in range(20)]
    assert sum(1 for f in alone.files for e in f.entries if e.code == "OPS002") == 4

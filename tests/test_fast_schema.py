"""jsonschema-rs (the ``fast`` extra) only spares jsonschema the documents it finds valid: it must
agree with jsonschema on every document, and reports must be the same with it and without it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsfacts.documents import expand_paths, to_dict
from opsfacts.model import FORMAT_VERSION, Factsheet
from opsfacts.schema import validator
from opsfacts.strategies import factsheets
from opsfacts.validation import _validate
from opsfacts.validation._validate import DocumentValidator, _quick_check, validate_inputs
from test_agreement import CORRECTED, SCHEMA, _apply, _mutations

pytest.importorskip("jsonschema_rs")


def _agree(data: Any) -> None:
    quick = _quick_check(FORMAT_VERSION)
    assert quick is not None
    assert quick(data) == validator().is_valid(data)


def test_every_mutation_of_the_example_is_judged_alike() -> None:
    data = json.loads(CORRECTED.read_text(encoding="utf-8"))
    _agree(data)
    mutations = list(_mutations(data, SCHEMA))
    assert len(mutations) > 300
    for _kind, parts, value in mutations:
        _agree(_apply(data, parts, value))


@settings(max_examples=50)
@given(factsheets(), st.data())
def test_generated_factsheets_and_their_mutations_are_judged_alike(
    factsheet: Factsheet, draw: st.DataObject
) -> None:
    data = to_dict(factsheet)
    _agree(data)
    _kind, parts, value = draw.draw(st.sampled_from(list(_mutations(data, SCHEMA))))
    _agree(_apply(data, parts, value))


@pytest.mark.parametrize("value", [2**70, -(2**70), "2017-02-30", "\ud800", float("nan"), 1.5, True])
@pytest.mark.parametrize("field", ["title", "format_version"])
def test_it_never_passes_what_jsonschema_refuses(field: str, value: Any) -> None:
    data = json.loads(CORRECTED.read_text(encoding="utf-8"))
    data[field] = value
    data["period"]["start"] = "2017-02-30"  # a model-only rule: the schema takes it
    assert validator().is_valid(data) or not _validate._surely_valid(FORMAT_VERSION, data)


def test_reports_are_the_same_without_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(CORRECTED.read_text(encoding="utf-8"))
    for index, (_kind, parts, value) in enumerate(list(_mutations(data, SCHEMA))[:40]):
        (tmp_path / f"m{index:02d}.json").write_text(json.dumps(_apply(data, parts, value)), encoding="utf-8")
    (tmp_path / "valid.json").write_text(json.dumps(data), encoding="utf-8")
    inputs, _ = expand_paths([str(tmp_path)])
    with_it = validate_inputs(DocumentValidator(use_jsonschema=True), inputs, jobs=1)
    monkeypatch.setattr(_validate, "_quick_check", lambda version: None)
    without = validate_inputs(DocumentValidator(use_jsonschema=True), inputs, jobs=1)
    assert with_it == without
    assert sum(1 for f in without.files if f.status == "valid") == 1

"""Email addresses follow the addr-spec grammar, the same in the model, the loader and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import opsfacts
from opsfacts import Contact, InvalidDocument
from opsfacts.schema import json_schema

CORRECTED = Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json"

VALID = [
    "desk@example.org",
    "first.last@unhcr.org",
    "o'brien+mali@sub.example-one.org",
    "a!#$%&'*+/=?^_`{|}~-z@example.org",
    "x@a.b.c.example",
    "desk@EXAMPLE.ORG",
]
INVALID = [
    "desk@example.org><script>alert(1)</script>",
    "<desk@example.org>",
    "Desk <desk@example.org>",
    '"quoted local"@example.org',
    "a b@example.org",
    "a(comment)@example.org",
    "a[b]@example.org",
    "a\\b@example.org",
    "a,b@example.org",
    "a;b@example.org",
    "a:b@example.org",
    ".a@example.org",
    "a.@example.org",
    "a..b@example.org",
    "a@example",
    "a@-example.org",
    "a@example-.org",
    "a@example..org",
    "a@[192.0.2.1]",
    "a@exa_mple.org",
    "a@b@example.org",
    "a@example.org\n",
    "no-at-sign",
]


def _contact_document(email: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CORRECTED.read_text(encoding="utf-8"))
    data["contacts"][0]["email"] = email
    return data


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("email", VALID)
def test_addr_spec_addresses_are_accepted_everywhere(email: str, validator: Draft202012Validator) -> None:
    assert Contact(name="A", email=email).email == email
    data = _contact_document(email)
    assert opsfacts.from_dict(data).contacts[0].email == email
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize("email", INVALID)
def test_anything_else_is_refused_everywhere(email: str, validator: Draft202012Validator) -> None:
    with pytest.raises(ValueError, match="email address"):
        Contact(name="A", email=email)
    data = _contact_document(email)
    with pytest.raises(InvalidDocument) as caught:
        opsfacts.from_dict(data)
    assert [p.path for p in caught.value.problems] == ["$.contacts[0].email"]
    assert {tuple(e.absolute_path) for e in validator.iter_errors(data)} == {("contacts", 0, "email")}

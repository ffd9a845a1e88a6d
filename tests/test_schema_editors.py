"""Editors load the schema a document names: its ``$id`` is where the docs publish it, and a
``$schema`` that is a relative path or the published URL resolves to the bundled file.

An editor (VS Code, the YAML language server) reads ``$schema``, resolves it against the
document's own location, and loads what it finds; offline, or in a test, the published URL
is mapped to the bundled file, as an editor's schema mapping (``json.schemas``) does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import opsfacts
from opsfacts.documents import READ_VERSIONS
from opsfacts.model import PopulationType
from opsfacts.schema import SCHEMA_BASE_URL, SCHEMA_ID, schema_id, schema_path, schema_url, schema_urn
from opsfacts.validation import validate

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(
    [
        *REPO.glob("examples/*.json"),
        *REPO.glob("tests/data/factsheets/*.json"),
        *REPO.glob("tests/data/factsheets/*.yaml"),
    ]
)


def _read(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return data


def _bundled(version: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_path(version).read_text(encoding="utf-8"))
    return schema


def _editor_resolve(document: Path, published: dict[str, Path]) -> dict[str, Any]:
    """The schema an editor loads for a document: ``$schema`` resolved against the document's URI;
    a URL it has a mapping for is read from the mapped file, a file URI from disk."""
    reference = _read(document)["$schema"]
    url = urljoin(document.as_uri(), reference)
    if url in published:
        target = published[url]
    else:
        parts = urlsplit(url)
        assert parts.scheme == "file", f"an editor would fetch {url}"
        target = Path(url2pathname(parts.path))
    schema: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return schema


PUBLISHED = {schema_url(version): schema_path(version) for version in READ_VERSIONS}


def test_the_current_schema_is_identified_by_the_url_it_is_published_at() -> None:
    schema = _bundled(opsfacts.FORMAT_VERSION)
    assert schema["$id"] == SCHEMA_ID == schema_url()
    assert SCHEMA_ID.startswith("https://")
    assert SCHEMA_BASE_URL + schema_path().name == SCHEMA_ID
    # The docs build copies schemas/ to _static/schemas/ (docs/_ext/opsfacts_docs.py): the path of
    # the URL below the docs root is that folder.
    assert urlsplit(SCHEMA_ID).path == "/en/latest/_static/schemas/" + schema_path().name


def test_the_released_1_0_schema_keeps_its_urn() -> None:
    # A released schema file is frozen; documents of 1.0 name it by this URN.
    assert _bundled("1.0")["$id"] == schema_id("1.0") == schema_urn("1.0")
    assert schema_url("1.0") == SCHEMA_BASE_URL + "factsheet-1.0.schema.json"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_names_its_schema_by_the_published_url(path: Path) -> None:
    data = _read(path)
    assert data["$schema"] == schema_url(data.get("format_version", "1.0"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_editor_resolves_the_published_url_to_the_bundled_schema(path: Path) -> None:
    schema = _editor_resolve(path, PUBLISHED)
    assert schema == _bundled(_read(path)["format_version"])
    errors = list(Draft202012Validator(schema).iter_errors(_read(path)))
    assert errors == []


def test_an_editor_resolves_a_relative_path_to_the_bundled_schema(tmp_path: Path) -> None:
    # A repository that keeps a copy of the schema beside its factsheets, as `schema --check` guards.
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / schema_path().name).write_bytes(schema_path().read_bytes())
    (tmp_path / "factsheets").mkdir()
    data = _read(REPO / "examples" / "mali-2017-06.corrected.json")
    data["$schema"] = f"../schemas/{schema_path().name}"
    document = tmp_path / "factsheets" / "mali.factsheet.json"
    document.write_text(json.dumps(data), encoding="utf-8")
    schema = _editor_resolve(document, {})
    assert schema == _bundled(opsfacts.FORMAT_VERSION)
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    # opsfacts itself reads the same document without a problem about its $schema.
    report = validate([document], checks=False)
    assert [e.code for f in report.files for e in f.entries if e.code == "OPS007"] == []


def test_refs_resolve_within_the_published_document() -> None:
    # Every $ref is local (#/$defs/...): resolving under the URL needs nothing else.
    schema = _bundled(opsfacts.FORMAT_VERSION)
    registry: Registry[Any] = Registry().with_resource(SCHEMA_ID, Resource.from_contents(schema))
    refs = set(re.findall(r'"\$ref": "([^"]+)"', json.dumps(schema)))
    resolver = registry.resolver(base_uri=SCHEMA_ID)
    assert refs
    assert all(resolver.lookup(ref).contents for ref in refs)


def _walk(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in _walk(value))]
    if isinstance(node, list):
        return [found for value in node for found in _walk(value)]
    return []


_MARKUP = re.compile(r"``|:[a-z]+:`|`_|\*\*")


def test_descriptions_are_plain_text_and_markdown_for_editors() -> None:
    schema = _bundled(opsfacts.FORMAT_VERSION)
    nodes = _walk(schema)
    texts = [n["description"] for n in nodes if isinstance(n.get("description"), str)]
    texts += [d for n in nodes for d in n.get("enumDescriptions", [])]
    assert [t for t in texts if _MARKUP.search(t)] == []
    markdown = [n["markdownDescription"] for n in nodes if "markdownDescription" in n]
    assert markdown
    assert all("`" in m or "](" in m for m in markdown)
    assert all("x-enumDescriptions" not in n for n in nodes)


def test_each_population_type_has_its_own_description() -> None:
    codes = _bundled(opsfacts.FORMAT_VERSION)["$defs"]["PopulationType"]
    assert codes["enum"] == [t.value for t in PopulationType]
    assert len(codes["enumDescriptions"]) == len(codes["enum"])
    assert len(set(codes["enumDescriptions"])) == len(PopulationType)
    assert (
        dict(zip(codes["enum"], codes["enumDescriptions"], strict=True))["REF"]
        == PopulationType.REF.description
    )


def test_the_unknown_schema_message_suggests_a_loadable_url(tmp_path: Path) -> None:
    data = {
        **_read(REPO / "examples" / "mali-2017-06.corrected.json"),
        "$schema": "https://example.org/x.json",
    }
    document = tmp_path / "doc.json"
    document.write_text(json.dumps(data), encoding="utf-8")
    (entry,) = [e for f in validate([document], checks=False).files for e in f.entries if e.code == "OPS007"]
    assert f"use '{SCHEMA_ID}'" in entry.message
    # What it suggests is a URL an editor loads, and opsfacts knows it offline.
    data["$schema"] = SCHEMA_ID
    document.write_text(json.dumps(data), encoding="utf-8")
    assert [e.code for f in validate([document], checks=False).files for e in f.entries] == []

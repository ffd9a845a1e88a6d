"""A reader goes by links from a rule code in a report to its catalogue entry, and between classes and format.

The reports (SARIF ``helpUri``) link each code to an anchor of the docs; the
rule catalogue and the format reference are generated with those anchors; each
section of the format reference links to its class and the API entry of each
class back to the section (``docs/_ext/opsfacts_docs.py``). Run with
``OPSFACTS_BUILT_DOCS=docs/_build/html`` after a docs build (as CI does), the
last test also reads the built pages.
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

import pytest

import opsfacts
from opsfacts import model
from opsfacts.checks import INTERNAL_CODE, rules
from opsfacts.checks._catalogue import catalogue
from opsfacts.schema import format_reference
from opsfacts.schema._reference import format_anchor
from opsfacts.validation import DOCS_URL, LOAD_CODES
from opsfacts.validation._report import _sarif_rules

DOCS = Path(__file__).resolve().parents[1] / "docs"
# An HTML id docutils writes as the label is (``nodes.make_id`` leaves it unchanged).
KEPT_AS_IS = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def _report_link(code: str) -> tuple[str, str]:
    """The page and anchor a report's help link for ``code`` points to."""
    uri = {r["id"]: r for r in _sarif_rules([code])}[code]["helpUri"]
    assert uri.startswith(DOCS_URL)
    page, _, anchor = uri.removeprefix(DOCS_URL).partition("#")
    return page, anchor


def _labels(lines: list[str]) -> set[str]:
    """Labels defined in reStructuredText: ``.. _name:`` and a directive's ``:name:`` option."""
    text = "\n".join(lines)
    return set(re.findall(r"^\.\. _([^:]+):$", text, re.M)) | set(re.findall(r"^ +:name: (\S+)$", text, re.M))


def _classes_in_reference() -> list[type]:
    names = re.findall(r"^In Python: :class:`opsfacts\.model\.(\w+)`\.$", "\n".join(format_reference()), re.M)
    return [getattr(model, name) for name in names]


def test_every_rule_code_links_to_its_catalogue_entry() -> None:
    labels = _labels(catalogue())
    codes = [rule.code for rule in rules()]
    assert len(codes) >= 46
    for code in codes:
        page, anchor = _report_link(code)
        assert (page, anchor) == ("checks.html", code.lower())
        assert anchor in labels
        assert KEPT_AS_IS.fullmatch(anchor)


def test_every_load_code_links_to_the_table_of_load_codes() -> None:
    labels = _labels((DOCS / "ci.rst").read_text(encoding="utf-8").splitlines())
    assert INTERNAL_CODE in LOAD_CODES
    for code in LOAD_CODES:
        page, anchor = _report_link(code)
        assert (page, anchor) == ("ci.html", "load-problem-codes")
        assert anchor in labels
        assert f"\n{code}  " in (DOCS / "ci.rst").read_text(encoding="utf-8")


def test_the_anchors_are_ids_docutils_keeps() -> None:
    nodes = pytest.importorskip("docutils.nodes", reason="docutils comes with the docs extra")
    anchors = {_report_link(code)[1] for code in [*LOAD_CODES, *(rule.code for rule in rules())]}
    assert {anchor: nodes.make_id(anchor) for anchor in anchors} == {anchor: anchor for anchor in anchors}


def test_each_format_section_links_to_its_class_and_back() -> None:
    classes = _classes_in_reference()
    labels = _labels(format_reference())
    assert model.Factsheet in classes
    assert model.Funding in classes
    assert model.PopulationType in classes
    for cls in classes:
        anchor = format_anchor(cls)
        assert anchor == f"format-{cls.__name__.lower()}"
        assert anchor in labels
    # Every section has its link: as many sections as classes linked.
    assert len(labels) == len(classes)
    assert format_anchor(model.Code) is None
    assert format_anchor(model.PartialDate) is None


def test_the_tutorial_names_classes_that_exist() -> None:
    text = (DOCS / "tutorial.rst").read_text(encoding="utf-8")
    targets = re.findall(r":(?:class|func|data):`~?([\w.]+)`", text)
    assert {"opsfacts.Factsheet", "opsfacts.Figure", "opsfacts.load"} <= set(targets)
    for target in targets:
        module, _, name = target.rpartition(".")
        assert hasattr(importlib.import_module(module), name), target
    assert {t for t in targets if t.count(".") == 1} <= {f"opsfacts.{name}" for name in opsfacts.__all__}


@pytest.mark.skipif(
    not os.environ.get("OPSFACTS_BUILT_DOCS"), reason="set OPSFACTS_BUILT_DOCS to a docs build to check it"
)
def test_the_built_pages_have_every_anchor_linked_to() -> None:
    built = Path(os.environ["OPSFACTS_BUILT_DOCS"])
    pages: dict[str, str] = {}

    def page(name: str) -> str:
        if name not in pages:
            pages[name] = (built / name).read_text(encoding="utf-8")
        return pages[name]

    for code in [*LOAD_CODES, *(rule.code for rule in rules())]:
        name, anchor = _report_link(code)
        assert f'id="{anchor}"' in page(name), code
    for cls in _classes_in_reference():
        section = format_anchor(cls)
        assert f'id="{section}"' in page("format.html"), section
        assert f'href="api.html#opsfacts.model.{cls.__name__}"' in page("format.html"), cls
        assert f'href="format.html#{section}"' in page("api.html"), cls
    for name in ("Factsheet", "Figure", "PopulationType", "InvalidDocument", "ParseError", "Finding"):
        assert re.search(rf'href="api\.html#opsfacts\.[a-z.]*{name}"', page("tutorial.html")), name

"""The examples in the docs and in docstrings run with the tests, and there are enough of them.

pytest runs them (``--doctest-modules --doctest-glob=*.rst`` over ``src`` and
``docs``, set in ``pyproject.toml``); this module holds that the configuration
stays so, counts the examples the run executes, and keeps Python code blocks
that show results in doctest form.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import tomllib
from pathlib import Path

import opsfacts

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
MINIMUM = 40


def _runs(example: doctest.Example) -> bool:
    return not example.options.get(doctest.SKIP, False)


def _docstring_examples() -> dict[str, int]:
    """Examples run per module of the package (what ``--doctest-modules`` collects)."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    counts: dict[str, int] = {}
    modules = [opsfacts.__name__]
    modules += [info.name for info in pkgutil.walk_packages(opsfacts.__path__, f"{opsfacts.__name__}.")]
    for name in modules:
        if name.endswith("__main__"):
            continue  # pytest does not import it: it runs the command line
        module = importlib.import_module(name)
        found = sum(
            1
            for test in finder.find(module)
            if test.filename and Path(test.filename).resolve().is_relative_to(REPO)
            for example in test.examples
            if _runs(example)
        )
        if found:
            counts[name] = found
    return counts


def _page_examples() -> dict[str, int]:
    """Examples run per documentation page (what ``--doctest-glob=*.rst`` collects)."""
    parser = doctest.DocTestParser()
    counts: dict[str, int] = {}
    for page in sorted(DOCS.glob("*.rst")):
        found = sum(1 for example in parser.get_examples(page.read_text(encoding="utf-8")) if _runs(example))
        if found:
            counts[page.name] = found
    return counts


def test_pytest_collects_the_examples_of_docs_and_docstrings() -> None:
    options = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]
    options = options["ini_options"]
    assert {"tests", "src", "docs"} <= set(options["testpaths"])
    assert "--doctest-modules" in options["addopts"]
    assert "--doctest-glob=*.rst" in options["addopts"]


def test_at_least_forty_examples_run() -> None:
    modules, pages = _docstring_examples(), _page_examples()
    total = sum(modules.values()) + sum(pages.values())
    assert total >= MINIMUM, f"{total} examples: {modules} {pages}"


def test_the_public_api_has_examples() -> None:
    modules = _docstring_examples()
    for name in (
        "opsfacts.documents._loading",
        "opsfacts.documents._converter",
        "opsfacts.documents._migration",
        "opsfacts.model._dates",
        "opsfacts.model._classes",
        "opsfacts.checks._engine",
        "opsfacts.validation._validate",
        "opsfacts.render._markdown",
        "opsfacts.tables",
        "opsfacts.strategies",
    ):
        assert modules.get(name, 0) > 0, name


def test_python_blocks_in_the_docs_are_doctests_or_files() -> None:
    """Python on a page is a ``pycon`` block, which runs, or the listing of a file it names first."""
    block = re.compile(r"^\.\. code-block:: python\n\n((?:[ \t]+.*\n|\n)+)", re.MULTILINE)
    neither = [
        f"{page.name}: {match.group(1).strip().splitlines()[0]}"
        for page in sorted(DOCS.glob("*.rst"))
        for match in block.finditer(page.read_text(encoding="utf-8"))
        if not re.fullmatch(r"# [\w/.-]+\.py", match.group(1).strip().splitlines()[0])
    ]
    assert neither == []

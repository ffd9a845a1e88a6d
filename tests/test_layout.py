"""The package layout shows the flow: one subpackage per stage, and no stage imports a later one."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import opsfacts

PACKAGE = Path(opsfacts.__file__).resolve().parent

# Stages in the order data flows through them; a module may import only from its own stage or an
# earlier one. ``cli`` is the shell over everything; the capabilities built on the stages come last.
STAGES = (
    ("_version", "diagnostics"),
    ("errors",),
    ("model",),
    ("documents",),
    ("schema",),
    ("checks",),
    ("validation",),
    ("tables", "render"),
    ("strategies", "compare", "aggregate", "extraction"),
    ("cli", "__init__", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}


def _stage(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imported_stages(path: Path) -> set[str]:
    """The top-level opsfacts names a module imports (``..model._codes`` -> ``model``)."""
    module_parts = path.relative_to(PACKAGE).with_suffix("").parts
    package_depth = len(module_parts) - (0 if module_parts[-1] == "__init__" else 1)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if not (node.module or "").startswith("opsfacts"):
                    continue
                dotted = (node.module or "").split(".")[1:]
            else:
                base = list(module_parts[: package_depth - (node.level - 1)])
                dotted = base + (node.module.split(".") if node.module else [])
            if dotted:
                found.add(dotted[0])
            else:  # ``from . import x`` at the top of the package
                found.update(alias.name for alias in node.names)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if _stage(p) in RANK)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_stage_imports_a_later_one(path: Path) -> None:
    stage = _stage(path)
    later = {s for s in _imported_stages(path) if s in RANK and RANK[s] > RANK[stage]}
    # The package's own __init__ re-exports every stage, and a stage's modules may use each other.
    assert later - {stage} == set()


def test_every_module_belongs_to_a_stage() -> None:
    unplaced = sorted({_stage(p) for p in PACKAGE.rglob("*.py")} - set(RANK))
    assert unplaced == []


@pytest.mark.parametrize("name", ["model", "documents", "schema", "checks", "validation", "render"])
def test_every_stage_says_what_it_takes_and_gives(name: str) -> None:
    package = importlib.import_module(f"opsfacts.{name}")
    assert package.__doc__ is not None
    assert len(package.__doc__.split()) >= 15
    assert package.__all__ == sorted(package.__all__, key=lambda n: (not n.isupper(), n)) or name == "checks"
    for public in package.__all__:
        assert hasattr(package, public), public


@pytest.mark.parametrize("name", ["model", "documents", "schema", "validation", "render", "checks"])
def test_modules_inside_a_stage_are_private(name: str) -> None:
    modules = sorted(p.stem for p in (PACKAGE / name).glob("*.py") if p.stem != "__init__")
    assert [m for m in modules if not m.startswith("_")] == []


def test_top_level_names_come_from_the_stages() -> None:
    for name in opsfacts.__all__:
        if name == "__version__":
            continue
        obj = getattr(opsfacts, name)
        if isinstance(obj, type) or inspect.isfunction(obj):
            assert obj.__module__.startswith("opsfacts."), name

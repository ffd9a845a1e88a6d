"""Every public name of ``opsfacts`` is in the API reference (``docs/api.rst``)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import opsfacts

API = Path(__file__).resolve().parents[1] / "docs" / "api.rst"


def _documented() -> set[str]:
    """Fully qualified names the API page documents: explicit directives and automodule members."""
    text = API.read_text(encoding="utf-8")
    names: set[str] = set()
    for directive, target, options in re.findall(
        r"^\.\. auto(\w+):: (\S+)\n((?:   .*\n)*)", text, re.MULTILINE
    ):
        if directive != "module":
            names.add(target)
            continue
        if ":no-members:" in options:
            continue
        members = re.search(r":members:(.*)", options)
        # conf.py documents every member by default (autodoc_default_options), as listed in __all__.
        if members is None or not members.group(1).strip():
            module = __import__(target, fromlist=["__all__"])
            names.update(f"{target}.{n}" for n in getattr(module, "__all__", ()))
        else:
            names.update(f"{target}.{n.strip()}" for n in members.group(1).split(",") if n.strip())
    return names


def _objects(documented: set[str]) -> list[object]:
    """The objects the documented names stand for (a re-exported name is the same object)."""
    found = []
    for qualified in documented:
        module_name, _, attribute = qualified.rpartition(".")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if hasattr(module, attribute):
            found.append(getattr(module, attribute))
    return found


def test_every_public_name_is_in_the_api_reference() -> None:
    objects = _objects(_documented())
    missing = [
        name
        for name in opsfacts.__all__
        if name != "__version__" and not any(getattr(opsfacts, name) is obj for obj in objects)
    ]
    assert missing == []

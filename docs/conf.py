"""Sphinx configuration for the opsfacts documentation."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import cattrs

import opsfacts.documents._loading
from opsfacts import __version__  # noqa: E402

# The loading functions import cattrs only for type checking (reading a valid document
# needs none); autodoc evaluates their annotations, ``cattrs.Converter`` among them.
opsfacts.documents._loading.cattrs = cattrs  # type: ignore[attr-defined]

project = "opsfacts"
author = "The opsfacts developers"
copyright = "2026, The opsfacts developers"  # noqa: A001
release = __version__
version = __version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
    "myst_parser",
    "opsfacts_docs",
]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# No "Bases:" line by default (autodoc treats any value given here as true, False included): the
# API page asks for it where a base says something (code lists, exceptions), never for ``object``.
autodoc_default_options: dict[str, str | bool] = {}
html_theme = "furo"
html_static_path: list[str] = ["_static"]
html_css_files = ["opsfacts.css"]
html_title = f"opsfacts {release}"

# The copy button leaves out shell and Python prompts, so a copied command runs as is.
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
exclude_patterns = ["_build", "_intersphinx"]
# The build has no network: each project's inventory is a small file committed
# under _intersphinx/, written by _intersphinx/make_inventories.py, listing the
# objects these docs refer to with their real addresses.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {
    name: (url, f"_intersphinx/{name}.inv")
    for name, url in {
        "python": "https://docs.python.org/3",
        "attrs": "https://www.attrs.org/en/stable",
        "cattrs": "https://catt.rs/en/stable",
        "jsonschema": "https://python-jsonschema.readthedocs.io/en/stable",
        "hypothesis": "https://hypothesis.readthedocs.io/en/latest",
    }.items()
}

# Every reference must resolve (``sphinx-build -n``). docs/_ext/opsfacts_docs.py
# shows constrained types by their alias and resolves names documented under
# another module; the inventories above cover the other projects.
nitpicky = True

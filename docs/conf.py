"""Sphinx configuration for the opsfacts documentation."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from opsfacts import __version__  # noqa: E402

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
autodoc_default_options = {"members": True, "show-inheritance": False}
nitpicky = False
html_theme = "furo"
html_static_path: list[str] = ["_static"]
html_css_files = ["opsfacts.css"]
html_title = f"opsfacts {release}"

# The copy button leaves out shell and Python prompts, so a copied command runs as is.
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
exclude_patterns = ["_build"]
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

"""Sphinx extension: pages generated from the opsfacts code (format reference, rule catalogue).

Each directive renders reStructuredText from the library at build time, so
the docs cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class _Generated(SphinxDirective):
    """Base: subclasses return reStructuredText lines from ``lines()``."""

    def lines(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        container = nodes.section()
        container.document = self.state.document
        self.state.nested_parse(StringList(self.lines(), source="opsfacts"), self.content_offset, container)
        return list(container.children)


DIRECTIVES: dict[str, type[_Generated]] = {}


def setup(app: Sphinx) -> dict[str, Any]:
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    return {"parallel_read_safe": True, "version": "1"}

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


class _RuleCatalogue(_Generated):
    """``.. opsfacts-rules::``: one entry per registered rule (code, severity, title, rationale, example)."""

    def lines(self) -> list[str]:
        from opsfacts.checks.catalogue import catalogue  # noqa: PLC0415 - only when the page is built

        return catalogue()


DIRECTIVES["opsfacts-rules"] = _RuleCatalogue


class _FormatReference(_Generated):
    """``.. opsfacts-format::``: every class, field and code list of the document format."""

    def lines(self) -> list[str]:
        from opsfacts.format_reference import format_reference  # noqa: PLC0415 - only when the page is built

        return format_reference()


class _ModelOnlyRules(_Generated):
    """``.. opsfacts-model-only-rules::``: the rules the model checks that JSON Schema cannot."""

    def lines(self) -> list[str]:
        from opsfacts.schema import MODEL_ONLY_RULES  # noqa: PLC0415 - only when the page is built

        return [f"* **{rule.where}**: {rule.rule}" for rule in MODEL_ONLY_RULES] + [""]


DIRECTIVES["opsfacts-format"] = _FormatReference
DIRECTIVES["opsfacts-model-only-rules"] = _ModelOnlyRules


class _TableColumns(_Generated):
    """``.. opsfacts-tables::``: every table of :mod:`opsfacts.tables`, its columns and HXL hashtags."""

    def lines(self) -> list[str]:
        from opsfacts.tables import TABLE_NAMES, table  # noqa: PLC0415 - only when the page is built

        out: list[str] = []
        for name in TABLE_NAMES:
            columns = table(name, []).columns
            out += [
                f".. rubric:: ``{name}``",
                f"   :name: table-{name}",
                "",
                ".. list-table::",
                "   :header-rows: 1",
                "   :widths: 20 30 50",
                "",
                "   * - Column",
                "     - HXL hashtag",
                "     - Holds",
            ]
            for column in columns:
                tag = f"``{column.hxl}``" if column.hxl else "(none fits)"
                out += [f"   * - ``{column.name}``", f"     - {tag}", f"     - {column.doc}"]
            out.append("")
        return out


class _RenderedExample(_Generated):
    """``.. opsfacts-rendered-example:: PATH``: render an example to HTML at build time and link to it.

    The page is written into the build's doctree directory and offered as a
    download, which Sphinx copies into the built site, so the docs always
    show the page the current code renders.
    """

    required_arguments = 1

    def lines(self) -> list[str]:
        import os  # noqa: PLC0415
        from pathlib import Path  # noqa: PLC0415

        from opsfacts import load  # noqa: PLC0415 - only when the page is built
        from opsfacts.render import render_html  # noqa: PLC0415

        source = Path(self.env.srcdir, self.arguments[0]).resolve()
        self.env.note_dependency(str(source))
        target = Path(self.env.app.doctreedir, "opsfacts-rendered", source.with_suffix(".html").name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_html(load(source)), encoding="utf-8")
        document_dir = Path(self.env.doc2path(self.env.docname)).parent
        relative = os.path.relpath(target, document_dir)
        return [f":download:`{target.name} (standalone HTML page) <{relative}>`", ""]


DIRECTIVES["opsfacts-tables"] = _TableColumns
DIRECTIVES["opsfacts-rendered-example"] = _RenderedExample


def setup(app: Sphinx) -> dict[str, Any]:
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    return {"parallel_read_safe": True, "version": "1"}

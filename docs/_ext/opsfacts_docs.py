"""Sphinx extension: pages generated from the opsfacts code (format reference, rule catalogue).

Each directive renders reStructuredText from the library at build time, so
the docs cannot drift from the code. Two hooks keep the API reference
readable and its cross-references resolved (the build is nitpicky):

* constrained types, ``Annotated[str, Constraint(name='non-blank text')]``,
  are shown as the name of their alias in :mod:`opsfacts.model._constraints`
  (``Text``), linked to its entry, in parameter types and in the types of
  attributes, data and properties;
* a reference to a name the API reference documents elsewhere (the public
  ``opsfacts.Factsheet`` for ``opsfacts.model._classes.Factsheet``, ``InvalidDocument``
  named in a docstring of the module that imports it) is resolved to the
  entry of the same object; a type variable is shown as its plain name.
"""

from __future__ import annotations

import ast
import functools
import importlib
import pkgutil
import re
import typing
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.directives import ObjectDescription
from sphinx.domains.python import PyAttribute, PyProperty, PyVariable
from sphinx.environment import BuildEnvironment
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode


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
        from opsfacts.checks._catalogue import catalogue  # noqa: PLC0415 - only when the page is built

        return catalogue()


DIRECTIVES["opsfacts-rules"] = _RuleCatalogue


class _FormatReference(_Generated):
    """``.. opsfacts-format::``: every class, field and code list of the document format."""

    def lines(self) -> list[str]:
        from opsfacts.schema import format_reference  # noqa: PLC0415 - only when the page is built

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
        from opsfacts.tables import TABLE_NAMES, field_type, table  # noqa: PLC0415 - only when the page is built

        out: list[str] = []
        for name in TABLE_NAMES:
            columns = table(name, []).columns
            out += [
                f".. rubric:: ``{name}``",
                f"   :name: table-{name}",
                "",
                ".. list-table::",
                "   :header-rows: 1",
                "   :widths: 20 25 10 45",
                "",
                "   * - Column",
                "     - HXL hashtag",
                "     - Type",
                "     - Holds",
            ]
            for column in columns:
                tag = f"``{column.hxl}``" if column.hxl else "(none fits)"
                out += [
                    f"   * - ``{column.name}``",
                    f"     - {tag}",
                    f"     - {field_type(name, column)}",
                    f"     - {column.doc}",
                ]
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


# --- constrained types shown by name ---------------------------------------------------------------

# How Sphinx writes a constrained type: ``Annotated[<base>, Constraint(name='...')]``, with or
# without a module prefix (``~typing.``; Python 3.11 gives the base type's, ``~decimal.``).
_CONSTRAINED = re.compile(
    r"(?:~?[\w.]+\.)?Annotated\[[^\[\],]+, *"
    r"(?:~?[\w.]*\.)?Constraint\((?:key='\w+', *)?"
    r"name=(?P<name>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")[^()]*\)\]"
)


@functools.cache
def _constraint_aliases() -> dict[str, str]:
    """Constraint name -> the alias that carries it in :mod:`opsfacts.model._constraints`, fully qualified."""
    from opsfacts.model import _constraints as constraints  # noqa: PLC0415 - only when the docs are built

    aliases: dict[str, str] = {}
    for alias in constraints.__all__:
        constraint = constraints.constraint_of(getattr(constraints, alias))
        if constraint is not None:
            # Linked to the public entry (opsfacts.model.Text), not the private module.
            aliases.setdefault(constraint.name, f"opsfacts.model.{alias}")
    return aliases


def simplify_constrained(text: str) -> str:
    """``Annotated[str, Constraint(key='text', name='non-blank text')]`` -> ``~opsfacts.model.Text``.

    A constraint no alias carries is left as it is.
    """

    def replace(match: re.Match[str]) -> str:
        alias = _constraint_aliases().get(ast.literal_eval(match["name"]))
        return match[0] if alias is None else f"~{alias}"

    return _CONSTRAINED.sub(replace, text)


def _simplify_field_types(app: Sphinx, domain: str, objtype: str, content: nodes.Element) -> None:
    """Rewrite the types autodoc put in field lists (``:type x:``, ``:rtype:``) before they become links."""
    if domain != "py":
        return
    for body in content.findall(nodes.field_body):
        for text in list(body.findall(nodes.Text)):
            simpler = simplify_constrained(text.astext())
            if simpler != text.astext():
                text.parent.replace(text, nodes.Text(simpler))


def _with_simple_type(directive: type[ObjectDescription[Any]]) -> type[ObjectDescription[Any]]:
    """The Python domain's directive, with a constrained ``:type:`` option shown as its alias."""

    class WithSimpleType(directive):  # type: ignore[valid-type,misc]
        def run(self) -> list[nodes.Node]:
            if "type" in self.options:
                self.options["type"] = simplify_constrained(self.options["type"])
            result: list[nodes.Node] = super().run()
            return result

    WithSimpleType.__name__ = WithSimpleType.__qualname__ = directive.__name__
    return WithSimpleType


# --- references to names documented elsewhere ---------------------------------------------------


def _lookup(dotted: str) -> Any:
    """The object a dotted name stands for, importing the longest module prefix; raises LookupError."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for part in parts[cut:]:
                obj = getattr(obj, part)
        except AttributeError as error:
            raise LookupError(dotted) from error
        return obj
    raise LookupError(dotted)


@functools.cache
def _private_modules(package: str) -> tuple[str, ...]:
    """The private modules of a public opsfacts package (``opsfacts.documents._loading``...)."""
    if not package.startswith("opsfacts"):
        return ()
    try:
        module = importlib.import_module(package)
    except ImportError:
        return ()
    path = getattr(module, "__path__", None)
    if path is None:
        return ()
    return tuple(
        f"{package}.{info.name}"
        for info in pkgutil.iter_modules(path)
        if info.name.startswith("_") and not info.name.startswith("__")
    )


def _private_attr_doc(qualified: str, obj: Any = None) -> tuple[str, ...]:
    """The docstring of a constant a public package re-exports, from the private module defining it.

    Found by name, or by identity when the package renames it (``HTML_LEFT_OUT`` is ``_html.LEFT_OUT``).
    """
    package, _, name = qualified.rpartition(".")
    for private in _private_modules(package):
        try:
            docs = ModuleAnalyzer.for_module(private).find_attr_docs()
        except PycodeError:
            continue
        if ("", name) in docs:
            return tuple(docs["", name])
        if obj is not None:
            module = importlib.import_module(private)
            for (scope, attribute), lines in docs.items():
                if scope == "" and getattr(module, attribute, None) is obj:
                    return tuple(lines)
    return ()


_PUBLIC_PACKAGES = ("model", "documents", "schema", "checks", "validation", "render")


def _keep_reexported_constants(  # noqa: PLR0917 - the signature of Sphinx's event
    app: Sphinx, what: str, name: str, obj: Any, skip: bool, options: Any
) -> bool | None:
    """Keep a re-exported constant that has a docstring beside its definition (autodoc sees none)."""
    del app, obj, options
    if (
        skip
        and what == "module"
        and any(_private_attr_doc(f"opsfacts.{package}.{name}") for package in _PUBLIC_PACKAGES)
    ):
        return False
    return None


def _document_reexported_constants(  # noqa: PLR0917 - the signature of Sphinx's event
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Give a re-exported constant the docstring written beside its definition."""
    del app, options
    if what in {"data", "attribute"}:
        # The definition's docstring, not the one of the value's type (dict's, say).
        found = _private_attr_doc(name, obj)
        if found:
            lines[:] = list(found)


# --- model classes: field meanings and the link to the format reference --------------------------


def _document_model_class(  # noqa: PLR0917 - the signature of Sphinx's event
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Give a model class its format section and its fields' meanings, from the format's one source.

    The meanings are the ``doc`` metadata the format reference and the JSON Schema
    read (:func:`opsfacts.model._modelling.field_doc`); they become the descriptions
    of the class's parameters, whose types autodoc adds.
    """
    del app, name, options
    if what not in {"class", "exception"} or not isinstance(obj, type):
        return
    import attrs  # noqa: PLC0415 - only when the docs are built

    from opsfacts.documents import field_key  # noqa: PLC0415
    from opsfacts.model._modelling import field_doc  # noqa: PLC0415
    from opsfacts.schema._reference import format_anchor  # noqa: PLC0415

    anchor = format_anchor(obj)
    added: list[str] = []
    if anchor is not None:
        added.append(f":Format: :ref:`{obj.__name__} <{anchor}>` in the document format reference")
    if attrs.has(obj):
        for field in attrs.fields(obj):
            meaning = " ".join(field_doc(field).split())
            if not meaning:
                continue
            key = field_key(field)
            where = "" if key == field.name else f" (``{key}`` in a document)"
            added.append(f":param {field.name}: {meaning}{where}")
    if added:
        # Before the examples: what the class is, where its format is, what its fields mean.
        at = next((i for i, line in enumerate(lines) if line.lstrip().startswith(">>>")), len(lines))
        lines[at:at] = ["", *added, ""]


def _resolve_elsewhere(
    app: Sphinx, env: BuildEnvironment, node: nodes.Element, contnode: nodes.TextElement
) -> nodes.Node | None:
    """``missing-reference``: link an opsfacts object to the entry that documents it under another name."""
    if node.get("refdomain") != "py":
        return None
    target = str(node.get("reftarget", ""))
    module, cls = node.get("py:module"), node.get("py:class")
    candidates = [
        f"{module}.{cls}.{target}" if module and cls else "",
        f"{module}.{target}" if module else "",
        # A docstring written in a private module names what that module imports.
        *(f"{private}.{target}" for private in _private_modules(str(module or ""))),
    ]
    for dotted in [*filter(None, candidates), target]:
        try:
            obj = _lookup(dotted)
        except LookupError:
            continue
        if isinstance(obj, typing.TypeVar):
            return contnode  # a type variable has no entry of its own: its plain name
        if not dotted.startswith("opsfacts."):
            return None
        py = env.get_domain("py")
        last = target.rsplit(".", 1)[-1]
        for name, entry in py.objects.items():  # type: ignore[attr-defined]
            if name.rsplit(".", 1)[-1] != last or not name.startswith("opsfacts."):
                continue
            try:
                same = _lookup(name) is obj
            except LookupError:
                same = False
            if same:
                return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name)
        return None
    return None


def publish_schemas(app: Sphinx, exception: Exception | None) -> None:
    """Copy every schema of ``schemas/`` to ``_static/schemas/`` of the HTML build.

    That is where the schemas' ``$id`` URLs point
    (:data:`opsfacts.schema.SCHEMA_BASE_URL`), so an editor can load the schema a
    document names in ``$schema``.
    """
    import shutil  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir).parent / "schemas"
    target = Path(app.outdir) / "_static" / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    for schema in sorted(source.glob("*.schema.json")):
        shutil.copyfile(schema, target / schema.name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", publish_schemas)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    # After sphinx.ext.autodoc.typehints (priority 500) has added the types to the field lists.
    app.connect("object-description-transform", _simplify_field_types, priority=600)
    # The types of attributes, data and properties (``name: Text``) are given in a ``:type:`` option.
    for objtype, py_directive in {
        "attribute": PyAttribute,
        "data": PyVariable,
        "property": PyProperty,
    }.items():
        app.add_directive_to_domain("py", objtype, _with_simple_type(py_directive), override=True)
    app.connect("missing-reference", _resolve_elsewhere)
    app.connect("autodoc-process-docstring", _document_reexported_constants)
    app.connect("autodoc-process-docstring", _document_model_class)
    app.connect("autodoc-skip-member", _keep_reexported_constants)
    return {"parallel_read_safe": True, "version": "1"}

"""Write the intersphinx inventories the docs link to other projects with.

The docs are built without network (CI has none), so intersphinx cannot
fetch ``objects.inv`` from Python, attrs, cattrs, jsonschema and Hypothesis.
``docs/conf.py`` reads these small inventories instead, which list only the
objects the docs refer to, each with its real address on that project's
site. Add a name to ``INVENTORIES`` when the docs start referring to it (the
nitpicky build says which name is missing), then run::

    .venv/bin/python docs/_intersphinx/make_inventories.py

and commit the ``*.inv`` files (CI runs it with ``--check``). The format is Sphinx's ``objects.inv``
version 2: four header lines, then zlib-compressed lines of
``name domain:role priority uri display-name`` (``$`` in the URI stands for
the name, ``-`` for a display name equal to the name).
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path
from typing import NamedTuple


class Project(NamedTuple):
    """One project's inventory: its name, version and objects."""

    name: str
    version: str
    base_url: str
    """The address ``docs/conf.py`` maps the inventory to; object URIs are relative to it."""
    objects: tuple[tuple[str, str, str], ...]
    """(name, ``domain:role``, URI relative to ``base_url``)."""


INVENTORIES: dict[str, Project] = {
    "python": Project(
        "Python",
        "3",
        "https://docs.python.org/3/",
        (
            ("bool", "py:class", "library/functions.html#$"),
            ("bytes", "py:class", "library/stdtypes.html#$"),
            ("dict", "py:class", "library/stdtypes.html#$"),
            ("float", "py:class", "library/functions.html#$"),
            ("int", "py:class", "library/functions.html#$"),
            ("list", "py:class", "library/stdtypes.html#$"),
            ("object", "py:class", "library/functions.html#$"),
            ("str", "py:class", "library/stdtypes.html#$"),
            ("tuple", "py:class", "library/stdtypes.html#$"),
            ("None", "py:data", "library/constants.html#$"),
            ("Exception", "py:exception", "library/exceptions.html#$"),
            ("ValueError", "py:exception", "library/exceptions.html#$"),
            ("collections.abc.Callable", "py:class", "library/collections.abc.html#$"),
            ("collections.abc.Iterable", "py:class", "library/collections.abc.html#$"),
            ("collections.abc.Iterator", "py:class", "library/collections.abc.html#$"),
            ("collections.abc.Mapping", "py:class", "library/collections.abc.html#$"),
            ("collections.abc.Sequence", "py:class", "library/collections.abc.html#$"),
            ("datetime.date", "py:class", "library/datetime.html#$"),
            ("decimal.Decimal", "py:class", "library/decimal.html#$"),
            ("enum.Enum", "py:class", "library/enum.html#$"),
            ("enum.StrEnum", "py:class", "library/enum.html#$"),
            ("os.PathLike", "py:class", "library/os.html#$"),
            ("pathlib.Path", "py:class", "library/pathlib.html#$"),
            ("re.Pattern", "py:class", "library/re.html#$"),
            ("typing.Annotated", "py:data", "library/typing.html#$"),
            ("typing.Any", "py:data", "library/typing.html#$"),
            ("typing.Protocol", "py:class", "library/typing.html#$"),
            ("typing.TypeVar", "py:class", "library/typing.html#$"),
        ),
    ),
    "attrs": Project(
        "attrs",
        "stable",
        "https://www.attrs.org/en/stable/",
        (
            ("attrs.Attribute", "py:class", "api.html#$"),
            ("attrs.define", "py:function", "api.html#$"),
            ("attrs.field", "py:function", "api.html#$"),
            ("attrs.frozen", "py:function", "api.html#$"),
        ),
    ),
    "cattrs": Project(
        "cattrs",
        "stable",
        "https://catt.rs/en/stable/",
        (
            ("cattrs.Converter", "py:class", "cattrs.html#$"),
            # Autodoc names the class by the module it is defined in.
            ("cattrs.converters.Converter", "py:class", "cattrs.html#cattrs.Converter"),
        ),
    ),
    "jsonschema": Project(
        "jsonschema",
        "stable",
        "https://python-jsonschema.readthedocs.io/en/stable/",
        (
            ("jsonschema.validators.Draft202012Validator", "py:class", "api/jsonschema/validators/#$"),
            ("jsonschema.exceptions.ValidationError", "py:exception", "api/jsonschema/exceptions/#$"),
        ),
    ),
    "hypothesis": Project(
        "Hypothesis",
        "latest",
        "https://hypothesis.readthedocs.io/en/latest/",
        (("hypothesis.strategies.SearchStrategy", "py:class", "reference/strategies.html#$"),),
    ),
}


def inventory(project: Project) -> bytes:
    """The ``objects.inv`` (version 2) bytes for a project; the same input gives the same bytes."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project.name}\n"
        f"# Version: {project.version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in sorted(project.objects))
    return header.encode("utf-8") + zlib.compress(lines.encode("utf-8"), 9)


def _decoded(data: bytes) -> str:
    """An inventory's header and decompressed lines: what to compare, whatever zlib compressed it."""
    header, _, body = data.partition(b"zlib.\n")
    return (header + b"zlib.\n" + zlib.decompress(body)).decode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write the inventories; with ``--check``, only say which committed ones are out of date."""
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    here = Path(__file__).parent
    stale = []
    for key, project in INVENTORIES.items():
        path = here / f"{key}.inv"
        wanted = inventory(project)
        if not check:
            path.write_bytes(wanted)
        elif not path.is_file() or _decoded(path.read_bytes()) != _decoded(wanted):
            stale.append(path.name)
    if stale:
        print(f"out of date, run {Path(__file__).name}: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

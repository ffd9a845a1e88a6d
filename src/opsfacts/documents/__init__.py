"""Documents: text in, model objects out, and back.

Takes JSON or YAML (files, text, or Python dicts) and gives
:class:`~opsfacts.model.Factsheet` objects, or a
:class:`~opsfacts.errors.DocumentError` naming every problem with its JSON
path, line and column. Older format versions are migrated on the way in.
Writing goes the other way: a factsheet to JSON or YAML text, written whole
through a temporary file. The cattrs converter that does the structuring is
here, with the way to build and extend one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model._modelling import field_key
from ._inputs import (
    SUFFIXES,
    Input,
    expand,
    expand_paths,
)
from ._loading import (
    dump,
    dumps,
    from_dict,
    load,
    load_parsed,
    loads,
    parse,
    to_dict,
)
from ._migration import (
    READ_VERSIONS,
    Migration,
    migrate,
    version_of,
)
from ._sources import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_YAML_NODES,
    Parsed,
)
from ._writing import (
    write_text_atomic,
)

if TYPE_CHECKING:
    from ._converter import configure_converter, converter, make_converter, problems_from

# The converter's names load on first use (PEP 562): reading a valid document needs
# no cattrs (see ``_compiled``), and importing cattrs is a good part of a start.
_CONVERTER_NAMES = frozenset({"configure_converter", "converter", "make_converter", "problems_from"})


def __getattr__(name: str) -> Any:
    if name in _CONVERTER_NAMES:
        from . import _converter  # noqa: PLC0415 - see above

        value = getattr(_converter, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_CONVERTER_NAMES})


__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_YAML_NODES",
    "READ_VERSIONS",
    "SUFFIXES",
    "Input",
    "Migration",
    "Parsed",
    "configure_converter",
    "converter",
    "dump",
    "dumps",
    "expand",
    "expand_paths",
    "field_key",
    "from_dict",
    "load",
    "load_parsed",
    "loads",
    "make_converter",
    "migrate",
    "parse",
    "problems_from",
    "to_dict",
    "version_of",
    "write_text_atomic",
]

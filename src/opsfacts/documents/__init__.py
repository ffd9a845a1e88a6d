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

from ._converter import (
    configure_converter,
    converter,
    field_key,
    make_converter,
    problems_from,
)
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

"""Reading and writing factsheets: dicts, JSON or YAML text, and files.

``loads(dumps(f)) == f`` for every factsheet, and ``dumps(loads(t)) == t`` for
every canonical JSON text (as ``dumps`` writes it: keys in field order,
two-space indent, UTF-8, a trailing newline).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import stat
import sys
import typing
from typing import TYPE_CHECKING, Any, Literal

from ..diagnostics import Finding
from ..errors import InvalidDocument, ParseError, ReadError, WriteError
from ..model._classes import FORMAT_VERSION, Factsheet
from ..model._printing import digits
from . import _sources as sources
from ._compiled import compiled_structure
from ._migration import READ_VERSIONS, Migration, migrate
from ._sources import Parsed, locate_problems, parse_text, utf8_size

__all__ = [
    "Syntax",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "load_parsed",
    "loads",
    "parse",
    "read_source",
    "read_stdin",
    "structure_parsed",
    "syntax_of",
    "to_dict",
]

if TYPE_CHECKING:
    import cattrs

Syntax = Literal["json", "yaml"]


@functools.cache
def _structure() -> Any:
    # Built on first use, as the unstructure hook: commands that read no document
    # (``schema``, ``--help``) do not pay for building the hooks of every class, and
    # commands that read only valid documents (the fast path) do not import cattrs.
    from ._converter import converter  # noqa: PLC0415 - cattrs only when it is needed

    return converter.get_structure_hook(Factsheet)


@functools.cache
def _fast_structure() -> Any:
    return compiled_structure(Factsheet)


@functools.cache
def _unstructure() -> Any:
    # Built on first use: validating never writes, and building the hooks costs start-up time.
    from ._converter import converter  # noqa: PLC0415 - cattrs only when it is needed

    return converter.get_unstructure_hook(Factsheet)


def _version_problem(migration: Migration) -> Finding | None:
    version = migration.from_version
    if not isinstance(migration.data, dict) or version in READ_VERSIONS:
        return None
    if not isinstance(migration.data.get("format_version"), str):
        return None  # a wrong type is the converter's to report
    readable = " and ".join(READ_VERSIONS)
    return Finding.problem(
        "OPS005",
        ("format_version",),
        f"format_version {version!r} is not one this opsfacts reads: it reads {readable} "
        f"and writes {FORMAT_VERSION} (a newer version needs a newer opsfacts)",
        value=version,
    )


def _structure_migrated(data: Any, conv: cattrs.Converter | None) -> tuple[Factsheet, Migration]:
    """Migrate, then structure; raise InvalidDocument (without positions) listing every problem."""
    migration = migrate(data)
    problem = _version_problem(migration)
    if problem is not None:
        raise InvalidDocument([problem])
    if conv is None:
        # A valid document takes the fast path; anything it declines, the converter
        # structures again and explains (or, being more lenient, accepts).
        try:
            return typing.cast(Factsheet, _fast_structure()(migration.data)), migration
        except Exception:  # noqa: BLE001 - declined: the converter decides below
            pass
    structure = _structure() if conv is None else conv.get_structure_hook(Factsheet)
    try:
        return typing.cast(Factsheet, structure(migration.data, Factsheet)), migration
    except Exception as exc:  # noqa: BLE001 - every structuring failure becomes a finding
        from ._converter import problems_from  # noqa: PLC0415 - with the converter

        raise InvalidDocument(problems_from(exc, migration.data)) from None


def from_dict(
    data: Any, *, source: str | None = None, converter: cattrs.Converter | None = None
) -> Factsheet:
    """Build a factsheet from JSON-like data of any version it reads (older ones are migrated).

    Raise :class:`InvalidDocument` listing every problem. ``converter`` is one made by
    :func:`~opsfacts.documents.make_converter` with hooks of your own; the default one otherwise.

    >>> from opsfacts import from_dict
    >>> sheet = from_dict({
    ...     "publisher": {"name": "UNHCR"},
    ...     "operation": {"name": "Mali", "countries": ["MLI"]},
    ...     "title": "Mali Factsheet, June 2017",
    ...     "date": "2017-06",
    ... })
    >>> sheet
    <Factsheet title='Mali Factsheet, June 2017', operation='Mali', period=2017-06..2017-06>
    >>> sheet.date.precision
    'month'
    >>> from_dict({"title": "Mali"}, source="mali.json")
    Traceback (most recent call last):
      ...
    opsfacts.errors.InvalidDocument: mali.json: 2 problems:
      $.publisher: missing required key 'publisher'
      $.operation: missing required key 'operation'
    """
    try:
        return _structure_migrated(data, converter)[0]
    except InvalidDocument as exc:
        raise InvalidDocument(exc.problems, source) from None


def load_parsed(
    parsed: Parsed, *, source: str | None = None, converter: cattrs.Converter | None = None
) -> tuple[Factsheet, Migration]:
    """Build a factsheet from parsed text, with what migration changed; problems carry line and column."""
    try:
        return _structure_migrated(parsed.data, converter)
    except InvalidDocument as exc:
        raise InvalidDocument(locate_problems(list(exc.problems), parsed), source) from None


def structure_parsed(
    parsed: Parsed, *, source: str | None = None, converter: cattrs.Converter | None = None
) -> Factsheet:
    """Build a factsheet from parsed text; problems carry line and column."""
    return load_parsed(parsed, source=source, converter=converter)[0]


def to_dict(factsheet: Factsheet, *, converter: cattrs.Converter | None = None) -> dict[str, Any]:
    """The JSON-like data of a factsheet: keys in field order, defaults left out.

    >>> from opsfacts import load, to_dict
    >>> data = to_dict(load("examples/mali-2017-06.corrected.json"))
    >>> data["operation"], data["period"]
    ({'name': 'Mali', 'countries': ['MLI']}, {'start': '2017-06-01', 'end': '2017-06-30'})
    >>> data["funding"]["requested"]  # decimals as strings: no float rounds money
    {'value': '42749662'}
    """
    unstructure = _unstructure() if converter is None else converter.get_unstructure_hook(Factsheet)
    return typing.cast(dict[str, Any], unstructure(factsheet))


def parse(text: str | bytes, syntax: Syntax = "json", *, source: str | None = None) -> Parsed:
    """Parse JSON or YAML text into data with positions; raise :class:`ParseError`."""
    try:
        return parse_text(text, syntax)
    except ParseError as exc:
        raise ParseError(exc.problems, source) from None


def loads(
    text: str | bytes,
    *,
    syntax: Syntax = "json",
    source: str | None = None,
    converter: cattrs.Converter | None = None,
) -> Factsheet:
    """Load a factsheet from JSON (or, with ``syntax="yaml"``, YAML) text.

    Raise :class:`ParseError` for text that is not JSON (or YAML) and
    :class:`InvalidDocument` for a document that does not fit the format; each
    problem has its line and column in the text.

    >>> from opsfacts import loads
    >>> loads('''
    ... publisher: {name: UNHCR}
    ... operation: {name: Mali, countries: [MLI]}
    ... title: Mali Factsheet, June 2017
    ... date: "2017-06-30"
    ... ''', syntax="yaml").date
    PartialDate('2017-06-30')
    >>> loads('{"title": "Mali", "title": "Niger"}', source="mali.json")
    Traceback (most recent call last):
      ...
    opsfacts.errors.ParseError: mali.json: 1 problem:
      1:19: $: duplicate key 'title': each key may appear once
    """
    return structure_parsed(parse(text, syntax, source=source), source=source, converter=converter)


def dumps(factsheet: Factsheet, *, syntax: Syntax = "json", converter: cattrs.Converter | None = None) -> str:
    """Write a factsheet as canonical JSON (or YAML) text.

    Raise :class:`WriteError` when the text would be larger than
    :data:`opsfacts.documents.MAX_BYTES` (in UTF-8), which no reader accepts.

    >>> from opsfacts import dumps, from_dict
    >>> sheet = from_dict({
    ...     "publisher": {"name": "UNHCR"},
    ...     "operation": {"name": "Mali", "countries": ["MLI"]},
    ...     "title": "Mali Factsheet, June 2017",
    ...     "date": "2017-06",
    ... })
    >>> print(dumps(sheet, syntax="yaml"), end="")
    publisher:
      name: UNHCR
    operation:
      name: Mali
      countries:
      - MLI
    title: Mali Factsheet, June 2017
    format_version: '2.0'
    date: 2017-06
    >>> dumps(sheet).splitlines()[-3:]
    ['  "format_version": "2.0",', '  "date": "2017-06"', '}']
    """
    data = to_dict(factsheet, converter=converter)
    try:
        if syntax == "yaml":
            from ._yaml import dump_yaml  # noqa: PLC0415 - PyYAML only for YAML users

            text = dump_yaml(data)
        else:
            text = json_text(data)
    except ValueError:
        # Python writes no whole number longer than sys.get_int_max_str_digits(), and reads none.
        longest = _longest_whole_number(data)
        if longest <= sys.get_int_max_str_digits() or not sys.get_int_max_str_digits():
            raise
        raise WriteError(longest, sys.get_int_max_str_digits(), "a whole number in it", "digits") from None
    size = utf8_size(text)
    if size > sources.MAX_BYTES:
        raise WriteError(size, sources.MAX_BYTES)
    return text


@functools.cache
def _orjson_writer() -> Any:
    """orjson's writer of canonical JSON text, or None when it is not installed."""
    try:
        import orjson  # noqa: PLC0415 - optional (the ``fast`` extra)
    except ImportError:
        return None
    option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE

    def write(data: Any) -> str:
        encoded: bytes = orjson.dumps(data, option=option)
        return encoded.decode("utf-8")

    return write


def _longest_whole_number(data: Any) -> int:
    """The number of digits of the longest whole number in JSON-like data (however long)."""
    if isinstance(data, dict):
        return max(map(_longest_whole_number, data.values()), default=0)
    if isinstance(data, list):
        return max(map(_longest_whole_number, data), default=0)
    if not isinstance(data, int) or isinstance(data, bool):
        return 0
    return len(digits(abs(data)))


def json_text(data: Any) -> str:
    """JSON-like data as canonical JSON text: two-space indent, UTF-8 characters as they are, a final newline.

    The standard library indents in pure Python; orjson, when installed (the ``fast``
    extra), writes the same text a hundred times faster. Values orjson refuses
    (integers beyond 64 bits, text with lone surrogates) are written by the standard
    library, so the text never depends on which one is installed.
    """
    write = _orjson_writer()
    if write is not None:
        try:
            return typing.cast(str, write(data))
        except (TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
            pass
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def syntax_of(path: str | os.PathLike[str]) -> Syntax:
    """``yaml`` for ``.yaml``/``.yml`` files, ``json`` otherwise."""
    return "yaml" if str(path).lower().endswith((".yaml", ".yml")) else "json"


def _too_large(name: str, size: int | None = None) -> ReadError:
    if size is None:  # read as a stream: only known to be past the limit
        return ReadError(name, f"more than {sources.MAX_BYTES:,} bytes; the limit is {sources.MAX_BYTES:,}")
    return ReadError(name, f"the file is {size:,} bytes; the limit is {sources.MAX_BYTES:,}")


def _read_capped(name: str, fd: int) -> bytes:
    """Read at most one byte more than :data:`MAX_BYTES` from a descriptor; refuse anything larger."""
    chunks: list[bytes] = []
    size = 0
    while size <= sources.MAX_BYTES:
        chunk = os.read(fd, min(1 << 20, sources.MAX_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > sources.MAX_BYTES:
        raise _too_large(name)
    return b"".join(chunks)


def read_source(path: str | os.PathLike[str]) -> bytes:
    """Read a file's bytes; raise :class:`ReadError` with a sentence on failure.

    Only regular files are read: a FIFO, a device (``/dev/zero``) or a socket is
    refused before a byte is read (the file is opened without blocking, so a FIFO
    with no writer does not hang), and no more than :data:`MAX_BYTES` are read.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ReadError(name, "no such file") from None
    except IsADirectoryError:
        raise ReadError(name, "is a directory, not a file") from None
    except PermissionError:
        raise ReadError(name, "permission denied") from None
    except OSError as exc:
        raise ReadError(name, exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(name, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(name, "is not a regular file (a FIFO, a device or a socket); it is not read")
        if info.st_size > sources.MAX_BYTES:
            raise _too_large(name, info.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return _read_capped(name, fd)
    except OSError as exc:
        raise ReadError(name, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def read_stdin(name: str = "<stdin>") -> bytes:
    """Read standard input's bytes, at most :data:`MAX_BYTES`; raise :class:`ReadError`.

    Closed standard input and endless input (``/dev/zero``, ``yes``) are refused with a
    sentence, not a traceback or a hang: reading stops one byte past the limit.
    """
    import sys  # noqa: PLC0415

    stream = sys.stdin
    if stream is None:
        raise ReadError(name, "standard input is closed")
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        fd = None
    try:
        if fd is None:
            data = stream.buffer.read(sources.MAX_BYTES + 1)
            if len(data) > sources.MAX_BYTES:
                raise _too_large(name)
            return bytes(data)
        return _read_capped(name, fd)
    except OSError as exc:
        reason = "standard input is closed" if exc.errno == errno.EBADF else exc.strerror or str(exc)
        raise ReadError(name, reason) from None


def load(
    path: str | os.PathLike[str], *, syntax: Syntax | None = None, converter: cattrs.Converter | None = None
) -> Factsheet:
    """Load a factsheet from a ``.json``, ``.yaml`` or ``.yml`` file.

    Raise :class:`ReadError` for a file that cannot be read, and
    :class:`ParseError` or :class:`InvalidDocument` as :func:`loads` does.

    >>> from opsfacts import load
    >>> mali = load("examples/mali-2017-06.corrected.json")
    >>> mali.title, mali.populations.computed_total
    ('Mali Factsheet, June 2017', 628184)
    >>> load("examples/mali-2017-07.json")
    Traceback (most recent call last):
      ...
    opsfacts.errors.ReadError: examples/mali-2017-07.json: no such file
    """
    name = os.fspath(path)
    parsed = parse(read_source(name), syntax or syntax_of(name), source=name)
    return structure_parsed(parsed, source=name, converter=converter)


def dump(
    factsheet: Factsheet,
    path: str | os.PathLike[str],
    *,
    syntax: Syntax | None = None,
    converter: cattrs.Converter | None = None,
) -> None:
    """Write a factsheet to a file as canonical JSON or YAML (by suffix), whole or not at all.

    Raise :class:`WriteError` if the text is larger than opsfacts reads.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from opsfacts import dump, load
    >>> mali = load("examples/mali-2017-06.corrected.json")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     dump(mali, Path(folder, "mali.yaml"))
    ...     same = load(Path(folder, "mali.yaml")) == mali
    ...     first = Path(folder, "mali.yaml").read_text(encoding="utf-8").splitlines()[0]
    >>> same, first
    (True, 'publisher:')
    """
    from ._writing import write_text_atomic  # noqa: PLC0415

    write_text_atomic(path, dumps(factsheet, syntax=syntax or syntax_of(path), converter=converter))

"""Parsing JSON and YAML text into plain data, with positions for every value.

JSON is parsed with the standard library for speed; the line and column of
a JSON path are found only when a problem needs them, by a small scanner.
YAML is composed by PyYAML (safe, no tags, no Python objects) and every
node's position is recorded while it is turned into data.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import operator
import re
from collections.abc import Callable
from typing import Any

import attrs

from ..diagnostics import Finding, PathPart
from ..errors import ParseError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_YAML_NODES",
    "Parsed",
    "locate_problems",
    "parse_json",
    "parse_text",
    "parse_yaml",
    "utf8_size",
]

MAX_BYTES = 16 * 1024 * 1024
"""Largest document read, in bytes of UTF-8 (16 MiB), whether it comes as a file, bytes or text.

Writing (:func:`opsfacts.dumps`, :func:`opsfacts.dump`) refuses a document
whose text would be larger, with :class:`~opsfacts.errors.WriteError`, so
whatever opsfacts writes it can read back.
"""
MAX_DEPTH = 64
"""Deepest nesting accepted."""
MAX_YAML_NODES = 200_000
"""Most nodes a YAML document may expand to (aliases included)."""

Position = tuple[int, int]


@attrs.frozen
class Parsed:
    """A parsed document: its data and how to find a path in its text."""

    data: Any
    locate: Callable[[tuple[PathPart, ...], bool], Position | None] = attrs.field(eq=False)
    """``locate(parts, at_key)``: line and column of the value at a path (of its key if at_key)."""


def _fail(message: str, line: int | None = None, column: int | None = None) -> ParseError:
    problem = Finding.problem("OPS001", (), message)
    return ParseError([attrs.evolve(problem, line=line, column=column)])


def utf8_size(text: str) -> int:
    """The size of text in bytes of UTF-8, the unit of :data:`MAX_BYTES`."""
    return len(text.encode("utf-8", "surrogatepass"))


def _decode(raw: str | bytes) -> str:
    return _decode_both(raw)[0]


def _decode_both(raw: str | bytes) -> tuple[str, bytes]:
    """The text and its UTF-8 bytes (lone surrogates kept), checked for size and a byte order mark."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            raise _fail(f"the document is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
        if raw.startswith(b"\xef\xbb\xbf"):
            raise _fail("the file starts with a byte order mark (BOM); save it as UTF-8 without BOM")
        try:
            return raw.decode("utf-8"), raw
        except UnicodeDecodeError as exc:
            raise _fail(f"the file is not UTF-8 text (bad byte at offset {exc.start})") from None
    encoded = raw.encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_BYTES:
        raise _fail(f"the document is {len(encoded):,} bytes; the limit is {MAX_BYTES:,}")
    if raw.startswith("\ufeff"):
        raise _fail("the text starts with a byte order mark (BOM); save it as UTF-8 without BOM")
    return raw, encoded


def _check_root(data: Any) -> None:
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string", type(None): "null", bool: "a boolean"}.get(
            type(data), "a number"
        )
        raise _fail(f"the document must be an object (a mapping of keys), not {kind}", 1, 1)


# --- JSON -------------------------------------------------------------------


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_decoder = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_no_constant)
# The C scanner behind the decoder: reads one value at an offset, returns it and its end.
_scan_value: Callable[[str, int], tuple[Any, int]] = _decoder.scan_once  # type: ignore[attr-defined]


def parse_json(raw: str | bytes) -> Parsed:
    """Parse JSON text; raise :class:`ParseError` with line and column on failure."""
    text, encoded = _decode_both(raw)
    if not text.strip():
        raise _fail("the document is empty")
    reader = _fast_reader()
    data = _UNSURE if reader is None else reader(encoded)
    if data is _UNSURE:
        data = _standard_decode(text)
    _check_root(data)
    if _json_depth(text, encoded) > MAX_DEPTH:
        raise _fail(f"the document is nested too deeply (the limit is {MAX_DEPTH} levels)")
    return Parsed(data, _JsonLocator(text))


def _standard_decode(text: str) -> Any:
    try:
        return _decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise _fail(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except _DuplicateKey as exc:
        line, column = _find_duplicate(text, exc.key)
        raise _fail(f"duplicate key {exc.key!r}: each key may appear once", line, column) from None
    except ValueError as exc:
        raise _fail(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise _fail(f"the document is nested too deeply (the limit is {MAX_DEPTH} levels)") from None


_UNSURE = object()
# Digits become "9", so that a run of nineteen of them (a number that may not fit in 64 bits) is a
# substring search.
_DIGITS = bytes.maketrans(b"0123456789", b"9" * 10)
_LONG_NUMBER = b"9" * 19


@functools.cache
def _fast_reader() -> Callable[[bytes], Any] | None:
    """orjson's reader of JSON text, when installed (the ``fast`` extra), held to the standard library's.

    It returns the same data or :data:`_UNSURE`, and the standard library reads the
    text again (and explains what is wrong with it): orjson reads a number beyond 64
    bits as a float, where the standard library keeps every digit, so a text with a
    run of 19 digits is left to it; and orjson keeps the last of duplicate keys, so
    the text's key separators are counted: every ``:`` of the text is one, or is
    inside a string, and writing the data back out gives as many only when no key
    was dropped (an escaped ``\\u003a`` is the one ``:`` the count would miss, and
    is left to the standard library too). Any text orjson refuses is too.
    """
    try:
        import orjson  # noqa: PLC0415 - optional (the ``fast`` extra)
    except ImportError:
        return None
    loads, dumps = orjson.loads, orjson.dumps

    def read(encoded: bytes) -> Any:
        if _LONG_NUMBER in encoded.translate(_DIGITS) or b"\\u003" in encoded:
            return _UNSURE
        try:
            data = loads(encoded)
            written: bytes = dumps(data)
        except Exception:  # noqa: BLE001 - anything orjson refuses, the standard library explains
            return _UNSURE
        return data if written.count(b":") == encoded.count(b":") else _UNSURE

    return read


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_NOT_BRACKET_BYTES = bytes(byte for byte in range(256) if byte not in b"[]{}")
# A bracket's step plus one: 2 for an opening bracket, 0 for a closing one.
_STEP_PLUS_ONE = bytes.maketrans(b"[]{}", b"\x02\x00\x02\x00")


def _json_depth(text: str, encoded: bytes | None = None) -> int:
    """The deepest nesting of well-formed JSON text, computed without walking the data.

    The brackets are picked out of the UTF-8 bytes (no byte of a multi-byte
    character is a bracket) as their step plus one: 2 to open, 0 to close. In a
    balanced run, removing every adjacent open-close pair lowers the deepest
    point by exactly one, so the number of rounds that empty it is its depth,
    each round one pass in C; a run that is not balanced (brackets inside
    strings) is summed step by step.
    """
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    steps = left = encoded.translate(_STEP_PLUS_ONE, _NOT_BRACKET_BYTES)
    rounds = 0
    while left and rounds <= MAX_DEPTH:
        shorter = left.replace(b"\x02\x00", b"")
        if len(shorter) == len(left):
            break  # not balanced
        left, rounds = shorter, rounds + 1
    if not left:
        return rounds
    rough = max(map(operator.sub, itertools.accumulate(steps), itertools.count(1)), default=0)
    if rough <= MAX_DEPTH:
        # Closing brackets inside strings could hide some depth; the limit guards
        # against absurd documents, not for safety (nothing here recurses on depth).
        return rough
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(itertools.accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0)


def _find_duplicate(text: str, key: str) -> Position:
    needle = json.dumps(key)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    return _line_col(text, second if second >= 0 else max(first, 0))


def _line_col(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_WS = re.compile(r"[ \t\n\r]*")


class _JsonLocator:
    """Finds the position of a JSON path in well-formed JSON text, on demand.

    It descends along the path only, skipping every other value with the C
    decoder, so locating a handful of problems costs little even in a large
    document; the children of each object or array it descends into are
    indexed once, so locating many costs no more than one pass over the text.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[int] | None = None
        self._found: dict[tuple[PathPart, ...], tuple[int, bool]] = {}
        self._children: dict[int, dict[PathPart, tuple[int, int]]] = {}

    def __call__(self, parts: tuple[PathPart, ...], at_key: bool = False) -> Position | None:
        offset = self._find(parts, at_key)
        if self._lines is None:
            self._lines = [m.end() for m in re.finditer("\n", self._text)]
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1] if line else 0
        return line + 1, offset - start + 1

    def _skip(self, pos: int) -> int:
        return _WS.match(self._text, pos).end()  # type: ignore[union-attr]

    def _find(self, parts: tuple[PathPart, ...], at_key: bool) -> int:
        """Offset of the value at ``parts`` (or of its key), else of its nearest existing parent."""
        if at_key and parts:
            parent, exact = self._value(parts[:-1])
            found = self._child(parent, parts[-1], True) if exact else None
            return parent if found is None else found
        return self._value(parts)[0]

    def _value(self, parts: tuple[PathPart, ...]) -> tuple[int, bool]:
        """Offset of the value at ``parts`` and True, or of its nearest existing parent and False."""
        known = self._found.get(parts)
        if known is not None:
            return known
        if not parts:
            result = (self._skip(0), True)
        else:
            parent, exact = self._value(parts[:-1])
            child = self._child(parent, parts[-1], False) if exact else None
            result = (parent, False) if child is None else (child, True)
        # Problems cluster in a few places: their parents are found once.
        self._found[parts] = result
        return result

    def _child(self, pos: int, part: PathPart, at_key: bool) -> int | None:
        children = self._children.get(pos)
        if children is None:
            children = self._children[pos] = self._index(pos)
        found = children.get(part) if isinstance(part, str) == (self._text[pos] == "{") else None
        if found is None:
            return None
        return found[0] if at_key else found[1]

    def _index(self, pos: int) -> dict[PathPart, tuple[int, int]]:
        """Offsets of (key, value) of every child of the object or array at ``pos``, in one pass.

        Problems come by the thousand in one array; each is then found without scanning
        the array again from its start.
        """
        text = self._text
        children: dict[PathPart, tuple[int, int]] = {}
        if text[pos] == "{":
            pos = self._skip(pos + 1)
            while text[pos] == '"':
                key_start = pos
                key, after = _scanstring(text, pos + 1)
                pos = self._skip(self._skip(after) + 1)
                children[key] = (key_start, pos)
                pos = self._skip(_scan_value(text, pos)[1])
                if text[pos] == ",":
                    pos = self._skip(pos + 1)
        elif text[pos] == "[":
            pos = self._skip(pos + 1)
            index = 0
            while text[pos] != "]":
                children[index] = (pos, pos)
                pos = self._skip(_scan_value(text, pos)[1])
                if text[pos] == ",":
                    pos = self._skip(pos + 1)
                index += 1
        return children


# --- YAML -------------------------------------------------------------------


def parse_yaml(raw: str | bytes) -> Parsed:
    """Parse YAML text safely; raise :class:`ParseError` with line and column on failure."""
    import yaml  # noqa: PLC0415 - only YAML users pay for importing PyYAML

    text = _decode(raw)
    if not text.strip():
        raise _fail("the document is empty")
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        problem = exc.problem or str(exc)
        raise _fail(f"invalid YAML: {problem}", line, column) from None
    except yaml.YAMLError as exc:
        raise _fail(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        raise _fail("the document is empty")
    if _expanded_size(node, 1, {}, set()) > MAX_YAML_NODES:
        # Aliases of aliases (a "billion laughs"): refused from the node graph, before expanding it.
        raise _fail(f"the document expands to more than {MAX_YAML_NODES:,} values (aliases?)", 1, 1)
    builder = _YamlBuilder()
    data = builder.build(node, (), 1)
    _check_root(data)
    return Parsed(data, _YamlLocator(builder.positions, builder.keys))


def _expanded_size(node: Any, depth: int, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """How many values the node graph expands to, each shared node counted once per use.

    Stops counting past :data:`MAX_DEPTH` (the builder reports the depth) and at a node
    that contains itself, whose expansion has no end.
    """
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_nodes:
        return MAX_YAML_NODES + 1
    if depth > MAX_DEPTH or not isinstance(node.value, list):
        return 1
    open_nodes.add(key)
    total = 1
    for item in node.value:
        for child in item if isinstance(item, tuple) else (item,):
            total += _expanded_size(child, depth + 1, sizes, open_nodes)
            if total > MAX_YAML_NODES:
                break
    open_nodes.discard(key)
    sizes[key] = total
    return total


class _YamlLocator:
    def __init__(
        self,
        positions: dict[tuple[PathPart, ...], Position],
        keys: dict[tuple[PathPart, ...], Position],
    ) -> None:
        self._positions = positions
        self._keys = keys

    def __call__(self, parts: tuple[PathPart, ...], at_key: bool = False) -> Position | None:
        if at_key and parts in self._keys:
            return self._keys[parts]
        while parts and parts not in self._positions:
            parts = parts[:-1]
        return self._positions.get(parts)


_YAML_STR = "tag:yaml.org,2002:str"
_YAML_INT = "tag:yaml.org,2002:int"
_YAML_FLOAT = "tag:yaml.org,2002:float"
_YAML_BOOL = "tag:yaml.org,2002:bool"
_YAML_NULL = "tag:yaml.org,2002:null"
_YAML_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_YAML_MAP = "tag:yaml.org,2002:map"
_YAML_SEQ = "tag:yaml.org,2002:seq"


class _YamlBuilder:
    """Turns composed YAML nodes into JSON-like data, recording positions."""

    def __init__(self) -> None:
        self.positions: dict[tuple[PathPart, ...], Position] = {}
        self.keys: dict[tuple[PathPart, ...], Position] = {}
        self.count = 0

    def _error(self, node: Any, message: str) -> ParseError:
        return _fail(message, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Any, path: tuple[PathPart, ...], depth: int) -> Any:
        import yaml  # noqa: PLC0415 - already imported by parse_yaml

        self.count += 1
        if self.count > MAX_YAML_NODES:
            raise self._error(node, f"the document expands to more than {MAX_YAML_NODES:,} values (aliases?)")
        if depth > MAX_DEPTH:
            raise self._error(node, f"the document is nested too deeply (the limit is {MAX_DEPTH} levels)")
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _YAML_MAP:
                raise self._error(node, f"unsupported YAML tag {node.tag!r}")
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _YAML_MAP:
                    raise self._error(key_node, "mapping keys must be plain strings")
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self._error(key_node, "merge keys (<<) are not supported")
                key = str(key_node.value)
                if key in result:
                    raise self._error(key_node, f"duplicate key {key!r}: each key may appear once")
                self.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, (*path, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _YAML_SEQ:
                raise self._error(node, f"unsupported YAML tag {node.tag!r}")
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: Any) -> Any:
        tag = node.tag
        # Dates stay text: the model parses them strictly, as it does in JSON.
        if tag in (_YAML_STR, _YAML_TIMESTAMP):
            return node.value
        construct = _scalar_constructors().get(tag)
        if construct is None:
            raise self._error(node, f"unsupported YAML tag {tag!r}")
        try:
            # PyYAML's own safe resolution: 010 is octal 8, .inf is infinity, 1_000 is 1000.
            return construct(_safe_constructor(), node)
        except ValueError:
            raise self._error(node, f"unsupported scalar {node.value!r}") from None


@functools.cache
def _safe_constructor() -> Any:
    from yaml.constructor import SafeConstructor  # noqa: PLC0415 - PyYAML only for YAML users

    return SafeConstructor()


@functools.cache
def _scalar_constructors() -> dict[str, Any]:
    from yaml.constructor import SafeConstructor  # noqa: PLC0415

    return {
        _YAML_NULL: SafeConstructor.construct_yaml_null,
        _YAML_BOOL: SafeConstructor.construct_yaml_bool,
        _YAML_INT: SafeConstructor.construct_yaml_int,
        _YAML_FLOAT: SafeConstructor.construct_yaml_float,
    }


def parse_text(raw: str | bytes, syntax: str) -> Parsed:
    """Parse text as ``json`` or ``yaml``."""
    if syntax == "json":
        return parse_json(raw)
    if syntax == "yaml":
        return parse_yaml(raw)
    raise ValueError(f"unknown syntax {syntax!r}; use 'json' or 'yaml'")


def locate_problems(problems: list[Finding], parsed: Parsed) -> list[Finding]:
    """Add line and column to problems from the parsed text."""
    located = []
    for problem in problems:
        position = parsed.locate(problem.parts, problem.code == "OPS004")  # an unknown key: point at the key
        located.append(
            problem if position is None else attrs.evolve(problem, line=position[0], column=position[1])
        )
    return located

"""Writing factsheet data as readable YAML that loads back to exactly the same data.

Block style, keys in the order given (the model's field order, as in JSON),
dates as plain ISO dates (``2017-06-30``: the loader keeps timestamps as
text, so they come back as the same string), decimals as quoted strings
(``'42749662'``: quoted so they stay text, as in JSON), and long text as
folded (``>``) or literal (``|``) block scalars, whichever reads back
exactly. The whole result is checked by loading it back; should PyYAML ever
fold a text in a way that does not round-trip, the text is written without
block scalars, and failing that with non-ASCII characters escaped.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from . import _sources
from ._sources import parse_yaml, utf8_size

__all__ = ["FOLD_LENGTH", "dump_yaml"]

FOLD_LENGTH = 72
"""Text at least this long, or containing a line break, is written as a block scalar."""

_WIDTH = 88
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BREAKS = re.compile("[\x85\u2028\u2029]")


def _loader_class() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _loads(text: str) -> Any:
    # Same scalar handling as opsfacts.documents: timestamps stay text.
    return parse_yaml(text).data


def _block_style(value: str) -> str | None:
    """The block style that reads back as exactly ``value``, or None if neither does."""
    for style in (">", "|") if "\n" not in value else ("|", ">"):
        text = yaml.dump([value], Dumper=_styled_dumper(style), allow_unicode=True, width=_WIDTH)
        try:
            back = yaml.load(text, Loader=_loader_class())
        except yaml.YAMLError:
            continue
        # The emitter silently falls back to quotes when a block is not allowed; accept only a block.
        if back == [value] and text.startswith(f"- {style}"):
            return style
    return None


def _styled_dumper(style: str) -> type[yaml.SafeDumper]:
    class _One(yaml.SafeDumper):
        pass

    def _repr(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        return dumper.represent_scalar(_STR, value, style=style)

    _One.add_representer(str, _repr)
    return _One


class _Dumper(yaml.SafeDumper):
    """Block style; plain dates; long text as block scalars."""

    use_block_scalars = True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _DATE.fullmatch(value):
        # Tagged as a timestamp the emitter writes it plain; the loader reads it back as this text.
        return dumper.represent_scalar(_TIMESTAMP, value)
    if _BREAKS.search(value):
        # YAML reads NEL, LS and PS as line breaks; only double quotes escape them.
        return dumper.represent_scalar(_STR, value, style='"')
    if getattr(dumper, "use_block_scalars", False) and ("\n" in value or len(value) >= FOLD_LENGTH):
        style = _block_style(value)
        if style is not None:
            return dumper.represent_scalar(_STR, value, style=style)
    return dumper.represent_scalar(_STR, value)


class _PlainDumper(_Dumper):
    """The fallback: no block scalars."""

    use_block_scalars = False


_Dumper.add_representer(str, _represent_str)


def _dump(data: Any, dumper: type[yaml.SafeDumper], *, allow_unicode: bool = True) -> str:
    return yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=allow_unicode,
        default_flow_style=False,
        width=_WIDTH,
    )


def dump_yaml(data: Any) -> str:
    """Dump JSON-like data (strings, numbers, booleans, None, lists, dicts) as readable YAML.

    The text loads back (with :func:`opsfacts.documents.parse_yaml`) to data equal to ``data``.
    """
    from ..errors import ParseError  # noqa: PLC0415

    for dumper, allow_unicode in ((_Dumper, True), (_PlainDumper, True)):
        text = _dump(data, dumper, allow_unicode=allow_unicode)
        if utf8_size(text) > _sources.MAX_BYTES:
            # Too large to read back, so too large to write (dumps refuses it): the reader's limit
            # must not pick another style, or the text written would depend on the limit.
            return text
        try:
            if _loads(text) == data:
                return text
        except ParseError:
            pass
    # Last resort: every non-ASCII character escaped in double quotes.
    return _dump(data, _PlainDumper, allow_unicode=False)

"""Which rules run and what fails: :class:`CheckConfig`, from pyproject.toml or opsfacts.toml."""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ..errors import OpsfactsError
from ..model._constraints import RULE_SELECTOR_PATTERN
from ._findings import Severity

__all__ = ["CheckConfig", "ConfigError", "load_config", "load_config_file", "selector_matches"]

SELECTOR_PATTERN = RULE_SELECTOR_PATTERN
"""A rule code or prefix: ``OPS201``, ``OPS2``, ``OPS``."""

_KEYS = ("select", "ignore", "fail-on")


class ConfigError(OpsfactsError, ValueError):
    """The check configuration is invalid (a bad ``[tool.opsfacts]`` table or value).

    Also a :class:`ValueError`, so callers that treat bad values generically catch it.
    """


def _selectors(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ConfigError(f"expected a list of rule codes or prefixes, not the string {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str) or SELECTOR_PATTERN.fullmatch(item) is None:
            raise ConfigError(
                f"{item!r} is not a rule code or prefix such as 'OPS201' or 'OPS2' (capitals, then digits)"
            )
    return items


def _severity(value: Severity | str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise ConfigError(f"fail-on must be one of {choices}, not {value!r}") from None


def selector_matches(selector: str, code: str) -> bool:
    """Whether a code or prefix selects a code (``OPS2`` selects ``OPS201``)."""
    return code.startswith(selector)


@attrs.frozen
class CheckConfig:
    """Which rules run and which severity makes a check fail.

    ``select`` and ``ignore`` hold codes or prefixes; an empty ``select`` means
    every rule. As in ruff, the most specific selector wins: with
    ``select=("OPS2",)`` and ``ignore=("OPS201",)`` every OPS2 rule but OPS201
    runs; ``ignore=("OPS2",)`` with ``select=("OPS201",)`` runs OPS201 only.
    """

    select: tuple[str, ...] = attrs.field(default=(), converter=_selectors)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_selectors)
    fail_on: Severity = attrs.field(default=Severity.ERROR, converter=_severity)

    def enables(self, code: str) -> bool:
        """Whether the rule with this code runs."""
        chosen = [len(s) for s in self.select if selector_matches(s, code)]
        if not self.select:
            chosen = [0]
        if not chosen:
            return False
        ignored = [len(s) for s in self.ignore if selector_matches(s, code)]
        return not ignored or max(chosen) > max(ignored)

    def unknown_selectors(self, codes: Iterable[str]) -> tuple[str, ...]:
        """The selectors of ``select`` and ``ignore`` that select none of ``codes``.

        A selector that selects nothing is a typo (``OPS999``, ``BOGUS``): with
        ``select`` it would silently turn every rule off.
        """
        known = tuple(codes)
        return tuple(
            s for s in (*self.select, *self.ignore) if not any(selector_matches(s, code) for code in known)
        )

    def ignores(self, code: str) -> bool:
        """Whether the code is explicitly ignored (internal findings obey only this)."""
        return any(selector_matches(s, code) for s in self.ignore)


def _find_pyproject(start: Path) -> Path | None:
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def config_from_table(table: Any, source: str = "[tool.opsfacts]") -> CheckConfig:
    """Build a configuration from a ``[tool.opsfacts]`` table; raise :class:`ConfigError`."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: must be a table")
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise ConfigError(f"{source}: unknown key {unknown[0]!r}; the keys are {', '.join(_KEYS)}")
    try:
        return CheckConfig(
            select=table.get("select", ()),
            ignore=table.get("ignore", ()),
            fail_on=table.get("fail-on", Severity.ERROR),
        )
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    except TypeError as exc:  # a number where a list was expected
        raise ConfigError(f"{source}: {exc}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML data of a regular file; raise :class:`ConfigError` saying why it cannot be read.

    Special files are refused before they are opened, so a FIFO never blocks.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise ConfigError(f"{path}: is a directory, not a configuration file")
    if not stat.S_ISREG(mode):
        raise ConfigError(f"{path}: is not a regular file (a FIFO, a device or a socket)")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{path}: cannot be read: {reason}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _from_pyproject(path: Path, data: dict[str, Any]) -> CheckConfig:
    tool = data.get("tool", {})
    if not isinstance(tool, dict) or "opsfacts" not in tool:
        return CheckConfig()
    return config_from_table(tool["opsfacts"], f"{path}: [tool.opsfacts]")


def load_config(start: Path) -> CheckConfig:
    """The configuration in ``[tool.opsfacts]`` of the nearest pyproject.toml at or above ``start``.

    Without such a file, or when the nearest one has no ``[tool.opsfacts]``
    table, the defaults. Raise :class:`ConfigError` for unreadable TOML or
    bad values.
    """
    path = _find_pyproject(Path(start))
    if path is None:
        return CheckConfig()
    return _from_pyproject(path, _read_toml(path))


def load_config_file(path: str | os.PathLike[str]) -> CheckConfig:
    """The configuration in a file the user names; raise :class:`ConfigError` saying why it cannot be used.

    A file named ``pyproject.toml`` is read for its ``[tool.opsfacts]``
    table (without one, the defaults). Any other file, such as
    ``opsfacts.toml``, holds the same keys at its top level (``select``,
    ``ignore``, ``fail-on``) and nothing else. A file that does not exist,
    a directory, a FIFO or a device, text that is not UTF-8 or not TOML, and
    unknown keys or bad values are refused; the message is one line and
    starts with the path.
    """
    path = Path(path)
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        return _from_pyproject(path, data)
    if "tool" in data and isinstance(data["tool"], dict) and "opsfacts" in data["tool"]:
        raise ConfigError(
            f"{path}: unknown key 'tool'; the keys are {', '.join(_KEYS)} "
            "([tool.opsfacts] is read only from a file named pyproject.toml)"
        )
    return config_from_table(data, str(path))

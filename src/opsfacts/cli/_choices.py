"""Choices of an option read from the library only when argparse needs them."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import overload

__all__ = ["LazyChoices"]


class LazyChoices(Sequence[str]):
    """The names in ``module.attribute``, imported on first use.

    Every command registers its parser at start; importing the tables (or the roll-up)
    for a list of names would make every command, ``--version`` included, pay for them.
    Give the option a ``metavar``: argparse would otherwise list the choices at start.
    """

    def __init__(self, module: str, attribute: str) -> None:
        self._module = module
        self._attribute = attribute

    def _names(self) -> tuple[str, ...]:
        return tuple(getattr(importlib.import_module(self._module), self._attribute))

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._names()[index]

    def __len__(self) -> int:
        return len(self._names())

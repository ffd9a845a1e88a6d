"""``python -m opsfacts``: the command line."""

from .cli import _entry

_entry()

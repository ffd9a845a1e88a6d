"""Consistency checks: a catalogue of rules that catch what a schema cannot.

>>> from opsfacts import load
>>> from opsfacts.checks import check, CheckConfig, fails
>>> findings = check(load("examples/mali-2017-06.as-published.json"))
>>> fails(findings, CheckConfig(fail_on="error"))
True

Rules are functions registered with :func:`rule`; each yields :class:`Issue`
objects which :func:`check` turns into :class:`Finding` objects with the
rule's code and severity. Codes by family: OPS1xx funding, OPS2xx
populations, OPS3xx presence, OPS4xx partners, OPS5xx donors, OPS6xx
footnotes, OPS7xx text, OPS8xx contacts and links, OPS9xx dates; OPS009 is
an internal error (a crashing rule, a broken plug-in).
"""

from __future__ import annotations

# Importing the rule families registers their rules.
from . import _contacts, _dates, _donors, _footnotes, _funding, _partners, _populations, _presence, _text
from ._config import CheckConfig, ConfigError, load_config, load_config_file
from ._engine import INTERNAL_CODE, check, fails
from ._findings import Issue
from ._registry import ENTRY_POINT_GROUP, Rule, load_plugins, rule, rules, unregister

__all__ = [
    "ENTRY_POINT_GROUP",
    "INTERNAL_CODE",
    "CheckConfig",
    "ConfigError",
    "Issue",
    "Rule",
    "check",
    "fails",
    "load_config",
    "load_config_file",
    "load_plugins",
    "rule",
    "rules",
    "unregister",
]

del _contacts, _dates, _donors, _footnotes, _funding, _partners, _populations, _presence, _text

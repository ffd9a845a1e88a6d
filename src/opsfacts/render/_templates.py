"""The Jinja2 environment every HTML page is written with: the factsheet page and the roll-up dashboard."""

from __future__ import annotations

import re
from typing import Any

import jinja2
from markupsafe import Markup

__all__ = ["page_environment", "xml_safe"]

# Characters XML 1.0 forbids and HTML calls noncharacters; shown as U+FFFD.
_NOT_XML = re.compile("[\ufffe\uffff\U0001fffe\U0001ffff]|[\ud800-\udfff]")


def xml_safe(value: Any) -> Any:
    """A string with the characters XML refuses shown as U+FFFD; markup and other values as they are."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _NOT_XML.sub("\ufffd", value)
    return value


def page_environment(package: str) -> jinja2.Environment:
    """An environment for the templates of ``package``: autoescaped, strict, and XML-safe.

    Every value printed is escaped, an undefined name is an error rather than an
    empty string, and characters XML refuses are shown as U+FFFD, so the page
    parses as XML whatever text the document holds.
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=xml_safe,
    )

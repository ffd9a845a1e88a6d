"""Constrained value types shared by the model, the converter and the schema.

A constrained type is ``Annotated[base, Constraint(...)]``. The same
:class:`Constraint` is enforced three ways from this one definition: by an
attrs validator when a model object is built in Python, by a structure hook
when a document is loaded, and as JSON Schema keywords in the generated
schema. Change a rule here and all three change together.
"""

from __future__ import annotations

import datetime
import functools
import importlib.util
import json
import os
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Annotated, Any

import attrs

__all__ = [
    "RULE_CODE_PATTERN",
    "RULE_SELECTOR_PATTERN",
    "Amount",
    "Constraint",
    "Count",
    "CountryCode",
    "CurrencyCode",
    "Email",
    "HeadingLevel",
    "IatiOrgId",
    "Language",
    "Marker",
    "Origin",
    "Paragraph",
    "PositiveCount",
    "RuleCode",
    "Text",
    "Url",
    "WebAddress",
    "Year",
    "constraint_of",
]


@attrs.frozen
class Constraint:
    """A rule on one value, with the JSON Schema keywords that say the same."""

    key: str
    """Stable identifier for lookups (``"country"``); the :attr:`name` is for people."""
    name: str
    """Short name, used in the docs ("ISO 3166-1 alpha-3 country code")."""
    check: Callable[[Any], str | None] = attrs.field(eq=False, repr=False)
    """Returns a sentence describing what is wrong with a value, or None."""
    schema: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    """JSON Schema keywords that express the same rule."""
    accepts: Callable[[Any], object] | None = attrs.field(default=None, eq=False, repr=False)
    """A faster test of a value of the base type, true exactly when :attr:`check` finds nothing
    (one regular expression instead of a function); None when there is none. Loading uses it."""


def constraint_of(tp: Any) -> Constraint | None:
    """Return the :class:`Constraint` carried by an ``Annotated`` type, if any."""
    for meta in getattr(tp, "__metadata__", ()):
        if isinstance(meta, Constraint):
            return meta
    return None


def _bounded(low: int, high: int | None = None) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value < low:
            return f"must be at least {low}, not {value}"
        if high is not None and value > high:
            return f"must be at most {high}, not {value}"
        return None

    return check


def _matching(pattern: str, what: str) -> dict[str, Any]:
    """The check and the fast test of a value matching ``pattern`` in full."""
    accepts = re.compile(pattern).fullmatch

    def check(value: Any) -> str | None:
        if accepts(value) is None:
            return f"must be {what}, not {value!r}"
        return None

    return {"check": check, "accepts": accepts}


def _iso_codes(database: str, table: str) -> frozenset[str] | None:
    """The alpha-3 codes of one of pycountry's ISO tables, read from its data file.

    Importing pycountry costs a quarter of a second (it asks the package metadata for
    its version), more than validating hundreds of documents; the codes are in a JSON
    file beside it. None when the file cannot be read, so the caller asks pycountry.
    """
    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(spec.submodule_search_locations[0], "databases", database)
    try:
        with open(path, "rb") as file:
            return frozenset(entry["alpha_3"] for entry in json.load(file)[table])
    except (OSError, ValueError, KeyError, TypeError):
        return None


@functools.cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes, from pycountry's data."""
    found = _iso_codes("iso3166-1.json", "3166-1")
    if found is not None:
        return found
    import pycountry  # noqa: PLC0415 - loading the ISO tables is slow; only on first use

    return frozenset(c.alpha_3 for c in pycountry.countries)


@functools.cache
def currency_codes() -> frozenset[str]:
    """ISO 4217 alphabetic codes, from pycountry's data."""
    found = _iso_codes("iso4217.json", "4217")
    if found is not None:
        return found
    import pycountry  # noqa: PLC0415 - loading the ISO tables is slow; only on first use

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def country_name(code: str) -> str | None:
    """The ISO 3166 short name of a country code, or None if unknown."""
    import pycountry  # noqa: PLC0415 - loading the ISO tables is slow; only on first use

    country = pycountry.countries.get(alpha_3=code)
    return None if country is None else str(country.name)


class _CodeSet(Mapping[str, Any]):
    """Schema keywords whose enum comes from pycountry, built on first use."""

    def __init__(self, codes: Callable[[], frozenset[str]], extra: tuple[str, ...] = ()):
        self._codes = codes
        self._extra = extra

    def _build(self) -> dict[str, Any]:
        return {"enum": [*sorted(self._codes()), *self._extra]}

    def __getitem__(self, key: str) -> Any:
        return self._build()[key]

    def __iter__(self) -> Any:
        return iter(self._build())

    def __len__(self) -> int:
        return len(self._build())


def _check_country(value: Any) -> str | None:
    if value not in country_codes():
        return f"must be an ISO 3166-1 alpha-3 country code such as 'MLI', not {value!r}"
    return None


MIXED_ORIGIN = "mixed"
UNKNOWN_ORIGIN = "unknown"


def _check_origin(value: Any) -> str | None:
    if value in (MIXED_ORIGIN, UNKNOWN_ORIGIN) or value in country_codes():
        return None
    return f"must be an ISO 3166-1 alpha-3 country code, 'mixed' or 'unknown', not {value!r}"


def _check_currency(value: Any) -> str | None:
    if value not in currency_codes():
        return f"must be an ISO 4217 currency code such as 'USD', not {value!r}"
    return None


_URL_CHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
# RFC 5322 addr-spec as commonly restricted: a dot-atom local part of atext characters (no quoted
# local part, no spaces, none of <>()[]\,;:) and a domain of at least two LDH labels (no IP literal).
_EMAIL = rf"{_ATEXT}+(?:\.{_ATEXT}+)*@{_LABEL}(?:\.{_LABEL})+"
# RFC 3986 characters only, so that every URL the model accepts is a valid "uri".
_URL = (
    rf"https?://{_LABEL}(?:\.{_LABEL})+(?::[0-9]{{1,5}})?"
    rf"(?:[/?]{_URL_CHAR}*)?(?:#{_URL_CHAR}*)?"
)
# A web address as printed: with its scheme, or without one ("www.unhcr.org/mali").
_WEB_ADDRESS = (
    rf"(?:https?://)?{_LABEL}(?:\.{_LABEL})+(?::[0-9]{{1,5}})?"
    rf"(?:[/?]{_URL_CHAR}*)?(?:#{_URL_CHAR}*)?"
)
_LANGUAGE = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
_IATI_ORG_ID = r"[A-Z]{2}(?:-[A-Za-z0-9]+)+"
_DECIMAL = r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
RULE_CODE_PATTERN = re.compile(r"[A-Z]{2,8}[0-9]{1,4}")
"""A rule code: a prefix of capitals and a number (``OPS201``, a plug-in's ``ACME1``). The
registry, the reports and the report schema all use this one definition."""
RULE_SELECTOR_PATTERN = re.compile(r"[A-Z]{2,8}[0-9]{0,4}")
"""A rule code or a prefix of one (``OPS201``, ``OPS2``, ``ACME``), as ``select`` and ``ignore`` take."""
DECIMAL_PATTERN = re.compile(_DECIMAL)
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _check_amount(value: Any) -> str | None:
    if not value.is_finite() or value < 0 or value.as_tuple().exponent > 0:
        return f"must be a non-negative decimal written out in full, not {value}"
    return None


# Characters no text may hold: C0 controls but tab (and line feed in paragraph text), DEL, C1
# controls (NEL among them), the Unicode line and paragraph separators, and lone surrogates, which
# are not Unicode characters at all and cannot be written as UTF-8. One list makes both the model's
# check and the schema's pattern.
_NOT_IN_LINE = r"\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
_NOT_IN_PARAGRAPH = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"


def _character(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate (U+{code:04X}, not a Unicode character)"
    if char == "\n":
        return "a line break (U+000A)"
    if char in "\r\x85\u2028\u2029\x0b\x0c":
        return f"a line separator (U+{code:04X})"
    return f"a control character (U+{code:04X})"


def _text_check(forbidden: str, one_line: bool) -> Callable[[Any], str | None]:
    found = re.compile(f"[{forbidden}]")

    def check(value: Any) -> str | None:
        if not value.strip():
            return "must not be empty or blank"
        bad = found.search(value)
        if bad is not None:
            where = f"{_character(bad[0])} at character {bad.start() + 1}"
            if one_line and bad[0] == "\n":
                return f"must be one line of text, but holds {where}; only paragraphs may"
            return f"must be printable text, but holds {where}"
        return None

    return check


def _text_accepts(forbidden: str) -> Callable[[Any], object]:
    # Only allowed characters, at least one of them not white space: what check() asks, in one
    # match (``\\s`` is str.isspace(), what strip() removes).
    return re.compile(f"[^{forbidden}]*[^{forbidden}\\s][^{forbidden}]*").fullmatch


def _text_schema(forbidden: str) -> dict[str, Any]:
    # Allowed characters only, at least one of them not white space.
    return {"minLength": 1, "pattern": f"^[^{forbidden}]*[^{forbidden}\\s][^{forbidden}]*$"}


Count = Annotated[
    int,
    Constraint("count", "non-negative count", _bounded(0), {"minimum": 0}),
]
"""A number of people or things: a whole number, zero or more."""

PositiveCount = Annotated[
    int,
    Constraint("positive_count", "positive count", _bounded(1), {"minimum": 1}),
]
"""A whole number, one or more."""

Year = Annotated[
    int,
    Constraint("year", "year", _bounded(1900, 2100), {"minimum": 1900, "maximum": 2100}),
]
"""A calendar year."""

Text = Annotated[
    str,
    Constraint(
        "text",
        "non-blank text",
        _text_check(_NOT_IN_LINE, True),
        _text_schema(_NOT_IN_LINE),
        accepts=_text_accepts(_NOT_IN_LINE),
    ),
]
"""One line of text that is not empty or blank.

It may hold tabs but no other control character (no line break, carriage
return, NEL, U+2028 or U+2029, no escape character) and no lone surrogate:
what a document says is printable, and every output can be written as UTF-8.
"""

Paragraph = Annotated[
    str,
    Constraint(
        "paragraph",
        "paragraph text",
        _text_check(_NOT_IN_PARAGRAPH, False),
        _text_schema(_NOT_IN_PARAGRAPH),
        accepts=_text_accepts(_NOT_IN_PARAGRAPH),
    ),
]
"""Running text that is not empty or blank: as :data:`Text`, and it may hold line breaks (``\\n``)."""

CountryCode = Annotated[
    str,
    Constraint("country", "ISO 3166-1 alpha-3 country code", _check_country, _CodeSet(country_codes)),
]
"""An ISO 3166-1 alpha-3 country code ("MLI")."""

Origin = Annotated[
    str,
    Constraint(
        "origin",
        "country of origin",
        _check_origin,
        _CodeSet(country_codes, (MIXED_ORIGIN, UNKNOWN_ORIGIN)),
    ),
]
"""A country of origin: an ISO 3166-1 alpha-3 code, ``mixed`` or ``unknown``."""

CurrencyCode = Annotated[
    str,
    Constraint("currency", "ISO 4217 currency code", _check_currency, _CodeSet(currency_codes)),
]
"""An ISO 4217 currency code ("USD")."""

Email = Annotated[
    str,
    Constraint(
        "email",
        "email address",
        **_matching(_EMAIL, "an email address such as 'name@example.org'"),
        schema={"format": "email", "pattern": f"^{_EMAIL}$"},
    ),
]
"""An email address: an RFC 5322 addr-spec with a dot-atom local part and a domain name.

The local part is one or more runs of letters, digits and
``!#$%&'*+/=?^_`{|}~-`` joined by single dots; the domain is two or more
labels of letters, digits and inner hyphens. Quoted local parts, IP
literals, spaces and ``<>()[]\\,;:`` are refused, so an address can be
written anywhere (a Markdown autolink, a ``mailto:`` link) as it is.
"""

Url = Annotated[
    str,
    Constraint(
        "url",
        "absolute http(s) URL",
        **_matching(_URL, "an absolute http or https URL such as 'https://example.org/'"),
        schema={"format": "uri", "pattern": f"^{_URL}$"},
    ),
]
"""An absolute ``http`` or ``https`` URL."""

WebAddress = Annotated[
    str,
    Constraint(
        "web_address",
        "web address",
        **_matching(
            _WEB_ADDRESS, "a web address such as 'https://www.unhcr.org/' or, as printed, 'www.unhcr.org'"
        ),
        schema={"pattern": f"^{_WEB_ADDRESS}$"},
    ),
]
"""A web address as printed: an absolute ``http(s)`` URL, or one printed without its scheme."""

Language = Annotated[
    str,
    Constraint(
        "language",
        "language tag",
        **_matching(_LANGUAGE, "a BCP 47 language tag such as 'en', 'fr' or 'es-CO'"),
        schema={"pattern": f"^{_LANGUAGE}$"},
    ),
]
"""A BCP 47 language tag ("en", "fr", "es-CO")."""

IatiOrgId = Annotated[
    str,
    Constraint(
        "iati_org_id",
        "IATI organisation identifier",
        **_matching(_IATI_ORG_ID, "an IATI organisation identifier such as 'XM-DAC-41127'"),
        schema={"pattern": f"^{_IATI_ORG_ID}$"},
    ),
]
"""An IATI organisation identifier: a registration agency prefix and an id ("XM-DAC-41127")."""

HeadingLevel = Annotated[
    int,
    Constraint("heading_level", "heading level", _bounded(1, 4), {"minimum": 1, "maximum": 4}),
]
"""How deep a heading is nested: 1 for a top-level heading, up to 4."""

Marker = Annotated[
    str,
    Constraint(
        "marker",
        "footnote marker",
        **_matching(
            r"[^\s\w]{1,4}|[a-z]|[0-9]{1,2}|[¹²³⁴-⁹⁰]{1,2}",
            "a footnote marker such as '*', '**', 'a', '1' or '¹'",
        ),
        schema={"pattern": r"^(?:[^\s\w]{1,4}|[a-z]|[0-9]{1,2}|[¹²³⁴-⁹⁰]{1,2})$"},
    ),
]
"""A footnote marker as printed: ``*``, ``**``, ``†``, ``a``, ``1``, a superscript ``¹``."""

RuleCode = Annotated[
    str,
    Constraint(
        "rule_code",
        "rule code or prefix",
        **_matching(RULE_SELECTOR_PATTERN.pattern, "a rule code or prefix such as 'OPS201' or 'OPS2'"),
        schema={"pattern": f"^{RULE_SELECTOR_PATTERN.pattern}$"},
    ),
]
"""A consistency rule code ("OPS201") or prefix ("OPS2")."""

Amount = Annotated[
    Decimal,
    Constraint("amount", "non-negative decimal", _check_amount, {}),
]
"""An exact non-negative decimal, written in documents as a string ("48.3")."""


def parse_date(value: str) -> datetime.date:
    """Parse a strict ``YYYY-MM-DD`` date; raise ValueError otherwise."""
    if DATE_PATTERN.fullmatch(value) is None:
        raise ValueError(f"must be a date written YYYY-MM-DD, not {value!r}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"is not a real calendar date: {value!r}") from None


def parse_decimal(value: str) -> Decimal:
    """Parse a plain decimal string ("48.3"); raise ValueError otherwise."""
    if DECIMAL_PATTERN.fullmatch(value) is None:
        raise ValueError(f"must be a non-negative decimal written as a string such as '48.3', not {value!r}")
    return Decimal(value)

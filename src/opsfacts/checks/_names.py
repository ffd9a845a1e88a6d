"""Normalising names and reading numbers written in words, for comparisons."""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["NUMBER_WORDS", "name_key", "number_in"]

_ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_ONES)}
NUMBER_WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "a dozen": 12,
        "dozen": 12,
    }
)

# Both start with a cheap test (a digit; a lower-case word) so the scan skips other text fast.
_DIGITS = re.compile(r"(?=\d)(?<![\w.,])(?:\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+)(?!\d)")
_WORDS = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b")
_WORDS_ANY_CASE = re.compile(_WORDS.pattern, re.IGNORECASE)


@functools.lru_cache(maxsize=8192)  # the same donors and partners recur across factsheets
def name_key(name: str) -> str:
    """A name folded for comparison: no accents, case or punctuation ("Terre Sans Frontières")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split())


@functools.lru_cache(maxsize=8192)  # repeated text, as for placeholder_reason
def numbers_in(text: str) -> tuple[tuple[int, int, int], ...]:
    """Every whole number written in a text, in digits or words: (value, start, end)."""
    found = [(int(re.sub(r"\D", "", m.group())), m.start(), m.end()) for m in _DIGITS.finditer(text)]
    lowered = text.lower()
    # Lower-casing keeps positions unless a character changes length ("İ"); then scan any case.
    words = _WORDS.finditer(lowered) if len(lowered) == len(text) else _WORDS_ANY_CASE.finditer(text)
    found += [(NUMBER_WORDS[m.group().lower()], m.start(), m.end()) for m in words]
    return tuple(sorted(found, key=lambda item: item[1]))


def number_in(text: str) -> int | None:
    """The first whole number written in a text, or None."""
    found = numbers_in(text)
    return found[0][0] if found else None

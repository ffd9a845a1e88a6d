"""Normalising names and reading numbers written in digits or words, for comparisons.

Numbers are read as a reader of the factsheet reads them: ``412,305``, ``412 305`` and
``412.305`` are each one number (412305), while ``91.3`` and ``1.2 million`` are
decimals, not whole numbers, and are not read at all. Number words are read in English,
French and Spanish, compounds included: "twenty-five", "vingt-cinq",
"quatre-vingt-dix", "veinticinco", "doscientos treinta y cinco".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["NUMBER_WORDS", "language_of", "name_key", "numbers_in", "word_key"]

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
"""English number words up to a hundred (kept for callers of the 1.x API)."""

# Word kinds: a plain value below 100 ("small"), a hundreds value ("doscientos"), or a
# multiplier (hundred, thousand, million). Keys are folded (no accents, lower case).
_SMALL = "small"
_HUNDREDS = "hundreds"
_MULTIPLIER = "multiplier"

_EN: dict[str, tuple[str, int]] = {w: (_SMALL, v) for w, v in NUMBER_WORDS.items() if " " not in w}
_EN["hundred"] = (_MULTIPLIER, 100)
_EN["thousand"] = (_MULTIPLIER, 1000)
_EN["million"] = (_MULTIPLIER, 10**6)

_FR_SMALL = [
    "zero",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]
_FR: dict[str, tuple[str, int]] = {w: (_SMALL, v) for v, w in enumerate(_FR_SMALL)}
_FR["une"] = (_SMALL, 1)
_FR.update(
    {
        w: (_SMALL, v)
        for w, v in {
            "vingt": 20,
            "vingts": 20,
            "trente": 30,
            "quarante": 40,
            "cinquante": 50,
            "soixante": 60,
            "septante": 70,
            "huitante": 80,
            "octante": 80,
            "nonante": 90,
        }.items()
    }
)
_FR.update(
    {
        "cent": (_MULTIPLIER, 100),
        "cents": (_MULTIPLIER, 100),
        "mille": (_MULTIPLIER, 1000),
        "million": (_MULTIPLIER, 10**6),
        "millions": (_MULTIPLIER, 10**6),
    }
)

_ES_SMALL = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciseis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidos",
    "veintitres",
    "veinticuatro",
    "veinticinco",
    "veintiseis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
_ES: dict[str, tuple[str, int]] = {w: (_SMALL, v) for v, w in enumerate(_ES_SMALL)}
_ES.update({"un": (_SMALL, 1), "una": (_SMALL, 1), "veintiun": (_SMALL, 21), "veintiuna": (_SMALL, 21)})
_ES.update(
    {
        w: (_SMALL, v)
        for w, v in {
            "treinta": 30,
            "cuarenta": 40,
            "cincuenta": 50,
            "sesenta": 60,
            "setenta": 70,
            "ochenta": 80,
            "noventa": 90,
        }.items()
    }
)
_ES.update({"cien": (_HUNDREDS, 100), "ciento": (_HUNDREDS, 100)})
for _stem, _value in {
    "dos": 200,
    "tres": 300,
    "cuatro": 400,
    "quin": 500,
    "seis": 600,
    "sete": 700,
    "ocho": 800,
    "nove": 900,
}.items():
    _suffix = "ientos" if _stem == "quin" else "cientos"
    _ES[_stem + _suffix] = (_HUNDREDS, _value)
    _ES[_stem + _suffix[:-2] + "as"] = (_HUNDREDS, _value)
_ES.update({"mil": (_MULTIPLIER, 1000), "millon": (_MULTIPLIER, 10**6), "millones": (_MULTIPLIER, 10**6)})

_VOCABULARIES = {"en": _EN, "fr": _FR, "es": _ES}
# Words that are ordinary words in another of the languages ("once" in English, "sept"
# for September): read only when the text's language is known to be theirs.
_FALSE_FRIENDS = frozenset({"once", "sept"})
# Articles that also mean one: read only inside a compound ("vingt et un", "ciento uno").
_NEVER_ALONE = frozenset({"un", "une", "una", "uno"})
# Multipliers read alone, in their own language only ("mille réfugiés", "mil personas").
_ALONE_MULTIPLIERS = {"fr": frozenset({"cent", "mille"}), "es": frozenset({"mil"})}
_JOINERS = {"and": "en", "et": "fr", "y": "es"}


def language_of(tag: str | None) -> str | None:
    """The primary language subtag of a BCP 47 tag ("fr-CA" -> "fr"), lower-cased."""
    return None if tag is None else tag.split("-")[0].lower()


@functools.cache
def _vocabulary(language: str | None) -> dict[str, tuple[str, int]]:
    if language in _VOCABULARIES:
        return dict(_VOCABULARIES[language])
    merged: dict[str, tuple[str, int]] = {}
    for vocabulary in _VOCABULARIES.values():
        merged.update(vocabulary)
    for word in _FALSE_FRIENDS:
        merged.pop(word, None)
    return merged


@functools.lru_cache(maxsize=8192)
def word_key(word: str) -> str:
    """A word folded for lookup: no accents, lower case ("Veintitrés" -> "veintitres")."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=8192)  # the same donors and partners recur across factsheets
def name_key(name: str) -> str:
    """A name folded for comparison: no accents, case or punctuation ("Terre Sans Frontières")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split())


# A whole number in digits: grouped by one separator repeated (",", ".", a space) or plain.
# A decimal part ("91.3", "1,5") makes it a decimal, which is not read.
_DIGITS = re.compile(
    r"(?<![\w.,])(?:(?P<grouped>\d{1,3}(?P<sep>[,.\u202f\u00a0 ])\d{3}(?:(?P=sep)\d{3})*)|\d+)"
    r"(?P<decimal>[.,]\d+)?(?!\d)"
)
# After a number with one "." or "," these make it a decimal: "2.125 million", "41.275 %".
_SCALE_AFTER = re.compile(
    r"\s*(?:%|million|millions|millones|milliards?|billion|bn\b|m\b|k\b|thousand\b)", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_]+")


def _digit_numbers(text: str) -> Iterable[tuple[int, int, int]]:
    for m in _DIGITS.finditer(text):
        if m.group("decimal"):
            continue
        grouped = m.group("grouped")
        single = grouped is not None and m.group("sep") in ".," and grouped.count(m.group("sep")) == 1
        if single and _SCALE_AFTER.match(text, m.end()):
            continue  # "2.125 million" is a decimal
        yield int(re.sub(r"\D", "", m.group())), m.start(), m.end()


class _Reading:
    """A number being read word by word ("quatre-vingt-dix")."""

    def __init__(self, start: int) -> None:
        self.start = start
        self.end = start
        self.total = 0
        self.current = 0
        self.last = 0  # the last small value added
        self.words = 0
        self.alone = True  # whether its first word is read as a number on its own

    @property
    def value(self) -> int:
        return self.total + self.current

    def add(self, kind: str, value: int, french: bool) -> bool:
        """Add a word; False when it cannot continue this number (it starts another)."""
        below = self.current % 100
        if kind == _SMALL:
            if self.words == 0 or below == 0:
                pass
            elif french and value == 20 and below == 4 and self.last == 4:
                self.current += 76  # quatre-vingt(s): 4 x 20
                self.last = 80
                self.words += 1
                return True
            elif self.last % 10 == 0 and self.last >= 10 and value < 10 and below == self.last:
                pass  # twenty-five, dix-sept, treinta y cinco
            elif french and self.last in (60, 80) and below == self.last and 10 <= value < 20:
                pass  # soixante-quinze, quatre-vingt-dix
            else:
                return False
            self.current += value
            self.last = value
        elif kind == _HUNDREDS:
            if self.words and self.current % 1000:
                return False
            self.current += value
            self.last = 0
        else:
            if value == 100:
                if below == 0 and self.words and self.current % 1000:
                    return False
                self.current += max(below, 1) * 100 - below
            else:
                if self.words and self.current == 0:
                    return False
                self.total += max(self.current, 1) * value
                self.current = 0
            self.last = 0
        self.words += 1
        return True


@functools.cache
def _candidates(language: str | None) -> re.Pattern[str]:
    """Finds the words that may be part of a number, in folded text (a cheap first look)."""
    words = sorted({*_vocabulary(language), *_JOINERS}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(words) + r")\b")


def _words(text: str, language: str | None) -> list[tuple[str, int, int]]:
    """The words of a text that may be part of a number, folded, with their positions."""
    folded = _fold(text)
    if len(folded) == len(text):  # folding kept positions (it does for accented letters)
        return [(m.group(), m.start(), m.end()) for m in _candidates(language).finditer(folded)]
    vocabulary = _vocabulary(language)
    found = [(word_key(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
    return [w for w in found if w[0] in vocabulary or w[0] in _JOINERS]


_COMBINING = re.compile("[\u0300-\u036f]+")


def _fold(text: str) -> str:
    """A text lower-cased, accents of Latin letters dropped (at C speed)."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def _word_numbers(text: str, language: str | None) -> list[tuple[int, int, int]]:
    vocabulary = _vocabulary(language)
    words = _words(text, language)
    found: list[tuple[int, int, int]] = []
    reading: _Reading | None = None
    pending_joiner = False

    def finish() -> None:
        nonlocal reading
        if reading is not None and reading.words and (reading.alone or reading.words > 1):
            found.append((reading.value, reading.start, reading.end))
        reading = None

    for i, (word, start, end) in enumerate(words):
        gap = text[words[i - 1][2] : start] if i else ""
        joined = reading is not None and gap.strip(" \u00a0\u202f-\u2011") == ""
        if not joined:
            finish()
            pending_joiner = False
        entry = vocabulary.get(word)
        joiner = entry is None and word in _JOINERS and language in (None, _JOINERS.get(word))
        if reading is not None and joiner and not pending_joiner:
            pending_joiner = True
            continue
        if entry is None:
            finish()
            pending_joiner = False
            continue
        kind, value = entry
        french = language in (None, "fr")
        if reading is not None and pending_joiner:
            # "one hundred and five", "vingt et un", "treinta y cinco": only where the language joins so.
            last_word = words[i - 2][0]
            ok = (
                (last_word in ("hundred", "thousand") and kind == _SMALL)
                or (
                    last_word in ("vingt", "trente", "quarante", "cinquante", "soixante") and value in (1, 11)
                )
                or (reading.last >= 30 and reading.last % 10 == 0 and kind == _SMALL and value < 10)
            )
            if not ok or not reading.add(kind, value, french):
                finish()
                reading = None
            else:
                reading.end = end
                pending_joiner = False
                continue
        pending_joiner = False
        if reading is not None and reading.add(kind, value, french):
            reading.end = end
            continue
        finish()
        alone_ok = word not in _NEVER_ALONE and (
            kind != _MULTIPLIER or word in _ALONE_MULTIPLIERS.get(language or "", frozenset())
        )
        reading = _Reading(start)
        if not reading.add(kind, value, french):  # pragma: no cover - a first word always fits
            reading = None
            continue
        reading.end = end
        # An article or a multiplier alone is kept only inside a compound ("vingt et un").
        reading.alone = alone_ok
    finish()
    return found


@functools.lru_cache(maxsize=8192)  # repeated text, as for placeholder_reason
def numbers_in(text: str, language: str | None = None) -> tuple[tuple[int, int, int], ...]:
    """Every whole number written in a text, in digits or words: (value, start, end).

    ``language`` is a BCP 47 tag; without one, English, French and Spanish words are read.
    """
    found = list(_digit_numbers(text))
    found += _word_numbers(text, language_of(language))
    return tuple(sorted(found, key=lambda item: item[1]))

"""Text rules (OPS7xx): template text left in; numbers in the text that contradict the data."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..model import Factsheet, Target
from ._names import NUMBER_WORDS, numbers_in
from .findings import Issue, Severity
from .registry import rule
from .walk import Path
from .walk import index as walk_index

__all__ = ["placeholder_reason"]

_LOREM = re.compile(r"\blorem\s+ipsum\b|\bdolor\s+sit\s+amet\b|\bconsectetur\s+adipiscing\b", re.IGNORECASE)
_MARKUP = [
    (re.compile(r"(?<![\w])[Xx]+(?:[.,][Xx]+)*\s?%"), "a percentage written as X"),
    (re.compile(r"(?<![\w])(?:XX+|xxx+)(?![\w])"), "a run of X standing for a value"),
    (re.compile(r"(?<![\w])[Xx]{1,3}(?:[.,][Xx]{1,3})+(?![\w])"), "a number written as X"),
    (re.compile(r"\b(?:TBD|TBC|TODO|FIXME)\b"), "a to-be-done marker"),
    (
        re.compile(
            r"\[\s*(?:figure|fig\.?|insert[^\]]*|tbd|tbc|name|date|number|amount|text|link|url|photo|"
            r"image|chart|map|caption|placeholder|source|x+|#+|n|\.\.\.|…)\s*\]",
            re.IGNORECASE,
        ),
        "a bracketed placeholder",
    ),
]

# Words that occur in lorem-ipsum style filler (classic Lorem ipsum and the
# pseudo-Latin of layout tools) and are not English, French or Spanish words.
_LATIN_WORDS = frozenset(
    """
    ad adipiscing aliqua aliquam aliquip amet anim aspernatur atque aut aute autem cillum commodo
    consectetur consequat consequatur corem cupidatat cum deserunt dolor dolore dolorem dolores doloribus
    dolorum duis dus eiusmod eius enim eos eum excepteur exercitation fugiat fugit incididunt ipsa ipsam
    ipsum irure iusto labore laboris laborum lorem magna minim mollit nam nemo nesciunt nihil nisi
    nostrud nulla numquam occaecat odit officia pariatur porro proident quae quaerat quam quas quasi
    quassequi qui quia quibusdam quis quisquam quo quod ratione rem rerum sed sequi sint sit tempor
    tempora ullamco ut velit veniam voluptas voluptate voluptatem voluptatum
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Endings typical of invented pseudo-Latin words ("dolorrovit", "alignatusdae").
_LATIN_ENDINGS = (
    *("equi", "atur", "antur", "untur", "atem", "itatem", "atus", "usdae", "ovit", "orrum", "orum"),
    *("arum", "ibus", "iam", "ium", "enum", "orem", "tium", "itae", "ndae", "ndit", "ndus", "ecti", "ecte"),
)
_LATIN_INFIXES = ("ptat", "quat")  # as in "voluptate", "consequat": anywhere in the word
_WORD = re.compile(r"[^\W\d_]+")
# A cheap first look: every placeholder pattern needs one of these.
_MAYBE_MARKUP = re.compile(r"%|\[|[Xx][Xx.,]|TB[DC]|TODO|FIXME")


def _latin_share(text: str) -> tuple[int, int]:
    words = _WORD.findall(text.casefold())
    latin = sum(
        1
        for w in words
        if w in _LATIN_WORDS
        or (len(w) > 4 and (w.endswith(_LATIN_ENDINGS) or any(i in w for i in _LATIN_INFIXES)))
    )
    return latin, len(words)


# The factsheets of one operation repeat most of their text from one edition
# to the next, so a collection is checked text by distinct text.
@functools.lru_cache(maxsize=8192)
def placeholder_reason(text: str) -> str | None:
    """Why a text looks like template or placeholder text, or None."""
    if not any(c.isalnum() for c in text):
        return "it has no words or numbers, only bullet or punctuation characters (an empty bullet)"
    if _LOREM.search(text):
        return "it contains lorem ipsum filler"
    if _MAYBE_MARKUP.search(text) is not None:
        for pattern, what in _MARKUP:
            match = pattern.search(text)
            if match is not None:
                return f"it contains {what} ({match.group()!r})"
    latin, total = _latin_share(text)
    # Filler is mostly pseudo-Latin; real text in any language has a few such words at most.
    if total >= 6 and latin >= 4 and latin * 5 >= total * 2:
        return f"it reads as lorem-ipsum-like pseudo-Latin filler ({latin} of its {total} words)"
    return None


def _texts(factsheet: Factsheet) -> Iterator[tuple[Path, str]]:
    for parts, value in walk_index(factsheet).constrained("non-blank text"):
        if isinstance(value, str):
            yield parts, value


@rule("OPS701", Severity.ERROR, "Placeholder or template text left in")
def placeholder_text(factsheet: Factsheet) -> Iterator[Issue]:
    """Factsheets are built from templates; filler text ("Lorem ipsum", pseudo-Latin such
    as "Ti vendem quassequi ad quas dus dolorrovit"), ``XX%``, ``[Figure]``, ``TBD``,
    ``xxx`` and empty bullets must not survive into the published document. Checks every
    text of the factsheet.

    Example::

        "footnotes": [{"marker": "**", "text": "Foot note] Ti vendem quassequi ad quas dus
                       dolorrovit pa corem conet eos eum et alignatusdae dende el es eum."}]
    """
    for parts, text in _texts(factsheet):
        reason = placeholder_reason(text)
        if reason is not None:
            preview = text if len(text) <= 60 else text[:57] + "..."
            yield Issue(parts, f"{preview!r} looks like placeholder text: {reason}", {"text": text})


def _spellings(quantity: int) -> list[str]:
    spelled = [
        str(quantity),
        f"{quantity:,}",
        f"{quantity:,}".replace(",", " "),
        f"{quantity:,}".replace(",", "\u202f"),
        f"{quantity:,}".replace(",", "\u00a0"),
    ]
    spelled += [word for word, value in NUMBER_WORDS.items() if value == quantity]
    return spelled


def _mentions(text: str, quantity: int) -> bool:
    return any(value == quantity for value, _start, _end in numbers_in(text))


def _stated_instead(text: str, target: Target) -> int | None:
    """The number the text puts right before the target's unit, if it differs."""
    unit_words = target.unit.split()
    if not unit_words:
        return None
    for value, _start, end in numbers_in(text):
        following = text[end:].lstrip(" \u00a0\u202f")
        if following.lower().startswith(unit_words[0].lower()) and value != target.quantity:
            return value
    return None


@rule("OPS702", Severity.ERROR, "Target quantity not in its statement's text")
def target_not_in_text(factsheet: Factsheet) -> Iterator[Issue]:
    """Each numeric target repeats a number its statement prints ("constructing 12
    boreholes"); a target whose quantity the text does not print, or prints differently,
    has drifted from the text.

    Example::

        {"text": "UNHCR is constructing 12 boreholes.",
         "targets": [{"quantity": 15, "unit": "boreholes"}]}
    """
    for a, activity in enumerate(factsheet.activities):
        for s, statement in enumerate(activity.statements):
            for t, target in enumerate(statement.targets):
                if _mentions(statement.text, target.quantity):
                    continue
                instead = _stated_instead(statement.text, target)
                says = (
                    f"the text says {instead:,} {target.unit}"
                    if instead is not None
                    else "the text does not print that number"
                )
                yield Issue(
                    ("activities", a, "statements", s, "targets", t, "quantity"),
                    f"the target {target.quantity:,} {target.unit} is not in its statement: {says}",
                    {"stated": target.quantity, "text_says": instead, "unit": target.unit},
                )


@rule("OPS703", Severity.ERROR, "Words of a stated count say another number")
def partner_count_words(factsheet: Factsheet) -> Iterator[Issue]:
    """A stated count keeps the words that state it ("eight key partners"); the number in
    those words must be the count.

    Example::

        "stated_counts": [{"count": 9, "text": "eight key partners"}]
    """
    if factsheet.partners is None:
        return
    for index, stated in enumerate(factsheet.partners.stated_counts):
        found = numbers_in(stated.text)
        if found and found[0][0] != stated.count:
            yield Issue(
                ("partners", "stated_counts", index, "count"),
                f"the count is {stated.count}, but its words {stated.text!r} say {found[0][0]}",
                {"stated": stated.count, "text_says": found[0][0], "text": stated.text},
            )


_QUALIFIED = re.compile(
    r"(?:over|more than|some|about|around|nearly|almost|approximately|approx\.?|close to|up to|"
    r"at least|less than|fewer than|under|~)\s*$",
    re.IGNORECASE,
)


def _label_key(label: str) -> str:
    """A label reduced to the words a text would repeat ("Refugees in Mali (mixed origin)" -> ...)."""
    label = re.sub(r"\([^)]*\)", " ", label)
    label = re.sub(r"[^\w\s-]", " ", label)
    return " ".join(label.split())


@rule("OPS704", Severity.ERROR, "Text repeats a figure with another number")
def text_contradicts_figures(factsheet: Factsheet) -> Iterator[Issue]:
    """Narrative text often repeats a figure ("68 national staff", "51,961 IDPs"); where
    a number is followed by the label of a population group or staff category and is
    within a factor of two of that figure (so a repetition, not another quantity such as
    "three refugees in Mali"), it must be that figure. Numbers qualified as approximate
    ("over", "some", "nearly") are skipped and numbers rounded to trailing zeros are
    compared within their precision.

    Example::

        "highlights": ["Mali hosts 52,000 IDPs."],
        "populations": {"groups": [{"type": "IDP", "label": "IDPs", "count": 51961,
                                    "origin": "MLI"}]}
    """
    figures: dict[str, tuple[int, str]] = {}
    if factsheet.populations is not None:
        for g in factsheet.populations.groups:
            figures.setdefault(_label_key(g.label).casefold(), (g.count, g.label))
    if factsheet.presence is not None:
        for s in factsheet.presence.staff:
            figures.setdefault(_label_key(s.label).casefold(), (s.count, s.label))
    figures.pop("", None)
    if not figures:
        return
    narrative: list[tuple[Path, str]] = [(("highlights", i), h) for i, h in enumerate(factsheet.highlights)]
    for i, section in enumerate(factsheet.sections):
        narrative += [(("sections", i, "paragraphs", j), p) for j, p in enumerate(section.paragraphs)]
    for i, activity in enumerate(factsheet.activities):
        narrative += [
            (("activities", i, "statements", j, "text"), st.text) for j, st in enumerate(activity.statements)
        ]
    # Only the words right after a number can be a label; enough text for the longest.
    reach = 2 * max(len(key) for key in figures) + 8
    for parts, text in narrative:
        for value, start, end in numbers_in(text):
            following = " ".join(text[end : end + reach].split()).casefold()
            for key, (count, label) in figures.items():
                if not (
                    following.startswith(key)
                    and (len(following) == len(key) or not following[len(key)].isalnum())
                ):
                    continue
                if _QUALIFIED.search(text[max(0, start - 24) : start]) or _within_rounding(value, count):
                    continue
                if not (count <= 2 * value and value <= 2 * count):
                    continue  # another quantity of the same people, not a repetition
                yield Issue(
                    parts,
                    f"the text says {value:,} {label}, but the figure printed for {label!r} is {count:,}",
                    {"text_says": value, "figure": count, "label": label},
                )


def _within_rounding(value: int, count: int) -> bool:
    """Whether ``value`` could be ``count`` rounded to the trailing zeros ``value`` is printed with."""
    if value == count:
        return True
    if value == 0 or value % 10:
        return False
    unit = 1
    while value % (unit * 10) == 0:
        unit *= 10
    return abs(value - count) * 2 <= unit

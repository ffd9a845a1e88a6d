"""Text rules (OPS7xx): template text and placeholders left in; printed numbers that are
malformed or contradict the data; key figures that contradict themselves."""

from __future__ import annotations

import functools
import re
import weakref
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

from ..model._classes import Factsheet, Figure, KeyFigure, Percentage, Quantity, Target
from ..model._codes import Qualifier
from ..model._constraints import Paragraph, Text
from ._findings import Issue, Severity
from ._number_words import language_of, name_key, numbers_in
from ._precision import format_quantity
from ._registry import rule
from ._walk import Path, will_ask
from ._walk import index as walk_index

__all__ = ["figure_placeholder_reason", "placeholder_reason"]

Number = Quantity | Percentage | Figure

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
# Function words of English, French and Spanish that lorem-ipsum filler does not use
# ("et", "in", "a" and "do" are left out: the classic Lorem ipsum has them). Real text
# in these languages is made of them for a third or more; filler has few or none.
_FUNCTION_WORDS = {
    "en": frozenset(
        "the and of to for with on by is are was were this that from as be has have its which an at or "  # noqa: SIM905
        "their who".split()
    ),
    "fr": frozenset(
        "le la les des du de une un pour dans sur au aux est sont avec par ces ce cette leur leurs "  # noqa: SIM905
        "ont qui que plus ne pas ou".split()
    ),
    "es": frozenset(
        "el la los las del de una un y en para por con es son su sus al como que se lo este esta "  # noqa: SIM905
        "más mas o".split()
    ),
}
_FUNCTION_SHARE = 0.2
"""Share of a language's function words above which a text is real prose, not filler."""
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
    # Filler is mostly pseudo-Latin; real text in any language has a few such words at most,
    # and is held together by function words ("les", "de", "para") that filler lacks.
    if total >= 6 and latin >= 4 and latin * 5 >= total * 2 and not _is_prose(text):
        return f"it reads as lorem-ipsum-like pseudo-Latin filler ({latin} of its {total} words)"
    return None


def _is_prose(text: str) -> bool:
    """Whether a text is held together by the function words of English, French or Spanish."""
    words = _WORD.findall(text.casefold())
    if not words:
        return False
    for function_words in _FUNCTION_WORDS.values():
        found = sum(1 for w in words if w in function_words)
        if found >= 3 and found >= _FUNCTION_SHARE * len(words):
            return True
    return False


_ZEROS = re.compile(r"(?<![\d.,])(?:00+|0{1,3}(?:[,\u202f\u00a0 ]0{3})+)(?![\d.,])")


@functools.lru_cache(maxsize=8192)
def figure_placeholder_reason(printed: str) -> str | None:
    """Why the printed text of a figure looks like a placeholder ("[XX]", "TBC", "00"), or None."""
    reason = placeholder_reason(printed)
    if reason is not None:
        return reason
    # Only a whole printed number made of zeros stands for a value: "00", "0,000". The
    # zeros of a grouped number ("environ 12 000", "about 12,000") are digits of it.
    for span in _NUMBER_SPAN.finditer(printed):
        if _ZEROS.fullmatch(span.group()):
            return f"it has a run of zeros standing for a value ({span.group()!r})"
    return None


# The rules of a check run look at the same factsheet: its numbers and texts are listed
# once per factsheet (keyed by its walk index, which the walk keeps for the last one).
_listed: (
    tuple[weakref.ReferenceType[object], tuple[tuple[Path, Number], ...], tuple[tuple[Path, str], ...]] | None
) = None


will_ask(constrained=(Text, Paragraph), of_type=(Quantity, Percentage, Figure))


def _listing(factsheet: Factsheet) -> tuple[tuple[tuple[Path, Number], ...], tuple[tuple[Path, str], ...]]:
    global _listed  # noqa: PLW0603 - a one-entry cache, see above
    found = walk_index(factsheet)
    if _listed is not None and _listed[0]() is found:
        return _listed[1], _listed[2]
    numbers: tuple[tuple[Path, Number], ...] = tuple(
        item for cls in (Quantity, Percentage, Figure) for item in found.of_type(cls)
    )
    printed = {(*parts, "printed") for parts, number in numbers if number.printed is not None}
    texts = [
        (parts, value)
        for parts, value in (*found.constrained(Text), *found.constrained(Paragraph))
        if isinstance(value, str) and (parts[-1] != "printed" or parts not in printed)
    ]
    _listed = (weakref.ref(found), numbers, tuple(texts))
    return _listed[1], _listed[2]


def _numbers(factsheet: Factsheet) -> tuple[tuple[Path, Number], ...]:
    """Every count, percentage and figure of the factsheet, with its path."""
    return _listing(factsheet)[0]


def _texts(factsheet: Factsheet) -> tuple[tuple[Path, str], ...]:
    """Every text but the printed text of a number (OPS701 reads those as figures)."""
    return _listing(factsheet)[1]


@rule("OPS701", Severity.ERROR, "Placeholder or template text left in")
def placeholder_text(factsheet: Factsheet) -> Iterator[Issue]:
    """Factsheets are built from templates; filler text ("Lorem ipsum", pseudo-Latin such
    as "Ti vendem quassequi ad quas dus dolorrovit"), ``XX%``, ``[Figure]``, ``TBD``,
    ``xxx`` and empty bullets must not survive into the published document. Checks every
    text of the factsheet, and every printed figure: a count, percentage or amount
    printed as a placeholder (``[XX]``, ``USD [Figure] M``, ``[amount]``, ``TBC``,
    ``00``), or held without a value at all (no number was printed), is reported at the
    figure. French and Spanish prose is never taken for filler.

    Example::

        "footnotes": [{"marker": "**", "text": "Foot note] Ti vendem quassequi ad quas dus
                       dolorrovit pa corem conet eos eum et alignatusdae dende el es eum."}],
        "funding": {"currency": "USD", "funded": {"printed": "USD [Figure] M"}}
    """
    for parts, text in _texts(factsheet):
        reason = placeholder_reason(text)
        if reason is not None:
            preview = text if len(text) <= 60 else text[:57] + "..."
            yield Issue(parts, f"{preview!r} looks like placeholder text: {reason}", {"text": text})
    for parts, number in _numbers(factsheet):
        printed = number.printed
        reason = None if printed is None else figure_placeholder_reason(printed)
        if number.value is None:
            said = (
                f"it is printed as {printed!r}, a placeholder: {reason}"
                if reason is not None
                else f"it is printed as {printed!r}, with no number in it the value could be read from"
            )
            yield Issue(
                parts,
                f"no value was printed for this {type(number).__name__.lower()}: {said}",
                {"printed": printed, "value": None},
            )
        elif reason is not None:
            yield Issue(
                parts,
                f"the {type(number).__name__.lower()} is printed as {printed!r}, which looks like a "
                f"placeholder: {reason}",
                {"printed": printed, "value": number.value},
            )


def _mentions(text: str, quantity: int, language: str | None) -> bool:
    return any(value == quantity for value, _start, _end in numbers_in(text, language))


def _stated_instead(text: str, target: Target, language: str | None) -> int | None:
    """The number the text puts right before the target's unit, if it differs."""
    unit_words = target.unit.split()
    if not unit_words:
        return None
    for value, _start, end in numbers_in(text, language):
        following = text[end:].lstrip(" \u00a0\u202f")
        if following.lower().startswith(unit_words[0].lower()) and value != target.quantity.value:
            return value
    return None


@rule("OPS702", Severity.ERROR, "Target quantity not in its statement's text")
def target_not_in_text(factsheet: Factsheet) -> Iterator[Issue]:
    """Each numeric target repeats a number its statement prints ("constructing 12
    boreholes", "vingt-cinq points d'eau"); a target whose quantity the text does not
    print, or prints differently, has drifted from the text. Numbers are read in digits
    (``412,305``, ``412 305``, ``412.305``) and in words, compounds included, in the
    factsheet's language. A target printed as a placeholder is OPS701's.

    Example::

        {"text": "UNHCR is constructing 12 boreholes.",
         "targets": [{"quantity": 15, "unit": "boreholes"}]}
    """
    language = factsheet.language
    for a, activity in enumerate(factsheet.activities):
        for s, statement in enumerate(activity.statements):
            for t, target in enumerate(statement.targets):
                quantity = target.quantity.value
                if quantity is None or _mentions(statement.text, quantity, language):
                    continue
                instead = _stated_instead(statement.text, target, language)
                says = (
                    f"the text says {instead:,} {target.unit}"
                    if instead is not None
                    else "the text does not print that number"
                )
                yield Issue(
                    ("activities", a, "statements", s, "targets", t, "quantity"),
                    f"the target {quantity:,} {target.unit} is not in its statement: {says}",
                    {"stated": quantity, "text_says": instead, "unit": target.unit},
                )


@rule("OPS703", Severity.ERROR, "Words of a stated count say another number")
def partner_count_words(factsheet: Factsheet) -> Iterator[Issue]:
    """A stated count keeps the words that state it ("eight key partners", "vingt-cinq
    partenaires", "veinticinco socios"); the number in those words, compounds read as one
    number ("twenty-five" is 25, not 20 and 5), must be the count.

    Example::

        "stated_counts": [{"count": 20, "text": "twenty-five key partners"}]
    """
    if factsheet.partners is None:
        return
    for index, stated in enumerate(factsheet.partners.stated_counts):
        found = numbers_in(stated.text, factsheet.language)
        if found and found[0][0] != stated.count:
            yield Issue(
                ("partners", "stated_counts", index, "count"),
                f"the count is {stated.count}, but its words {stated.text!r} say {found[0][0]}",
                {"stated": stated.count, "text_says": found[0][0], "text": stated.text},
            )


_QUALIFIED = re.compile(
    r"(?:over|more than|some|about|around|nearly|almost|approximately|approx\.?|close to|up to|"
    r"at least|less than|fewer than|under|plus de|environ|près de|pres de|quelque|quelques|presque|"
    r"moins de|au moins|jusqu'à|más de|mas de|unos|unas|cerca de|alrededor de|aproximadamente|"
    r"casi|menos de|hasta|~|\+)\s*$",
    re.IGNORECASE,
)
# Words a text puts between a group's name and its place ("refugees in Gambella") that a
# label leaves out or replaces with punctuation ("Refugees - Gambella").
_CONNECTORS = frozenset(
    "in at from of the a de du des d en au aux dans del la le les l el los las".split()  # noqa: SIM905
)
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\n]|,\s")


@functools.lru_cache(maxsize=8192)
def _name_tokens(text: str) -> tuple[str, ...]:
    """The words a name is recognised by: folded, connectors left out, plurals made singular."""
    words = name_key(re.sub(r"\([^)]*\)", " ", text)).split()
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _CONNECTORS)


def _named_figures(factsheet: Factsheet) -> dict[tuple[str, ...], tuple[int, str]]:
    """The figures a text may repeat, by the words that name them; names shared by two figures are dropped."""
    named: dict[tuple[str, ...], set[tuple[int, str]]] = {}

    def add(key: tuple[str, ...], count: int | None, label: str) -> None:
        if key and count is not None:
            named.setdefault(key, set()).add((count, label))

    if factsheet.populations is not None:
        for g in factsheet.populations.groups:
            base = _name_tokens(g.label)
            add(base, g.people, g.label)
            if g.place is not None:
                place = _name_tokens(g.place)
                if not set(place) <= set(base):
                    add(base + place, g.people, g.label)
    if factsheet.presence is not None:
        for s in factsheet.presence.staff:
            add(_name_tokens(s.label), None if s.count is None else s.count.value, s.label)
    # A name shared by figures of different sizes ("IDPs" in two regions) names neither.
    return {key: next(iter(found)) for key, found in named.items() if len({c for c, _ in found}) == 1}


def _narrative(factsheet: Factsheet) -> list[tuple[Path, str]]:
    narrative: list[tuple[Path, str]] = [(("highlights", i), h) for i, h in enumerate(factsheet.highlights)]
    for i, section in enumerate(factsheet.sections):
        narrative += [(("sections", i, "paragraphs", j), p) for j, p in enumerate(section.paragraphs)]
    for i, activity in enumerate(factsheet.activities):
        narrative += [
            (("activities", i, "statements", j, "text"), st.text) for j, st in enumerate(activity.statements)
        ]
    return narrative


@rule("OPS704", Severity.ERROR, "Text repeats a figure with another number")
def text_contradicts_figures(factsheet: Factsheet) -> Iterator[Issue]:
    """Narrative text often repeats a figure ("68 national staff", "51,961 IDPs"); where
    a number is followed by the name of a population group or staff category and is
    within a factor of two of that figure (so a repetition, not another quantity such as
    "three refugees in Mali"), it must be that figure. The name is recognised however a
    text words it, not only as the label prints it: "refugees in Gambella" names the group
    labelled "Refugees - Gambella" (or "Refugees" with the place Gambella); connecting
    words, punctuation, accents and plurals are ignored, and a name shared by two groups
    of different sizes ("IDPs" in two regions) is compared only with its place. Numbers
    qualified as approximate ("over", "some", "environ", "unos") are skipped and numbers
    rounded to trailing zeros are compared within their precision.

    A key figure is compared the same way with the narrative that gives its detail: a
    number in one clause of the text together with every word of the key figure's label
    (in any order: "UNHCR and partners evacuated 680 people by boat from Mecúfi" for the
    box "860 people evacuated by boat from Mecúfi") must be the figure. Only exact counts
    with at least two words in their label are compared; the finding is at the key
    figure, the headline that repeats the text.

    Example::

        "highlights": ["Ethiopia hosts 23,000 refugees in Gambella."],
        "populations": {"groups": [{"types": ["REF"], "label": "Refugees - Gambella",
                                    "count": 32610}]}
    """
    yield from _key_figures_contradicted(factsheet)
    figures = _named_figures(factsheet)
    if not figures:
        return
    # The longest name the following words start with; looked up by length, not compared
    # with every name (a sheet may name thousands of groups).
    lengths = sorted({len(key) for key in figures}, reverse=True)
    reach = 3 * max(len(" ".join(key)) for key in figures) + 24
    for parts, text in _narrative(factsheet):
        for value, following in _named_numbers(text, factsheet.language, reach):
            key = next(
                (following[:n] for n in lengths if n <= len(following) and following[:n] in figures), None
            )
            if key is None:
                continue
            count, label = figures[key]
            if _within_rounding(value, count):
                continue
            if not (count <= 2 * value and value <= 2 * count):
                continue  # another quantity of the same people, not a repetition
            yield Issue(
                parts,
                f"the text says {value:,} {label}, but the figure printed for {label!r} is {count:,}",
                {"text_says": value, "figure": count, "label": label},
            )


@functools.lru_cache(maxsize=8192)
def _named_numbers(text: str, language: str | None, reach: int) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Each number of a text not qualified as approximate, with the name words that follow it in
    its clause (within ``reach`` characters); cached, as editions repeat their text."""
    found = []
    for value, start, end in numbers_in(text, language):
        if not _QUALIFIED.search(text[max(0, start - 24) : start]):
            found.append((value, _name_tokens(_CLAUSE_END.split(text[end : end + reach], maxsplit=1)[0])))
    return tuple(found)


def _clause(text: str, start: int, end: int) -> str:
    """The clause of a text a number stands in, without the number."""
    before = _CLAUSE_END.split(text[:start])[-1]
    after = _CLAUSE_END.split(text[end:], maxsplit=1)[0]
    return f"{before} {after}"


def _key_figures_contradicted(factsheet: Factsheet) -> Iterator[Issue]:
    """Key figures whose count the narrative gives as another number, in the same words."""
    named: list[tuple[int, KeyFigure, int, frozenset[str]]] = []
    for index, key_figure in enumerate(factsheet.key_figures):
        quantity = key_figure.quantity
        if quantity is None or quantity.value is None or quantity.qualifier is not Qualifier.EXACT:
            continue
        words = frozenset(w for w in _name_tokens(key_figure.label) if not w.isdigit())
        if len(words) >= 2:
            named.append((index, key_figure, quantity.value, words))
    if not named:
        return
    # Every word of a label must be in the clause: each key figure is looked up by its
    # rarest word, not compared with every number of the text.
    frequency = Counter(w for *_, words in named for w in words)
    by_word: dict[str, list[int]] = {}
    for position, (*_, words) in enumerate(named):
        by_word.setdefault(min(words, key=lambda w: (frequency[w], w)), []).append(position)
    reported: set[int] = set()
    for parts, text in _narrative(factsheet):
        for value, start, end in numbers_in(text, factsheet.language):
            if _QUALIFIED.search(text[max(0, start - 24) : start]):
                continue
            clause = set(_name_tokens(_clause(text, start, end)))
            candidates = sorted({p for w in clause for p in by_word.get(w, ())})
            for index, key_figure, count, words in (named[p] for p in candidates):
                if index in reported or not words <= clause or _within_rounding(value, count):
                    continue
                if not (count <= 2 * value and value <= 2 * count):
                    continue
                yield Issue(
                    ("key_figures", index, "quantity"),
                    f"the key figure {key_figure.label!r} is {count:,}, but the text at {_where(parts)} "
                    f"says {value:,} in the same words",
                    {"figure": count, "text_says": value, "label": key_figure.label},
                )
                reported.add(index)  # once per key figure


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


# --- digit grouping ------------------------------------------------------------------------------

_SPACES = " \u00a0\u202f"
# A printed number with its separators, stray spaces included ("3, 417", "412 305").
_NUMBER_SPAN = re.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")
# A whole number grouped by thousands with one separator repeated.
_GROUPED = re.compile(r"(?<![\w.,])\d{1,3}(?P<sep>[,.\u202f\u00a0 ])\d{3}(?:(?P=sep)\d{3})*(?!\d)(?![.,]\d)")
_SCALE_WORD = re.compile(
    r"\s*(?:%|million|millions|millones|milliards?|billion|bn\b|[mkb]\b|thousand|mille|mil\b)",
    re.IGNORECASE,
)
_STYLE_NAMES = {",": "commas", ".": "points", " ": "spaces"}
# Languages that write decimals with a comma: "1,500" may be one and a half there.
_DECIMAL_COMMA = frozenset("fr es pt it de nl ru tr id ar".split())  # noqa: SIM905


def _style(separator: str) -> str:
    return " " if separator in _SPACES else separator


def _has_decimals(number: Number) -> bool | None:
    """Whether the value has a fractional part; None when no value was printed."""
    if number.value is None:
        return None
    if isinstance(number, Quantity):
        return False
    try:
        return int(number.value.as_tuple().exponent) < 0
    except (AttributeError, InvalidOperation):  # pragma: no cover - values are Decimals
        return None


def _irregular(span: str, scaled: bool, decimals: bool | None) -> str | None:
    """Why the grouping of one printed number is irregular, or None."""
    if re.search(r"[.,][" + _SPACES + r"]|[" + _SPACES + r"][.,]", span):
        return "a separator with a stray space"
    groups = re.split(r"[.," + _SPACES + r"]", span)
    separators = re.findall(r"[.," + _SPACES + r"]", span)
    if not separators:
        return None
    last = separators[-1]
    if last in ".," and (decimals or scaled or (decimals is None and len(groups[-1]) != 3)):
        groups, separators = groups[:-1], separators[:-1]  # a decimal part
        if not separators:
            return None
    if len({_style(s) for s in separators}) > 1:
        return "two different separators"
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return "groups that are not of three digits"
    return None


@rule("OPS705", Severity.WARNING, "Irregular digit grouping in a printed number")
def irregular_grouping(factsheet: Factsheet) -> Iterator[Issue]:
    """Thousands are grouped by three digits with one separator: ``412,305``,
    ``412 305`` or ``412.305``. A stray space ("3, 417"), a group of another size
    ("41,27" for 4,127) or two separators in one number ("1,234.567" for a count) is a
    typing slip that makes the number ambiguous. Checked in every printed text of a
    count, percentage or amount, using its value to tell a decimal point from a
    separator.

    Example::

        "populations": {"groups": [{"types": ["REF"], "label": "Refugees",
                                    "count": {"value": 3417, "printed": "3, 417"}}]}
    """
    for parts, number in _numbers(factsheet):
        printed = number.printed
        if printed is None:
            continue
        for match in _NUMBER_SPAN.finditer(printed):
            scaled = _SCALE_WORD.match(printed, match.end()) is not None
            reason = _irregular(match.group(), scaled, _has_decimals(number))
            if reason is not None:
                yield Issue(
                    (*parts, "printed"),
                    f"the number {match.group()!r} in {printed!r} is grouped irregularly: {reason}",
                    {"printed": printed, "number": match.group()},
                )
                break


_UNGROUPED = frozenset({"contacts", "links", "accepted"})


def _grouping_styles(factsheet: Factsheet) -> Iterator[tuple[Path, str, str]]:
    """Every thousands grouping printed, with its path, its style and the number as printed."""
    comma_decimals = language_of(factsheet.language) in _DECIMAL_COMMA
    for parts, number in _numbers(factsheet):
        if number.printed is None or number.value is None:
            continue
        decimals = _has_decimals(number)
        for match in _NUMBER_SPAN.finditer(number.printed):
            span = match.group()
            scaled = _SCALE_WORD.match(number.printed, match.end()) is not None
            if _irregular(span, scaled, decimals) is not None:
                continue  # OPS705's
            separators = re.findall(r"[.," + _SPACES + r"]", span)
            if separators and (decimals or scaled) and separators[-1] in ".,":
                separators = separators[:-1]
            if separators:
                yield (*parts, "printed"), _style(separators[0]), span
    for parts, text in _texts(factsheet):
        if parts[0] in _UNGROUPED:
            continue  # phone numbers and addresses are not grouped numbers
        for style, span in _text_groupings(text, comma_decimals):
            yield parts, style, span


@functools.lru_cache(maxsize=8192)
def _text_groupings(text: str, comma_decimals: bool) -> tuple[tuple[str, str], ...]:
    """(style, number) of every grouped number in a text; cached, as editions repeat their text."""
    found = []
    for match in _GROUPED.finditer(text):
        separator = match.group("sep")
        single = separator in ".," and match.group().count(separator) == 1
        if single and (_SCALE_WORD.match(text, match.end()) or (separator == "," and comma_decimals)):
            continue  # "2.125 million", "1,500" in French: decimals
        found.append((_style(separator), match.group()))
    return tuple(found)


@rule("OPS706", Severity.WARNING, "Digit grouping styles mixed in one document")
def mixed_grouping(factsheet: Factsheet) -> Iterator[Issue]:
    """A document groups thousands one way: ``412,305`` in English, ``412 305`` in
    French, ``412.305`` in Spanish. Two styles in one sheet ("412.305" in the population
    box, "412,305" in the text) mean figures were pasted from different sources, and a
    reader may take a point for a decimal point. The document's style is the one most of
    its grouped numbers use (on a tie, the style of its first grouped number); every
    figure or text grouped another way is reported, once, at its own path, so the finding
    points at the figures to regroup. A number with a single point followed by a scale
    word ("2.125 million") is a decimal, not a grouping; in a language that writes
    decimals with a comma, neither is "1,500" in the text.

    Example::

        "highlights": ["The country hosts 412,305 refugees, 3,200 of them in Gambella."],
        "populations": {"groups": [{"types": ["REF"], "label": "Refugees",
                                    "count": {"value": 412305, "printed": "412.305"}}]}
    """
    found = list(_grouping_styles(factsheet))
    if not found:
        return
    counts: dict[str, int] = {}
    for _parts, style, _span in found:
        counts[style] = counts.get(style, 0) + 1
    if len(counts) < 2:
        return
    first_style = found[0][1]
    main = max(counts, key=lambda style: (counts[style], style == first_style))
    example = next((parts, span) for parts, style, span in found if style == main)
    reported: set[Path] = set()
    for parts, style, span in found:
        if style == main or parts in reported:
            continue
        reported.add(parts)
        yield Issue(
            parts,
            f"{span!r} groups thousands with {_STYLE_NAMES[style]}, but the document groups them with "
            f"{_STYLE_NAMES[main]} ({counts[main]} of its {len(found)} grouped numbers, such as "
            f"{example[1]!r} at {_where(example[0])}); use one style",
            {"number": span, "style": _STYLE_NAMES[style], "document_style": _STYLE_NAMES[main]},
        )


def _where(parts: Path) -> str:
    from ..diagnostics import format_path  # noqa: PLC0415 - only for messages

    return format_path(parts)


# --- key figures and percentages -----------------------------------------------------------------


@rule("OPS707", Severity.ERROR, "Percentage over 100 where it cannot be")
def percentage_over_100(factsheet: Factsheet) -> Iterator[Issue]:
    """A share of people ("52% women"), a group's share of the total and the rate of a
    key figure ("91.3 % of children vaccinated") are parts of a whole: over 100 % is a
    typo or a count typed as a percentage. Funding percentages are left to OPS101 and
    OPS103 (a requirement can be over-funded). A key figure that really is a growth rate
    over 100 % can be accepted (``accepted``).

    Example::

        "key_figures": [{"label": "of children vaccinated", "percent": "913"}]
    """
    for parts, number in walk_index(factsheet).of_type(Percentage):
        if parts[:1] == ("funding",) or number.value is None or number.value <= 100:
            continue
        yield Issue(
            parts,
            f"the percentage is printed as {number.printed or number.value}%, over 100% of a whole",
            {"stated": number.value},
        )


_PERCENT_IN_TEXT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*%")
_YEAR = range(1900, 2101)


_MONTH_NAMES = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_LEADING = re.compile(r"^[\s(\[]*$")


def _is_date_part(label: str, start: int, end: int) -> bool:
    """Whether the number at label[start:end] is a day or a year ("since 8 February", "May 2021")."""
    if end - start == 4 and label[start:end].isdigit() and int(label[start:end]) in _YEAR:
        return True
    after = name_key(label[end:]).split()[:1]
    before = name_key(label[:start]).split()[-1:]
    return bool(set(after + before) & _MONTH_NAMES)


def _counts_the_figure(label: str, start: int, end: int, unit: str | None) -> bool:
    """Whether a number printed in a key figure's label stands for the figure itself.

    It does when it opens the label ("860 people evacuated"; a qualifier such as "over"
    may come first) or when the key figure's unit follows it ("2,140 shelters"). A number
    elsewhere counts something else ("requested by 22 partners", "in 2 provinces"), and a
    day or a year ("since 8 February", "in the 2015 plan") is a date.
    """
    if _is_date_part(label, start, end):
        return False
    before = label[:start]
    if _LEADING.match(before) or _QUALIFIED.fullmatch(before.strip()) is not None:
        return True
    if unit:
        following = name_key(label[end:]).split()
        words = name_key(unit).split()
        return bool(words) and following[: len(words)] == words
    return False


def _key_figure_problem(
    key_figure: KeyFigure, number: Quantity | Percentage, language: str | None
) -> str | None:
    label = key_figure.label
    if isinstance(number, Percentage):
        if number.value is None:
            return None
        printed = [m for m in _PERCENT_IN_TEXT.finditer(label) if _LEADING.match(label[: m.start()])]
        values = [Decimal(m.group(1).replace(",", ".")) for m in printed]
        if values and number.value not in values:
            return f"its label prints {printed[0].group(1)}%, but the percentage is {number.value}%"
        return None
    if number.value is None:
        return None
    found = [
        (value, start)
        for value, start, end in numbers_in(label, language)
        if _counts_the_figure(label, start, end, key_figure.unit)
    ]
    if found and all(not _within_rounding(value, number.value) for value, _ in found):
        return f"its label prints {found[0][0]:,}, but the figure is {format_quantity(number)}"
    return None


@rule("OPS708", Severity.ERROR, "Key figure label prints another number")
def key_figure_label(factsheet: Factsheet) -> Iterator[Issue]:
    """A key figure is checked like a target: where its label repeats the number ("860
    people evacuated since January"), the number must be the figure's. Only a number
    that counts what the figure counts is taken for it: one that opens the label (after
    a qualifier such as "over" at most), or one followed by the key figure's ``unit``.
    Other numbers in a label count something else ("USD 306.7 M requested by 22
    partners", "in 2 provinces") or are dates ("since 8 February", "the 2015 plan") and
    are never compared; likewise only a percentage opening the label is compared with a
    percentage figure. Placeholders in key figures are OPS701's, percentages over 100
    OPS707's.

    Example::

        "key_figures": [{"label": "860 people evacuated since January", "quantity": 680}]
    """
    for index, key_figure in enumerate(factsheet.key_figures):
        numbers: Sequence[tuple[str, Quantity | Percentage | None]] = (
            ("quantity", key_figure.quantity),
            ("percent", key_figure.percent),
        )
        for field, number in numbers:
            if number is None:
                continue
            problem = _key_figure_problem(key_figure, number, factsheet.language)
            if problem is not None:
                yield Issue(
                    ("key_figures", index, field),
                    f"the key figure {key_figure.label!r}: {problem}",
                    {"label": key_figure.label, "stated": number.value},
                )

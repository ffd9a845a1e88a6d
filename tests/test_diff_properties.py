"""Properties of opsfacts.compare on generated factsheets: empty on itself, mirrored, blind to order."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from opsfacts import Factsheet
from opsfacts.compare import Change, DiffResult, diff, render
from opsfacts.strategies import factsheets

_NO_FINDINGS = ("findings",)

# Generating a factsheet takes most of the time, two of them more: fewer examples than
# the profile's (a quarter for pairs), scaled with it (HYPOTHESIS_PROFILE=thorough).
_PROFILE = settings()  # the loaded profile (conftest.py), thorough or not
# The default profile keeps the whole file near half a minute of CPU.
_SINGLE = settings(max_examples=max(5, _PROFILE.max_examples // 6))
_PAIRS = settings(max_examples=max(5, _PROFILE.max_examples // 12))
_CHECKED_PAIRS = settings(max_examples=max(3, _PROFILE.max_examples // 25))


def shuffled(value: Any, rnd: random.Random) -> Any:
    """The value with every list in it, at every depth, in another order."""
    if isinstance(value, tuple):
        items = [shuffled(v, rnd) for v in value]
        rnd.shuffle(items)
        return tuple(items)
    if attrs.has(type(value)):
        return attrs.evolve(
            value,
            **{f.name: shuffled(getattr(value, f.name), rnd) for f in attrs.fields(type(value)) if f.init},
        )
    return value


def mixed(a: Any, b: Any, rnd: random.Random, depth: int = 0) -> Any:
    """A value made of parts of ``a`` and parts of ``b``: an edition that shares some of ``a``."""
    if type(a) is not type(b) or depth > 3:
        return rnd.choice((a, b))
    if attrs.has(type(a)):
        return attrs.evolve(
            a,
            **{
                f.name: mixed(getattr(a, f.name), getattr(b, f.name), rnd, depth + 1)
                for f in attrs.fields(type(a))
            },
        )
    if isinstance(a, tuple):
        # Keep some of a's items, edit some, add some of b's.
        kept = [mixed(x, rnd.choice(b), rnd, depth + 1) if b and rnd.random() < 0.3 else x for x in a]
        kept = [x for x in kept if rnd.random() < 0.8]
        return tuple(kept + [y for y in b if rnd.random() < 0.3])
    return rnd.choice((a, b))


@st.composite
def editions(draw: st.DrawFn) -> tuple[Factsheet, Factsheet]:
    """Two editions that share some of their content, as real editions do."""
    a, c = draw(factsheets()), draw(factsheets())
    rnd = draw(st.randoms(use_true_random=False))
    try:
        b = mixed(a, c, rnd)
    except (ValueError, TypeError):
        assume(False)  # a mix the model refuses (a group that is part of itself...)
        raise
    return a, b


def _mirror_key(change: Change) -> tuple[Any, ...]:
    figure = change.figure
    words = change.words
    return (
        change.kind.mirror,
        change.block,
        change.new,
        change.old,
        change.new_path,
        change.old_path,
        None if figure is None else (figure.new, figure.old, figure.absolute, figure.within_precision),
        None if words is None else (words.removed, words.added),
    )


def _key(change: Change) -> tuple[Any, ...]:
    figure = change.figure
    words = change.words
    return (
        change.kind,
        change.block,
        change.old,
        change.new,
        change.old_path,
        change.new_path,
        None
        if figure is None
        else (
            figure.old,
            figure.new,
            None if figure.absolute is None else -figure.absolute,
            figure.within_precision,
        ),
        None if words is None else (words.added, words.removed),
    )


@_SINGLE
@given(factsheets())
def test_a_document_compared_with_itself_is_the_same(factsheet: Factsheet) -> None:
    result = diff(factsheet, factsheet)
    assert result.changes == ()
    assert result.findings == ()
    assert result.same is True


@_SINGLE
@given(factsheets(), st.randoms(use_true_random=False))
def test_reordering_every_list_is_no_change(factsheet: Factsheet, rnd: random.Random) -> None:
    # Findings are left out: some rules read the order (donors printed by amount).
    assert diff(factsheet, shuffled(factsheet, rnd), ignore_blocks=_NO_FINDINGS).changes == ()


@_PAIRS
@given(editions())
def test_swapping_the_editions_mirrors_the_result(pair: tuple[Factsheet, Factsheet]) -> None:
    a, b = pair
    forward, backward = diff(a, b, ignore_blocks=_NO_FINDINGS), diff(b, a, ignore_blocks=_NO_FINDINGS)
    assert Counter(_mirror_key(c) for c in forward.changes) == Counter(
        (c.kind, c.block, c.old, c.new, c.old_path, c.new_path, *_key(c)[6:]) for c in backward.changes
    )
    assert len(forward.changes) == len(backward.changes)


@_CHECKED_PAIRS
@given(editions())
def test_findings_mirror_too(pair: tuple[Factsheet, Factsheet]) -> None:
    a, b = pair
    forward, backward = diff(a, b), diff(b, a)
    flip = Counter((not f.appeared, f.code, f.message, f.path) for f in forward.findings)
    assert flip == Counter((f.appeared, f.code, f.message, f.path) for f in backward.findings)


def _rendered(result: DiffResult) -> list[str]:
    return [render(result, fmt) for fmt in ("text", "json", "markdown", "html")]


@_PAIRS
@given(factsheets(), factsheets())
def test_never_crashes_on_unrelated_documents(a: Factsheet, b: Factsheet) -> None:
    result = diff(a, b, ignore_blocks=_NO_FINDINGS)
    assert result.same == (result.changes == ())
    assert all(text.endswith("\n") for text in _rendered(result))


@_PAIRS
@given(editions(), st.booleans())
def test_never_crashes_on_related_editions(pair: tuple[Factsheet, Factsheet], ignore_text: bool) -> None:
    result = diff(*pair, ignore_text=ignore_text, ignore_blocks=_NO_FINDINGS)
    assert all(text.endswith("\n") for text in _rendered(result))
    if ignore_text:
        assert all(c.kind.value != "text" for c in result.changes)

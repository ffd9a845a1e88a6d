"""``opsfacts diff`` through the command line, and the JSON output against its published schema."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt

from conftest import AS_PUBLISHED, CORRECTED, REPO
from opsfacts.cli import main
from opsfacts.compare import DIFF_SCHEMA_ID, diff_files, diff_schema, render

DATA = REPO / "tests" / "data" / "factsheets"
V1 = REPO / "tests" / "data" / "v1"
SCHEMA_FILE = REPO / "schemas" / "diff-1.0.schema.json"

# Every as-published and corrected pair, the 1.0 and 2.0 Mali, and an edition with itself.
PAIRS = [
    *[
        (p, p.with_name(p.name.replace("as-published", "corrected")))
        for p in sorted(DATA.glob("*.as-published.*"))
    ],
    (AS_PUBLISHED, CORRECTED),
    (V1 / "mali-2017-06.as-published.json", CORRECTED),
    (CORRECTED, CORRECTED),
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["diff", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


# --- exit codes -----------------------------------------------------------------


def test_the_same_facts_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, CORRECTED, CORRECTED)
    assert code == 0
    assert out.splitlines()[-1] == "No changes: the two editions state the same facts."
    assert err == ""


def test_different_facts_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--no-colour", AS_PUBLISHED, CORRECTED)
    assert code == 1
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == f"--- {AS_PUBLISHED} (Mali Factsheet, June 2017)"
    assert "Funding" in lines
    assert "  ~ funding: funded: USD 3,068,942 M → USD 3,068,942 (-3,068,938,931,058, -100.0%)" in lines
    assert lines[-1] == "4 changes, 6 findings disappeared."


def test_a_1_0_document_is_read_through_the_migration(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--ignore-block", "document", V1 / "mali-2017-06.corrected.json", CORRECTED)
    assert code == 0
    assert out.splitlines()[-1].startswith("No changes")


def test_a_missing_file_exits_2_naming_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    code, out, err = _run(capsys, CORRECTED, missing)
    assert code == 2
    assert out == ""
    assert err == f"opsfacts diff: error: {missing}: no such file\n"


def test_an_invalid_document_exits_2_on_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 3}', encoding="utf-8")
    code, _, err = _run(capsys, bad, CORRECTED)
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"opsfacts diff: error: {bad}: not a valid factsheet: ")
    assert "Traceback" not in err


def test_a_syntax_error_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [1\n", encoding="utf-8")
    code, _, err = _run(capsys, CORRECTED, broken)
    assert code == 2
    assert err.startswith(f"opsfacts diff: error: {broken}: not a valid factsheet: ")


def test_an_unknown_block_exits_2_naming_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--ignore-block", "people", CORRECTED, CORRECTED)
    assert code == 2
    assert out == ""
    assert err == (
        "opsfacts diff: error: --ignore-block: unknown block 'people'; the blocks are: document, highlights, "
        "key_figures, sections, populations, funding, presence, partners, activities, donors, contacts, "
        "links, footnotes, findings\n"
    )


def test_ignored_blocks_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    published = DATA / "colombia-2021-06.operational-update.as-published.yaml"
    corrected = DATA / "colombia-2021-06.operational-update.corrected.yaml"
    code, out, _ = _run(
        capsys,
        "--ignore-text",
        "--ignore-block",
        "findings",
        "--ignore-block",
        "populations",
        published,
        corrected,
    )
    assert code == 0
    assert out.splitlines()[2:] == ["No changes: the two editions state the same facts."]


# --- output ---------------------------------------------------------------------


def test_colour_only_on_a_terminal_without_no_color(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, plain, _ = _run(capsys, AS_PUBLISHED, CORRECTED)
    assert "\033[" not in plain
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, coloured, _ = _run(capsys, AS_PUBLISHED, CORRECTED)
    assert "\033[1mFunding\033[0m" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    _, no_color, _ = _run(capsys, AS_PUBLISHED, CORRECTED)
    assert no_color == plain
    _, forced, _ = _run(capsys, "--colour", AS_PUBLISHED, CORRECTED)
    assert forced == coloured
    monkeypatch.delenv("NO_COLOR")
    _, refused, _ = _run(capsys, "--no-colour", AS_PUBLISHED, CORRECTED)
    assert refused == plain


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--format", "json", AS_PUBLISHED, CORRECTED)
    assert code == 1
    data = json.loads(out)
    _validator().validate(data)
    assert data["same"] is False
    assert data["summary"]["figure"] == 3
    assert data["summary"]["findings_disappeared"] == 6
    funded = data["changes"][1]
    assert funded["field"] == "funded"
    assert funded["figure"] == {
        "old": "3068942000000",
        "new": "3068942",
        "absolute": "-3068938931058",
        "relative": "-0.999999",
        "within_precision": False,
        "percentage": False,
    }


def test_markdown_output_is_a_what_changed_note(capsys: pytest.CaptureFixture[str]) -> None:
    published = DATA / "jordan-2018-08.factsheet.as-published.json"
    corrected = DATA / "jordan-2018-08.factsheet.corrected.json"
    code, out, _ = _run(capsys, "--format", "markdown", published, corrected)
    assert code == 1
    assert out.startswith("# What changed\n")
    assert "## Funding\n\n| What | Old | New | Change |\n| --- | ---: | ---: | --- |\n" in out
    assert "| funding: funded | USD \\[Figure\\] M | USD 101.7 M |  |" in out
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "<td>USD [Figure] M</td>" in html.replace(' style="text-align:right"', "")
    assert "<script" not in html


def test_html_output_is_standalone_and_highlights_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--format", "html", AS_PUBLISHED, CORRECTED)
    assert code == 1
    assert out.startswith("<!DOCTYPE html>")
    assert '<tr class="figure"><td class="mark">~</td><td>funding: funded</td>' in out
    assert '<td class="number"><mark>USD 3,068,942</mark></td>' in out
    for external in ("src=", "href=", "@import", "url("):
        assert external not in out


def test_document_text_is_escaped_in_markdown_and_html(tmp_path: Path) -> None:
    data = json.loads(CORRECTED.read_text(encoding="utf-8"))
    data["title"] = "Mali <script>alert(1)</script> *June*"
    data["presence"]["staff"][0]["label"] = "<b>National</b> | staff"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    result = diff_files(CORRECTED, edited)
    page = render(result, "html")
    assert "<script>" not in page
    assert "Mali &lt;script&gt;alert(1)&lt;/script&gt; *June*" in page
    assert "&lt;b&gt;National&lt;/b&gt; | staff" in page
    note = render(result, "markdown")
    assert "<script>" not in note
    assert "<b>" not in note
    assert "Mali &lt;script&gt;alert(1)&lt;/script&gt; \\*June\\*" in note


# --- -o -------------------------------------------------------------------------


def test_output_file_is_written_whole(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "changes.md"
    code, out, _ = _run(capsys, "--format", "markdown", "-o", target, AS_PUBLISHED, CORRECTED)
    assert code == 1
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith("# What changed\n")
    assert [p.name for p in tmp_path.iterdir()] == ["changes.md"]


@pytest.mark.parametrize("which", [0, 1])
def test_output_over_an_input_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, which: int
) -> None:
    inputs = [tmp_path / "old.json", tmp_path / "new.json"]
    inputs[0].write_bytes(AS_PUBLISHED.read_bytes())
    inputs[1].write_bytes(CORRECTED.read_bytes())
    before = inputs[which].read_bytes()
    code, _, err = _run(capsys, "-o", inputs[which], *inputs)
    assert code == 2
    assert (
        err == f"{inputs[which]}: error: this is an input file; writing the output over it would destroy it\n"
    )
    assert inputs[which].read_bytes() == before


# --- the published schema -------------------------------------------------------


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == json.dumps(diff_schema(), indent=2, ensure_ascii=False) + "\n", (
        "regenerate schemas/diff-1.0.schema.json from opsfacts.compare.diff_schema()"
    )
    assert json.loads(committed)["$id"] == DIFF_SCHEMA_ID
    Draft202012Validator.check_schema(json.loads(committed))


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=lambda p: p.name)
@pytest.mark.parametrize("ignore_text", [False, True])
def test_every_json_output_follows_the_schema(old: Path, new: Path, ignore_text: bool) -> None:
    for first, second in ((old, new), (new, old)):
        data: Any = json.loads(render(diff_files(first, second, ignore_text=ignore_text), "json"))
        errors = [e.message for e in _validator().iter_errors(data)]
        assert errors == []
        assert data["same"] == (first == second)


# --- the how-to page shows real output ------------------------------------------


def _console_examples() -> list[tuple[str, list[str]]]:
    """(command, output lines) of each ``$ opsfacts diff`` example in docs/diff.rst that shows output."""
    lines = (REPO / "docs" / "diff.rst").read_text(encoding="utf-8").splitlines()
    found = []
    for i, line in enumerate(lines):
        if line.startswith("    $ opsfacts diff "):
            output = []
            for following in lines[i + 1 :]:
                if not following.startswith("    "):
                    break
                output.append(following[4:])
            if output:
                found.append((line[6:], output))
    return found


def test_the_how_to_page_shows_real_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = _console_examples()
    assert len(examples) == 2
    monkeypatch.chdir(REPO)
    for command, shown in examples:
        argv = shlex.split(command)[1:]
        code = main(argv)
        out, _ = capsys.readouterr()
        assert code == 1
        assert out.splitlines() == shown, command


def test_the_september_example_is_a_valid_factsheet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(REPO / "examples" / "mali-2017-09.json")]) == 0
    assert capsys.readouterr().out == "1 file checked, 1 valid\n"


def test_an_output_that_cannot_be_written_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir.txt"
    code, out, err = _run(capsys, "-o", target, AS_PUBLISHED, CORRECTED)
    assert code == 2
    assert out == ""
    assert err.startswith(f"{target}: error: ")
    assert not target.parent.exists()


def test_html_marks_figures_within_printed_precision(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--format", "html", CORRECTED, REPO / "examples" / "mali-2017-09.json")
    assert code == 1
    within = [line for line in out.splitlines() if line.startswith('<tr class="figure within">')]
    assert len(within) == 1
    assert "<td>funding: requested</td>" in within[0]
    assert "-49,662, -0.1%, within printed precision" in within[0]

"""The commands the CI how-to guide shows run as shown: same output, same exit code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "howto-ci.rst"


def _sessions() -> list[tuple[str, str, int]]:
    """(command, output, exit code) for each ``$ opsfacts ...`` followed by ``$ echo $?`` on the page."""
    found = []
    for block in re.findall(
        r"^\.\. code-block:: console\n\n((?:    .*\n|\n)+)", PAGE.read_text("utf-8"), re.M
    ):
        lines = [line[4:] for line in block.rstrip("\n").splitlines()]
        for match in re.finditer(
            r"^\$ (opsfacts .*)\n((?:(?!\$ ).*\n)*?)\$ echo \$\?\n(\d+)$", "\n".join(lines), re.M
        ):
            found.append((match.group(1), match.group(2), int(match.group(3))))
    return found


SESSIONS = _sessions()


def test_the_page_shows_sessions_with_their_exit_codes() -> None:
    assert {code for _, _, code in SESSIONS} == {0, 1, 2}
    assert len(SESSIONS) == 4


@pytest.mark.parametrize(("command", "output", "code"), SESSIONS, ids=[c for c, _, _ in SESSIONS])
def test_command_prints_what_the_page_shows(command: str, output: str, code: int) -> None:
    args = command.split()[1:]
    done = subprocess.run(
        [sys.executable, "-m", "opsfacts", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_COLOR": "1", "PATH": ""},
    )
    assert (done.stdout + done.stderr, done.returncode) == (output, code)

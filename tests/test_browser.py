"""The reference factsheet as a reader sees it: rendered, opened in headless Chromium, measured.

Chromium runs with no network on a ``file://`` page. The shipped page has
no script; for the measurements a test-only copy gets one inline script
that writes what the browser laid out (bar widths, the donut arc, page and
content widths, the visible text) into the DOM, which ``--dump-dom``
returns. A screenshot of the shipped page and a PDF print of it are kept in
``test-artifacts/`` (git-ignored).

Without Chromium the test is skipped with a message saying how to install
it, so the README's test command works on a machine with only Python; CI
sets ``OPSFACTS_REQUIRE_BROWSER=1`` (and installs Chromium), which turns a
missing browser into a failure.
"""

from __future__ import annotations

import fcntl
import html
import json
import math
import os
import re
import shutil
import struct
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

import opsfacts
from opsfacts.render import render_html

REPO = Path(__file__).resolve().parents[1]
CORRECTED = REPO / "examples" / "mali-2017-06.corrected.json"
ARTIFACTS = REPO / "test-artifacts"
INSTALL_HINT = (
    "headless Chromium is needed for this test and was not found. Install it with\n"
    "    sudo apt-get update && sudo apt-get install -y chromium\n"
    "(Debian/Ubuntu; .ci/run does this when it is missing), or set OPSFACTS_CHROMIUM to its path."
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    # No network: every host resolves nowhere, so a remote resource could not load.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)

# Runs in the test-only copy: measures the layout and writes it into the DOM as JSON.
PROBE = """
(function () {
  function box(e) {
    var r = e.getBoundingClientRect();
    return {x: r.left, y: r.top, w: r.width, h: r.height};
  }
  var out = {
    docScrollWidth: document.documentElement.scrollWidth,
    docClientWidth: document.documentElement.clientWidth,
    pages: [], bars: [], text: document.body.innerText, overflowing: []
  };
  document.querySelectorAll('.page').forEach(function (p) {
    out.pages.push({id: p.id, box: box(p), scrollWidth: p.scrollWidth, clientWidth: p.clientWidth});
    p.querySelectorAll('*').forEach(function (e) {
      var r = e.getBoundingClientRect(), pr = p.getBoundingClientRect();
      if (r.width > 0 && (r.right > pr.right + 0.5 || r.left < pr.left - 0.5)) {
        out.overflowing.push(e.tagName + '.' + e.className);
      }
    });
  });
  document.querySelectorAll('#population-chart rect.bar').forEach(function (b) {
    out.bars.push({count: +b.getAttribute('data-count'), w: box(b).w, fill: b.getAttribute('fill'),
                   abroad: b.parentNode.classList.contains('abroad')});
  });
  out.countColumns = {};
  ['staff', 'offices'].forEach(function (id) {
    var cell = document.querySelector('#' + id + ' tbody td.num');
    if (cell) { out.countColumns[id] = box(cell).w; }
  });
  var arc = document.querySelector('#funding-donut circle.funded');
  if (arc) {
    out.donut = {dash: getComputedStyle(arc).strokeDasharray, length: arc.getTotalLength(),
                 box: box(document.getElementById('funding-donut'))};
  }
  var pre = document.createElement('pre');
  pre.id = 'measurements';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
"""


def chromium() -> str:
    found = os.environ.get("OPSFACTS_CHROMIUM") or shutil.which("chromium")
    found = found or shutil.which("chromium-browser")
    if not found and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if not found:
        if os.environ.get("OPSFACTS_REQUIRE_BROWSER") == "1":
            pytest.fail(INSTALL_HINT, pytrace=False)
        pytest.skip(INSTALL_HINT)
    return found


def run_chromium(profile: Path, *args: str) -> str:
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The rendered reference page (as shipped) and a Chromium profile directory."""
    base = tmp_path_factory.mktemp("browser")
    page = base / "mali-2017-06.html"
    page.write_text(render_html(opsfacts.load(CORRECTED)), encoding="utf-8")
    return page, base / "profile"


@pytest.fixture(scope="module")
def measured(shipped: tuple[Path, Path]) -> dict[str, Any]:
    page, profile = shipped
    probe = page.with_name("probe.html")
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text  # the shipped page is script-free; only this copy gets the probe
    probe.write_text(text.replace("</body>", f"<script>{PROBE}</script></body>"), encoding="utf-8")
    dom = run_chromium(profile, "--window-size=1000,1400", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="measurements">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    return json.loads(html.unescape(found[1]))  # type: ignore[no-any-return]


def test_population_bars_have_the_right_proportions(measured: dict[str, Any]) -> None:
    bars = measured["bars"]
    assert [b["count"] for b in bars] == [498170, 140103, 60094, 51961, 17586, 373]
    largest = max(bars, key=lambda b: b["count"])
    assert largest["w"] > 150  # drawn, not collapsed
    for bar in bars:
        assert math.isclose(bar["w"] / largest["w"], bar["count"] / largest["count"], abs_tol=0.005), bar
    abroad = [b for b in bars if b["abroad"]]
    assert len(abroad) == 1
    assert abroad[0]["count"] == 140103
    assert abroad[0]["fill"] != largest["fill"]  # shown distinctly


def test_funding_donut_shows_the_funded_share(measured: dict[str, Any]) -> None:
    donut = measured["donut"]
    funded, _rest = (float(x.rstrip("px")) for x in re.split(r"[ ,]+", donut["dash"].strip()))
    # getTotalLength() of a circle is a polygon approximation: within half a percent.
    assert math.isclose(funded / donut["length"], 3068942 / 42749662, rel_tol=5e-3)
    assert donut["box"]["w"] > 60
    assert donut["box"]["h"] > 60


def test_key_figures_are_visible_as_formatted_text(measured: dict[str, Any]) -> None:
    text = measured["text"]
    for figure in (
        "498,170",
        "140,103",
        "USD 42.7 M",
        "USD 3.1 M (7%)",
        "USD 39.7 M (93%)",
        "7%",
        "68",
        "National Staff",
        "6,000",
        "Living abroad: not counted in Mali",
        "United States of America (USD 95 M)",
    ):
        assert figure in text, figure


def test_nothing_overflows_the_page_width(measured: dict[str, Any]) -> None:
    assert measured["docScrollWidth"] <= measured["docClientWidth"]
    for page in measured["pages"]:
        assert page["scrollWidth"] <= page["clientWidth"], page
        assert page["box"]["w"] == pytest.approx(210 / 25.4 * 96, abs=1)  # A4 width in CSS px
    assert measured["overflowing"] == []


def test_staff_and_office_counts_keep_their_narrow_column(measured: dict[str, Any]) -> None:
    # The tables' header row is hidden (for screen readers only); with a fixed table layout the
    # column widths come from the colgroup, not from that row, or the count column takes half.
    assert set(measured["countColumns"]) == {"staff", "offices"}
    for width in measured["countColumns"].values():
        assert width == pytest.approx(18 / 25.4 * 96, abs=1)  # 18 mm in CSS px


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot_and_print_are_produced(shipped: tuple[Path, Path]) -> None:
    page, profile = shipped
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "mali-2017-06.png"
    pdf = ARTIFACTS / "mali-2017-06.pdf"
    shot.unlink(missing_ok=True)
    pdf.unlink(missing_ok=True)
    run_chromium(profile, "--window-size=900,2500", f"--screenshot={shot}", page.as_uri())
    assert _png_size(shot) == (900, 2500)
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one
    run_chromium(profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert pages == 2  # two A4 pages, like the original


# --- what a screen reader gets: the accessibility tree, through the DevTools protocol -------------


class _DevTools:
    """Chromium driven over ``--remote-debugging-pipe``: JSON messages, each ended by a NUL byte,
    written to the browser's fd 3 and read from its fd 4."""

    def __init__(self, profile: Path, url: str) -> None:
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()

        def fds() -> None:
            # The browser expects the pipe ends at fd 3 (its input) and fd 4 (its output); the
            # descriptors are placed after fork, so close_fds must not close them again.
            # Moved out of the way first, so that neither lands on the other and dup2 always makes
            # an inheritable copy (it leaves close-on-exec set when a descriptor is already in place).
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_read, from_browser_write)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", url]
        # preexec_fn only places two descriptors; the test starts no threads.
        self._process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=fds,  # noqa: PLW1509
            close_fds=False,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next = 0

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._read, 1 << 16)
                assert chunk, "the browser closed the pipe"
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._next:
                assert "error" not in reply, reply
                return reply["result"]  # type: ignore[no-any-return]

    def close(self) -> None:
        try:
            self.call("Browser.close")
        finally:
            self._process.wait(timeout=30)
            os.close(self._write)
            os.close(self._read)


def accessibility_tree(profile: Path, page: Path) -> list[dict[str, Any]]:
    """The full accessibility tree Chromium builds for a page (what assistive technology reads)."""
    tools = _DevTools(profile, page.as_uri())
    try:
        for _ in range(200):
            targets = tools.call("Target.getTargets")["targetInfos"]
            pages = [t for t in targets if t["type"] == "page" and t["url"] == page.as_uri()]
            if pages:
                break
            time.sleep(0.05)
        session = tools.call("Target.attachToTarget", targetId=pages[0]["targetId"], flatten=True)[
            "sessionId"
        ]
        for _ in range(200):
            state = tools.call("Runtime.evaluate", session, expression="document.readyState")
            if state["result"]["value"] == "complete":
                break
            time.sleep(0.05)
        tools.call("Accessibility.enable", session)
        # The tree is built after the accessibility domain is enabled: read it until it stops growing.
        nodes: list[dict[str, Any]] = []
        for _ in range(100):
            latest: list[dict[str, Any]] = tools.call("Accessibility.getFullAXTree", session)["nodes"]
            if len(latest) > 3 and len(latest) == len(nodes):
                break
            nodes = latest
            time.sleep(0.1)
        return latest
    finally:
        tools.close()


def _spoken(nodes: list[dict[str, Any]]) -> str:
    # The names of the nodes assistive technology is given (ignored nodes, aria-hidden ones
    # included, are not read).
    return "\n".join(
        str(n.get("name", {}).get("value", "")) for n in nodes if not n.get("ignored") and n.get("name")
    )


SCREEN_READER_PAGES = [
    CORRECTED,
    REPO / "tests" / "data" / "factsheets" / "niger-2019-03.factsheet.corrected.yaml",
    REPO / "tests" / "data" / "factsheets" / "colombia-2021-06.operational-update.corrected.yaml",
]


@pytest.mark.parametrize("source", SCREEN_READER_PAGES, ids=lambda p: p.name)
def test_a_screen_reader_gets_every_population_figure(source: Path, tmp_path: Path) -> None:
    from opsfacts.model import _printing as numbers
    from opsfacts.render._charts import bar_chart

    factsheet = opsfacts.load(source)
    page = tmp_path / "page.html"
    page.write_text(render_html(factsheet), encoding="utf-8")
    nodes = accessibility_tree(tmp_path / "profile", page)
    spoken = _spoken(nodes)
    assert factsheet.populations is not None
    chart = bar_chart(factsheet.populations)
    assert chart is not None
    for group, bar in zip(factsheet.populations.groups, chart.bars, strict=True):
        # Each group's figure, as the page prints it, beside its label in a row of the chart's table.
        assert bar.label in spoken, bar.label
        assert bar.value in spoken, (bar.label, bar.value)
        if group.count is not None and group.count.value is not None and group.count.printed is None:
            assert re.sub(r"\D", "", bar.value) == str(group.count.value)
    for total in factsheet.populations.totals:
        if total.count is not None:
            assert numbers.quantity(total.count) in spoken
    roles = {n.get("role", {}).get("value") for n in nodes if not n.get("ignored")}
    assert {"main", "table", "rowheader", "columnheader"} <= roles
    # The drawn chart is hidden from assistive technology (its figures are read from the table once).
    chart_texts = {n.get("name", {}).get("value") for n in nodes if n.get("role", {}).get("value") == "image"}
    assert "Population of concern by group" not in chart_texts
    text = page.read_text(encoding="utf-8")
    assert f'<html lang="{factsheet.language}">' in text

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

import html
import json
import math
import os
import re
import shutil
import struct
import subprocess
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

"""The roll-up dashboard as a reader sees it: rendered, opened in headless Chromium with no network.

As in ``test_browser.py``: the shipped page has no script; a test-only copy
gets one inline script that writes what the browser laid out (the text, each
bar's number and width) into the DOM, which ``--dump-dom`` returns. Without
Chromium the test is skipped, unless ``OPSFACTS_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from opsfacts.aggregate import render_dashboard, rollup_files
from test_browser import run_chromium

DATA = Path(__file__).resolve().parent / "data" / "rollup"

PROBE = """
(function () {
  function bars(selector) {
    return Array.prototype.map.call(document.querySelectorAll(selector), function (b) {
      var r = b.getBoundingClientRect();
      return {count: +b.getAttribute('data-count'), w: r.width, h: r.height};
    });
  }
  var out = {
    text: document.body.innerText,
    types: bars('#type-chart rect.bar'),
    operations: bars('#operation-chart rect.bar'),
    history: bars('svg.history-chart[data-operation="MLI"] rect.column'),
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth
  };
  var pre = document.createElement('pre');
  pre.id = 'measurements';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
"""


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("rollup-browser")
    text = render_dashboard(rollup_files([DATA], editions="all"))
    assert "<script" not in text
    assert not re.search(r"""(src|href)=["'](https?:)?//""", text)  # nothing to fetch
    probe = base / "probe.html"
    probe.write_text(text.replace("</body>", f"<script>{PROBE}</script></body>"), encoding="utf-8")
    dom = run_chromium(base / "profile", "--window-size=1200,1600", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="measurements">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    return json.loads(html.unescape(found[1]))  # type: ignore[no-any-return]


def test_the_totals_are_in_the_page(measured: dict[str, Any]) -> None:
    text = measured["text"]
    for figure in (
        "about 3,316,405",
        "654",
        "17",
        "USD 154,300,000",
        "USD 62,150,000",
        "EUR 98,600,000",
        "2,773,350",
        "657,496",
        "Several currencies or requirement years",
        "nationals of MLI living abroad",
    ):
        assert figure in text, figure


def test_the_bars_have_the_right_proportions(measured: dict[str, Any]) -> None:
    types = measured["types"]
    assert [b["count"] for b in types] == [2773350, 442111, 88120, 6824, 6000]
    operations = measured["operations"]
    assert [b["count"] for b in operations] == [2099555, 632445, 481693, 102712, 2773350, 36000]
    for chart in (types, operations):
        largest = max(chart, key=lambda b: b["count"])
        assert largest["w"] > 150
        for bar in chart:
            assert math.isclose(bar["w"] / largest["w"], bar["count"] / largest["count"], abs_tol=0.005)


def test_an_operation_over_time(measured: dict[str, Any]) -> None:
    history = measured["history"]
    assert [b["count"] for b in history] == [412000, 471500, 481693]
    assert math.isclose(history[0]["h"] / history[2]["h"], 412000 / 481693, abs_tol=0.01)


def test_nothing_overflows(measured: dict[str, Any]) -> None:
    assert measured["scrollWidth"] <= measured["clientWidth"]

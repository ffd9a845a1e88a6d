"""The ``html`` output: one standalone page, no external resources, changed figures highlighted."""

from __future__ import annotations

from html import escape

from ._phrases import BLOCK_TITLES, MARKS, describe, finding_line, movement
from ._result import Change, ChangeKind, DiffResult
from ._terminal import totals

__all__ = ["render_html"]

# Inline: the page is one file that opens anywhere, offline.
_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b;
       margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.figure td.number mark { background: #ffe38a; padding: 0 .2rem; }
tr.figure.within td.number mark { background: #e8f0d8; }
tr.added td.mark { color: #126b2a; } tr.removed td.mark { color: #a4161a; }
ul.findings li.appeared { color: #a4161a; } ul.findings li.disappeared { color: #126b2a; }
"""


def _row(change: Change) -> str:
    classes = [change.kind.value]
    if change.figure is not None and change.figure.within_precision:
        classes.append("within")
    what = escape(change.what)
    mark = escape(MARKS[change.kind])
    if change.kind is ChangeKind.FIGURE:
        moved = escape(movement(change.figure)) if change.figure is not None else ""
        old = escape(change.old or "(none)")
        new = escape(change.new or "(none)")
        cells = (
            f'<td class="mark">{mark}</td><td>{what}</td><td class="number">{old}</td>'
            f'<td class="number"><mark>{new}</mark></td><td>{moved}</td>'
        )
    else:
        identity = escape(change.identity)
        cells = (
            f'<td class="mark">{mark}</td><td>{identity}</td><td colspan="3">{escape(describe(change))}</td>'
        )
    return f'<tr class="{" ".join(classes)}">{cells}</tr>'


def render_html(result: DiffResult) -> str:
    """The comparison as a standalone HTML page; every document text is escaped."""
    old, new = escape(result.old_title), escape(result.new_title)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>What changed: {new}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        "<h1>What changed</h1>",
        f"<p>From <strong>{old}</strong> to <strong>{new}</strong>.</p>",
    ]
    for block in result.blocks:
        parts.append(f'<section id="{block}"><h2>{escape(BLOCK_TITLES[block])}</h2>')
        rows = [_row(c) for c in result.in_block(block)]
        if rows:
            parts.append(
                "<table><thead><tr><th></th><th>What</th><th>Old</th><th>New</th><th>Change</th></tr></thead>"
            )
            parts += ["<tbody>", *rows, "</tbody></table>"]
        if block == "findings":
            parts.append('<ul class="findings">')
            for f in result.findings:
                state = "appeared" if f.appeared else "disappeared"
                parts.append(f'<li class="{state}">{escape(finding_line(f))}</li>')
            parts.append("</ul>")
        parts.append("</section>")
    parts += [f"<p>{escape(totals(result))}</p>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"

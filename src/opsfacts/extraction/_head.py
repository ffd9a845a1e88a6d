"""The document itself: publisher, title, operation, period or date, kind and language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ._dates import DATE, read_date
from ._donors import country_code
from ._lines import Line
from ._provenance import Recorder

__all__ = ["read_head"]

_KINDS = (
    (r"flash update", "flash-update"),
    (r"operational update|mise à jour opérationnelle", "operational-update"),
    (r"fact ?sheet|fiche d.information", "factsheet"),
)
_PUBLISHERS = re.compile(r"^(UNHCR|HCR|UNICEF|IOM|OIM|WFP|PAM|OCHA)\b")
_SECOND = DATE.pattern.replace("?P<d>", "?P<d2>").replace("?P<m>", "?P<m2>").replace("?P<y>", "?P<y2>")
_RANGE = re.compile(
    rf"(?P<a>{DATE.pattern})\s*[–-]\s*(?P<b>{_SECOND})",
    re.IGNORECASE,
)
_FRENCH = re.compile(r"\b(?:les|des|du|et|pour|dans|avec)\b", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(?:the|and|of|for|with|in)\b", re.IGNORECASE)


def read_head(lines: Sequence[Line], rec: Recorder) -> dict[str, Any]:
    """What the first lines say about the document; keys left out where nothing is printed."""
    head: dict[str, Any] = {}
    top = [line for line in lines if line.page == 1][:8]
    for line in top:
        publisher = _PUBLISHERS.match(line.text)
        if publisher and len(line.text) <= 12:
            head["publisher"] = {"name": publisher[1]}
            rec.note("publisher.name", publisher[1], line)
            break
    else:
        # "UNHCR PRESENCE", "PRÉSENCE DU HCR": the heading names the publisher.
        for line in lines:
            found = re.match(r"^(UNHCR|HCR)\s+presence|^pr[ée]sence du (HCR)", line.text, re.IGNORECASE)
            if found:
                name = found[1] or found[2]
                head["publisher"] = {"name": name.upper()}
                rec.note("publisher.name", name.upper(), line, low=True)
                break
    title_line = next(
        (
            line
            for line in top
            if "publisher" in head and line.text != head["publisher"]["name"] and len(line.text) > 3
        ),
        None,
    )
    # A title names the kind of document or is set in capitals; a sheet's first sentence is no title.
    looks_like_title = title_line is not None and (
        title_line.text.isupper() or any(re.search(p, title_line.text, re.IGNORECASE) for p, _ in _KINDS)
    )
    if title_line is not None and looks_like_title and len(title_line.text) < 90:
        head["title"] = title_line.text
        rec.note("title", title_line.text, title_line, low=True)
        for word in re.split(r"[ ,:–-]+", title_line.text):
            code = country_code(word.title()) if word.isalpha() and len(word) > 3 else None
            if code:
                head["operation"] = {"name": word.title() if word.isupper() else word, "countries": [code]}
                rec.note("operation", head["operation"], title_line, word, low=True)
                break
    for line in top:
        for pattern, kind in _KINDS:
            if re.search(pattern, line.text, re.IGNORECASE):
                head["kind"] = kind
                rec.note("kind", kind, line)
                break
        if "kind" in head:
            break
    for line in top:
        span = _RANGE.search(line.text)
        if span:
            start, end = read_date(span["a"]), read_date(span["b"])
            if start and end:
                head["period"] = {"start": start[0], "end": end[0]}
                rec.note("period", head["period"], line, span[0])
                break
        date = read_date(line.text)
        if date:
            if re.search(r"\bas of\b|\bau\b", line.text, re.IGNORECASE) and len(date[0]) == 10:
                head["date"] = date[0]
                rec.note("date", date[0], line, date[1])
            else:
                head["period"] = {"start": date[0]}
                if date[1] != line.text:
                    head["period"]["printed"] = date[1]
                rec.note("period", head["period"], line, date[1])
            break
    sample = " ".join(line.text for line in lines[:200])
    french, english = len(_FRENCH.findall(sample)), len(_ENGLISH.findall(sample))
    if french + english >= 20:
        head["language"] = "fr" if french > english else "en"
        rec.note(
            "language",
            head["language"],
            lines[0],
            f"{french} French and {english} English function words",
            low=True,
        )
    return head

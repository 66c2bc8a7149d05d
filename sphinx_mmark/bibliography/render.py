"""docutils nodes for one bibliography entry (pure, no Sphinx state)."""

from __future__ import annotations

from docutils import nodes

from ..parse.safe_urls import is_safe_url
from .entries import Entry

_SERIES_NAMES = {"Internet-Draft": "Work in Progress, Internet-Draft"}


def series_text(series: list[tuple[str, str]]) -> list[str]:
    """``("RFC", "2119")`` → ``"RFC 2119"``, as xml2rfc lists series information."""
    return [
        f"{_SERIES_NAMES.get(name, name)}, {value}" if name in _SERIES_NAMES else f"{name} {value}"
        for name, value in series
    ]


def entry_paragraph(entry: Entry) -> nodes.paragraph:
    """The text of an entry, in the order xml2rfc uses: authors, "title", series, date, link."""
    parts: list[str] = []
    people = list(entry.authors) or ([entry.organisation] if entry.organisation else [])
    if people:
        parts.append(_join_names(people))
    if entry.title:
        parts.append(f"\u201c{entry.title}\u201d")
    parts.extend(series_text(entry.series))
    if entry.members:
        parts.append("; ".join(entry.members))
    if entry.date:
        parts.append(entry.date)
    paragraph = nodes.paragraph()
    text = ", ".join(parts)
    if entry.target:
        if text:
            paragraph += nodes.Text(text + ", ")
        paragraph += nodes.Text("<")
        paragraph += (
            nodes.reference(entry.target, entry.target, refuri=entry.target)
            if is_safe_url(entry.target)
            else nodes.Text(entry.target)  # the renderer warned when it read the entry
        )
        paragraph += nodes.Text(">.")
    else:
        paragraph += nodes.Text((text or entry.label) + ".")
    return paragraph


def _join_names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]

"""docutils nodes and metadata for an mmark title block (``%%%`` TOML, or v1 ``% key = value``).

A title block is the front of an Internet-Draft: title, abbreviated title,
series information, workgroup, date, keywords, authors. It is shown as a field
list and recorded as the page's metadata (see
:class:`~sphinx_mmark.render.front_matter.FrontMatterRendering`). Pure: no
Sphinx state, the ids of the authors come from the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from ..bibliography.entries import MONTHS
from ..parse.slugs import slugify


def lower_keys(value: Any) -> Any:
    """``value`` with every mapping key lower-cased: mmark reads title-block keys
    case-insensitively (``Fullname``, ``Title``)."""
    if isinstance(value, dict):
        return {str(key).lower(): lower_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value


@dataclass
class TitleFront:
    """What a title block shows and records."""

    container: nodes.container
    metadata: dict[str, Any]
    people: dict[str, str] = field(default_factory=dict)
    """Full name of each author and contact → the id of the node that shows it ("" for none)."""


def title_block_nodes(data: dict[str, Any], claim_id: Callable[[str], str]) -> TitleFront:
    """Nodes and metadata for a title block; ``data`` has lower-cased top-level keys."""
    container = nodes.container(classes=["mmark-title-block"])
    fields = nodes.field_list(classes=["mmark-title-fields"])
    title = _text(data.get("title"))
    metadata: dict[str, Any] = {}
    if title:
        metadata["title"] = title
    abbrev = _text(data.get("abbrev"))
    _field(fields, "Abbreviated title", abbrev)
    series = _series(data)
    _field(fields, "Series", series)
    _field(fields, "Workgroup", _text(data.get("workgroup")))
    date = _date(data.get("date"))
    _field(fields, "Date", date)
    for key, name in (("updates", "Updates"), ("obsoletes", "Obsoletes")):
        numbers = data.get(key)
        if isinstance(numbers, list) and numbers:
            _field(fields, name, ", ".join(f"RFC {n}" for n in numbers))
    keywords = [_text(k) for k in _as_list(data.get("keyword") or data.get("keywords"))]
    keywords = [k for k in keywords if k]
    _field(fields, "Keywords", ", ".join(keywords))
    authors = nodes.bullet_list(classes=["mmark-authors"])
    people: dict[str, str] = {}
    names: list[str] = []
    for author in _as_list(data.get("author")):
        if not isinstance(author, dict):
            continue
        name = _person_name(author)
        if not name:
            continue
        node_id = claim_id(f"author-{slugify(name)}")
        people[name] = node_id
        names.append(name)
        authors += _author_item(author, name, node_id)
    for contact in _as_list(data.get("contact")):
        if isinstance(contact, dict) and _person_name(contact):
            people.setdefault(_person_name(contact), "")
    if authors.children:
        label = "Authors" if len(authors.children) > 1 else "Author"
        field_node = nodes.field("", nodes.field_name(label, label), nodes.field_body("", authors))
        fields += field_node
    if fields.children:
        container += fields
    for key, value in (
        ("abbrev", abbrev),
        ("series", series),
        ("date", date),
        ("workgroup", _text(data.get("workgroup"))),
    ):
        if value:
            metadata[key] = value
    if names:
        metadata["author"] = ", ".join(names)
    if keywords:
        metadata["keywords"] = keywords
    return TitleFront(container, metadata, people)


def _field(fields: nodes.field_list, name: str, value: str | None) -> None:
    if value:
        fields += nodes.field(
            "", nodes.field_name(name, name), nodes.field_body("", nodes.paragraph(value, value))
        )


def _author_item(author: dict[str, Any], name: str, node_id: str) -> nodes.list_item:
    paragraph = nodes.paragraph()
    paragraph += nodes.inline(name, name, ids=[node_id], classes=["mmark-author"])
    role = _text(author.get("role"))
    if role:
        paragraph += nodes.Text(f" ({role})")
    organisation = _text(author.get("organization") or author.get("organisation"))
    if organisation:
        paragraph += nodes.Text(f", {organisation}")
    address = author.get("address")
    emails: list[str] = []
    if isinstance(address, dict):
        emails = [
            e
            for e in [_text(address.get("email"))]
            + [_text(x) for x in _as_list(address.get("emails"))]
            if e
        ]
    for email in emails:
        paragraph += nodes.Text(", ")
        paragraph += nodes.reference(email, email, refuri=f"mailto:{email}")
    return nodes.list_item("", paragraph)


def _person_name(person: dict[str, Any]) -> str:
    fullname = _text(person.get("fullname"))
    if fullname:
        return fullname
    return " ".join(p for p in (_text(person.get("initials")), _text(person.get("surname"))) if p)


def _series(data: dict[str, Any]) -> str:
    parts: list[str] = []
    for info in _as_list(data.get("seriesinfo")):
        if not isinstance(info, dict):
            continue
        name, value = _text(info.get("name")), _text(info.get("value"))
        text = " ".join(p for p in (name, value) if p)
        extras = [_text(info.get(key)) for key in ("status", "stream")]
        extras = [e for e in extras if e]
        if extras:
            text = f"{text} ({', '.join(extras)})" if text else ", ".join(extras)
        if text:
            parts.append(text)
    docname = _text(data.get("docname"))  # v1 title lines
    if docname and not parts:
        parts.append(f"Internet-Draft {docname}")
    return "; ".join(parts)


def _date(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return text
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list | bool):
        return ""
    return " ".join(str(value).split())


def draft_front(data: dict[str, Any]) -> tuple[str, tuple[tuple[str, str], ...], str]:
    """The title, the authors (full name and organisation) and the shown date of a
    title block's ``data`` (keys in any case), for a front page."""
    lowered = lower_keys(data)
    authors = []
    for author in _as_list(lowered.get("author")):
        if isinstance(author, dict) and _person_name(author):
            organisation = _text(author.get("organization") or author.get("organisation"))
            authors.append((_person_name(author), organisation))
    return _text(lowered.get("title")), tuple(authors), _date(lowered.get("date"))

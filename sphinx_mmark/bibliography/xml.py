"""Reading ``<reference>`` and ``<referencegroup>`` XML (RFC 7991) into entries.

Parsing goes through :mod:`defusedxml`: a document type declaration, entity
declarations and external entities are refused, so nothing expands and no
file or URL is read. The ``xi:`` prefix used by reference groups is bound
for the parse. Any failure is a :class:`ReferenceXMLError` with a short
message; nothing here logs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .entries import MONTHS, Entry

MAX_XML_CHARS = 200_000
"""A reference block longer than this is refused."""

_WRAPPER_OPEN = '<mmark-wrapper xmlns:xi="http://www.w3.org/2001/XInclude">'
_WRAPPER_CLOSE = "</mmark-wrapper>"


class ReferenceXMLError(ValueError):
    """The XML of a reference block cannot be used."""


def parse_references(text: str) -> list[Entry]:
    """Every ``<reference>``/``<referencegroup>`` at the top level of ``text``."""
    if len(text) > MAX_XML_CHARS:
        raise ReferenceXMLError(f"longer than {MAX_XML_CHARS} characters")
    try:
        root = fromstring(
            _WRAPPER_OPEN + text + _WRAPPER_CLOSE,
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
    except DefusedXmlException as error:
        raise ReferenceXMLError(f"refused: {type(error).__name__}") from None
    except ET.ParseError as error:
        raise ReferenceXMLError(f"malformed XML: {error}") from None
    except RecursionError:
        raise ReferenceXMLError("nested too deeply") from None
    entries: list[Entry] = []
    for element in root:
        if element.tag in ("reference", "referencegroup"):
            entries.append(element_entry(element))
    return entries


def element_entry(element: ET.Element) -> Entry:
    """The entry for one ``<reference>`` or ``<referencegroup>`` element."""
    anchor = (element.get("anchor") or "").strip()
    entry = Entry(anchor, anchor, target=(element.get("target") or "").strip())
    entry.xml = ET.tostring(element, encoding="unicode")
    if element.tag == "referencegroup":
        for child in element:
            if child.tag == "reference":
                member = element_entry(child)
                entry.members.append(member.title or member.target or member.key)
            elif child.tag.endswith("}include") and child.get("href"):
                entry.members.append(str(child.get("href")))
        _series(element, entry)
        return entry
    front = element.find("front")
    if front is not None:
        entry.title = _text(front.find("title"))
        for author in front.findall("author"):
            name = _author_name(author)
            if name:
                entry.authors.append(name)
            elif not entry.organisation:
                entry.organisation = _text(author.find("organization"))
        entry.date = _date(front.find("date"))
    _series(element, entry)
    if not entry.target:
        for fmt in element.findall("format"):
            if fmt.get("target"):
                entry.target = str(fmt.get("target"))
                break
    return entry


def _series(element: ET.Element, entry: Entry) -> None:
    for info in _all_series(element):
        name, value = (info.get("name") or "").strip(), (info.get("value") or "").strip()
        if name and value:
            entry.series.append((name, value))


def _all_series(element: ET.Element) -> Iterator[ET.Element]:
    yield from element.findall("seriesInfo")
    front = element.find("front")
    if front is not None:
        yield from front.findall("seriesInfo")


def _author_name(author: ET.Element) -> str:
    fullname = (author.get("fullname") or "").strip()
    if fullname:
        return fullname
    initials, surname = (
        (author.get("initials") or "").strip(),
        (author.get("surname") or "").strip(),
    )
    return f"{initials} {surname}".strip()


def _text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _date(element: ET.Element | None) -> str:
    if element is None:
        return ""
    year = (element.get("year") or "").strip()
    month = (element.get("month") or "").strip()
    day = (element.get("day") or "").strip()
    if month.isdigit() and 1 <= int(month) <= 12:
        month = MONTHS[int(month) - 1]
    return " ".join(part for part in (day, month, year) if part)

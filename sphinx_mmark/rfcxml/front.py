"""``<front>`` and the ``<rfc>`` attributes from the data of a ``%%%`` title block.

The keys are those of mmark's title block (TOML, read case-insensitively);
the defaults are mmark's: ``ipr="trust200902"``, ``submissionType="IETF"``,
``consensus="true"``, ``indexInclude="true"``, ``xml:lang="en"``. The category
comes from ``category`` or else from the ``status`` of the series information.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

from ..bibliography.entries import MONTHS

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_CATEGORIES = {
    "standard": "std",
    "std": "std",
    "informational": "info",
    "info": "info",
    "experimental": "exp",
    "exp": "exp",
    "bcp": "bcp",
    "best current practice": "bcp",
    "historic": "historic",
}
_RFC_FLAGS = (
    ("tocdepth", "tocDepth"),
    ("tocinclude", "tocInclude"),
    ("sortrefs", "sortRefs"),
    ("symrefs", "symRefs"),
)
_POSTAL = ("city", "cityarea", "code", "country", "region", "pobox", "extaddr", "sortingcode")


def rfc_attributes(data: dict[str, Any]) -> dict[str, str]:
    """The attributes of the ``<rfc>`` element, in mmark's order."""
    attributes = {"version": "3", "ipr": _text(data.get("ipr")) or "trust200902"}
    series = _series(data)
    # as mmark: the series value first (xml2rfc wants docName to equal it), then the key
    docname = next(
        (value for name, value in series if name in ("Internet-Draft", "RFC") and value), ""
    ) or _text(data.get("docname"))
    if docname:
        attributes["docName"] = docname
    attributes["submissionType"] = _text(data.get("submissiontype")) or "IETF"
    category = _category(data)
    if category:
        attributes["category"] = category
    attributes[XML_LANG] = _text(data.get("language")) or "en"
    attributes["indexInclude"] = _flag(data.get("indexinclude"), "true")
    # mmark claims consensus for IETF-stream documents unless told otherwise
    consensus = _flag(
        data.get("consensus"), "true" if attributes["submissionType"] == "IETF" else ""
    )
    if consensus:
        attributes["consensus"] = consensus
    for key, name in _RFC_FLAGS:
        value = data.get(key)
        if value is not None and value != "":
            attributes[name] = _flag(value, "")
    for key, name in (("updates", "updates"), ("obsoletes", "obsoletes")):
        numbers = [_text(n) for n in _as_list(data.get(key))]
        if any(numbers):
            attributes[name] = ", ".join(n for n in numbers if n)
    number = next((value for name, value in series if name == "RFC"), "")
    if number:
        attributes["number"] = number
    return attributes


def front_element(data: dict[str, Any]) -> ET.Element:
    """``<front>`` without the abstract and notes (the builder appends those)."""
    front = ET.Element("front")
    title = ET.SubElement(front, "title")
    title.text = _text(data.get("title"))
    abbrev = _text(data.get("abbrev"))
    if abbrev:
        title.set("abbrev", abbrev)
    for info in _as_list(data.get("seriesinfo")):
        if isinstance(info, dict) and _text(info.get("name")) and _text(info.get("value")):
            element = ET.SubElement(front, "seriesInfo", name=_text(info["name"]))
            element.set("value", _text(info["value"]))
            for key in ("status", "stream"):
                if _text(info.get(key)):
                    element.set(key, _text(info[key]))
    for author in _as_list(data.get("author")):
        if isinstance(author, dict):
            front.append(_person("author", author))
    front.append(_date(data.get("date")))
    for key in ("area", "workgroup"):
        for value in _as_list(data.get(key)):
            if _text(value):
                ET.SubElement(front, key).text = _text(value)
    for keyword in _as_list(data.get("keyword") or data.get("keywords")):
        if _text(keyword):
            ET.SubElement(front, "keyword").text = _text(keyword)
    return front


def contact_element(data: dict[str, Any], name: str) -> ET.Element | None:
    """The ``<contact>`` of the author or contact of the title block that ``name`` is the
    full name of (without regard to case; authors first, as mmark looks), or None."""
    wanted = name.casefold()
    for key in ("author", "contact"):
        for person in _as_list(data.get(key)):
            if isinstance(person, dict) and _person_name(person).casefold() == wanted:
                return _person("contact", person)
    return None


def _person_name(person: dict[str, Any]) -> str:
    """The name a person is cited by: the full name, else initials and surname."""
    fullname = _text(person.get("fullname"))
    if fullname:
        return fullname
    return " ".join(p for p in (_text(person.get("initials")), _text(person.get("surname"))) if p)


def _person(tag: str, person: dict[str, Any]) -> ET.Element:
    element = ET.Element(tag)
    for key, name in (
        ("initials", "initials"),
        ("surname", "surname"),
        ("fullname", "fullname"),
        ("role", "role"),
    ):
        if _text(person.get(key)):
            element.set(name, _text(person[key]))
    organisation = _text(person.get("organization") or person.get("organisation"))
    if organisation:
        org = ET.SubElement(element, "organization")
        org.text = organisation
        if _text(person.get("abbrev")):
            org.set("abbrev", _text(person["abbrev"]))
    address = person.get("address")
    if isinstance(address, dict):
        element.append(_address(address))
    return element


def _address(address: dict[str, Any]) -> ET.Element:
    element = ET.Element("address")
    postal = address.get("postal")
    if isinstance(postal, dict):
        box = ET.SubElement(element, "postal")
        for street in _as_list(postal.get("street")) + _as_list(postal.get("streets")):
            if _text(street):
                ET.SubElement(box, "street").text = _text(street)
        for key in _POSTAL:
            if _text(postal.get(key)):
                ET.SubElement(box, "sortingcode" if key == "sortingcode" else key).text = _text(
                    postal[key]
                )
        # RFC 7991 takes either address parts or <postalLine>s: with parts, the
        # lines are further <street>s
        for line in _as_list(postal.get("postalline")):
            if _text(line):
                ET.SubElement(box, "street" if len(box) else "postalLine").text = _text(line)
        if not len(box):
            element.remove(box)
    for key in ("phone", "facsimile"):
        if _text(address.get(key)):
            ET.SubElement(element, key).text = _text(address[key])
    for email in _as_list(address.get("email")) + _as_list(address.get("emails")):
        if _text(email):
            ET.SubElement(element, "email").text = _text(email)
    for uri in _as_list(address.get("uri")) + _as_list(address.get("uris")):
        if _text(uri):
            ET.SubElement(element, "uri").text = _text(uri)
    return element


def _date(value: Any) -> ET.Element:
    """``<date>`` from a TOML date or date-time; empty (xml2rfc's today) without one."""
    element = ET.Element("date")
    day: dt.date | None = None
    if isinstance(value, dt.date):
        day = value
    elif _text(value):
        try:
            day = dt.date.fromisoformat(_text(value)[:10])
        except ValueError:
            day = None
    if day is not None:
        element.set("year", str(day.year))
        element.set("month", MONTHS[day.month - 1])
        element.set("day", str(day.day))
    return element


def _series(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (_text(info.get("name")), _text(info.get("value")))
        for info in _as_list(data.get("seriesinfo"))
        if isinstance(info, dict)
    ]


def _category(data: dict[str, Any]) -> str:
    category = _text(data.get("category")).lower()
    if category:
        return _CATEGORIES.get(category, category)
    for info in _as_list(data.get("seriesinfo")):
        if isinstance(info, dict):
            status = _text(info.get("status")).lower()
            if status in _CATEGORIES:
                return _CATEGORIES[status]
    return ""


def _flag(value: Any, default: str) -> str:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return "true" if value else "false"
    return _text(value)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split())

"""``<references>`` sections: an inline ``<reference>`` for each entry the document (or a
``mmark_bibxml_dirs`` file) gave as XML, an ``<xi:include>`` of the IETF bibxml
service for the automatic RFC, BCP, STD, I-D. and W3C. keys, as mmark writes them,
and a ``<reference>`` made from the key for the rest (``DOI.`` keys)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml.ElementTree import fromstring

from ..bibliography.entries import automatic_entry
from ..nodes.rfcxml_payload import ReferenceData

XINCLUDE = "http://www.w3.org/2001/XInclude"
BIBXML = "https://xml2rfc.ietf.org/public/rfc"
"""Where mmark points its ``<xi:include>``s (the service redirects to bib.ietf.org)."""

_NUMBERED = re.compile(r"^(RFC|BCP|STD)0*(\d+)$")
_NOT_NAME = re.compile(r"[^A-Za-z0-9._-]")


def anchor(name: str) -> str:
    """An XML name (an ``xsd:ID``) for ``name``: other characters become ``_``, and a
    name that cannot start one gets ``_`` in front."""
    cleaned = _NOT_NAME.sub("_", name)
    if not cleaned or not (cleaned[0].isalpha() or cleaned[0] == "_"):
        cleaned = "_" + cleaned
    return cleaned


def reference_anchor(key: str) -> str:
    """The anchor of the reference for citation key ``key``: a versioned draft
    (``I-D.name#03``) has the anchor of the draft (``I-D.name``), as its bibxml file."""
    if key.startswith("I-D."):
        key = key.partition("#")[0]
    return anchor(key)


def include_url(key: str) -> str | None:
    """The bibxml URL mmark includes for ``key``; None when it has none."""
    numbered = _NUMBERED.match(key)
    if numbered:
        series, number = numbered.group(1), int(numbered.group(2))
        folder = "bibxml" if series == "RFC" else "bibxml-rfcsubseries"
        return f"{BIBXML}/{folder}/reference.{series}.{number:04d}.xml"
    if key.startswith("I-D.") and len(key) > 4:
        name, _, version = key[4:].partition("#")
        return f"{BIBXML}/bibxml-ids/reference.I-D.{name}{'-' + version if version else ''}.xml"
    if key.startswith("W3C.") and len(key) > 4:
        return f"{BIBXML}/bibxml-w3c/reference.{key}.xml"
    return None


def references_element(title: str, entries: list[ReferenceData]) -> ET.Element:
    """One ``<references>`` section with ``title`` as its name."""
    section = ET.Element("references")
    ET.SubElement(section, "name").text = title
    for data in entries:
        section.append(reference_element(data))
    return section


def reference_element(data: ReferenceData) -> ET.Element:
    """The element for one entry (its anchor is always the citation key's)."""
    if data.xml:
        element = fromstring(data.xml, forbid_dtd=True, forbid_entities=True)
        element.set("anchor", reference_anchor(data.key))
        return element
    url = include_url(data.key)
    if url is not None:
        return ET.Element(f"{{{XINCLUDE}}}include", href=url)
    entry = automatic_entry(data.key)
    element = ET.Element("reference", anchor=reference_anchor(data.key))
    if entry is not None and entry.target:
        element.set("target", entry.target)
    front = ET.SubElement(element, "front")
    ET.SubElement(front, "title").text = data.key
    ET.SubElement(front, "author")
    ET.SubElement(front, "date")
    for name, value in entry.series if entry is not None else []:
        ET.SubElement(element, "seriesInfo", name=name, value=value)
    return element

"""The ``rfcxml`` builder: one RFC 7991 ``<rfc version="3">`` file per v2 draft.

A document is a draft when it has a ``%%%`` title block; any other document
is skipped with one info line. The file is ``OUT/<docname>.xml``:

* ``<front>`` from the title block (:mod:`.front`), then the ``.# Abstract``
  section as ``<abstract>`` and the other ``.#`` sections before
  ``{mainmatter}`` as ``<note>``s;
* ``<middle>``: the sections from ``{mainmatter}`` (or the first section) on;
* ``<back>``: the reference sections (:mod:`.references`), then the sections
  after ``{backmatter}``.

An ``<xref>`` whose target is neither an anchor of the file nor a reference
becomes its text, so xml2rfc never meets a dangling target. Constructs without
an RFC 7991 form (footnotes and raw HTML, which mmark leaves out too; images
other than SVG) are left out and counted in one info line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.osutil import ensuredir

from ..nodes import division
from ..nodes.citations import mmark_bibliography
from ..nodes.rfcxml_payload import ReferenceData, attached
from . import BUILDER_NAME
from .body import SVG, BodyConverter
from .front import contact_element, front_element, rfc_attributes
from .references import XINCLUDE, reference_anchor, references_element

logger = logging.getLogger(__name__)

ET.register_namespace("xi", XINCLUDE)
ET.register_namespace("svg", SVG)

_BLOCK_TAGS = frozenset(
    {
        "rfc", "front", "middle", "back", "section", "references", "reference", "abstract",
        "note", "t", "ul", "ol", "dl", "li", "dt", "dd", "table", "thead", "tbody", "tfoot",
        "tr", "td", "th", "figure", "artwork", "sourcecode", "blockquote", "aside", "title",
        "author", "seriesInfo", "date", "area", "workgroup", "keyword", "name", "address",
        "postal", "organization", "email", "contact", f"{{{XINCLUDE}}}include",
    }
)  # fmt: skip
"""Elements written on a line of their own (whitespace between them means nothing)."""


class RfcXmlBuilder(Builder):
    """Writes ``<docname>.xml`` (RFC 7991) for each document with a ``%%%`` title block."""

    name = BUILDER_NAME
    format = "rfcxml"
    epilog = __("The RFC 7991 XML files are in %(outdir)s.")
    out_suffix = ".xml"
    allow_parallel = True

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> Iterator[str]:
        for docname in self.env.found_docs:
            if docname not in self.env.all_docs:
                yield docname
                continue
            target = Path(self.outdir, docname + self.out_suffix)
            try:
                written = target.stat().st_mtime
            except OSError:
                written = 0
            try:
                if Path(self.env.doc2path(docname)).stat().st_mtime > written:
                    yield docname
            except OSError:
                pass

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return docname + self.out_suffix

    def prepare_writing(self, docnames: AbstractSet[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        data = attached(doctree)
        if not isinstance(data, dict):
            logger.info(__("%s: no %%%%%% title block, no RFC XML written"), docname)
            return
        root, dropped = rfc_document(data, doctree, Path(self.srcdir))
        target = Path(self.outdir, docname + self.out_suffix)
        ensuredir(target.parent)
        _layout(root)
        ET.ElementTree(root).write(target, encoding="utf-8", xml_declaration=True)
        if dropped:
            left = ", ".join(f"{count} {what}" for what, count in sorted(dropped.items()))
            logger.info(__("%s: left out of the RFC XML (no RFC 7991 form): %s"), docname, left)

    def finish(self) -> None:
        pass


def rfc_document(
    data: dict[str, Any], doctree: nodes.document, srcdir: Path | None = None
) -> tuple[ET.Element, dict[str, int]]:
    """The ``<rfc>`` element of a draft, and what was left out of it (images are read
    from inside ``srcdir`` only)."""
    root = ET.Element("rfc", rfc_attributes(data))
    front = front_element(data)
    middle, back = ET.Element("middle"), ET.Element("back")
    converter = BodyConverter(lambda name: contact_element(data, name), srcdir)
    references: list[ET.Element] = []
    reference_anchors: set[str] = set()
    part = "front"
    for node in _top_level(doctree, str(data.get("title") or "").strip()):
        if isinstance(node, division):
            part = {"mainmatter": "middle", "backmatter": "back"}.get(node["kind"], "front")
            continue
        if isinstance(node, nodes.section):
            if "mmark-references" in node["classes"]:
                references.extend(_references(node, reference_anchors))
            elif "abstract" in node["classes"] and part == "front":
                abstract = ET.SubElement(front, "abstract")
                _body(converter, node, abstract)
            elif "mmark-special" in node["classes"] and part == "front":
                note = ET.SubElement(front, "note")
                ET.SubElement(note, "name").text = _title(node)
                _body(converter, node, note)
            else:
                (back if part == "back" else middle).append(converter.section(node))
            continue
        if isinstance(node, nodes.container) and "mmark-title-block" in node["classes"]:
            continue
        if isinstance(
            node, nodes.Invisible | nodes.PreBibliographic | nodes.footnote | nodes.title
        ):
            if isinstance(node, nodes.footnote):
                converter.block(node, middle)
            continue
        converter.outcome.dropped["text outside a section"] = (
            converter.outcome.dropped.get("text outside a section", 0) + 1
        )
    root.append(front)
    root.append(middle)
    for index, element in enumerate(references):
        back.insert(index, element)
    if len(back):
        root.append(back)
    _resolve_xrefs(root, converter.outcome.anchors | reference_anchors)
    return root, converter.outcome.dropped


def _top_level(doctree: nodes.document, title: str) -> Iterator[nodes.Node]:
    """The nodes at the top of the draft: inside the page's title section, if any."""
    for node in doctree.children:
        if isinstance(node, nodes.section) and (
            _title(node) == title
            or any(isinstance(c, division) for c in node.children)
            or any(
                isinstance(c, nodes.container) and "mmark-title-block" in c["classes"]
                for c in node.children
            )
        ):
            yield from node.children
        else:
            yield node


def _title(node: nodes.Element) -> str:
    return next((c.astext() for c in node.children if isinstance(c, nodes.title)), "")


def _body(converter: BodyConverter, node: nodes.section, parent: ET.Element) -> None:
    for child in node.children:
        if not isinstance(child, nodes.title):
            converter.block(child, parent)


def _references(node: nodes.section, found: set[str]) -> list[ET.Element]:
    """``<references>`` for a reference section (one for each list it holds)."""
    sections: list[ET.Element] = []
    for bibliography in node.findall(mmark_bibliography):
        section = bibliography.parent
        title = _title(section) if isinstance(section, nodes.section) else "References"
        entries: list[ReferenceData] = []
        for term in bibliography.findall(nodes.term):
            data = attached(term)
            if isinstance(data, ReferenceData):
                entries.append(data)
                found.add(reference_anchor(data.key))
        if entries:
            sections.append(references_element(title, entries))
    return sections


def _resolve_xrefs(root: ET.Element, anchors: set[str]) -> None:
    """Turn every ``<xref>`` with an unknown target into its text."""
    for parent in list(root.iter()):
        for index in reversed(range(len(parent))):
            child = parent[index]
            if child.tag != "xref" or child.get("target") in anchors:
                continue
            text = "".join(child.itertext()) + (child.tail or "")
            parent.remove(child)
            if index:
                previous = parent[index - 1]
                previous.tail = (previous.tail or "") + text
            else:
                parent.text = (parent.text or "") + text


def _layout(element: ET.Element) -> None:
    """Newlines between block elements, none inside text."""
    children = list(element)
    if (
        children
        and all(c.tag in _BLOCK_TAGS for c in children)
        and not (element.text or "").strip()
    ):
        element.text = "\n"
        for child in children:
            if not (child.tail or "").strip():
                child.tail = "\n"
    for child in children:
        if child.tag not in ("artwork", "sourcecode"):
            _layout(child)

"""From a resolved doctree to RFC 7991 elements (``<section>``, ``<t>``, lists, tables…).

:class:`BodyConverter` walks the docutils tree: block nodes become block
elements in the element they belong to, inline nodes become text and inline
elements. RFC 7991 allows fewer nestings than docutils does: an inline element
that its parent may not hold keeps only its content (``<xref>`` holds text), a
block that its parent may not hold is left out with its text in a ``<t>``.

As mmark writes them: a callout in code is ``<N>`` (its comment starter
removed) and a callout in prose ``<em>N</em>``; a citation of an author or
contact of the title block is that person's ``<contact>``; the block attributes
of a list that RFC 7991 knows for it (``type``, ``start``, ``spacing``, ``group``,
``indent``, ``empty``, ``bare``, ``newline``) are written on it. Unlike mmark, a
local SVG image is written into the document (``<artwork type="svg">`` holding
the ``<svg>``, read only from inside the source folder), since xml2rfc and the
submission tool take one file; an image RFC 7991 cannot hold (PNG, JPEG, a file
outside the source folder) becomes an ``<artwork>`` of its alternative text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from docutils import nodes
from sphinx import addnodes

from ..nodes import division
from ..nodes.citations import mmark_bibliography
from ..nodes.rfcxml_payload import (
    AUTHORS_LANGUAGE,
    XREF_FORMAT,
    BlockAttributes,
    CitationData,
    PersonCitation,
    attached,
)
from .references import anchor, reference_anchor

INLINE = frozenset(
    {"bcp14", "br", "cref", "em", "eref", "iref", "relref", "strong", "sub", "sup", "tt", "xref"}
)
_INLINE_IN = {
    "t": INLINE,
    "li": INLINE,
    "dd": INLINE,
    "dt": INLINE,
    "td": INLINE,
    "th": INLINE,
    "name": INLINE,
    "blockquote": INLINE,
    "em": INLINE - {"em"},
    "strong": INLINE - {"strong"},
    "tt": INLINE - {"tt"},
    "sub": INLINE - {"br"},
    "sup": INLINE - {"br"},
    "xref": frozenset({"em", "strong", "sub", "sup", "tt"}),
}
"""Inline elements each element may hold (text only when absent)."""
_FLOW = frozenset({"artwork", "dl", "figure", "ol", "sourcecode", "t", "ul"})
_BLOCKS_IN = {
    "section": _FLOW | {"aside", "blockquote", "table", "iref"},
    "li": _FLOW | {"blockquote", "table"},
    "dd": _FLOW | {"aside", "blockquote", "table"},
    "td": _FLOW,
    "th": _FLOW,
    "blockquote": _FLOW,
    "aside": _FLOW - {"sourcecode"} | {"blockquote", "table", "iref"},
    "note": frozenset({"dl", "ol", "t", "ul"}),
    "abstract": frozenset({"dl", "ol", "t", "ul"}),
}
"""Block elements each element may hold."""
_ALIGN = {"text-left": "left", "text-right": "right", "text-center": "center"}
_OL_TYPES = {
    "arabic": ("1", "d"),
    "loweralpha": ("a", "c"),
    "upperalpha": ("A", "C"),
    "lowerroman": ("i", "i"),
    "upperroman": ("I", "I"),
}
"""docutils' enumeration → the ``<ol type>`` letter, and its ``%`` format letter."""
_LIST_ATTRIBUTES: dict[str, dict[str, tuple[str, ...]]] = {
    "ol": {"type": (), "start": (), "group": (), "indent": (), "spacing": ("normal", "compact")},
    "ul": {
        "indent": (),
        "spacing": ("normal", "compact"),
        "empty": ("true", "false"),
        "bare": ("true", "false"),
    },
    "dl": {"indent": (), "spacing": ("normal", "compact"), "newline": ("true", "false")},
}
"""The block attributes RFC 7991 takes on each list, and their values (any when empty)."""
SVG = "http://www.w3.org/2000/svg"
_SVG_LIMIT = 2_000_000
"""The largest SVG file written into a document (bytes)."""


@dataclass
class Outcome:
    """What the conversion met that the builder reports or resolves."""

    anchors: set[str] = field(default_factory=set)
    """Anchors given to elements."""
    dropped: dict[str, int] = field(default_factory=dict)
    """Constructs that have no RFC 7991 form → how many were left out."""


def add_text(parent: ET.Element, text: str) -> None:
    """Append ``text`` after the last child of ``parent`` (or as its text)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class BodyConverter:
    """Converts the children of doctree nodes into RFC 7991 elements.

    ``contact`` makes the ``<contact>`` of a title-block person cited by name (None:
    not one); images are read from inside ``srcdir`` only (None: none are read).
    """

    def __init__(
        self,
        contact: Callable[[str], ET.Element | None] | None = None,
        srcdir: Path | None = None,
    ) -> None:
        self.outcome = Outcome()
        self._contact = contact or (lambda name: None)
        self._srcdir = srcdir

    # -- blocks ---------------------------------------------------------------------

    def blocks(self, node: nodes.Element, parent: ET.Element) -> None:
        """Convert the block children of ``node`` into ``parent``."""
        for child in node.children:
            self.block(child, parent)

    def block(self, node: nodes.Node, parent: ET.Element) -> None:
        """Convert one block node into ``parent``."""
        if isinstance(node, nodes.Text):
            if node.astext().strip():
                self._place(parent, self._paragraph_of([node]))
            return
        method = getattr(self, f"_block_{type(node).__name__}", None)
        if method is not None:
            method(node, parent)
            return
        if isinstance(node, nodes.Invisible | division | nodes.system_message):
            return
        if isinstance(node, nodes.Inline | nodes.TextElement):
            self._place(parent, self._paragraph_of([node]))
            return
        if isinstance(node, nodes.Element):  # containers, compounds, mmark wrappers
            self.blocks(node, parent)

    def _place(self, parent: ET.Element, element: ET.Element) -> None:
        allowed = _BLOCKS_IN.get(parent.tag)
        if allowed is None or element.tag in allowed:
            parent.append(element)
            return
        text = " ".join("".join(element.itertext()).split())
        if text and (allowed is None or "t" in allowed):
            ET.SubElement(parent, "t").text = text
        self._drop(f"<{element.tag}> inside <{parent.tag}>")

    def _drop(self, what: str) -> None:
        self.outcome.dropped[what] = self.outcome.dropped.get(what, 0) + 1

    def _with_anchor(self, element: ET.Element, node: nodes.Element) -> ET.Element:
        ids: list[str] = node.get("ids", [])
        if ids:
            name = anchor(ids[0])
            if name not in self.outcome.anchors:
                element.set("anchor", name)
                self.outcome.anchors.add(name)
        return element

    def _paragraph_of(self, children: list[nodes.Node]) -> ET.Element:
        element = ET.Element("t")
        for child in children:
            self.inline(child, element)
        return element

    def _block_paragraph(self, node: nodes.paragraph, parent: ET.Element) -> None:
        shown = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
        if shown and all(isinstance(c, nodes.image) for c in shown):
            for image in shown:
                self._block_image(image, parent)  # type: ignore[arg-type]
            return
        if parent.tag == "section" and self._contacts_after_title(node, shown):
            # as mmark: a paragraph of only people, first under a heading, is their <contact>s
            for child in shown:
                contact = self._contact(attached(child).name)
                if contact is not None:
                    parent.append(contact)
            return
        element = self._with_anchor(self._paragraph_of(node.children), node)
        if len(element) or (element.text or "").strip():
            self._place(parent, element)

    def _contacts_after_title(self, node: nodes.paragraph, shown: list[nodes.Node]) -> bool:
        index = node.parent.index(node) if node.parent is not None else 0
        return (
            bool(shown)
            and index > 0
            and isinstance(node.parent[index - 1], nodes.title)
            and all(
                isinstance(attached(c), PersonCitation)
                and self._contact(attached(c).name) is not None
                for c in shown
            )
        )

    def _block_section(self, node: nodes.section, parent: ET.Element) -> None:
        parent.append(self.section(node))

    def section(self, node: nodes.section) -> ET.Element:
        """``<section>`` for a docutils section and everything in it."""
        element = self._with_anchor(ET.Element("section"), node)
        if "mmark-unnumbered" in node["classes"]:
            element.set("numbered", "false")
        for child in node.children:
            if isinstance(child, nodes.title):
                name = ET.SubElement(element, "name")
                for part in child.children:
                    self.inline(part, name)
            else:
                self.block(child, element)
        return element

    def _list_items(self, node: nodes.Element, element: ET.Element) -> None:
        compact = True
        for item in node.children:
            if not isinstance(item, nodes.list_item):
                continue
            li = ET.SubElement(element, "li")
            compact = self._item(item, li) and compact
        if compact:
            element.set("spacing", "compact")
        self._list_attributes(node, element)

    def _list_attributes(self, node: nodes.Element, element: ET.Element) -> None:
        """The block attributes of the list that RFC 7991 takes (they win over ours)."""
        data = attached(node)
        if not isinstance(data, BlockAttributes):
            return
        known = _LIST_ATTRIBUTES[element.tag]
        for key, value in data.pairs:
            if key in known and (not known[key] or value in known[key]):
                if key == "start" and not value.isdigit():
                    continue  # the renderer warned
                if key == "indent" and not (value.isdigit() or value == "adaptive"):
                    self._drop(f"<{element.tag} {key}> value")
                    continue
                element.set(key, value)
            elif key not in ("callout",):
                self._drop(f"<{element.tag}> attribute {key}")

    def _item(self, node: nodes.Element, element: ET.Element) -> bool:
        """Fill a ``<li>``/``<dd>``; whether it was one paragraph (a tight item)."""
        children = [c for c in node.children if not isinstance(c, nodes.Invisible)]
        if len(children) == 1 and isinstance(children[0], nodes.paragraph):
            for part in children[0].children:
                self.inline(part, element)
            return True
        self.blocks(node, element)
        if not len(element) and not (element.text or "").strip():
            element.text = ""
        return False

    def _block_bullet_list(self, node: nodes.bullet_list, parent: ET.Element) -> None:
        element = self._with_anchor(ET.Element("ul"), node)
        self._list_items(node, element)
        if len(element):
            self._place(parent, element)

    def _block_enumerated_list(self, node: nodes.enumerated_list, parent: ET.Element) -> None:
        element = self._with_anchor(ET.Element("ol"), node)
        kind, letter = _OL_TYPES.get(node.get("enumtype", "arabic"), ("1", "d"))
        suffix = node.get("suffix", ".")
        if suffix != "." or node.get("prefix"):
            prefix = str(node.get("prefix", "")).replace("%", "%%")
            element.set("type", f"{prefix}%{letter}{suffix.replace('%', '%%')}")
        elif kind != "1":
            element.set("type", kind)
        if node.get("start") not in (None, 1):
            element.set("start", str(node["start"]))
        self._list_items(node, element)
        if len(element):
            self._place(parent, element)

    def _block_definition_list(self, node: nodes.definition_list, parent: ET.Element) -> None:
        element = self._with_anchor(ET.Element("dl"), node)
        compact = True
        for item in node.children:
            if not isinstance(item, nodes.definition_list_item):
                continue
            definitions = [c for c in item.children if isinstance(c, nodes.definition)]
            dt = ET.SubElement(element, "dt")
            for term in (c for c in item.children if isinstance(c, nodes.term)):
                if len(dt) or dt.text:
                    add_text(dt, "; ")
                for part in term.children:
                    self.inline(part, dt)
            for definition in definitions or [nodes.definition()]:
                dd = ET.SubElement(element, "dd")
                compact = self._item(definition, dd) and compact
                if len(definitions) > 1:
                    break
        if compact:
            element.set("spacing", "compact")
        self._list_attributes(node, element)
        if len(element):
            self._place(parent, element)

    def _block_literal_block(self, node: nodes.literal_block, parent: ET.Element) -> None:
        self._place(parent, self._code(node))

    def _code(self, node: nodes.Element) -> ET.Element:
        """mmark's rule: a block whose author named a language (the fence's first word,
        a code include's file extension) is ``<sourcecode type=…>``, else ``<artwork>``.
        The author's word is ``mmark_language`` when highlighting uses another one
        (``ascii-art`` is highlighted as ``none``); ``none`` and ``default`` on their own
        are what a block without a language gets."""
        language = str(node.get(AUTHORS_LANGUAGE) or node.get("language") or "")
        if AUTHORS_LANGUAGE in node or language not in ("", "none", "default"):
            element = ET.Element("sourcecode", type=language)
        else:
            element = ET.Element("artwork")
        self._with_anchor(element, node)
        text = "".join(_code_text(node))
        element.text = text if text.endswith("\n") else text + "\n"
        return element

    def _block_math_block(self, node: nodes.Element, parent: ET.Element) -> None:
        element = ET.Element("artwork")
        element.text = node.astext() + "\n"
        self._place(parent, element)

    def _block_doctest_block(self, node: nodes.Element, parent: ET.Element) -> None:
        self._block_literal_block(node, parent)  # type: ignore[arg-type]

    def _block_container(self, node: nodes.container, parent: ET.Element) -> None:
        if node.get("literal_block"):
            self._place(parent, self._figure(node))
            return
        if "mmark-title-block" in node["classes"]:
            return
        self.blocks(node, parent)

    def _block_figure(self, node: nodes.figure, parent: ET.Element) -> None:
        figure = self._figure(node)
        if any(e.tag in ("artwork", "sourcecode") for e in figure):
            self._place(parent, figure)

    def _figure(self, node: nodes.Element) -> ET.Element:
        """``<figure>`` of a figure or a captioned code block: its ``<name>`` (first, as
        RFC 7991 orders it), images and code."""
        figure = self._with_anchor(ET.Element("figure"), node)
        for child in node.children:
            if isinstance(child, nodes.caption):
                name = ET.Element("name")
                for part in child.children:
                    self.inline(part, name)
                figure.insert(0, name)
            elif isinstance(child, nodes.image):
                figure.append(self._artwork_of_image(child))
            elif isinstance(child, nodes.literal_block):
                figure.append(self._code(child))
        return figure

    def _artwork_of_image(self, node: nodes.image) -> ET.Element:
        """``<artwork>`` for an image: a remote one by ``src`` (as mmark), a local SVG
        written in, any other as its alternative text."""
        uri = str(node.get("uri", ""))
        element = ET.Element("artwork")
        if "://" in uri:
            element.set("src", uri)
            suffix = Path(uri.split("?", 1)[0]).suffix.lower()
            if len(suffix) > 2:
                element.set("type", suffix[1:])
        if node.get("alt"):
            element.set("alt", str(node["alt"]))
        if node.get("title"):
            element.set("name", str(node["title"]))  # where mmark puts an image's title
        if "://" in uri:
            return element
        svg, why = self._local_svg(uri)
        if svg is not None:
            element.set("type", "svg")
            element.append(svg)
            return element
        self._drop(why)
        element.text = f"{node.get('alt') or Path(uri).name}\n"
        return element

    def _local_svg(self, uri: str) -> tuple[ET.Element | None, str]:
        """The ``<svg>`` root of a local SVG file inside the source folder, or why not."""
        if not uri.lower().endswith(".svg"):
            return None, "image that is not SVG (RFC 7991 takes SVG only)"
        if self._srcdir is None:
            return None, "image (no source folder)"
        root = self._srcdir.resolve()
        path = (root / uri).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None, "image outside the source folder or missing"
        if path.stat().st_size > _SVG_LIMIT:
            return None, "SVG image too large"
        try:
            svg = fromstring(path.read_bytes(), forbid_dtd=True)
        except (ET.ParseError, DefusedXmlException, ValueError, OSError):
            return None, "SVG image that is not well-formed XML"
        if svg.tag != f"{{{SVG}}}svg":
            return None, "SVG image without an <svg> root"
        return svg, ""

    def _block_image(self, node: nodes.image, parent: ET.Element) -> None:
        figure = self._with_anchor(ET.Element("figure"), node)
        figure.append(self._artwork_of_image(node))
        self._place(parent, figure)

    def _block_block_quote(self, node: nodes.block_quote, parent: ET.Element) -> None:
        element = self._with_anchor(ET.Element("blockquote"), node)
        for child in node.children:
            if isinstance(child, nodes.attribution):
                element.set("quotedFrom", child.astext())
            else:
                self.block(child, element)
        if not len(element) and not (element.text or "").strip():
            element.text = ""
        self._place(parent, element)

    def _block_sidebar(self, node: nodes.sidebar, parent: ET.Element) -> None:
        element = self._with_anchor(ET.Element("aside"), node)
        self.blocks(node, element)
        self._place(parent, element)

    _block_admonition = _block_sidebar
    _block_note = _block_sidebar

    def _block_line_block(self, node: nodes.line_block, parent: ET.Element) -> None:
        element = ET.Element("t")
        for number, line in enumerate(node.findall(nodes.line)):
            if number:
                ET.SubElement(element, "br")
            for part in line.children:
                self.inline(part, element)
        self._place(parent, element)

    def _block_table(self, node: nodes.table, parent: ET.Element) -> None:
        table = self._with_anchor(ET.Element("table"), node)
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        if title is not None:
            name = ET.SubElement(table, "name")
            for part in title.children:
                self.inline(part, name)
        for group in node.findall(nodes.tgroup):
            for part in group.children:
                tag = {"thead": "thead", "tbody": "tbody", "table_footer": "tfoot"}.get(
                    type(part).__name__
                )
                if tag is None or not isinstance(part, nodes.Element):
                    continue
                section = ET.SubElement(table, tag)
                for row in part.children:
                    if isinstance(row, nodes.row):
                        self._row(row, section, "th" if tag == "thead" else "td")
        if table.find("tbody") is None:
            ET.SubElement(table, "tbody")
        foot = table.find("tfoot")
        if foot is not None:  # <tfoot> comes last
            table.remove(foot)
            table.append(foot)
        self._place(parent, table)

    def _row(self, row: nodes.row, section: ET.Element, tag: str) -> None:
        tr = ET.SubElement(section, "tr")
        for entry in row.children:
            if not isinstance(entry, nodes.entry):
                continue
            cell = ET.SubElement(tr, tag)
            for cls in entry["classes"]:
                if cls in _ALIGN:
                    cell.set("align", _ALIGN[cls])
            if entry.get("morecols"):
                cell.set("colspan", str(entry["morecols"] + 1))
            if entry.get("morerows"):
                cell.set("rowspan", str(entry["morerows"] + 1))
            self._item(entry, cell)

    def _block_footnote(self, node: nodes.footnote, parent: ET.Element) -> None:
        self._drop("footnote")  # RFC 7991 has none; mmark leaves them out too

    def _block_mmark_bibliography(self, node: mmark_bibliography, parent: ET.Element) -> None:
        return  # the builder writes <references>

    def _block_index(self, node: addnodes.index, parent: ET.Element) -> None:
        for element in self._irefs(node):
            self._place(parent, element)

    def _block_raw(self, node: nodes.raw, parent: ET.Element) -> None:
        self._drop("raw")

    def _block_transition(self, node: nodes.transition, parent: ET.Element) -> None:
        return

    def _block_topic(self, node: nodes.topic, parent: ET.Element) -> None:
        if "contents" not in node["classes"]:
            self.blocks(node, parent)

    def _block_rubric(self, node: nodes.rubric, parent: ET.Element) -> None:
        self._place(parent, self._paragraph_of(node.children))

    # -- inline ---------------------------------------------------------------------

    def inline(self, node: nodes.Node, parent: ET.Element) -> None:
        """Convert one inline node into ``parent``."""
        if isinstance(node, nodes.Text):
            add_text(parent, node.astext())
            return
        if not isinstance(node, nodes.Element):
            return
        method = getattr(self, f"_inline_{type(node).__name__}", None)
        if method is not None:
            method(node, parent)
            return
        if isinstance(node, nodes.footnote_reference):
            return
        if isinstance(node, nodes.Invisible | nodes.system_message):
            return
        for child in node.children:
            self.inline(child, parent)

    def _wrap(self, tag: str, node: nodes.Element, parent: ET.Element, **attrs: str) -> None:
        allowed = _INLINE_IN.get(parent.tag, frozenset())
        if tag not in allowed:
            for child in node.children:
                self.inline(child, parent)
            return
        element = ET.SubElement(parent, tag, attrs)
        for child in node.children:
            self.inline(child, element)

    def _inline_emphasis(self, node: nodes.emphasis, parent: ET.Element) -> None:
        self._wrap("em", node, parent)

    def _inline_strong(self, node: nodes.strong, parent: ET.Element) -> None:
        self._wrap("bcp14" if "bcp14" in node["classes"] else "strong", node, parent)

    def _inline_literal(self, node: nodes.literal, parent: ET.Element) -> None:
        self._wrap("tt", node, parent)

    def _inline_superscript(self, node: nodes.superscript, parent: ET.Element) -> None:
        self._wrap("sup", node, parent)

    def _inline_subscript(self, node: nodes.subscript, parent: ET.Element) -> None:
        self._wrap("sub", node, parent)

    def _inline_math(self, node: nodes.math, parent: ET.Element) -> None:
        self._wrap("tt", node, parent)

    def _inline_image(self, node: nodes.image, parent: ET.Element) -> None:
        add_text(parent, str(node.get("alt", "")))

    def _inline_reference(self, node: nodes.reference, parent: ET.Element) -> None:
        if node.get("refuri"):
            uri = str(node["refuri"])
            text = node.astext()
            if uri.startswith("mailto:") or uri.startswith("#"):
                add_text(parent, text)
            elif text == uri:
                self._wrap("eref", nodes.inline(), parent, target=uri)
            else:
                self._wrap("eref", node, parent, target=uri)
            return
        refid = node.get("refid")
        if refid and _is_callout(node):
            for child in node.children:  # mmark: <em>N</em>, no link
                self.inline(child, parent)
            return
        if refid and node.get(XREF_FORMAT) and "xref" in _INLINE_IN.get(parent.tag, frozenset()):
            # (#id, use title): xml2rfc makes the text, as the format says
            ET.SubElement(parent, "xref", target=anchor(refid), format=str(node[XREF_FORMAT]))
            return
        if refid:
            # (#id) shows the target's own title: xml2rfc writes "Section 1" for it
            own = "mmark-xref" in node["classes"] and node.astext() == node.get("reftitle")
            self._wrap("xref", nodes.inline() if own else node, parent, target=anchor(refid))
            return
        for child in node.children:
            self.inline(child, parent)

    def _inline_index(self, node: addnodes.index, parent: ET.Element) -> None:
        if "iref" in _INLINE_IN.get(parent.tag, frozenset()):
            parent.extend(self._irefs(node))

    def _inline_inline(self, node: nodes.inline, parent: ET.Element) -> None:
        data = attached(node)
        if isinstance(data, CitationData) and "xref" in _INLINE_IN.get(parent.tag, frozenset()):
            self._citation(data, parent)
            return
        if isinstance(data, PersonCitation) and parent.tag == "t":
            contact = self._contact(data.name)
            if contact is not None:
                parent.append(contact)
                return
        if "callout" in node["classes"]:
            self._wrap("em", node, parent)
            return
        for child in node.children:
            self.inline(child, parent)

    def _citation(self, data: CitationData, parent: ET.Element) -> None:
        xref = ET.SubElement(parent, "xref", target=reference_anchor(data.key))
        if data.of:
            xref.set("target", reference_anchor(data.of))
            xref.set("section", data.key)  # [@sec of @RFC] names a part of the cited text
            xref.set("sectionFormat", "of")
            return
        section, section_format = section_suffix(data.suffix)
        if section:
            xref.set("section", section)
            xref.set("sectionFormat", section_format)
        elif data.suffix:
            xref.tail = f", {data.suffix}"

    def _irefs(self, node: addnodes.index) -> list[ET.Element]:
        found: list[ET.Element] = []
        entries: list[tuple[str, str, str, str, str | None]] = node.get("entries", [])
        for entry in entries:
            kind, value, main = entry[0], str(entry[1]), entry[3]
            if kind != "single":
                continue
            item, _, sub = (part.strip() for part in value.partition(";"))
            element = ET.Element("iref", item=item)
            if sub:
                element.set("subitem", sub)
            if main:
                element.set("primary", "true")
            found.append(element)
        return found


def section_suffix(suffix: str) -> tuple[str, str]:
    """``section 4`` → ``("4", "of")``, ``see, section 4`` → comma, ``(see) section 4`` →
    parens, ``4`` → bare, as mmark reads them; ``("", "")`` for any other suffix."""
    words = suffix.split()
    if not words:
        return "", ""
    where = words[-1].rstrip(".")
    appendix = where[:1].isalpha() and (
        len(where) == 1 or (where[1:2] == "." and where[2:].replace(".", "").isdigit())
    )
    if not where or not (where[0].isdigit() or appendix):
        return "", ""
    if len(words) == 1:
        return (where, "bare") if where[0].isdigit() else ("", "")
    if words[-2].lower() not in ("section", "sectie", "abschnitt", "appendix"):
        return "", ""
    head = words[:-2]
    if not head:
        return where, "of"
    if head[0].startswith("(") and head[-1].endswith(")"):
        return where, "parens"
    if head[-1].endswith(","):
        return where, "comma"
    return "", ""


def _is_callout(node: nodes.Element) -> bool:
    """Whether ``node`` only holds a callout marker."""
    shown = [c for c in node.children if not isinstance(c, nodes.Invisible)]
    return (
        len(shown) == 1 and isinstance(shown[0], nodes.inline) and "callout" in shown[0]["classes"]
    )


def _code_text(node: nodes.Node) -> list[str]:
    """The text of a code block, each callout as mmark writes it in XML: ``<N>``."""
    if isinstance(node, nodes.Text):
        return [node.astext()]
    if isinstance(node, nodes.inline) and "callout" in node["classes"]:
        return [f"<{node.astext()}>"]
    if isinstance(node, nodes.Element):
        return [text for child in node.children for text in _code_text(child)]
    return []

"""The base of every concern class of the renderer: the state and the helpers they share.

:class:`~sphinx_mmark.render.renderer.MmarkRenderer` is composed of one class per
concern (headings, footnotes, links, code, blocks, …), each derived from
:class:`RendererBase`. For mypy the base derives from
:class:`~sphinx_mmark.render.myst.MystExtensionPoints`, which declares exactly the
members of MyST's renderer that the concern classes use, so a misspelt attribute
is a type error; at run time it derives from ``object`` and MyST's renderer comes
last in :class:`MmarkRenderer`'s bases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.warnings_ import MystWarnings
from sphinx import addnodes

from ..nodes import BLOCK_IDS, MMARK_DOMAIN
from ..parse.includes.origin import warning_location
from ..warnings_ import MmarkWarning, warn

if TYPE_CHECKING:
    from .myst import MystExtensionPoints

    _Myst = MystExtensionPoints
else:
    _Myst = object


@dataclass
class Footnotes:
    """Footnotes of one document, numbered in order of first reference."""

    definitions: dict[str, SyntaxTreeNode] = field(default_factory=dict)
    """Label → the definition's token (an inline note's label: ``^[id]``)."""
    order: list[str] = field(default_factory=list)
    """Labels in order of first reference (then the unreferenced ones)."""
    references: dict[str, list[nodes.footnote_reference]] = field(default_factory=dict)
    """Label → its references in the text."""
    numbers: dict[str, int] = field(default_factory=dict)
    """Label → the number shown."""
    ids: dict[str, str] = field(default_factory=dict)
    """Label → the id of its footnote node."""


class RendererBase(_Myst):
    """The state of one document's render that several concerns share, and their helpers."""

    _taken_ids: set[str]
    """Every id handed out in this document (headings, blocks, notes, references)."""
    _id_suffixes: dict[str, int]
    """Id candidate → the last ``-N`` suffix given to it."""
    _footnotes: Footnotes
    """The document's footnotes (rendered at the end of the page)."""
    _trees: list[SyntaxTreeNode]
    """The syntax trees rendered so far (taken apart after the render)."""
    _raw_warned: bool
    """Whether the "raw HTML is disabled" warning was given for this document."""
    _title_people: dict[str, str]
    """Case-folded full name of a title-block author or contact → its id ("" for none):
    a citation of that name links to the author."""
    _title_language: str
    """The title block's ``language`` (lower case; the references heading's language)."""

    def _setup_shared_state(self) -> None:
        """Set the shared state up for a new document."""
        self._taken_ids = set()
        self._id_suffixes = {}
        self._footnotes = Footnotes()
        self._trees = []
        self._raw_warned = False
        self._title_people = {}
        self._title_language = "en"
        self.document["mmark"] = True

    # -- warnings -------------------------------------------------------------

    def create_warning(
        self,
        message: str,
        subtype: MystWarnings | str,
        *,
        wtype: str | None = None,
        line: int | None = None,
        append_to: nodes.Element | None = None,
    ) -> nodes.system_message | None:
        """Route MyST's own warnings through sphinx-mmark's (type ``mmark``)."""
        self.mmark_warning(message, MmarkWarning.MARKDOWN, line)
        return None

    def mmark_warning(self, message: str, subtype: MmarkWarning, line: int | None) -> None:
        """Warn about this document at ``line`` (1-based, of the include-expanded text).

        A line from an included file is reported at the include line of the
        document, and the message names the file and the include chain.
        """
        line, chain = warning_location(self.md_env, line)
        warn(message + chain, subtype, location=(self.sphinx_env.docname, line))

    # -- ids and targets --------------------------------------------------------

    def _claim_id(self, candidate: str) -> str:
        """A document-unique id based on ``candidate`` (mmark's ``-1`` suffixes)."""

        def taken(node_id: str) -> bool:
            return node_id in self._taken_ids or node_id in self.document.ids

        chosen = candidate
        if taken(candidate):
            # count on from the last suffix given to this candidate: linear in repeats
            number = self._id_suffixes.get(candidate, 0) + 1
            while taken(f"{candidate}-{number}"):
                number += 1
            self._id_suffixes[candidate] = number
            chosen = f"{candidate}-{number}"
        self._taken_ids.add(chosen)
        return chosen

    def _give_id(self, node: nodes.Element, wanted: str, line: int) -> None:
        """Make ``wanted`` an id of ``node`` and a target that ``(#wanted)`` finds."""
        if wanted in self._taken_ids or wanted in self.document.ids:
            self.mmark_warning(f"duplicate id {wanted!r}", MmarkWarning.DUPLICATE_ID, line)
            node["ids"].append(self._claim_id(wanted))
            return
        # ids are per document in mmark (every post may have a {#fig1}), so they
        # are not made Sphinx labels, which are global: xrefs.py resolves them
        node_id = self._claim_id(wanted)
        node["ids"].append(node_id)
        self.document.ids[node_id] = node
        block_ids: list[str] = self.document.setdefault(BLOCK_IDS, [])
        block_ids.append(node_id)

    def _note_section(self, section: nodes.section, title: str) -> None:
        """Register ``section`` (its id set) under its title as an implicit target.

        As docutils' ``note_implicit_target``, except that a repeated title only
        marks both sections' names as duplicates: docutils would also make an INFO
        message for it, which Sphinx drops again, and on long pages with many
        "Examples" sections making those costs time and memory.
        """
        name = nodes.fully_normalize_name(title)
        document = self.document
        if name not in document.nameids:
            section["names"].append(name)
            document.note_implicit_target(section, section)
            return
        document.set_id(section, section)
        section["dupnames"].append(name)
        # as docutils: None marks a duplicate name (its stubs allow only str)
        nameids = cast("dict[str, str | None]", document.nameids)
        old_id = nameids[name]
        if old_id is not None and not document.nametypes[name]:
            old = document.ids.get(old_id)
            if old is not None:
                nodes.dupname(old, name)
            nameids[name] = None

    def _pending_xref(
        self,
        docname: str,
        target: str,
        *,
        explicit: bool,
        at: SyntaxTreeNode | nodes.Element,
        text: str = "",
    ) -> addnodes.pending_xref:
        """A reference to ``target`` (an id) in ``docname`` ("" for this document),
        resolved by :mod:`sphinx_mmark.sphinx_ext.xrefs`.

        ``explicit``: whether the reference has its own text (else the target's title
        is shown). The reference holds an inline (classes ``xref mmark``) for that text,
        ``text`` or to be rendered into it. Its source and line are those of the token
        ``at``, or copied from the node ``at``.
        """
        node = addnodes.pending_xref(
            refdomain=MMARK_DOMAIN,
            reftype="ref",
            reftarget=target,
            refdoc=self.sphinx_env.docname,
            refexplicit=explicit,
            mmark_doc=docname,
        )
        if isinstance(at, SyntaxTreeNode):
            self.add_line_and_source_path(node, at)
        else:
            node.source, node.line = at.source, at.line
        node += nodes.inline(text, text, classes=["xref", "mmark"])
        return node

    def _page_container(self) -> nodes.Element:
        """Where end-of-page sections and notes go: the title's section if the page
        has a title (from front matter), else the document."""
        if self._heading_offset:
            return self._level_to_section.get(1, self.document)
        return self.document

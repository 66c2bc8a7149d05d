"""Render methods for mmark inline constructs: super/subscript, strikethrough, BCP 14 keywords,
breaks, comments, index entries, images (issues 3 and 5).

A concern class of :class:`sphinx_mmark.render.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of the matching syntax module into docutils nodes.
Everything produced is a standard docutils / Sphinx node (or :class:`line_break`,
see :mod:`sphinx_mmark.nodes.inline`), so HTML, LaTeX, text and man all work.
"""

from __future__ import annotations

from typing import cast

from docutils import nodes
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from sphinx import addnodes

from ..nodes.inline import STRIKE_CLASS, line_break, strikethrough
from .base import RendererBase
from .images import REMOTE_FLAG


class InlineRendering(RendererBase):
    """``render_*`` methods; see the module docstring."""

    # -- super/subscript, strikethrough, BCP 14 ---------------------------------

    def render_sup(self, token: SyntaxTreeNode) -> None:
        self._render_wrapped(nodes.superscript(), token)

    def render_sub(self, token: SyntaxTreeNode) -> None:
        self._render_wrapped(nodes.subscript(), token)

    def render_s(self, token: SyntaxTreeNode) -> None:
        """``~~text~~``: an inline with class ``del`` (``<del>`` in HTML, ``\\sout`` in LaTeX)."""
        self._render_wrapped(strikethrough(classes=[STRIKE_CLASS]), token)

    def render_strong(self, token: SyntaxTreeNode) -> None:
        node = nodes.strong(classes=["bcp14"] if token.meta.get("bcp14") else [])
        self._render_wrapped(node, token)

    def _render_wrapped(self, node: nodes.Element, token: SyntaxTreeNode) -> None:
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    # -- breaks and comments -----------------------------------------------------

    def render_mmark_break(self, token: SyntaxTreeNode) -> None:
        node = line_break()
        self.add_line_and_source_path(node, token)
        self.current_node.append(node)

    def render_mmark_comment(self, token: SyntaxTreeNode) -> None:
        """HTML comments are dropped."""

    def render_mmark_comment_block(self, token: SyntaxTreeNode) -> None:
        """HTML comments are dropped."""

    # -- index entries -----------------------------------------------------------

    def render_mmark_index(self, token: SyntaxTreeNode) -> None:
        """An index node pointing at a target right after it, the two in an inline of their
        own (:func:`own_inline`)."""
        target_id = f"index-{self.sphinx_env.new_serialno('index')}"
        target = nodes.target("", "", ids=[target_id])
        self.add_line_and_source_path(target, token)
        index = self._index_node(token, target_id, inline=True)
        title = _enclosing_title(self.current_node)
        if title is not None:
            # Sphinx's LaTeX builder moves each index node out of a section title, and
            # fails on one that is not a child of the title itself (in emphasis, say)
            title.append(index)
            self.current_node.append(target)
            return
        self.current_node.append(own_inline(index, target))

    def render_mmark_index_paragraph(self, token: SyntaxTreeNode) -> None:
        """A paragraph of index entries only: no paragraph, just the entries.

        Directly after a heading, the entries point at the whole section.
        """
        entries = [
            child
            for inline in token.children
            for child in inline.children
            if child.type == "mmark_index"
        ]
        section = self.current_node
        if token.meta.get("section") and isinstance(section, nodes.section) and section["ids"]:
            for entry in entries:
                section.append(self._index_node(entry, section["ids"][0], inline=False))
            return
        for entry in entries:
            self.render_mmark_index(entry)

    def _index_node(self, token: SyntaxTreeNode, target_id: str, *, inline: bool) -> addnodes.index:
        item, subitem = str(token.meta["item"]), str(token.meta["subitem"])
        value = f"{item}; {subitem}" if subitem else item
        main = "main" if token.meta.get("primary") else ""
        node = addnodes.index(entries=[("single", value, target_id, main, None)], inline=inline)
        self.add_line_and_source_path(node, token)
        return node

    # -- images ------------------------------------------------------------------

    def render_image(self, token: SyntaxTreeNode) -> None:
        super().render_image(token)
        image = cast(nodes.Element, self.current_node.children[-1])
        if "://" in str(image.get("uri", "")):
            image[REMOTE_FLAG] = True

    def renderInlineAsText(self, tokens: list[SyntaxTreeNode]) -> str:  # noqa: N802
        """An image description as text; an inline note in it keeps its text (a note
        cannot be referenced from an image, and mmark keeps the text too)."""
        pieces: list[str] = []
        for token in tokens or []:
            if token.type == "footnote_ref" and "label" not in token.meta:
                note = SyntaxTreeNode(self._inline_note_tokens(token.meta["id"]))
                pieces.append(self.renderInlineAsText(note.children))
            else:
                pieces.append(super().renderInlineAsText([token]))
        return "".join(pieces)

    def _inline_note_tokens(self, note_id: object) -> list[Token]:
        """The parsed text of the inline note ``note_id`` (kept by the footnote rule)."""
        entry = self.md_env.get("footnotes", {}).get("list", {}).get(note_id, {})
        return list(entry.get("tokens") or [])


def _enclosing_title(node: nodes.Element) -> nodes.title | None:
    """The title ``node`` is in (or is), if any."""
    while node is not None and not isinstance(node, nodes.title):
        node = node.parent
    return node


def own_inline(*children: nodes.Node) -> nodes.inline:
    """``children`` (a target and what goes with it) in an inline with no classes of its own.

    Docutils' ``PropagateTargets``, Sphinx's ``ReorderConsecutiveTargetAndIndexNodes`` and
    its LaTeX writer look up each target among its siblings, at a cost that grows with their
    number: thousands of index entries or callouts side by side in one paragraph, section
    or code block would make a read quadratic. In an inline of their own they have one
    sibling. The inline adds nothing to the output (``<span>`` in HTML, nothing in LaTeX), and
    a target in it stays where it is (no longer moved onto the next block).
    """
    return nodes.inline("", "", *children)

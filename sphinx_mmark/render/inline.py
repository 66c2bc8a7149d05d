"""Render methods for mmark inline constructs: super/subscript, strikethrough, BCP 14 keywords,
breaks, comments, callouts, index entries (issues 3 and 5).

A mixin of :class:`sphinx_mmark.render.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of the matching syntax module into docutils nodes.
Everything produced is a standard docutils / Sphinx node (or :class:`line_break`,
see :mod:`sphinx_mmark.nodes.inline`), so HTML, LaTeX, text and man all work.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from sphinx import addnodes

from ..nodes.inline import CALLOUT_CLASS, STRIKE_CLASS, line_break, strikethrough
from ..parse.syntax.callouts import code_pattern, split_code
from ..warnings_ import MmarkWarning

if TYPE_CHECKING:
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

    _Base = SphinxRenderer
else:
    _Base = object


@dataclass
class _Callouts:
    """Callouts of one document: markers in code and references in prose, in order."""

    position: int = 0
    blocks: int = 0
    # number -> [(position, target id)]
    targets: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    # (position, number, reference node)
    references: list[tuple[int, int, nodes.Element]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    # base id -> the suffix last given to it (0: none)
    suffixes: dict[str, int] = field(default_factory=dict)


class InlineRenderMixin(_Base):
    """``render_*`` methods; see the module docstring."""

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        super().setup_render(options, env)
        self._callouts = _Callouts()

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
        own (:func:`_own_inline`)."""
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
        self.current_node.append(_own_inline(index, target))

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

    # -- callouts ------------------------------------------------------------------

    def render_mmark_callout_ref(self, token: SyntaxTreeNode) -> None:
        number = int(token.meta["number"])
        marker = nodes.inline(token.content, str(number), classes=[CALLOUT_CLASS])
        self.add_line_and_source_path(marker, token)
        state = self._callouts
        state.position += 1
        state.references.append((state.position, number, marker))
        self.current_node.append(marker)

    def render_code_block(self, token: SyntaxTreeNode) -> None:
        """An indented code block, with its callouts."""
        super().render_code_block(token)
        last = self.current_node.children[-1]
        if isinstance(last, nodes.literal_block):
            self.code_callouts(last, token)  # changes it in place

    def code_callouts(self, node: nodes.Element, token: SyntaxTreeNode | None) -> nodes.Element:
        """Turn the callouts in a code block into markers; the hook for every code block.

        Returns ``node`` itself, changed in place. A block with callouts keeps
        its ``language`` but is no longer syntax-highlighted (as in mmark).
        """
        if not isinstance(node, nodes.literal_block):
            return node
        flavour = str(self.md_env.get("flavour", "v2"))
        setting = _block_attribute(token, "callout") if token is not None else None
        pattern = code_pattern(flavour, setting)
        if pattern is None:
            return node
        source = node.astext()
        pieces = split_code(source, pattern)
        if all(isinstance(piece, str) for piece in pieces):
            return node
        state = self._callouts
        state.blocks += 1
        state.position += 1
        node.children = []
        for piece in pieces:
            if isinstance(piece, str):
                node += nodes.Text(piece)
                continue
            target_id = self._callout_id(state.blocks, piece)
            state.targets.setdefault(piece, []).append((state.position, target_id))
            marker = nodes.inline(str(piece), str(piece), classes=[CALLOUT_CLASS])
            node += _own_inline(nodes.target("", "", ids=[target_id]), marker)
        node.rawsource = source
        return node

    def _callout_id(self, block: int, number: int) -> str:
        """``callout-<block>-<number>``, with the first free suffix when that is taken.

        The search goes on from the suffix last given to the same base (the ones before
        it are taken), so a number repeated k times in a block costs k tries, not k².
        """
        state = self._callouts
        base = f"callout-{block}-{number}"
        suffix = state.suffixes.get(base, 0)
        candidate = f"{base}-{suffix}" if suffix else base
        while candidate in self.document.ids or candidate in state.ids:
            suffix += 1
            candidate = f"{base}-{suffix}"
        state.suffixes[base] = suffix
        state.ids.add(candidate)
        return candidate

    def _link_callouts(self) -> None:
        """Link each prose reference to its callout (nearest block before, else after)."""
        state = self._callouts
        # id of a parent -> (the parent, id of a marker in it -> the reference to put it in)
        links: dict[int, tuple[nodes.Element, dict[int, nodes.Element]]] = {}
        for position, number, marker in state.references:
            chosen = _nearest_target(state.targets.get(number, []), position)
            if chosen is None:
                self.mmark_warning(
                    f"callout {marker.rawsource} has no matching callout in a code block",
                    MmarkWarning.REF,
                    marker.line,
                )
                continue
            ref = nodes.reference("", "", refid=chosen, internal=True)
            ref.source, ref.line = marker.source, marker.line
            parent = marker.parent
            if parent is not None:
                links.setdefault(id(parent), (parent, {}))[1][id(marker)] = ref
        for parent, wrappers in links.values():
            _wrap_children(parent, wrappers)

    def _render_finalise(self) -> None:
        self._link_callouts()
        super()._render_finalise()


def _enclosing_title(node: nodes.Element) -> nodes.title | None:
    """The title ``node`` is in (or is), if any."""
    while node is not None and not isinstance(node, nodes.title):
        node = node.parent
    return node


def _own_inline(*children: nodes.Node) -> nodes.inline:
    """``children`` (a target and what goes with it) in an inline with no classes of its own.

    Docutils' ``PropagateTargets``, Sphinx's ``ReorderConsecutiveTargetAndIndexNodes`` and
    its LaTeX writer look up each target among its siblings, at a cost that grows with their
    number: thousands of index entries or callouts side by side in one paragraph, section
    or code block would make a read quadratic. In an inline of their own they have one
    sibling. The inline adds nothing to the output (``<span>`` in HTML, nothing in LaTeX), and
    a target in it stays where it is (no longer moved onto the next block).
    """
    return nodes.inline("", "", *children)


def _wrap_children(parent: nodes.Element, wrappers: dict[int, nodes.Element]) -> None:
    """Put each child of ``parent`` whose ``id()`` is a key of ``wrappers`` into that wrapper,
    in its place. One pass over the children (replacing them one by one looks each up in
    the list: quadratic for a paragraph of many callout references)."""
    children = parent.children
    parent.children = []
    for child in children:
        wrapper = wrappers.get(id(child))
        if wrapper is not None:
            wrapper += child
            child = wrapper
        parent += child


def _nearest_target(targets: list[tuple[int, str]], position: int) -> str | None:
    """The id of the last of ``targets`` (``(position, id)``, in order) before ``position``,
    else of the first after it; None when there are none. A binary search: a long
    document with many references to one number stays linear."""
    index = bisect.bisect_left(targets, position, key=lambda target: target[0])
    if index > 0:
        return targets[index - 1][1]
    return targets[0][1] if targets else None


def _block_attribute(token: SyntaxTreeNode, name: str) -> str | None:
    """The block attribute ``name`` of a code block (``{callout="//"}`` before it).

    :mod:`sphinx_mmark.parse.syntax.attributes` copies every key to the block's
    opening token as a ``dict`` in ``meta["attributes"]`` (``"mmark_attrs"`` in
    its first version).
    """
    for key in ("attributes", "mmark_attrs"):
        attributes = token.meta.get(key)
        if isinstance(attributes, dict) and name in attributes:
            return str(attributes[name])
    return None

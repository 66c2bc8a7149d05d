"""Render methods for mmark block constructs: block attributes, captions, figures and subfigures,
tables, horizontal rules (issue 3).

A concern class of :class:`sphinx_mmark.render.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of the matching syntax module into docutils nodes.

* ``mmark_attrs`` (:mod:`~sphinx_mmark.parse.syntax.attributes`): the wrapped block is
  rendered, then its node gets the id (a referencable target) and classes;
  ``start`` and ``type`` reach an enumerated list. Other keys only reach the
  rules that read them (``callout``); docutils nodes have nowhere to put them,
  so the pairs on a list are also left for the ``rfcxml`` builder
  (:class:`~sphinx_mmark.nodes.rfcxml_payload.BlockAttributes`).
* ``mmark_captioned`` (:mod:`~sphinx_mmark.parse.syntax.captions`): a table gets a
  ``title``; a code block becomes Sphinx's captioned code block (a
  ``literal-block-wrapper`` container, numbered "Listing N"); a figure group
  gets a ``caption``; a block quote gets an ``attribution``.
* ``mmark_figure`` (:mod:`~sphinx_mmark.parse.syntax.figures`): a ``figure`` node;
  paragraphs that only hold images give their images to the figure.
* ``table`` (:mod:`~sphinx_mmark.parse.syntax.tables`): headerless tables, ``morecols``
  spans and a :class:`~sphinx_mmark.nodes.blocks.table_footer`.
* ``hr``: a transition anywhere, even where docutils wants none (see :meth:`render_hr`).
* ``math_block`` (:mod:`~sphinx_mmark.parse.syntax.math`): a ``math_block`` node,
  ``nowrap`` when the TeX brings its own display environment (``\\begin{align}``),
  so that Sphinx writes it as is in LaTeX and for MathJax; TeX with its own ``\\tag``
  is written, ``nowrap``, inside the environment the parser chose (``equation*``,
  ``gather*`` or ``align*``: Sphinx's ``split`` rejects a tag).

Ids given in mmark (block attributes, ``{#id}`` in captions) are listed in
``document["mmark_block_ids"]`` for :mod:`sphinx_mmark.sphinx_ext.xrefs`.
"""

from __future__ import annotations

from typing import cast

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line

from ..nodes.blocks import table_footer
from ..nodes.rfcxml_payload import BlockAttributes, attach
from ..parse.syntax.attributes import Attributes
from ..warnings_ import MmarkWarning
from .base import RendererBase

_LIST_TYPES = {
    "1": "arabic",
    "a": "loweralpha",
    "A": "upperalpha",
    "i": "lowerroman",
    "I": "upperroman",
}


class BlockRendering(RendererBase):
    """``render_*`` methods; see the module docstring."""

    # -- warnings left by the rules ---------------------------------------------

    def render_mmark_syntax_warning(self, token: SyntaxTreeNode) -> None:
        """Log a warning that a rule attached to the text it kept (see ``warning_tokens``)."""
        subtype = MmarkWarning(str(token.meta.get("subtype", "syntax")))
        self.mmark_warning(str(token.meta["message"]), subtype, token_line(token, 0))

    # -- block attributes -------------------------------------------------------

    def render_mmark_attrs(self, token: SyntaxTreeNode) -> None:
        attributes = cast(Attributes, token.meta["attrs"])
        node = self._render_one_block(token.children)
        line = token_line(token, 0)
        if node is None:
            self.mmark_warning(
                f"block attributes {attributes.source} apply to nothing that can carry them",
                MmarkWarning.SYNTAX,
                line,
            )
            return
        self._apply_attributes(node, attributes, line)
        if isinstance(node, nodes.enumerated_list):
            self._list_attributes(node, attributes, line)
        if attributes.pairs and isinstance(
            node, nodes.enumerated_list | nodes.bullet_list | nodes.definition_list
        ):
            # for the rfcxml builder: <ol type="Step %d:">, spacing, group, indent…
            attach(node, BlockAttributes(tuple(attributes.pairs.items())))
        if isinstance(node, nodes.block_quote) and not node.children:
            # Sphinx unwraps a quote of doctest blocks only, so also an empty one, and
            # docutils refuses to drop its id and classes: an (invisible) comment keeps it
            node += nodes.comment()

    def _render_one_block(self, tokens: list[SyntaxTreeNode]) -> nodes.Element | None:
        """Render ``tokens``; the first element they added, if any."""
        parent = self.current_node
        before = len(parent.children)
        for token in tokens:
            render = self.rules.get(f"render_{token.type}")
            if render is None:
                self.mmark_warning(
                    f"no render method for {token.type}",
                    MmarkWarning.MARKDOWN,
                    token_line(token, 0),
                )
                continue
            render(token)
        if self.current_node is not parent:  # the block opened a section
            return self.current_node
        for child in parent.children[before:]:
            if isinstance(child, nodes.Element) and not isinstance(child, nodes.system_message):
                return child
        return None

    def _apply_attributes(self, node: nodes.Element, attributes: Attributes, line: int) -> None:
        for cls in attributes.classes:
            if cls not in node["classes"]:
                node["classes"].append(cls)
        if attributes.id:
            self._give_id(node, attributes.id, line)

    def _list_attributes(
        self, node: nodes.enumerated_list, attributes: Attributes, line: int
    ) -> None:
        start = attributes.pairs.get("start")
        if start is not None:
            if start.isdigit():
                node["start"] = int(start)
            else:
                self.mmark_warning(
                    f"list start must be a number, not {start!r}", MmarkWarning.SYNTAX, line
                )
        kind = attributes.pairs.get("type")
        if kind in _LIST_TYPES:
            node["enumtype"] = _LIST_TYPES[kind]

    # -- captions -----------------------------------------------------------------

    def render_mmark_captioned(self, token: SyntaxTreeNode) -> None:
        *blocks, caption = token.children
        parent = self.current_node
        node = self._render_one_block(blocks)
        kind = str(token.meta["kind"])
        line = token_line(caption, 0)
        if node is None:
            self.render_mmark_caption(caption)
            return
        if kind == "table" and isinstance(node, nodes.table):
            title = self._caption_node(nodes.title(), caption)
            node.insert(0, title)
        elif kind == "quote" and isinstance(node, nodes.block_quote):
            node += self._caption_node(nodes.attribution(), caption)
        elif kind == "figure" and isinstance(node, nodes.figure):
            node += self._caption_node(nodes.caption(), caption)
        elif kind == "figure" and isinstance(node, nodes.literal_block):
            wrapper = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
            self.add_line_and_source_path(wrapper, caption)
            parent.replace(node, wrapper)
            wrapper += self._caption_node(nodes.caption(), caption)
            wrapper += node
            node = wrapper
        else:  # the block became something that cannot carry this caption
            self.render_mmark_caption(caption)
            return
        attributes = caption.meta.get("attrs")
        if isinstance(attributes, Attributes):
            self._apply_attributes(node, attributes, line)

    def _caption_node(self, node: nodes.TextElement, caption: SyntaxTreeNode) -> nodes.TextElement:
        self.add_line_and_source_path(node, caption)
        with self.current_node_context(node):
            self.render_children(caption)
        node.rawsource = node.astext()
        return node

    def render_mmark_caption(self, token: SyntaxTreeNode) -> None:
        """A caption outside ``mmark_captioned`` (never made by the rules): its text."""
        paragraph = nodes.paragraph()
        self.add_line_and_source_path(paragraph, token)
        paragraph += nodes.Text(str(token.meta.get("source", "")))
        self.current_node.append(paragraph)

    # -- figure groups --------------------------------------------------------------

    def render_mmark_figure(self, token: SyntaxTreeNode) -> None:
        figure = nodes.figure(classes=["mmark-figure"])
        self.add_line_and_source_path(figure, token)
        with self.current_node_context(figure, append=True):
            self.render_children(token)
        for child in list(figure.children):
            if isinstance(child, nodes.paragraph) and _only_images(child):
                child.replace_self([c for c in child.children if isinstance(c, nodes.image)])

    # -- tables ---------------------------------------------------------------------

    def render_table(self, token: SyntaxTreeNode) -> None:
        groups = {child.type: child for child in token.children}
        rows = [row for group in token.children for row in group.children]
        columns = max((sum(_span(cell) for cell in row.children) for row in rows), default=1)
        table = nodes.table(classes=["colwidths-auto"])
        self.add_line_and_source_path(table, token)
        self.current_node.append(table)
        tgroup = nodes.tgroup(cols=columns)
        table += tgroup
        for _ in range(columns):
            tgroup += nodes.colspec(colwidth=max(1, 100 // columns))
        parts: list[tuple[str, type[nodes.Element]]] = [
            ("thead", nodes.thead),
            ("tbody", nodes.tbody),
            ("tfoot", table_footer),
        ]
        for name, node_class in parts:
            group = groups.get(name)
            # a header-only table keeps an empty tbody (mmark's HTML has one too):
            # docutils' table model and Sphinx's LaTeX footnote visitor expect it
            if group is None and name != "tbody":
                continue
            part = node_class()
            tgroup += part
            for row in group.children if group is not None else []:
                self._table_row(part, row)

    def _table_row(self, part: nodes.Element, token: SyntaxTreeNode) -> None:
        row = nodes.row()
        part += row
        for cell in token.children:
            entry = nodes.entry()
            self.add_line_and_source_path(entry, cell)
            if _span(cell) > 1:
                entry["morecols"] = _span(cell) - 1
            style = str(cell.attrGet("style") or "")
            if style.startswith("text-align:"):
                entry["classes"].append(f"text-{style.split(':', 1)[1]}")
            paragraph = nodes.paragraph()
            self.add_line_and_source_path(paragraph, cell)
            entry += paragraph
            row += entry
            with self.current_node_context(paragraph):
                self.render_children(cell)

    # -- display math -----------------------------------------------------------

    def render_math_block(self, token: SyntaxTreeNode) -> None:
        """Display math; ``nowrap`` when the parser found its own environment in it, or
        chose one for it (``meta["environment"]``, around TeX with a ``\\tag``)."""
        content = token.content
        environment = token.meta.get("environment")
        if environment:
            content = f"\\begin{{{environment}}}\n{content}\n\\end{{{environment}}}"
        nowrap = bool(token.meta.get("nowrap"))
        node = nodes.math_block(content, content, nowrap=nowrap, number=None)
        self.add_line_and_source_path(node, token)
        self.current_node.append(node)

    # -- rules ------------------------------------------------------------------

    def render_hr(self, token: SyntaxTreeNode) -> None:
        """A horizontal rule: mmark allows one anywhere, docutils not at every place.

        A rule right after a heading, right after another rule, or last in the
        document is a normal thing in a blog post; an empty comment (invisible in
        every output) gives the transition the body element docutils wants beside it.
        """
        parent = self.current_node
        previous = parent.children[-1] if parent.children else None
        if isinstance(parent, nodes.document | nodes.section) and (
            previous is None or isinstance(previous, nodes.title | nodes.meta | nodes.transition)
        ):
            parent.append(nodes.comment())
        super().render_hr(token)

    def _end_after_last_rule(self) -> None:
        """A page may end with a rule: an empty comment after it gives docutils the body
        element it wants after a transition (see :meth:`render_hr`)."""
        last = self.document.children[-1] if self.document.children else None
        while isinstance(last, nodes.section) and last.children:
            last = last.children[-1]
        if isinstance(last, nodes.transition) and last.parent is not None:
            last.parent.append(nodes.comment())


def _span(cell: SyntaxTreeNode) -> int:
    value = cell.attrGet("colspan")
    return int(value) if value is not None else 1


def _only_images(paragraph: nodes.paragraph) -> bool:
    has_image = False
    for child in paragraph.children:
        if isinstance(child, nodes.image):
            has_image = True
        elif not (isinstance(child, nodes.Text) and not child.astext().strip()):
            return False
    return has_image

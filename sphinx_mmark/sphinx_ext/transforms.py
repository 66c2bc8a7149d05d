"""Transforms that adapt the renderer's nodes to what a builder can write.

* :class:`SpreadSpannedCells`: the man page writer cannot span table cells;
  for it a cell spanning ``n`` columns becomes the cell and ``n - 1`` empty ones.
* :class:`EnsureTableBody`: every table group gets a ``tbody``. The renderer
  always makes one (a header-only table has an empty body, as in mmark's HTML);
  this transform gives one to tables of other parsers too (MyST-Parser makes none
  for a header-only table), because Sphinx's LaTeX footnote handling
  (``LaTeXFootnoteVisitor.depart_table``) fails on a table without one.
* :class:`EmbedsAsLinks`: an :class:`~sphinx_mmark.nodes.embeds.embed` becomes a
  paragraph with a link to the embedded page where the output is not HTML.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..environment import current_builder
from ..nodes.blocks import table_footer
from ..nodes.embeds import embed


class SpreadSpannedCells(SphinxPostTransform):
    """Replace column spans by empty cells for the man builder (see the module docstring)."""

    default_priority = 200
    builders = ("man",)

    def run(self, **kwargs: Any) -> None:
        for entry in list(self.document.findall(nodes.entry)):
            extra = int(entry.attributes.pop("morecols", 0) or 0)
            if extra > 0:
                parent = entry.parent
                position = parent.index(entry) + 1
                for _ in range(extra):
                    parent.insert(position, nodes.entry("", nodes.paragraph()))


class EnsureTableBody(SphinxTransform):
    """Add an empty ``tbody`` to a ``tgroup`` without one (see the module docstring)."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        for tgroup in list(self.document.findall(nodes.tgroup)):
            if any(isinstance(child, nodes.tbody) for child in tgroup.children):
                continue
            body = nodes.tbody()
            body.source, body.line = tgroup.source, tgroup.line
            footers = [
                i for i, child in enumerate(tgroup.children) if isinstance(child, table_footer)
            ]
            tgroup.insert(footers[0] if footers else len(tgroup.children), body)


class EmbedsAsLinks(SphinxPostTransform):
    """Replace :class:`~sphinx_mmark.nodes.embeds.embed` nodes by a link where the
    output is not HTML."""

    default_priority = 200

    def is_supported(self) -> bool:
        return current_builder(self.env).format != "html"

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(embed)):
            node.replace_self(_embed_link(node))


def _embed_link(node: embed) -> nodes.paragraph:
    """A paragraph holding a link to the embedded page, labelled as the embed."""
    label = str(node["label"])
    reference = nodes.reference(label, label, refuri=node["url"])
    para = nodes.paragraph("", "", reference, classes=["hugo-embed-link"])
    para.source, para.line = node.source, node.line
    return para


def setup_transforms(app: Sphinx) -> None:
    """Register the table and embed transforms."""
    app.add_post_transform(SpreadSpannedCells)
    app.add_transform(EnsureTableBody)
    app.add_post_transform(EmbedsAsLinks)

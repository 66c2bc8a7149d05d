"""Sphinx side of mmark's block constructs: the table footer node, numbering.

* :class:`table_footer`: rows after a table's ``===`` line. docutils has no
  footer group, so this node sits in the ``tgroup`` after ``tbody``; HTML
  writes ``<tfoot>``, LaTeX adds the rows after a mid rule, text/man/texinfo write
  them as body rows.
* ``mmark_numfig`` (default on): tables, figures and captioned code are
  numbered as in mmark's output, so :func:`enable_numfig` turns on Sphinx's
  ``numfig`` and makes ``Figure %s`` the default figure label (mmark and RFCs
  say "Figure 1", Sphinx's default is "Fig. 1"; a ``numfig_format`` of the
  project's own wins).
* :class:`SpreadSpannedCells`: the man page writer cannot span table cells;
  for it a cell spanning ``n`` columns becomes the cell and ``n - 1`` empty ones.
* :class:`EnsureTableBody`: every table group gets a ``tbody``. The renderer
  always makes one (a header-only table has an empty body, as in mmark's HTML);
  this transform gives one to tables of other parsers too (MyST-Parser makes none
  for a header-only table), because Sphinx's LaTeX footnote handling
  (``LaTeXFootnoteVisitor.depart_table``) fails on a table without one.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform


class table_footer(nodes.Part, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """Footer rows of a table (``<tfoot>``); a child of ``tgroup``, after ``tbody``."""


def _html_visit(self: Any, node: table_footer) -> None:
    self.body.append(self.starttag(node, "tfoot"))


def _html_depart(self: Any, node: table_footer) -> None:
    self.body.append("</tfoot>\n")


def _latex_visit(self: Any, node: table_footer) -> None:
    self.visit_tbody(node)
    self.body.append(r"\sphinxmidrule")


def _as_body_visit(self: Any, node: table_footer) -> None:
    self.visit_tbody(node)


def _as_body_depart(self: Any, node: table_footer) -> None:
    self.depart_tbody(node)


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


def enable_numfig(app: Sphinx, config: Config) -> None:
    """Turn on ``numfig`` unless ``mmark_numfig`` is False (see the module docstring)."""
    if config.mmark_numfig is not True:
        return
    config.numfig = True
    formats = dict(config.numfig_format or {})
    formats.setdefault("figure", "Figure %s")
    config.numfig_format = formats


def setup_blocks(app: Sphinx) -> None:
    """Register the footer node and the numbering default."""
    body = (_as_body_visit, _as_body_depart)
    app.add_node(
        table_footer,
        html=(_html_visit, _html_depart),
        latex=(_latex_visit, _as_body_depart),
        text=body,
        man=body,
        texinfo=body,
    )
    app.add_post_transform(SpreadSpannedCells)
    app.add_transform(EnsureTableBody)
    # before Sphinx fills in its default numfig_format (priority 800)
    app.connect("config-inited", enable_numfig, priority=700)

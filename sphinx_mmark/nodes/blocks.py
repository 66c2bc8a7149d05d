"""The table footer node of mmark's block constructs, and how each writer shows it.

:class:`table_footer` holds the rows after a table's ``===`` line. docutils has
no footer group, so this node sits in the ``tgroup`` after ``tbody``; HTML
writes ``<tfoot>``, LaTeX adds the rows after a mid rule, text/man/texinfo write
them as body rows. (Numbering and the table transforms are Sphinx wiring:
:mod:`sphinx_mmark.sphinx_ext.numbering`, :mod:`sphinx_mmark.sphinx_ext.transforms`.)
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .visitors import add_node


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


def add_block_nodes(app: Sphinx) -> None:
    """Register the footer node: its own rows in HTML and LaTeX, body rows elsewhere."""
    add_node(
        app,
        table_footer,
        (_as_body_visit, _as_body_depart),
        html=(_html_visit, _html_depart),
        latex=(_latex_visit, _as_body_depart),
    )

"""How each writer shows mmark's document structure (issue 3), and the assets it needs.

* :class:`~sphinx_mmark.nodes.division` (``{frontmatter}`` …) writes nothing in
  HTML, text, man and Texinfo; in LaTeX it switches page numbering and section
  numbering (``\\sphinxmmarkfrontmatter`` …, from ``sphinxmmarkstructure.sty``),
  unless ``mmark_latex_divisions`` is off.
* :class:`~sphinx_mmark.nodes.task_checkbox` gets a visitor per writer.
* Sections that are never numbered carry the class :data:`UNNUMBERED`; which
  sections those are, and how numbering leaves them out, is Sphinx wiring:
  :mod:`sphinx_mmark.sphinx_ext.numbering`.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..config import mmark_settings
from . import division, task_checkbox
from .assets import register_assets
from .visitors import SKIPPED, add_node, ignore, writes

UNNUMBERED = "mmark-unnumbered"
"""Class of sections that are never numbered."""

_CSS = "sphinx-mmark-structure.css"
_STY = "sphinxmmarkstructure"


def _visit_division_latex(self: Any, node: division) -> None:
    if mmark_settings(self.config).latex_divisions:
        self.body.append(f"\n\\sphinxmmark{node['kind']}\n")
    raise nodes.SkipNode


def _task_html(node: task_checkbox) -> str:
    checked = ' checked="checked"' if node["checked"] else ""
    return f'<input class="task-list-item-checkbox" type="checkbox" disabled="disabled"{checked} />'


def _task_latex(node: task_checkbox) -> str:
    return "\\sphinxmmarktaskdone{} " if node["checked"] else "\\sphinxmmarktaskopen{} "


def _task_plain(node: task_checkbox) -> str:
    return "[x] " if node["checked"] else "[ ] "


def add_structure_nodes(app: Sphinx) -> None:
    """Register the division and checkbox nodes, the stylesheet and the LaTeX package."""
    add_node(app, division, SKIPPED, latex=(_visit_division_latex, ignore))
    add_node(
        app,
        task_checkbox,
        (writes(_task_plain), ignore),
        html=(writes(_task_html), ignore),
        latex=(writes(_task_latex), ignore),
    )
    register_assets(app, _CSS, _STY)

"""What the inline constructs need from Sphinx's writers: a line-break node, CSS, LaTeX macros.

* :class:`line_break` (``<br>``): ``<br />`` in HTML, ``\\newline`` in LaTeX
  (safe in table cells, unlike ``\\\\``), ``.br`` in man pages, a new line in
  text and Texinfo.
* :class:`strikethrough` (``~~x~~``), an ``inline`` with class ``del``:
  ``<del>`` in HTML; in LaTeX Sphinx writes ``\\DUrole{del}{…}``, which
  ``sphinxmmarkinline.sty`` maps to ulem's ``\\sout``; other writers fall
  back to their ``inline`` visitor.
* Callout markers are an ``inline`` with class ``callout``: a small circled
  number (CSS in HTML, ``\\DUrolecallout`` in LaTeX).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .assets import register_assets
from .visitors import SKIPPED, add_node, ignore, writes_fixed

STRIKE_CLASS = "del"
CALLOUT_CLASS = "callout"

_CSS = "sphinx-mmark-inline.css"
_STY = "sphinxmmarkinline"


class strikethrough(nodes.inline):  # noqa: N801
    """``~~text~~``: ``<del>`` in HTML; other writers treat it as an ``inline``
    with class ``del`` (``\\DUrole{del}`` → ``\\sout`` in LaTeX)."""


def _visit_strike_html(self: Any, node: strikethrough) -> None:
    self.body.append(self.starttag(node, "del", ""))


def _depart_strike_html(self: Any, node: strikethrough) -> None:
    self.body.append("</del>")


class line_break(nodes.Inline, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A hard line break inside a paragraph (mmark's ``<br>``)."""


_LINE_BREAKS = {
    "html": "<br />\n",
    "latex": "\\newline{}\n",
    "text": "\n",
    "man": "\n.br\n",
    "texinfo": "@*\n",
}
"""What a :class:`line_break` writes, per writer."""


def add_inline_nodes(app: Sphinx) -> None:
    """Register the nodes, the stylesheet and the LaTeX package."""
    add_node(
        app,
        line_break,
        SKIPPED,
        **{writer: (writes_fixed(text), ignore) for writer, text in _LINE_BREAKS.items()},
    )
    app.add_node(strikethrough, html=(_visit_strike_html, _depart_strike_html))
    register_assets(app, _CSS, _STY)

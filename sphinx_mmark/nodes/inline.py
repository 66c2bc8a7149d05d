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


def _visit_html(self: Any, node: line_break) -> None:
    self.body.append("<br />\n")
    raise nodes.SkipNode


def _visit_latex(self: Any, node: line_break) -> None:
    self.body.append("\\newline{}\n")
    raise nodes.SkipNode


def _visit_text(self: Any, node: line_break) -> None:
    self.add_text("\n")
    raise nodes.SkipNode


def _visit_man(self: Any, node: line_break) -> None:
    self.body.append("\n.br\n")
    raise nodes.SkipNode


def _visit_texinfo(self: Any, node: line_break) -> None:
    self.body.append("@*\n")
    raise nodes.SkipNode


def _depart(self: Any, node: line_break) -> None:
    pass


def setup_inline(app: Sphinx) -> None:
    """Register the node, the stylesheet and the LaTeX package."""
    app.add_node(
        line_break,
        html=(_visit_html, _depart),
        latex=(_visit_latex, _depart),
        text=(_visit_text, _depart),
        man=(_visit_man, _depart),
        texinfo=(_visit_texinfo, _depart),
    )
    app.add_node(strikethrough, html=(_visit_strike_html, _depart_strike_html))
    register_assets(app, _CSS, _STY)

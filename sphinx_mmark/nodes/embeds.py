"""Embedded media from shortcodes (``youtube``, ``vimeo``, ``gist``).

The renderer makes an :class:`embed` node. HTML builders show the player (an
``<iframe>``) or the gist's script, followed by a plain link for readers
without JavaScript; every other builder (LaTeX, text, man, …) gets only the
link, as a paragraph: :class:`sphinx_mmark.sphinx_ext.transforms.EmbedsAsLinks`
replaces the node before writing, so only HTML has a visitor.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class embed(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """An embedded player or gist: ``kind``, ``url`` (the page), ``label``,
    ``player`` (iframe source) or ``script`` (script source)."""


def visit_embed_html(self: HTML5Translator, node: embed) -> None:
    kind = escape(str(node["kind"]))
    self.body.append(f'<div class="hugo-embed hugo-embed-{kind}">')
    if node.get("player"):
        self.body.append(
            f'<iframe src="{escape(str(node["player"]))}" title="{escape(str(node["label"]))}" '
            'allowfullscreen loading="lazy" '
            'style="width: 100%; aspect-ratio: 16 / 9; border: 0;"></iframe>'
        )
    elif node.get("script"):
        self.body.append(f'<script src="{escape(str(node["script"]))}"></script>')
    self.body.append(
        f'<p class="hugo-embed-link"><a href="{escape(str(node["url"]))}">'
        f"{escape(str(node['label']))}</a></p></div>\n"
    )
    raise nodes.SkipNode


def add_embed_nodes(app: Sphinx) -> None:
    """Register the node with its HTML visitor (other builders never see it)."""
    app.add_node(embed, html=(visit_embed_html, None))

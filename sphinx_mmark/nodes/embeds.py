"""Embedded media from shortcodes (``youtube``, ``vimeo``, ``gist``).

The renderer makes an :class:`embed` node. HTML builders show the player (an
``<iframe>``) or the gist's script, followed by a plain link for readers
without JavaScript; every other builder (LaTeX, text, man, …) gets only the
link, as a paragraph: :class:`EmbedsAsLinks` replaces the node before writing.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ..environment import current_builder


class embed(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """An embedded player or gist: ``kind``, ``url`` (the page), ``label``,
    ``player`` (iframe source) or ``script`` (script source)."""


def _link(node: embed) -> nodes.paragraph:
    label = str(node["label"])
    reference = nodes.reference(label, label, refuri=node["url"])
    para = nodes.paragraph("", "", reference, classes=["hugo-embed-link"])
    para.source, para.line = node.source, node.line
    return para


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


class EmbedsAsLinks(SphinxPostTransform):
    """Replace :class:`embed` nodes by a link where the output is not HTML."""

    default_priority = 200

    def is_supported(self) -> bool:
        return current_builder(self.env).format != "html"

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(embed)):
            node.replace_self(_link(node))


def setup_embeds(app: Sphinx) -> None:
    """Register the node (HTML visitor only) and the transform for other builders."""
    app.add_node(embed, html=(visit_embed_html, None))
    app.add_post_transform(EmbedsAsLinks)

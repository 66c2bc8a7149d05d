"""Raw HTML, block and inline: MyST's raw nodes, or text when docutils' ``raw_enabled`` is off.

With ``raw_enabled = False`` (a docutils setting) an HTML block is shown as a
literal block and inline HTML as text, and one warning per document says so.
"""

from __future__ import annotations

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line

from ..warnings_ import MmarkWarning
from .base import RendererBase


class RawHtmlRendering(RendererBase):
    """``render_html_block`` and ``render_html_inline``; see the module docstring."""

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        if self._raw_allowed(token):
            super().render_html_block(token)
        else:
            node = nodes.literal_block(token.content, token.content)
            self.add_line_and_source_path(node, token)
            self.current_node.append(node)

    def render_html_inline(self, token: SyntaxTreeNode) -> None:
        if self._raw_allowed(token):
            super().render_html_inline(token)
        else:
            self.current_node.append(nodes.Text(token.content))

    def _raw_allowed(self, token: SyntaxTreeNode) -> bool:
        """docutils' ``raw_enabled``: when off, HTML is shown as text (one warning a page)."""
        if self.document.settings.raw_enabled:
            return True
        if not self._raw_warned:
            self._raw_warned = True
            self.mmark_warning(
                "raw HTML is disabled (raw_enabled = False): shown as text",
                MmarkWarning.RAW,
                token_line(token, 0),
            )
        return False

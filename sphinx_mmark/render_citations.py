"""Render methods for title blocks, citations and reference sections (issue 5).

A mixin of :class:`sphinx_mmark.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of the matching syntax module into docutils nodes.
"""

from __future__ import annotations


class CitationRenderMixin:
    """``render_*`` methods; see the module docstring."""

"""Render methods for mmark block constructs: block attributes, captions, figures and subfigures,
tables (issue 3).

A mixin of :class:`sphinx_mmark.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of the matching syntax module into docutils nodes.
"""

from __future__ import annotations


class BlockRenderMixin:
    """``render_*`` methods; see the module docstring."""
